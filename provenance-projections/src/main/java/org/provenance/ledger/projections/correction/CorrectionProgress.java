package org.provenance.ledger.projections.correction;

import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far the recompute of a correction has got, on this node, while its batch has not committed
 * yet: readers see the old versions until the batch commits, and the recall report says meanwhile
 * how many downstream lots are done.
 */
@Component
public class CorrectionProgress {

    public record Progress(int lotsDone, int lotsTotal) {
    }

    private final Map<String, Progress> running = new ConcurrentHashMap<>();

    void start(String correctionId, int lotsTotal) {
        running.put(correctionId, new Progress(0, lotsTotal));
    }

    void done(String correctionId, int lotsDone, int lotsTotal) {
        running.put(correctionId, new Progress(lotsDone, lotsTotal));
    }

    /** Forgotten once the batch is over (committed or rolled back: a retry starts again). */
    void finish(String correctionId) {
        running.remove(correctionId);
    }

    public Optional<Progress> of(String correctionId) {
        return Optional.ofNullable(running.get(correctionId));
    }
}
