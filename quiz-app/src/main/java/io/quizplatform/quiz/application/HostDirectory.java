package io.quizplatform.quiz.application;

import io.quizplatform.contracts.UserProfileUpdated;
import io.quizplatform.contracts.UserRegistered;
import io.quizplatform.quiz.domain.Host;
import io.quizplatform.quiz.domain.HostRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.Optional;
import java.util.UUID;

/** The hosts quiz-app knows, kept up to date from user-app's events. */
@ApplicationScoped
public class HostDirectory {

    @Inject
    HostRepository hosts;

    /** Runs in the consumer's transaction, beside the processed-event record. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void registered(UserRegistered event, long userVersion) {
        UUID id = UUID.fromString(event.userId());
        Optional<Host> existing = hosts.find(id);
        if (existing.isEmpty()) {
            hosts.add(new Host(id, event.displayName(), event.roles(), userVersion, event.registeredAt()));
        } else if (existing.get().updateProfile(event.displayName(), event.roles(), userVersion, event.registeredAt())) {
            hosts.save(existing.get());
        }
    }

    /** A later profile (name or roles) of a known host; an update that overtakes its registration creates the host. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void profileUpdated(UserProfileUpdated event, long userVersion) {
        UUID id = UUID.fromString(event.userId());
        Optional<Host> existing = hosts.find(id);
        if (existing.isEmpty()) {
            hosts.add(new Host(id, event.displayName(), event.roles(), userVersion, event.updatedAt()));
        } else if (existing.get().updateProfile(event.displayName(), event.roles(), userVersion, event.updatedAt())) {
            hosts.save(existing.get());
        }
    }

    public Optional<Host> find(UUID hostId) {
        return hosts.find(hostId);
    }
}
