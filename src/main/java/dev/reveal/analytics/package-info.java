/** Analytics event types registered by operators and the batched ingestion of players' analytics events. */
package dev.reveal.analytics;
