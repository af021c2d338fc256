package io.quizplatform.quiz.domain.quiz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The quiz aggregate, event-sourced: rebuilt by replaying its events, changed only by commands that check the
 * rules first and then record new events. A command either yields events or throws {@link RuleViolation} and
 * changes nothing. {@link #version()} counts the events applied; new events are collected in
 * {@link #pendingEvents()} until the repository appends them with the version they were based on.
 */
public final class Quiz {

    public static final int MAX_TITLE = 120;
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_QUESTIONS = 100;

    private String id;
    private String ownerId;
    private String title;
    private String description;
    private QuizSettings settings;
    private QuizStatus status;
    private String copiedFrom;
    private final List<Question> questions = new ArrayList<>();
    private long version;
    private final List<QuizEvent> pending = new ArrayList<>();

    private Quiz() {
    }

    public static Quiz fromHistory(List<QuizEvent> history) {
        if (history.isEmpty() || !(history.get(0) instanceof QuizEvent.QuizCreated)) {
            throw new IllegalArgumentException("a quiz's history starts with quiz.created");
        }
        Quiz quiz = new Quiz();
        history.forEach(quiz::apply);
        return quiz;
    }

    /** The state at a version, so a long history need not be replayed from its first event. */
    public record Snapshot(String id, String ownerId, String title, String description, QuizSettings settings,
                           QuizStatus status, String copiedFrom, List<Question> questions, long version) {
    }

    public Snapshot snapshot() {
        return new Snapshot(id, ownerId, title, description, settings, status, copiedFrom, List.copyOf(questions), version);
    }

    /** Restores the snapshot, then applies the events recorded after it. */
    public static Quiz fromSnapshot(Snapshot snapshot, List<QuizEvent> laterEvents) {
        Quiz quiz = new Quiz();
        quiz.id = snapshot.id();
        quiz.ownerId = snapshot.ownerId();
        quiz.title = snapshot.title();
        quiz.description = snapshot.description();
        quiz.settings = snapshot.settings();
        quiz.status = snapshot.status();
        quiz.copiedFrom = snapshot.copiedFrom();
        quiz.questions.addAll(snapshot.questions());
        quiz.version = snapshot.version();
        laterEvents.forEach(quiz::apply);
        return quiz;
    }

    public static Quiz create(String quizId, String ownerId, String title, String description, QuizSettings settings) {
        return create(quizId, ownerId, title, description, settings, null);
    }

    private static Quiz create(String quizId, String ownerId, String title, String description, QuizSettings settings,
                               String copiedFrom) {
        List<RuleViolation.Violation> broken = detailViolations(title, description);
        if (!broken.isEmpty()) {
            throw new RuleViolation(broken);
        }
        Quiz quiz = new Quiz();
        quiz.record(new QuizEvent.QuizCreated(quizId, ownerId, title.strip(), normalizeDescription(description),
                settings == null ? QuizSettings.DEFAULT : settings, copiedFrom));
        return quiz;
    }

    /**
     * A new draft with this quiz's content, owned by {@code newOwnerId} (used by duplicate and import). What a quiz
     * written before today's rules holds and they refuse (a picture linked from another site, control characters) is
     * left out of the copy ({@link Question#asCopied}), which would be refused for it otherwise: a copy is the only
     * way to change a published quiz.
     */
    public Quiz copyAs(String newQuizId, String newOwnerId, String newTitle) {
        Quiz copy = create(newQuizId, newOwnerId, QuizText.cleaned(newTitle, false), QuizText.cleaned(description, true),
                settings, id);
        for (Question q : questions) {
            copy.addQuestion(q.asCopied());
        }
        return copy;
    }

    // --- commands -------------------------------------------------------------------------------------------

    public void changeDetails(String newTitle, String newDescription, QuizSettings newSettings) {
        requireEditable();
        List<RuleViolation.Violation> broken = detailViolations(newTitle, newDescription);
        if (!broken.isEmpty()) {
            throw new RuleViolation(broken);
        }
        record(new QuizEvent.QuizDetailsChanged(newTitle.strip(), normalizeDescription(newDescription),
                newSettings == null ? settings : newSettings));
    }

    public void addQuestion(Question question) {
        requireEditable();
        if (questions.size() >= MAX_QUESTIONS) {
            throw new RuleViolation("questions", "too-many-questions", "a quiz has at most " + MAX_QUESTIONS + " questions");
        }
        requireValid(question, "question");
        if (findQuestion(question.id()).isPresent()) {
            throw new RuleViolation("question.id", "question-id", "this quiz already has a question with id " + question.id());
        }
        record(new QuizEvent.QuestionAdded(question, questions.size()));
    }

    public void editQuestion(Question question) {
        requireEditable();
        requireQuestion(question.id());
        requireValid(question, "question");
        record(new QuizEvent.QuestionEdited(question));
    }

    public void removeQuestion(String questionId) {
        requireEditable();
        requireQuestion(questionId);
        record(new QuizEvent.QuestionRemoved(questionId));
    }

    /** The new order must name every question of the quiz exactly once. */
    public void reorderQuestions(List<String> questionIds) {
        requireEditable();
        Set<String> current = new HashSet<>(questionIds());
        Set<String> given = new HashSet<>(questionIds == null ? List.of() : questionIds);
        if (questionIds == null || questionIds.size() != given.size()) {
            throw new RuleViolation("questionIds", "question-order", "each question id must appear exactly once");
        }
        if (!given.equals(current)) {
            Set<String> missing = new HashSet<>(current);
            missing.removeAll(given);
            Set<String> unknown = new HashSet<>(given);
            unknown.removeAll(current);
            throw new RuleViolation("questionIds", "question-order", "must name every question of this quiz exactly once"
                    + (missing.isEmpty() ? "" : "; missing " + missing) + (unknown.isEmpty() ? "" : "; not in this quiz " + unknown));
        }
        record(new QuizEvent.QuestionsReordered(List.copyOf(questionIds)));
    }

    public void publish() {
        if (status == QuizStatus.ARCHIVED) {
            throw new RuleViolation("status", "archived", "an archived quiz can't be published; duplicate it instead");
        }
        if (status == QuizStatus.PUBLISHED) {
            throw new RuleViolation("status", "already-published", "the quiz is already published");
        }
        List<RuleViolation.Violation> broken = new ArrayList<>();
        if (questions.isEmpty()) {
            broken.add(new RuleViolation.Violation("questions", "no-questions", "a quiz needs at least one question to be published"));
        }
        for (int i = 0; i < questions.size(); i++) {
            broken.addAll(questions.get(i).violations("questions[" + i + "]"));
        }
        if (!broken.isEmpty()) {
            throw new RuleViolation(broken);
        }
        record(new QuizEvent.QuizPublished(questions.size()));
    }

    public void archive() {
        if (status == QuizStatus.ARCHIVED) {
            throw new RuleViolation("status", "already-archived", "the quiz is already archived");
        }
        record(new QuizEvent.QuizArchived());
    }

    // --- state ----------------------------------------------------------------------------------------------

    private void apply(QuizEvent event) {
        if (event instanceof QuizEvent.QuizCreated e) {
            id = e.quizId();
            ownerId = e.ownerId();
            title = e.title();
            description = e.description();
            settings = e.settings();
            copiedFrom = e.copiedFrom();
            status = QuizStatus.DRAFT;
        } else if (event instanceof QuizEvent.QuizDetailsChanged e) {
            title = e.title();
            description = e.description();
            settings = e.settings();
        } else if (event instanceof QuizEvent.QuestionAdded e) {
            questions.add(Math.min(e.position(), questions.size()), e.question());
        } else if (event instanceof QuizEvent.QuestionEdited e) {
            questions.replaceAll(q -> q.id().equals(e.question().id()) ? e.question() : q);
        } else if (event instanceof QuizEvent.QuestionRemoved e) {
            questions.removeIf(q -> q.id().equals(e.questionId()));
        } else if (event instanceof QuizEvent.QuestionsReordered e) {
            List<Question> reordered = e.questionIds().stream().map(qid -> findQuestion(qid).orElseThrow()).toList();
            questions.clear();
            questions.addAll(reordered);
        } else if (event instanceof QuizEvent.QuizPublished) {
            status = QuizStatus.PUBLISHED;
        } else if (event instanceof QuizEvent.QuizArchived) {
            status = QuizStatus.ARCHIVED;
        }
        version++;
    }

    private void record(QuizEvent event) {
        apply(event);
        pending.add(event);
    }

    private void requireEditable() {
        if (status != QuizStatus.DRAFT) {
            throw new RuleViolation("status", "not-draft", "only a draft can be changed; this quiz is " + status.name().toLowerCase()
                    + " (duplicate it to make a new draft)");
        }
    }

    private void requireQuestion(String questionId) {
        if (findQuestion(questionId).isEmpty()) {
            throw new RuleViolation("questionId", "unknown-question", "this quiz has no question with id " + questionId);
        }
    }

    private static void requireValid(Question question, String prefix) {
        if (question == null) {
            throw new RuleViolation(prefix, "required", "a question is required");
        }
        List<RuleViolation.Violation> broken = question.violations(prefix);
        if (!broken.isEmpty()) {
            throw new RuleViolation(broken);
        }
    }

    private static List<RuleViolation.Violation> detailViolations(String title, String description) {
        List<RuleViolation.Violation> out = new ArrayList<>();
        if (title == null || title.isBlank()) {
            out.add(new RuleViolation.Violation("title", "required", "a quiz needs a title"));
        } else if (title.strip().length() > MAX_TITLE) {
            out.add(new RuleViolation.Violation("title", "too-long", "must be at most " + MAX_TITLE + " characters"));
        } else if (QuizText.hasControl(title, false)) {
            out.add(QuizText.violation("title", false));
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            out.add(new RuleViolation.Violation("description", "too-long", "must be at most " + MAX_DESCRIPTION + " characters"));
        } else if (description != null && QuizText.hasControl(description, true)) {
            out.add(QuizText.violation("description", true));
        }
        return out;
    }

    private static String normalizeDescription(String description) {
        return description == null ? "" : description.strip();
    }

    private Optional<Question> findQuestion(String questionId) {
        return questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
    }

    public List<String> questionIds() {
        return questions.stream().map(Question::id).toList();
    }

    public String id() { return id; }

    public String ownerId() { return ownerId; }

    public String title() { return title; }

    public String description() { return description; }

    public QuizSettings settings() { return settings; }

    public QuizStatus status() { return status; }

    public String copiedFrom() { return copiedFrom; }

    public List<Question> questions() { return Collections.unmodifiableList(questions); }

    public long version() { return version; }

    /** The version this quiz had before its pending events: what the event store must still hold. */
    public long expectedVersion() { return version - pending.size(); }

    public List<QuizEvent> pendingEvents() { return List.copyOf(pending); }

    public void markCommitted() { pending.clear(); }
}
