package dev.reveal.reports;

/**
 * The error function and the standard normal distribution, to within about 1e-15 absolute (no library in the stack has
 * them). Small arguments use the all-positive series of erf (no cancellation); large ones the continued fraction
 * of erfc (so tail p-values keep their relative precision instead of becoming 1 - 0.999...).
 */
final class Normal {

    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);
    private static final double ONE_OVER_SQRT_PI = 1.0 / Math.sqrt(Math.PI);
    private static final double SQRT2 = Math.sqrt(2.0);
    /** Below this the series converges in under ~60 terms; above it the continued fraction in under ~60. */
    private static final double SWITCH = 2.5;
    private static final double EPS = 1e-16;
    private static final int MAX_TERMS = 500;

    /** z with Φ(z) = 0.975: the half-width multiplier of a two-sided 95% interval. */
    static final double Z_975 = 1.959963984540054;

    private Normal() {
    }

    static double erf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        double ax = Math.abs(x);
        double value = ax < SWITCH ? erfSeries(ax) : 1.0 - erfcContinuedFraction(ax);
        return Math.copySign(value, x);
    }

    static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return 2.0 - erfc(-x);
        }
        return x < SWITCH ? 1.0 - erfSeries(x) : erfcContinuedFraction(x);
    }

    /** Φ(z), the standard normal CDF. */
    static double cdf(double z) {
        return 0.5 * erfc(-z / SQRT2);
    }

    /** P(|Z| ≥ |z|) for a standard normal Z. */
    static double twoSidedP(double z) {
        return erfc(Math.abs(z) / SQRT2);
    }

    /** erf(x) = 2/√π · e^(−x²) · Σ (2x²)^n · x / (1·3·5···(2n+1)), every term positive. */
    private static double erfSeries(double x) {
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < MAX_TERMS; n++) {
            term *= 2.0 * x2 / (2 * n + 1);
            sum += term;
            if (term < sum * EPS) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
    }

    /**
     * erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), evaluated with the modified
     * Lentz algorithm (x ≥ 2.5 here, where it converges quickly).
     */
    private static double erfcContinuedFraction(double x) {
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0.0;
        for (int n = 1; n < MAX_TERMS; n++) {
            double a = n / 2.0;
            d = x + a * d;
            d = d == 0 ? tiny : d;
            c = x + a / c;
            c = c == 0 ? tiny : c;
            d = 1.0 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1.0) < EPS) {
                break;
            }
        }
        return ONE_OVER_SQRT_PI * Math.exp(-x * x) / f;
    }
}
