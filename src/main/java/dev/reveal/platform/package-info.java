/** What every area uses: ids, time, actors, problem responses, security, tracing and the database. */
package dev.reveal.platform;
