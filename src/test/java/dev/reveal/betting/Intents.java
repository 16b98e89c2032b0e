package dev.reveal.betting;

import dev.reveal.support.Api;
import dev.reveal.support.Fixtures;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Request bodies and calls for bet-intent tests. */
final class Intents {

    private Intents() {
    }

    static Map<String, Object> body(UUID session, Fixtures.OpenMarket m, UUID outcome, UUID seenVersion, String acceptOdds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sessionId", session.toString());
        body.put("marketId", m.marketId().toString());
        body.put("outcomeId", outcome.toString());
        body.put("oddsVersionId", seenVersion.toString());
        body.put("clientSentAt", Instant.now().minusMillis(150).toString());
        if (acceptOdds != null) {
            body.put("acceptOdds", acceptOdds);
        }
        return body;
    }

    static Map<String, Object> yes(UUID session, Fixtures.OpenMarket m) {
        return body(session, m, m.yesOutcomeId(), m.oddsVersionId(), null);
    }

    static Api.Response place(Api api, String token, String key, Map<String, Object> body) {
        Api.Call call = api.as(token).post("/api/v1/bet-intents", body);
        if (key != null) {
            call.header("Idempotency-Key", key);
        }
        return call.send();
    }

    static String newKey() {
        return "key-" + UUID.randomUUID();
    }
}
