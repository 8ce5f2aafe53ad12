package dev.berth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The structure of {@code core} (docs/architecture.md): no cycles between packages, layers that only look down, and
 * internal packages that stay inside. Each rule fails the build when the structure is broken.
 *
 * <pre>
 * api, json            the public entry points            -> everything below
 * runtime              controller loop, launcher, waiters -> reconciler, scheduler, spi, internal, values
 * internal             stores, JSON codecs                -> reconciler, values
 * reconciler           the pure service scheduler         -> values
 * scheduler            the pure placement engine          -> values
 * spi                  what backends implement            -> values
 * inmemory             the simulated backend              -> spi, scheduler, values
 * values               model, task, cluster, service, registry, progress, exception, network
 * </pre>
 */
@AnalyzeClasses(packages = "dev.berth", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Packages whose types are not Berth's API, whatever their visibility: their package-info says so. */
    static final String[] INTERNAL = {"..internal..", "dev.berth.runtime..", "dev.berth.reconciler.."};

    private static final String[] VALUES = {"dev.berth.model..", "dev.berth.task..", "dev.berth.cluster..",
        "dev.berth.service..", "dev.berth.registry..", "dev.berth.progress..", "dev.berth.exception..",
        "dev.berth.network.."};

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("dev.berth.(*)..").should().beFreeOfCycles()
            .because("each top-level package is one concern; a cycle makes two of them one");

    @ArchTest
    static final ArchRule layersOnlyLookDown = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Api").definedBy("dev.berth.api..", "dev.berth.json..")
            .layer("Runtime").definedBy("dev.berth.runtime..")
            .layer("Internal").definedBy("dev.berth.internal..")
            .layer("Reconciler").definedBy("dev.berth.reconciler..")
            .layer("Scheduler").definedBy("dev.berth.scheduler..")
            .layer("Spi").definedBy("dev.berth.spi..")
            .layer("InMemory").definedBy("dev.berth.inmemory..")
            .layer("Values").definedBy(VALUES)
            .whereLayer("Api").mayNotBeAccessedByAnyLayer()
            .whereLayer("InMemory").mayNotBeAccessedByAnyLayer()
            .whereLayer("Runtime").mayOnlyAccessLayers("Reconciler", "Scheduler", "Spi", "Internal", "Values")
            .whereLayer("Internal").mayOnlyAccessLayers("Reconciler", "Values")
            .whereLayer("Reconciler").mayOnlyAccessLayers("Values")
            .whereLayer("Scheduler").mayOnlyAccessLayers("Values")
            .whereLayer("Spi").mayOnlyAccessLayers("Values")
            .whereLayer("InMemory").mayOnlyAccessLayers("Spi", "Scheduler", "Values")
            .whereLayer("Values").mayNotAccessAnyLayer()
            .because("the pure cores (placement, reconciliation) and the SPI know nothing of the loop or the API"
                    + " above them (docs/architecture.md)");

    @ArchTest
    static final ArchRule schedulerInternalsStayInTheScheduler = classes()
            .that().resideInAPackage("dev.berth.scheduler.internal..")
            .should().onlyBeAccessed().byAnyPackage("dev.berth.scheduler..")
            .because("the placement index is the engine's business; callers use PlacementEngine");

    @ArchTest
    static final ArchRule validationStaysInTheModel = classes()
            .that().resideInAPackage("dev.berth.model.internal..")
            .should().onlyBeAccessed().byAnyPackage("dev.berth.model..")
            .because("task definitions validate themselves as they are built");

    @ArchTest
    static final ArchRule internalPackagesServeTheApiAndTheRuntime = classes()
            .that().resideInAPackage("dev.berth.internal..")
            .should().onlyBeAccessed().byAnyPackage("dev.berth.internal..", "dev.berth.runtime..", "dev.berth.api..",
                    "dev.berth.json..")
            .because("stores and codecs are implementation details of the API and the runtime");

    @ArchTest
    static final ArchRule publicMethodsExposeNoInternalType = codeUnits()
            .that(arePublicApi())
            .should(exposeNoInternalType())
            .because("a type in an internal package may change in any release, so the API must not hand it out");

    @ArchTest
    static final ArchRule publicFieldsExposeNoInternalType = fields()
            .that().arePublic().and().areDeclaredInClassesThat().arePublic()
            .and().areDeclaredInClassesThat().resideOutsideOfPackages(INTERNAL)
            .should(new ArchCondition<JavaField>("not be of an internal type") {
                @Override
                public void check(JavaField field, ConditionEvents events) {
                    reportInternal(field.getDescription(), Stream.of(field.getType()), events);
                }
            });

    @ArchTest
    static final ArchRule coreDependsOnNoBackendLibrary = noClasses()
            .should().dependOnClassesThat()
            .resideInAnyPackage("com.github.dockerjava..", "software.amazon.awssdk..")
            .because("core must compile and run without docker-java or the AWS SDK (DESIGN.md)");

    @ArchTest
    static final ArchRule jacksonStaysInternal = noClasses()
            .that().resideOutsideOfPackage("dev.berth.internal..")
            .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson..")
            .because("Jackson is an implementation detail; public types use only the JDK and Berth's own types");

    /** Public methods and constructors of public classes outside the internal packages. */
    static DescribedPredicate<JavaCodeUnit> arePublicApi() {
        return DescribedPredicate.describe("are public API", unit -> unit.getModifiers().contains(JavaModifier.PUBLIC)
                && unit.getOwner().getModifiers().contains(JavaModifier.PUBLIC)
                && !isInternal(unit.getOwner()) && !unit.getOwner().isAnonymousClass());
    }

    /** Fails for a signature (return type, parameters, thrown types, with their type arguments) naming an internal type. */
    static ArchCondition<JavaCodeUnit> exposeNoInternalType() {
        return new ArchCondition<>("expose no type of an internal package") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                Stream<JavaType> signature = Stream.concat(Stream.concat(Stream.of(unit.getReturnType()),
                        unit.getParameterTypes().stream()), unit.getThrowsClause().getTypes().stream());
                reportInternal(unit.getDescription(), signature, events);
            }
        };
    }

    private static void reportInternal(String where, Stream<JavaType> types, ConditionEvents events) {
        types.flatMap(type -> type.getAllInvolvedRawTypes().stream())
                .filter(ArchitectureTest::isInternal)
                .distinct()
                .forEach(type -> events.add(SimpleConditionEvent.violated(type,
                        where + " exposes " + type.getName() + ", a type of an internal package")));
    }

    static boolean isInternal(JavaClass type) {
        String name = type.getPackageName();
        return name.startsWith("dev.berth.") && (Set.of(name.split("\\.")).contains("internal")
                || name.startsWith("dev.berth.runtime") || name.startsWith("dev.berth.reconciler"));
    }
}
