package io.quizplatform.quiz.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A person who can host quizzes, as quiz-app knows them from user-app's events: just what a quiz or a game
 * needs to show (the display name), never credentials. Plain Java: kept by a {@link HostRepository}.
 */
public class Host {

    private final UUID hostId;

    private String displayName;

    private String roles;

    /** The version of the user aggregate this host reflects; older events never overwrite newer ones. */
    private long userVersion;

    private final Instant registeredAt;

    private Instant updatedAt;

    public Host(UUID hostId, String displayName, List<String> roles, long userVersion, Instant registeredAt) {
        this.hostId = hostId;
        this.displayName = displayName;
        this.roles = String.join(",", roles);
        this.userVersion = userVersion;
        this.registeredAt = registeredAt;
        this.updatedAt = registeredAt;
    }

    /** A host as it was stored. */
    public static Host restore(UUID hostId, String displayName, List<String> roles, long userVersion,
                               Instant registeredAt, Instant updatedAt) {
        Host host = new Host(hostId, displayName, roles, userVersion, registeredAt);
        host.updatedAt = updatedAt;
        return host;
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

    public Instant updatedAt() { return updatedAt; }
}
