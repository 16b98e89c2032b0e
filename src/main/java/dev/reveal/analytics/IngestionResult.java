package dev.reveal.analytics;

import java.util.List;

/** The answer to a batch: how many items were stored and which were refused, by index, code and reason. */
record IngestionResult(int accepted, int refused, List<RefusedItem> refusedItems) {
}
