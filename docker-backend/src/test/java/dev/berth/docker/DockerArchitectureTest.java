package dev.berth.docker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * docker-java stays behind the backend's internal package (STYLE.md recommendation 10), and the backend sees core only
 * through the SPI and the values it carries (docs/architecture.md).
 */
@AnalyzeClasses(packages = "dev.berth.docker", importOptions = ImportOption.DoNotIncludeTests.class)
class DockerArchitectureTest {

    @ArchTest
    static final ArchRule publicPackageSeesNoDockerJava = noClasses()
            .that().resideOutsideOfPackage("dev.berth.docker.internal..")
            .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..")
            .because("the backend's public types use only the JDK and Berth's types; docker-java is internal");

    @ArchTest
    static final ArchRule backendSeesCoreOnlyThroughTheSpi = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.berth.api..", "dev.berth.json..",
                    "dev.berth.runtime..", "dev.berth.reconciler..", "dev.berth.internal..", "dev.berth.inmemory..",
                    "dev.berth.model.internal..", "dev.berth.scheduler.internal..")
            .because("a backend carries out what Berth's core decides, through the SPI; it is not a user of the API"
                    + " and must not reach into core's internals");
}
