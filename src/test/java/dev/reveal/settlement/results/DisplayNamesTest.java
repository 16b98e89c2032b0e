package dev.reveal.settlement.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.Gen;
import org.junit.jupiter.api.Test;

class DisplayNamesTest {

    @Test
    void keepsAtMostTwoCharactersAndNeverHalfTheRef() {
        assertThat(DisplayNames.masked("alice-42")).isEqualTo("al***");
        assertThat(DisplayNames.masked("bob")).isEqualTo("b***");
        assertThat(DisplayNames.masked("x")).isEqualTo("***");
        assertThat(DisplayNames.masked("😀😀😀😀")).isEqualTo("😀😀***");
    }

    @Test
    void neverRevealsARefInFull() {
        Gen.forAll(1000, g -> neverRevealsInFull(g.anyString(1, 255)));
    }

    private static void neverRevealsInFull(String ref) {
        String masked = DisplayNames.masked(ref);
        String shown = masked.substring(0, masked.length() - DisplayNames.MASK.length());
        assertThat(masked).endsWith(DisplayNames.MASK);
        assertThat(ref).startsWith(shown);
        assertThat(shown.codePointCount(0, shown.length())).isLessThanOrEqualTo(2)
                .isLessThan(ref.codePointCount(0, ref.length()));
    }
}
