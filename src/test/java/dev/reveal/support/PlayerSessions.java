package dev.reveal.support;

import java.util.Map;
import java.util.UUID;

/** Sessions started through the real player API, the way an app starts them. */
public final class PlayerSessions {

    private PlayerSessions() {
    }

    public static UUID start(Api api, String externalRef) {
        return start(api, externalRef, "en");
    }

    public static UUID start(Api api, String externalRef, String locale) {
        Api.Response r = api.as(Tokens.player(externalRef)).post("/api/v1/sessions", Map.of("platform", "IOS",
                "appVersion", "1.0.0", "deviceModel", "iPhone15,2", "osVersion", "17.4", "locale", locale)).send();
        if (r.status() != 201) {
            throw new IllegalStateException("session start failed: " + r);
        }
        return UUID.fromString(r.json().get("sessionId").asString());
    }

    /** A fresh external ref per test so tests sharing one database never meet. */
    public static String newRef(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
