package io.quizplatform.user.infrastructure;

import io.quizplatform.user.domain.User;
import io.quizplatform.user.domain.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.Optional;

/** The {@link UserRepository} port on the persistence unit {@code user}. */
@ApplicationScoped
public class JpaUserRepository implements UserRepository {

    @Inject
    EntityManager entityManager;

    @Override
    public boolean emailTaken(String normalizedEmail) {
        return !entityManager.createQuery("SELECT u.id FROM User u WHERE u.email = :email")
                .setParameter("email", normalizedEmail)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    @Override
    public Optional<User> byEmail(String normalizedEmail) {
        return entityManager.createQuery("SELECT u FROM User u WHERE u.email = :email", User.class)
                .setParameter("email", normalizedEmail)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Optional<User> byId(java.util.UUID id) {
        return Optional.ofNullable(entityManager.find(User.class, id));
    }

    /** The accounts whose sessions were ended after {@code since}: the cutoffs that can still void a live token. */
    @Override
    public java.util.List<SessionCutoff> sessionCutoffsAfter(java.time.Instant since) {
        return entityManager.createQuery(
                        "SELECT u.id, u.sessionsValidFrom FROM User u WHERE u.sessionsValidFrom > :since", Object[].class)
                .setParameter("since", since)
                .getResultStream()
                .map(row -> new SessionCutoff((java.util.UUID) row[0], (java.time.Instant) row[1]))
                .toList();
    }

    /** Writes pending changes now, so the new version number is known inside the use case. */
    @Override
    public void flush() {
        entityManager.flush();
    }

    /** Writes the new account now (not at commit) so a duplicate address surfaces inside the use case. */
    @Override
    public void addAndFlush(User user) {
        entityManager.persist(user);
        entityManager.flush();
    }
}
