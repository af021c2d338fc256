package io.quizplatform.quiz.application.live;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeSerializer;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;

import java.util.List;

/**
 * Every message the server sends on the game socket (docs/PROTOCOL.md), as a record serialised by
 * {@link LiveMessages}. The members come out in the order given here, and a {@code null} member is left out (never
 * written as {@code null}), as the protocol always had it; the one member that is sometimes {@code null} on the wire
 * ({@code yourAnswer}) says so with {@link YourAnswer#NONE}.
 */
public sealed interface ServerMessage {

    /** {@code welcome} (to one connection) or {@code state} (a push) as the host's screen sees it. */
    @JsonbPropertyOrder({"type", "gameId", "phase", "questionIndex", "questionCount", "playerCount", "serverTime",
            "closesAt", "secondsLeft", "opensAt", "question", "correct", "closeReason", "pin", "players", "answered",
            "leaderboard", "podium"})
    record HostState(String type, String gameId, String phase, int questionIndex, int questionCount, long playerCount,
                     String serverTime, String closesAt, Long secondsLeft, String opensAt, Question question,
                     Correct correct, String closeReason, String pin, List<Entrant> players, Integer answered,
                     Leaderboard leaderboard, List<Leader> podium) implements ServerMessage {
    }

    /**
     * {@code welcome} or {@code state} as players see it: for one player ({@code you}, their answer, their score) or
     * for all of them (the broadcast, without those).
     */
    @JsonbPropertyOrder({"type", "gameId", "phase", "questionIndex", "questionCount", "playerCount", "serverTime",
            "closesAt", "secondsLeft", "opensAt", "question", "correct", "closeReason", "you", "answered",
            "yourAnswer", "score", "podium"})
    record PlayerState(String type, String gameId, String phase, int questionIndex, int questionCount,
                       long playerCount, String serverTime, String closesAt, Long secondsLeft, String opensAt,
                       Question question, Correct correct, String closeReason, You you, Boolean answered,
                       YourAnswer yourAnswer, ScoreSoFar score,
                       List<Leader> podium) implements ServerMessage {
    }

    @JsonbPropertyOrder({"type", "answerId", "questionIndex", "receivedAt", "responseMs", "message"})
    record AnswerReceived(String type, String answerId, int questionIndex, String receivedAt, long responseMs,
                          String message) implements ServerMessage {
        public AnswerReceived(String answerId, int questionIndex, String receivedAt, long responseMs) {
            this("answer-received", answerId, questionIndex, receivedAt, responseMs, "Answer received.");
        }
    }

    @JsonbPropertyOrder({"type", "answerId", "questionIndex", "message"})
    record AnswerAccepted(String type, String answerId, int questionIndex, String message) implements ServerMessage {
        public AnswerAccepted(String answerId, int questionIndex) {
            this("answer-accepted", answerId, questionIndex, "Answer locked in.");
        }
    }

    /** {@code field} names the member at fault, when one is. */
    @JsonbPropertyOrder({"type", "questionIndex", "reason", "field", "message"})
    record AnswerRefused(String type, int questionIndex, String reason, String field, String message)
            implements ServerMessage {
        public AnswerRefused(int questionIndex, String reason, String field, String message) {
            this("answer-refused", questionIndex, reason, field, message);
        }
    }

    /**
     * Nothing of this answer was recorded (neither the broker nor the database took it, or the game could not be
     * read): send it again. Its question, so that a late one is not taken for the reply to a later answer.
     */
    @JsonbPropertyOrder({"type", "code", "questionIndex", "message"})
    record AnswerNotSaved(String type, String code, int questionIndex, String message) implements ServerMessage {
        public AnswerNotSaved(int questionIndex) {
            this("error", "answer-not-saved", questionIndex, "Your answer could not be saved; send it again.");
        }
    }

    /**
     * {@code field} names the member at fault, when one is; {@code rule}, for a refused host command ({@code code}
     * {@code refused}), the game's rule that refused it ({@code not-in-lobby}, {@code not-started}, ...).
     */
    @JsonbPropertyOrder({"type", "code", "rule", "field", "message"})
    record Error(String type, String code, String rule, String field, String message) implements ServerMessage {
        public Error(String code, String field, String message) {
            this("error", code, null, field, message);
        }

        /** A host command the game refused, by the rule it broke. */
        public static Error refused(String rule, String message) {
            return new Error("error", "refused", rule, null, message);
        }
    }

    /**
     * A join on the join socket committed: who the player is and the token to come back with (a hello on
     * {@code /quiz/ws/games/{gameId}}); the {@code welcome} follows. {@code receivedAt}: when the server read the
     * join, as the answer's receipt says when it read the answer.
     */
    @JsonbPropertyOrder({"type", "gameId", "playerId", "nickname", "playerToken", "receivedAt"})
    record Joined(String type, String gameId, String playerId, String nickname, String playerToken, String receivedAt)
            implements ServerMessage {
        public Joined(String gameId, String playerId, String nickname, String playerToken, String receivedAt) {
            this("joined", gameId, playerId, nickname, playerToken, receivedAt);
        }
    }

    @JsonbPropertyOrder({"type", "message"})
    record Kicked(String type, String message) implements ServerMessage {
        public static final Kicked BY_HOST = new Kicked("kicked", "The host removed you from this game.");
    }

    @JsonbPropertyOrder({"type", "serverTime"})
    record Pong(String type, String serverTime) implements ServerMessage {
        public Pong(String serverTime) {
            this("pong", serverTime);
        }
    }

