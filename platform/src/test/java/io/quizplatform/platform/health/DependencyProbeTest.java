package io.quizplatform.platform.health;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class DependencyProbeTest {

    final ExecutorService executor = Executors.newCachedThreadPool();
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger asked = new AtomicInteger();

    @AfterEach
    void tearDown() {
        release.countDown();
        executor.shutdownNow();
    }

    @Test
    void aDependencyThatHangsIsReportedWithinTheWaitAndNotAskedAgain() {
        DependencyProbe probe = new DependencyProbe("Kafka", () -> {
            asked.incrementAndGet();
            release.await();
            return new DependencyProbe.Answer(true, "ok");
        }, executor, Duration.ofMillis(200), Duration.ZERO);

        DependencyProbe.Answer first = probe.probe();
        DependencyProbe.Answer second = probe.probe();

        assertThat(first.reachable()).isFalse();
        assertThat(first.detail()).startsWith("Kafka has not answered for ");
        assertThat(second.reachable()).isFalse();
        assertThat(asked).hasValue(1);
    }

    @Test
    void aFailureIsNamedAndAFreshAnswerReused() {
        DependencyProbe probe = new DependencyProbe("Redis", () -> {
            asked.incrementAndGet();
            throw new java.net.ConnectException("refused");
        }, executor, Duration.ofSeconds(1), Duration.ofSeconds(60));

        assertThat(probe.probe()).isEqualTo(new DependencyProbe.Answer(false, "Redis unreachable: ConnectException"));
        probe.probe();
        assertThat(asked).hasValue(1);
    }
}
