/** Read models over derived results: player summaries, leaderboards and operator market statistics. */
package dev.reveal.settlement.results;
