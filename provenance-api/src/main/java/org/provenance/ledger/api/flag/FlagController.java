package org.provenance.ledger.api.flag;

import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.api.web.Created;
import org.provenance.ledger.api.web.NotFoundException;
import org.provenance.ledger.api.write.LedgerWriter;
import org.provenance.ledger.api.write.WriteReceipt;
import org.provenance.ledger.common.FieldError;
import org.provenance.ledger.common.InvalidCommandException;
import org.provenance.ledger.flag.FlagType;
import org.provenance.ledger.flag.ReviewDecision;
import org.provenance.ledger.flag.ReviewFlag;
import org.provenance.ledger.projections.flag.FlagQueries;
import org.provenance.ledger.projections.flag.FlagView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

@RestController
@RequestMapping("/api/flags")
public class FlagController {

    public record ReviewRequest(ReviewDecision decision, String note) {
    }

    static final int MAX_PAGE_SIZE = 500;

    private final LedgerWriter writer;
    private final FlagQueries flags;
    private final ProjectionBarrier barrier;

    public FlagController(LedgerWriter writer, FlagQueries flags, ProjectionBarrier barrier) {
        this.writer = writer;
        this.flags = flags;
        this.barrier = barrier;
    }

    @GetMapping
    FlagQueries.Page search(@RequestParam(required = false) String status, @RequestParam(required = false) String type,
                            @RequestParam(required = false) String facilityId,
                            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        List<FieldError> errors = new ArrayList<>();
        if (status != null && !List.of("OPEN", "FALSE_POSITIVE", "ACCEPTED_RISK", "CONFIRMED").contains(status)) {
            errors.add(new FieldError("status", "must be one of OPEN, FALSE_POSITIVE, ACCEPTED_RISK, CONFIRMED"));
        }
        if (type != null && java.util.Arrays.stream(FlagType.values()).noneMatch(t -> t.name().equals(type))) {
            errors.add(new FieldError("type", "must be one of " + java.util.Arrays.toString(FlagType.values())
                                                                                  .replaceAll("[\\[\\]]", "")));
        }
        if (page < 0) {
            errors.add(new FieldError("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.add(new FieldError("size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        if (!errors.isEmpty()) {
            throw new InvalidCommandException(errors);
        }
        barrier.awaitAcknowledgedWrites();
        return flags.search(new FlagQueries.Filter(status, type, facilityId), page, size);
    }

    @GetMapping("/{flagId}")
    FlagView get(@PathVariable String flagId) {
        barrier.awaitAcknowledgedWrites();
        return flags.find(flagId).orElseThrow(() -> new NotFoundException("flag", flagId));
    }

    /** Reviews are append-only: a later review of the same flag supersedes the earlier one's status. */
    @PostMapping("/{flagId}/reviews")
    public ResponseEntity<WriteReceipt> review(@PathVariable String flagId, @RequestBody ReviewRequest request) {
        // The flag must be visible to this client before it can be reviewed: it was raised by a write it saw.
        barrier.awaitAcknowledgedWrites();
        WriteReceipt receipt = writer.submitByContent("review", flagId, request,
                new ReviewFlag(flagId, request.decision(), request.note()));
        return Created.at("/api/flags/" + flagId, receipt);
    }
}
