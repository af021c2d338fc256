package io.quizplatform.quiz.infrastructure.host;

import io.quizplatform.quiz.domain.Host;
import io.quizplatform.quiz.domain.HostRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.Optional;
import java.util.UUID;

/** The {@link HostRepository} port on quiz_db, through the entity {@link HostRecord}. */
@ApplicationScoped
public class JpaHostRepository implements HostRepository {

    @Inject
    EntityManager entityManager;

    @Override
    public Optional<Host> find(UUID hostId) {
        return Optional.ofNullable(entityManager.find(HostRecord.class, hostId)).map(HostRecord::toHost);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(Host host) {
        entityManager.persist(HostRecord.of(host));
    }

    /** Onto the record this transaction found (the persistence context hands it back without a query). */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void save(Host host) {
        HostRecord record = entityManager.find(HostRecord.class, host.hostId());
        if (record == null) {
            throw new IllegalStateException("host " + host.hostId() + " is not stored");
        }
        record.copy(host);
    }
}
