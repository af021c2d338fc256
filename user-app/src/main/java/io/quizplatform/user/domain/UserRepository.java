package io.quizplatform.user.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The accounts, as the use cases see them (the port beside the aggregate); implemented with JPA by
 * {@code infrastructure.JpaUserRepository}. Changes to a loaded {@link User} are written at commit.
 */
public interface UserRepository {

    boolean emailTaken(String normalizedEmail);

    Optional<User> byEmail(String normalizedEmail);

    Optional<User> byId(UUID id);

    /** A cutoff of an account's sessions (tokens issued before {@code validFrom} are void). */
    record SessionCutoff(UUID userId, Instant validFrom) {
    }

    /** The accounts whose sessions were ended after {@code since}: the cutoffs that can still void a live token. */
    List<SessionCutoff> sessionCutoffsAfter(Instant since);

    /** Writes pending changes now, so the new version number is known inside the use case. */
    void flush();

    /** Writes the new account now (not at commit) so a duplicate address surfaces inside the use case. */
    void addAndFlush(User user);
}
