package dev.reveal.feed;

import dev.reveal.platform.LocaleCodes;
import dev.reveal.platform.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A requested locale and its fallbacks: {@code sv-SE → sv → en}. */
record LocaleChain(String locale, List<String> chain) {

    static final String DEFAULT = "en";

    /** Accepts {@code sv-SE}, {@code sv_se} or {@code SV}; absent means English; anything else is a 400 problem. */
    static LocaleChain of(String requested) {
        if (requested == null || requested.isBlank()) {
            return of(DEFAULT);
        }
        String[] parts = requested.trim().replace('_', '-').split("-", -1);
        String normalized = parts[0].toLowerCase(Locale.ROOT)
                + (parts.length > 1 ? "-" + String.join("-", java.util.Arrays.copyOfRange(parts, 1, parts.length)).toUpperCase(Locale.ROOT) : "");
        if (!LocaleCodes.isValid(normalized)) {
            throw new Refusal(Refusal.Kind.MALFORMED, "INVALID_PARAMETER",
                    "locale must look like en or sv-SE",
                    List.of(new Refusal.FieldError("locale", "must look like en or sv-SE")), java.util.Map.of());
        }
        List<String> chain = new ArrayList<>(3);
        chain.add(normalized);
        String language = language(normalized);
        if (!chain.contains(language)) {
            chain.add(language);
        }
        if (!chain.contains(DEFAULT)) {
            chain.add(DEFAULT);
        }
        return new LocaleChain(normalized, List.copyOf(chain));
    }

    String language() {
        return language(locale);
    }

    /** Event titles exist in English and Swedish only. */
    boolean swedish() {
        return "sv".equals(language());
    }

    private static String language(String code) {
        int dash = code.indexOf('-');
        return dash < 0 ? code : code.substring(0, dash);
    }
}
