package dev.reveal.reports;

import org.apache.commons.statistics.distribution.NormalDistribution;

/** A rate as counted: {@code successes} out of {@code trials}; the rate is absent when nothing was tried. */
record Proportion(long successes, long trials) {

    static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);
    /** z with Φ(z) = 0.975: the half-width multiplier of a two-sided 95% interval. */
    static final double Z_975 = STANDARD_NORMAL.inverseCumulativeProbability(0.975);

    Proportion {
        if (successes < 0 || trials < 0 || successes > trials) {
            throw new IllegalArgumentException("not a proportion: " + successes + "/" + trials);
        }
    }

    Double rate() {
        return trials == 0 ? null : (double) successes / trials;
    }

    /**
     * The 95% Wilson score interval of the rate: unlike the Wald interval it stays inside [0, 1] and does not
     * collapse to a point at 0 of n or n of n (0 of 5 is [0, 0.43], not [0, 0]). Null when nothing was tried.
     */
    Interval wilson() {
        if (trials == 0) {
            return null;
        }
        double n = trials;
        double p = successes / n;
        double z2 = Z_975 * Z_975;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double halfWidth = Z_975 / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // at 0 of n (n of n) the bound is exactly 0 (1); rounding must not put it a hair outside
        return new Interval(successes == 0 ? 0.0 : centre - halfWidth, successes == trials ? 1.0 : centre + halfWidth);
    }

    record Interval(double low, double high) {
    }
}
