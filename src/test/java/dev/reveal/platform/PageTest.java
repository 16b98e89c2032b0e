package dev.reveal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PageTest {

    private static List<Integer> upTo(int n) {
        return IntStream.rangeClosed(1, n).boxed().toList();
    }

    @Test
    void rowsEndingExactlyAtThePageGiveNoCursor() {
        List<Integer> asked = new ArrayList<>();
        Page<Integer> page = Page.fetch(3, n -> {
            asked.add(n);
            return upTo(Math.min(n, 3));
        }, String::valueOf);

        assertThat(asked).as("one row more than the page").containsExactly(4);
        assertThat(page.items()).containsExactly(1, 2, 3);
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void anExtraRowMeansANextCursorFromThePagesLastRow() {
        Page<Integer> page = Page.fetch(3, n -> upTo(n), i -> "after-" + i);

        assertThat(page.items()).containsExactly(1, 2, 3);
        assertThat(page.nextCursor()).isEqualTo("after-3");
    }
}
