package dev.reveal.demo;

import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.reveal.platform.DemoTokens;
import dev.reveal.support.ControllerSlice;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The demo's controllers alone, with demo content enabled: sign-in only while tokens are minted with the generated
 * secret, a reload with the caller's own token, and the shipped clips only behind this instance's clip key.
 */
@ControllerSlice({DemoController.class, DemoClipController.class})
@TestPropertySource(properties = "reveal.demo.enabled=true")
@Import(DemoControllerTest.Properties.class)
class DemoControllerTest {

    /** The application scans for its properties; a web slice only binds the ones it is given. */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DemoProperties.class)
    static class Properties {
    }

    static final String KEY = "slice-clip-key";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    DemoTokens tokens;

    @MockitoBean
    DemoContent content;

    @MockitoBean
    DemoClipKey clipKey;

    @BeforeEach
    void key() {
        given(clipKey.value()).willReturn(KEY);
    }

    @Test
    void theStatusSaysWhatIsOffered() throws Exception {
        given(tokens.available()).willReturn(false);

        mvc.perform(get("/demo"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.signIn").value(false))
                .andExpect(jsonPath("$.content").value(true));
    }

    @Test
    void aTokenIsMintedForAValidSubjectOnlyWhileTheGeneratedSecretSigns() throws Exception {
        given(tokens.mint("alice", true, Duration.ofHours(8))).willReturn(Optional.of("t0ken"));
        mvc.perform(post("/demo/token").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"subject\":\"alice\",\"operator\":true}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.token").value("t0ken"))
                .andExpect(jsonPath("$.operator").value(true))
                .andExpect(jsonPath("$.expiresInSeconds").value(8 * 3600));

        given(tokens.mint(eq("bob"), anyBoolean(), any())).willReturn(Optional.empty());
        mvc.perform(post("/demo/token").contentType(MediaType.APPLICATION_JSON).content("{\"subject\":\"bob\"}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    }

    @Test
    void aSubjectOutsideTheAlphabetIs400AndMintsNothing() throws Exception {
        mvc.perform(post("/demo/token").contentType(MediaType.APPLICATION_JSON).content("{\"subject\":\"a b/c\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[0].field").value("subject"));
        verifyNoInteractions(tokens);
    }

    @Test
    void aReloadCreatesEventsWithTheCallersTokenAgainstTheLocalPort() throws Exception {
        UUID event = UUID.randomUUID();
        given(content.reload(new DemoContent.Target("http://localhost:8123", "op-token"))).willReturn(List.of(event));

        mvc.perform(post("/admin/v1/demo/reload").header("Authorization", "Bearer op-token")
                        .with(r -> {
                            r.setLocalPort(8123);
                            return r;
                        }))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventIds[0]").value(event.toString()));
    }

    @Test
    void shippedClipsAreServedOnlyBehindTheClipKey() throws Exception {
        String clip = DemoCatalog.clips().get(0);

        mvc.perform(get(DemoClipController.PATH + KEY + "/" + clip + "/clip.m3u8"))
                .andExpect(status().isOk());
        mvc.perform(get(DemoClipController.PATH + "wrong-key/" + clip + "/clip.m3u8"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
        mvc.perform(get(DemoClipController.PATH + KEY + "/" + clip + "/secret.key"))
                .andExpect(status().isNotFound());
        mvc.perform(get(DemoClipController.PATH + KEY + "/nosuchclip/clip.m3u8"))
                .andExpect(status().isNotFound());
    }
}
