package org.provenance.ledger.api.audit.chain;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The encoding, hashing and verification code is shared by the server and the offline verifier, which
 * runs from the jar without Spring, a database or the rest of the ledger: it may use the JDK and
 * Jackson's JSON parser, nothing else.
 */
@AnalyzeClasses(packages = "org.provenance.ledger.api.audit.chain", importOptions = ImportOption.DoNotIncludeTests.class)
class ChainPackageArchitectureTest {

    @ArchTest
    static final ArchRule dependsOnTheJdkAndJacksonOnly = classes()
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "org.provenance.ledger.api.audit.chain..", "java..", "com.fasterxml.jackson..")
            .because("auditors run it offline, and reimplement it from docs/AUDIT.md");
}
