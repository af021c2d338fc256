package io.quizplatform.quiz.application;

import io.quizplatform.contracts.AnswerSubmitted;
import io.quizplatform.contracts.QuestionTallied;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this instance knows about the answers to each game's current question: who answered (from answer-app's
 * decisions on answer-events, which every instance reads) and the last closed question's tally. Used for the
 * host's live count, for "already answered" on reconnect and for closing a question once everyone has answered.
 * It is a view rebuilt from the topic, not the record: answer-app's database is.
 */
@ApplicationScoped
public class LiveAnswers {

    /** A player's answer as this instance saw it accepted (or received here, before the decision). */
    public record Choice(List<String> optionIds, String text, Boolean correct) {
    }

    private static final class QuestionAnswers {
        final int questionIndex;
        /** Received here or accepted by answer-app: what the player is told they answered. */
        final Map<String, Choice> byPlayer = new ConcurrentHashMap<>();
        /** Accepted by answer-app: only these count, and only these may close a question early. */
        final Set<String> accepted = ConcurrentHashMap.newKeySet();

        QuestionAnswers(int questionIndex) {
            this.questionIndex = questionIndex;
        }
    }

    private final Map<String, QuestionAnswers> current = new ConcurrentHashMap<>();
    private final Map<String, QuestionTallied> lastTally = new ConcurrentHashMap<>();

    /** Records an accepted answer (again, harmlessly, if already known). */
    public void accepted(AnswerSubmitted answer) {
        QuestionAnswers q = question(answer.gameId(), answer.questionIndex());
        q.byPlayer.put(answer.playerId(), new Choice(answer.optionIds(), answer.text(), answer.correct()));
        q.accepted.add(answer.playerId());
    }

    /** An answer received here and sent to answer-app; a refusal takes it back. */
    public boolean received(String gameId, int questionIndex, String playerId, List<String> optionIds, String text) {
        return question(gameId, questionIndex).byPlayer.putIfAbsent(playerId, new Choice(optionIds, text, null)) == null;
    }

    public void refused(String gameId, int questionIndex, String playerId) {
        QuestionAnswers q = current.get(gameId);
        if (q != null && q.questionIndex == questionIndex && !q.accepted.contains(playerId)) {
            q.byPlayer.remove(playerId);
        }
    }

    public Optional<Choice> choice(String gameId, int questionIndex, String playerId) {
        QuestionAnswers q = current.get(gameId);
        return q == null || q.questionIndex != questionIndex ? Optional.empty() : Optional.ofNullable(q.byPlayer.get(playerId));
    }

    /** Answers accepted by answer-app. */
    public int count(String gameId, int questionIndex) {
        QuestionAnswers q = current.get(gameId);
        return q == null || q.questionIndex != questionIndex ? 0 : q.accepted.size();
    }

    /**
     * Whether every one of these (connected) players has an accepted answer to the question. False when there are
     * none: with nobody connected the question runs to its time limit.
     */
    public boolean allAccepted(String gameId, int questionIndex, Set<String> players) {
        QuestionAnswers q = current.get(gameId);
        return !players.isEmpty() && q != null && q.questionIndex == questionIndex && q.accepted.containsAll(players);
    }

    public void tallied(QuestionTallied tally) {
        lastTally.put(tally.gameId(), tally);
    }

    public Optional<QuestionTallied> tally(String gameId, int questionIndex) {
        QuestionTallied t = lastTally.get(gameId);
        return t != null && t.questionIndex() == questionIndex ? Optional.of(t) : Optional.empty();
    }

    public void forget(String gameId) {
        current.remove(gameId);
        lastTally.remove(gameId);
    }

    private QuestionAnswers question(String gameId, int questionIndex) {
        QuestionAnswers q = current.compute(gameId, (id, old) -> old == null || old.questionIndex < questionIndex
                ? new QuestionAnswers(questionIndex) : old);
        // A straggler about an earlier question changes nothing that is kept.
        return q.questionIndex == questionIndex ? q : new QuestionAnswers(questionIndex);
    }
}
