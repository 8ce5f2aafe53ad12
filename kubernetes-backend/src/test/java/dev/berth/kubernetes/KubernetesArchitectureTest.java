package dev.berth.kubernetes;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The Kubernetes backend sees core through the SPI and the values it carries, never through the API or core's
 * internals. It still writes a revision's ECS JSON ({@code dev.berth.json}, a public package) on its workloads'
 * annotations, so that a new process reads a managed service's revision back.
 */
@AnalyzeClasses(packages = "dev.berth.kubernetes", importOptions = ImportOption.DoNotIncludeTests.class)
class KubernetesArchitectureTest {

    @ArchTest
    static final ArchRule backendSeesCoreOnlyThroughTheSpi = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.berth.api..", "dev.berth.runtime..",
                    "dev.berth.reconciler..", "dev.berth.internal..", "dev.berth.inmemory..",
                    "dev.berth.model.internal..", "dev.berth.scheduler.internal..")
            .because("a backend carries out what Berth's core decides, through the SPI; it is not a user of the API"
                    + " and must not reach into core's internals");
}
