package dev.reveal.players;

/** A player opens the app; {@code externalRef} is the token subject. */
record StartSession(String externalRef, DevicePlatform platform, String appVersion, String deviceModel,
                    String osVersion, String locale) {

    /** {@code sv} of {@code sv-SE}: what users.preferred_language stores. */
    String language() {
        int dash = locale.indexOf('-');
        return dash < 0 ? locale : locale.substring(0, dash);
    }
}
