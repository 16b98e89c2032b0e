package dev.reveal.platform;

import java.util.regex.Pattern;

/** What a locale code looks like everywhere in the API and the schema: {@code en}, {@code sv}, {@code sv-SE}. */
public final class LocaleCodes {

    /** For {@code @Pattern} (which matches the whole value) and for messages. */
    public static final String PATTERN = "[a-z]{2,3}(-[A-Z]{2})?";
    public static final String EXAMPLE = "a locale such as en, sv or sv-SE";

    private static final Pattern CODE = Pattern.compile(PATTERN);

    private LocaleCodes() {
    }

    public static boolean isValid(String code) {
        return code != null && CODE.matcher(code).matches();
    }
}
