package dev.reveal.feed;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.reveal.platform.Refusal;
import dev.reveal.support.ControllerSlice;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The feed controller alone: the cached body is served with its strong ETag, a matching If-None-Match is a 304
 * without a body, and a locale that is no locale is a 400 problem before the service is asked.
 */
@ControllerSlice(FeedController.class)
class FeedControllerTest {

    static final String ETAG = "\"0123456789abcdef0123456789abcdef\"";
    static final byte[] BODY = "{\"locale\":\"sv-SE\",\"events\":[]}".getBytes(StandardCharsets.UTF_8);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    FeedService service;

    private void cached() {
        given(service.feed(any())).willReturn(new FeedService.CachedFeed(BODY, ETAG, Instant.MAX, 0));
    }

    @Test
    void theFeedIsTheCachedBodyWithItsETagForTheNormalizedLocale() throws Exception {
        given(service.feed(eq(LocaleChain.of("sv-SE")))).willReturn(new FeedService.CachedFeed(BODY, ETAG, Instant.MAX, 0));

        mvc.perform(get("/api/v1/feed").param("locale", "sv_se"))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", ETAG))
                .andExpect(header().string("Cache-Control", "no-cache, private"))
                .andExpect(content().contentType("application/json"))
                .andExpect(content().bytes(BODY));
    }

    @Test
    void aMatchingIfNoneMatchIs304WithoutABody() throws Exception {
        cached();

        mvc.perform(get("/api/v1/feed").header("If-None-Match", ETAG))
                .andExpect(status().isNotModified())
                .andExpect(header().string("ETag", ETAG))
                .andExpect(content().bytes(new byte[0]));
        mvc.perform(get("/api/v1/feed").header("If-None-Match", "W/" + ETAG + ", \"other\""))
                .andExpect(status().isNotModified());
        mvc.perform(get("/api/v1/feed").header("If-None-Match", "*"))
                .andExpect(status().isNotModified())
                .andExpect(header().string("ETag", ETAG));
    }

    @Test
    void aStaleIfNoneMatchGetsTheWholeFeed() throws Exception {
        cached();

        mvc.perform(get("/api/v1/feed").header("If-None-Match", "\"stale\""))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", ETAG))
                .andExpect(content().bytes(BODY));
    }

    @Test
    void aLocaleThatIsNoLocaleIs400NamingTheParameter() throws Exception {
        mvc.perform(get("/api/v1/feed").param("locale", "Swedish please"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"))
                .andExpect(jsonPath("$.errors[0].field").value("locale"));
        mvc.perform(get("/api/v1/events/{id}", UUID.randomUUID()).param("locale", "x-1-2-3-4"))
                .andExpect(status().isBadRequest());
        verifyNoInteractions(service);
    }

    @Test
    void anEventIsLocalizedAndAnUnpublishedOneIs404() throws Exception {
        UUID id = UUID.randomUUID();
        given(service.event(id, LocaleChain.of("sv"))).willReturn(new FeedViews.EventView(id, "FOOTBALL", "Straff",
                "OPEN", Instant.parse("2099-01-01T12:00:00Z"), 0, 8000, null, null, List.of(), List.of()));
        mvc.perform(get("/api/v1/events/{id}", id).param("locale", "SV"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value("Straff"))
                .andExpect(jsonPath("$.revealStartMs").doesNotExist());

        UUID draft = UUID.randomUUID();
        given(service.event(eq(draft), any())).willThrow(Refusal.notFound("event", draft));
        mvc.perform(get("/api/v1/events/{id}", draft))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    }
}
