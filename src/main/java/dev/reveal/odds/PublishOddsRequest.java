package dev.reveal.odds;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * A new odds version: one price for every outcome of the market, each naming its outcome by id or code and
 * giving decimal and/or fractional odds (the missing form is derived).
 */
@Schema(example = """
        {"prices": [
          {"outcomeCode": "YES", "decimalOdds": 1.8},
          {"outcomeCode": "NO", "fractionalOdds": "11/10"}]}""")
record PublishOddsRequest(@NotEmpty @Size(max = 64) List<@Valid @NotNull Price> prices) {

    record Price(UUID outcomeId, @Size(max = 32) String outcomeCode, BigDecimal decimalOdds,
                 @Size(max = 16) String fractionalOdds) {
    }
}
