package dev.berth.junit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The JUnit extension is a user of Berth's API: it does not reach into core's or the backends' internals. */
@AnalyzeClasses(packages = "dev.berth.junit", importOptions = ImportOption.DoNotIncludeTests.class)
class JunitArchitectureTest {

    @ArchTest
    static final ArchRule usesNoCoreInternals = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.berth.runtime..", "dev.berth.reconciler..",
                    "dev.berth.internal..", "dev.berth.model.internal..", "dev.berth.scheduler.internal..")
            .because("the extension uses Berth as its users do, through the API");

    @ArchTest
    static final ArchRule usesNoBackendInternals = noClasses()
            .should().dependOnClassesThat().resideInAPackage("dev.berth..internal..")
            .because("a backend's internals are its own; clean-up goes through the Docker backend's public"
                    + " DockerCleanup");
}
