package org.provenance.ledger.api.write;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Group commit of single writes from concurrent callers (docs/DESIGN.md, "The write path"): one
 * thread takes whatever writes are queued, in arrival order, and submits them as one write group
 * (one transaction, one append); each caller waits for its own answer, given once the group has
 * committed. It never waits for a group to fill: a lone write is a group of one, taken at once.
 */
final class GroupCommit {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    /** At most this many writes per group: bounds the work a failed group repeats write by write. */
    static final int MAX_GROUP = 100;

    private record Pending(Write write, CompletableFuture<WriteReceipt> answer) {
    }

    private static final Pending STOP = new Pending(null, null);

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Function<List<Write>, List<LedgerWriter.Outcome>> submitAll;
    private final DistributionSummary sizes;
    private final Thread thread;
    private volatile boolean running = true;

    GroupCommit(Function<List<Write>, List<LedgerWriter.Outcome>> submitAll, MeterRegistry meters) {
        this.submitAll = submitAll;
        this.sizes = meters == null ? null
                : DistributionSummary.builder("ledger.write.group.size")
                                     .description("writes per group commit of concurrent single writes")
                                     .register(meters);
        this.thread = new Thread(this::run, "ledger-group-commit");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues the write and waits for its answer; null when group commit has stopped (the caller
     * then writes on its own thread).
     */
    WriteReceipt submit(Write write) {
        if (!running) {
            return null;
        }
        Pending pending = new Pending(write, new CompletableFuture<>());
        queue.add(pending);
        // Stopped while queuing: the coordinator may have left; whoever takes it out answers it.
        if (!running && queue.remove(pending)) {
            return null;
        }
        try {
            return pending.answer().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException refusal) {
                throw refusal;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Writes queued and not yet taken into a group. */
    int queued() {
        return queue.size();
    }

    /** Answers what is queued, then stops; later writes are written on their callers' threads. */
    void stop() {
        running = false;
        queue.add(STOP);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Pending> group = new ArrayList<>(MAX_GROUP);
        while (true) {
            try {
                Pending first = queue.take();
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
            boolean stop = group.remove(STOP) || !running && queue.isEmpty();
            if (!group.isEmpty()) {
                answer(group);
                group.clear();
            }
            if (stop && queue.isEmpty()) {
                return;
            }
        }
    }

    private void answer(List<Pending> group) {
        if (sizes != null) {
            sizes.record(group.size());
        }
        List<LedgerWriter.Outcome> outcomes;
        try {
            outcomes = submitAll.apply(group.stream().map(Pending::write).toList());
        } catch (Throwable e) {
            log.error("A group commit of {} writes failed unexpectedly", group.size(), e);
            group.forEach(p -> p.answer().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            LedgerWriter.Outcome outcome = outcomes.get(i);
            if (outcome.refusal() != null) {
                group.get(i).answer().completeExceptionally(outcome.refusal());
            } else {
                group.get(i).answer().complete(outcome.receipt());
            }
        }
    }
}
