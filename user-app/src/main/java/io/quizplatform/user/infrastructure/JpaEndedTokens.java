package io.quizplatform.user.infrastructure;

import io.quizplatform.user.domain.EndedTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@link EndedTokens} port on the persistence unit {@code user}: the table {@code ended_tokens}. */
@ApplicationScoped
public class JpaEndedTokens implements EndedTokens {

    @Inject
    EntityManager entityManager;

    @Override
    @Transactional
    public void loggedOut(String tokenId, Instant expiresAt) {
        // An upsert, which JPA has not: a logout retried, or one after the token's renewal, finds the row there.
        entityManager.createNativeQuery("INSERT INTO ended_tokens (token_id, ended_as, expires_at) VALUES (?1, 'logged-out', ?2) "
                        + "ON CONFLICT (token_id) DO UPDATE SET ended_as = 'logged-out', ended_at = now()")
                .setParameter(1, tokenId)
                .setParameter(2, Timestamp.from(expiresAt))
                .executeUpdate();
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<EndedAs> renewed(String tokenId, Instant expiresAt) {
        int inserted = entityManager.createNativeQuery("INSERT INTO ended_tokens (token_id, ended_as, expires_at) "
                        + "VALUES (?1, 'renewed', ?2) ON CONFLICT (token_id) DO NOTHING")
                .setParameter(1, tokenId)
                .setParameter(2, Timestamp.from(expiresAt))
                .executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        EndedTokenRecord before = entityManager.find(EndedTokenRecord.class, tokenId);
        return Optional.of(before == null ? EndedAs.RENEWED : before.toEndedToken().endedAs());
    }

    @Override
    @Transactional
    public List<EndedToken> unexpired(Instant now, Instant endedSince, String afterTokenId, int limit) {
        return entityManager.createQuery("SELECT t FROM EndedTokenRecord t WHERE t.expiresAt > :now AND t.endedAt >= :since "
                        + "AND t.tokenId > :after ORDER BY t.tokenId", EndedTokenRecord.class)
                .setParameter("now", now)
                .setParameter("since", endedSince)
                .setParameter("after", afterTokenId)
                .setMaxResults(limit)
                .getResultStream()
                .map(EndedTokenRecord::toEndedToken)
                .toList();
    }

    @Override
    @Transactional
    public int forgetExpired(Instant before, int limit) {
        // Bounded, so one delete never holds the scheduler's thread for long however many piled up.
        return entityManager.createNativeQuery("DELETE FROM ended_tokens WHERE token_id IN "
                        + "(SELECT token_id FROM ended_tokens WHERE expires_at < ?1 LIMIT ?2)")
                .setParameter(1, Timestamp.from(before))
                .setParameter(2, limit)
                .executeUpdate();
    }

    static EndedAs endedAs(String column) {
        return "logged-out".equals(column) ? EndedAs.LOGGED_OUT : EndedAs.RENEWED;
    }
}
