package io.quizplatform.user.application;

import io.quizplatform.platform.ServiceSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

import java.util.Map;

/**
 * Jakarta Security's PBKDF2 with OWASP's current parameters for HMAC-SHA512 (210,000 iterations, 32-byte salt).
 * The stored form names its own parameters, so raising the iteration count later keeps old hashes verifiable.
 */
@ApplicationScoped
public class Passwords {

    @Inject
    Pbkdf2PasswordHash hash;

    @Inject
    ServiceSettings settings;

    /** Verified against when the account does not exist, so both failures take the same time. */
    private String decoy;

    @PostConstruct
    void configure() {
        hash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
                "Pbkdf2PasswordHash.Iterations", settings.get("password.hash.iterations", "210000"),
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "64"));
        decoy = hash.generate("decoy password nobody has".toCharArray());
    }

    public String hash(String password) {
        return hash.generate(password.toCharArray());
    }

    public boolean matches(String password, String storedHash) {
        return password != null && hash.verify(password.toCharArray(), storedHash);
    }

    /** Spends the time of a real check, for an account that does not exist. */
    public void burnAsMuchTimeAsACheck(String password) {
        hash.verify((password == null ? "" : password).toCharArray(), decoy);
    }
}
