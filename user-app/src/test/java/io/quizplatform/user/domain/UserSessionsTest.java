package io.quizplatform.user.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ending an account's sessions (password change, lock) and the iat of the tokens issued afterwards. */
class UserSessionsTest {

    private final User user = User.register(UUID.randomUUID(), "ada@example.com", "Ada", "hash", EnumSet.of(Role.HOST),
            Instant.parse("2026-11-26T09:00:00Z"));

    @Test
    void aPasswordChangeVoidsEveryTokenIssuedUpToTheEndOfItsSecond() {
        Instant cutoff = user.replacePasswordHash("new hash", Instant.parse("2026-11-26T09:30:00.412Z"));

        assertThat(cutoff).isEqualTo(Instant.parse("2026-11-26T09:30:01Z"));
        assertThat(user.sessionsValidFrom()).isEqualTo(cutoff);
    }

    @Test
    void aTokenIssuedInTheSameSecondAsTheChangeGetsTheCutoffAsItsIat() {
        user.replacePasswordHash("new hash", Instant.parse("2026-11-26T09:30:00.412Z"));

        assertThat(user.earliestIssuedAt(Instant.parse("2026-11-26T09:30:00.900Z")))
                .isEqualTo(Instant.parse("2026-11-26T09:30:01Z"));
        assertThat(user.earliestIssuedAt(Instant.parse("2026-11-26T09:31:05.300Z")))
                .isEqualTo(Instant.parse("2026-11-26T09:31:05Z"));
    }

    @Test
    void withoutACutoffATokenIsIssuedNowInWholeSeconds() {
        assertThat(user.earliestIssuedAt(Instant.parse("2026-11-26T09:30:00.900Z")))
                .isEqualTo(Instant.parse("2026-11-26T09:30:00Z"));
    }

    @Test
    void aCutoffNeverMovesBack() {
        user.endSessions(Instant.parse("2026-11-26T10:00:00Z"));
        user.endSessions(Instant.parse("2026-11-26T09:00:00Z"));

        assertThat(user.sessionsValidFrom()).isEqualTo(Instant.parse("2026-11-26T10:00:01Z"));
    }

    @Test
    void aLockEndsTheSessionsAndAnUnlockKeepsThemEnded() {
        UUID admin = UUID.randomUUID();

        assertThat(user.lock(admin, Instant.parse("2026-11-26T09:40:00.100Z"))).isTrue();
        assertThat(user.locked()).isTrue();
        assertThat(user.sessionsValidFrom()).isEqualTo(Instant.parse("2026-11-26T09:40:01Z"));
        assertThat(user.lock(admin, Instant.parse("2026-11-26T09:41:00Z"))).isFalse();

        assertThat(user.unlock(Instant.parse("2026-11-26T09:50:00Z"))).isTrue();
        assertThat(user.locked()).isFalse();
        assertThat(user.sessionsValidFrom()).isEqualTo(Instant.parse("2026-11-26T09:40:01Z"));
        assertThat(user.unlock(Instant.parse("2026-11-26T09:51:00Z"))).isFalse();
    }

    @Test
    void nobodyLocksTheirOwnAccount() {
        assertThatThrownBy(() -> user.lock(user.id(), Instant.now())).isInstanceOf(IllegalArgumentException.class);
        assertThat(user.locked()).isFalse();
    }
}
