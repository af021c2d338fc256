package io.quizplatform.user.infrastructure;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A row of {@code signing_keys}: a development signing key kept in user_db. Written only by
 * {@link DevelopmentSigningKeys}' insert-if-absent (so {@code created_at} is the database's), read through this entity.
 * Out of EclipseLink's shared cache: another replica may store the key.
 */
@Entity
@Table(name = "signing_keys")
@Cacheable(false)
public class SigningKeyRecord {

    @Id
    @Column(name = "key_id")
    private String keyId;

    @Column(name = "private_key", nullable = false)
    private String privateKey;

    @Column(name = "created_at", insertable = false, updatable = false)
    private Instant createdAt;

    protected SigningKeyRecord() {
    }

    String privateKey() {
        return privateKey;
    }
}
