package org.provenance.ledger.api.flag;

import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.api.write.LedgerWriter;
import org.provenance.ledger.api.write.Write;
import org.provenance.ledger.api.write.WriteKind;
import org.provenance.ledger.flag.ReviewFlag;
import org.springframework.stereotype.Component;

/** Reviewing a flag, callable without HTTP (REST, batch lines, batch jobs). */
@Component
public class FlagWrites {

    private final LedgerWriter writer;
    private final ProjectionBarrier barrier;

    public FlagWrites(LedgerWriter writer, ProjectionBarrier barrier) {
        this.writer = writer;
        this.barrier = barrier;
    }

    /**
     * Whether a flag was raised is read from the flags' read model, so the review waits until that
     * model has seen every write this node acknowledged (the flag was raised by one of them); a
     * review therefore never shares a write group with the write that raised its flag.
     */
    public Write review(String flagId, FlagController.ReviewRequest request) {
        WriteKind.REVIEW.requireRole();
        barrier.awaitAcknowledgedWrites();
        return writer.prepareByContent(WriteKind.REVIEW, flagId, request,
                new ReviewFlag(flagId, request.decision(), request.note()));
    }
}
