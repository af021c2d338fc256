package io.quizplatform.platform.outbox;

import io.quizplatform.platform.tracing.TraceParent;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One event waiting in (or already relayed from) the outbox table. Not kept in the shared cache: a row is written
 * once, read once by the relay and then marked by a bulk update, and every bulk update made EclipseLink walk the
 * whole cache of rows to invalidate them (a twentieth of the profiler's samples while a class joined).
 */
@Entity
@Cacheable(false)
@Table(name = "outbox")
public class OutboxMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "event_id", nullable = false, unique = true)
    private UUID eventId;

    @Column(nullable = false)
    private String topic;

    @Column(name = "message_key", nullable = false)
    private String messageKey;

    @Column(name = "event_type", nullable = false)
    private String eventType;

    @Column(nullable = false)
    private String envelope;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** The W3C trace context of the span that appended the event (null when tracing was off), for the relay. */
    @Column(name = "traceparent")
    private String traceparent;

    @Column(name = "tracestate")
    private String tracestate;

    @Column(name = "published_at")
    private Instant publishedAt;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "last_error")
    private String lastError;

    protected OutboxMessage() {
    }

    OutboxMessage(UUID eventId, String topic, String messageKey, String eventType, String envelope, Instant createdAt,
                  TraceParent trace) {
        this.eventId = eventId;
        this.topic = topic;
        this.messageKey = messageKey;
        this.eventType = eventType;
        this.envelope = envelope;
        this.createdAt = createdAt;
        if (trace != null) {
            this.traceparent = trace.traceparent();
            this.tracestate = trace.tracestate();
        }
    }

    public Long getId() { return id; }

    public UUID getEventId() { return eventId; }

    public String getTopic() { return topic; }

    public String getMessageKey() { return messageKey; }

    public String getEventType() { return eventType; }

    public String getEnvelope() { return envelope; }

    public Instant getCreatedAt() { return createdAt; }

    /** The trace the event continues, or null. */
    public TraceParent getTrace() { return traceparent == null ? null : new TraceParent(traceparent, tracestate); }

    /** A send's error as last_error keeps it (at most 1000 characters). */
    static String storableError(String error) {
        return error == null ? null : error.substring(0, Math.min(error.length(), 1000));
    }
}
