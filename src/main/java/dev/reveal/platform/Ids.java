package dev.reveal.platform;

import com.github.f4b6a3.uuid.UuidCreator;
import java.util.UUID;

/** Row ids: UUID v7, so new rows land at the right-hand edge of every primary-key index. */
public final class Ids {

    private Ids() {
    }

    public static UUID newId() {
        return UuidCreator.getTimeOrderedEpoch();
    }
}
