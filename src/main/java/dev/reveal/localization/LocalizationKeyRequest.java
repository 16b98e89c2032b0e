package dev.reveal.localization;

import dev.reveal.platform.LocaleCodes;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * Body of create (with {@code keyName}) and upsert (key from the path). {@code values} maps locale codes
 * ({@code en}, {@code sv}, {@code sv-SE}) to text; locales not mentioned keep their text on update.
 */
@Schema(example = """
        {"keyName": "market.penalty.scored", "description": "Question of the penalty market",
         "values": {"en": "Will the penalty be scored?", "sv": "Blir straffen mål?"}}""")
record LocalizationKeyRequest(
        @Pattern(regexp = "^[a-z0-9]+([._-][a-z0-9]+)*$", message = "must be lower-case words joined by . _ or -")
        @Size(max = 128) String keyName,
        @Size(max = 1000) String description,
        Map<@NotBlank @Pattern(regexp = LocaleCodes.PATTERN, message = "must be " + LocaleCodes.EXAMPLE) String,
                @NotBlank @Size(max = 2000) String> values) {

    Map<String, String> valuesOrEmpty() {
        return values == null ? Map.of() : values;
    }
}
