package dev.reveal.catalog;

import dev.reveal.audit.AuditEntry;
import dev.reveal.audit.AuditLog;
import dev.reveal.catalog.EventDraft.MarketDraft;
import dev.reveal.catalog.EventDraft.OutcomeDraft;
import dev.reveal.localization.LocalizationService;
import dev.reveal.odds.Odds;
import dev.reveal.odds.OddsService;
import dev.reveal.odds.OddsVersionView;
import dev.reveal.platform.Actor;
import dev.reveal.platform.Cursor;
import dev.reveal.platform.Ids;
import dev.reveal.platform.Page;
import dev.reveal.platform.Refusal;
import dev.reveal.platform.Refusal.FieldError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Events from creation to cancellation. Validation (including the network check of the clip) happens before any
 * transaction starts; the writes of one request then happen in one transaction with their audit rows and facts.
 */
@Service
class EventService {

    private final Events events;
    private final Markets markets;
    private final OddsService odds;
    private final LocalizationService localization;
    private final ClipIngest ingest;
    private final MediaStore store;
    private final MediaKeys keys;
    private final AuditLog audit;
    private final Lifecycle lifecycle;
    private final TransactionTemplate tx;
    private final Clock clock;

    EventService(Events events, Markets markets, OddsService odds, LocalizationService localization, ClipIngest ingest,
                 MediaStore store, MediaKeys keys, AuditLog audit, Lifecycle lifecycle, TransactionTemplate tx,
                 Clock clock) {
        this.events = events;
        this.markets = markets;
        this.odds = odds;
        this.localization = localization;
        this.ingest = ingest;
        this.store = store;
        this.keys = keys;
        this.audit = audit;
        this.lifecycle = lifecycle;
        this.tx = tx;
        this.clock = clock;
    }

    /** The event and whether this call created it (false: an idempotent replay of the same source ref). */
    record Created(EventView event, boolean created) {
    }

    Created create(CreateEventRequest request, Actor actor) {
        if (request.sourceRef() != null) {
            Optional<UUID> existing = events.idBySourceRef(request.sourceRef());
            if (existing.isPresent()) {
                return replay(existing.get(), request);
            }
        }
        Validated v = validated(request);
        EventDraft draft = v.draft();
        Optional<EventView> written = withStoredClip(v.clip(), () -> tx.execute(s -> {
            UUID id = Ids.newId();
            if (events.insertEvent(id, draft).isEmpty()) {
                return Optional.<EventView>empty();
            }
            writeChildren(id, draft, v.clip(), actor);
            audit.record(AuditEntry.of(actor, "EVENT_CREATED", "EVENT", id)
                    .with("newStatus", EventStatus.DRAFT).with("sourceRef", draft.sourceRef())
                    .with("sportType", draft.sportType()).with("marketCount", draft.markets().size())
                    .with("lockAt", draft.lockAt()));
            return Optional.of(view(id));
        }), Optional::isEmpty);
        if (written.isEmpty()) {
            // a concurrent create with the same source ref committed first
            return replay(events.idBySourceRef(request.sourceRef()).orElseThrow(), request);
        }
        return new Created(written.get(), true);
    }

    EventView get(UUID id) {
        return tx.execute(s -> view(id));
    }

    Page<EventSummary> list(Events.ListFilter filter, Integer limit, String cursor) {
        int size = Cursor.limit(limit);
        Cursor after = Cursor.decode(cursor);
        return Page.fetch(size, n -> events.list(filter, after, n),
                last -> new Cursor(last.lockAt(), last.id()).encode());
    }

    List<EventSummary> overdue(int limit) {
        return events.overdue(clock.instant(), limit);
    }

