package io.quizplatform.user.infrastructure;

import io.quizplatform.user.domain.User;
import io.quizplatform.user.domain.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@link UserRepository} port on the persistence unit {@code user}, through the entity {@link UserRecord}. An
 * account handed out is a copy of its record; {@link #save} copies it back onto the record this transaction loaded.
 */
@ApplicationScoped
public class JpaUserRepository implements UserRepository {

    @Inject
    EntityManager entityManager;

    @Override
    public boolean emailTaken(String normalizedEmail) {
        return !entityManager.createQuery("SELECT u.id FROM UserRecord u WHERE u.email = :email")
                .setParameter("email", normalizedEmail)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    @Override
    public Optional<User> byEmail(String normalizedEmail) {
        return entityManager.createQuery("SELECT u FROM UserRecord u WHERE u.email = :email", UserRecord.class)
                .setParameter("email", normalizedEmail)
                .getResultStream()
                .findFirst()
                .map(UserRecord::toUser);
    }

    @Override
    public Optional<User> byId(UUID id) {
        return Optional.ofNullable(entityManager.find(UserRecord.class, id)).map(UserRecord::toUser);
    }

    @Override
    public Optional<User> byIdLocked(UUID id) {
        return Optional.ofNullable(entityManager.find(UserRecord.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE))
                .map(UserRecord::toUser);
    }

    /** The accounts whose sessions were ended after {@code since}: the cutoffs that can still void a live token. */
    @Override
    public List<SessionCutoff> sessionCutoffsAfter(Instant since) {
        return entityManager.createQuery(
                        "SELECT u.id, u.sessionsValidFrom FROM UserRecord u WHERE u.sessionsValidFrom > :since", Object[].class)
                .setParameter("since", since)
                .getResultStream()
                .map(row -> new SessionCutoff((UUID) row[0], (Instant) row[1]))
                .toList();
    }

    /**
     * The record is the one this transaction loaded (the persistence context hands it back without a query), so the
     * UPDATE checks the version the account was read with, as a change to a managed entity did.
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void save(User user) {
        UserRecord record = entityManager.find(UserRecord.class, user.id());
        if (record == null) {
            throw new IllegalStateException("account " + user.id() + " is not stored");
        }
        if (record.version() != user.version()) {
            // loaded in another transaction and changed since: what the UPDATE's version check would have refused
            throw new OptimisticLockException("account " + user.id() + " changed since it was read");
        }
        record.copy(user);
        entityManager.flush();
        user.saved(record.version());
    }

    @Override
    public void addAndFlush(User user) {
        UserRecord record = UserRecord.of(user);
        entityManager.persist(record);
        entityManager.flush();
        user.saved(record.version());
    }
}
