package org.provenance.ledger;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.provenance.ledger.bloc.BlocCreated;
import org.provenance.ledger.bloc.MemberAdmitted;
import org.provenance.ledger.bloc.MembershipEnded;
import org.provenance.ledger.bloc.PriceFloorSet;
import org.provenance.ledger.facility.FacilityRegistered;
import org.provenance.ledger.flag.FlagReviewed;
import org.provenance.ledger.lot.LotTransferred;
import org.provenance.ledger.transformation.TransformationRecorded;

import java.util.LinkedHashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
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
            .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson..", "tools.jackson..")
            .because("events and commands are plain records; their JSON form is configured outside the domain");

    /**
     * Events are found as what they are rather than by name: the payload types of the aggregates'
     * event-sourcing handlers, together with every member of the sealed families those belong to
     * (so an event no aggregate handles, such as PriceFloorSet, is found through its family).
     */
    @ArchTest
    static void eventsAreRecords(JavaClasses classes) {
        Set<Class<?>> events = new LinkedHashSet<>();
        classes.stream()
               .flatMap(c -> c.getMethods().stream())
               .filter(m -> m.isAnnotatedWith(EventSourcingHandler.class))
               .map(m -> m.getRawParameterTypes().get(0).reflect())
               .forEach(type -> addWithFamily(events, type));

        // The five a name-suffix rule missed, and one event of each other aggregate: a discovery that
        // finds too little fails here.
        assertThat(events).contains(BlocCreated.class, MemberAdmitted.class, MembershipEnded.class,
                                    PriceFloorSet.class, FlagReviewed.class, LotTransferred.class,
                                    TransformationRecorded.class, FacilityRegistered.class);
        assertThat(events).as("events are immutable facts; records make that structural")
                          .allSatisfy(event -> assertThat(event.isRecord()).as(event.getName()).isTrue());
    }

    private static void addWithFamily(Set<Class<?>> events, Class<?> type) {
        if (type.isSealed()) {
            for (Class<?> member : type.getPermittedSubclasses()) {
                addWithFamily(events, member);
            }
            return;
        }
        if (!events.add(type)) {
            return;
        }
        for (Class<?> family : type.getInterfaces()) {
            if (family.isSealed()) {
                addWithFamily(events, family);
            }
        }
    }
}
