package dev.berth.aws;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The AWS backend sees core only through the SPI and the values it carries, and the Docker backend only through its
 * public types plus the one engine transfer ECR pushes go through (docs/architecture.md).
 */
@AnalyzeClasses(packages = "dev.berth.aws", importOptions = ImportOption.DoNotIncludeTests.class)
class AwsArchitectureTest {

    @ArchTest
    static final ArchRule backendSeesCoreOnlyThroughTheSpi = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.berth.api..", "dev.berth.json..",
                    "dev.berth.runtime..", "dev.berth.reconciler..", "dev.berth.internal..", "dev.berth.inmemory..",
                    "dev.berth.model.internal..", "dev.berth.scheduler.internal..")
            .because("a backend carries out what Berth's core decides, through the SPI; it is not a user of the API"
                    + " and must not reach into core's internals");

    @ArchTest
    static final ArchRule dockerInternalsOnlyForEnginePushes = noClasses()
            .should().dependOnClassesThat(resideInAPackage("dev.berth.docker..internal..")
                    .and(not(simpleName("EngineTransfer"))))
            .because("the Docker backend's internals are its own; ECR pushes and pulls through the engine are the one"
                    + " documented exception (EngineTransfer)");
}
