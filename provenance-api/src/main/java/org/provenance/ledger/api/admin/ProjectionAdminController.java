package org.provenance.ledger.api.admin;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** Projection processors: where each stands, and rebuilding one from the event store (SPEC 9). */
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

    @GetMapping
    Projections list() {
        return new Projections(admin.headPosition(), admin.list());
    }

    @GetMapping("/{name}")
    ProjectionAdmin.ProjectionStatus get(@PathVariable String name) {
        return admin.status(name);
    }

    /** 202: the rebuild runs in the background; follow it with GET /api/admin/projections/{name}. */
    @PostMapping("/{name}/replay")
    ResponseEntity<ProjectionAdmin.ProjectionStatus> replay(@PathVariable String name) {
        ProjectionAdmin.ProjectionStatus status = admin.replay(name);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/admin/projections/" + name))
                             .body(status);
    }
}
