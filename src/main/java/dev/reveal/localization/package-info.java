/** Localization keys with their text per locale, and the locale bundles players read (exact → language → en). */
package dev.reveal.localization;
