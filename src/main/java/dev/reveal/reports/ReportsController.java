package dev.reveal.reports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/admin/v1/reports")
@Tag(name = "Reports", description = "Experiment comparison, analytics counts and funnels (operator role)")
class ReportsController {

    private static final String INSTANT = "an ISO-8601 instant, for example 2026-01-01T00:00:00Z";

    private final ReportService reports;

    ReportsController(ReportService reports) {
        this.reports = reports;
    }

    @GetMapping("/experiments")
    @Operation(summary = "Compare experiment variants of the sessions started in [from, to) with the control variant")
    ExperimentReport experiments(@Parameter(description = INSTANT) @RequestParam(required = false) String from,
                                 @Parameter(description = INSTANT) @RequestParam(required = false) String to) {
        return reports.experiments(TimeRange.parse(from, to));
    }

    @GetMapping("/analytics")
    @Operation(summary = "Count analytics events that occurred in [from, to) per event type and UTC day")
    AnalyticsReport analytics(@Parameter(description = INSTANT) @RequestParam(required = false) String from,
                              @Parameter(description = INSTANT) @RequestParam(required = false) String to) {
        return reports.analytics(TimeRange.parse(from, to));
    }

    @GetMapping("/funnel")
    @Operation(summary = "Count the sessions that reached each step of an ordered list of event types in [from, to)")
    FunnelReport funnel(@Parameter(description = INSTANT) @RequestParam(required = false) String from,
                        @Parameter(description = INSTANT) @RequestParam(required = false) String to,
                        @Parameter(description = "2 to 10 distinct registered event names in funnel order, comma-separated",
                                example = "feed_opened,clip_played,prediction_made")
                        @RequestParam(required = false) String steps) {
        TimeRange range = TimeRange.parse(from, to);
        return reports.funnel(range, FunnelSteps.parse(steps));
    }
}
