package dev.reveal.betting;

import dev.reveal.platform.Refusal;

/** What recording one prediction came to: an intent (new or replayed), a refusal that wrote nothing, or a failure. */
sealed interface Outcome permits Outcome.Recorded, Outcome.Refused, Outcome.Failed {

    /** The answer for the caller: the intent, or the refusal or failure thrown. */
    Recorded answer();

    /** The intent and whether it repeats an earlier answer (200 + Idempotent-Replayed) or is new (201). */
    record Recorded(BetIntentView intent, boolean replayed) implements Outcome {

        @Override
        public Recorded answer() {
            return this;
        }
    }

    record Refused(Refusal refusal) implements Outcome {

        @Override
        public Recorded answer() {
            throw refusal;
        }
    }

    /** The request could not be recorded for a reason of its own (the rest of its batch was). */
    record Failed(RuntimeException cause) implements Outcome {

        @Override
        public Recorded answer() {
            throw cause;
        }
    }
}
