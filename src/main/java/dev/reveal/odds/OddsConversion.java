package dev.reveal.odds;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decimal ↔ fractional odds. A decimal that is exactly (to four places) a step of the bookmakers' ladder
 * becomes that step (1.3636 → 4/11, not 909/2500); any other decimal becomes its best rational approximation
 * with a denominator of at most {@value #MAX_DENOMINATOR}. Pure code: no Spring, no SQL.
 */
public final class OddsConversion {

    public static final int SCALE = 4;
    public static final int MAX_DENOMINATOR = 100;
    /** Below 1.01 no fraction with a denominator ≤ 100 is close; numeric(9,4) would allow far more than MAX. */
    public static final BigDecimal MIN_DECIMAL = new BigDecimal("1.01");
    public static final BigDecimal MAX_DECIMAL = new BigDecimal("1001");
    private static final int MAX_FRACTION_PART = 100_000;
    private static final Pattern FRACTION = Pattern.compile("^\\s*(\\d{1,6})\\s*/\\s*(\\d{1,6})\\s*$");
    /** Agreement of both given forms: a fraction is usually quoted against a decimal rounded to two places. */
    private static final BigDecimal AGREEMENT = new BigDecimal("0.005");

    static final List<int[]> LADDER = List.of(
            f(1, 100), f(1, 50), f(1, 33), f(1, 25), f(1, 20), f(1, 16), f(1, 14), f(1, 12), f(1, 10), f(1, 9), f(1, 8),
            f(2, 15), f(1, 7), f(2, 13), f(1, 6), f(2, 11), f(1, 5), f(2, 9), f(1, 4), f(2, 7), f(1, 3), f(4, 11),
            f(2, 5), f(4, 9), f(1, 2), f(8, 15), f(4, 7), f(8, 13), f(2, 3), f(8, 11), f(4, 5), f(5, 6), f(10, 11),
            f(1, 1), f(11, 10), f(6, 5), f(5, 4), f(11, 8), f(3, 2), f(13, 8), f(7, 4), f(15, 8), f(2, 1), f(9, 4),
            f(5, 2), f(11, 4), f(3, 1), f(10, 3), f(7, 2), f(4, 1), f(9, 2), f(5, 1), f(11, 2), f(6, 1), f(13, 2),
            f(7, 1), f(15, 2), f(8, 1), f(17, 2), f(9, 1), f(10, 1), f(11, 1), f(12, 1), f(14, 1), f(16, 1), f(18, 1),
            f(20, 1), f(25, 1), f(33, 1), f(40, 1), f(50, 1), f(66, 1), f(100, 1));

    private static final Map<BigDecimal, int[]> LADDER_BY_DECIMAL = new LinkedHashMap<>();

    static {
        for (int[] step : LADDER) {
            LADDER_BY_DECIMAL.put(decimalOf(step[0], step[1]), step);
        }
    }

    private OddsConversion() {
    }

    /**
     * The price from whichever forms are given; both given must agree (decimal within 0.005 of 1 + num/den),
     * and then both are kept as given (the fraction reduced).
     */
    public static Odds of(BigDecimal decimal, String fractional) {
        if (decimal == null && (fractional == null || fractional.isBlank())) {
            throw new InvalidOddsException("give decimalOdds, fractionalOdds or both");
        }
        if (fractional == null || fractional.isBlank()) {
            return fromDecimal(decimal);
        }
        Odds fromFraction = fromFractional(fractional);
        if (decimal == null) {
            return fromFraction;
        }
        Odds fromDecimal = fromDecimal(decimal);
        BigDecimal exact = new BigDecimal(fromFraction.num()).divide(new BigDecimal(fromFraction.den()), 10, RoundingMode.HALF_UP)
                .add(BigDecimal.ONE);
        if (exact.subtract(fromDecimal.decimal()).abs().compareTo(AGREEMENT) > 0) {
            throw new InvalidOddsException("decimal " + fromDecimal.decimal().stripTrailingZeros().toPlainString()
                    + " does not match fractional " + fromFraction.fractional() + " (" + fromFraction.decimal() + ")");
        }
        return new Odds(fromDecimal.decimal(), fromFraction.num(), fromFraction.den());
    }

    public static Odds fromDecimal(BigDecimal decimal) {
        if (decimal == null) {
            throw new InvalidOddsException("decimal odds are required");
        }
        if (decimal.stripTrailingZeros().scale() > SCALE) {
            throw new InvalidOddsException("decimal odds have at most " + SCALE + " decimal places");
        }
        if (decimal.compareTo(MIN_DECIMAL) < 0 || decimal.compareTo(MAX_DECIMAL) > 0) {
            throw new InvalidOddsException("decimal odds must be between " + MIN_DECIMAL + " and " + MAX_DECIMAL);
        }
        BigDecimal scaled = decimal.setScale(SCALE, RoundingMode.UNNECESSARY);
        int[] step = LADDER_BY_DECIMAL.get(scaled);
        if (step != null) {
            return new Odds(scaled, step[0], step[1]);
        }
        long[] best = bestRational(scaled.subtract(BigDecimal.ONE), MAX_DENOMINATOR);
        return new Odds(scaled, Math.toIntExact(best[0]), Math.toIntExact(best[1]));
    }

    /** {@code "num/den"}: reduced to lowest terms, decimal = 1 + num/den rounded half-up to four places. */
    public static Odds fromFractional(String fractional) {
        Matcher m = fractional == null ? null : FRACTION.matcher(fractional);
        if (m == null || !m.matches()) {
            throw new InvalidOddsException("fractional odds look like 4/5");
        }
        return fromFractional(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public static Odds fromFractional(int num, int den) {
        if (num <= 0 || den <= 0 || num > MAX_FRACTION_PART || den > MAX_FRACTION_PART) {
            throw new InvalidOddsException("fractional odds need a numerator and denominator between 1 and " + MAX_FRACTION_PART);
        }
        int gcd = BigInteger.valueOf(num).gcd(BigInteger.valueOf(den)).intValueExact();
        int n = num / gcd;
        int d = den / gcd;
        BigDecimal decimal = decimalOf(n, d);
        if (decimal.compareTo(MIN_DECIMAL) < 0 || decimal.compareTo(MAX_DECIMAL) > 0) {
            throw new InvalidOddsException("fractional odds " + n + "/" + d + " give decimal " + decimal
                    + ", outside " + MIN_DECIMAL + ".." + MAX_DECIMAL);
        }
        return new Odds(decimal, n, d);
    }

    static BigDecimal decimalOf(int num, int den) {
        return BigDecimal.ONE.add(new BigDecimal(num).divide(new BigDecimal(den), SCALE, RoundingMode.HALF_UP));
    }

    /** The closest fraction to a non-negative {@code x} with denominator ≤ maxDen (continued fractions). */
    static long[] bestRational(BigDecimal x, long maxDen) {
        BigInteger[] exact = {x.unscaledValue(), BigInteger.TEN.pow(Math.max(x.scale(), 0))};
        long n = exact[0].longValueExact();
        long d = exact[1].longValueExact();
        long g = BigInteger.valueOf(n).gcd(BigInteger.valueOf(d)).longValue();
        n /= g;
        d /= g;
        if (d <= maxDen) {
            return new long[] {n, d};
        }
        long p0 = 0, q0 = 1, p1 = 1, q1 = 0;
        long num = n, den = d;
        while (true) {
            long a = num / den;
            long q2 = q0 + a * q1;
            if (q2 > maxDen) {
                break;
            }
            long p2 = p0 + a * p1;
            p0 = p1;
            q0 = q1;
            p1 = p2;
            q1 = q2;
            long rest = num - a * den;
            num = den;
            den = rest;
        }
        long k = (maxDen - q0) / q1;
        long lowerP = p0 + k * p1;
        long lowerQ = q0 + k * q1;
        // compare |lower - x| with |p1/q1 - x| exactly: x = n/d
        BigInteger errLower = BigInteger.valueOf(lowerP).multiply(BigInteger.valueOf(d))
                .subtract(BigInteger.valueOf(n).multiply(BigInteger.valueOf(lowerQ))).abs()
                .multiply(BigInteger.valueOf(q1));
        BigInteger errUpper = BigInteger.valueOf(p1).multiply(BigInteger.valueOf(d))
                .subtract(BigInteger.valueOf(n).multiply(BigInteger.valueOf(q1))).abs()
                .multiply(BigInteger.valueOf(lowerQ));
        return errUpper.compareTo(errLower) <= 0 ? new long[] {p1, q1} : new long[] {lowerP, lowerQ};
    }

    private static int[] f(int num, int den) {
        return new int[] {num, den};
    }
}
