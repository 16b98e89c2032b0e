package dev.reveal.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test-only endpoints that exercise the platform's error paths (body binding, validation, unexpected faults)
 * without depending on any product area.
 */
@RestController
class ProbeController {

    record ProbeBody(@NotBlank String name, @Max(10) Integer size) {
    }

    @PostMapping("/api/v1/test-probe")
    Map<String, Object> probe(@Valid @RequestBody ProbeBody body) {
        return Map.of("name", body.name());
    }

    @PostMapping("/api/v1/test-probe/fail")
    Map<String, Object> fail() {
        throw new IllegalStateException("secret internal detail that must not leak");
    }
}
