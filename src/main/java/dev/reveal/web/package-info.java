/** How the browser pages (the player client at {@code /}, the operator console at {@code /console}) are served. */
package dev.reveal.web;
