package dev.reveal.live;

/** Why a stream ended, counted per reason ({@code reveal.live.ended}) so a closed stream is never a mystery. */
enum StreamEnd {
    /** The client closed its side (or never finished opening it). */
    CLIENT_LEFT,
    /** More than {@code reveal.live.buffer-per-connection} messages waited for its socket. */
    TOO_FAR_BEHIND,
    /** Its socket took nothing for {@code reveal.live.write-timeout}. */
    STALLED,
    /** A write to its socket failed. */
    WRITE_FAILED,
    /** The server's connector ended the connection (an error, a stop). */
    CONNECTOR,
    /** The instance stops or lost its notices for good. */
    SHUTDOWN;

    /** Dropped by the server as too slow to read. */
    boolean tooSlow() {
        return this == TOO_FAR_BEHIND || this == STALLED;
    }
}
