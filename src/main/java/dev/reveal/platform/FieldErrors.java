package dev.reveal.platform;

import dev.reveal.platform.Refusal.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What is wrong with each input, collected while a request is read, then refused once naming every offending field
 * (a client fixes them all in one go instead of one per round trip):
 *
 * <pre>{@code
 * FieldErrors errors = new FieldErrors();
 * if (to.isBefore(from)) errors.add("to", "must be after from");
 * errors.throwIfAny(FieldErrors::malformedParameters);
 * }</pre>
 */
public final class FieldErrors {

    private final List<FieldError> errors = new ArrayList<>();

    public FieldErrors add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<FieldError> list() {
        return List.copyOf(errors);
    }

    /** Throws the refusal built from the collected errors, when there are any. */
    public void throwIfAny(Function<FieldErrors, Refusal> refusal) {
        if (!errors.isEmpty()) {
            throw refusal.apply(this);
        }
    }

    /** Well-formed input that breaks the domain's rules: VALIDATION_FAILED. */
    public Refusal invalid() {
        return Refusal.invalidFields(errors);
    }

    /** Request parameters that cannot be read: INVALID_PARAMETER. */
    public Refusal malformedParameters() {
        return new Refusal(Refusal.Kind.MALFORMED, "INVALID_PARAMETER", summary(errors, "parameters"), errors, Map.of());
    }

    /** One parameter that cannot be read. */
    public static Refusal malformedParameter(String name, String message) {
        return new FieldErrors().add(name, message).malformedParameters();
    }

    /** "field: message" for one error, "N {things} are invalid" for several. */
    public static String summary(List<FieldError> errors, String things) {
        return errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " " + things + " are invalid";
    }
}
