package org.provenance.ledger.api.webhook;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.provenance.ledger.api.web.NotFoundException;
import org.provenance.ledger.api.write.CurrentRequest;
import org.provenance.ledger.common.FieldError;
import org.provenance.ledger.common.InvalidCommandException;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.provenance.ledger.api.docs.OpenApiConfiguration.BAD_REQUEST;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.NOT_FOUND;

/**
 * Flag webhooks: a procurement system hears of each flag raised without polling GET /api/flags. Each
 * flag is POSTed as JSON, the same object GET /api/flags lists, signed with GS1-Signature (see
 * {@link WebhookSignature}) and retried with back-off until the receiver answers 2xx.
 */
@Tag(name = "Flag webhooks", description = "POSTs of each flag raised to a URL of yours")
@RestController
@RequestMapping("/api/webhooks/flags")
public class FlagWebhookController {

    public record FlagWebhookRequest(String url, String secret) {
    }

    public record FlagWebhook(String id, String url, Instant createdAt, Instant lastNotifiedAt) {
    }

    static final int MIN_SECRET = 16;

    private final JdbcTemplate jdbc;
    private final CallbackUrls urls;
    private final WebhookOutbox outbox;

    public FlagWebhookController(JdbcTemplate jdbc, CallbackUrls urls, WebhookOutbox outbox) {
        this.jdbc = jdbc;
        this.urls = urls;
        this.outbox = outbox;
    }

    @Operation(operationId = "createFlagWebhook", summary = "Register a flag webhook",
               description = "COMPLIANCE or ADMIN. Every flag raised from now on is POSTed to url as JSON (an item "
                             + "of GET /api/flags), with GS1-Signature: sha256=<hex HMAC-SHA256 of the body keyed "
                             + "with secret> and Ledger-Delivery-Id. url must be http(s) and pass the callback "
                             + "rules (ledger.webhooks.*); secret is 16 to 200 characters and never shown again.",
               requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                       examples = @ExampleObject(name = "example", value = """
                               {"url": "https://procurement.example.com/hooks/ledger-flags",
                                "secret": "9c1f0a4e5b7d2c3e8f6a"}"""))))
    @ApiResponse(responseCode = "201", description = "Registered")
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @ApiResponse(responseCode = "415", ref = org.provenance.ledger.api.docs.OpenApiConfiguration.UNSUPPORTED_MEDIA_TYPE)
    @PostMapping
    public ResponseEntity<FlagWebhook> create(@RequestBody FlagWebhookRequest request) {
        List<FieldError> errors = new ArrayList<>();
        try {
            urls.check(request.url());
        } catch (CallbackUrls.RefusedUrlException e) {
            errors.add(new FieldError("url", e.getMessage()));
        }
        if (request.secret() == null || request.secret().length() < MIN_SECRET || request.secret().length() > 200) {
            errors.add(new FieldError("secret", "must be 16 to 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidCommandException(errors);
        }
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        jdbc.update("insert into flag_webhook (webhook_id, url, secret, created_by, created_at) values (?, ?, ?, ?, ?)",
                    id, request.url(), request.secret(), CurrentRequest.principal(), Timestamp.from(now));
        return ResponseEntity.created(URI.create("/api/webhooks/flags/" + id))
                             .body(new FlagWebhook(id, request.url(), now, null));
    }

    @Operation(operationId = "listFlagWebhooks", summary = "The flag webhooks", description = "COMPLIANCE or ADMIN.")
    @GetMapping
    public List<FlagWebhook> list() {
        return jdbc.query("select webhook_id, url, created_at, last_notified_at from flag_webhook order by created_at",
                          (rs, i) -> webhook(rs));
    }

    @Operation(operationId = "getFlagWebhook", summary = "A flag webhook", description = "COMPLIANCE or ADMIN.")
    @ApiResponse(responseCode = "200", description = "The webhook")
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @GetMapping("/{id}")
    public FlagWebhook get(@PathVariable String id) {
        return jdbc.query("select webhook_id, url, created_at, last_notified_at from flag_webhook where webhook_id = ?",
                          (rs, i) -> webhook(rs), id).stream().findFirst()
                   .orElseThrow(() -> new NotFoundException("flag webhook", id));
    }

    @Operation(operationId = "deleteFlagWebhook", summary = "Delete a flag webhook",
               description = "COMPLIANCE or ADMIN. Its queued deliveries are dropped; nothing more is sent.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @DeleteMapping("/{id}")
    @Transactional
    public ResponseEntity<Void> delete(@PathVariable String id) {
        if (jdbc.update("delete from flag_webhook where webhook_id = ?", id) == 0) {
            throw new NotFoundException("flag webhook", id);
        }
        outbox.dropPending(WebhookOutbox.FLAG_WEBHOOK, id);
        return ResponseEntity.noContent().build();
    }

    private static FlagWebhook webhook(java.sql.ResultSet rs) throws java.sql.SQLException {
        OffsetDateTime last = rs.getObject("last_notified_at", OffsetDateTime.class);
        return new FlagWebhook(rs.getString("webhook_id"), rs.getString("url"),
                               rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                               last == null ? null : last.toInstant());
    }
}
