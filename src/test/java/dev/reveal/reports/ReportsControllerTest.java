package dev.reveal.reports;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.reveal.platform.Refusal;
import dev.reveal.support.ControllerSlice;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The reports controller alone: range and steps parameters refused as 400 problems naming each field before any
 * query runs; the service's refusal of unknown steps as a 422. The service is replaced (its SQL has a JDBC slice).
 */
@ControllerSlice(ReportsController.class)
class ReportsControllerTest {

    private static final String FROM = "2026-12-01T00:00:00Z";
    private static final String TO = "2026-12-02T00:00:00Z";
    private static final TimeRange RANGE = new TimeRange(Instant.parse(FROM), Instant.parse(TO));

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private ReportService service;

    @Test
    void aRangeIsPassedOnAndTheReportReturned() throws Exception {
        given(service.analytics(RANGE)).willReturn(new AnalyticsReport(RANGE.from(), RANGE.to(), Map.of("clip_played", 3L),
                List.of(new AnalyticsReport.Day(LocalDate.parse("2026-12-01"), 3, Map.of("clip_played", 3L)))));

        mvc.perform(get("/admin/v1/reports/analytics").param("from", FROM).param("to", TO))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totals.clip_played").value(3))
                .andExpect(jsonPath("$.days[0].day").value("2026-12-01"));
    }

    @Test
    void missingOrUnreadableBoundsAre400ProblemsNamingEachOne() throws Exception {
        mvc.perform(get("/admin/v1/reports/experiments"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"))
                .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("from", "to")));
        mvc.perform(get("/admin/v1/reports/analytics").param("from", "yesterday").param("to", TO))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("from"));
        mvc.perform(get("/admin/v1/reports/analytics").param("from", TO).param("to", FROM))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("to"))
                .andExpect(jsonPath("$.errors[0].message").value("must be after from"));
        // an empty range is refused too: [from, from) holds nothing
        mvc.perform(get("/admin/v1/reports/analytics").param("from", FROM).param("to", FROM))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("to"));
        verifyNoInteractions(service);
    }

    @Test
    void badFunnelStepsAre400NamingSteps() throws Exception {
        for (String steps : new String[] {"", "only_one", "a,a", "a,Not-A-Name", "a,b,c,d,e,f,g,h,i,j,k"}) {
            mvc.perform(get("/admin/v1/reports/funnel").param("from", FROM).param("to", TO).param("steps", steps))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"))
                    .andExpect(jsonPath("$.errors[0].field").value("steps"));
        }
        verifyNoInteractions(service);
    }

    @Test
    void unknownStepsAre422WithTheirNames() throws Exception {
        given(service.funnel(eq(RANGE), any())).willThrow(new Refusal(Refusal.Kind.RULE_BROKEN, "UNKNOWN_EVENT_TYPE",
                "not registered event types: b_step", Map.of("unknownEventNames", List.of("b_step"))));

        mvc.perform(get("/admin/v1/reports/funnel").param("from", FROM).param("to", TO).param("steps", "a_step,b_step"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("UNKNOWN_EVENT_TYPE"))
                .andExpect(jsonPath("$.unknownEventNames[0]").value("b_step"));
    }
}
