package dev.untangle;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The package map of docs/ARCHITECTURE.md, checked by ArchUnit on the compiled main classes
 * ({@link ArchitectureRules}): which top-level packages each package may use, that {@code policy} takes nothing
 * from {@code config} but {@code ConfigException}, that no two packages at any depth use each other (directly or
 * around a longer cycle), and that estimators, loss terms and model kinds are reached only through their
 * registries. The last test runs the same rules on {@code dev.untangle.archfixture}, which breaks each of them.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.untangle";
    private static final String FIXTURE = ROOT + ".archfixture";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void packagesUseOnlyWhatTheMapAllows() {
        ArchitectureRules.layers(ROOT, ArchitectureRules.ALLOWED).check(MAIN);
        ArchitectureRules.policyReadsNoConfiguration(ROOT).check(MAIN);
    }

    @Test
    void noPackageCycleAtAnyDepth() {
        ArchitectureRules.noCycles(ROOT).check(MAIN);
    }

    @Test
    void estimatorsLossTermsAndModelKindsAreReachedOnlyThroughTheirRegistries() {
        for (ArchRule rule : ArchitectureRules.registries(ROOT)) {
            rule.check(MAIN);
        }
    }

    @Test
    void everyRuleCatchesTheFixtureThatBreaksIt() {
        JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE);
        assertFails(ArchitectureRules.layers(FIXTURE, Map.of("a", Set.of(), "b", Set.of("a"))), fixture,
                "Upstream");
        assertFails(ArchitectureRules.noCycles(FIXTURE), fixture, "Cycle");
        for (ArchRule rule : ArchitectureRules.registries(FIXTURE)) {
            assertFails(rule, fixture, "Rogue");
        }
    }

    private static void assertFails(ArchRule rule, JavaClasses classes, String named) {
        AssertionError e = assertThrows(AssertionError.class, () -> rule.check(classes), rule.getDescription());
        assertTrue(e.getMessage().contains(named) && e.getMessage().contains("docs/ARCHITECTURE.md"), e.getMessage());
    }
}
