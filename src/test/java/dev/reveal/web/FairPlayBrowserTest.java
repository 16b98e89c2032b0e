package dev.reveal.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.Api;
import dev.reveal.support.WebContextTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * Fair play in a real browser (headless Chromium, hls.js): the card plays the clear preview rendition and nothing of
 * the reveal or its key is loaded before the lock; after it the page loads the encrypted reveal rendition, hls.js
 * fetches the key and decrypts, and the video plays past the preview end. The page is opened at 127.0.0.1, not
 * localhost: media URLs are relative, so they load from wherever the page was opened (issue 13 item 10).
 */
class FairPlayBrowserTest extends WebContextTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final int PREVIEW_END = 8000;
    private static final int CLIP = 16000;

    @BeforeAll
    static void needsChromium() {
        Browser.assumeInstalled();
    }

    @Test
    void thePreviewPlaysClearAndAfterTheLockTheRevealPlaysDecrypted() throws Exception {
        String operator = demoToken("ops-fair-browser", true);
        Instant lockAt = Instant.now().plusSeconds(50).truncatedTo(ChronoUnit.SECONDS);
        String title = "Fair play in the browser " + RUN;
        String eventId = create(operator, title, lockAt);
        String card = "article.card[data-event-id='" + eventId + "']";
        String video = "document.querySelector(\"" + card + " video\")";
        String loaded = "return performance.getEntriesByType('resource').map(e => e.name).join('\\n')";

        try (Browser b = Browser.open(412, 915)) {
            try {
                b.get("http://127.0.0.1:" + port + "/");
                WebElement name = b.await("#signin-name", 30);
                name.clear();
                name.sendKeys("fair-" + RUN);
                b.find("#signin-demo button[type=submit]").click();
                assertThat(b.text(card, 30)).contains(title);
                b.js("arguments[0].scrollIntoView({block: 'start'})", b.find(card));

                // the preview rendition plays inside its window
                b.until(d -> b.number("return " + video + ".currentTime") > 0.5, 40, "preview to start playing");
                assertThat(b.number("return " + video + ".currentTime * 1000")).isLessThanOrEqualTo(PREVIEW_END + 100.0);
                String before = (String) b.js(loaded);
                assertThat(Instant.now()).as("the preview was checked before the lock (a slow machine: raise the lead)")
                        .isBefore(lockAt);
                assertThat(before).contains("/preview.m3u8").contains("/p000.ts")
                        .doesNotContain("reveal.m3u8").doesNotContain("/media/keys/").doesNotContain("/r000.ts");

                // the lock: the reveal rendition, decrypted by hls.js, plays past the preview end
                b.until(d -> "reveal".equals(b.attribute(card, "data-phase")),
                        (int) (Instant.now().until(lockAt, ChronoUnit.SECONDS) + 40), "the card to reach the reveal");
                b.until(d -> b.number("return " + video + ".currentTime * 1000") > PREVIEW_END + 1500, 40,
                        "the decrypted reveal to play");
                String after = (String) b.js(loaded);
                assertThat(after).contains("/reveal.m3u8?").contains("/media/keys/").contains("/r000.ts");
                assertThat(after.lines()).noneMatch(u -> u.contains("localhost"));
                assertThat(b.text(card + " .hint", 5)).as("no playback error").isEmpty();
                assertThat(b.number("return " + video + ".getVideoPlaybackQuality().totalVideoFrames")).isPositive();
                b.screenshot("fair-play-reveal");
            } catch (AssertionError | RuntimeException e) {
                b.screenshot("fair-play-failure");
                throw new AssertionError(e.getMessage() + "\nbrowser log:\n" + b.consoleLog(), e);
            }
        }
    }

    private String create(String operator, String title, Instant lockAt) {
        Map<String, Object> body = Map.ofEntries(
                Map.entry("sportType", "FOOTBALL"), Map.entry("titleEn", title),
                Map.entry("previewStartMs", 0), Map.entry("previewEndMs", PREVIEW_END),
                Map.entry("revealStartMs", PREVIEW_END), Map.entry("revealEndMs", CLIP),
                Map.entry("lockAt", lockAt.toString()), Map.entry("settleAt", lockAt.plusSeconds(300).toString()),
                Map.entry("media", Map.of("hlsMasterUrl", demoClipUrl("penalty"))),
                Map.entry("markets", List.of(Map.of("questionKey", "demo.question.penalty", "marketType", "YES_NO",
                        "outcomes", List.of(Map.of("code", "YES", "labelKey", "demo.outcome.yes", "decimalOdds", 1.8),
                                Map.of("code", "NO", "labelKey", "demo.outcome.no", "decimalOdds", 2.1))))));
        Api.Response created = api.as(operator).post("/admin/v1/events", body).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(api.as(operator).post("/admin/v1/events/" + id + "/publish", null).send().status()).isEqualTo(200);
        return id;
    }
}
