package dev.reveal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.reveal.platform.Actor;
import dev.reveal.platform.Cursor;
import dev.reveal.platform.Page;
import dev.reveal.support.ControllerSlice;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The audit controller alone: raw parameters become one {@link AuditQuery} or one 400 problem naming every bad
 * parameter; verification's result is returned as is. Trail and verification are replaced (their SQL has a JDBC slice).
 */
@ControllerSlice(AuditQueryController.class)
class AuditQueryControllerTest {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private AuditTrail trail;

    @MockitoBean
    private AuditVerification verification;

    @Test
    void filtersBecomeOneQueryAndTheRowsComeBackWithTheirAttributes() throws Exception {
        UUID target = UUID.randomUUID();
        AuditRecord row = new AuditRecord(UUID.randomUUID(), Instant.parse("2026-12-02T10:00:00Z"), "OPERATOR", "op-1",
                "MARKET_SUSPENDED", "MARKET", target, null, null, Map.of("oldStatus", "OPEN"));
        given(trail.search(any())).willReturn(new Page<>(List.of(row), "next-page"));
        Cursor after = new Cursor(Instant.parse("2026-12-02T11:00:00Z"), UUID.randomUUID());

        mvc.perform(get("/admin/v1/audit-logs").param("targetType", "MARKET").param("targetId", target.toString())
                        .param("actorType", "OPERATOR").param("from", "2026-12-01T00:00:00Z").param("to", "2026-12-03T00:00:00Z")
                        .param("limit", "10").param("cursor", after.encode()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].action").value("MARKET_SUSPENDED"))
                .andExpect(jsonPath("$.items[0].attributes.oldStatus").value("OPEN"))
                .andExpect(jsonPath("$.nextCursor").value("next-page"));

        ArgumentCaptor<AuditQuery> query = ArgumentCaptor.forClass(AuditQuery.class);
        verify(trail).search(query.capture());
        assertThat(query.getValue()).isEqualTo(new AuditQuery("MARKET", target, Actor.Type.OPERATOR, null, null, null,
                Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-03T00:00:00Z"), 10, after));
    }

    @Test
    void everyBadParameterIsNamedInOne400Problem() throws Exception {
        mvc.perform(get("/admin/v1/audit-logs").param("targetType", "market").param("targetId", "1-2-3-4-5")
                        .param("actorType", "ROBOT").param("traceId", "XYZ").param("from", "yesterday"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "targetType", "targetId", "actorType", "traceId", "from")));
        mvc.perform(get("/admin/v1/audit-logs").param("from", "2026-12-02T00:00:00Z").param("to", "2026-12-01T00:00:00Z"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("to"));
        mvc.perform(get("/admin/v1/audit-logs").param("limit", "201"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
        mvc.perform(get("/admin/v1/audit-logs").param("cursor", "not-a-cursor"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_CURSOR"));
        verifyNoInteractions(trail);
    }

    @Test
    void verificationNamesTheFirstBrokenRow() throws Exception {
        UUID broken = UUID.randomUUID();
        given(verification.verify()).willReturn(new AuditVerification.Result(false, 41, "ab", broken, 42L, "row altered"));

        mvc.perform(get("/admin/v1/audit-logs/verification"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.intact").value(false))
                .andExpect(jsonPath("$.brokenRowId").value(broken.toString()))
                .andExpect(jsonPath("$.brokenSeq").value(42))
                .andExpect(jsonPath("$.rows").value(41));
    }
}
