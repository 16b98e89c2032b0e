/** Demo content (a few events on a clip the project ships) and demo sign-in for the web pages, for local use. */
package dev.reveal.demo;
