package org.provenance.ledger.epcis;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.provenance.ledger.common.LedgerNotFoundException;
import org.provenance.ledger.common.Streams;

/** Records captured EPCIS events; an eventID is recorded once. */
public class EpcisCommandHandler {

    private final Repository<EpcisEventRecord> events;

    public EpcisCommandHandler(Repository<EpcisEventRecord> events) {
        this.events = events;
    }

    @CommandHandler
    public String handle(CaptureEpcisEvent command) throws Exception {
        Streams.requireNew(events, command.streamId(), "eventID", "EPCIS event " + command.eventId() + " is already recorded");
        events.newInstance(() -> new EpcisEventRecord(command));
        return command.ledgerId();
    }

    @CommandHandler
    public String handle(DeclareEpcisError command) {
        try {
            events.load(command.streamId()).execute(record -> record.declare(command));
        } catch (AggregateNotFoundException e) {
            throw new LedgerNotFoundException("EPCIS event", command.eventId());
        }
        return command.ledgerId();
    }
}
