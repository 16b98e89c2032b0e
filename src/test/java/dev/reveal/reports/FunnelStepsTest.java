package dev.reveal.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reveal.platform.Refusal;
import org.junit.jupiter.api.Test;

class FunnelStepsTest {

    @Test
    void namesAreTrimmedAndKeptInOrder() {
        assertThat(FunnelSteps.parse("feed_opened, clip_played ,bet_made")).containsExactly("feed_opened", "clip_played", "bet_made");
    }

    @Test
    void refusesTooFewTooManyRepeatedOrMalformedSteps() {
        for (String bad : new String[] {null, " ", "one", "a,b,c,d,e,f,g,h,i,j,k", "a,b,a", "a,,b", "a,B"}) {
            assertThatThrownBy(() -> FunnelSteps.parse(bad)).as(String.valueOf(bad))
                    .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.code()).isEqualTo("INVALID_PARAMETER"));
        }
        assertThat(FunnelSteps.parse("a,b,c,d,e,f,g,h,i,j")).hasSize(10);
    }
}
