package io.quizplatform.platform.architecture;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The {@link LayeringRules} on one service's production classes. A service extends it with its root package:
 * <pre>{@code class LayeringTest extends LayeringRulesTest { LayeringTest() { super("io.quizplatform.quiz"); } }}</pre>
 * Frozen rules read their known violations from the service's {@code src/test/resources/archunit_store}
 * (archunit.properties in this test-jar).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LayeringRulesTest {

    private final String root;
    private final LayeringRules rules;
    private JavaClasses classes;

    protected LayeringRulesTest(String servicePackage) {
        this.root = servicePackage;
        this.rules = new LayeringRules(servicePackage);
    }

    @BeforeAll
    void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
    }

    /**
     * The store lists exactly the frozen rules. Runs before any rule: ArchUnit would otherwise record a rule it
     * has not seen (a reworded rule, say) with all its current violations, and the build would pass. Without a store
     * there is nothing to compare: the frozen rules then fail, unless creating the store was asked for.
     */
    @BeforeAll
    void storeKnowsEveryFrozenRule() throws IOException {
        String store = ArchConfiguration.get().getSubProperties("freeze.store").getProperty("default.path");
        Path index = Path.of(store, "stored.rules");
        if (!Files.exists(index)) {
            return; // no store: the frozen rules fail, unless creating one was asked for
        }
        Properties stored = new Properties();
        try (Reader in = Files.newBufferedReader(index)) {
            stored.load(in);
        }
        Set<String> expected = rules.frozen().stream().map(ArchRule::getDescription)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, new TreeSet<>(stored.stringPropertyNames()),
                "the frozen rules of " + root + " and the rules in " + store + "/stored.rules; after changing a rule,"
                        + " delete the store and run with -Darchunit.freeze.store.default.allowStoreCreation=true");
    }

    @Test
    void everyClassIsInALayer() {
        rules.everyClassInALayer().check(classes);
    }

    @Test
    void domainIsPlainJava() {
        rules.domainIsPlainJava().check(classes);
    }

    @Test
    void insideKnowsNoKafkaNorTracing() {
        rules.insideKnowsNoKafkaNorTracing().check(classes);
    }

    @Test
    void applicationSpeaksNoProtocol() {
        rules.applicationSpeaksNoProtocol().check(classes);
    }

    @Test
    void applicationThrowsNoHttpProblems() {
        rules.applicationThrowsNoHttpProblems().check(classes);
    }

    @Test
    void applicationUsesPortsNotAdapters() {
        rules.applicationUsesPortsNotAdapters().check(classes);
    }

    @Test
    void onlyApiUsesApi() {
        rules.onlyApiUsesApi().check(classes);
    }

    @Test
    void infrastructureDoesNotUseApi() {
        rules.infrastructureDoesNotUseApi().check(classes);
    }

    @Test
    void noCyclesBetweenLayers() {
        rules.noCyclesBetweenLayers().check(classes);
    }
}
