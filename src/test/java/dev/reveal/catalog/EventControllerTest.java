package dev.reveal.catalog;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.reveal.platform.Actor;
import dev.reveal.platform.Page;
import dev.reveal.platform.Refusal;
import dev.reveal.support.ControllerSlice;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Operator events, the controller alone: query parameters become the list filter, a replayed create is 200, bodies
 * are validated before the service, and refusals become problems.
 */
@ControllerSlice(EventController.class)
class EventControllerTest {

    static final Instant LOCK = Instant.parse("2099-01-01T12:00:00Z");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    EventService service;

    final UUID event = UUID.randomUUID();

    private EventView view(EventStatus status) {
        return new EventView(event, "ref-1", SportType.FOOTBALL, "Penalty", "Straff", status, 0, 8000, 8000, 15000, LOCK,
                LOCK.plusSeconds(3600), null, List.of());
    }

    private static String body(String titleEn) {
        return """
                {"sourceRef":"ref-1","sportType":"FOOTBALL","titleEn":%s,"previewStartMs":0,"previewEndMs":8000,
                 "revealStartMs":8000,"revealEndMs":15000,"lockAt":"2099-01-01T12:00:00Z","settleAt":"2099-01-01T13:00:00Z",
                 "media":{"hlsMasterUrl":"https://cdn.example/master.m3u8"},
                 "markets":[{"questionKey":"q.goal","marketType":"YES_NO","outcomes":[{"code":"YES","labelKey":"q.yes","decimalOdds":1.8}]}]}""".formatted(titleEn);
    }

    @Test
    void aNewEventIs201AndAReplayedOneIs200() throws Exception {
        given(service.create(any(), any())).willReturn(new EventService.Created(view(EventStatus.DRAFT), true),
                new EventService.Created(view(EventStatus.DRAFT), false));

        mvc.perform(post("/admin/v1/events").contentType(MediaType.APPLICATION_JSON).content(body("\"Penalty\"")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(event.toString()))
                .andExpect(jsonPath("$.status").value("DRAFT"));
        mvc.perform(post("/admin/v1/events").contentType(MediaType.APPLICATION_JSON).content(body("\"Penalty\"")))
                .andExpect(status().isOk());
    }

    @Test
    void anInvalidBodyIsAProblemListingTheFieldAndNeverReachesTheService() throws Exception {
        mvc.perform(post("/admin/v1/events").contentType(MediaType.APPLICATION_JSON).content(body("\" \"")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[0].field").value("titleEn"));
        mvc.perform(post("/admin/v1/events").contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isBadRequest());
        verifyNoInteractions(service);
    }

    @Test
    void queryParametersBecomeTheListFilter() throws Exception {
        Events.ListFilter filter = new Events.ListFilter(EventStatus.OPEN, SportType.FOOTBALL,
                Instant.parse("2026-12-01T00:00:00Z"), null);
        given(service.list(eq(filter), eq(5), eq("c1"))).willReturn(new Page<>(List.of(new EventSummary(event, "ref-1",
                SportType.FOOTBALL, "Penalty", "Straff", EventStatus.OPEN, LOCK, LOCK.plusSeconds(3600), 1, 1)), "c2"));

        mvc.perform(get("/admin/v1/events").param("status", "OPEN").param("sportType", "FOOTBALL")
                        .param("lockFrom", "2026-12-01T00:00:00Z").param("limit", "5").param("cursor", "c1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(event.toString()))
                .andExpect(jsonPath("$.items[0].unsettledMarkets").value(1))
                .andExpect(jsonPath("$.nextCursor").value("c2"));
    }

    @Test
    void anUnknownStatusOrMalformedTimeIs400AndNeverReachesTheService() throws Exception {
        mvc.perform(get("/admin/v1/events").param("status", "PARTY"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.status").value(400));
        mvc.perform(get("/admin/v1/events").param("lockFrom", "yesterday"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/admin/v1/events/{id}", "not-a-uuid"))
                .andExpect(status().isBadRequest());
        verifyNoInteractions(service);
    }

    @Test
    void publishingIsDoneAsTheOperatorAndRefusalsBecomeProblems() throws Exception {
        given(service.publish(event, new Actor(Actor.Type.PLAYER, ControllerSlice.PLAYER)))
                .willReturn(view(EventStatus.OPEN));
        mvc.perform(post("/admin/v1/events/{id}/publish", event))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("OPEN"));

        UUID unknown = UUID.randomUUID();
        given(service.get(unknown)).willThrow(Refusal.notFound("event", unknown));
        mvc.perform(get("/admin/v1/events/{id}", unknown))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));

        given(service.cancel(eq(event), eq("storm"), any()))
                .willThrow(Refusal.invalidTransition("event", event, "SETTLED", "cancel"));
        mvc.perform(post("/admin/v1/events/{id}/cancel", event).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"storm\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("INVALID_STATUS_TRANSITION"))
                .andExpect(jsonPath("$.currentStatus").value("SETTLED"));
    }
}
