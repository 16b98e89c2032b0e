package dev.reveal.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.Api;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * The two pages in Debian's headless Chromium against the running service: a player's whole flow (feed, preview
 * bounded to its window, prediction retried after a lost response, lock, reveal, result) and an operator's
 * (create with validation feedback, publish, odds, suspend/resume/lock, settle, statistics, audit trail).
 */
class BrowserFlowTest extends BrowserTestBase {

    @Test
    void playerWatchesThePreviewPredictsAndSeesTheRevealAndResult() throws Exception {
        String operator = demoToken("ops-player-flow", true);
        int clipMs = clipDurationMs();
        int previewEnd = clipMs / 2 / 100 * 100;
        // a lock close enough to wait for, far enough for the page to load and the player to predict
        Instant lockAt = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        String title = "Penalty in the browser " + RUN;
        JsonNode event = createEvent(operator, title, lockAt, previewEnd, clipMs, lockAt.plusSeconds(300));
        String eventId = event.get("id").asString();
        String marketId = event.get("markets").get(0).get("id").asString();
        assertThat(api.as(operator).post("/admin/v1/events/" + eventId + "/publish", null).send().status()).isEqualTo(200);
        String card = "article.card[data-event-id='" + eventId + "']";
        String video = "document.querySelector(\"" + card + " video\")";
        String player = "browser-" + RUN;

        try (Browser b = Browser.open(412, 915)) {
            try {
                b.get(baseUrl() + "/");
                WebElement name = b.await("#signin-name", 30);
                name.clear();
                name.sendKeys(player);
                b.find("#signin-demo button[type=submit]").click();

                assertThat(b.text(card, 30)).contains(title).contains("Will the penalty be scored?");
                b.js("arguments[0].scrollIntoView({block: 'start'})", b.find(card));

                // the preview plays and never leaves [previewStart, previewEnd]
                b.until(d -> b.number("return " + video + ".currentTime") > 0.3, 40, "preview to start playing");
                List<Double> preview = sample(b, "return " + video + ".currentTime * 1000", 12, 250);
                assertThat(preview).allSatisfy(t -> assertThat(t).isBetween(0.0, previewEnd + 100.0));
                assertThat(advanced(preview)).as("preview time advances: %s", preview).isTrue();

                // new odds arrive over the stream; the format toggle shows them as fractions too
                Api.Response odds = api.as(operator).post("/admin/v1/markets/" + marketId + "/odds", Map.of("prices", List.of(
                        Map.of("outcomeCode", "YES", "decimalOdds", 1.9), Map.of("outcomeCode", "NO", "decimalOdds", 2.0)))).send();
                assertThat(odds.status()).as(odds.toString()).isEqualTo(201);
                String yesOdds = card + " button.outcome[data-code='YES'] .odds";
                b.until(d -> b.text(yesOdds, 10).equals("1.90"), 20, "live odds 1.90");
                b.click("#odds-toggle button[data-odds='fractional']", 10);
                b.until(d -> b.text(yesOdds, 10).equals("9/10"), 10, "fractional odds");
                b.click("#odds-toggle button[data-odds='decimal']", 10);

                // the first response is lost on the way back: the client retries with the same Idempotency-Key
                b.js("""
                        const send = window.fetch; window.__keys = [];
                        window.fetch = async (url, init) => {
                          if (String(url).endsWith('/api/v1/bet-intents') && init && init.method === 'POST') {
                            window.__keys.push(init.headers['Idempotency-Key']);
                            const res = await send(url, init);
                            if (window.__keys.length === 1) throw new TypeError('simulated lost response');
                            return res;
                          }
                          return send(url, init);
                        };""");
                b.click(card + " button.outcome[data-code='YES']", 10);
                assertThat(b.text(card + " .decision[data-code='ACCEPTED']", 30))
                        .contains("ACCEPTED").contains("Prediction accepted at 1.90");
                @SuppressWarnings("unchecked")
                List<String> keys = (List<String>) b.js("return window.__keys");
                assertThat(keys).hasSize(2);
                assertThat(keys.get(1)).isEqualTo(keys.get(0));
                assertThat(jdbc.queryForObject("""
                        SELECT count(*) FROM bet_intents b JOIN users u ON u.id = b.user_id
                        WHERE u.external_ref = ? AND b.market_id = ?::uuid""", Long.class, player, marketId)).isEqualTo(1);
                assertThat(b.attribute(card + " button.outcome[data-code='YES']", "class")).contains("picked");

                // at lock the reveal window plays
                b.until(d -> "reveal".equals(b.attribute(card, "data-phase")),
                        (int) (Instant.now().until(lockAt, ChronoUnit.SECONDS) + 40), "the card to reach the reveal");
                b.until(d -> b.number("return " + video + ".currentTime * 1000") > previewEnd + 300, 30, "reveal to play");
                List<Double> reveal = sample(b, "return " + video + ".currentTime * 1000", 6, 250);
                assertThat(reveal).allSatisfy(t -> assertThat(t).isBetween(previewEnd - 50.0, clipMs + 50.0));
                assertThat(advanced(reveal) || reveal.get(reveal.size() - 1) >= clipMs - 300)
                        .as("reveal time advances or has reached its end: %s", reveal).isTrue();

                // settlement reaches the page over the stream
                awaitMarketLocked(marketId);
                Api.Response settled = api.as(operator).post("/admin/v1/markets/" + marketId + "/settlement",
                        Map.of("winningOutcomeCode", "YES")).send();
                assertThat(settled.status()).as(settled.toString()).isEqualTo(201);
                assertThat(b.text(card + " .result[data-result='WON']", 30)).isEqualTo("You were right!");
                b.until(d -> b.attribute(card + " button.outcome[data-code='YES']", "class").contains("winner"), 20,
                        "the winning outcome marked");
                b.js("arguments[0].scrollIntoView({block: 'start'})", b.find(card));
                b.screenshot("player");

                // history with the summary, the leaderboard, and Swedish
                b.click("#tabs button[data-view='history']", 10);
                b.await("#history li[data-result='WON']", 20);
                assertThat(b.text("#summary", 10)).contains("1 right of 1 settled");
                b.click("#tabs button[data-view='leaderboard']", 10);
                b.click("#period-toggle button[data-period='all']", 10);
                assertThat(b.text("#board tr.you", 20)).contains("(you)").contains("1/1").contains("100%");
                b.click("#locale-toggle button[data-locale='sv']", 10);
                b.until(d -> b.text("#tabs button[data-view='history']", 10).equals("Mina tips"), 10, "Swedish tabs");
                b.click("#tabs button[data-view='history']", 10);
                b.until(d -> b.text("#history", 10).contains("Straff i webbläsaren"), 20, "Swedish history");
                b.screenshot("player-history");
            } catch (AssertionError | RuntimeException e) {
                b.screenshot("player-failure");
                throw new AssertionError(e.getMessage() + "\nbrowser log:\n" + b.consoleLog(), e);
            }
        }
    }

