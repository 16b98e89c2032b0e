package dev.reveal.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.reveal.platform.Actor;
import dev.reveal.platform.Refusal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The analytics controllers alone: request binding, validation, status codes and problem bodies, with the services
 * stubbed. Who may call which path is the security configuration's business (AuthorizationMatrixTest), so the
 * filters are off and the caller is put on the thread as the bearer filter would.
 */
@WebMvcTest(controllers = {IngestionController.class, AnalyticsEventTypeController.class},
        // its rate-limit interceptor reads the database, which this slice has none of
        excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "dev\\.reveal\\.platform\\.web\\.WebConfig"))
@AutoConfigureMockMvc(addFilters = false)
class AnalyticsControllersTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    IngestionService ingestion;
    @MockitoBean
    AnalyticsEventTypeService types;

    @AfterEach
    void forgetCaller() {
        SecurityContextHolder.clearContext();
    }

    private static void as(String subject, String... authorities) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(subject,
                null, Arrays.stream(authorities).map(SimpleGrantedAuthority::new).toList()));
    }

    @Test
    void aBatchIsIngestedForTheCallerAndAnswers202WithTheRefusedItems() throws Exception {
        as("player-1");
        UUID session = UUID.randomUUID();
        when(ingestion.ingest(any())).thenReturn(new IngestionResult(1, 1,
                List.of(new RefusedItem(1, RefusedItem.Code.UNKNOWN_EVENT_TYPE, "no such type"))));

        mvc.perform(post("/api/v1/analytics/events").contentType(MediaType.APPLICATION_JSON).content("""
                        {"sessionId":"%s","events":[
                          {"eventName":"clip_viewed","occurredAt":"2026-01-01T12:00:00Z","attributes":{"position":3}},
                          {"eventName":"nope","occurredAt":"2026-01-01T12:00:01Z"}]}""".formatted(session)))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.accepted").value(1))
                .andExpect(jsonPath("$.refusedItems[0].index").value(1))
                .andExpect(jsonPath("$.refusedItems[0].code").value("UNKNOWN_EVENT_TYPE"));

        ArgumentCaptor<IngestAnalyticsEvents> sent = ArgumentCaptor.forClass(IngestAnalyticsEvents.class);
        verify(ingestion).ingest(sent.capture());
        assertThat(sent.getValue().playerRef()).isEqualTo("player-1");
        assertThat(sent.getValue().sessionId()).isEqualTo(session);
        assertThat(sent.getValue().events()).extracting(IngestAnalyticsEvents.Item::eventName)
                .containsExactly("clip_viewed", "nope");
        assertThat(sent.getValue().events().get(0).attributes()).isEqualTo(Map.of("position", 3));
    }

    @Test
    void aBatchWithoutSessionOrEventsIsA400ProblemNamingTheFieldsAndReachesNoService() throws Exception {
        as("player-1");

        mvc.perform(post("/api/v1/analytics/events").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", startsWith("application/problem+json")))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("sessionId", "events")));

        verify(ingestion, never()).ingest(any());
    }

    @Test
    void aForeignSessionIsA404Problem() throws Exception {
        as("player-1");
        UUID session = UUID.randomUUID();
        when(ingestion.ingest(any())).thenThrow(Refusal.notFound("session", session));

        mvc.perform(post("/api/v1/analytics/events").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sessionId\":\"%s\",\"events\":[]}".formatted(session)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    }

    @Test
    void registeringATypeAnswers201WithItsLocationAndTheOperatorAsActor() throws Exception {
        as("op-1", "ROLE_OPERATOR");
        UUID id = UUID.randomUUID();
        when(types.register(any())).thenReturn(new AnalyticsEventType(id, "clip_played", "played"));

        mvc.perform(post("/admin/v1/analytics/event-types").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"eventName\":\"clip_played\",\"description\":\"played\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/admin/v1/analytics/event-types/" + id))
                .andExpect(jsonPath("$.eventName").value("clip_played"));

        ArgumentCaptor<RegisterAnalyticsEventType> sent = ArgumentCaptor.forClass(RegisterAnalyticsEventType.class);
        verify(types).register(sent.capture());
        assertThat(sent.getValue().actor())
                .isEqualTo(new Actor(Actor.Type.OPERATOR, "op-1"));
    }

    @Test
    void aNameThatIsNotSnakeCaseIsA400ProblemAndATakenOneA409() throws Exception {
        as("op-1", "ROLE_OPERATOR");
        mvc.perform(post("/admin/v1/analytics/event-types").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"eventName\":\"Clip Played\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("eventName"));
        verify(types, never()).register(any());

        when(types.register(any())).thenThrow(Refusal.conflict("EVENT_TYPE_EXISTS", "taken"));
        mvc.perform(post("/admin/v1/analytics/event-types").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"eventName\":\"clip_played\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("EVENT_TYPE_EXISTS"));
    }

    @Test
    void anUnknownTypeIsA404AndAnIdThatIsNoUuidA400() throws Exception {
        as("op-1", "ROLE_OPERATOR");
        UUID id = UUID.randomUUID();
        when(types.get(id)).thenThrow(Refusal.notFound("analytics event type", id));

        mvc.perform(get("/admin/v1/analytics/event-types/" + id)).andExpect(status().isNotFound());
        mvc.perform(get("/admin/v1/analytics/event-types/not-a-uuid")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"));
    }
}
