package dev.reveal.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reveal.odds.OddsPublished;
import dev.reveal.platform.Ids;
import dev.reveal.support.Api;
import dev.reveal.support.Fixtures;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.OddsFixtures;
import dev.reveal.support.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;

class FeedApiTest extends IntegrationTest {

    @Autowired
    ApplicationEventPublisher events;

    private final String token = Tokens.player("feed-reader");

    /** Close locks so that our events sort near the top of a shared database's feed. */
    private static Instant soon(int seconds) {
        return Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.MILLIS);
    }

    /** A fixture market plus the fact an operator's publish would send, so the cached feed learns of it. */
    private Fixtures.OpenMarket published(Instant lockAt) {
        Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, lockAt);
        events.publishEvent(new dev.reveal.catalog.EventStatusChanged(m.eventId(), dev.reveal.catalog.EventStatus.DRAFT,
                dev.reveal.catalog.EventStatus.OPEN));
        return m;
    }

    private JsonNode feed(String locale) {
        Api.Response r = api.as(token).get("/api/v1/feed" + (locale == null ? "" : "?locale=" + locale)).send();
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static JsonNode eventIn(JsonNode feed, UUID id) {
        for (JsonNode e : feed.get("events")) {
            if (e.get("id").asString().equals(id.toString())) {
                return e;
            }
        }
        return null;
    }

    @Test
    void listsOpenEventsSoonestLockFirstWithMediaMarketsOutcomesAndOdds() {
        Fixtures.OpenMarket later = published( soon(240));
        Fixtures.OpenMarket sooner = published( soon(120));
        Fixtures.OpenMarket draft = Fixtures.openMarket(jdbc, soon(100));
        jdbc.update("UPDATE events SET status = 'DRAFT' WHERE id = ?", draft.eventId());
        events.publishEvent(new dev.reveal.catalog.EventStatusChanged(draft.eventId(),
                dev.reveal.catalog.EventStatus.OPEN, dev.reveal.catalog.EventStatus.DRAFT));

        JsonNode feed = feed("en");
        List<String> ids = new ArrayList<>();
        feed.get("events").forEach(e -> ids.add(e.get("id").asString()));
        assertThat(ids).contains(sooner.eventId().toString(), later.eventId().toString())
                .doesNotContain(draft.eventId().toString());
        assertThat(ids.indexOf(sooner.eventId().toString())).isLessThan(ids.indexOf(later.eventId().toString()));
        List<Instant> locks = new ArrayList<>();
        feed.get("events").forEach(e -> locks.add(Instant.parse(e.get("lockAt").asString())));
        assertThat(locks).isSorted();

        JsonNode event = eventIn(feed, sooner.eventId());
        assertThat(event.get("title").asString()).startsWith("Penalty ");
        assertThat(event.get("status").asString()).isEqualTo("OPEN");
        // the preview rendition only: never the source (operators only) nor the reveal (after the lock)
        assertThat(event.get("media")).hasSize(1);
        JsonNode media = event.get("media").get(0);
        assertThat(media.get("mediaType").asString()).isEqualTo("PREVIEW");
        assertThat(media.get("hlsUrl").asString()).isEqualTo(Fixtures.previewUrl(sooner.eventId()));
        assertThat(media.get("posterUrl").asString()).isEqualTo("/media/fixture/poster.jpg");
        assertThat(media.get("durationMs").asInt()).isEqualTo(20000);
        assertThat(media.get("previewStartMs").asInt()).isZero();
        assertThat(media.get("previewEndMs").asInt()).isEqualTo(8000);
        JsonNode market = event.get("markets").get(0);
        assertThat(market.get("id").asString()).isEqualTo(sooner.marketId().toString());
        assertThat(market.get("status").asString()).isEqualTo("OPEN");
        assertThat(market.get("question").asString()).isEqualTo("Will it go in?");
        assertThat(market.get("oddsVersionId").asString()).isEqualTo(sooner.oddsVersionId().toString());
        JsonNode yes = market.get("outcomes").get(0);
        JsonNode no = market.get("outcomes").get(1);
        assertThat(yes.get("label").asString()).isEqualTo("Yes");
        assertThat(yes.get("decimalOdds").decimalValue()).isEqualByComparingTo("1.80");
        assertThat(yes.get("fractionalOdds").asString()).isEqualTo("4/5");
        assertThat(no.get("label").asString()).isEqualTo("No");
        assertThat(no.get("fractionalOdds").asString()).isEqualTo("1/1");
    }

    @Test
    void localeFallsBackFromRegionToLanguageToEnglish() {
        Fixtures.OpenMarket m = published(soon(150));
        // Only the question has a sv-SE text; the labels have sv and en; a German reader gets English.
        jdbc.update("""
                INSERT INTO localization_values (id, localization_key_id, locale_code, text_value)
                SELECT ?, id, 'sv-SE', 'Går bollen i mål?' FROM localization_keys WHERE key_name = ?
                """, Ids.newId(), m.questionKey());
        events.publishEvent(new OddsPublished(m.marketId(), m.eventId(), m.oddsVersionId(), 1));

        JsonNode svSe = eventIn(feed("sv-SE"), m.eventId());
        assertThat(svSe.get("title").asString()).startsWith("Straff ");
        assertThat(svSe.at("/markets/0/question").asString()).isEqualTo("Går bollen i mål?");
        assertThat(svSe.at("/markets/0/outcomes/0/label").asString()).isEqualTo("Ja");

        JsonNode svFi = eventIn(feed("sv-FI"), m.eventId());
        assertThat(svFi.at("/markets/0/question").asString()).isEqualTo("Går den in?");
        assertThat(svFi.at("/markets/0/outcomes/1/label").asString()).isEqualTo("Nej");

        JsonNode de = eventIn(feed("de-DE"), m.eventId());
        assertThat(de.get("title").asString()).startsWith("Penalty ");
        assertThat(de.at("/markets/0/question").asString()).isEqualTo("Will it go in?");
        assertThat(de.at("/markets/0/outcomes/0/label").asString()).isEqualTo("Yes");

        assertThat(feed(null).get("locale").asString()).isEqualTo("en");
        assertThat(api.as(token).get("/api/v1/feed?locale=not-a-locale!").send().status()).isEqualTo(400);
    }

    @Test
    void feedNeverCarriesRevealWindowsOrResults() {
        Fixtures.OpenMarket m = published(soon(130));
        // Even a settlement row that exists early must not leak through the feed.
        jdbc.update("INSERT INTO settlements (id, market_id, settled_at, winning_outcome_id) VALUES (?, ?, now(), ?)",
                Ids.newId(), m.marketId(), m.yesOutcomeId());
        events.publishEvent(new OddsPublished(m.marketId(), m.eventId(), m.oddsVersionId(), 1));
        for (String locale : new String[] {"en", "sv", "sv-SE"}) {
            Api.Response r = api.as(token).get("/api/v1/feed?locale=" + locale).send();
            assertThat(eventIn(r.json(), m.eventId())).isNotNull();
            assertThat(r.body()).doesNotContainIgnoringCase("reveal").doesNotContain("winning").doesNotContain("result")
                    .doesNotContain("15000");
        }
        Api.Response detail = api.as(token).get("/api/v1/events/" + m.eventId()).send();
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body()).doesNotContainIgnoringCase("reveal").doesNotContain("winning").doesNotContain("15000");
    }

    @Test
    void etagAnswers304UntilAnOddsPublishInvalidatesTheCache() {
        Fixtures.OpenMarket m = published(soon(140));
        Api.Response first = api.as(token).get("/api/v1/feed?locale=en").send();
        String etag = first.header("ETag");
        assertThat(etag).matches("\"[0-9a-f]{32}\"");

        Api.Response notModified = api.as(token).get("/api/v1/feed?locale=en").header("If-None-Match", etag).send();
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.header("ETag")).isEqualTo(etag);
        assertThat(notModified.headers().get("etag")).hasSize(1); // the JDK client keys headers in lower case
        assertThat(notModified.header("Cache-Control")).contains("no-cache");
        // If-None-Match compares weakly: W/"x" matches "x"; "*" matches any current feed
        assertThat(api.as(token).get("/api/v1/feed?locale=en").header("If-None-Match", "\"other\", W/" + etag).send().status())
                .isEqualTo(304);
        assertThat(api.as(token).get("/api/v1/feed?locale=en").header("If-None-Match", "*").send().status())
                .isEqualTo(304);
        assertThat(api.as(token).get("/api/v1/feed?locale=en").header("If-None-Match", "\"other\"").send().status())
                .isEqualTo(200);

        UUID v2 = OddsFixtures.publish(jdbc, m, "1.50", "2.50");
        events.publishEvent(new OddsPublished(m.marketId(), m.eventId(), v2, 2));

        Api.Response after = api.as(token).get("/api/v1/feed?locale=en").header("If-None-Match", etag).send();
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.header("ETag")).isNotEqualTo(etag);
        JsonNode market = eventIn(after.json(), m.eventId()).at("/markets/0");
        assertThat(market.get("oddsVersionId").asString()).isEqualTo(v2.toString());
        assertThat(market.get("oddsVersionNo").asInt()).isEqualTo(2);
        assertThat(market.at("/outcomes/0/decimalOdds").decimalValue()).isEqualByComparingTo("1.50");
        assertThat(market.at("/outcomes/0/fractionalOdds").asString()).isEqualTo("50/100");

        jdbc.update("UPDATE markets SET status = 'SUSPENDED' WHERE id = ?", m.marketId());
        events.publishEvent(new dev.reveal.catalog.MarketStatusChanged(m.marketId(), m.eventId(),
                dev.reveal.catalog.MarketStatus.OPEN, dev.reveal.catalog.MarketStatus.SUSPENDED));
        JsonNode suspended = eventIn(feed("en"), m.eventId());
        assertThat(suspended.at("/markets/0/status").asString()).isEqualTo("SUSPENDED");
    }

    @Test
    void anEventLeavesTheFeedWhenItsLockTimePassesWithoutAnyStatusChange() {
        Fixtures.OpenMarket m = published(Instant.now().plusMillis(1500));
        assertThat(eventIn(feed("en"), m.eventId())).isNotNull();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> eventIn(feed("en"), m.eventId()) == null);
        assertThat(Instant.now()).isAfterOrEqualTo(m.lockAt());
        assertThat(jdbc.queryForObject("SELECT status FROM events WHERE id = ?", String.class, m.eventId())).isEqualTo("OPEN");
    }

    @Test
    void eventDetailAddsRevealAfterLockAndWinnerAfterSettlement() {
        Fixtures.OpenMarket open = Fixtures.openMarket(jdbc, soon(600));
        JsonNode before = api.as(token).get("/api/v1/events/" + open.eventId() + "?locale=sv").send().json();
        assertThat(before.get("title").asString()).startsWith("Straff ");
        assertThat(before.has("revealStartMs")).isFalse();
        assertThat(before.at("/markets/0/question").asString()).isEqualTo("Går den in?");

        Fixtures.OpenMarket past = Fixtures.openMarket(jdbc, Instant.now().minusSeconds(5));
        JsonNode locked = api.as(token).get("/api/v1/events/" + past.eventId()).send().json();
        assertThat(locked.get("revealStartMs").asInt()).isEqualTo(8000);
        assertThat(locked.get("revealEndMs").asInt()).isEqualTo(15000);
        assertThat(locked.at("/media/0/revealStartMs").asInt()).isEqualTo(8000);
        assertThat(locked.at("/markets/0/status").asString()).as("locked by time").isEqualTo("LOCKED");
        assertThat(locked.at("/markets/0").has("winningOutcomeId")).isFalse();

        jdbc.update("UPDATE markets SET status = 'SETTLED' WHERE id = ?", past.marketId());
        jdbc.update("INSERT INTO settlements (id, market_id, settled_at, winning_outcome_id) VALUES (?, ?, now(), ?)",
                Ids.newId(), past.marketId(), past.noOutcomeId());
        jdbc.update("UPDATE events SET status = 'SETTLED' WHERE id = ?", past.eventId());
        JsonNode settled = api.as(token).get("/api/v1/events/" + past.eventId()).send().json();
        assertThat(settled.get("status").asString()).isEqualTo("SETTLED");
        assertThat(settled.at("/markets/0/status").asString()).isEqualTo("SETTLED");
        assertThat(settled.at("/markets/0/winningOutcomeId").asString()).isEqualTo(past.noOutcomeId().toString());

        Fixtures.OpenMarket voided = Fixtures.openMarket(jdbc, Instant.now().minusSeconds(5));
        jdbc.update("UPDATE markets SET status = 'VOID' WHERE id = ?", voided.marketId());
        JsonNode v = api.as(token).get("/api/v1/events/" + voided.eventId()).send().json();
        assertThat(v.at("/markets/0/status").asString()).isEqualTo("VOID");
        assertThat(v.at("/markets/0").has("winningOutcomeId")).isFalse();
    }

    @Test
    void draftAndUnknownEventsAreNotFound() {
        Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, soon(600));
        jdbc.update("UPDATE events SET status = 'DRAFT' WHERE id = ?", m.eventId());
        Api.Response draft = api.as(token).get("/api/v1/events/" + m.eventId()).send();
        Api.Response unknown = api.as(token).get("/api/v1/events/" + UUID.randomUUID()).send();
        assertThat(draft.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(draft.code()).isEqualTo("NOT_FOUND");
    }
}
