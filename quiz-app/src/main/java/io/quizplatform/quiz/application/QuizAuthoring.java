package io.quizplatform.quiz.application;

import io.quizplatform.quiz.domain.ConcurrentChange;
import io.quizplatform.quiz.domain.StoredEvent;
import io.quizplatform.quiz.domain.quiz.Question;
import io.quizplatform.quiz.domain.quiz.QuestionType;
import io.quizplatform.quiz.domain.quiz.Quiz;
import io.quizplatform.quiz.domain.quiz.QuizCatalogue;
import io.quizplatform.quiz.domain.quiz.QuizDetail;
import io.quizplatform.quiz.domain.quiz.QuizEvents;
import io.quizplatform.quiz.domain.quiz.QuizSettings;
import io.quizplatform.quiz.domain.quiz.QuizStatus;
import io.quizplatform.quiz.domain.quiz.RuleViolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Hosts writing quizzes. Every change: load the quiz from its events, check who is asking and which version the
 * change was based on, run the command, append its events (with the outbox rows) and update the read model, all
 * in one transaction. A broken rule or a stale version changes nothing.
 */
@ApplicationScoped
public class QuizAuthoring {

    @Inject
    QuizEvents store;

    @Inject
    QuizCatalogue projection;

    @Inject
    ImageLibrary images;

    @Transactional
    public QuizDetail create(Actor actor, String title, String description, QuizSettings settings) {
        Quiz quiz = rules(() -> Quiz.create(UUID.randomUUID().toString(), actor.userId(), title, description, settings));
        save(quiz, actor, null);
        return QuizDetail.of(quiz);
    }

    /** Runs a command on a quiz the actor owns, based on {@code expectedVersion} (the client's If-Match). */
    @Transactional
    public QuizDetail change(Actor actor, UUID quizId, long expectedVersion, String commandId, Consumer<Quiz> command) {
        Quiz quiz = loadOwned(actor, quizId);
        if (store.alreadyApplied(quizId, commandId)) {
            return QuizDetail.of(quiz); // the same request again: its effect is already there
        }
        if (quiz.version() != expectedVersion) {
            throw QuizChangedMeanwhile.at(quiz.version(), expectedVersion);
        }
        rules(() -> {
            command.accept(quiz);
            return quiz;
        });
        save(quiz, actor, commandId);
        return QuizDetail.of(quiz);
    }

    @Transactional
    public QuizDetail duplicate(Actor actor, UUID quizId) {
        Quiz original = loadReadable(actor, quizId);
        requireAnswersShown(actor, original.ownerId());
        Quiz copy = rules(() -> original.copyAs(UUID.randomUUID().toString(), actor.userId(), copyTitle(original.title())));
        save(copy, actor, null);
        return QuizDetail.of(copy);
    }

    /**
     * A new draft from an exported document (same content, new id, owned by the importer), with the document's
     * images, already checked by {@link ImageLibrary#acceptDocumentImages}: they are stored in the same transaction,
     * so a refused quiz leaves no image behind.
     */
    @Transactional
    public QuizDetail importQuiz(Actor actor, QuizDocument document, List<io.quizplatform.quiz.domain.image.Image> documentImages) {
        images.store(documentImages);
        Quiz quiz = rules(() -> {
            Quiz q = Quiz.create(UUID.randomUUID().toString(), actor.userId(), document.title(), document.description(),
                    document.settings());
            List<QuizDetail.QuestionView> questions = document.questions() == null ? List.of() : document.questions();
            for (int i = 0; i < questions.size(); i++) {
                try {
                    q.addQuestion(images.requireStored(toQuestion(questions.get(i), questions.get(i).id())));
                } catch (RuleViolation e) {
                    int index = i;
                    throw new RuleViolation(e.violations().stream()
                            .map(v -> new RuleViolation.Violation(inImportedQuestion(v.field(), index), v.code(), v.message()))
                            .toList());
                }
            }
            return q;
        });
        save(quiz, actor, null);
        return QuizDetail.of(quiz);
    }

    /**
     * A rule's field as the import document names it: a question's own field ({@code question},
     * {@code question.points}, {@code question[...]}) becomes the {@code index}th of {@code questions}; any other,
     * such as {@code questions} itself (too many of them), stays as it is.
     */
    static String inImportedQuestion(String field, int index) {
        if (field.equals("question") || field.startsWith("question.") || field.startsWith("question[")) {
            return "questions[" + index + "]" + field.substring("question".length());
        }
        return field;
    }

