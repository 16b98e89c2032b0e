package dev.reveal.analytics;

/** Why one item of a batch was not stored. */
record RefusedItem(int index, Code code, String reason) implements IngestionRules.Checked {

    enum Code {
        MISSING_EVENT,
        MISSING_EVENT_NAME,
        UNKNOWN_EVENT_TYPE,
        MISSING_OCCURRED_AT,
        INVALID_OCCURRED_AT,
        OCCURRED_AT_OUT_OF_RANGE,
        OCCURRED_BEFORE_SESSION,
        INVALID_ATTRIBUTE_KEY,
        INVALID_ATTRIBUTE_VALUE
    }
}
