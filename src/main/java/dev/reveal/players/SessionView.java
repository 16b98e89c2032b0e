package dev.reveal.players;

import java.time.Instant;
import java.util.UUID;

record SessionView(UUID sessionId, UUID userId, String variant, Instant startedAt, Instant endedAt,
                   String locale, String appVersion, String deviceModel, String osVersion) {
}
