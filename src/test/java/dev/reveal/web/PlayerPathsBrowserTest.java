package dev.reveal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The paths off the happy one, in Debian's headless Chromium: a 429 on the prediction, the decision note in Swedish
 * and fractional odds, the operator locking and settling early from the console, a reload in between, and the live
 * stream dropping while the result is decided. The player's card shows the result without a reload.
 */
class PlayerPathsBrowserTest extends BrowserTestBase {

    /**
     * Runs before the page's scripts: lets the test answer the next prediction with a 429, cut the stream (and keep
     * it down), and records every text the notice line and decision notes showed, however briefly.
     */
    private static final String NETWORK = """
            (() => {
              const send = window.fetch;
              const net = window.__net = { streams: [], streamDown: false, rateLimited: 0, shown: [] };
              window.fetch = async (url, init = {}) => {
                const u = String(url);
                if (u.includes('/api/v1/stream')) {
                  if (net.streamDown) throw new TypeError('simulated: no network');
                  const cut = new AbortController();
                  init.signal?.addEventListener('abort', () => cut.abort());
                  net.streams.push(cut);
                  return send(url, { ...init, signal: cut.signal });
                }
                if (u.endsWith('/api/v1/bet-intents') && init.method === 'POST' && net.rateLimited > 0) {
                  net.rateLimited--;
                  return new Response(JSON.stringify({ title: 'Too Many Requests', status: 429, code: 'RATE_LIMITED' }),
                    { status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '2' } });
                }
                return send(url, init);
              };
              new MutationObserver(() => document.querySelectorAll('#notice, .decision').forEach((el) => {
                const text = el.textContent.trim();
                if (text && !net.shown.includes(text)) net.shown.push(text);
              })).observe(document, { subtree: true, childList: true, characterData: true });
            })();""";

    @Test
    void earlyLockAndSettleFromTheConsoleReachTheCardThroughA429AReloadAndADroppedStream() throws Exception {
        String operator = demoToken("ops-paths", true);
        String title = "Early lock " + RUN;
        JsonNode event = publishedEvent(operator, title, Instant.now().plus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS));
        String eventId = event.get("id").asString();
        String card = "article.card[data-event-id='" + eventId + "']";
        String yes = card + " button.outcome[data-code='YES']";

