package org.provenance.ledger.api.admin;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

import static org.provenance.ledger.api.docs.OpenApiConfiguration.CONFLICT;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.NOT_FOUND;

/** Projection processors: where each stands, and rebuilding one from the event store (SPEC 9). */
@Tag(name = "Admin: projections", description = "Read-model processors: status and rebuilds (ADMIN)")
@RestController
@RequestMapping("/api/admin/projections")
public class ProjectionAdminController {

    /** @param headPosition the event store's last global position */
    public record Projections(long headPosition, List<ProjectionAdmin.ProjectionStatus> projections) {
    }

    private final ProjectionAdmin admin;

    public ProjectionAdminController(ProjectionAdmin admin) {
        this.admin = admin;
    }

    @Operation(operationId = "listProjections", summary = "Every projection and where it stands",
               description = "ADMIN. Each processor's position against the event store's head.")
    @ApiResponse(responseCode = "200", description = "The projections")
    @GetMapping
    Projections list() {
        return new Projections(admin.headPosition(), admin.list());
    }

    @Operation(operationId = "getProjection", summary = "One projection's status", description = "ADMIN.")
    @ApiResponse(responseCode = "200", description = "The projection")
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @GetMapping("/{name}")
    ProjectionAdmin.ProjectionStatus get(@PathVariable String name) {
        return admin.status(name);
    }

    /** 202: the rebuild runs in the background; follow it with GET /api/admin/projections/{name}. */
    @Operation(operationId = "replayProjection", summary = "Rebuild a projection from the event store",
               description = "ADMIN. Reads of that projection answer 503 until the rebuild has caught up.")
    @ApiResponse(responseCode = "202", description = "The rebuild started",
                 headers = @Header(name = "Location", description = "Where to follow the rebuild"))
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = CONFLICT)
    @PostMapping("/{name}/replay")
    ResponseEntity<ProjectionAdmin.ProjectionStatus> replay(@PathVariable String name) {
        ProjectionAdmin.ProjectionStatus status = admin.replay(name);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/admin/projections/" + name))
                             .body(status);
    }
}
