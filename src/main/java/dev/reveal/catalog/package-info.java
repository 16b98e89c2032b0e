/** Events, their media, markets and outcomes: the content operators create and players predict on. */
package dev.reveal.catalog;
