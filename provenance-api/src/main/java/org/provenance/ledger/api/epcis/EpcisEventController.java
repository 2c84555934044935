package org.provenance.ledger.api.epcis;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.provenance.ledger.api.epcis.capture.EpcisDocumentReader;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * One captured event by its eventID (SPEC 11), as sent plus its recordTime, with how it maps onto
 * the ledger under {@code ledger:mapping}. The id is taken from the raw path: an eventID is a URI
 * and arrives URL-encoded, slashes and semicolons included.
 */
@Tag(name = "EPCIS events", description = "GS1 EPCIS 2.0 events (COMPLIANCE and AUDITOR)")
@RestController
public class EpcisEventController {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public EpcisEventController(JdbcClient jdbc, EpcisDocumentReader reader) {
        this.jdbc = jdbc;
        this.json = reader.json();
    }

    @Operation(operationId = "epcisEvent", summary = "One EPCIS event by its eventID (URL-encoded)",
               description = "COMPLIANCE or AUDITOR. The event as captured, with recordTime, and ledger:mapping: "
                             + "{status: MAPPED, ...ledger ids} or {status: UNMAPPED, reason}.")
    @ApiResponse(responseCode = "200", description = "The event")
    @ApiResponse(responseCode = "404", description = "No event with that eventID")
    @GetMapping(path = "/epcis/events/{eventID}", produces = {"application/json", "application/ld+json"})
    public ResponseEntity<ObjectNode> event(HttpServletRequest request) {
        String raw = request.getRequestURI().substring(EpcisWebConfiguration.EVENT_PATH.length());
        String eventId = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        record Row(String document, String mapping) {
        }
        Row row = jdbc.sql("select document::text, mapping::text from epcis_event where event_id = ?").param(eventId)
                      .query((rs, n) -> new Row(rs.getString(1), rs.getString(2))).optional()
                      .orElseThrow(() -> EpcisException.notFound("no EPCIS event " + eventId));
        ObjectNode event = (ObjectNode) json.readTree(row.document());
        ObjectNode answer = json.createObjectNode();
        ArrayNode context = answer.putArray("@context");
        context.add(EpcisDocumentReader.EPCIS_CONTEXT);
        context.addObject().put("ledger", "urn:provenance-ledger:epcis:");
        answer.setAll(event);
        answer.set("ledger:mapping", json.readTree(row.mapping()));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
    }
}
