package dev.reveal.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.Api;
import dev.reveal.support.WebContextTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.WebElement;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;

/** What the browser tests share: events made through the operator API, and signing in on either page. */
abstract class BrowserTestBase extends WebContextTest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    static void needsChromium() {
        Browser.assumeInstalled();
    }

    JsonNode createEvent(String operator, String title, Instant lockAt, int previewEnd, int clipMs, Instant settleAt) {
        Map<String, Object> body = Map.ofEntries(
                Map.entry("sportType", "FOOTBALL"),
                Map.entry("titleEn", title),
                Map.entry("titleSv", "Straff i webbläsaren " + RUN),
                Map.entry("previewStartMs", 0), Map.entry("previewEndMs", previewEnd),
                Map.entry("revealStartMs", previewEnd), Map.entry("revealEndMs", clipMs),
                Map.entry("lockAt", lockAt.toString()), Map.entry("settleAt", settleAt.toString()),
                Map.entry("validateMedia", true),
                Map.entry("media", Map.of("hlsMasterUrl", demoClipUrl("penalty"))),
                Map.entry("markets", List.of(Map.of("questionKey", "demo.question.penalty", "marketType", "YES_NO",
                        "outcomes", List.of(
                                Map.of("code", "YES", "labelKey", "demo.outcome.yes", "decimalOdds", 1.8),
                                Map.of("code", "NO", "labelKey", "demo.outcome.no", "fractionalOdds", "11/10"))))));
        Api.Response created = api.as(operator).post("/admin/v1/events", body).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    /** Creates and publishes an event locking at {@code lockAt}; returns it as created. */
    JsonNode publishedEvent(String operator, String title, Instant lockAt) throws IOException {
        int clipMs = clipDurationMs();
        int previewEnd = clipMs / 2 / 100 * 100;
        JsonNode event = createEvent(operator, title, lockAt, previewEnd, clipMs, lockAt.plusSeconds(300));
        Api.Response published = api.as(operator).post("/admin/v1/events/" + event.get("id").asString() + "/publish", null).send();
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        return event;
    }

    void signInPlayer(Browser b, String player) {
        signIn(b, "/", player, "#tabs:not([hidden])");
    }

    void signInOperator(Browser b, String operator) {
        signIn(b, "/console", operator, "#app:not([hidden]) #create-form");
    }

    /** Demo sign-in as both pages offer it: a name, the submit button, then waits for {@code signedInCss}. */
    private void signIn(Browser b, String page, String name, String signedInCss) {
        b.get(baseUrl() + page);
        WebElement input = b.await("#signin-name", 30);
        input.clear();
        input.sendKeys(name);
        b.find("#signin-demo button[type=submit]").click();
        b.await(signedInCss, 30);
    }

    static void choose(Browser b, String css, String visibleText) {
        b.until(d -> {
            new org.openqa.selenium.support.ui.Select(b.find(css)).selectByVisibleText(visibleText);
            return true;
        }, 10, "choosing " + visibleText + " in " + css);
    }

    /** The shipped demo clip's length, summed from its playlist. */
    static int clipDurationMs() throws IOException {
        try (InputStream in = new ClassPathResource("demo/clips/penalty/clip.m3u8").getInputStream()) {
            double seconds = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith("#EXTINF:"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(8).split(",", 2)[0].trim())).sum();
            return (int) Math.round(seconds * 1000);
        }
    }
}
