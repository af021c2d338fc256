package io.quizplatform.user.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.Optional;

/** The development signing key in user_db ({@link SigningKeyRecord}), in a transaction of its own. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class DevelopmentSigningKeys {

    @Inject
    EntityManager em;

    /** The newest stored key's PEM, if there is one. */
    public Optional<String> newest() {
        return em.createQuery("SELECT k FROM SigningKeyRecord k ORDER BY k.createdAt DESC", SigningKeyRecord.class)
                .setMaxResults(1).getResultStream().findFirst().map(SigningKeyRecord::privateKey);
    }

    /**
     * Stores {@code pem} as the development key unless a replica already stored one, and returns the key everyone
     * uses. Insert-if-absent stays SQL (ADR 0003): replicas starting together race, and a failed persist would
     * fail the start instead of taking the winner's key.
     */
    public String storeIfAbsent(String pem) {
        em.createNativeQuery("INSERT INTO signing_keys (key_id, private_key) VALUES ('development', ?1) ON CONFLICT DO NOTHING")
                .setParameter(1, pem).executeUpdate();
        return newest().orElseThrow(() -> new IllegalStateException("the development signing key was not stored"));
    }
}