    EventView update(UUID id, CreateEventRequest request, Actor actor) {
        Events.EventRow before = events.find(id).orElseThrow(() -> Refusal.notFound("event", id));
        if (before.status() != EventStatus.DRAFT) {
            // checked again under the row lock below; this spares the validation and the playlist fetch
            throw Refusal.invalidTransition("event", id, before.status().name(), "update");
        }
        Validated v = validated(request);
        EventDraft draft = v.draft();
        List<String> superseded = new ArrayList<>();
        EventView updated = withStoredClip(v.clip(), () -> tx.execute(s -> {
            Events.EventRow current = events.lock(id).orElseThrow(() -> Refusal.notFound("event", id));
            if (current.status() != EventStatus.DRAFT) {
                throw Refusal.invalidTransition("event", id, current.status().name(), "update");
            }
            if (events.hasPredictions(id)) {
                throw Refusal.conflict("EVENT_HAS_PREDICTIONS", "event " + id + " already has predictions");
            }
            if (!events.updateEvent(id, draft)) {
                throw Refusal.conflict("SOURCE_REF_TAKEN", "another event has source ref " + draft.sourceRef());
            }
            odds.discard(markets.idsOfEvent(id));
            superseded.addAll(events.deleteChildren(id));
            writeChildren(id, draft, v.clip(), actor);
            audit.record(AuditEntry.of(actor, "EVENT_UPDATED", "EVENT", id)
                    .with("status", current.status()).with("sourceRef", draft.sourceRef())
                    .with("marketCount", draft.markets().size()).with("lockAt", draft.lockAt()));
            return view(id);
        }), r -> false);
        superseded.forEach(store::delete);
        return updated;
    }

    /**
     * Stores the clip's renditions, then runs the transaction that records them; when it fails (or {@code unused}
     * says its result does not use them) the files go again, so a refused request leaves nothing behind.
     */
    private <T> T withStoredClip(ClipIngest.PreparedClip clip, java.util.function.Supplier<T> write,
                                 java.util.function.Predicate<T> unused) {
        if (clip == null) {
            return write.get();
        }
        store.write(clip.preview().token(), clip.preview().files());
        try {
            store.write(clip.reveal().token(), clip.reveal().files());
        } catch (RuntimeException e) {
            store.delete(clip.preview().token());
            throw e;
        }
        boolean kept = false;
        try {
            T result = write.get();
            kept = !unused.test(result);
            return result;
        } finally {
            if (!kept) {
                store.delete(clip.preview().token());
                store.delete(clip.reveal().token());
            }
        }
    }

    /** DRAFT → OPEN with its markets; refused once the lock time has passed (nobody could predict any more). */
    EventView publish(UUID id, Actor actor) {
        return tx.execute(s -> {
            Events.EventRow e = events.lock(id).orElseThrow(() -> Refusal.notFound("event", id));
            if (!e.status().canBecome(EventStatus.OPEN)) {
                throw Refusal.invalidTransition("event", id, e.status().name(), "publish");
            }
            if (!clock.instant().isBefore(e.lockAt())) {
                throw Refusal.ruleBroken("LOCK_TIME_PASSED",
                        "event " + id + " locks at " + e.lockAt() + ", which has passed; update lockAt first");
            }
            List<Markets.Flip> opened = lifecycle.moveEvent(id, e.status(), EventStatus.OPEN, List.of(MarketStatus.DRAFT),
                    MarketStatus.OPEN);
            audit.record(AuditEntry.of(actor, "EVENT_PUBLISHED", "EVENT", id)
                    .with("oldStatus", e.status()).with("newStatus", EventStatus.OPEN).with("marketCount", opened.size()));
            recordMarketFlips(actor, "MARKET_OPENED", opened, MarketStatus.OPEN, null);
            return view(id);
        });
    }

    /** DRAFT | OPEN | LOCKED → CANCELLED; every market not yet settled or void becomes VOID. */
    EventView cancel(UUID id, String reason, Actor actor) {
        return tx.execute(s -> {
            Events.EventRow e = events.lock(id).orElseThrow(() -> Refusal.notFound("event", id));
            if (!e.status().canBecome(EventStatus.CANCELLED)) {
                throw Refusal.invalidTransition("event", id, e.status().name(), "cancel");
            }
            List<Markets.Flip> voided = lifecycle.moveEvent(id, e.status(), EventStatus.CANCELLED,
                    List.of(MarketStatus.DRAFT, MarketStatus.OPEN, MarketStatus.SUSPENDED, MarketStatus.LOCKED), MarketStatus.VOID);
            audit.record(AuditEntry.of(actor, "EVENT_CANCELLED", "EVENT", id).withNote(reason)
                    .with("oldStatus", e.status()).with("newStatus", EventStatus.CANCELLED).with("voidedMarkets", voided.size()));
            recordMarketFlips(actor, "MARKET_VOIDED", voided, MarketStatus.VOID, "event cancelled");
            return view(id);
        });
    }

