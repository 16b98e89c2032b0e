package dev.reveal.analytics;

import dev.reveal.platform.Actor;

/** An operator registers an analytics event type that players may then send. */
record RegisterAnalyticsEventType(Actor actor, String eventName, String description) {
}
