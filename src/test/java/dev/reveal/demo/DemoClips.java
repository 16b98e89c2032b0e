package dev.reveal.demo;

import org.springframework.context.ApplicationContext;

/** For tests outside the demo package: where the running service serves a shipped clip to its own ingest. */
public final class DemoClips {

    private DemoClips() {
    }

    public static String sourceUrl(ApplicationContext context, String baseUrl, String clip) {
        return baseUrl + DemoClipController.PATH + context.getBean(DemoClipKey.class).value() + "/" + clip + "/clip.m3u8";
    }
}
