/** The end of the loop: settling and voiding markets, derived results, player summaries, leaderboards, market stats. */
package dev.reveal.settlement;
