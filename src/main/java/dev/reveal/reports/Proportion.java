package dev.reveal.reports;

/** A rate as counted: {@code successes} out of {@code trials}; the rate is absent when nothing was tried. */
record Proportion(long successes, long trials) {

    Proportion {
        if (successes < 0 || trials < 0 || successes > trials) {
            throw new IllegalArgumentException("not a proportion: " + successes + "/" + trials);
        }
    }

    Double rate() {
        return trials == 0 ? null : (double) successes / trials;
    }
}