    @Test
    void operatorCreatesPublishesPricesAndSettlesInTheConsole() throws IOException {
        String title = "Console event " + RUN;
        int clipMs = clipDurationMs();
        int half = clipMs / 2 / 100 * 100;
        // an event past its settle time with its market unsettled: the overdue list must show it
        String overdueTitle = "Overdue event " + RUN;
        String operator = demoToken("ops-overdue", true);
        Instant lock = Instant.now().plusSeconds(15).truncatedTo(ChronoUnit.SECONDS);
        String overdueId = createEvent(operator, overdueTitle, lock, half, clipMs, lock.plusSeconds(1)).get("id").asString();
        assertThat(api.as(operator).post("/admin/v1/events/" + overdueId + "/publish", null).send().status()).isEqualTo(200);
        try (Browser b = Browser.open(1280, 1800)) {
            try {
                b.get(baseUrl() + "/console");
                WebElement name = b.await("#signin-name", 30);
                name.clear();
                name.sendKeys("ops-console-" + RUN);
                b.find("#signin-demo button[type=submit]").click();
                b.await("#app:not([hidden]) #create-form", 30);

                // rules first: windows out of order, named next to their input, nothing created
                type(b, "titleEn", title);
                type(b, "titleSv", "Konsolhändelse " + RUN);
                type(b, "previewEndMs", String.valueOf(half + 1000));
                type(b, "revealStartMs", String.valueOf(half));
                type(b, "revealEndMs", String.valueOf(clipMs));
                type(b, "media.hlsMasterUrl", baseUrl() + "/media/demo/missing.m3u8");
                b.js("""
                        const f = document.getElementById('create-form');
                        const local = (d) => new Date(d - d.getTimezoneOffset() * 60000).toISOString().slice(0, 19);
                        const lock = new Date(Date.now() + 120000);
                        f.lockAt.value = local(lock);
                        f.settleAt.value = local(new Date(lock.getTime() + 300000));""");
                b.find("#create-form button[type=submit]").click();
                assertThat(b.text(".field-error[data-field='revealStartMs']", 20)).contains("must not be before previewEndMs");

                // then the clip: an unreachable playlist comes back as a media problem on the URL field
                type(b, "previewEndMs", String.valueOf(half));
                b.find("#create-form button[type=submit]").click();
                assertThat(b.text(".field-error[data-field='media.hlsMasterUrl']", 20)).contains("missing.m3u8");
                assertThat(b.text("#flash", 10)).contains("MEDIA_");
                assertThat(jdbc.queryForObject("SELECT count(*) FROM events WHERE title_en = ?", Long.class, title)).isZero();

                type(b, "media.hlsMasterUrl", demoClipUrl("penalty"));
                b.find("#create-form button[type=submit]").click();
                b.await("#detail[data-status='DRAFT']", 30);
                assertThat(b.text("#flash", 10)).contains("Created event");

                b.click("#detail button[data-action='publish']", 10);
                b.await("#detail[data-status='OPEN']", 20);

                WebElement yes = b.find("#detail input[aria-label='new odds for YES']");
                yes.clear();
                yes.sendKeys("1.95");
                b.click("#detail button[data-action='odds']", 10);
                b.until(d -> b.text("#detail .market", 10).contains("odds v2"), 20, "odds version 2");
                assertThat(b.text("#detail .market", 10)).contains("1.95 (19/20)");

                b.click("#detail button[data-action='suspend']", 10);
                b.await("#detail .market[data-status='SUSPENDED']", 20);
                b.click("#detail button[data-action='resume']", 10);
                b.await("#detail .market[data-status='OPEN']", 20);
                // lock, settle, correct and void ask first, saying what will happen; cancelling changes nothing
                b.click("#detail button[data-action='lock']", 10);
                assertThat(b.text("#confirm[open]", 10)).contains("Lock market demo.question.penalty of “" + title + "”")
                        .contains("0 accepted predictions wait for the result");
                b.click("#confirm-cancel", 10);
                b.until(d -> b.js("return document.getElementById('confirm').open").equals(false), 10, "the dialog closed");
                assertThat(b.attribute("#detail .market", "data-status")).isEqualTo("OPEN");
                b.click("#detail button[data-action='lock']", 10);
                b.click("#confirm[open] #confirm-ok", 10);
                b.await("#detail .market[data-status='LOCKED']", 20);

                // no winner is preselected: Settle without one asks for it and sends nothing
                assertThat(b.attribute("#detail select[data-role='winner']", "value")).isEmpty();
                b.click("#detail button[data-action='settle']", 10);
                assertThat(b.text("#flash", 10)).contains("Choose the winning outcome first");
                assertThat(b.js("return document.getElementById('confirm').open")).isEqualTo(false);
                choose(b, "#detail select[data-role='winner']", "YES");
                b.click("#detail button[data-action='settle']", 10);
                assertThat(b.text("#confirm[open]", 10)).contains("Settle market demo.question.penalty").contains("Winner: YES")
                        .contains("0 accepted predictions get their result: 0 win, 0 lose");
                b.click("#confirm[open] #confirm-ok", 10);
                b.await("#detail .market[data-status='SETTLED']", 20);
                choose(b, "#detail select[data-role='winner']", "NO");
                b.click("#detail button[data-action='settle']", 10);
                assertThat(b.text("#confirm[open]", 10)).contains("Correct the result of market demo.question.penalty")
                        .contains("The winner changes from YES to NO");
                b.click("#confirm[open] #confirm-ok", 10);
                b.until(d -> b.text("#flash", 10).contains("Correct: done"), 20, "the correction done");
                b.click("#detail button[data-action='stats']", 10);
                assertThat(b.text("#detail .stats table", 20)).contains("YES");

                @SuppressWarnings("unchecked")
                List<String> actions = (List<String>) b.js(
                        "return [...document.querySelectorAll('#audit tr[data-action]')].map(r => r.dataset.action)");
                assertThat(actions).contains("EVENT_CREATED", "EVENT_PUBLISHED", "ODDS_PUBLISHED", "MARKET_SUSPENDED",
                        "MARKET_RESUMED", "MARKET_LOCKED", "MARKET_SETTLED");
                b.until(d -> {
                    b.click("#refresh", 10);
                    return b.text("#overdue", 10).contains(overdueTitle);
                }, 60, "the overdue event listed");
                b.js("window.scrollTo(0, 0)");
                b.screenshot("console");
            } catch (AssertionError | RuntimeException e) {
                b.screenshot("console-failure");
                throw new AssertionError(e.getMessage() + "\nbrowser log:\n" + b.consoleLog(), e);
            }
        }
    }

    private static void type(Browser b, String field, String text) {
        WebElement input = b.find("#create-form [name='" + field + "']");
        input.clear();
        input.sendKeys(text);
    }

    private void awaitMarketLocked(String marketId) {
        org.awaitility.Awaitility.await("market " + marketId + " locked by the lifecycle job")
                .atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> jdbc.queryForObject("SELECT status FROM markets WHERE id = ?::uuid", String.class, marketId),
                        "LOCKED"::equals);
    }

    /** {@code count} readings of {@code script}, {@code everyMs} apart: what the page shows over time. */
    private static List<Double> sample(Browser b, String script, int count, long everyMs) {
        List<Double> values = new ArrayList<>();
        org.awaitility.Awaitility.await("samples of " + script).pollInSameThread().pollDelay(java.time.Duration.ZERO)
                .pollInterval(java.time.Duration.ofMillis(everyMs)).atMost(java.time.Duration.ofMinutes(1))
                .until(() -> {
                    values.add(b.number(script));
                    return values.size() >= count;
                });
        return values;
    }

    private static boolean advanced(List<Double> samples) {
        for (int i = 1; i < samples.size(); i++) {
            if (samples.get(i) > samples.get(i - 1)) {
                return true;
            }
        }
        return false;
    }
}
