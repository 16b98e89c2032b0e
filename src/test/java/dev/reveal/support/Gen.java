package dev.reveal.support;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Generated test input drawn from one seeded {@link SplittableRandom}, so a seed replays a whole run. Ranges hit their
 * ends more often than chance would (the edge cases where bugs live), strings include every UTF-16 unit (lone
 * surrogates, NUL, controls).
 *
 * <p>{@link #forAll} runs a property a number of times and names the seed when a try fails; set
 * {@code -Dreveal.fuzz.seed=N} to replay it.
 */
public final class Gen {

    private static final double EDGE = 0.05;
    private final SplittableRandom random;

    public Gen(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The seed of this run: {@code -Dreveal.fuzz.seed} when set, else a new one. */
    public static long seed() {
        return Long.getLong("reveal.fuzz.seed", System.nanoTime());
    }

    /** Runs {@code property} {@code tries} times on one seeded generator; a failure says which try and seed. */
    public static void forAll(int tries, Consumer<Gen> property) {
        long seed = seed();
        Gen gen = new Gen(seed);
        for (int i = 1; i <= tries; i++) {
            try {
                property.accept(gen);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("try " + i + " of " + tries + " failed with seed " + seed
                        + " (replay with -Dreveal.fuzz.seed=" + seed + "): " + e.getMessage(), e);
            }
        }
    }

    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    public boolean bool() {
        return random.nextBoolean();
    }

    /** Between min and max, both inclusive. */
    public int between(int min, int max) {
        if (chance(EDGE)) {
            return min;
        }
        if (chance(EDGE)) {
            return max;
        }
        return (int) random.nextLong(min, (long) max + 1);
    }

    /** Between min and max, both inclusive. */
    public long between(long min, long max) {
        if (chance(EDGE)) {
            return min;
        }
        if (chance(EDGE)) {
            return max;
        }
        return max == Long.MAX_VALUE ? random.nextLong(min, max) : random.nextLong(min, max + 1);
    }

    public double between(double min, double max) {
        if (chance(EDGE)) {
            return min;
        }
        if (chance(EDGE)) {
            return max;
        }
        return min + random.nextDouble() * (max - min);
    }

    /** Any int, with 0, ±1 and the extremes often. */
    public int anyInt() {
        return chance(0.2) ? oneOf(0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE) : random.nextInt();
    }

    /** Any long, with 0, ±1 and the extremes often. */
    public long anyLong() {
        return chance(0.2) ? oneOf(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE) : random.nextLong();
    }

    /** Any double, including the special values. */
    public double anyDouble() {
        return chance(0.2) ? oneOf(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MAX_VALUE, Double.MIN_VALUE) : Double.longBitsToDouble(random.nextLong());
    }

    /** A decimal of the given scale in [min, max]. */
    public BigDecimal decimal(BigDecimal min, BigDecimal max, int scale) {
        long lo = min.movePointRight(scale).longValueExact();
        long hi = max.movePointRight(scale).longValueExact();
        return BigDecimal.valueOf(between(lo, hi), scale);
    }

    @SafeVarargs
    public final <T> T oneOf(T... values) {
        return values[random.nextInt(values.length)];
    }

    public <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    public <E extends Enum<E>> E oneOf(Class<E> type) {
        return oneOf(type.getEnumConstants());
    }

    /** One of the suppliers, chosen by weight: {@code frequency(3, a, 1, b)}. */
    @SuppressWarnings("unchecked")
    public <T> T frequency(Object... weightsAndSuppliers) {
        int total = 0;
        for (int i = 0; i < weightsAndSuppliers.length; i += 2) {
            total += (Integer) weightsAndSuppliers[i];
        }
        int pick = random.nextInt(total);
        for (int i = 0; i < weightsAndSuppliers.length; i += 2) {
            pick -= (Integer) weightsAndSuppliers[i];
            if (pick < 0) {
                return ((Supplier<T>) weightsAndSuppliers[i + 1]).get();
            }
        }
        throw new IllegalStateException();
    }

    /** Any UTF-16 units (lone surrogates, NUL and controls included), length in [min, max]. */
    public String anyString(int min, int max) {
        int n = between(min, max);
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(anyChar());
        }
        return s.toString();
    }

    /** A unit weighted towards ASCII, then Latin, then anywhere in the BMP. */
    public char anyChar() {
        return switch (random.nextInt(10)) {
            case 0 -> (char) random.nextInt(0x20);
            case 1, 2 -> (char) random.nextInt(0x80, 0x800);
            case 3 -> (char) random.nextInt(0xD800, 0xE000);
            case 4, 5 -> (char) random.nextInt(0x10000);
            default -> (char) random.nextInt(0x20, 0x7F);
        };
    }

    /** Characters between from and to (inclusive), length in [min, max]. */
    public String string(char from, char to, int min, int max) {
        int n = between(min, max);
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) random.nextInt(from, to + 1));
        }
        return s.toString();
    }

    /** Characters from the given set, length in [min, max]. */
    public String stringOf(String chars, int min, int max) {
        int n = between(min, max);
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(chars.charAt(random.nextInt(chars.length())));
        }
        return s.toString();
    }

    /** Any bytes of length in [min, max]. */
    public byte[] bytes(int min, int max) {
        byte[] b = new byte[between(min, max)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    public <T> List<T> list(int maxSize, Supplier<T> element) {
        int n = between(0, maxSize);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(element.get());
        }
        return out;
    }

    public <K, V> Map<K, V> map(int maxSize, Supplier<K> key, Supplier<V> value) {
        int n = between(0, maxSize);
        Map<K, V> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(key.get(), value.get());
        }
        return out;
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
