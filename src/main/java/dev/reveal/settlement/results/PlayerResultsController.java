package dev.reveal.settlement.results;

import dev.reveal.platform.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Results", description = "A player's record and the leaderboards")
class PlayerResultsController {

    private final ResultsService service;

    PlayerResultsController(ResultsService service) {
        this.service = service;
    }

    @GetMapping("/me/summary")
    @Operation(summary = "The caller's predictions, settled and correct counts, accuracy and streaks")
    PlayerSummary summary() {
        return service.summary(Actor.current().id());
    }

    @GetMapping("/leaderboards")
    @Operation(summary = "Players ranked by correct predictions, then accuracy, then earliest reach; "
            + "period day|week|all (UTC, by settlement time), limit 1..100 (default 10); `me` is the caller's row")
    Leaderboard leaderboard(@RequestParam(required = false) String period, @RequestParam(required = false) Integer limit) {
        return service.leaderboard(period, limit, Actor.current().id());
    }
}
