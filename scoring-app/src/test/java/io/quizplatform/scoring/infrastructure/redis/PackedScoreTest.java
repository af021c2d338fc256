package io.quizplatform.scoring.infrastructure.redis;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The sorted set's packed score orders players as the ranking rule does, and gives the total back exactly. */
class PackedScoreTest {

    @Test
    void higherTotalFirstThenTheFasterPlayerAndTheTotalComesBack() {
        Random random = new Random(Long.getLong("scoring.seed", 20261126L));
        for (int i = 0; i < 20_000; i++) {
            // up to 100 questions x (2000 + 500) points, up to 100 x 240 s of answering
            int totalA = random.nextInt(250_001);
            int totalB = random.nextInt(4) == 0 ? totalA : random.nextInt(250_001);
            long msA = random.nextInt(24_000_001);
            long msB = random.nextInt(4) == 0 ? msA : random.nextInt(24_000_001);
            double a = RedisBoards.score(totalA, msA);
            double b = RedisBoards.score(totalB, msB);
            int expected = totalA != totalB ? Integer.compare(totalA, totalB) : Long.compare(msB, msA);
            assertThat(Integer.signum(Double.compare(a, b))).as("%d/%d vs %d/%d", totalA, msA, totalB, msB).isEqualTo(Integer.signum(expected));
            assertThat((long) a / RedisBoards.TIME_SPAN).isEqualTo(totalA);
        }
    }
}
