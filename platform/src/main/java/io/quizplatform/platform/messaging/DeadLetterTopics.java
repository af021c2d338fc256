package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.api.ProblemException;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The dead-letter topics of one service ({@code <topic>.<service>.dlq} per consumed topic) and their sources. */
public final class DeadLetterTopics {

    private final String service;
    private final Map<String, Topic> sources = new TreeMap<>();

    private DeadLetterTopics(String service, Collection<Topic> consumed) {
        this.service = service;
        for (Topic topic : consumed) {
            sources.put(topic.deadLetterTopicFor(service), topic);
        }
    }

    public static DeadLetterTopics of(String service, Collection<Topic> consumed) {
        return new DeadLetterTopics(service, consumed);
    }

    /** The dead-letter topic names, sorted. */
    public List<String> names() {
        return List.copyOf(sources.keySet());
    }

    public Optional<Topic> sourceOf(String dlqTopic) {
        return Optional.ofNullable(dlqTopic == null ? null : sources.get(dlqTopic));
    }

    /** The source topic of one of this service's dead-letter topics; 404 naming the known ones otherwise. */
    public Topic require(String dlqTopic) {
        return sourceOf(dlqTopic).orElseThrow(() -> new ProblemException(404, "Unknown dead-letter topic",
                sources.isEmpty()
                        ? service + " consumes no topic, so it has no dead-letter topic ('" + dlqTopic + "' asked)."
                        : "'" + dlqTopic + "' is not a dead-letter topic of " + service + "; its dead-letter topics are "
                          + String.join(", ", sources.keySet()) + "."));
    }
}
