/** What players browse: the cached, localized, spoiler-safe feed of open events and one event's detail. */
package dev.reveal.feed;
