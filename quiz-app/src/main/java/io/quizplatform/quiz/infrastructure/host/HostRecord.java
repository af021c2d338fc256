package io.quizplatform.quiz.infrastructure.host;

import io.quizplatform.quiz.domain.Host;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A row of {@code hosts}: the JPA form of a domain {@link Host} (the domain stays free of persistence). Not in
 * EclipseLink's shared cache: the replica that applies a host's change from user-events is one of several, and the
 * others would go on reading the old row from their own caches.
 */
@Entity
@Cacheable(false)
@Table(name = "hosts")
public class HostRecord {

    @Id
    @Column(name = "host_id")
    private UUID hostId;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    /** The role claims joined by commas. */
    @Column(nullable = false)
    private String roles;

    @Column(name = "user_version", nullable = false)
    private long userVersion;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected HostRecord() {
    }

    static HostRecord of(Host host) {
        HostRecord record = new HostRecord();
        record.hostId = host.hostId();
        record.registeredAt = host.registeredAt();
        record.copy(host);
        return record;
    }

    /**
     * Takes the host's changeable state (the id and registration time never change). Only what differs is assigned:
     * with woven change tracking, assigning an equal value may count as a change and write the row.
     */
    void copy(Host host) {
        if (!Objects.equals(displayName, host.displayName())) {
            displayName = host.displayName();
        }
        String joined = String.join(",", host.roles());
        if (!Objects.equals(roles, joined)) {
            roles = joined;
        }
        if (userVersion != host.userVersion()) {
            userVersion = host.userVersion();
        }
        if (!Objects.equals(updatedAt, host.updatedAt())) {
            updatedAt = host.updatedAt();
        }
    }

    Host toHost() {
        return Host.restore(hostId, displayName, List.of(roles.split(",")), userVersion, registeredAt, updatedAt);
    }
}
