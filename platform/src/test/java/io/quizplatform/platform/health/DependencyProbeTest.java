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
    void aDependencyBackIsReportedOnceItsBackgroundAnswerCame() {
        java.util.concurrent.atomic.AtomicBoolean up = new java.util.concurrent.atomic.AtomicBoolean(false);
        DependencyProbe probe = new DependencyProbe("Kafka", () -> {
            if (!up.get()) {
                throw new java.net.ConnectException("refused");
            }
            return new DependencyProbe.Answer(true, "1");
        }, executor, Duration.ofMillis(500), Duration.ZERO);

        assertThat(probe.probe().reachable()).isFalse();
        up.set(true);
        DependencyProbe.Answer later = probe.probe();
        for (int i = 0; i < 20 && !later.reachable(); i++) {
            sleep(50);
            later = probe.probe();
        }

        assertThat(later).isEqualTo(new DependencyProbe.Answer(true, "1"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
