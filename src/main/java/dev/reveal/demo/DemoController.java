package dev.reveal.demo;

import dev.reveal.platform.DemoTokens;
import dev.reveal.platform.Refusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Demo", description = "Demo sign-in and demo content for the web pages (local use only)")
class DemoController {

    private static final Duration TOKEN_TTL = Duration.ofHours(8);

    private final DemoTokens tokens;
    private final DemoContent content;
    private final DemoProperties props;
    private final DemoClipKey clipKey;

    DemoController(DemoTokens tokens, DemoContent content, DemoProperties props, DemoClipKey clipKey) {
        this.tokens = tokens;
        this.content = content;
        this.props = props;
        this.clipKey = clipKey;
    }

    @Schema(example = """
            {"subject": "alice", "operator": false}""")
    record TokenRequest(@NotNull @Pattern(regexp = "^[A-Za-z0-9._-]{1,64}$",
            message = "must be 1 to 64 letters, digits, '.', '_' or '-'") String subject, Boolean operator) {

        boolean asOperator() {
            return Boolean.TRUE.equals(operator);
        }
    }

    record TokenView(String token, String subject, boolean operator, long expiresInSeconds) {
    }

    record DemoStatus(boolean signIn, boolean content) {
    }

    record Reloaded(List<UUID> eventIds) {
    }

    record ShippedClip(String name, String hlsMasterUrl, String posterUrl, int durationMs, int previewEndMs) {
    }

    record ShippedClips(List<ShippedClip> clips) {
    }

    @GetMapping("/demo")
    @Operation(summary = "Whether demo sign-in (generated secret only) and demo content are available")
    DemoStatus status() {
        return new DemoStatus(tokens.available(), props.enabled());
    }

    @PostMapping("/demo/token")
    @Operation(summary = "Mint a player or operator token for the web pages",
            description = "Only while the service signs tokens with the embedded default's generated secret; "
                    + "with a configured secret or JWK set this answers 404.")
    TokenView token(@Valid @RequestBody TokenRequest request) {
        String token = tokens.mint(request.subject(), request.asOperator(), TOKEN_TTL).orElseThrow(() ->
                new Refusal(Refusal.Kind.NOT_FOUND, "NOT_FOUND",
                        "demo sign-in exists only when the service signs tokens with the embedded default's generated secret"));
        return new TokenView(token, request.subject(), request.asOperator(), TOKEN_TTL.toSeconds());
    }

    @GetMapping("/admin/v1/demo/clips")
    @Operation(summary = "The shipped demo clips as sources for new events (operators only: their reveal is in the clear)")
    ShippedClips clips(HttpServletRequest request) {
        if (!props.enabled()) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "NOT_FOUND",
                    "demo content is disabled; start the service with REVEAL_DEMO_ENABLED=true");
        }
        String base = "http://localhost:" + request.getLocalPort() + DemoClipController.PATH + clipKey.value() + "/";
        return new ShippedClips(DemoCatalog.clips().stream().map(c -> new ShippedClip(c, base + c + "/clip.m3u8",
                DemoClip.hasPoster(c) ? base + c + "/poster.jpg" : null, DemoClip.shippedDurationMs(c).orElse(0),
                DemoCatalog.SHIPPED_PREVIEW_END_MS)).toList());
    }

    @PostMapping("/admin/v1/demo/reload")
    @Operation(summary = "Create a fresh batch of demo events locking a few minutes from now (demo content enabled only)")
    Reloaded reload(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization, HttpServletRequest request) {
        if (!props.enabled()) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "NOT_FOUND",
                    "demo content is disabled; start the service with REVEAL_DEMO_ENABLED=true");
        }
        // the events are created with the caller's own token, so the audit trail names the operator who reloaded
        String token = authorization.substring(authorization.indexOf(' ') + 1).trim();
        // the local port, never the Host header: nothing a caller sends decides where content points
        String service = "http://localhost:" + request.getLocalPort();
        return new Reloaded(content.reload(new DemoContent.Target(service, token)));
    }
}
