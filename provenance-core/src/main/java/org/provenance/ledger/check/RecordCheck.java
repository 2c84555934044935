package org.provenance.ledger.check;

import org.provenance.ledger.common.StreamIds;
import org.provenance.ledger.common.ValidatedCommand;
import org.provenance.ledger.common.Validation;

import java.time.Instant;
import java.util.List;

/** Records that a part check was answered, with its signed receipt. */
public record RecordCheck(String checkId, String policy, Instant asOf, String reference, List<PartChecked.Item> items,
                          String answerSha256, String receipt) implements ValidatedCommand {

    @Override
    public void validate(Validation check) {
        check.id("checkId", checkId).present("policy", policy).present("items", items)
             .present("answerSha256", answerSha256).present("receipt", receipt);
    }

    public String streamId() {
        return StreamIds.check(checkId);
    }
}
