package dev.reveal.players;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.reveal.platform.Refusal;
import dev.reveal.support.ControllerSlice;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The session controller alone: bodies become commands for the caller, refusals become problems. */
@ControllerSlice(SessionController.class)
class SessionControllerTest {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private SessionService service;

    @Test
    void aStartedSessionIs201ForTheCaller() throws Exception {
        UUID session = UUID.randomUUID();
        StartSession expected = new StartSession(ControllerSlice.PLAYER, DevicePlatform.IOS, "2.3.1", null, null, "sv-SE");
        given(service.start(expected)).willReturn(new SessionView(session, UUID.randomUUID(), "control",
                Instant.parse("2026-12-02T10:00:00Z"), null, "sv-SE", "2.3.1", null, null));

        mvc.perform(post("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"platform\":\"IOS\",\"appVersion\":\"2.3.1\",\"locale\":\"sv-SE\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.sessionId").value(session.toString()))
                .andExpect(jsonPath("$.variant").value("control"));
    }

    @Test
    void aBadLocaleOrPlatformIs400AndNeverReachesTheService() throws Exception {
        mvc.perform(post("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"platform\":\"IOS\",\"locale\":\"Swedish\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        mvc.perform(post("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"platform\":\"AMIGA\",\"locale\":\"en\"}"))
                .andExpect(status().isBadRequest());
        verifyNoInteractions(service);
    }

    @Test
    void anotherPlayersSessionIs404() throws Exception {
        UUID session = UUID.randomUUID();
        given(service.get(any(), any())).willThrow(Refusal.notFound("session", session));

        mvc.perform(get("/api/v1/sessions/{id}", session))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    }
}
