package io.quizplatform.quiz.domain;

import java.util.Optional;
import java.util.UUID;

/**
 * The hosts quiz-app knows (the port beside {@link Host}); implemented with JPA by
 * {@code infrastructure.host.JpaHostRepository}. A found {@link Host} is a copy: its changes are written by
 * {@link #save}. Both writes happen at commit, with the rest of the transaction.
 */
public interface HostRepository {

    Optional<Host> find(UUID hostId);

    /** A host not known before. */
    void add(Host host);

    /** The changes of a host found in this transaction. */
    void save(Host host);
}
