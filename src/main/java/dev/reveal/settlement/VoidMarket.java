package dev.reveal.settlement;

import dev.reveal.platform.Actor;
import java.util.UUID;

/** Void a market: no result, every accepted prediction on it reads VOID. */
record VoidMarket(UUID marketId, String reason, Actor actor) {
}
