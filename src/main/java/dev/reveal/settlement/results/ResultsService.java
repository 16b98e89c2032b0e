package dev.reveal.settlement.results;

import dev.reveal.platform.Refusal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Reads derived results: a player's summary, leaderboards, and an operator's market statistics. */
@Service
class ResultsService {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    private final Standings standings;
    private final MarketTallies tallies;
    private final Clock clock;

    ResultsService(Standings standings, MarketTallies tallies, Clock clock) {
        this.standings = standings;
        this.tallies = tallies;
        this.clock = clock;
    }

    /** An unknown player (no user row yet) simply has nothing: all zeros. */
    PlayerSummary summary(String externalRef) {
        Standings.SummaryRow row = standings.summary(externalRef);
        return new PlayerSummary(row.predictions(), row.pending(), row.voided(), row.settled(), row.correct(),
                row.accuracy(), row.currentStreak(), row.bestStreak());
    }

    Leaderboard leaderboard(String periodParam, Integer limitParam, String callerRef) {
        LeaderboardPeriod period = LeaderboardPeriod.parse(periodParam)
                .orElseThrow(() -> invalidParameter("period", "must be one of day, week, all"));
        int limit = limitParam == null ? DEFAULT_LIMIT : limitParam;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw invalidParameter("limit", "must be between 1 and " + MAX_LIMIT);
        }
        Instant since = period.since(clock.instant());
        List<Standings.RankRow> rows = standings.leaderboard(since, limit, callerRef);
        List<Leaderboard.Entry> top = rows.stream().filter(r -> r.rank() <= limit).map(ResultsService::entry).toList();
        Leaderboard.Entry me = rows.stream().filter(Standings.RankRow::caller).findFirst().map(ResultsService::entry)
                .orElse(null);
        return new Leaderboard(period.key(), since, limit, top, me);
    }

    MarketStats marketStats(UUID marketId) {
        MarketTallies.Totals totals = tallies.totals(marketId)
                .orElseThrow(() -> Refusal.notFound("market", marketId));
        return new MarketStats(totals.marketId(), totals.status(), totals.lockAt(), totals.winningOutcomeId(),
                totals.intents(), totals.acceptedIntents(), totals.players(), totals.medianMsBeforeLock(),
                tallies.byOutcome(marketId), tallies.byAcceptanceCode(marketId));
    }

    private static Leaderboard.Entry entry(Standings.RankRow row) {
        return new Leaderboard.Entry(row.rank(), DisplayNames.masked(row.externalRef()), row.correct(), row.settled(),
                row.accuracy(), row.reachedAt(), row.caller());
    }

    private static Refusal invalidParameter(String name, String message) {
        return new Refusal(Refusal.Kind.MALFORMED, "INVALID_PARAMETER", name + " " + message,
                List.of(new Refusal.FieldError(name, message)), Map.of());
    }
}
