package io.quizplatform.answer.infrastructure;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * A row of {@code game_players}. Added by an insert-if-absent (a redelivered join leaves one row), listed and kicked
 * through JPQL. Out of EclipseLink's shared cache.
 */
@Entity
@Table(name = "game_players")
@IdClass(GamePlayerRecord.Key.class)
@Cacheable(false)
public class GamePlayerRecord {

    /** The primary key: game and player. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private UUID gameId;
        private UUID playerId;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(gameId, k.gameId) && Objects.equals(playerId, k.playerId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(gameId, playerId);
        }
    }

    @Id
    @Column(name = "game_id")
    private UUID gameId;

    @Id
    @Column(name = "player_id")
    private UUID playerId;

    @Column(nullable = false, insertable = false)
    private boolean kicked;

    protected GamePlayerRecord() {
    }
}
