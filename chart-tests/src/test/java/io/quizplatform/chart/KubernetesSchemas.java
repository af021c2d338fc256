package io.quizplatform.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The Kubernetes JSON schemas of every kind the chart renders, strict: an unknown field anywhere is an error.
 *
 * <p>Source: the {@code schema/kube-schema.json} of the fabric8 kubernetes-model jars (Maven Central, model version
 * 6.13 = Kubernetes 1.30, Gateway API v1, Prometheus Operator monitoring.coreos.com/v1 from openshift-model-monitoring),
 * JSON Schema draft-07 generated from the Kubernetes Go types. They are made for Java code generation, so three
 * adjustments make them describe the YAML an API server accepts:
 * <ul>
 *   <li>{@code additionalProperties: true} (fabric8's catch-all map) becomes {@code false} on every object that
 *       lists its properties: unknown fields are refused, as {@code kubectl apply --validate=strict} would.
 *       Objects that are maps (labels, annotations, data) keep their typed {@code additionalProperties}.</li>
 *   <li>The types fabric8 (de)serialises by hand are written as they appear in YAML: IntOrString is an integer or
 *       a string, Quantity a string or a number, Time and MicroTime strings.</li>
 *   <li>fabric8's own keywords (javaType, existingJavaType, ...) and draft-03 style {@code required: true} on a
 *       property are turned into standard JSON Schema.</li>
 * </ul>
 */
final class KubernetesSchemas {

    /** apiVersion/kind -> definition name in the fabric8 schemas. A kind not listed here fails the check. */
    static final Map<String, String> DEFINITIONS = Map.ofEntries(
            Map.entry("v1/ConfigMap", "kubernetes_core_ConfigMap"),
            Map.entry("v1/Secret", "kubernetes_core_Secret"),
            Map.entry("v1/Service", "kubernetes_core_Service"),
            Map.entry("v1/ServiceAccount", "kubernetes_core_ServiceAccount"),
            Map.entry("v1/Pod", "kubernetes_core_Pod"),
            Map.entry("apps/v1/Deployment", "kubernetes_apps_Deployment"),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", "kubernetes_autoscaling_v2_HorizontalPodAutoscaler"),
            Map.entry("policy/v1/PodDisruptionBudget", "kubernetes_policy_v1_PodDisruptionBudget"),
            Map.entry("networking.k8s.io/v1/Ingress", "kubernetes_networking_v1_Ingress"),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", "kubernetes_networking_v1_NetworkPolicy"),
            Map.entry("gateway.networking.k8s.io/v1/HTTPRoute", "kubernetes_sigs_gatewayapi_v1_HTTPRoute"),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", "os_monitoring_v1_ServiceMonitor"),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", "os_monitoring_v1_PrometheusRule"));

    private static final Set<String> FABRIC8_KEYWORDS = Set.of("javaType", "existingJavaType", "javaInterfaces",
            "javaOmitEmpty", "serializer", "deserializer", "interfaceImpls", "interfaceType", "$module", "id");

    private final ObjectMapper mapper = new ObjectMapper();
    /** Every schema/kube-schema.json on the class path, adjusted. */
    private final List<ObjectNode> documents = new ArrayList<>();
    private final Map<String, JsonSchema> validators = new ConcurrentHashMap<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    KubernetesSchemas() throws IOException {
        Enumeration<URL> urls = KubernetesSchemas.class.getClassLoader().getResources("schema/kube-schema.json");
        while (urls.hasMoreElements()) {
            try (InputStream in = urls.nextElement().openStream()) {
                ObjectNode doc = (ObjectNode) mapper.readTree(in);
                ObjectNode definitions = (ObjectNode) doc.get("definitions");
                Map<String, JsonNode> adjusted = new HashMap<>();
                definitions.fields().forEachRemaining(e -> adjusted.put(e.getKey(), adjust(e.getKey(), e.getValue())));
                ObjectNode defs = JsonNodeFactory.instance.objectNode();
                adjusted.forEach(defs::set);
                ObjectNode clean = JsonNodeFactory.instance.objectNode();
                clean.put("$schema", "http://json-schema.org/draft-07/schema#");
                clean.set("definitions", defs);
                documents.add(clean);
            }
        }
        if (documents.size() < 7) {
            throw new IllegalStateException("expected the kube-schema.json of 7 fabric8 model jars on the class path, found "
                    + documents.size());
        }
    }

    /** The validation errors of one rendered object (empty: valid). Unknown kinds are an error too. */
    List<String> validate(JsonNode object) {
        String key = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        String definition = DEFINITIONS.get(key);
        if (definition == null) {
            return List.of(key + ": no Kubernetes schema known for this kind (add it to KubernetesSchemas.DEFINITIONS)");
        }
        JsonSchema schema = validators.computeIfAbsent(definition, this::load);
        Set<ValidationMessage> errors = schema.validate(object);
        return errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.toList());
    }

    private JsonSchema load(String definition) {
        for (ObjectNode doc : documents) {
            if (doc.get("definitions").has(definition)) {
                ObjectNode root = doc.deepCopy();
                root.put("$ref", "#/definitions/" + definition);
                return factory.getSchema(root);
            }
        }
        throw new IllegalStateException("no kube-schema.json defines " + definition);
    }

    private JsonNode adjust(String name, JsonNode node) {
        String javaType = node.path("javaType").asText(node.path("existingJavaType").asText(""));
        if (name.endsWith("_IntOrString") || javaType.endsWith(".IntOrString")) {
            return type("integer", "string");
        }
        if (name.endsWith("_Quantity") || javaType.endsWith(".Quantity")) {
            return type("string", "number");
        }
        if (name.endsWith("_Time") || name.endsWith("_MicroTime") || javaType.endsWith(".MicroTime")) {
            return type("string");
        }
        return strict(node);
    }

    private static ObjectNode type(String... types) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (types.length == 1) {
            o.put("type", types[0]);
        } else {
            ArrayNode a = o.putArray("type");
            for (String t : types) {
                a.add(t);
            }
        }
        return o;
    }

    /** Recursively: drop fabric8 keywords, move required:true up, refuse unknown fields of objects with properties. */
    private static JsonNode strict(JsonNode node) {
        if (node.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> a.add(strict(n)));
            return a;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (FABRIC8_KEYWORDS.contains(e.getKey()) || (e.getKey().equals("required") && e.getValue().isBoolean())) {
                continue;
            }
            if (e.getKey().equals("properties")) {
                ObjectNode props = out.putObject("properties");
                List<String> required = new ArrayList<>();
                e.getValue().fields().forEachRemaining(p -> {
                    if (p.getValue().path("required").asBoolean(false)) {
                        required.add(p.getKey());
                    }
                    props.set(p.getKey(), strict(p.getValue()));
                });
                if (!required.isEmpty()) {
                    ArrayNode r = out.putArray("required");
                    required.forEach(r::add);
                }
                continue;
            }
            out.set(e.getKey(), strict(e.getValue()));
        }
        if (node.has("properties") && node.path("properties").size() > 0 && node.path("additionalProperties").isBoolean()) {
            out.put("additionalProperties", false);
        }
        return out;
    }
}
