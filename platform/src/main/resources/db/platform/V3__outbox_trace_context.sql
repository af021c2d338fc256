-- The W3C trace context (traceparent, tracestate header values) of the span that appended the event, so the relay's
-- send continues that trace; NULL while tracing is off.
ALTER TABLE outbox ADD COLUMN traceparent VARCHAR(64);
ALTER TABLE outbox ADD COLUMN tracestate VARCHAR(512);