    private void recordMarketFlips(Actor actor, String action, List<Markets.Flip> flips, MarketStatus to, String note) {
        if (flips.isEmpty()) {
            return;
        }
        audit.recordAll(flips.stream().map(f -> AuditEntry.of(actor, action, "MARKET", f.marketId()).withNote(note)
                .with("eventId", f.eventId()).with("oldStatus", f.oldStatus()).with("newStatus", to)).toList());
    }

    private void writeChildren(UUID eventId, EventDraft draft, ClipIngest.PreparedClip clip, Actor actor) {
        Events.WrittenEvent written = events.insertChildren(eventId, draft);
        if (clip != null) {
            UUID reveal = events.insertRenditions(eventId, draft.media(), clip.posterUrl(), clip.preview().url(),
                    clip.reveal().url());
            keys.insert(reveal, clip.key(), clip.iv(), clock.instant());
            audit.record(AuditEntry.of(actor, "MEDIA_PREPARED", "EVENT", eventId)
                    .withNote("preview in the clear, reveal encrypted with a new key")
                    .with("cutMs", clip.cutMs()).with("durationMs", clip.durationMs())
                    .with("previewSegments", clip.preview().segmentCount())
                    .with("revealSegments", clip.reveal().segmentCount()).with("revealMediaId", reveal));
        }
        for (int i = 0; i < draft.markets().size(); i++) {
            MarketDraft market = draft.markets().get(i);
            Events.WrittenMarket ids = written.markets().get(i);
            Map<UUID, Odds> prices = new LinkedHashMap<>();
            for (int j = 0; j < market.outcomes().size(); j++) {
                prices.put(ids.outcomeIds().get(j), market.outcomes().get(j).odds());
            }
            odds.publishInitial(ids.marketId(), eventId, prices, actor);
        }
    }

    /** A draft that passed every rule, with its clip cut and encrypted (null when media validation is off). */
    private record Validated(EventDraft draft, ClipIngest.PreparedClip clip) {
    }

    /**
     * All rules; the clip is fetched only when everything else is fine (no network call for a doomed request), and
     * its segments only once its duration fits the windows. Without media validation nothing is prepared: players
     * then get no media for the event, never the source's URL.
     */
    private Validated validated(CreateEventRequest request) {
        Set<String> missing = localization.missingKeys(EventRules.referencedKeys(request));
        List<FieldError> errors = EventRules.check(request, clock.instant(), missing);
        if (!errors.isEmpty()) {
            throw Refusal.invalidFields(errors);
        }
        EventDraft draft = EventRules.draft(request);
        if (!request.mediaValidation()) {
            return new Validated(draft, null);
        }
        HlsProbe.Found source = ingest.probe(draft.media().hlsMasterUrl());
        int duration = source.durationMs();
        if (draft.media().durationMs() == null) {
            draft = draft.withMedia(draft.media().withDuration(duration));
        }
        List<FieldError> durationErrors = EventRules.windowsInsideDuration(draft, duration);
        if (!durationErrors.isEmpty()) {
            throw Refusal.invalidFields(durationErrors);
        }
        return new Validated(draft, ingest.prepare(draft.media().hlsMasterUrl(), source,
                draft.media().windows().previewEndMs(), draft.media().posterUrl()));
    }

    /** Same source ref again: the same content is the same event (200); anything else is a conflict. */
    private Created replay(UUID existingId, CreateEventRequest request) {
        EventView existing = get(existingId);
        if (existing.media() == null || !sameContent(EventRules.draft(request), stored(existing))) {
            throw new Refusal(Refusal.Kind.CONFLICT, "SOURCE_REF_CONFLICT",
                    "event " + existingId + " already has source ref " + request.sourceRef() + " with different content",
                    Map.of("eventId", existingId.toString()));
        }
        return new Created(existing, false);
    }

