/** Players and their app sessions: a user on first sight, sessions started and ended by the player's own token. */
package dev.reveal.players;
