package dev.reveal.betting;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.reveal.betting.Outcome.Recorded;
import dev.reveal.platform.Refusal;
import dev.reveal.support.ControllerSlice;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The controller alone: how requests become commands and answers become status codes and problem bodies. The
 * service is replaced (the write path has its own tests on the real database); security filters are off and the
 * caller is put on the thread as the token filter would.
 */
@ControllerSlice(BetIntentController.class)
class BetIntentControllerTest {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private BetIntentService service;

    private final UUID session = UUID.randomUUID();
    private final UUID market = UUID.randomUUID();
    private final UUID outcome = UUID.randomUUID();
    private final UUID version = UUID.randomUUID();

    private String body() {
        return """
                {"sessionId":"%s","marketId":"%s","outcomeId":"%s","oddsVersionId":"%s",
                 "clientSentAt":"2026-12-02T10:00:00.123456Z","acceptOdds":"HIGHER"}"""
                .formatted(session, market, outcome, version);
    }

    private BetIntentView view(AcceptanceCode code) {
        return new BetIntentView(UUID.randomUUID(), code, code.accepted(), session, UUID.randomUUID(), market,
                outcome, version, AcceptOdds.HIGHER, code.accepted() ? version : null, null, null,
                Instant.parse("2026-12-02T10:00:00.123456Z"), Instant.parse("2026-12-02T10:00:01Z"), null, null);
    }

    @Test
    void aNewIntentIs201WithTheDecisionAndTheCommandCarriesTheCallerAndKey() throws Exception {
        PlaceBetIntent expected = new PlaceBetIntent(ControllerSlice.PLAYER, "key-1", session, market, outcome, version,
                Instant.parse("2026-12-02T10:00:00.123456Z"), AcceptOdds.HIGHER);
        given(service.place(eq(expected))).willReturn(new Recorded(view(AcceptanceCode.ODDS_CHANGED), false));

        mvc.perform(post("/api/v1/bet-intents").header("Idempotency-Key", "key-1")
                        .contentType(MediaType.APPLICATION_JSON).content(body()))
                .andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Idempotent-Replayed"))
                .andExpect(jsonPath("$.acceptanceCode").value("ODDS_CHANGED"))
                .andExpect(jsonPath("$.accepted").value(false))
                .andExpect(jsonPath("$.acceptedOddsVersionId").doesNotExist());
    }

    @Test
    void aReplayIs200WithTheReplayedHeader() throws Exception {
        given(service.place(any())).willReturn(new Recorded(view(AcceptanceCode.ACCEPTED), true));

        mvc.perform(post("/api/v1/bet-intents").header("Idempotency-Key", "key-2")
                        .contentType(MediaType.APPLICATION_JSON).content(body()))
                .andExpect(status().isOk())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(jsonPath("$.acceptanceCode").value("ACCEPTED"));
    }

    @Test
    void aMissingOrInvalidKeyIs400AndNeverReachesTheService() throws Exception {
        mvc.perform(post("/api/v1/bet-intents").contentType(MediaType.APPLICATION_JSON).content(body()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MISSING_IDEMPOTENCY_KEY"));
        mvc.perform(post("/api/v1/bet-intents").header("Idempotency-Key", "has space")
                        .contentType(MediaType.APPLICATION_JSON).content(body()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_IDEMPOTENCY_KEY"));
        verifyNoInteractions(service);
    }

    @Test
    void aBodyWithoutRequiredFieldsIs400() throws Exception {
        mvc.perform(post("/api/v1/bet-intents").header("Idempotency-Key", "key-3")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"sessionId\":\"" + session + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.status").value(400));
        verifyNoInteractions(service);
    }

    @Test
    void refusalsOfTheServiceBecomeProblems() throws Exception {
        given(service.place(any())).willThrow(
                Refusal.ruleBroken("UNKNOWN_MARKET", "market does not exist"));

        mvc.perform(post("/api/v1/bet-intents").header("Idempotency-Key", "key-4")
                        .contentType(MediaType.APPLICATION_JSON).content(body()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.code").value("UNKNOWN_MARKET"));

        willThrow(Refusal.unavailable("RECORDING_DELAYED", "retry with the same key")).given(service).place(any());
        mvc.perform(post("/api/v1/bet-intents").header("Idempotency-Key", "key-5")
                        .contentType(MediaType.APPLICATION_JSON).content(body()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.code").value("RECORDING_DELAYED"));
    }

    @Test
    void anotherPlayersIntentIs404() throws Exception {
        UUID id = UUID.randomUUID();
        given(service.one(id, ControllerSlice.PLAYER)).willThrow(Refusal.notFound("bet intent", id));

        mvc.perform(get("/api/v1/me/bet-intents/{id}", id))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    }
}