    private static boolean sameContent(EventDraft requested, EventDraft stored) {
        EventDraft comparable = requested.media().durationMs() == null
                ? stored.withMedia(stored.media().withDuration(null)) : stored;
        return requested.equals(comparable);
    }

    /** The stored event as a draft, with each market's first odds (what it was created with). */
    private EventDraft stored(EventView e) {
        Map<UUID, OddsVersionView.Price> firstPrices = odds.first(e.markets().stream().map(EventView.MarketView::id).toList())
                .stream().flatMap(v -> v.prices().stream())
                .collect(Collectors.toMap(OddsVersionView.Price::outcomeId, Function.identity()));
        List<MarketDraft> marketDrafts = new ArrayList<>();
        for (EventView.MarketView m : e.markets()) {
            List<OutcomeDraft> outcomes = m.outcomes().stream().map(o -> {
                OddsVersionView.Price p = firstPrices.get(o.id());
                Odds price = p == null ? null : parse(p);
                return new OutcomeDraft(o.code(), o.labelKey(), o.sortOrder(), price);
            }).toList();
            marketDrafts.add(new MarketDraft(m.questionKey(), m.marketType(), m.lockAt(), m.settlementRuleKey(), outcomes));
        }
        EventView.MediaView media = e.media();
        return new EventDraft(e.sourceRef(), e.sportType(), e.titleEn(), e.titleSv(),
                new EventDraft.Windows(e.previewStartMs(), e.previewEndMs(), e.revealStartMs(), e.revealEndMs()),
                e.lockAt(), e.settleAt(),
                new EventDraft.MediaDraft(media.hlsMasterUrl(), media.posterUrl(), media.durationMs(),
                        new EventDraft.Windows(media.previewStartMs(), media.previewEndMs(), media.revealStartMs(),
                                media.revealEndMs())),
                marketDrafts);
    }

    private static Odds parse(OddsVersionView.Price p) {
        String[] parts = p.fractionalOdds().split("/");
        return new Odds(p.decimalOdds(), Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }

    private EventView view(UUID id) {
        Events.EventRow e = events.find(id).orElseThrow(() -> Refusal.notFound("event", id));
        List<Events.MarketRow> marketRows = events.markets(id);
        Map<UUID, List<Events.OutcomeRow>> outcomes = events.outcomes(id);
        Map<UUID, OddsVersionView> current = odds.current(marketRows.stream().map(Events.MarketRow::id).toList()).stream()
                .collect(Collectors.toMap(OddsVersionView::marketId, Function.identity()));
        List<EventView.MarketView> marketViews = new ArrayList<>();
        for (Events.MarketRow m : marketRows) {
            OddsVersionView version = current.get(m.id());
            Map<UUID, OddsVersionView.Price> prices = version == null ? Map.of()
                    : version.prices().stream().collect(Collectors.toMap(OddsVersionView.Price::outcomeId, Function.identity()));
            List<EventView.OutcomeView> outcomeViews = outcomes.getOrDefault(m.id(), List.of()).stream().map(o -> {
                OddsVersionView.Price p = prices.get(o.id());
                return new EventView.OutcomeView(o.id(), o.code(), o.labelKey(), o.sortOrder(),
                        p == null ? null : p.decimalOdds(), p == null ? null : p.fractionalOdds());
            }).toList();
            marketViews.add(new EventView.MarketView(m.id(), m.questionKey(), m.marketType(), m.status(), m.lockAt(),
                    m.settlementRuleKey(), version == null ? null : version.id(), version == null ? null : version.versionNo(),
                    outcomeViews));
        }
        return new EventView(e.id(), e.sourceRef(), e.sportType(), e.titleEn(), e.titleSv(), e.status(), e.previewStartMs(),
                e.previewEndMs(), e.revealStartMs(), e.revealEndMs(), e.lockAt(), e.settleAt(),
                events.media(id).orElse(null), marketViews);
    }
}
