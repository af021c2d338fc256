package io.quizplatform.quiz.infrastructure.messaging;

import io.quizplatform.contracts.Topic;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The {@code quiz.fanout.latency} timer, per topic: from a record's Kafka timestamp (when its producer sent it) to
 * when the fan-out had handed what it says to this instance's connections (queued for each socket's writer). For an
 * answer, the decision's leg of "locked in": answer-app's relay sent it, this instance read and pushed it. Across
 * hosts it relies on their clocks.
 */
final class FanOutLatency {

    private final Map<Topic, Timer> timers = new EnumMap<>(Topic.class);

    FanOutLatency(MetricRegistry metrics) {
        for (Topic topic : GameEventsFanOut.TOPICS) {
            timers.put(topic, metrics.timer("quiz.fanout.latency", new Tag("topic", topic.topicName())));
        }
    }

    void pushed(Topic topic, long sentAtMillis) {
        Timer timer = timers.get(topic);
        if (timer != null && sentAtMillis >= 0) {
            timer.update(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - sentAtMillis)));
        }
    }
}
