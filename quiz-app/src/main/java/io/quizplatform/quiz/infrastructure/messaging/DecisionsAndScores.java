package io.quizplatform.quiz.infrastructure.messaging;

import io.quizplatform.contracts.AnswerRejected;
import io.quizplatform.contracts.AnswerSubmitted;
import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.contracts.GameFinalizationFailed;
import io.quizplatform.contracts.GameFinalized;
import io.quizplatform.contracts.QuestionScored;
import io.quizplatform.contracts.QuestionTallied;
import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.messaging.EventCodec;
import io.quizplatform.platform.tracing.Traced;
import io.quizplatform.platform.tracing.Tracing;
import io.quizplatform.quiz.application.AnswersDecided;
import io.quizplatform.quiz.application.LiveAnswers;
import io.quizplatform.quiz.application.LiveScores;
import io.quizplatform.quiz.application.ScoresPublished;
import io.quizplatform.quiz.application.live.LiveGameNews;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What one poll of the fan-out brought of answer-app's decisions and scoring-app's scores, per game: each record is
 * applied to this instance's view at once ({@link LiveAnswers}, {@link LiveScores}: what a welcome tells), and
 * gathered so that a game's records of one poll become one push ({@link #push}). A record read back from before this
 * instance started is applied but not pushed again; one that cannot be read is skipped with a warning.
 */
final class DecisionsAndScores {

    private static final Logger LOG = Logger.getLogger(DecisionsAndScores.class.getName());

    private final LiveAnswers answers;
    private final LiveScores scores;
    private final Map<String, Decisions> decisions = new LinkedHashMap<>();
    private final Map<String, Scores> scoresByGame = new LinkedHashMap<>();

    DecisionsAndScores(LiveAnswers answers, LiveScores scores) {
        this.answers = answers;
        this.scores = scores;
    }

    private static final class Decisions extends PushedRecord {
        final List<AnswerSubmitted> accepted = new ArrayList<>();
        final List<AnswerRejected> rejected = new ArrayList<>();
        final List<QuestionTallied> tallies = new ArrayList<>();
    }

    private static final class Scores extends PushedRecord {
        final List<QuestionScored> parts = new ArrayList<>();
        GameFinalized finalized;
        GameFinalizationFailed failed;
    }

    /** One of answer-app's decisions; {@code readBack}: from before this instance started (for the welcomes only). */
    void decision(ConsumerRecord<String, String> record, String type, boolean readBack) {
        Map<String, Decisions> into = readBack ? new LinkedHashMap<>() : decisions;
        try {
            EventEnvelope event = EventCodec.decode(record.value());
            Decisions d = into.computeIfAbsent(record.key(), k -> new Decisions());
            d.saw(record);
            switch (type) {
                case EventTypes.ANSWER_SUBMITTED -> {
                    AnswerSubmitted a = EventCodec.payloadFromJson(event, AnswerSubmitted.class);
                    answers.accepted(a);
                    d.accepted.add(a);
                }
                case EventTypes.ANSWER_REJECTED -> {
                    AnswerRejected r = EventCodec.payloadFromJson(event, AnswerRejected.class);
                    answers.refused(r.gameId(), r.questionIndex(), r.playerId());
                    d.rejected.add(r);
                }
                case EventTypes.ANSWER_QUESTION_TALLIED -> {
                    QuestionTallied t = EventCodec.payloadFromJson(event, QuestionTallied.class);
                    answers.tallied(t);
                    d.tallies.add(t);
                }
                default -> { }
            }
        } catch (RuntimeException e) {
            skipped(record, type, e);
        }
    }

    /** One of scoring-app's events; {@code readBack} as for {@link #decision}. */
    void score(ConsumerRecord<String, String> record, String type, boolean readBack) {
        Map<String, Scores> into = readBack ? new LinkedHashMap<>() : scoresByGame;
        try {
            EventEnvelope event = EventCodec.decode(record.value());
            switch (type) {
                case EventTypes.SCORE_QUESTION_SCORED -> {
                    QuestionScored part = EventCodec.payloadFromJson(event, QuestionScored.class);
                    scores.scored(part);
                    Scores game = into.computeIfAbsent(part.gameId(), k -> new Scores());
                    game.parts.add(part);
                    game.saw(record);
                }
                case EventTypes.GAME_FINALIZED -> {
                    GameFinalized f = EventCodec.payloadFromJson(event, GameFinalized.class);
                    scores.finalized(f);
                    Scores game = into.computeIfAbsent(f.gameId(), k -> new Scores());
                    game.finalized = f;
                    game.saw(record);
                }
                case EventTypes.GAME_FINALIZATION_FAILED -> {
                    GameFinalizationFailed f = EventCodec.payloadFromJson(event, GameFinalizationFailed.class);
                    scores.finalizationFailed(f);
                    Scores game = into.computeIfAbsent(f.gameId(), k -> new Scores());
                    game.failed = f;
                    game.saw(record);
                }
                default -> { }
            }
        } catch (RuntimeException e) {
            skipped(record, type, e);
        }
    }

    /** Each game's decisions, then its scores, on to the connections here, each in its first record's trace; timed. */
    void push(LiveGameNews news, Tracing tracing, FanOutLatency latency) {
        decisions.forEach((gameId, d) -> {
            try (Traced span = d.pushing(tracing)) {
                news.answersDecided(new AnswersDecided(gameId, d.accepted, d.rejected, d.tallies));
                d.timed(latency, Topic.ANSWER_EVENTS);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not push the answers of game " + gameId, e);
            }
        });
        scoresByGame.forEach((gameId, s) -> {
            try (Traced span = s.pushing(tracing)) {
                news.scoresPublished(new ScoresPublished(gameId, s.parts, s.finalized, s.failed));
                s.timed(latency, Topic.SCORING_EVENTS);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not push the scores of game " + gameId, e);
            }
        });
    }

    private static void skipped(ConsumerRecord<String, String> record, String type, RuntimeException e) {
        LOG.log(Level.WARNING, "skipped unreadable " + type + " at " + record.topic() + "/" + record.partition() + "@" + record.offset(), e);
    }
}
