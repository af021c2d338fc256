package io.quizplatform.quiz.domain.quiz;

import java.util.List;

/**
 * A command broke one of the quiz's rules. Each violation names the field (a path such as
 * {@code questions[2].options}), the rule's code (kebab-case, stable: {@code option-count}) and says what is wrong in
 * words a host can act on. Nothing was changed.
 */
public class RuleViolation extends RuntimeException {

    /** One broken rule: the field at fault, a stable {@code code} for programs, and what is wrong for people. */
    public record Violation(String field, String code, String message) {
    }

    private final List<Violation> violations;

    public RuleViolation(List<Violation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.message()).reduce((a, b) -> a + "; " + b).orElse("invalid"));
        this.violations = List.copyOf(violations);
    }

    public RuleViolation(String field, String code, String message) {
        this(List.of(new Violation(field, code, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
