package io.quizplatform.platform.messaging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryRoundsTest {

    @Test
    void theWaitDoublesEachRoundUpToThirtySeconds() {
        RetryRounds rounds = new RetryRounds(3, 500);
        assertThat(rounds.backoffMillis(0)).isEqualTo(500);
        assertThat(rounds.backoffMillis(1)).isEqualTo(1000);
        assertThat(rounds.backoffMillis(2)).isEqualTo(2000);
        assertThat(rounds.backoffMillis(6)).isEqualTo(30_000);
        assertThat(rounds.backoffMillis(70)).isEqualTo(30_000);
        assertThat(new RetryRounds(3, 40_000).backoffMillis(0)).isEqualTo(30_000);
    }

    @Test
    void negativeSettingsAreRefused() {
        assertThatThrownBy(() -> new RetryRounds(-1, 500)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDependencyAwayIsAnOutageAndABadEventIsNot() {
        assertThat(RetryRounds.isOutage(new IllegalStateException("tx failed",
                new java.sql.SQLException("Connection refused", "08001")))).isTrue();
        assertThat(RetryRounds.isOutage(new RuntimeException(new java.net.ConnectException("refused")))).isTrue();
        assertThat(RetryRounds.isOutage(new java.sql.SQLTransientConnectionException("pool empty"))).isTrue();
        assertThat(RetryRounds.isOutage(new java.sql.SQLException("the database system is shutting down", "57P01"))).isTrue();
        assertThat(RetryRounds.isOutage(new java.sql.SQLException("check constraint violated", "23514"))).isFalse();
        assertThat(RetryRounds.isOutage(new IllegalArgumentException("question 7 is not a question of the game"))).isFalse();
    }
}
