package dev.reveal.localization;

import dev.reveal.platform.Actor;
import dev.reveal.platform.Cursor;
import dev.reveal.platform.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Localization", description = "Keys named by markets and outcomes, their text per locale, player bundles")
class LocalizationController {

    private final LocalizationService service;

    LocalizationController(LocalizationService service) {
        this.service = service;
    }

    @PostMapping("/admin/v1/localization-keys")
    @Operation(summary = "Create a localization key with its values (409 when the key exists)")
    ResponseEntity<LocalizationKeyView> create(@Valid @RequestBody LocalizationKeyRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(service.create(request, Actor.current()));
    }

    @PutMapping("/admin/v1/localization-keys/{key}")
    @Operation(summary = "Create or update a key: description and the given locales (others are kept)")
    ResponseEntity<LocalizationKeyView> upsert(
            // the key in the path is the one created: the same rule as keyName in a body (a 400, not a check-constraint 500)
            @PathVariable @jakarta.validation.constraints.Pattern(regexp = "^[a-z0-9]+([._-][a-z0-9]+)*$",
                    message = "must be lower-case words joined by . _ or -") @jakarta.validation.constraints.Size(max = 128) String key,
            @Valid @RequestBody LocalizationKeyRequest request) {
        LocalizationService.Upserted result = service.upsert(key, request, Actor.current());
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK).body(result.key());
    }

    @GetMapping("/admin/v1/localization-keys/{key}")
    @Operation(summary = "One key with all its values")
    LocalizationKeyView get(@PathVariable String key) {
        return service.get(key);
    }

    @GetMapping("/admin/v1/localization-keys")
    @Operation(summary = "Keys in name order; pass nextCursor back as cursor for the next page")
    Page<LocalizationKeyView> list(@RequestParam(required = false) Integer limit,
                                   @RequestParam(required = false) String cursor) {
        String after = cursor == null || cursor.isBlank() ? null : cursor;
        return Page.fetch(Cursor.limit(limit), rows -> service.list(after, rows), LocalizationKeyView::keyName);
    }

    @GetMapping("/api/v1/localizations/{locale}")
    @Operation(summary = "Every key's text for a locale, falling back from sv-SE to sv to en")
    Map<String, String> bundle(@PathVariable String locale) {
        return service.bundle(locale);
    }
}
