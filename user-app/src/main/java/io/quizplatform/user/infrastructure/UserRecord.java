package io.quizplatform.user.infrastructure;

import io.quizplatform.user.domain.User;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A row of {@code users}: the JPA form of a domain {@link User} (the domain stays free of persistence).
 * {@link JpaUserRepository} copies a saved account onto the managed record, so EclipseLink writes only the columns
 * that changed, with the version check of {@code @Version}. Not in EclipseLink's shared cache: with two or more
 * replicas (the chart's default), a password or a lock changed through one must not be read stale from another's
 * cache, where the old password would still log in and a locked account still renew.
 */
@Entity
@Cacheable(false)
@Table(name = "users")
public class UserRecord {

    @Id
    private UUID id;

    @Column(nullable = false, unique = true)
    private String email;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(nullable = false)
    private String roles;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "sessions_valid_from")
    private Instant sessionsValidFrom;

    @Column(name = "locked_at")
    private Instant lockedAt;

    /** A user id as text, so that null binds plainly. */
    @Column(name = "locked_by")
    private String lockedBy;

    @Version
    private long version;

    protected UserRecord() {
    }

    /** The record of a new account (EclipseLink sets its first version when it is written). */
    static UserRecord of(User user) {
        UserRecord record = new UserRecord();
        record.id = user.id();
        record.email = user.email();
        record.createdAt = user.createdAt();
        record.copy(user);
        return record;
    }

    /**
     * Takes the account's changeable state (the id, address and creation time never change). Only what differs is
     * assigned: with woven change tracking, assigning an equal value may count as a change and write the row.
     */
    void copy(User user) {
        if (!Objects.equals(displayName, user.displayName())) {
            displayName = user.displayName();
        }
        if (!Objects.equals(passwordHash, user.passwordHash())) {
            passwordHash = user.passwordHash();
        }
        if (!Objects.equals(roles, user.roleClaimsText())) {
            roles = user.roleClaimsText();
        }
        if (!Objects.equals(updatedAt, user.updatedAt())) {
            updatedAt = user.updatedAt();
        }
        if (!Objects.equals(sessionsValidFrom, user.sessionsValidFrom())) {
            sessionsValidFrom = user.sessionsValidFrom();
        }
        if (!Objects.equals(lockedAt, user.lockedAt())) {
            lockedAt = user.lockedAt();
        }
        String by = user.lockedBy() == null ? null : user.lockedBy().toString();
        if (!Objects.equals(lockedBy, by)) {
            lockedBy = by;
        }
    }

    User toUser() {
        return User.restore(id, email, displayName, passwordHash, roles, createdAt, updatedAt, sessionsValidFrom,
                lockedAt, lockedBy == null ? null : UUID.fromString(lockedBy), version);
    }

    long version() {
        return version;
    }
}
