package io.quizplatform.scoring.application;

import io.quizplatform.platform.messaging.EventCodec;
import io.quizplatform.scoring.domain.Report;
import io.quizplatform.scoring.domain.ReportStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.transaction.Transactional;

import java.util.Optional;
import java.util.UUID;

/** Builds a finished game's report from scoring_db (once, by the completion saga) and reads it back as JSON or CSV. */
@ApplicationScoped
public class Reports {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Inject
    ReportStore repository;

    @Transactional(Transactional.TxType.MANDATORY)
    public void build(UUID gameId) {
        repository.save(gameId, EventCodec.payloadToJson(repository.assemble(gameId)));
    }

    /** Whether the game has a report to keep up to date (one was built). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean built(UUID gameId) {
        return repository.exists(gameId);
    }

    /** The stored report, as stored (JSON). */
    @Transactional
    public Optional<String> json(UUID gameId) {
        return repository.find(gameId);
    }

    @Transactional
    public Optional<String> csv(UUID gameId) {
        return repository.find(gameId).map(json -> ReportCsv.of(JSONB.fromJson(json, Report.class)));
    }
}
