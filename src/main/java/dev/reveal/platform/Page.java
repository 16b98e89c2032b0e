package dev.reveal.platform;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/** One page of a keyset-paginated list; {@code nextCursor} is absent on the last page. */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Fetches one row more than the page holds: the extra row says whether another page exists (no count query, and
     * no empty last page when the rows end exactly at a page boundary). The next cursor is made from the page's last
     * row, and only when more rows exist.
     *
     * @param fetch the rows after the request's cursor, in the list's order, at most the given number
     */
    public static <T> Page<T> fetch(int limit, IntFunction<List<T>> fetch, Function<T, String> cursorOf) {
        List<T> rows = fetch.apply(limit + 1);
        if (rows.size() <= limit) {
            return new Page<>(List.copyOf(rows), null);
        }
        List<T> page = List.copyOf(rows.subList(0, limit));
        return new Page<>(page, cursorOf.apply(page.get(limit - 1)));
    }
}
