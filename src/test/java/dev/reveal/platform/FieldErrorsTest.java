package dev.reveal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FieldErrorsTest {

    @Test
    void refusesOnceNamingEveryFieldAndNothingWhenNoneIsWrong() {
        assertThatCode(() -> new FieldErrors().throwIfAny(FieldErrors::invalid)).doesNotThrowAnyException();

        FieldErrors two = new FieldErrors().add("from", "must be an instant").add("to", "must be after from");
        assertThatThrownBy(() -> two.throwIfAny(FieldErrors::malformedParameters))
                .isInstanceOfSatisfying(Refusal.class, r -> {
                    assertThat(r.kind()).isEqualTo(Refusal.Kind.MALFORMED);
                    assertThat(r.code()).isEqualTo("INVALID_PARAMETER");
                    assertThat(r.getMessage()).isEqualTo("2 parameters are invalid");
                    assertThat(r.errors()).extracting(Refusal.FieldError::field).containsExactly("from", "to");
                });
        assertThat(FieldErrors.malformedParameter("limit", "must be between 1 and 200").getMessage())
                .isEqualTo("limit: must be between 1 and 200");
        assertThat(new FieldErrors().add("a", "x").add("b", "y").invalid().getMessage()).isEqualTo("2 fields are invalid");
    }
}
