package dev.reveal.betting;

import org.springframework.test.context.TestPropertySource;

/** The same races with group commit off: every request is a batch of one, written on its caller's thread. */
@TestPropertySource(properties = "reveal.betting.group-commit.enabled=false")
class BatchOfOneConcurrencyTest extends BetIntentConcurrencyTest {
}
