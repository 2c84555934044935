package org.provenance.ledger.flag;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.Repository;
import org.provenance.ledger.common.LedgerNotFoundException;
import org.provenance.ledger.common.StreamIds;

/**
 * Records reviews. Whether the flag exists is a fact of the read side (flags are computed), so
 * the caller supplies a {@link RaisedFlags} view of it.
 */
public class FlagCommandHandler {

    /** The flags projection, as the write side sees it. */
    public interface RaisedFlags {
        boolean exists(String flagId);
    }

    private final Repository<FlagReview> reviews;
    private final RaisedFlags raised;

    public FlagCommandHandler(Repository<FlagReview> reviews, RaisedFlags raised) {
        this.reviews = reviews;
        this.raised = raised;
    }

    @CommandHandler
    public String handle(ReviewFlag command, CommandMessage<?> message) throws Exception {
        if (!raised.exists(command.flagId())) {
            throw new LedgerNotFoundException("flag", command.flagId());
        }
        String reviewer = String.valueOf(message.getMetaData().getOrDefault("principal", "anonymous"));
        reviews.loadOrCreate(StreamIds.flag(command.flagId()), FlagReview::new)
               .execute(review -> review.review(command, reviewer));
        return command.flagId();
    }
}
