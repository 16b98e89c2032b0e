package dev.reveal.catalog;

/** Values match events_sport_type_ck. */
public enum SportType {
    FOOTBALL, BASKETBALL, ICE_HOCKEY, TENNIS, HANDBALL, AMERICAN_FOOTBALL, BASEBALL, CRICKET, RUGBY, GOLF, MOTORSPORT, OTHER
}
