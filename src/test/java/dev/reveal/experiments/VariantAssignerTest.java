package dev.reveal.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import dev.reveal.support.Gen;
import org.junit.jupiter.api.Test;

class VariantAssignerTest {

    @Test
    void parsesWeightedVariants() {
        assertThat(VariantAssigner.parse("control:50, b:30,c"))
                .containsExactly(new VariantAssigner.Weighted("control", 50), new VariantAssigner.Weighted("b", 30),
                        new VariantAssigner.Weighted("c", 1));
        assertThatThrownBy(() -> VariantAssigner.parse("a:1,a:2")).hasMessageContaining("twice");
        assertThatThrownBy(() -> VariantAssigner.parse("a:x")).hasMessageContaining("weight");
        assertThatThrownBy(() -> new VariantAssigner("s", VariantAssigner.parse("a:0,b:0"))).hasMessageContaining("more than zero");
        assertThatThrownBy(() -> new VariantAssigner("s", VariantAssigner.parse("bad name:1"))).hasMessageContaining("must match");
    }

    @Test
    void distributionOverTenThousandUsersIsWithinTwoPointsOfTheWeights() {
        assertDistribution("control:50,b:50", Map.of("control", 0.50, "b", 0.50));
        assertDistribution("control:70,b:20,c:10", Map.of("control", 0.70, "b", 0.20, "c", 0.10));
        assertDistribution("control:1,treatment:3", Map.of("control", 0.25, "treatment", 0.75));
    }

    @Test
    void aZeroWeightVariantIsNeverChosen() {
        VariantAssigner assigner = new VariantAssigner("salt", VariantAssigner.parse("control:1,off:0"));
        for (int i = 0; i < 1000; i++) {
            assertThat(assigner.variantFor(UUID.randomUUID())).isEqualTo("control");
        }
    }

    @Test
    void knownUserGetsTheSameVariantOnEveryInstance() {
        UUID user = UUID.fromString("0190f1e2-0000-7000-8000-000000000001");
        VariantAssigner one = new VariantAssigner("salt-1", VariantAssigner.parse("control:50,b:50"));
        VariantAssigner two = new VariantAssigner("salt-1", VariantAssigner.parse("control:50,b:50"));
        assertThat(one.variantFor(user)).isEqualTo(two.variantFor(user));
    }

    @Test
    void deterministicAndAlwaysAConfiguredVariant() {
        Gen.forAll(300, g -> deterministicAndConfigured(g.anyLong(), g.anyLong(), g.anyString(0, 40), g.between(1, 1000),
                g.between(0, 1000)));
    }

    private static void deterministicAndConfigured(long high, long low, String salt, int wa, int wb) {
        UUID user = new UUID(high, low);
        List<VariantAssigner.Weighted> variants = List.of(new VariantAssigner.Weighted("control", wa),
                new VariantAssigner.Weighted("b", wb));
        String first = new VariantAssigner(salt, variants).variantFor(user);
        assertThat(new VariantAssigner(salt, variants).variantFor(user)).isEqualTo(first);
        assertThat(first).isIn("control", "b");
        if (wb == 0) {
            assertThat(first).isEqualTo("control");
        }
    }

    private static void assertDistribution(String spec, Map<String, Double> expected) {
        VariantAssigner assigner = new VariantAssigner("reveal-experiment-1", VariantAssigner.parse(spec));
        int users = 10_000;
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < users; i++) {
            counts.merge(assigner.variantFor(UUID.randomUUID()), 1, Integer::sum);
        }
        expected.forEach((variant, share) ->
                assertThat(counts.getOrDefault(variant, 0) / (double) users)
                        .as("share of %s under %s", variant, spec)
                        .isBetween(share - 0.02, share + 0.02));
        assertThat(counts.keySet()).isEqualTo(expected.keySet());
    }
}
