package dev.reveal.live;

import java.util.UUID;

/**
 * One message of the stream, sent to every subscriber. When a market closes or its result is corrected
 * ({@code resultMarketId} set), each subscriber who predicted on it also gets their own result right after it.
 *
 * <p>Every message on the wire has its own SSE id: {@code 2 × id} for the message, {@code 2 × id + 1} for the result
 * that follows it. A client that resumes from the message's id (it saw the market close but not its result) is sent
 * the result first; one that resumes from the result's id is not sent it again.
 */
record LiveMessage(long id, String type, Object data, UUID resultMarketId) {

    static long messageId(long sequence) {
        return sequence * 2;
    }

    static long resultId(long sequence) {
        return sequence * 2 + 1;
    }

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
