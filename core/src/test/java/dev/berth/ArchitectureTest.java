package dev.berth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

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
 * values               model, task, cluster, service, registry, progress, exception
 * </pre>
 */
@AnalyzeClasses(packages = "dev.berth", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] VALUES = {"dev.berth.model..", "dev.berth.task..", "dev.berth.cluster..",
        "dev.berth.service..", "dev.berth.registry..", "dev.berth.progress..", "dev.berth.exception.."};

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
    static final ArchRule coreDependsOnNoBackendLibrary = noClasses()
            .should().dependOnClassesThat()
            .resideInAnyPackage("com.github.dockerjava..", "software.amazon.awssdk..")
            .because("core must compile and run without docker-java or the AWS SDK (DESIGN.md)");

    @ArchTest
    static final ArchRule jacksonStaysInternal = noClasses()
            .that().resideOutsideOfPackage("dev.berth.internal..")
            .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson..")
            .because("Jackson is an implementation detail; public types use only the JDK and Berth's own types");
}
