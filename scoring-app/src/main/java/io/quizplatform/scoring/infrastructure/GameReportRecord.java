package io.quizplatform.scoring.infrastructure;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code game_reports}: a game's report as JSON. Read through this entity; written by one SQL upsert
 * ({@link ReportRepository#save}), because the column is JSONB (a cast JPA cannot bind) and a rebuilt report replaces
 * the row. Out of EclipseLink's shared cache: another instance may rebuild the report.
 */
@Entity
@Table(name = "game_reports")
@Cacheable(false)
public class GameReportRecord {

    @Id
    @Column(name = "game_id")
    private UUID gameId;

    /** JSONB, read as its text. */
    @Column(nullable = false, insertable = false, updatable = false)
    private String report;

    @Column(name = "built_at", nullable = false, insertable = false, updatable = false)
    private Instant builtAt;

    protected GameReportRecord() {
    }

    String report() {
        return report;
    }
}
