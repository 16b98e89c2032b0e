package dev.reveal.players;

/** Values match users_device_platform_ck. */
public enum DevicePlatform {
    IOS, ANDROID, WEB, OTHER
}
