package io.quizplatform.user.infrastructure;

import io.quizplatform.user.domain.EndedTokens;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A row of {@code ended_tokens}. Written by {@link JpaEndedTokens}' inserts (a logout may follow a renewal's end of the
 * same token; {@code ended_at} is the database's), read through this entity. Out of EclipseLink's shared cache: every replica writes the table.
 */
@Entity
@Table(name = "ended_tokens")
@Cacheable(false)
public class EndedTokenRecord {

    @Id
    @Column(name = "token_id")
    private String tokenId;

    @Column(name = "ended_as", nullable = false)
    private String endedAs;

    @Column(name = "ended_at", insertable = false, updatable = false)
    private Instant endedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected EndedTokenRecord() {
    }

    EndedTokens.EndedToken toEndedToken() {
        return new EndedTokens.EndedToken(tokenId, JpaEndedTokens.endedAs(endedAs), expiresAt);
    }
}
