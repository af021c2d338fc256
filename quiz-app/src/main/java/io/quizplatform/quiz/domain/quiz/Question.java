package io.quizplatform.quiz.domain.quiz;

import io.quizplatform.quiz.domain.image.Image;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A question as the host wrote it. {@link #violations(String)} states every rule it breaks; a quiz accepts only
 * questions without violations, and publishes only when all of them are complete.
 */
public record Question(String id, QuestionType type, String text, String imageUrl, int timeLimitSeconds, int points,
                       List<AnswerOption> options, List<String> acceptedAnswers) {

    public static final int MIN_TIME_LIMIT = 5;
    public static final int MAX_TIME_LIMIT = 240;
    public static final Set<Integer> ALLOWED_POINTS = Set.of(0, 1000, 2000);
    public static final int MAX_TEXT = 500;
    public static final int MAX_OPTION_ID = 64;
    public static final int MAX_OPTION_TEXT = 120;
    public static final int MIN_OPTIONS = 2;
    public static final int MAX_OPTIONS = 6;
    public static final int MAX_ACCEPTED_ANSWERS = 10;
    public static final int MAX_ACCEPTED_ANSWER = 100;

    /**
     * This question as a copy takes it from a quiz written before today's rules: without an imageUrl that is no
     * uploaded image's path (a link to another site, never shown), and with control characters made spaces.
     */
    public Question asCopied() {
        String image = imageUrl == null || imageUrl.isEmpty() || Image.isImagePath(imageUrl) ? imageUrl : null;
        return new Question(id, type, QuizText.cleaned(text, true), image, timeLimitSeconds, points,
                options.stream().map(o -> o == null ? null
                        : new AnswerOption(o.id(), QuizText.cleaned(o.text(), false), o.correct())).toList(),
                acceptedAnswers.stream().map(a -> QuizText.cleaned(a, false)).toList());
    }

    /** The id of the uploaded image this question shows, if its imageUrl is this service's image path. */
    public java.util.Optional<String> uploadedImageId() {
        return Image.isImagePath(imageUrl) ? java.util.Optional.of(Image.idOfPath(imageUrl)) : java.util.Optional.empty();
    }

    public Question {
        options = options == null ? List.of() : List.copyOf(options);
        acceptedAnswers = acceptedAnswers == null ? List.of() : List.copyOf(acceptedAnswers);
    }

    /** Every broken rule, with field paths under {@code prefix} (e.g. {@code questions[1]}). */
    public List<RuleViolation.Violation> violations(String prefix) {
        List<RuleViolation.Violation> out = new ArrayList<>();
        String p = prefix.isEmpty() ? "" : prefix + ".";
        if (type == null) {
            out.add(new RuleViolation.Violation(p + "type", "question-type",
                    "must be one of single-choice, multiple-choice, true-false, type-answer, poll"));
            return out;
        }
        if (text == null || text.isBlank()) {
            out.add(new RuleViolation.Violation(p + "text", "required", "a question needs a text"));
        } else if (text.length() > MAX_TEXT) {
            out.add(new RuleViolation.Violation(p + "text", "too-long", "must be at most " + MAX_TEXT + " characters"));
        } else if (QuizText.hasControl(text, true)) {
            out.add(QuizText.violation(p + "text", true));
        }
        // Only pictures this service keeps: the pages load images from their own site alone (CSP img-src 'self'),
        // so that no other site learns which classroom is playing; a link elsewhere would show nowhere.
        if (imageUrl != null && !imageUrl.isEmpty() && !Image.isImagePath(imageUrl)) {
            out.add(new RuleViolation.Violation(p + "imageUrl", "image-url", "must be an uploaded image's path ("
                    + Image.PATH_PREFIX + "<id>): upload the picture first; links to other sites are not shown"));
        }
        if (timeLimitSeconds < MIN_TIME_LIMIT || timeLimitSeconds > MAX_TIME_LIMIT) {
            out.add(new RuleViolation.Violation(p + "timeLimitSeconds", "time-limit",
                    "must be between " + MIN_TIME_LIMIT + " and " + MAX_TIME_LIMIT + " seconds (was " + timeLimitSeconds + ")"));
        }
        if (!ALLOWED_POINTS.contains(points)) {
            out.add(new RuleViolation.Violation(p + "points", "points", "must be 0, 1000 or 2000 (was " + points + ")"));
        } else if (type == QuestionType.POLL && points != 0) {
            out.add(new RuleViolation.Violation(p + "points", "poll-points", "a poll scores nothing: points must be 0"));
        }
        switch (type) {
            case SINGLE_CHOICE -> choiceRules(out, p, 1, 1, "one-correct", "exactly one option must be correct");
            case MULTIPLE_CHOICE -> choiceRules(out, p, 1, MAX_OPTIONS, "some-correct", "at least one option must be correct");
            case TRUE_FALSE -> trueFalseRules(out, p);
            case POLL -> choiceRules(out, p, 0, 0, "poll-correct", "a poll has no correct option");
            case TYPE_ANSWER -> typeAnswerRules(out, p);
        }
        return out;
    }

    private void choiceRules(List<RuleViolation.Violation> out, String p, int minCorrect, int maxCorrect, String correctCode, String correctRule) {
        if (!acceptedAnswers.isEmpty()) {
            out.add(new RuleViolation.Violation(p + "acceptedAnswers", "no-accepted-answers", "only type-answer questions have accepted answers"));
        }
        if (options.size() < MIN_OPTIONS || options.size() > MAX_OPTIONS) {
            out.add(new RuleViolation.Violation(p + "options", "option-count",
                    "must have " + MIN_OPTIONS + " to " + MAX_OPTIONS + " options (has " + options.size() + ")"));
        }
        optionTexts(out, p);
        long correct = options.stream().filter(AnswerOption::correct).count();
        if (correct < minCorrect || correct > maxCorrect) {
            out.add(new RuleViolation.Violation(p + "options", correctCode, correctRule + " (" + correct + " marked correct)"));
        }
    }

    private void trueFalseRules(List<RuleViolation.Violation> out, String p) {
        if (options.size() != 2) {
            out.add(new RuleViolation.Violation(p + "options", "true-false-options", "a true/false question has exactly two options (has " + options.size() + ")"));
        }
        optionTexts(out, p);
        if (options.stream().filter(AnswerOption::correct).count() != 1) {
            out.add(new RuleViolation.Violation(p + "options", "true-false-correct", "exactly one of true and false must be correct"));
        }
    }

    private void typeAnswerRules(List<RuleViolation.Violation> out, String p) {
        if (!options.isEmpty()) {
            out.add(new RuleViolation.Violation(p + "options", "type-answer-options", "a type-answer question has no options, only accepted answers"));
        }
        if (acceptedAnswers.isEmpty() || acceptedAnswers.size() > MAX_ACCEPTED_ANSWERS) {
            out.add(new RuleViolation.Violation(p + "acceptedAnswers", "accepted-count",
                    "must have 1 to " + MAX_ACCEPTED_ANSWERS + " accepted answers (has " + acceptedAnswers.size() + ")"));
        }
        for (int i = 0; i < acceptedAnswers.size(); i++) {
            String a = acceptedAnswers.get(i);
            if (a == null || a.isBlank() || a.length() > MAX_ACCEPTED_ANSWER) {
                out.add(new RuleViolation.Violation(p + "acceptedAnswers[" + i + "]", "length",
                        "must be 1 to " + MAX_ACCEPTED_ANSWER + " characters"));
            } else if (QuizText.hasControl(a, false)) {
                out.add(QuizText.violation(p + "acceptedAnswers[" + i + "]", false));
            }
        }
    }

    private void optionTexts(List<RuleViolation.Violation> out, String p) {
        Set<String> ids = new HashSet<>();
        Set<String> texts = new HashSet<>();
        for (int i = 0; i < options.size(); i++) {
            AnswerOption o = options.get(i);
            if (o == null) {
                out.add(new RuleViolation.Violation(p + "options[" + i + "]", "required", "an option is required"));
                continue;
            }
            if (o.text() == null || o.text().isBlank() || o.text().length() > MAX_OPTION_TEXT) {
                out.add(new RuleViolation.Violation(p + "options[" + i + "].text", "length", "must be 1 to " + MAX_OPTION_TEXT + " characters"));
                continue;
            }
            if (QuizText.hasControl(o.text(), false)) {
                out.add(QuizText.violation(p + "options[" + i + "].text", false));
            }
            if (o.id() == null || !ids.add(o.id())) {
                out.add(new RuleViolation.Violation(p + "options[" + i + "].id", "option-ids", "option ids must be present and unique"));
            } else if (o.id().length() > MAX_OPTION_ID) {
                out.add(new RuleViolation.Violation(p + "options[" + i + "].id", "too-long", "must be at most " + MAX_OPTION_ID + " characters"));
            }
            if (!texts.add(o.text().strip().toLowerCase(Locale.ROOT))) {
                out.add(new RuleViolation.Violation(p + "options[" + i + "].text", "same-options", "two options read the same"));
            }
        }
    }
}
