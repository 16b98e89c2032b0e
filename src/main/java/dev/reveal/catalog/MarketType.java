package dev.reveal.catalog;

/** Values match markets_market_type_ck; a YES_NO market has exactly two outcomes. */
public enum MarketType {
    YES_NO, MULTIPLE_CHOICE
}
