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

import org.provenance.ledger.api.rebuild.ShadowRebuild;
import org.provenance.ledger.api.web.NotFoundException;

import java.net.URI;
import java.util.List;

import static org.provenance.ledger.api.docs.OpenApiConfiguration.CONFLICT;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.NOT_FOUND;

/** Projection processors: where each stands, and rebuilding one from the event store (SPEC 9). */
@Tag(name = "Admin: projections", description = "Read-model processors: status and rebuilds (ADMIN)")
@RestController
@RequestMapping("/api/admin/projections")
public class ProjectionAdminController {

    /**
     * @param headPosition the event store's last global position
     * @param rebuild      the current or last rebuild without downtime on this node (null: none since it started)
     */
    public record Projections(long headPosition, List<ProjectionAdmin.ProjectionStatus> projections,
                              ShadowRebuild.Status rebuild) {
    }

    private final ProjectionAdmin admin;
    private final ShadowRebuild rebuilds;

    public ProjectionAdminController(ProjectionAdmin admin, ShadowRebuild rebuilds) {
        this.admin = admin;
        this.rebuilds = rebuilds;
    }

    @Operation(operationId = "listProjections", summary = "Every projection and where it stands",
               description = "ADMIN. Each processor's position against the event store's head.")
    @ApiResponse(responseCode = "200", description = "The projections")
    @GetMapping
    Projections list() {
        return new Projections(admin.headPosition(), admin.list(), rebuilds.status());
    }

    /** 202: the rebuild runs in the background; follow it with GET /api/admin/projections/rebuilds/latest. */
    @Operation(operationId = "startRebuild", summary = "Rebuild every read model without downtime",
               description = "ADMIN. Replays every event into shadow tables while the current read models keep "
                       + "answering and being updated, then switches to the rebuilt ones in one short transaction.")
    @ApiResponse(responseCode = "202", description = "The rebuild started",
                 headers = @Header(name = "Location", description = "Where to follow the rebuild"))
    @ApiResponse(responseCode = "409", ref = CONFLICT)
    @PostMapping("/rebuilds")
    ResponseEntity<ShadowRebuild.Status> rebuild() {
        ShadowRebuild.Status status = rebuilds.start();
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/admin/projections/rebuilds/latest"))
                             .body(status);
    }

    @Operation(operationId = "getRebuild", summary = "The current or last rebuild without downtime",
               description = "ADMIN. State, progress, events per second and the estimated time left.")
    @ApiResponse(responseCode = "200", description = "The rebuild")
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @GetMapping("/rebuilds/latest")
    ShadowRebuild.Status latestRebuild() {
        ShadowRebuild.Status status = rebuilds.status();
        if (status == null) {
            throw new NotFoundException("rebuild", "latest");
        }
        return status;
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
