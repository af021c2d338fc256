package io.quizplatform.scoring.infrastructure.redis;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The sorted set's packed score orders players as the ranking rule does, and gives the total back exactly. */
class PackedScoreTest {

    @Test
    void higherTotalFirstThenMoreAnswersThenTheFasterPlayerAndTheTotalComesBack() {
        Random random = new Random(Long.getLong("scoring.seed", 20261126L));
        for (int i = 0; i < 20_000; i++) {
            // up to 100 questions x (2000 + 500) points, up to 100 x 240 s of answering
            int totalA = random.nextInt(250_001);
            int totalB = random.nextInt(4) == 0 ? totalA : random.nextInt(250_001);
            int answersA = random.nextInt(101);
            int answersB = random.nextInt(3) == 0 ? answersA : random.nextInt(101);
            long msA = random.nextInt(24_000_001);
            long msB = random.nextInt(4) == 0 ? msA : random.nextInt(24_000_001);
            double a = RedisBoards.score(totalA, answersA, msA);
            double b = RedisBoards.score(totalB, answersB, msB);
            int expected = totalA != totalB ? Integer.compare(totalA, totalB)
                    : answersA != answersB ? Integer.compare(answersA, answersB) : Long.compare(msB, msA);
            assertThat(Integer.signum(Double.compare(a, b)))
                    .as("%d/%d/%d vs %d/%d/%d", totalA, answersA, msA, totalB, answersB, msB)
                    .isEqualTo(Integer.signum(expected));
            assertThat(RedisBoards.total(a)).isEqualTo(totalA);
        }
    }

    @Test
    void aPlayerWhoDidNotAnswerRanksBelowOneWhoAnsweredWrongOnEqualTotals() {
        assertThat(RedisBoards.score(0, 1, 19_500)).isGreaterThan(RedisBoards.score(0, 0, 0));
    }

    @Test
    void theLargestBoardStaysExact() {
        double max = RedisBoards.score(250_000, 100, 24_000_000);
        assertThat(max).isLessThan(Math.pow(2, 53));
        assertThat(RedisBoards.total(max)).isEqualTo(250_000);
    }
}
