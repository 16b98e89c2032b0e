package dev.reveal.feed;

import dev.reveal.feed.FeedViews.EventView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Feed", description = "Open events to predict on, localized and free of spoilers")
class FeedController {

    private final FeedService feed;

    FeedController(FeedService feed) {
        this.feed = feed;
    }

    @GetMapping("/feed")
    @Operation(summary = "Open events not yet locked, soonest lock first; ETag / If-None-Match supported")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = FeedViews.FeedView.class)))
    @ApiResponse(responseCode = "304", description = "If-None-Match matched the current ETag")
    ResponseEntity<byte[]> feed(@RequestParam(required = false) String locale, WebRequest request) {
        FeedService.CachedFeed cached = feed.feed(LocaleChain.of(locale));
        // no-cache: clients may keep the feed but must revalidate, which the ETag makes cheap.
        CacheControl cacheControl = CacheControl.noCache().cachePrivate();
        // "*" matches any current feed (RFC 9110 13.1.2), which Spring's check honours for unsafe methods only
        if ("*".equals(String.valueOf(request.getHeader(HttpHeaders.IF_NONE_MATCH)).trim())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(cached.etag()).cacheControl(cacheControl).build();
        }
        // If-None-Match by the weak comparison; on a match the response already carries 304 and the ETag
        if (request.checkNotModified(cached.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).cacheControl(cacheControl).build();
        }
        return ResponseEntity.ok().eTag(cached.etag()).cacheControl(cacheControl)
                .contentType(MediaType.APPLICATION_JSON).body(cached.body());
    }

    @GetMapping("/events/{id}")
    @Operation(summary = "One published event; reveal windows after lock, winning outcomes after settlement")
    EventView event(@PathVariable UUID id, @RequestParam(required = false) String locale) {
        return feed.event(id, LocaleChain.of(locale));
    }
}
