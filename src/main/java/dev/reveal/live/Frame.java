package dev.reveal.live;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Server-Sent Events frame as it goes on the wire, already encoded. A message for every stream is rendered once
 * and the same bytes are queued on each of them, so fan-out costs a write per stream, not a serialisation per stream.
 */
record Frame(byte[] bytes) {

    static final Frame HEARTBEAT = new Frame(":heartbeat\n\n".getBytes(StandardCharsets.UTF_8));

    /** {@code id} 0: a frame without an id (hello, reset), which a client cannot resume from. */
    static Frame of(JsonMapper json, long id, String type, Object data) {
        StringBuilder text = new StringBuilder(128);
        if (id > 0) {
            text.append("id:").append(id).append('\n');
        }
        text.append("event:").append(type).append("\ndata:").append(json.writeValueAsString(data)).append("\n\n");
        return new Frame(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
