package io.quizplatform.quiz.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A person who can host quizzes, as quiz-app knows them from user-app's events: just what a quiz or a game
 * needs to show (the display name), never credentials.
 */
@Entity
@Table(name = "hosts")
public class Host {

    @Id
    @Column(name = "host_id")
    private UUID hostId;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(nullable = false)
    private String roles;

    /** The version of the user aggregate this row reflects; older events never overwrite newer ones. */
    @Column(name = "user_version", nullable = false)
    private long userVersion;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Host() {
    }

    public Host(UUID hostId, String displayName, List<String> roles, long userVersion, Instant registeredAt) {
        this.hostId = hostId;
        this.displayName = displayName;
        this.roles = String.join(",", roles);
        this.userVersion = userVersion;
        this.registeredAt = registeredAt;
        this.updatedAt = registeredAt;
    }

    /** Applies a newer profile; returns false (and changes nothing) for a version already reflected. */
    public boolean updateProfile(String displayName, List<String> roles, long userVersion, Instant at) {
        if (userVersion <= this.userVersion) {
            return false;
        }
        this.displayName = displayName;
        this.roles = String.join(",", roles);
        this.userVersion = userVersion;
        this.updatedAt = at;
        return true;
    }

    public UUID hostId() { return hostId; }

    public String displayName() { return displayName; }

    public List<String> roles() { return List.of(roles.split(",")); }

    public long userVersion() { return userVersion; }

    public Instant registeredAt() { return registeredAt; }
}
