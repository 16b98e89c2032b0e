package dev.reveal.settlement;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.reveal.catalog.EventStatus;
import dev.reveal.catalog.MarketStatus;
import dev.reveal.platform.Refusal;
import dev.reveal.support.ControllerSlice;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The settlement controller alone: requests to commands, answers and refusals to status codes and problem bodies.
 * The service is replaced (it has its own tests on the real database); the caller is put on the thread as the
 * token filter would.
 */
@ControllerSlice(value = SettlementController.class, operator = true)
class SettlementControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    SettlementService service;

    final UUID market = UUID.randomUUID();
    final UUID event = UUID.randomUUID();
    final UUID yes = UUID.randomUUID();

    private SettlementView view(SettlementView.Change change) {
        return new SettlementView(market, event, MarketStatus.SETTLED, yes, "YES", Instant.parse("2026-12-02T10:00:00Z"),
                change, EventStatus.SETTLED);
    }

    @Test
    void aFirstResultIsCreatedAndARepeatIsOk() throws Exception {
        given(service.settle(any())).willReturn(view(SettlementView.Change.SETTLED));
        mvc.perform(post("/admin/v1/markets/{id}/settlement", market).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"winningOutcomeCode\":\"YES\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/admin/v1/markets/" + market + "/settlement"))
                .andExpect(jsonPath("$.winningOutcomeCode").value("YES"))
                .andExpect(jsonPath("$.eventStatus").value("SETTLED"));

        given(service.settle(any())).willReturn(view(SettlementView.Change.UNCHANGED));
        mvc.perform(post("/admin/v1/markets/{id}/settlement", market).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"winningOutcomeCode\":\"YES\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.change").value("UNCHANGED"));
    }

    @Test
    void aMarketStillTakingPredictionsIsAConflictProblem() throws Exception {
        given(service.settle(any())).willThrow(new Refusal(Refusal.Kind.CONFLICT, "MARKET_NOT_LOCKED",
                "market takes predictions until later", Map.of("currentStatus", "OPEN")));

        mvc.perform(post("/admin/v1/markets/{id}/settlement", market).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"winningOutcomeCode\":\"YES\"}"))
                .andExpect(status().isConflict())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andExpect(jsonPath("$.code").value("MARKET_NOT_LOCKED"))
                .andExpect(jsonPath("$.currentStatus").value("OPEN"));
    }

    @Test
    void aRequestWithoutAWinnerOrACorrectionWithoutAReasonIsRefusedBeforeTheService() throws Exception {
        mvc.perform(post("/admin/v1/markets/{id}/settlement", market).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        mvc.perform(post("/admin/v1/markets/{id}/settlement", market).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"winningOutcomeCode\":\"NO\",\"correction\":true}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        mvc.perform(post("/admin/v1/markets/{id}/settlement", "not-a-uuid").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"winningOutcomeCode\":\"YES\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/admin/v1/markets/{id}/void", market).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest());
        verifyNoInteractions(service);
    }

    @Test
    void anUnknownMarketIsNotFound() throws Exception {
        given(service.voidMarket(any())).willThrow(Refusal.notFound("market", market));

        mvc.perform(post("/admin/v1/markets/{id}/void", market).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"feed failed\"}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.status").value(404));
    }
}
