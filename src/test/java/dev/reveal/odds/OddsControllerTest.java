package dev.reveal.odds;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.reveal.platform.Refusal;
import dev.reveal.support.ControllerSlice;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Publishing odds, the controller alone: 201 with the version, 409 on a locked market, 400 before the service. */
@ControllerSlice(value = OddsController.class, operator = true)
class OddsControllerTest {

    private static final String PRICES = """
            {"prices":[{"outcomeCode":"YES","decimalOdds":1.6},{"outcomeCode":"NO","fractionalOdds":"5/4"}]}""";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    OddsService service;

    final UUID market = UUID.randomUUID();

    @Test
    void aPublishIsCreatedWithItsVersion() throws Exception {
        UUID yes = UUID.randomUUID();
        given(service.publish(eq(market), any(), any())).willReturn(new OddsVersionView(UUID.randomUUID(), market, 2,
                Instant.parse("2026-12-02T10:00:00Z"), true,
                List.of(new OddsVersionView.Price(yes, "YES", new BigDecimal("1.60"), "3/5"))));

        mvc.perform(post("/admin/v1/markets/{id}/odds", market).contentType(MediaType.APPLICATION_JSON).content(PRICES))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.versionNo").value(2))
                .andExpect(jsonPath("$.prices[0].fractionalOdds").value("3/5"));
    }

    @Test
    void aLockedMarketIsAConflictAndAnUnknownOneNotFound() throws Exception {
        given(service.publish(eq(market), any(), any()))
                .willThrow(Refusal.invalidTransition("market", market, "LOCKED", "publish odds on"));
        mvc.perform(post("/admin/v1/markets/{id}/odds", market).contentType(MediaType.APPLICATION_JSON).content(PRICES))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("INVALID_STATUS_TRANSITION"))
                .andExpect(jsonPath("$.currentStatus").value("LOCKED"));

        given(service.history(market)).willThrow(Refusal.notFound("market", market));
        mvc.perform(get("/admin/v1/markets/{id}/odds", market)).andExpect(status().isNotFound());
    }

    @Test
    void noPricesIsRefusedBeforeTheService() throws Exception {
        mvc.perform(post("/admin/v1/markets/{id}/odds", market).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"prices\":[]}"))
                .andExpect(status().isBadRequest());
        verifyNoInteractions(service);
    }
}
