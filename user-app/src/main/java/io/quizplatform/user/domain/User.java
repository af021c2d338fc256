package io.quizplatform.user.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * An account. Only a hash of the password is ever held; the e-mail address is stored normalized. Plain Java: the
 * row it is kept in is {@code infrastructure.UserRecord}, and a change is written by {@link UserRepository#save}.
 */
public class User {

    /** The longest address an account may have, normalised: the column's size, RFC 5321's limit for a path. */
    public static final int MAX_EMAIL_LENGTH = 254;

    private final UUID id;
    private final String email;
    private String displayName;
    private String passwordHash;
    /** The role claims, sorted and joined by commas: a change of roles is a change of this text. */
    private String roles;
    private final Instant createdAt;
    private Instant updatedAt;

    /** Tokens issued (their {@code iat}, whole seconds) before this instant are void; null: never ended. */
    private Instant sessionsValidFrom;

    private Instant lockedAt;

    /** The admin who locked the account; null when not locked. */
    private UUID lockedBy;

    /** The version of the aggregate last written (0 until first saved): user-app's events carry it. */
    private long version;

    private User(UUID id, String email, String displayName, String passwordHash, String roles, Instant now) {
        this.id = id;
        this.email = email;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.roles = roles;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public static User register(UUID id, String email, String displayName, String passwordHash, Set<Role> roles, Instant now) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("an account has at least one role");
        }
        String normalizedEmail = normalizeEmail(email);
        if (emailTooLong(normalizedEmail)) {
            throw new IllegalArgumentException("an e-mail address has at most " + MAX_EMAIL_LENGTH + " characters");
        }
        return new User(id, normalizedEmail, normalizeDisplayName(displayName), passwordHash, joined(roles), now);
    }

    /** An account as it was stored ({@code roles}: the claims as {@link #roleClaimsText} gives them). */
    public static User restore(UUID id, String email, String displayName, String passwordHash, String roles,
                               Instant createdAt, Instant updatedAt, Instant sessionsValidFrom, Instant lockedAt,
                               UUID lockedBy, long version) {
        User user = new User(id, email, displayName, passwordHash, roles, createdAt);
        user.updatedAt = updatedAt;
        user.sessionsValidFrom = sessionsValidFrom;
        user.lockedAt = lockedAt;
        user.lockedBy = lockedBy;
        user.version = version;
        return user;
    }

    /**
     * Addresses compare case-insensitively and without surrounding blanks. Lower-casing can lengthen an address
     * ({@code İ}, U+0130, becomes {@code i} and a combining dot), so its length is checked on what this returns.
     */
    public static String normalizeEmail(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /** Whether a normalised address is longer than an account's may be (no account can have it). */
    public static boolean emailTooLong(String normalizedEmail) {
        return normalizedEmail != null && normalizedEmail.length() > MAX_EMAIL_LENGTH;
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
        lockedBy = admin;
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
        String joined = joined(newRoles);
        if (joined.equals(roles)) {
            return false;
        }
        roles = joined;
        updatedAt = now;
        return true;
    }

    private static String joined(Set<Role> roles) {
        return roles.stream().map(Role::claim).sorted().collect(Collectors.joining(","));
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

    /** The role claims as stored: sorted and joined by commas. */
    public String roleClaimsText() { return roles; }

    public Instant createdAt() { return createdAt; }

    public Instant updatedAt() { return updatedAt; }

    public UUID lockedBy() { return lockedBy; }

    public long version() { return version; }

    /** The repository wrote the account's changes as this version (the one the events about them carry). */
    public void saved(long writtenVersion) {
        version = writtenVersion;
    }
}
