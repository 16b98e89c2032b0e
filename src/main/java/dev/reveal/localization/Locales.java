package dev.reveal.localization;

import dev.reveal.platform.LocaleCodes;
import java.util.LinkedHashSet;
import java.util.List;

/** Locale codes as the schema stores them ({@code sv}, {@code sv-SE}) and their fallback chain. */
final class Locales {

    static final String DEFAULT = "en";

    private Locales() {
    }

    /** {@code sv-SE → [sv-SE, sv, en]}, {@code en → [en]}: the order in which values are looked for. */
    static List<String> fallbackChain(String locale) {
        LinkedHashSet<String> chain = new LinkedHashSet<>();
        chain.add(locale);
        int dash = locale.indexOf('-');
        if (dash > 0) {
            chain.add(locale.substring(0, dash));
        }
        chain.add(DEFAULT);
        return List.copyOf(chain);
    }
}
