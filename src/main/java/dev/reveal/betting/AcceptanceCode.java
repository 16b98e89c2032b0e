package dev.reveal.betting;

/** The answer to a recorded bet intent; values match bet_intents_acceptance_code_ck. */
enum AcceptanceCode {
    ACCEPTED, SESSION_ENDED, MARKET_NOT_OPEN, MARKET_LOCKED, ODDS_CHANGED, ALREADY_PREDICTED;

    boolean accepted() {
        return this == ACCEPTED;
    }
}
