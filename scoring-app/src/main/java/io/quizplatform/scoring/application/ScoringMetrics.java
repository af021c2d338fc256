package io.quizplatform.scoring.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * What operators watch of scoring (MicroProfile Metrics, application scope): answers scored and late ones
 * re-scored, boards published, leaderboard reads by where they were served from (Redis or the PostgreSQL
 * fallback), Redis boards rebuilt, and how game completions end.
 */
@ApplicationScoped
public class ScoringMetrics {

    @Inject
    MetricRegistry metrics;

    void answersScored(int count, int late) {
        metrics.counter("scoring.answers.scored").inc(count);
        if (late > 0) {
            metrics.counter("scoring.answers.rescored.late").inc(late);
        }
    }

    void boardPublished() {
        metrics.counter("scoring.boards.published").inc();
    }

    void leaderboardRead(Leaderboards.Source source) {
        metrics.counter("scoring.leaderboard.reads", new Tag("source", source.name().toLowerCase())).inc();
    }

    void boardRebuilt() {
        metrics.counter("scoring.redis.boards.rebuilt").inc();
    }

    /** @param outcome finalized, or finished-with-errors */
    void completion(String outcome) {
        metrics.counter("scoring.games.completed", new Tag("outcome", outcome)).inc();
    }
}
