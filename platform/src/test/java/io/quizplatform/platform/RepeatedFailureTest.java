package io.quizplatform.platform;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** An outage that repeats thousands of times leaves a few lines: when it starts, once a minute, when it ends. */
class RepeatedFailureTest {

    private final Logger log = Logger.getLogger("test.repeated-failure." + System.nanoTime());
    private final List<LogRecord> lines = new ArrayList<>();
    private long now = TimeUnit.HOURS.toNanos(5);
    private RepeatedFailure hellos;

    @BeforeEach
    void capture() {
        log.setUseParentHandlers(false);
        log.setLevel(Level.ALL);
        log.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                    lines.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        hellos = new RepeatedFailure(log, "hellos not served", Duration.ofMinutes(1), () -> now);
    }

    @AfterEach
    void release() {
        for (Handler h : log.getHandlers()) {
            log.removeHandler(h);
        }
    }

    private static RuntimeException poolTimedOut() {
        return new IllegalStateException("could not read the game",
                new SQLTransientConnectionException("no connection within 5 s"));
    }

    @Test
    void theFirstOccurrenceIsSaidAtOnceWithItsDeepestCause() {
        hellos.occurred("game 42", poolTimedOut());

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARNING);
            assertThat(line.getMessage()).isEqualTo("hellos not served: 1 time since the last such line; game 42: "
                    + "SQLTransientConnectionException: no connection within 5 s");
        });
        assertThat(hellos.failing()).isTrue();
    }

    @Test
    void withinTheIntervalNothingMoreIsSaidThenTheCountComes() {
        hellos.occurred("game 1", poolTimedOut());
        for (int i = 0; i < 999; i++) {
            now += TimeUnit.MILLISECONDS.toNanos(50);
            hellos.occurred("game " + i, poolTimedOut());
        }
        assertThat(lines).hasSize(1);

        now += TimeUnit.SECONDS.toNanos(11);
        hellos.occurred("game 7", poolTimedOut());

        assertThat(lines).hasSize(2);
        assertThat(lines.get(1).getMessage()).startsWith("hellos not served: 1000 times since the last such line; game 7: ");
    }

    @Test
    void recoveringIsSaidOnceWithWhatWasNotSaid() {
        hellos.occurred("game 1", poolTimedOut());
        hellos.occurred("game 2", poolTimedOut());
        hellos.occurred("game 3", poolTimedOut());

        hellos.recovered();
        hellos.recovered();

        assertThat(lines).extracting(LogRecord::getMessage).containsExactly(
                "hellos not served: 1 time since the last such line; game 1: SQLTransientConnectionException: no connection within 5 s",
                "hellos not served: works again (2 more since the last line)");
        assertThat(hellos.failing()).isFalse();
    }

    @Test
    void aNewOutageAfterARecoveryIsSaidAtOnce() {
        hellos.occurred("game 1", poolTimedOut());
        hellos.recovered();
        now += TimeUnit.SECONDS.toNanos(1);

        hellos.occurred("game 2", poolTimedOut());

        assertThat(lines).hasSize(3);
        assertThat(lines.get(2).getMessage()).startsWith("hellos not served: 1 time since the last such line; game 2: ");
    }

    @Test
    void successWithoutAFailureSaysNothing() {
        hellos.recovered();

        assertThat(lines).isEmpty();
    }
}
