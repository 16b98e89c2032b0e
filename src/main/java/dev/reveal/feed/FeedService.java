package dev.reveal.feed;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.reveal.feed.FeedRows.EventRow;
import dev.reveal.feed.FeedRows.MarketRow;
import dev.reveal.feed.FeedRows.MediaRow;
import dev.reveal.feed.FeedRows.OutcomeRow;
import dev.reveal.feed.FeedViews.EventView;
import dev.reveal.feed.FeedViews.FeedView;
import dev.reveal.catalog.RevealLinks;
import dev.reveal.localization.LocalizationService;
import dev.reveal.platform.Refusal;
import dev.reveal.platform.StaleReads;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The feed per locale, serialized once and served from memory with a strong ETag.
 *
 * <p>Freshness: catalog and odds facts bump a generation after their commit, which retires every cached feed.
 * Time bounds the rest: an entry is rebuilt when the earliest lock time in it passes (so a locked event or
 * market never stays in the feed past its lock, even before a job flips its status) and at the latest after
 * {@code reveal.feed.max-age} (default 2 s), which bounds staleness from writes this instance never hears of
 * (other instances, direct SQL).
 */
@Service
class FeedService {

    private final FeedEvents events;
    private final LocalizationService localization;
    private final RevealLinks links;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration maxAge;
    private final int maxEvents;
    private final AtomicLong generation = new AtomicLong();
    private final Cache<String, CachedFeed> cache;
    private final TransactionTemplate snapshot;

    record CachedFeed(byte[] body, String etag, Instant validUntil, long generation) {
    }

    FeedService(FeedEvents events, LocalizationService localization, RevealLinks links, JsonMapper json, Clock clock, StaleReads reads,
            FeedProperties properties) {
        this.events = events;
        this.localization = localization;
        this.links = links;
        this.json = json;
        this.clock = clock;
        this.maxAge = properties.maxAge();
        this.maxEvents = properties.maxEvents();
        this.cache = Caffeine.newBuilder().maximumSize(256).expireAfterWrite(maxAge).build();
        // One snapshot for all the reads of a build (on the standby when one is configured, as FeedEvents reads), so
        // a market's oddsVersionId and its odds always belong together.
        this.snapshot = reads.snapshot();
    }

    CachedFeed feed(LocaleChain locale) {
        CachedFeed cached = cache.getIfPresent(locale.locale());
        if (fresh(cached)) {
            return cached;
        }
        // compute() lets one caller per locale rebuild while the others for that locale wait for its result.
        return cache.asMap().compute(locale.locale(), (key, old) -> fresh(old) ? old : snapshot.execute(s -> build(locale)));
    }

    /** Retires every cached feed; called after the commit of anything that changes what the feed shows. */
    void invalidate() {
        generation.incrementAndGet();
        cache.invalidateAll();
    }

    EventView event(UUID id, LocaleChain locale) {
        return snapshot.execute(status -> readEvent(id, locale));
    }

    private EventView readEvent(UUID id, LocaleChain locale) {
        Instant now = clock.instant();
        EventRow event = events.published(id).orElseThrow(() -> Refusal.notFound("event", id));
        List<MarketRow> markets = events.publishedMarkets(id);
        List<OutcomeRow> outcomes = events.outcomes(markets.stream().map(MarketRow::id).toList());
        FeedAssembler assembler = new FeedAssembler(locale, localization.texts(keys(markets, outcomes), locale.chain()), now,
                links::signedPlaylist);
        return assembler.detail(event, events.media(List.of(id)), markets, byMarket(outcomes));
    }

    private boolean fresh(CachedFeed feed) {
        return feed != null && feed.generation() == generation.get() && clock.instant().isBefore(feed.validUntil());
    }

    private CachedFeed build(LocaleChain locale) {
        // Read the generation before the data: a fact committed during the build leaves this entry already stale.
        long gen = generation.get();
        Instant now = clock.instant();
        List<EventRow> open = events.openEvents(now, maxEvents);
        List<UUID> eventIds = open.stream().map(EventRow::id).toList();
        List<MarketRow> markets = events.predictableMarkets(eventIds, now);
        List<OutcomeRow> outcomes = events.outcomes(markets.stream().map(MarketRow::id).toList());
        Map<UUID, List<MediaRow>> media = events.media(eventIds).stream()
                .collect(Collectors.groupingBy(MediaRow::eventId));
        Map<UUID, List<MarketRow>> marketsByEvent = markets.stream().collect(Collectors.groupingBy(MarketRow::eventId));
        Map<UUID, List<OutcomeRow>> outcomesByMarket = byMarket(outcomes);

        FeedAssembler assembler = new FeedAssembler(locale, localization.texts(keys(markets, outcomes), locale.chain()), now);
        List<EventView> views = new ArrayList<>(open.size());
        Instant validUntil = now.plus(maxAge);
        for (EventRow e : open) {
            views.add(assembler.feedEntry(e, media.getOrDefault(e.id(), List.of()),
                    marketsByEvent.getOrDefault(e.id(), List.of()), outcomesByMarket));
            validUntil = min(validUntil, e.lockAt());
        }
        for (MarketRow m : markets) {
            validUntil = min(validUntil, m.lockAt());
        }
        byte[] body = json.writeValueAsBytes(new FeedView(locale.locale(), views));
        return new CachedFeed(body, etag(body), validUntil, gen);
    }

    private static Set<String> keys(List<MarketRow> markets, List<OutcomeRow> outcomes) {
        Set<String> keys = new HashSet<>();
        markets.forEach(m -> keys.add(m.questionKey()));
        outcomes.forEach(o -> keys.add(o.labelKey()));
        return keys;
    }

    private static Map<UUID, List<OutcomeRow>> byMarket(List<OutcomeRow> outcomes) {
        return outcomes.stream().collect(Collectors.groupingBy(OutcomeRow::marketId));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