        try (Browser player = Browser.open(412, 915); Browser console = Browser.open(1280, 1400)) {
            try {
                player.beforeEveryPage(NETWORK);
                signInPlayer(player, "paths-" + RUN);
                assertThat(player.text(card, 30)).contains(title).contains("Will the penalty be scored?").contains("Football");

                // a 429 first: the player reads why it waits, in words, and the prediction goes through after it
                player.js("window.__net.rateLimited = 1");
                player.click(yes, 10);
                assertThat(player.text(card + " .decision[data-code='ACCEPTED']", 30)).contains("Prediction accepted at 1.80");
                assertThat(shown(player)).anyMatch(t -> t.contains("Too many tries at once: trying again in 2 s"));
                // focus stays on the card although it was redrawn: on the note, as the pressed button is now disabled
                assertThat(player.js("return document.activeElement.classList.contains('decision')")).isEqualTo(true);
                assertThat(player.attribute(yes, "aria-pressed")).isEqualTo("true");

                // the note follows the language and the odds format chosen afterwards
                player.click("#locale-toggle button[data-locale='sv']", 10);
                player.click("#odds-toggle button[data-odds='fractional']", 10);
                player.until(d -> player.text(card + " .decision", 10).contains("Tipset är lagt till 4/5"), 20,
                        "the note in Swedish with fractional odds");
                assertThat(player.text(card + " .meta", 10)).contains("Fotboll");
                assertThat(player.attribute("#odds-toggle button[data-odds='fractional']", "aria-pressed")).isEqualTo("true");
                player.click("#locale-toggle button[data-locale='en']", 10);
                player.click("#odds-toggle button[data-odds='decimal']", 10);
                player.until(d -> player.text(card + " .decision", 10).contains("Prediction accepted at 1.80"), 20,
                        "the note back in English");

                // the operator locks the market early from the console, confirming what it does
                signInOperator(console, "ops-console-paths-" + RUN);
                console.click("#events li[data-event-id='" + eventId + "']", 30);
                console.await("#detail[data-event-id='" + eventId + "'] .market[data-status='OPEN']", 20);
                console.until(d -> console.text("#detail .live-view", 10).contains("YES 1 · NO 0"), 20,
                        "the live view counting the prediction");
                console.click("#detail button[data-action='lock']", 10);
                assertThat(console.text("#confirm[open]", 10)).contains("1 accepted predictions wait for the result");
                console.click("#confirm[open] #confirm-ok", 10);
                console.await("#detail .market[data-status='LOCKED']", 20);

                // the card says Locked at once, keeps the question and the prediction, and no countdown
                player.await(card + "[data-phase='closed']", 20);
                assertThat(player.text(card, 10)).contains("Will the penalty be scored?").contains("Locked: waiting for the result")
                        .contains("Prediction accepted at 1.80").doesNotContain("Locks in");

                // after a reload the card is still there, with the player's pick
                player.get(baseUrl() + "/");
                player.await(card + "[data-phase='closed']", 30);
                assertThat(player.attribute(yes, "class")).contains("picked");
                player.js("arguments[0].scrollIntoView({block: 'start'})", player.find(card));
                // nothing to reveal yet: the preview keeps looping
                player.until(d -> player.number("return document.querySelector(arguments[0]).currentTime", card + " video") > 0.3,
                        30, "the preview playing on the locked card");
                player.screenshot("player-locked-early");

                // the stream drops; the operator settles meanwhile; the card gets the result once it is back
                player.js("window.__net.streamDown = true; window.__net.streams.forEach((c) => c.abort())");
                player.until(d -> player.text("#notice", 10).contains("Live updates interrupted: reconnecting"), 20,
                        "the interruption told");
                BrowserFlowTest.choose(console, "#detail select[data-role='winner']", "YES");
                console.click("#detail button[data-action='settle']", 10);
                assertThat(console.text("#confirm[open]", 10)).contains("1 accepted predictions get their result: 1 win, 0 lose");
                console.click("#confirm[open] #confirm-ok", 10);
                console.await("#detail .market[data-status='SETTLED']", 20);
                assertThat(player.js("return document.querySelector(\"" + card + " .result\") === null")).isEqualTo(true);
                player.js("window.__net.streamDown = false");
                assertThat(player.text(card + " .result[data-result='WON']", 40)).isEqualTo("You were right!");
                player.until(d -> "live open".equals(player.attribute("#live", "class")), 20, "the stream open again");
                assertThat(player.find("#notice").isDisplayed()).isFalse();

                // a token that stops working: back to sign-in with a message, and on again without a reload
                player.js("window.__samePage = true; localStorage.setItem('reveal.player.token', 'expired')");
                player.click("#tabs button[data-view='history']", 10);
                player.until(d -> player.text("#notice", 10).equals("Your sign-in has expired: sign in again to carry on"), 20,
                        "the expiry told");
                player.click("#signin:not([hidden]) #signin-demo button[type=submit]", 10);
                player.await("#tabs:not([hidden])", 30);
                player.until(d -> !player.find("#notice").isDisplayed(), 10, "the notice gone");
                assertThat(player.js("return window.__samePage === true")).as("signed in again without a reload").isEqualTo(true);
            } catch (AssertionError | RuntimeException e) {
                player.screenshot("paths-player-failure");
                console.screenshot("paths-console-failure");
                throw new AssertionError(e.getMessage() + "\nplayer log:\n" + player.consoleLog(), e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> shown(Browser b) {
        return (List<String>) b.js("return window.__net.shown");
    }
}
