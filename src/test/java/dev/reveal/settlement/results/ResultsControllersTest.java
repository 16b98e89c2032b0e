package dev.reveal.settlement.results;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.reveal.platform.FieldErrors;
import dev.reveal.platform.Refusal;
import dev.reveal.support.ControllerSlice;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The results controllers alone (one context for both): the caller's summary and leaderboard asked for the caller,
 * nulls the clients rely on kept in the JSON, and bad parameters and unknown markets as problems. The service is
 * replaced; its SQL is covered by the settlement tests on the real database.
 */
@ControllerSlice({PlayerResultsController.class, MarketStatsController.class})
class ResultsControllersTest {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private ResultsService service;

    @Test
    void theSummaryIsTheCallersAndKeepsANullAccuracy() throws Exception {
        given(service.summary(ControllerSlice.PLAYER)).willReturn(new PlayerSummary(2, 2, 0, 0, 0, null, 0, 0));

        mvc.perform(get("/api/v1/me/summary"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.predictions").value(2))
                .andExpect(content().string(containsString("\"accuracy\":null")));
    }

    @Test
    void theLeaderboardIsAskedForTheCallerAndKeepsANullMe() throws Exception {
        given(service.leaderboard("week", 5, ControllerSlice.PLAYER)).willReturn(new Leaderboard("week",
                Instant.parse("2026-11-30T00:00:00Z"), 5, List.of(new Leaderboard.Entry(1, "pl***", 3, 4,
                        new BigDecimal("0.7500"), Instant.parse("2026-12-01T10:00:00Z"), false)), null));

        mvc.perform(get("/api/v1/leaderboards").param("period", "week").param("limit", "5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.entries[0].displayName").value("pl***"))
                .andExpect(jsonPath("$.entries[0].accuracy").value(0.75))
                .andExpect(content().string(containsString("\"me\":null")));
    }

    @Test
    void badLeaderboardParametersAre400ProblemsNamingThem() throws Exception {
        given(service.leaderboard(any(), any(), any()))
                .willThrow(FieldErrors.malformedParameter("period", "must be one of day, week, all"));

        mvc.perform(get("/api/v1/leaderboards").param("period", "year"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"))
                .andExpect(jsonPath("$.errors[0].field").value("period"));
        mvc.perform(get("/api/v1/leaderboards").param("limit", "ten"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
    }

    @Test
    void anUnknownMarketIs404AndANonUuidIs400BeforeTheService() throws Exception {
        UUID market = UUID.randomUUID();
        given(service.marketStats(market)).willThrow(Refusal.notFound("market", market));

        mvc.perform(get("/admin/v1/markets/{id}/stats", market))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
        mvc.perform(get("/admin/v1/markets/{id}/stats", "not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("marketId"));
    }

    @Test
    void noServiceCallForAnUnreadableMarketId() throws Exception {
        mvc.perform(get("/admin/v1/markets/{id}/stats", "12345"))
                .andExpect(status().isBadRequest());
        verifyNoInteractions(service);
    }
}