    /** The host's live count of answers to the open question. */
    @JsonbPropertyOrder({"type", "questionIndex", "answered", "playerCount"})
    record AnswerCount(String type, int questionIndex, int answered, long playerCount) implements ServerMessage {
        public AnswerCount(int questionIndex, int answered, long playerCount) {
            this("answer-count", questionIndex, answered, playerCount);
        }
    }

    /** A closed question's results as everyone may see them; players get {@code yourAnswer} spliced in. */
    @JsonbPropertyOrder({"type", "questionIndex", "answered", "correctCount", "distribution", "textAnswers", "correct"})
    record Results(String type, int questionIndex, int answered, int correctCount, List<OptionCount> distribution,
                   List<TextCount> textAnswers, Correct correct) implements ServerMessage {
        public Results(int questionIndex, int answered, int correctCount, List<OptionCount> distribution,
                       List<TextCount> textAnswers, Correct correct) {
            this("results", questionIndex, answered, correctCount, distribution, textAnswers, correct);
        }
    }

    /** A player's own line after a question; {@code correct} and {@code ahead} only when known. */
    @JsonbPropertyOrder({"type", "questionIndex", "points", "bonus", "total", "rank", "players", "answered", "correct",
            "streak", "ahead"})
    record Score(String type, int questionIndex, int points, int bonus, int total, int rank, int players,
                 boolean answered, Boolean correct, int streak, Ahead ahead) implements ServerMessage {
        public Score(int questionIndex, int points, int bonus, int total, int rank, int players, boolean answered,
                     Boolean correct, int streak, Ahead ahead) {
            this("score", questionIndex, points, bonus, total, rank, players, answered, correct, streak, ahead);
        }
    }

    /** The top of the board after a question, to the host. */
    @JsonbPropertyOrder({"type", "questionIndex", "players", "leaders"})
    record LeaderboardMessage(String type, int questionIndex, int players, List<Leader> leaders) implements ServerMessage {
        public LeaderboardMessage(int questionIndex, int players, List<Leader> leaders) {
            this("leaderboard", questionIndex, players, leaders);
        }
    }

    /** The final podium; players get {@code you} spliced in. */
    @JsonbPropertyOrder({"type", "players", "podium"})
    record Podium(String type, int players, List<Leader> podium) implements ServerMessage {
        public Podium(int players, List<Leader> podium) {
            this("podium", players, podium);
        }
    }

    @JsonbPropertyOrder({"type", "message"})
    record PodiumUnavailable(String type, String message) implements ServerMessage {
        public static final PodiumUnavailable FINAL_SCORES_FAILED = new PodiumUnavailable("podium-unavailable",
                "The final scores could not be completed; an operator can retry it.");
    }

    // The parts of the messages above.

    /** Preview: no options. Open and later: the options, never their correct flags. */
    @JsonbPropertyOrder({"index", "type", "text", "timeLimitSeconds", "points", "imageUrl", "options"})
    record Question(int index, String type, String text, int timeLimitSeconds, int points, String imageUrl,
                    List<Option> options) {
    }

    @JsonbPropertyOrder({"id", "text"})
    record Option(String id, String text) {
    }

    @JsonbPropertyOrder({"optionIds", "acceptedAnswers"})
    record Correct(List<String> optionIds, List<String> acceptedAnswers) {
    }

    /** A player in the lobby, as the host sees them. */
    @JsonbPropertyOrder({"playerId", "nickname"})
    record Entrant(String playerId, String nickname) {
    }

    @JsonbPropertyOrder({"questionIndex", "players", "leaders"})
    record Leaderboard(int questionIndex, int players, List<Leader> leaders) {
    }

    @JsonbPropertyOrder({"rank", "playerId", "nickname", "total", "correctAnswers"})
    record Leader(int rank, String playerId, String nickname, int total, int correctAnswers) {
    }

    /** Who the player is; where they finished once the podium is known. */
    @JsonbPropertyOrder({"playerId", "nickname", "rank", "total"})
    record You(String playerId, String nickname, Integer rank, Integer total) {
    }

    /** Where the player finished, spliced into the podium message. */
    @JsonbPropertyOrder({"rank", "total"})
    record Finish(int rank, int total) {
    }

    /** The score line a (re)connecting player is welcomed with. */
    @JsonbPropertyOrder({"questionIndex", "total", "rank", "players"})
    record ScoreSoFar(int questionIndex, int total, int rank, int players) {
    }

    @JsonbPropertyOrder({"nickname", "total"})
    record Ahead(String nickname, int total) {
    }

    @JsonbPropertyOrder({"optionId", "count"})
    record OptionCount(String optionId, int count) {
    }

    @JsonbPropertyOrder({"text", "count"})
    record TextCount(String text, int count) {
    }

    /**
     * The player's own answer; whether it was right only once the question has closed. {@link #NONE} (no answer)
     * is written as {@code null}; a {@code null} reference leaves the member out, like every other member.
     */
    @JsonbTypeSerializer(YourAnswer.OrNull.class)
    record YourAnswer(List<String> optionIds, String text, Boolean correct) {

        public static final YourAnswer NONE = new YourAnswer(List.of(), null, null);

        /** {@code null} for {@link #NONE}, else {@code {"optionIds":[..],"text":..,"correct":..}}. */
        public static final class OrNull implements JsonbSerializer<YourAnswer> {
            @Override
            public void serialize(YourAnswer answer, JsonGenerator json, SerializationContext context) {
                if (answer == NONE) {
                    json.writeNull();
                    return;
                }
                json.writeStartObject().writeStartArray("optionIds");
                answer.optionIds().forEach(json::write);
                json.writeEnd();
                if (answer.text() != null) {
                    json.write("text", answer.text());
                }
                if (answer.correct() != null) {
                    json.write("correct", answer.correct());
                }
                json.writeEnd();
            }
        }
    }
}
