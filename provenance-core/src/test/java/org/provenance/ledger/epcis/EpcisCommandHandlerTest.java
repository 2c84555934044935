package org.provenance.ledger.epcis;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.common.CommandValidationInterceptor;
import org.provenance.ledger.common.LedgerConflictException;
import org.provenance.ledger.common.LedgerNotFoundException;

class EpcisCommandHandlerTest {

    private static final String ID = "urn:uuid:6a7d2b9e-0c1f-4f1e-9a43-1b2c3d4e5f60";
    private static final String DECLARATION = "{\"declarationTime\":\"2027-03-10T08:00:00Z\"}";

    private AggregateTestFixture<EpcisEventRecord> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(EpcisEventRecord.class);
        fixture.registerAnnotatedCommandHandler(new EpcisCommandHandler(fixture.getRepository()));
        fixture.registerCommandDispatchInterceptor(new CommandValidationInterceptor());
    }

    private static CaptureEpcisEvent capture() {
        return new CaptureEpcisEvent(ID, ID, "ObjectEvent", "capture-1", "{\"eventID\":\"" + ID + "\"}");
    }

    @Test
    void aCapturedEventIsDeclaredInError() {
        fixture.givenCommands(capture())
               .when(new DeclareEpcisError(ID, ID, "incorrect_data", DECLARATION))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new EpcisErrorDeclared(ID, ID, "incorrect_data", DECLARATION));
    }

    @Test
    void anEventIsDeclaredInErrorOnce() {
        fixture.givenCommands(capture(), new DeclareEpcisError(ID, ID, null, DECLARATION))
               .when(new DeclareEpcisError(ID, ID, null, DECLARATION))
               .expectNoEvents()
               .expectException(LedgerConflictException.class);
    }

    @Test
    void anEventNeverCapturedCannotBeDeclaredInError() {
        fixture.givenNoPriorActivity()
               .when(new DeclareEpcisError(ID, ID, null, DECLARATION))
               .expectNoEvents()
               .expectException(LedgerNotFoundException.class);
    }
}
