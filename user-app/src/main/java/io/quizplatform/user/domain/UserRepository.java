package io.quizplatform.user.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The accounts, as the use cases see them (the port beside the aggregate); implemented with JPA by
 * {@code infrastructure.JpaUserRepository}. A loaded {@link User} is a copy: its changes are written by {@link #save}.
 */
public interface UserRepository {

    boolean emailTaken(String normalizedEmail);

    Optional<User> byEmail(String normalizedEmail);

    Optional<User> byId(UUID id);

    /**
     * The account, its row locked until the transaction ends: an end of its sessions and a renewal of its tokens go
     * one after the other (a renewal that read the account while a password change was committing issued a token at
     * the new cutoff, which every service took).
     */
    Optional<User> byIdLocked(UUID id);

    /** A cutoff of an account's sessions (tokens issued before {@code validFrom} are void). */
    record SessionCutoff(UUID userId, Instant validFrom) {
    }

    /** The accounts whose sessions were ended after {@code since}: the cutoffs that can still void a live token. */
    List<SessionCutoff> sessionCutoffsAfter(Instant since);

    /**
     * Writes the account's changes now (not at commit), inside the use case's transaction, so the version they produce
     * is known there: the account carries it afterwards. Refused as an optimistic lock failure if the account changed
     * since this copy was read.
     */
    void save(User user);

    /** Writes the new account now (not at commit) so a duplicate address surfaces inside the use case. */
    void addAndFlush(User user);
}
