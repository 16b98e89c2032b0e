package dev.reveal.catalog;

import dev.reveal.catalog.EventDraft.MarketDraft;
import dev.reveal.catalog.EventDraft.MediaDraft;
import dev.reveal.catalog.EventDraft.OutcomeDraft;
import dev.reveal.catalog.EventDraft.Windows;
import dev.reveal.odds.InvalidOddsException;
import dev.reveal.odds.Odds;
import dev.reveal.odds.OddsConversion;
import dev.reveal.platform.Refusal.FieldError;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules an event must meet before anything is written. Pure: every offending field is collected, so the
 * operator sees all problems of a request at once.
 */
final class EventRules {

    private static final Pattern OUTCOME_CODE = Pattern.compile("^[A-Z0-9][A-Z0-9_]{0,31}$");

    private EventRules() {
    }

    /** Localization keys the request refers to (questions, labels, settlement rules). */
    static Set<String> referencedKeys(CreateEventRequest r) {
        Set<String> keys = new LinkedHashSet<>();
        for (CreateEventRequest.Market m : r.markets()) {
            keys.add(m.questionKey());
            if (m.settlementRuleKey() != null) {
                keys.add(m.settlementRuleKey());
            }
            m.outcomes().forEach(o -> keys.add(o.labelKey()));
        }
        return keys;
    }

    /** Defaults applied and odds derived, without judging; invalid odds become null (for replay comparison). */
    static EventDraft draft(CreateEventRequest r) {
        Windows windows = new Windows(r.previewStartMs(), r.previewEndMs(), r.revealStartMs(), r.revealEndMs());
        CreateEventRequest.Media m = r.media();
        Windows mediaWindows = new Windows(
                m.previewStartMs() != null ? m.previewStartMs() : windows.previewStartMs(),
                m.previewEndMs() != null ? m.previewEndMs() : windows.previewEndMs(),
                m.revealStartMs() != null ? m.revealStartMs() : windows.revealStartMs(),
                m.revealEndMs() != null ? m.revealEndMs() : windows.revealEndMs());
        Instant lockAt = micros(r.lockAt());
        List<MarketDraft> markets = new ArrayList<>();
        for (CreateEventRequest.Market market : r.markets()) {
            List<OutcomeDraft> outcomes = new ArrayList<>();
            for (int i = 0; i < market.outcomes().size(); i++) {
                CreateEventRequest.Outcome o = market.outcomes().get(i);
                outcomes.add(new OutcomeDraft(o.code(), o.labelKey(), o.sortOrder() != null ? o.sortOrder() : i,
                        oddsOrNull(o)));
            }
            markets.add(new MarketDraft(market.questionKey(), market.marketType(),
                    market.lockAt() != null ? micros(market.lockAt()) : lockAt, market.settlementRuleKey(), outcomes));
        }
        return new EventDraft(r.sourceRef(), r.sportType(), r.titleEn(), r.titleSv(), windows, lockAt, micros(r.settleAt()),
                new MediaDraft(m.hlsMasterUrl(), m.posterUrl(), m.durationMs(), mediaWindows), markets);
    }

    /** Every rule that does not need the network: times, windows, URLs, markets, outcomes, odds, keys. */
    static List<FieldError> check(CreateEventRequest r, Instant now, Set<String> missingKeys) {
        List<FieldError> errors = new ArrayList<>();
        if (!r.lockAt().isAfter(now)) {
            errors.add(new FieldError("lockAt", "must be in the future"));
        }
        if (!r.settleAt().isAfter(r.lockAt())) {
            errors.add(new FieldError("settleAt", "must be after lockAt"));
        }
        checkWindows("", r.previewStartMs(), r.previewEndMs(), r.revealStartMs(), r.revealEndMs(), errors);
        EventDraft draft = draft(r);
        Windows mw = draft.media().windows();
        if (r.media().previewStartMs() != null || r.media().previewEndMs() != null || r.media().revealStartMs() != null
                || r.media().revealEndMs() != null) {
            checkWindows("media.", mw.previewStartMs(), mw.previewEndMs(), mw.revealStartMs(), mw.revealEndMs(), errors);
        }
        if (!isHttpUrl(r.media().hlsMasterUrl())) {
            errors.add(new FieldError("media.hlsMasterUrl", "must be an absolute http(s) URL"));
        }
        if (r.media().posterUrl() != null && !isHttpUrl(r.media().posterUrl())) {
            errors.add(new FieldError("media.posterUrl", "must be an absolute http(s) URL"));
        }
        if (r.media().durationMs() != null) {
            errors.addAll(windowsInsideDuration(draft, r.media().durationMs()));
        }
        for (int i = 0; i < r.markets().size(); i++) {
            checkMarket("markets[" + i + "]", r.markets().get(i), r.lockAt(), now, missingKeys, errors);
        }
        return errors;
    }

