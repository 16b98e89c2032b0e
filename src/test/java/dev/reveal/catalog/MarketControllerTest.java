package dev.reveal.catalog;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.reveal.platform.Refusal;
import dev.reveal.support.ControllerSlice;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Operator status moves of one market, the controller alone: moves, 409 with the current status, 404, 400. */
@ControllerSlice(value = MarketController.class, operator = true)
class MarketControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    MarketService service;

    final UUID market = UUID.randomUUID();

    @Test
    void aMoveAnswersTheNewStatus() throws Exception {
        given(service.move(eq(market), eq(MarketService.Move.SUSPEND), eq("VAR check"), any()))
                .willReturn(MarketStatus.SUSPENDED);

        mvc.perform(post("/admin/v1/markets/{id}/suspend", market).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"VAR check\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(market.toString()))
                .andExpect(jsonPath("$.status").value("SUSPENDED"));
    }

    @Test
    void aMoveTheStateMachineForbidsIsAConflictNamingTheCurrentStatus() throws Exception {
        given(service.move(eq(market), eq(MarketService.Move.RESUME), isNull(), any()))
                .willThrow(Refusal.invalidTransition("market", market, "LOCKED", "resume"));

        mvc.perform(post("/admin/v1/markets/{id}/resume", market))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("INVALID_STATUS_TRANSITION"))
                .andExpect(jsonPath("$.currentStatus").value("LOCKED"));
    }

    @Test
    void anUnknownMarketIsNotFoundAndABadIdIsABadRequest() throws Exception {
        given(service.move(eq(market), eq(MarketService.Move.LOCK), isNull(), any()))
                .willThrow(Refusal.notFound("market", market));
        mvc.perform(post("/admin/v1/markets/{id}/lock", market)).andExpect(status().isNotFound());

        mvc.perform(post("/admin/v1/markets/{id}/lock", "42")).andExpect(status().isBadRequest());
    }

    @Test
    void aMalformedBodyNeverReachesTheService() throws Exception {
        mvc.perform(post("/admin/v1/markets/{id}/suspend", market).contentType(MediaType.APPLICATION_JSON).content("{"))
                .andExpect(status().isBadRequest());
        verifyNoInteractions(service);
    }
}
