package dev.reveal.live;

import java.util.UUID;

/**
 * One message of the stream, sent to every subscriber. When a market closes ({@code resultMarketId} set), each
 * subscriber who predicted on it also gets their own result under the same id.
 */
record LiveMessage(long id, String type, Object data, UUID resultMarketId) {

    static LiveMessage broadcast(long id, String type, Object data) {
        return new LiveMessage(id, type, data, null);
    }

    static LiveMessage marketClosed(long id, Object data, UUID marketId) {
        return new LiveMessage(id, "market", data, marketId);
    }

    boolean hasResults() {
        return resultMarketId != null;
    }
}
