package io.quizplatform.quiz.api;

import io.quizplatform.platform.api.Problem;
import io.quizplatform.quiz.application.AdminsOnly;
import io.quizplatform.quiz.application.GameBusy;
import io.quizplatform.quiz.application.GameRuleBroken;
import io.quizplatform.quiz.application.NoFreePin;
import io.quizplatform.quiz.application.NotYourQuiz;
import io.quizplatform.quiz.application.QuizChangedMeanwhile;
import io.quizplatform.quiz.application.QuizNotPublished;
import io.quizplatform.quiz.application.QuizRuleBroken;
import io.quizplatform.quiz.application.UnknownGame;
import io.quizplatform.quiz.application.UnknownQuiz;
import io.quizplatform.quiz.domain.game.GameRuleViolation;
import io.quizplatform.quiz.domain.quiz.RuleViolation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The problem bodies of the use cases' refusals, word for word as clients (and the web client) get them. */
class QuizProblemsTest {

    private static final UUID ID = UUID.fromString("5d0f4b7e-8a7c-4c1e-b0a4-2f3d9c8e7a61");

    @Test
    void quizRefusals() {
        assertThat(new QuizProblems.ForUnknownQuiz().problem(new UnknownQuiz(ID)))
                .isEqualTo(Problem.of(404, "Unknown quiz", "No quiz with id " + ID + " that you can see.", List.of()));
        assertThat(new QuizProblems.ForNotYourQuiz().problem(new NotYourQuiz()))
                .isEqualTo(Problem.of(403, "Not your quiz", "Only the quiz's owner (or an admin) can change it.", List.of()));
        assertThat(new QuizProblems.ForRuleViolation().problem(new QuizRuleBroken(new RuleViolation(List.of(
                new RuleViolation.Violation("title", "required", "is required"), new RuleViolation.Violation("questions[0].points", "points", "must be 0 to 2000"))))))
                .isEqualTo(Problem.of(400, "Quiz rule broken", "title: is required; questions[0].points: must be 0 to 2000",
                        List.of(new Problem.FieldError("title", "required", "is required"),
                                new Problem.FieldError("questions[0].points", "points", "must be 0 to 2000"))));
    }

    @Test
    void aStaleVersionSaysWhereTheQuizIsWhenThatIsKnown() {
        assertThat(new QuizProblems.ForQuizChangedMeanwhile().problem(QuizChangedMeanwhile.at(4, 3)))
                .isEqualTo(Problem.of(412, "Quiz changed meanwhile", "The quiz is no longer at version 3 (it is at 4): someone "
                        + "changed it since you loaded it. Reload it, reapply your change and send the new ETag in If-Match.", List.of()));
        assertThat(new QuizProblems.ForQuizChangedMeanwhile().problem(QuizChangedMeanwhile.since(3)))
                .isEqualTo(Problem.of(412, "Quiz changed meanwhile", "The quiz is no longer at version 3: someone "
                        + "changed it since you loaded it. Reload it, reapply your change and send the new ETag in If-Match.", List.of()));
    }

    @Test
    void gameRefusals() {
        assertThat(new QuizProblems.ForUnknownGame().problem(UnknownGame.withId(ID)))
                .isEqualTo(Problem.of(404, "Unknown game", "No game with id " + ID + ".", List.of()));
        assertThat(new QuizProblems.ForUnknownGame().problem(UnknownGame.amongYours(ID)))
                .isEqualTo(Problem.of(404, "Unknown game", "No game with id " + ID + " that you host.", List.of()));
        assertThat(new QuizProblems.ForGameRuleBroken().problem(new GameRuleBroken(new GameRuleViolation("not-in-lobby", "The game has already started."))))
                .isEqualTo(Problem.of(409, "Game rule: not-in-lobby", "The game has already started.",
                        List.of(new Problem.FieldError("game", "not-in-lobby", "The game has already started."))));
        assertThat(new QuizProblems.ForGameBusy().problem(new GameBusy()))
                .isEqualTo(Problem.of(503, "Game busy", "The game is changing very fast right now; try again.", List.of()));
        assertThat(new QuizProblems.ForQuizNotPublished().problem(new QuizNotPublished()))
                .isEqualTo(Problem.of(409, "Quiz not published", "Publish the quiz before starting a game with it.", List.of()));
        assertThat(new QuizProblems.ForNoFreePin().problem(new NoFreePin()))
                .isEqualTo(Problem.of(503, "No free PIN", "Could not find a free game PIN; try again.", List.of()));
        assertThat(new QuizProblems.ForAdminsOnly().problem(new AdminsOnly("Only an admin can list every host's games (scope=all).")))
                .isEqualTo(Problem.of(403, "Admins only", "Only an admin can list every host's games (scope=all).", List.of()));
    }
}
