package io.quizplatform.quiz.infrastructure.game;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The generated player token secret in quiz_db ({@link PlayerTokenKey}), in a transaction of its own. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class PlayerTokenKeys {

    private static final String DEVELOPMENT = "development";

    @Inject
    EntityManager em;

    /**
     * Stores {@code secret} (base64) unless an instance already stored one, and returns the secret everyone uses.
     * Insert-if-absent stays SQL (ADR 0003): instances starting together race, and a failed persist would fail the
     * join instead of taking the winner's secret.
     */
    public String storeIfAbsent(String secret) {
        PlayerTokenKey stored = em.find(PlayerTokenKey.class, DEVELOPMENT);
        if (stored != null) {
            return stored.secret();
        }
        em.createNativeQuery("INSERT INTO player_token_keys (key_id, secret) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, DEVELOPMENT).setParameter(2, secret).executeUpdate();
        return em.find(PlayerTokenKey.class, DEVELOPMENT).secret();
    }
}
