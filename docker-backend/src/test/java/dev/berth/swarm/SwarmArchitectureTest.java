package dev.berth.swarm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.berth.swarm", importOptions = ImportOption.DoNotIncludeTests.class)
class SwarmArchitectureTest {

    @ArchTest
    static final ArchRule publicPackageSeesNoDockerJavaNorJackson = noClasses()
            .that().resideOutsideOfPackage("dev.berth.swarm.internal..")
            .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..", "com.fasterxml.jackson..")
            .because("the Swarm backend's public types use only the JDK and Berth's types; the engine's API is"
                    + " internal");

    @ArchTest
    static final ArchRule backendSeesCoreOnlyThroughTheSpi = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.berth.api..", "dev.berth.json..",
                    "dev.berth.runtime..", "dev.berth.reconciler..", "dev.berth.internal..", "dev.berth.inmemory..",
                    "dev.berth.model.internal..", "dev.berth.scheduler.internal..")
            .because("a backend carries out what Berth's core decides, through the SPI; it is not a user of the API"
                    + " and must not reach into core's internals (as DockerArchitectureTest says of the Docker"
                    + " backend)");
}
