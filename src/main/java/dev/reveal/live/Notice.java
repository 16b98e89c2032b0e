package dev.reveal.live;

import java.util.List;
import java.util.UUID;

/**
 * What travels through NOTIFY: a kind and ids, never content. Each instance reads the current content itself,
 * which keeps payloads far below PostgreSQL's 8000-byte limit.
 */
record Notice(long id, Kind kind, UUID eventId, UUID marketId, UUID oddsVersionId, String status) {

    enum Kind { ODDS, MARKET, EVENT }

    /** The status a MARKET notice carries when a settled market's result was corrected. */
    static final String CORRECTED = "CORRECTED";

    /** Whether the market closed (or its result changed): its predictors get their results. */
    boolean closesMarket() {
        return kind == Kind.MARKET && List.of("SETTLED", "VOID", CORRECTED).contains(status);
    }

    static Notice odds(UUID marketId, UUID eventId, UUID oddsVersionId) {
        return new Notice(0, Kind.ODDS, eventId, marketId, oddsVersionId, null);
    }

    static Notice market(UUID marketId, UUID eventId, String status) {
        return new Notice(0, Kind.MARKET, eventId, marketId, null, status);
    }

    static Notice event(UUID eventId, String status) {
        return new Notice(0, Kind.EVENT, eventId, null, null, status);
    }

    String encode() {
        return kind + "|" + eventId + "|" + text(marketId) + "|" + text(oddsVersionId) + "|" + (status == null ? "" : status);
    }

    /** Parses {@code id|kind|event|market|odds|status} as sent by {@link LiveNotifier}. */
    static Notice decode(String payload) {
        String[] p = payload.split("\\|", -1);
        return new Notice(Long.parseLong(p[0]), Kind.valueOf(p[1]), uuid(p[2]), uuid(p[3]), uuid(p[4]),
                p[5].isEmpty() ? null : p[5]);
    }

    private static String text(UUID id) {
        return id == null ? "" : id.toString();
    }

    private static UUID uuid(String s) {
        return s.isEmpty() ? null : UUID.fromString(s);
    }
}
