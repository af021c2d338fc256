package io.quizplatform.scoring.infrastructure;

import io.quizplatform.contracts.GameCreated;
import io.quizplatform.contracts.QuestionTallied;
import io.quizplatform.contracts.Standing;
import io.quizplatform.scoring.domain.Report;
import io.quizplatform.scoring.domain.ReportStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads what a game's report shows out of scoring_db, and keeps the report (game_reports): the {@link ReportStore} port,
 * and the games' hosts for the api's access check.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ReportRepository implements ReportStore {

    @Inject
    EntityManager em;

    // Stored as game.created and answer.question-tallied carried them.
    private static final java.lang.reflect.Type OPTIONS = new ArrayList<GameCreated.Option>() { }.getClass().getGenericSuperclass();
    private static final java.lang.reflect.Type COUNTS = new ArrayList<QuestionTallied.OptionCount>() { }.getClass().getGenericSuperclass();
    private static final java.lang.reflect.Type TEXTS = new ArrayList<QuestionTallied.TextCount>() { }.getClass().getGenericSuperclass();

    @SuppressWarnings("unchecked")
    @Override
    public Report assemble(UUID gameId) {
        GameRecord game = em.find(GameRecord.class, gameId);
        if (game == null) {
            throw new IllegalStateException("scoring-app does not know game " + gameId);
        }

        // SQL (ADR 0003): JSONB columns read as text, and an aggregate (average response time) per question

        List<Object[]> questionRows = em.createNativeQuery("SELECT q.question_index, q.question_type, q.question_text, q.points, "
                        + "q.counts, CAST(q.options AS text), q.opened_at IS NOT NULL, COALESCE(q.answered, 0), COALESCE(q.correct, 0), "
                        + "CAST(q.distribution AS text), CAST(q.text_answers AS text), "
                        + "(SELECT round(avg(s.response_ms)) FROM scored_answers s WHERE s.game_id = q.game_id AND s.question_index = q.question_index) "
                        + "FROM game_questions q WHERE q.game_id = ?1 ORDER BY q.question_index")
                .setParameter(1, gameId).getResultList();
        // SQL (ADR 0003): the boards' order, which sorts player ids in the "C" collation
        List<Object[]> playerRows = em.createNativeQuery("SELECT player_id, nickname, total, correct_answers, answered, total_response_ms, "
                        + "final_rank FROM player_scores WHERE game_id = ?1 AND NOT kicked "
                        + "ORDER BY final_rank NULLS LAST, " + BoardRepository.ORDER)
                .setParameter(1, gameId).getResultList();
        List<Object[]> answerRows = em.createQuery("SELECT a.playerId, a.questionIndex, a.points + a.bonus FROM ScoredAnswerRecord a "
                        + "WHERE a.gameId = :game", Object[].class)
                .setParameter("game", gameId).getResultList();

        int played = 0;
        for (Object[] q : questionRows) {
            if ((Boolean) q[6]) {
                played = Math.max(played, ((Number) q[0]).intValue() + 1);
            }
        }
        int questionsPlayed = played;
        Map<String, int[]> pointsByPlayer = new HashMap<>();
        for (Object[] a : answerRows) {
            int q = ((Number) a[1]).intValue();
            if (q < played) {
                pointsByPlayer.computeIfAbsent((String) a[0], p -> new int[questionsPlayed])[q] = ((Number) a[2]).intValue();
            }
        }

        List<Report.PlayerLine> ranking = new ArrayList<>(playerRows.size());
        List<Standing> podium = new ArrayList<>(3);
        for (int i = 0; i < playerRows.size(); i++) {
            Object[] p = playerRows.get(i);
            String playerId = (String) p[0];
            String nickname = p[1] == null ? "player" : (String) p[1];
            int answered = ((Number) p[4]).intValue();
            long totalMs = ((Number) p[5]).longValue();
            int rank = p[6] == null ? i + 1 : ((Number) p[6]).intValue();
            int[] points = pointsByPlayer.getOrDefault(playerId, new int[played]);
            List<Integer> byQuestion = new ArrayList<>(played);
            for (int q = 0; q < played; q++) {
                byQuestion.add(points[q]);
            }
            Report.PlayerLine line = new Report.PlayerLine(rank, playerId, nickname, ((Number) p[2]).intValue(),
                    ((Number) p[3]).intValue(), answered, answered == 0 ? null : Math.round((double) totalMs / answered), byQuestion);
            ranking.add(line);
            if (podium.size() < 3) {
                podium.add(new Standing(rank, playerId, nickname, line.score(), line.correctAnswers()));
            }
        }

        List<Report.QuestionLine> questions = new ArrayList<>(questionRows.size());
        for (Object[] q : questionRows) {
            boolean opened = (Boolean) q[6];
            int answered = ((Number) q[7]).intValue();
            int correct = ((Number) q[8]).intValue();
            List<GameCreated.Option> options = Persistence.JSONB.fromJson((String) q[5], OPTIONS);
            List<QuestionTallied.OptionCount> counted = q[9] == null ? List.of() : Persistence.JSONB.fromJson((String) q[9], COUNTS);
            Map<String, Integer> countById = new HashMap<>();
            counted.forEach(c -> countById.put(c.optionId(), c.count()));
            List<Report.OptionLine> distribution = options.stream()
                    .map(o -> new Report.OptionLine(o.id(), o.text(), o.correct(), countById.getOrDefault(o.id(), 0)))
                    .toList();
            List<QuestionTallied.TextCount> texts = q[10] == null ? List.of() : Persistence.JSONB.fromJson((String) q[10], TEXTS);
            // Of the answers given: the tally's two counts cover the same players (kicked or late ones included).
            Double percent = !opened || "POLL".equals(q[1]) || answered == 0 ? null
                    : BigDecimal.valueOf(100.0 * correct / answered).setScale(1, RoundingMode.HALF_UP).doubleValue();
            questions.add(new Report.QuestionLine(((Number) q[0]).intValue(), Report.QuestionLine.apiType((String) q[1]), (String) q[2], ((Number) q[3]).intValue(),
                    opened, answered, correct, percent,
                    q[11] == null ? null : ((Number) q[11]).longValue(), distribution,
                    texts.stream().map(t -> new Report.TextLine(t.text(), t.count())).toList()));
        }
        return new Report(gameId.toString(), game.quizId(), game.hostId(), game.endReason(), game.endedAt(),
                Instant.now(), ranking.size(), played, podium, ranking, questions);
    }

    /**
     * An upsert in SQL (ADR 0003): the column is JSONB, which needs a cast JPA cannot bind, and a rebuilt report
     * (a late answer after the game was finalized) replaces the row.
     */
    @Override
    public void save(UUID gameId, String json) {
        em.createNativeQuery("INSERT INTO game_reports (game_id, report) VALUES (?1, CAST(?2 AS jsonb)) "
                + "ON CONFLICT (game_id) DO UPDATE SET report = EXCLUDED.report, built_at = now()")
                .setParameter(1, gameId).setParameter(2, json).executeUpdate();
    }

    @Override
    public Optional<String> find(UUID gameId) {
        return Optional.ofNullable(em.find(GameReportRecord.class, gameId)).map(GameReportRecord::report);
    }

    @Override
    public boolean exists(UUID gameId) {
        return !em.createNativeQuery("SELECT 1 FROM game_reports WHERE game_id = ?1").setParameter(1, gameId)
                .setMaxResults(1).getResultList().isEmpty();
    }

    /** The host of a game, empty if scoring-app does not know the game. */
    public Optional<String> hostOf(UUID gameId) {
        return Optional.ofNullable(em.find(GameRecord.class, gameId)).map(GameRecord::hostId);
    }
}
