package dev.reveal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * axe-core's audit (WCAG 2.2 A/AA and best practices) over every state of both pages: zero critical and zero
 * serious violations. Plus what axe cannot see: predicting and pausing with the keyboard alone, focus kept after
 * the card is redrawn, selected toggles and tabs exposed to assistive technology, and the console at 500 px wide.
 */
class AccessibilityBrowserTest extends BrowserTestBase {

    private final Map<String, List<String>> violations = new LinkedHashMap<>();

    private void audit(Browser b, String state) {
        List<String> found = b.seriousAccessibilityViolations();
        if (!found.isEmpty()) {
            violations.put(state, found);
        }
    }

    @Test
    void thePlayerPageInEveryStateWithTheKeyboardAlone() throws Exception {
        String operator = demoToken("ops-a11y", true);
        String eventId = publishedEvent(operator, "Keyboard " + RUN, Instant.now().plus(30, ChronoUnit.MINUTES)
                .truncatedTo(ChronoUnit.SECONDS)).get("id").asString();
        String card = "article.card[data-event-id='" + eventId + "']";
        try (Browser b = Browser.open(412, 915)) {
            try {
                b.get(baseUrl() + "/");
                b.await("#signin:not([hidden]) #signin-name", 30);
                audit(b, "player: sign-in");

                // sign in with the keyboard: type the name, Enter submits
                WebElement name = b.find("#signin-name");
                name.clear();
                name.sendKeys("keys-" + RUN, Keys.ENTER);
                b.await(card, 30);
                assertThat(b.find("h1").getText()).startsWith("Reveal");
                audit(b, "player: feed");

                // Tab to the card's YES button, Enter predicts; focus is not dropped to <body> by the redraw
                String yes = card + " button.outcome[data-code='YES']";
                tabUntil(b, yes);
                b.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
                b.await(card + " .decision[data-code='ACCEPTED']", 30);
                assertThat(b.js("return document.activeElement.matches(arguments[0])", card + " .decision")).isEqualTo(true);
                audit(b, "player: prediction accepted");

                // the looping preview can be paused and played again from the keyboard
                b.js("arguments[0].scrollIntoView({block: 'start'})", b.find(card));
                String toggle = card + " button.playpause";
                b.until(d -> b.find(toggle).isDisplayed() && "Pause the clip".equals(b.attribute(toggle, "aria-label")), 40,
                        "the preview playing with a pause button");
                b.find(toggle).sendKeys(Keys.ENTER);
                b.until(d -> Boolean.TRUE.equals(b.js("return document.querySelector(arguments[0]).paused", card + " video")), 10,
                        "the preview paused");
                assertThat(b.attribute(toggle, "aria-label")).isEqualTo("Play the clip");

                // selected toggles and tabs say so to assistive technology, not only by colour
                assertThat(b.attribute("#locale-toggle button[data-locale='en']", "aria-pressed")).isEqualTo("true");
                assertThat(b.attribute("#locale-toggle button[data-locale='sv']", "aria-pressed")).isEqualTo("false");
                assertThat(b.attribute("#tabs button[data-view='feed']", "aria-selected")).isEqualTo("true");
                b.find("#tabs button[data-view='feed']").sendKeys(Keys.ARROW_RIGHT);
                b.await("#view-history:not([hidden])", 10);
                assertThat(b.attribute("#tabs button[data-view='history']", "aria-selected")).isEqualTo("true");
                b.await("#history li", 20);
                audit(b, "player: history");
                b.click("#tabs button[data-view='leaderboard']", 10);
                b.await("#board tr", 20);
                audit(b, "player: leaderboard");

                b.click("#locale-toggle button[data-locale='sv']", 10);
                b.click("#odds-toggle button[data-odds='fractional']", 10);
                b.click("#tabs button[data-view='feed']", 10);
                b.until(d -> "sv".equals(b.js("return document.documentElement.lang")), 10, "Swedish");
                audit(b, "player: feed in Swedish with fractional odds");

                b.js("document.getElementById('notice').hidden = false;"
                        + "document.getElementById('notice').textContent = 'Liveuppdateringarna avbröts: återansluter…'");
                audit(b, "player: with a notice");
            } catch (AssertionError | RuntimeException e) {
                b.screenshot("a11y-player-failure");
                throw new AssertionError(e.getMessage() + "\nbrowser log:\n" + b.consoleLog(), e);
            }
        }
        assertThat(violations).as("serious or critical accessibility violations per state").isEmpty();
    }

    @Test
    void theConsoleInEveryStateAndAt500PixelsWide() throws Exception {
        String operator = demoToken("ops-a11y-console", true);
        String eventId = publishedEvent(operator, "Console a11y " + RUN, Instant.now().plus(30, ChronoUnit.MINUTES)
                .truncatedTo(ChronoUnit.SECONDS)).get("id").asString();
        try (Browser b = Browser.open(1280, 1400)) {
            try {
                b.get(baseUrl() + "/console");
                b.await("#signin:not([hidden]) #signin-name", 30);
                audit(b, "console: sign-in");
                signInOperator(b, "ops-a11y-" + RUN);
                b.await("#events li", 30);
                b.until(d -> b.find("#chart-daily canvas") != null, 30, "the report charts drawn");
                audit(b, "console: lists, reports and create form");

                b.click("#events li[data-event-id='" + eventId + "']", 10);
                b.await("#detail[data-event-id='" + eventId + "'] .live-view span", 20);
                audit(b, "console: event detail with its live view");

                b.click("#detail button[data-action='lock']", 10);
                b.await("#confirm[open]", 10);
                audit(b, "console: confirmation dialog");
                b.click("#confirm-cancel", 10);

                b.find("#create-form button[type=submit]").click();
                b.await("#create-form .field-error", 20);
                audit(b, "console: create form with errors");

                // at 500 px the event detail stays on the screen: nothing wider than the viewport
                b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(500, 1200));
                b.click("#events li[data-event-id='" + eventId + "']", 10);
                b.await("#detail[data-event-id='" + eventId + "']", 20);
                b.until(d -> ((Number) b.js("return document.documentElement.scrollWidth")).intValue()
                        <= ((Number) b.js("return window.innerWidth")).intValue(), 10, "no horizontal overflow at 500 px");
                audit(b, "console: 500 px wide");
            } catch (AssertionError | RuntimeException e) {
                b.screenshot("a11y-console-failure");
                throw new AssertionError(e.getMessage() + "\nbrowser log:\n" + b.consoleLog(), e);
            }
        }
        assertThat(violations).as("serious or critical accessibility violations per state").isEmpty();
    }

    /** Presses Tab until the focused element matches {@code css}; fails after 60 presses. */
    private static void tabUntil(Browser b, String css) {
        List<String> path = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            if (Boolean.TRUE.equals(b.js("return document.activeElement.matches(arguments[0])", css))) {
                return;
            }
            path.add(String.valueOf(b.js("const e = document.activeElement; return e.tagName + (e.id ? '#' + e.id : '')"
                    + " + (e.dataset.code ? '[' + e.dataset.code + ']' : '')")));
            b.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        throw new AssertionError("Tab never reached " + css + ": " + path);
    }
}
