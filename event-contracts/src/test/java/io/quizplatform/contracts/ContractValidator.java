package io.quizplatform.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks an event's wire form against the published schemas: the envelope, then the payload of its type.
 * Shared (as this module's test-jar) with the producer and consumer contract tests of every service.
 */
public final class ContractValidator {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private ContractValidator() {
    }

    /** Every violation found, empty when the event honours its contract. */
    public static List<String> violations(String eventJson) {
        JsonNode event;
        try {
            event = MAPPER.readTree(eventJson);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>(validate(EventTypes.ENVELOPE_SCHEMA_RESOURCE, event));
        JsonNode type = event.get("type");
        if (type == null || !type.isTextual() || !EventTypes.isKnown(type.asText())) {
            problems.add("unknown event type: " + type);
            return problems;
        }
        problems.addAll(validate(EventTypes.payloadSchemaResource(type.asText()), event.get("payload")));
        return problems;
    }

    public static String example(String type) {
        try (InputStream in = ContractValidator.class.getResourceAsStream("/examples/" + type + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no example for " + type);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> validate(String schemaResource, JsonNode node) {
        if (node == null) {
            return List.of(schemaResource + ": missing");
        }
        try (InputStream in = ContractValidator.class.getResourceAsStream(schemaResource)) {
            if (in == null) {
                return List.of("schema not found: " + schemaResource);
            }
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            JsonSchema schema = FACTORY.getSchema(in, config);
            Set<ValidationMessage> messages = schema.validate(node);
            return messages.stream().map(m -> schemaResource + ": " + m.getMessage()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
