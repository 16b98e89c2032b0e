package dev.reveal.odds;

/** A price that cannot be accepted; the message says why and is meant for a field error. */
public class InvalidOddsException extends RuntimeException {

    public InvalidOddsException(String message) {
        super(message, null, false, false);
    }
}
