package org.provenance.ledger.api.docs;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * The shape of every error (SPEC 7), for the OpenAPI document only: the ledger writes Spring's
 * ProblemDetail, whose extra properties (errors, projection) a schema cannot see by reflection.
 */
@Schema(name = "Problem", description = "An RFC 9457 problem document (application/problem+json)")
public record ProblemDocument(
        @Schema(description = "A stable code clients can branch on", example = "/problems/not-found",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String type,
        @Schema(example = "Not found", requiredMode = Schema.RequiredMode.REQUIRED)
        String title,
        @Schema(example = "404", requiredMode = Schema.RequiredMode.REQUIRED)
        int status,
        @Schema(description = "What went wrong and how to fix it; never a class name, SQL or stack trace",
                example = "lot LOT-1 does not exist", requiredMode = Schema.RequiredMode.REQUIRED)
        String detail,
        @Schema(description = "The request path", example = "/api/lots/LOT-1")
        String instance,
        @Schema(description = "For validation: each offending field")
        List<FieldProblem> errors,
        @Schema(description = "For 503 from the read models: the projection that cannot answer", example = "ledger")
        String projection) {

    @Schema(name = "FieldProblem")
    public record FieldProblem(
            @Schema(description = "The field (or parameter) name, dotted for nested fields", example = "massKg",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String field,
            @Schema(example = "must be positive", requiredMode = Schema.RequiredMode.REQUIRED)
            String message) {
    }
}
