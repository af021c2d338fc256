package io.quizplatform.platform.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

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

    @Test
    void everyClassIsInALayer() {
        rules.everyClassInALayer().check(classes);
    }

    @Test
    void domainIsPlainJava() {
        rules.domainIsPlainJava().check(classes);
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
