package dev.reveal.localization;

import java.util.Map;
import java.util.UUID;

/** A localization key with all of its values, by locale. */
record LocalizationKeyView(UUID id, String keyName, String description, Map<String, String> values) {
}