    /** The export document: the quiz and the uploaded images it shows. */
    public QuizDocument export(Actor actor, UUID quizId) {
        QuizDetail quiz = read(actor, quizId);
        requireAnswersShown(actor, quiz.ownerId());
        return QuizDocument.of(quiz, images.documentImages(quiz.questions()));
    }

    /** A question from its API form whose image, if it is an uploaded one, is stored (for add and edit). */
    public Question question(QuizDetail.QuestionView view, String id) {
        return images.requireStored(toQuestion(view, id));
    }

    public QuizDetail read(Actor actor, UUID quizId) {
        QuizDetail detail = projection.detail(quizId).orElseThrow(() -> new UnknownQuiz(quizId));
        if (!mayRead(actor, detail.ownerId(), detail.status())) {
            throw new UnknownQuiz(quizId);
        }
        return detail;
    }

    public List<StoredEvent> history(Actor actor, UUID quizId) {
        loadOwned(actor, quizId);
        return store.history(quizId);
    }

    /** Builds a domain question from its API form; ids are given by the server when the client has none. */
    public static Question toQuestion(QuizDetail.QuestionView view, String id) {
        if (view == null) {
            throw new RuleViolation("question", "required", "a question is required");
        }
        QuestionType type = QuestionType.fromWireName(view.type());
        List<QuizDetail.OptionView> options = view.options() == null ? List.of() : view.options();
        List<QuizDetail.OptionView> withIds = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            QuizDetail.OptionView o = options.get(i);
            if (o == null) {
                throw new RuleViolation("question.options[" + i + "]", "required", "an option is required");
            }
            withIds.add(new QuizDetail.OptionView(o.id() == null || o.id().isBlank() ? Character.toString('a' + i) : o.id(),
                    o.text(), o.correct()));
        }
        String questionId = id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
        if (questionId.length() > 64) {
            throw new RuleViolation("question.id", "too-long", "must be at most 64 characters");
        }
        return new Question(questionId, type, view.text(), view.imageUrl(), view.timeLimitSeconds(), view.points(),
                QuizDetail.options(withIds), view.acceptedAnswers());
    }

    private void save(Quiz quiz, Actor actor, String commandId) {
        try {
            store.append(quiz, actor.userId(), commandId);
        } catch (ConcurrentChange e) {
            throw QuizChangedMeanwhile.since(quiz.expectedVersion());
        }
        projection.project(quiz);
    }

    private Quiz loadOwned(Actor actor, UUID quizId) {
        Quiz quiz = store.load(quizId).orElseThrow(() -> new UnknownQuiz(quizId));
        if (!actor.admin() && !quiz.ownerId().equals(actor.userId())) {
            if (quiz.status() == QuizStatus.DRAFT) {
                throw new UnknownQuiz(quizId); // someone else's draft: its existence is nobody's business
            }
            throw new NotYourQuiz();
        }
        return quiz;
    }

    private Quiz loadReadable(Actor actor, UUID quizId) {
        Quiz quiz = store.load(quizId).orElseThrow(() -> new UnknownQuiz(quizId));
        if (!mayRead(actor, quiz.ownerId(), quiz.status().name().toLowerCase())) {
            throw new UnknownQuiz(quizId);
        }
        return quiz;
    }

    private static boolean mayRead(Actor actor, String ownerId, String status) {
        return seesAnswers(actor, ownerId) || "published".equals(status);
    }

    /**
     * Whether the actor may see a quiz's answers (which options are correct, the accepted answers): its owner and
     * admins only. Anyone else reads a published quiz without them, and may neither copy, export nor host it, since
     * each would show them (the quiz may be the one a class is playing).
     */
    public static boolean seesAnswers(Actor actor, String ownerId) {
        return actor.admin() || ownerId.equals(actor.userId());
    }

    private static void requireAnswersShown(Actor actor, String ownerId) {
        if (!seesAnswers(actor, ownerId)) {
            throw new NotYourQuiz("Only the quiz's owner (or an admin) can copy or export it: a copy shows its answers.");
        }
    }

    private static String copyTitle(String title) {
        String copy = title + " (copy)";
        return copy.length() <= Quiz.MAX_TITLE ? copy : title;
    }

    private static <T> T rules(java.util.function.Supplier<T> command) {
        try {
            return command.get();
        } catch (RuleViolation e) {
            throw new QuizRuleBroken(e);
        }
    }
}
