package io.quizplatform.platform.api.json;

import java.util.List;

/**
 * A request body (or parameter) that is not what the API accepts: malformed, too deep, with duplicate or unknown
 * fields, text with NUL or unpaired surrogates, or a value of the wrong type or out of range. Carries the path of
 * each offending field ({@code questions[0].points}, {@code settings.speedBonus}, {@code body} for the whole
 * document) and a message a person can act on. It never carries a Java class name or the parser's own wording.
 */
public class JsonInputException extends RuntimeException {

    /** One offending field, the code of the rule it breaks (see {@code Problem.FieldError}) and what is wrong. */
    public record Violation(String field, String code, String message) {
    }

    private final transient List<Violation> violations;

    public JsonInputException(String field, String code, String message) {
        this(List.of(new Violation(field, code, message)));
    }

    public JsonInputException(List<Violation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.message()).reduce((a, b) -> a + "; " + b).orElse("invalid input"),
                null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
