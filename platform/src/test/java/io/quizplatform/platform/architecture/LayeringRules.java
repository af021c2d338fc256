package io.quizplatform.platform.architecture;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of a service, written once for all four (docs/ARCHITECTURE.md, "Layering rules"). Each service
 * checks its own classes ({@code io.quizplatform.<service>..}) with {@link LayeringRulesTest}.
 *
 * <p>A rule that {@link FreezingArchRule freezes} its violations fails only on violations that are not in the
 * service's store ({@code src/test/resources/archunit_store}): the known debt is listed there, anything new fails.
 */
public final class LayeringRules {

    /** What a domain class may not touch: frameworks, wire formats, databases, and the platform's plumbing. */
    static final String[] NOT_FOR_THE_DOMAIN = {
            "jakarta..", "javax.persistence..", "org.apache.kafka..", "redis.clients..", "java.sql..",
            "org.eclipse.microprofile..", "io.quizplatform.platform.."};

    /** HTTP, servlet and WebSocket types: the api layer's business. */
    static final String[] PROTOCOL_TYPES = {"jakarta.ws.rs..", "jakarta.servlet..", "jakarta.websocket.."};

    private final String root;

    public LayeringRules(String servicePackage) {
        this.root = servicePackage;
    }

    private String layer(String name) {
        return root + "." + name + "..";
    }

    /** Every class is in one of the four layers, so none escapes the rules below. */
    public ArchRule everyClassInALayer() {
        return classes().should().resideInAnyPackage(
                        layer("domain"), layer("application"), layer("infrastructure"), layer("api"))
                .because("a class outside the four layers would escape the layering rules");
    }

    /** 1. The domain is plain Java: no framework, no outer layer. */
    public ArchRule domainIsPlainJava() {
        String[] forbidden = concat(NOT_FOR_THE_DOMAIN,
                layer("application"), layer("infrastructure"), layer("api"));
        return FreezingArchRule.freeze(noClasses().that().resideInAPackage(layer("domain"))
                .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .because("aggregates, events, rules and repository ports are tested and read without a container"));
    }

    /**
     * 1b. Neither the domain nor the use cases see Kafka or tracing: records, headers and spans are the
     * infrastructure's and the platform's business (the platform carries trace context for them).
     */
    public ArchRule insideKnowsNoKafkaNorTracing() {
        return noClasses().that().resideInAnyPackage(layer("domain"), layer("application"))
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.opentelemetry..")
                .because("a use case is the same whether it is traced or not, and whatever carries its events");
    }

    /** 2a. The use cases speak no protocol: no api class, no HTTP, servlet or WebSocket type. */
    public ArchRule applicationSpeaksNoProtocol() {
        return noClasses().that().resideInAPackage(layer("application"))
                .should().dependOnClassesThat().resideInAnyPackage(concat(PROTOCOL_TYPES, layer("api")))
                .because("a use case is the same whether REST, a WebSocket or a consumer calls it");
    }

    /**
     * 2b. The use cases throw no HTTP problems: {@code ProblemException} and {@code Problem} (platform's api package)
     * carry status codes, which the api layer should choose from domain or application exceptions.
     */
    public ArchRule applicationThrowsNoHttpProblems() {
        return FreezingArchRule.freeze(noClasses().that().resideInAPackage(layer("application"))
                .should().dependOnClassesThat().resideInAPackage("io.quizplatform.platform.api..")
                .because("status codes are chosen in the api layer, from domain or application exceptions"));
    }

    /**
     * 2c. The use cases reach persistence, messaging and Redis through ports (interfaces in domain or application)
     * that infrastructure implements, never through the implementing classes.
     */
    public ArchRule applicationUsesPortsNotAdapters() {
        return FreezingArchRule.freeze(noClasses().that().resideInAPackage(layer("application"))
                .should().dependOnClassesThat().resideInAPackage(layer("infrastructure"))
                .because("a use case depends on a port beside its aggregate, infrastructure implements it"));
    }

    /** 3. Nothing but api uses api (resources, WebSocket endpoints, DTOs are the outermost ring). */
    public ArchRule onlyApiUsesApi() {
        return noClasses().that().resideOutsideOfPackage(layer("api"))
                .should().dependOnClassesThat().resideInAPackage(layer("api"))
                .because("the api layer adapts the use cases to HTTP and WebSocket; nothing inside depends on it");
    }

    /** 4. Infrastructure does not use api (a consumer or a scheduler reaches a socket through a port). */
    public ArchRule infrastructureDoesNotUseApi() {
        return noClasses().that().resideInAPackage(layer("infrastructure"))
                .should().dependOnClassesThat().resideInAPackage(layer("api"))
                .because("adapters on the inside (database, Kafka, Redis) and on the outside (HTTP) stay apart");
    }

    /** 5. No cycles between the top-level packages of the service. */
    public ArchRule noCyclesBetweenLayers() {
        return FreezingArchRule.freeze(slices().matching(root + ".(*)..").namingSlices("$1")
                .should().beFreeOfCycles()
                .because("dependencies between the layers point one way"));
    }

    /** The rules whose known violations are kept in the service's store. */
    public java.util.List<ArchRule> frozen() {
        return java.util.List.of(domainIsPlainJava(), applicationThrowsNoHttpProblems(),
                applicationUsesPortsNotAdapters(), noCyclesBetweenLayers());
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
