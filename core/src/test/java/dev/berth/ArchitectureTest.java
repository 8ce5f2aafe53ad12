package dev.berth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Boundaries of {@code core} that DESIGN.md sets: backend-neutral, Jackson only in internal packages. */
@AnalyzeClasses(packages = "dev.berth", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

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

    @ArchTest
    static final ArchRule modelIsPureData = noClasses()
            .that().resideInAPackage("dev.berth.model..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.berth.api..", "dev.berth.internal.store..")
            .because("the model is plain values that the API and stores use, not the other way round");
}
