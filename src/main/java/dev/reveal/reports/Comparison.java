package dev.reveal.reports;

/**
 * A variant's rate against control's: the difference (variant − control) with its 95% confidence interval
 * (Newcombe's hybrid score interval, built from the two Wilson intervals, so it behaves at small counts and at rates
 * of 0 or 1) and the two-sided p-value of the two-proportion z-test (pooled standard error).
 */
record Comparison(double difference, double ciLow, double ciHigh, Double z, double pValue) {

    /** Null when either side has no trials: there is nothing to compare. */
    static Comparison of(Proportion variant, Proportion control) {
        if (variant.trials() == 0 || control.trials() == 0) {
            return null;
        }
        double n1 = variant.trials();
        double n0 = control.trials();
        double p1 = variant.successes() / n1;
        double p0 = control.successes() / n0;
        double difference = p1 - p0;
        Proportion.Interval w1 = variant.wilson();
        Proportion.Interval w0 = control.wilson();
        double low = difference - Math.hypot(p1 - w1.low(), w0.high() - p0);
        double high = difference + Math.hypot(w1.high() - p1, p0 - w0.low());
        double pooled = (variant.successes() + control.successes()) / (n1 + n0);
        double pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
        // A pooled rate of 0 or 1 means both sides are identical (all failures or all successes): no evidence of
        // a difference, and z would be 0/0.
        if (pooledSe == 0) {
            return new Comparison(difference, low, high, null, 1.0);
        }
        double z = difference / pooledSe;
        return new Comparison(difference, low, high, z, 2 * Proportion.STANDARD_NORMAL.survivalProbability(Math.abs(z)));
    }
}
