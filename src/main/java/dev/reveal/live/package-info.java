/** Live updates to players over Server-Sent Events, carried between instances by PostgreSQL LISTEN/NOTIFY. */
package dev.reveal.live;
