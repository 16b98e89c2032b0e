package dev.reveal.reports;

/** One variant's aggregates as the database computed them over the whole range. */
record VariantFigures(String variant, long users, long sessions, long endedSessions, Double meanSessionSeconds,
                      long predictions, long accepted, long won, long settled, long analyticsEvents) {
}
