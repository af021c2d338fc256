package io.quizplatform.quiz.infrastructure.game;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A row of {@code player_token_keys}: the generated secret of player tokens (base64). Written only by
 * {@link PlayerTokenKeys}' insert-if-absent, read through this entity. Out of EclipseLink's shared cache: another
 * instance may store the secret.
 */
@Entity
@Table(name = "player_token_keys")
@Cacheable(false)
public class PlayerTokenKey {

    @Id
    @Column(name = "key_id")
    private String keyId;

    @Column(nullable = false)
    private String secret;

    @Column(name = "created_at", insertable = false, updatable = false)
    private Instant createdAt;

    protected PlayerTokenKey() {
    }

    String secret() {
        return secret;
    }
}