    /** Both the event's and the media's windows must end within the clip. */
    static List<FieldError> windowsInsideDuration(EventDraft draft, int durationMs) {
        List<FieldError> errors = new ArrayList<>();
        if (draft.windows().revealEndMs() > durationMs) {
            errors.add(new FieldError("revealEndMs", "must be within the clip's duration of " + durationMs + " ms"));
        }
        if (draft.media().windows().revealEndMs() > durationMs && !draft.media().windows().equals(draft.windows())) {
            errors.add(new FieldError("media.revealEndMs", "must be within the clip's duration of " + durationMs + " ms"));
        }
        return errors;
    }

    private static void checkMarket(String path, CreateEventRequest.Market m, Instant eventLockAt, Instant now,
                                    Set<String> missingKeys, List<FieldError> errors) {
        if (m.lockAt() != null && m.lockAt().isAfter(eventLockAt)) {
            errors.add(new FieldError(path + ".lockAt", "must not be after the event's lockAt"));
        } else if (m.lockAt() != null && !m.lockAt().isAfter(now)) {
            errors.add(new FieldError(path + ".lockAt", "must be in the future"));
        }
        if (missingKeys.contains(m.questionKey())) {
            errors.add(new FieldError(path + ".questionKey", "localization key " + m.questionKey() + " does not exist"));
        }
        if (m.settlementRuleKey() != null && missingKeys.contains(m.settlementRuleKey())) {
            errors.add(new FieldError(path + ".settlementRuleKey",
                    "localization key " + m.settlementRuleKey() + " does not exist"));
        }
        int count = m.outcomes().size();
        if (count < 2) {
            errors.add(new FieldError(path + ".outcomes", "a market needs at least two outcomes"));
        } else if (m.marketType() == MarketType.YES_NO && count != 2) {
            errors.add(new FieldError(path + ".outcomes", "a YES_NO market has exactly two outcomes"));
        }
        Set<String> codes = new HashSet<>();
        for (int j = 0; j < count; j++) {
            CreateEventRequest.Outcome o = m.outcomes().get(j);
            String op = path + ".outcomes[" + j + "]";
            if (!OUTCOME_CODE.matcher(o.code()).matches()) {
                errors.add(new FieldError(op + ".code", "must be upper-case letters, digits or _ (at most 32)"));
            } else if (!codes.add(o.code())) {
                errors.add(new FieldError(op + ".code", "duplicate outcome code " + o.code() + " in this market"));
            }
            if (missingKeys.contains(o.labelKey())) {
                errors.add(new FieldError(op + ".labelKey", "localization key " + o.labelKey() + " does not exist"));
            }
            try {
                OddsConversion.of(o.decimalOdds(), o.fractionalOdds());
            } catch (InvalidOddsException e) {
                errors.add(new FieldError(op + ".decimalOdds", e.getMessage()));
            }
        }
    }

    private static void checkWindows(String prefix, int previewStart, int previewEnd, int revealStart, int revealEnd,
                                     List<FieldError> errors) {
        if (previewStart >= previewEnd) {
            errors.add(new FieldError(prefix + "previewEndMs", "must be after previewStartMs"));
        }
        if (previewEnd > revealStart) {
            errors.add(new FieldError(prefix + "revealStartMs", "must not be before previewEndMs"));
        }
        if (revealStart >= revealEnd) {
            errors.add(new FieldError(prefix + "revealEndMs", "must be after revealStartMs"));
        }
    }

    static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return uri.getScheme() != null && (uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                    && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    private static Odds oddsOrNull(CreateEventRequest.Outcome o) {
        try {
            return OddsConversion.of(o.decimalOdds(), o.fractionalOdds());
        } catch (InvalidOddsException e) {
            return null;
        }
    }

    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
