package io.quizplatform.quiz.infrastructure.eventstore;

import io.quizplatform.quiz.domain.game.PastGame;
import io.quizplatform.quiz.domain.game.PastGames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Games newest first, from the games index ({@code live_games}, which keeps every game, ended ones too) and the
 * quiz read model for the title: one indexed query, no replay of events.
 */
@ApplicationScoped
public class GameListing implements PastGames {

    @Inject
    EntityManager entityManager;

    /** A page of games; {@code hostId} null lists every host's. */
    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public List<PastGame> newestFirst(String hostId, int page, int size) {
        String sql = "SELECT g.game_id, g.quiz_id, q.title, g.phase, g.player_count, g.created_at, g.started_at, g.ended_at "
                + "FROM live_games g LEFT JOIN quiz_view q ON q.quiz_id = g.quiz_id "
                + (hostId == null ? "" : "WHERE g.host_id = ?1 ")
                + "ORDER BY g.created_at DESC, g.game_id LIMIT ?2 OFFSET ?3";
        var query = entityManager.createNativeQuery(sql);
        if (hostId != null) {
            query.setParameter(1, hostId);
        }
        List<Object[]> rows = query.setParameter(2, size).setParameter(3, (long) page * size).getResultList();
        return rows.stream().map(r -> new PastGame(r[0].toString(), r[1].toString(), (String) r[2], (String) r[3],
                ((Number) r[4]).intValue(), instant(r[5]), instant(r[6]), instant(r[7]))).toList();
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return Instant.parse(value.toString());
    }
}
