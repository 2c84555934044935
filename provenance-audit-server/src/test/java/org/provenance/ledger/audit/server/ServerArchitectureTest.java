package org.provenance.ledger.audit.server;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The audit server sits beside the application, not inside it: the application depends on it and
 * scans it, never the other way round, so the audit trail can be reviewed, tested and upgraded
 * without the rest of the ledger. Of the ledger's own code it may use the chain core only; it reads
 * the event table through SQL, not through Axon or the domain.
 */
@AnalyzeClasses(packages = "org.provenance.ledger.audit.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ServerArchitectureTest {

    @ArchTest
    static final ArchRule usesNoLedgerCodeButTheChainCore = classes()
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("org.provenance.ledger..")
                                                      .or(resideInAPackage("org.provenance.ledger.audit..")))
            .because("provenance-api depends on the audit server, not the reverse");

    @ArchTest
    static final ArchRule knowsNothingOfAxon = classes()
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("org.axonframework.."))
            .because("the chain covers the rows as stored, read with SQL, whatever wrote them");
}
