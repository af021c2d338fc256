package io.quizplatform.quiz.application;

import io.quizplatform.contracts.UserProfileUpdated;
import io.quizplatform.contracts.UserRegistered;
import io.quizplatform.quiz.domain.Host;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.Optional;
import java.util.UUID;

/** The hosts quiz-app knows, kept up to date from user-app's events. */
@ApplicationScoped
public class HostDirectory {

    @Inject
    EntityManager entityManager;

    /** Runs in the consumer's transaction, beside the processed-event record. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void registered(UserRegistered event, long userVersion) {
        UUID id = UUID.fromString(event.userId());
        Host existing = entityManager.find(Host.class, id);
        if (existing == null) {
            entityManager.persist(new Host(id, event.displayName(), event.roles(), userVersion, event.registeredAt()));
        } else {
            existing.updateProfile(event.displayName(), event.roles(), userVersion, event.registeredAt());
        }
    }

    /** A later profile (name or roles) of a known host; an update that overtakes its registration creates the host. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void profileUpdated(UserProfileUpdated event, long userVersion) {
        UUID id = UUID.fromString(event.userId());
        Host existing = entityManager.find(Host.class, id);
        if (existing == null) {
            entityManager.persist(new Host(id, event.displayName(), event.roles(), userVersion, event.updatedAt()));
        } else {
            existing.updateProfile(event.displayName(), event.roles(), userVersion, event.updatedAt());
        }
    }

    public Optional<Host> find(UUID hostId) {
        return Optional.ofNullable(entityManager.find(Host.class, hostId));
    }
}
