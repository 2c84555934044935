package org.provenance.ledger.audit.chain;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The encoding, hashing and verification code is shared by the server and the offline verifier, which
 * auditors run from provenance-verify.jar without Spring, a database or the rest of the ledger: it may use
 * the JDK and Jackson's JSON parser, nothing else. The module's pom gives it nothing else to compile
 * against; these rules also keep out what the JDK itself would allow.
 */
@AnalyzeClasses(packages = "org.provenance.ledger.audit", importOptions = ImportOption.DoNotIncludeTests.class)
class ChainArchitectureTest {

    @ArchTest
    static final ArchRule dependsOnTheJdkAndJacksonOnly = classes()
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "org.provenance.ledger.audit.chain..", "java..", "tools.jackson..",
                    "com.fasterxml.jackson.annotation..")
            .because("auditors run it offline, and reimplement it from docs/AUDIT.md");

    @ArchTest
    static final ArchRule touchesNoDatabase = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
            .because("the chain is computed from rows the caller read; the verifier has no database");
}
