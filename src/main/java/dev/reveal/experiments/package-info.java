/** Experiment variants: deterministic, weighted, sticky assignment of each user to one variant. */
package dev.reveal.experiments;
