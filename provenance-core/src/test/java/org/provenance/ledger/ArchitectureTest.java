package org.provenance.ledger;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The domain module stays free of frameworks other than Axon's messaging and modelling: no Spring, no
 * persistence, no JSON mapping. Its events are immutable records.
 */
@AnalyzeClasses(packages = "org.provenance.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainDoesNotDependOnSpring = noClasses()
            .that().resideInAPackage("org.provenance.ledger..")
            .should().dependOnClassesThat().resideInAPackage("org.springframework..")
            .because("the domain is wired into Spring by provenance-api, never the other way round");

    @ArchTest
    static final ArchRule domainDoesNotDependOnPersistence = noClasses()
            .that().resideInAPackage("org.provenance.ledger..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "jakarta.persistence..", "javax.persistence..", "java.sql..", "javax.sql..")
            .because("storage is Axon's event store and the projections' business, not the domain's");

    @ArchTest
    static final ArchRule domainDoesNotDependOnJackson = noClasses()
            .that().resideInAPackage("org.provenance.ledger..")
            .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
            .because("events and commands are plain records; their JSON form is configured outside the domain");

    @ArchTest
    static final ArchRule eventsAreRecords = classes()
            .that().resideInAPackage("org.provenance.ledger..")
            .and().haveSimpleNameEndingWith("Registered")
            .or().haveSimpleNameEndingWith("Extracted")
            .or().haveSimpleNameEndingWith("Transferred")
            .or().haveSimpleNameEndingWith("Consumed")
            .or().haveSimpleNameEndingWith("Produced")
            .or().haveSimpleNameEndingWith("Recorded")
            .should().beRecords()
            .because("events are immutable facts; records make that structural");
}
