/** Odds versions of a market: publishing, decimal/fractional conversion, history. */
package dev.reveal.odds;
