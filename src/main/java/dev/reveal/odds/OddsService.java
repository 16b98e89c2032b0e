package dev.reveal.odds;

import dev.reveal.audit.AuditEntry;
import dev.reveal.audit.AuditLog;
import dev.reveal.platform.Actor;
import dev.reveal.platform.Refusal;
import dev.reveal.platform.Refusal.FieldError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Publishes odds versions (one current per market, numbered without gaps) and reads their history. */
@Service
public class OddsService {

    private final OddsVersions versions;
    private final OddsMarkets markets;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OddsService(OddsVersions versions, OddsMarkets markets, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.versions = versions;
        this.markets = markets;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Writes a market's first odds inside the caller's transaction (event creation). The prices are already
     * validated by the caller with {@link OddsConversion}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public OddsVersionView publishInitial(UUID marketId, UUID eventId, Map<UUID, Odds> odds, Actor actor) {
        return write(marketId, eventId, odds, actor);
    }

    /** Current versions of the given markets. */
    @Transactional(readOnly = true)
    public List<OddsVersionView> current(Collection<UUID> marketIds) {
        return versions.versions(marketIds, true, false);
    }

    /** Version 1 of the given markets: what the event was created with. */
    @Transactional(readOnly = true)
    public List<OddsVersionView> first(Collection<UUID> marketIds) {
        return versions.versions(marketIds, false, true);
    }

    /** Removes every odds version of the given markets (a draft event being rewritten), in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void discard(Collection<UUID> marketIds) {
        versions.deleteAll(marketIds);
    }

    @Transactional
    OddsVersionView publish(UUID marketId, PublishOddsRequest request, Actor actor) {
        OddsMarkets.PricedMarket market = markets.lockForPricing(marketId)
                .orElseThrow(() -> Refusal.notFound("market", marketId));
        if (!market.takesPrices()) {
            throw Refusal.invalidTransition("market", marketId, market.status(), "publish odds on");
        }
        Map<UUID, Odds> odds = resolve(market.outcomes(), request.prices());
        return write(marketId, market.eventId(), odds, actor);
    }

    @Transactional(readOnly = true)
    List<OddsVersionView> history(UUID marketId) {
        if (!markets.exists(marketId)) {
            throw Refusal.notFound("market", marketId);
        }
        return versions.versions(List.of(marketId), false, false);
    }

    private OddsVersionView write(UUID marketId, UUID eventId, Map<UUID, Odds> odds, Actor actor) {
        OddsVersions.PublishedVersion v = versions.insertCurrent(marketId, odds, clock.instant());
        audit.record(AuditEntry.of(actor, "ODDS_PUBLISHED", "MARKET", marketId)
                .with("oddsVersionId", v.id()).with("versionNo", v.versionNo()).with("eventId", eventId)
                .with("prices", odds.values().stream().map(o -> o.decimal().toPlainString()).collect(Collectors.joining(","))));
        events.publishEvent(new OddsPublished(marketId, eventId, v.id(), v.versionNo()));
        return versions.versions(List.of(marketId), true, false).get(0);
    }

    /** Every outcome of the market exactly once, each price valid; all offending entries are reported together. */
    private static Map<UUID, Odds> resolve(List<OddsMarkets.Outcome> outcomes, List<PublishOddsRequest.Price> prices) {
        Map<UUID, String> codeById = new LinkedHashMap<>();
        Map<String, UUID> idByCode = new LinkedHashMap<>();
        outcomes.forEach(o -> {
            codeById.put(o.id(), o.code());
            idByCode.put(o.code(), o.id());
        });
        List<FieldError> errors = new ArrayList<>();
        Map<UUID, Odds> odds = new LinkedHashMap<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < prices.size(); i++) {
            PublishOddsRequest.Price p = prices.get(i);
            String field = "prices[" + i + "]";
            UUID outcomeId = p.outcomeId() != null ? p.outcomeId() : idByCode.get(p.outcomeCode());
            if (p.outcomeId() == null && p.outcomeCode() == null) {
                errors.add(new FieldError(field + ".outcomeId", "name the outcome by outcomeId or outcomeCode"));
                continue;
            }
            if (outcomeId == null || !codeById.containsKey(outcomeId)
                    || (p.outcomeCode() != null && !p.outcomeCode().equals(codeById.get(outcomeId)))) {
                errors.add(new FieldError(field + (p.outcomeId() != null ? ".outcomeId" : ".outcomeCode"),
                        "is not an outcome of this market"));
                continue;
            }
            if (!seen.add(outcomeId)) {
                errors.add(new FieldError(field, "outcome " + codeById.get(outcomeId) + " is priced more than once"));
                continue;
            }
            try {
                odds.put(outcomeId, OddsConversion.of(p.decimalOdds(), p.fractionalOdds()));
            } catch (InvalidOddsException e) {
                errors.add(new FieldError(field, e.getMessage()));
            }
        }
        codeById.forEach((id, code) -> {
            if (!seen.contains(id)) {
                errors.add(new FieldError("prices", "outcome " + code + " has no price"));
            }
        });
        if (!errors.isEmpty()) {
            throw Refusal.invalidFields(errors);
        }
        Map<UUID, Odds> ordered = new LinkedHashMap<>();
        codeById.keySet().forEach(id -> ordered.put(id, odds.get(id)));
        return ordered;
    }
}
