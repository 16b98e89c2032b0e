package dev.reveal.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What happened around a failover on one clock: prediction attempts, PgBouncer's pools and servers, and the lines of
 * the service's, PgBouncer's and the follower's logs, printed in milliseconds from the kill.
 */
final class Timeline {

    private record Event(long nanos, String source, String text) {
    }

    private static final DateTimeFormatter BOUNCER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
    private final long anchorNanos = System.nanoTime();
    private final long anchorMillis = System.currentTimeMillis();

    void add(long nanos, String source, String text) {
        events.add(new Event(nanos, source, text));
    }

    /** The lines of a log file that {@code keep} selects, placed by the wall-clock time {@code time} reads from each. */
    void addLog(Path file, String source, Function<String, Instant> time, Predicate<String> keep) {
        List<String> lines;
        try {
            lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String line : lines) {
            Instant at = time.apply(line);
            if (at != null && keep.test(line)) {
                add(anchorNanos + (at.toEpochMilli() - anchorMillis) * 1_000_000, source, line);
            }
        }
    }

    /** Spring Boot's console pattern: an ISO offset date-time first. */
    static Instant serviceTime(String line) {
        int space = line.indexOf(' ');
        try {
            return space > 0 ? OffsetDateTime.parse(line.substring(0, space)).toInstant() : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** PgBouncer's: {@code 2026-12-02 11:08:00.123 UTC [pid] ...}. */
    static Instant bouncerTime(String line) {
        try {
            return line.length() > 27 && line.startsWith(" UTC", 23)
                    ? java.time.LocalDateTime.parse(line.substring(0, 23), BOUNCER_TIME).toInstant(ZoneOffset.UTC) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The follower's: {@code cluster: 11:08:00.123 PgBouncer now in front of ...} (UTC, today). */
    static Instant followerTime(String line) {
        try {
            return line.startsWith("cluster: ") && line.length() > 21
                    ? LocalTime.parse(line.substring(9, 21)).atDate(LocalDate.now(ZoneOffset.UTC)).toInstant(ZoneOffset.UTC)
                    : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The events between {@code from} and {@code to} (nanoTime), in milliseconds from {@code zero}. */
    String print(long zero, long from, long to) {
        List<Event> sorted = new ArrayList<>(events.stream().filter(e -> e.nanos() >= from && e.nanos() <= to).toList());
        sorted.sort(Comparator.comparingLong(Event::nanos));
        StringBuilder out = new StringBuilder();
        for (Event e : sorted) {
            out.append(String.format("%+7d ms  %-10s %s%n", (e.nanos() - zero) / 1_000_000, e.source(), e.text()));
        }
        return out.toString();
    }
}
