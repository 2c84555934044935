package org.provenance.ledger.check;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.provenance.ledger.common.Streams;

/** Records part checks; a check id is used once. */
public class CheckCommandHandler {

    private final Repository<CheckRecord> checks;

    public CheckCommandHandler(Repository<CheckRecord> checks) {
        this.checks = checks;
    }

    @CommandHandler
    public String handle(RecordCheck command) throws Exception {
        Streams.requireNew(checks, command.streamId(), "checkId", "check " + command.checkId() + " is already recorded");
        checks.newInstance(() -> new CheckRecord(command));
        return command.checkId();
    }
}
