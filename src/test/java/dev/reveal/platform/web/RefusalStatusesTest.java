package dev.reveal.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.platform.Refusal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RefusalStatusesTest {

    @ParameterizedTest
    @EnumSource(Refusal.Kind.class)
    void everyKindOfRefusalIsAClientOrRetryableStatus(Refusal.Kind kind) {
        int status = RefusalStatuses.of(new Refusal(kind, "X", "x")).value();
        assertThat(status).isBetween(400, 503).isNotEqualTo(500);
    }

    @Test
    void oneFieldErrorNamesTheFieldAndSummarisesIt() {
        Refusal refusal = Refusal.malformedField("INVALID_PARAMETER", "limit", "must be between 1 and 200");
        assertThat(refusal.field()).isEqualTo("limit");
        assertThat(refusal.getMessage()).isEqualTo("limit: must be between 1 and 200");
        assertThat(refusal.members()).containsOnlyKeys("errors");
        assertThat(Refusal.invalidFields(List.of(new Refusal.FieldError("a", "x"), new Refusal.FieldError("b", "y")))
                .getMessage()).isEqualTo("2 fields are invalid");
    }
}
