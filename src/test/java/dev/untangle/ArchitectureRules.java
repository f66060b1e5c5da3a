package dev.untangle;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import dev.untangle.config.ConfigException;
import dev.untangle.policy.DecoderPolicy;
import dev.untangle.rl.ModelKind;
import dev.untangle.rl.ModelKinds;
import dev.untangle.rl.advantage.AdvantageEstimator;
import dev.untangle.rl.advantage.AdvantageEstimators;
import dev.untangle.rl.loss.LossTerm;
import dev.untangle.rl.loss.LossTerms;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rules of docs/ARCHITECTURE.md as ArchUnit rules, built over a root package so that {@link ArchitectureTest}
 * applies them to the main classes and to a fixture package that breaks each of them.
 */
final class ArchitectureRules {

    /** Where a failure sends the reader. */
    static final String MAP = "the package map is docs/ARCHITECTURE.md: change it there first, and say why";

    /** Top-level package -> the other top-level packages it may use ({@code cli} wires everything). */
    static final Map<String, Set<String>> ALLOWED = new TreeMap<>(Map.of(
            "config", Set.of(),
            "env", Set.of(),
            "policy", Set.of("config"),
            "eval", Set.of("env", "policy"),
            "rl", Set.of("config", "env", "eval", "policy"),
            "report", Set.of("rl"),
            "coupling", Set.of("config", "env", "eval", "policy", "report", "rl"),
            "experiment", Set.of("config", "coupling", "env", "report", "rl"),
            "cli", Set.of("config", "coupling", "env", "eval", "experiment", "policy", "report", "rl")));

    private ArchitectureRules() {
    }

    /**
     * Each top-level package below {@code root} uses only the packages {@code allowed} names (its own
     * subpackages included), and every class below {@code root} lies in one of them.
     */
    static ArchRule layers(String root, Map<String, Set<String>> allowed) {
        LayeredArchitecture arch = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture();
        for (String pkg : allowed.keySet()) {
            arch = arch.layer(pkg).definedBy(root + "." + pkg + "..");
        }
        for (Map.Entry<String, Set<String>> e : allowed.entrySet()) {
            arch = e.getValue().isEmpty() ? arch.whereLayer(e.getKey()).mayNotAccessAnyLayer()
                    : arch.whereLayer(e.getKey()).mayOnlyAccessLayers(e.getValue().toArray(String[]::new));
        }
        return arch.because(MAP);
    }

    /** {@code policy} takes nothing from {@code config} but {@link ConfigException}. */
    static ArchRule policyReadsNoConfiguration(String root) {
        return noClasses().that().resideInAPackage(root + ".policy..")
                .should().dependOnClassesThat(DescribedPredicate.describe("are in " + root + ".config.. other than "
                        + "ConfigException", c -> c.getPackageName().startsWith(root + ".config")
                        && !c.isEquivalentTo(ConfigException.class)))
                .because("the configuration is read in one place, config, and rl.ModelPolicyFactory turns it into "
                        + "policy value types; " + MAP);
    }

    /** No cycle between the packages below {@code root}, at every depth (a package and its subpackages too). */
    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles().because(MAP);
    }

    /**
     * Concrete estimators, loss terms and model kinds are constructed only by their registries (constructor calls
     * and constructor references alike); and outside {@code policy}, only a model kind creates or loads a model, a
     * concrete {@link DecoderPolicy} (decorators such as {@code ForwardingPolicy}s wrap a model and are free).
     */
    static List<ArchRule> registries(String root) {
        return List.of(
                constructedOnlyBy(AdvantageEstimator.class, AdvantageEstimators.class),
                constructedOnlyBy(LossTerm.class, LossTerms.class),
                constructedOnlyBy(ModelKind.class, ModelKinds.class),
                noClasses().that().resideOutsideOfPackage(root + ".policy..")
                        .and().areNotAssignableTo(ModelKind.class)
                        .should().accessTargetWhere(createsConcrete(DecoderPolicy.class, true))
                        .because("a model is reached by its model.kind through rl.ModelKinds; " + MAP));
    }

    private static ArchRule constructedOnlyBy(Class<?> kind, Class<?> registry) {
        return noClasses().that().doNotBelongToAnyOf(registry).and().areNotAssignableTo(kind)
                .should().accessTargetWhere(createsConcrete(kind, false))
                .because("a " + kind.getSimpleName() + " is chosen by name through " + registry.getSimpleName()
                        + "; " + MAP);
    }

    /**
     * An access to a constructor of a concrete class assignable to {@code kind}; with {@code factories}, also to a
     * static method of such a class that returns one (its {@code create} or {@code load}).
     */
    private static DescribedPredicate<JavaAccess<?>> createsConcrete(Class<?> kind, boolean factories) {
        String what = "constructs" + (factories ? " or loads" : "") + " a concrete " + kind.getSimpleName();
        return DescribedPredicate.describe(what, access -> {
            JavaClass owner = access.getTargetOwner();
            if (!owner.isAssignableTo(kind) || owner.isInterface() || owner.getModifiers().contains(
                    JavaModifier.ABSTRACT)) {
                return false;
            }
            if (access.getTarget().getName().equals(JavaConstructor.CONSTRUCTOR_NAME)) {
                return true;
            }
            return factories && access.getTarget().resolveMember()
                    .filter(m -> m instanceof JavaCodeUnit u && u.getModifiers().contains(JavaModifier.STATIC)
                            && u.getRawReturnType().isAssignableTo(kind))
                    .isPresent();
        });
    }
}
