/** Predictions (bet intents): idempotent placement, the acceptance decision, and each player's history. */
package dev.reveal.betting;
