package dev.reveal.catalog;

import java.time.Instant;
import java.util.UUID;

/** An event in lists; {@code unsettledMarkets} counts markets neither settled nor void. */
public record EventSummary(UUID id, String sourceRef, SportType sportType, String titleEn, String titleSv, EventStatus status,
                           Instant lockAt, Instant settleAt, int marketCount, int unsettledMarkets) {
}
