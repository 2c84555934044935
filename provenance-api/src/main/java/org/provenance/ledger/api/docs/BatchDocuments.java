package org.provenance.ledger.api.docs;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * Shapes of the batch endpoints, for the OpenAPI document only: the batch controllers read and
 * write NDJSON and JSON trees by hand (a line at a time, never a whole batch in memory), so there
 * is no Java type springdoc could describe them from. These follow what BatchController and
 * BatchJobController write.
 */
public final class BatchDocuments {

    private BatchDocuments() {
    }

    @Schema(name = "BatchLine", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
            description = "One write: the body of the single endpoint for its type, plus type and the ids that "
                          + "endpoint takes from its path (blocId and country for admission and departure; blocId, "
                          + "mineral and form for price-floor; flagId for review). Each line needs the role its "
                          + "single endpoint needs.")
    public record Line(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "extraction",
                    allowableValues = {"facility", "bloc", "admission", "departure", "price-floor", "extraction",
                                       "registration", "transformation", "transfer", "review"})
            String type,
            String blocId, String country, String mineral, String form, String flagId) {
    }

    @Schema(name = "BatchAnswer", description = "The answer to one line: id and position when recorded (201), "
                                                + "the problem otherwise")
    public record Answer(
            @Schema(description = "The line's number, counting non-blank lines from 1", example = "1") long line,
            @Schema(description = "What the single endpoint would have answered", example = "201") int status,
            @Schema(example = "ORE-1") String id,
            @Schema(example = "42") Long position,
            ProblemDocument problem) {
    }

    @Schema(name = "BatchSummary", description = "The last line of a batch's answer")
    public record Summary(Counts summary) {

        public record Counts(long lines, long succeeded, long failed) {
        }
    }

    @Schema(name = "BatchJob", description = "A batch job: progress, and (in a job's own status) its first refused "
                                             + "lines")
    public record Job(
            @Schema(description = "The job's id", format = "uuid") String jobID,
            boolean running,
            @Schema(description = "Finished with no line refused") boolean success,
            String submitter,
            Instant submittedAt,
            @Schema(description = "null while running") Instant finishedAt,
            long lines, long processed, long succeeded, long failed,
            @Schema(description = "processed / lines, 0 to 1", example = "0.25") double progress,
            @Schema(description = "Where the per-line answers are read", example = "/api/batch-jobs/{id}/answers")
            String answers,
            @Schema(description = "The first 100 refused lines (only in GET /api/batch-jobs/{id} and the 202)")
            List<Answer> errors,
            @Schema(description = "More lines were refused than errors lists; page through answers?failed=true")
            Boolean errorsTruncated) {
    }

    @Schema(name = "BatchJobPage")
    public record JobPage(List<Job> items, int page, int size, long total) {
    }

    @Schema(name = "BatchAnswerPage")
    public record AnswerPage(List<Answer> items, int page, int size, long total) {
    }
}
