package io.quizplatform.user.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** An account. Only a hash of the password is ever held; the e-mail address is stored normalized. */
@Entity
@Table(name = "users")
public class User {

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

    /** Tokens issued (their {@code iat}, whole seconds) before this instant are void; null: never ended. */
    @Column(name = "sessions_valid_from")
    private Instant sessionsValidFrom;

    @Column(name = "locked_at")
    private Instant lockedAt;

    /** The admin who locked the account (a user id; text, so that null binds plainly). */
    @Column(name = "locked_by")
    private String lockedBy;

    @Version
    private long version;

    protected User() {
    }

    private User(UUID id, String email, String displayName, String passwordHash, Set<Role> roles, Instant now) {
        this.id = id;
        this.email = email;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.roles = roles.stream().map(Role::claim).sorted().collect(Collectors.joining(","));
        this.createdAt = now;
        this.updatedAt = now;
    }

    public static User register(UUID id, String email, String displayName, String passwordHash, Set<Role> roles, Instant now) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("an account has at least one role");
        }
        return new User(id, normalizeEmail(email), normalizeDisplayName(displayName), passwordHash, roles, now);
    }

    /** Addresses compare case-insensitively and without surrounding blanks. */
    public static String normalizeEmail(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /** Inner runs of blanks collapse to one; surrounding blanks go. */
    public static String normalizeDisplayName(String displayName) {
        return displayName == null ? null : displayName.strip().replaceAll("\\s+", " ");
    }

    /** Renames the account; returns false when nothing changes. */
    public boolean rename(String newDisplayName, Instant now) {
        String normalized = normalizeDisplayName(newDisplayName);
        if (normalized.equals(displayName)) {
            return false;
        }
        displayName = normalized;
        updatedAt = now;
        return true;
    }

    /** A new password also ends every session opened with the old one; returns the new cutoff. */
    public Instant replacePasswordHash(String newHash, Instant now) {
        passwordHash = newHash;
        updatedAt = now;
        return endSessions(now);
    }

    /**
     * Voids every token issued so far: the cutoff is the next whole second after {@code now}, because a token's
     * {@code iat} has whole seconds and a token issued earlier in this second must be refused too. Tokens issued
     * from now on get an {@code iat} no earlier than the cutoff ({@link #earliestIssuedAt}). Returns the cutoff.
     */
    public Instant endSessions(Instant now) {
        Instant cutoff = Instant.ofEpochSecond(now.getEpochSecond() + 1);
        if (sessionsValidFrom == null || cutoff.isAfter(sessionsValidFrom)) {
            sessionsValidFrom = cutoff;
        }
        return sessionsValidFrom;
    }

    /** The {@code iat} a token issued at {@code now} gets: now (in whole seconds), but never before the cutoff. */
    public Instant earliestIssuedAt(Instant now) {
        Instant seconds = Instant.ofEpochSecond(now.getEpochSecond());
        return sessionsValidFrom != null && sessionsValidFrom.isAfter(seconds) ? sessionsValidFrom : seconds;
    }

    /** An admin locks the account: nobody can log in, and every session ends. Returns false when already locked. */
    public boolean lock(UUID admin, Instant now) {
        if (id.equals(admin)) {
            throw new IllegalArgumentException("an admin can't lock their own account");
        }
        if (lockedAt != null) {
            return false;
        }
        lockedAt = now;
        lockedBy = admin.toString();
        updatedAt = now;
        endSessions(now);
        return true;
    }

    /** Lets the owner log in again; tokens from before the lock stay void. Returns false when not locked. */
    public boolean unlock(Instant now) {
        if (lockedAt == null) {
            return false;
        }
        lockedAt = null;
        lockedBy = null;
        updatedAt = now;
        return true;
    }

    public boolean locked() { return lockedAt != null; }

    public Instant lockedAt() { return lockedAt; }

    public Instant sessionsValidFrom() { return sessionsValidFrom; }

    /** Brings the roles in line with the operator's configuration; returns false when nothing changes. */
    public boolean assignRoles(Set<Role> newRoles, Instant now) {
        if (newRoles.isEmpty()) {
            throw new IllegalArgumentException("an account has at least one role");
        }
        String joined = newRoles.stream().map(Role::claim).sorted().collect(Collectors.joining(","));
        if (joined.equals(roles)) {
            return false;
        }
        roles = joined;
        updatedAt = now;
        return true;
    }

    public UUID id() { return id; }

    public String email() { return email; }

    public String displayName() { return displayName; }

    public String passwordHash() { return passwordHash; }

    public Set<Role> roles() {
        Set<Role> set = EnumSet.noneOf(Role.class);
        Arrays.stream(roles.split(",")).forEach(claim -> {
            for (Role r : Role.values()) {
                if (r.claim().equals(claim)) {
                    set.add(r);
                }
            }
        });
        return set;
    }

    public List<String> roleClaims() {
        return roles().stream().map(Role::claim).toList();
    }

    public Instant createdAt() { return createdAt; }

    public long version() { return version; }
}
