package dev.reveal.betting;

import java.math.BigDecimal;

/** How far a player lets the odds move between seeing them and the server deciding; matches bet_intents_accept_odds_ck. */
enum AcceptOdds {
    /** Only the version the player saw. */
    EXACT,
    /** A newer version too, when the picked outcome pays at least as much as it did. */
    HIGHER,
    /** Whatever is current. */
    ANY;

    boolean allows(BigDecimal seen, BigDecimal current) {
        return switch (this) {
            case EXACT -> false;
            case HIGHER -> seen != null && current != null && current.compareTo(seen) >= 0;
            case ANY -> true;
        };
    }
}
