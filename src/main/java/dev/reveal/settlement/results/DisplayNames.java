package dev.reveal.settlement.results;

/**
 * Leaderboards name players without exposing their external refs (the token subject other systems know them by):
 * at most the first two characters survive, and never more than half of the ref, followed by {@code ***}.
 */
final class DisplayNames {

    static final String MASK = "***";

    private DisplayNames() {
    }

    static String masked(String externalRef) {
        int length = externalRef.codePointCount(0, externalRef.length());
        int keep = Math.min(2, length / 2);
        return externalRef.substring(0, externalRef.offsetByCodePoints(0, keep)) + MASK;
    }
}
