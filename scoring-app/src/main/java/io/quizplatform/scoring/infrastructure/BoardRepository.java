package io.quizplatform.scoring.infrastructure;

import io.quizplatform.contracts.Standing;
import io.quizplatform.scoring.domain.BoardRow;
import io.quizplatform.scoring.domain.BoardStore;
import io.quizplatform.scoring.domain.StreakState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The boards, read from {@code player_scores} and {@code scored_answers} (the {@link BoardStore} port). SQL (ADR
 * 0003): every board sorts player ids in the "C" collation as {@code Ranking} does, and the board as last tallied
 * subtracts with aggregates what a question still open has scored.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class BoardRepository implements BoardStore {

    /**
     * The order of every board, as {@code Ranking.ORDER} says: total, then more answers given, then the faster total
     * response time, then the player id.
     */
    public static final String ORDER = "total DESC, answered DESC, total_response_ms, player_id COLLATE \"C\"";

    /**
     * The board as of the game's last tallied question: what players were shown. Points of a question still open
     * (its answers scored, its tally not in) are left out, so reading a board mid-question never tells anyone which
     * answers were right before the question closes.
     */
    private static final String BOARD_AS_TALLIED = "WITH untallied AS (SELECT s.player_id, sum(s.points + s.bonus) AS points, "
            + "count(*) FILTER (WHERE s.correct) AS correct, count(*) AS answered, sum(s.response_ms) AS ms FROM scored_answers s "
            + "JOIN game_questions q ON q.game_id = s.game_id AND q.question_index = s.question_index "
            + "WHERE s.game_id = ?1 AND q.tallied_at IS NULL GROUP BY s.player_id), "
            + "board AS (SELECT p.player_id, p.nickname, p.total - COALESCE(u.points, 0) AS total, "
            + "p.correct_answers - COALESCE(u.correct, 0) AS correct_answers, p.answered - COALESCE(u.answered, 0) AS answered, "
            + "p.total_response_ms - COALESCE(u.ms, 0) AS total_response_ms "
            + "FROM player_scores p LEFT JOIN untallied u ON u.player_id = p.player_id WHERE p.game_id = ?1 AND NOT p.kicked) ";

    @Inject
    EntityManager em;

    /**
     * The board after a question: every player still in the game, best first (the order of {@code Ranking}). SQL
     * (ADR 0003): the order sorts player ids in the "C" collation, as {@code Ranking} does.
     */
    @SuppressWarnings("unchecked")
    @Override
    public List<BoardRow> board(UUID gameId, int questionIndex) {
        List<Object[]> rows = em.createNativeQuery("SELECT p.player_id, p.nickname, p.total, p.correct_answers, p.total_response_ms, "
                        + "p.streak, p.streak_question, s.player_id IS NOT NULL, COALESCE(s.points, 0), COALESCE(s.bonus, 0), s.correct, "
                        + "p.answered "
                        + "FROM player_scores p LEFT JOIN scored_answers s ON s.game_id = p.game_id AND s.player_id = p.player_id "
                        + "AND s.question_index = ?2 WHERE p.game_id = ?1 AND NOT p.kicked "
                        + "ORDER BY p.total DESC, p.answered DESC, p.total_response_ms, p.player_id COLLATE \"C\"")
                .setParameter(1, gameId).setParameter(2, questionIndex).getResultList();
        List<BoardRow> board = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            board.add(new BoardRow((String) r[0], (String) r[1], ((Number) r[2]).intValue(), ((Number) r[3]).intValue(),
                    ((Number) r[11]).intValue(), ((Number) r[4]).longValue(), new StreakState(((Number) r[5]).intValue(), ((Number) r[6]).intValue()),
                    (Boolean) r[7], ((Number) r[8]).intValue(), ((Number) r[9]).intValue(), (Boolean) r[10]));
        }
        return board;
    }

    /** The top of the board as last tallied, or all of it with a limit of 0. SQL (ADR 0003): aggregates with FILTER. */
    @SuppressWarnings("unchecked")
    @Override
    public List<BoardRow> standings(UUID gameId, int limit) {
        List<Object[]> rows = em.createNativeQuery(BOARD_AS_TALLIED + "SELECT player_id, nickname, total, correct_answers, "
                        + "total_response_ms, answered FROM board ORDER BY " + ORDER
                        + (limit > 0 ? " LIMIT " + limit : ""))
                .setParameter(1, gameId).getResultList();
        List<BoardRow> board = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            board.add(new BoardRow((String) r[0], (String) r[1], ((Number) r[2]).intValue(), ((Number) r[3]).intValue(),
                    ((Number) r[5]).intValue(), ((Number) r[4]).longValue(), StreakState.NONE, false, 0, 0, null));
        }
        return board;
    }

    @Override
    public long playerCount(UUID gameId) {
        return em.createQuery("SELECT count(p) FROM PlayerScoreRecord p WHERE p.gameId = :game AND p.kicked = false", Long.class)
                .setParameter("game", gameId).getSingleResult();
    }

    /**
     * A player's place as last tallied: rank (1 = first) and the line, empty if not on the board. SQL (ADR 0003):
     * a window function over the board.
     */
    @SuppressWarnings("unchecked")
    @Override
    public Optional<Standing> place(UUID gameId, String playerId) {
        List<Object[]> rows = em.createNativeQuery(BOARD_AS_TALLIED + "SELECT rank, nickname, total, correct_answers FROM "
                        + "(SELECT player_id, nickname, total, correct_answers, row_number() OVER (ORDER BY " + ORDER
                        + ") AS rank FROM board) b WHERE player_id = ?2")
                .setParameter(1, gameId).setParameter(2, playerId).getResultList();
        return rows.stream().findFirst().map(r -> new Standing(((Number) r[0]).intValue(), playerId,
                r[1] == null ? "player" : (String) r[1], ((Number) r[2]).intValue(), ((Number) r[3]).intValue()));
    }
}
