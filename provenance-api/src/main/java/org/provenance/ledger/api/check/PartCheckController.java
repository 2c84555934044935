package org.provenance.ledger.api.check;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.provenance.ledger.api.check.CheckController.Policy;
import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.api.web.NotFoundException;
import org.provenance.ledger.api.write.CurrentRequest;
import org.provenance.ledger.api.write.LedgerWriter;
import org.provenance.ledger.api.write.WriteKind;
import org.provenance.ledger.api.write.WriteReceipt;
import org.provenance.ledger.audit.chain.CheckReceipt;
import org.provenance.ledger.audit.server.SigningKey;
import org.provenance.ledger.check.PartChecked;
import org.provenance.ledger.check.RecordCheck;
import org.provenance.ledger.common.Validation;
import org.provenance.ledger.projections.check.CheckReceiptProjection;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.provenance.ledger.api.docs.OpenApiConfiguration.BAD_REQUEST;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.NOT_FOUND;
import static org.provenance.ledger.api.docs.OpenApiConfiguration.UNSUPPORTED_MEDIA_TYPE;

/**
 * Checks of a part or delivery made of many lots (SPEC 13), recorded as events and answered with
 * a receipt signed with the ledger's Ed25519 key, which an auditor verifies offline with
 * {@code java -jar provenance-verify.jar receipt}.
 */
@Tag(name = "Checks", description = "Procurement checks of a lot against a policy, at any date")
@RestController
public class PartCheckController {

    public static final int MAX_ITEMS = 10_000;

    @Schema(name = "PartItemRequest")
    public record ItemRequest(String lotId, BigDecimal massKg) {
    }

    public record PartCheckRequest(Policy policy, Instant asOf, String reference, List<ItemRequest> items) {
    }

    private final PartChecker checker;
    private final LedgerWriter writer;
    private final SigningKey key;
    private final CheckReceiptProjection receipts;
    private final ProjectionBarrier barrier;
    private final ObjectMapper json;

    public PartCheckController(PartChecker checker, LedgerWriter writer, SigningKey key,
                               CheckReceiptProjection receipts, ProjectionBarrier barrier, ObjectMapper json) {
        this.checker = checker;
        this.writer = writer;
        this.key = key;
        this.receipts = receipts;
        this.barrier = barrier;
        this.json = json;
    }

    @Operation(operationId = "checkPart", summary = "Check a part or delivery made of many lots",
               description = "COMPLIANCE or AUDITOR. One verdict per item and one for the part (FAIL if any item "
                             + "fails), shares weighted by each item's mass (default: the lot's initial mass), "
                             + "evidence and changesOn. The check is recorded as an event and answered with a "
                             + "receipt signed with the ledger's Ed25519 key: verify it offline with "
                             + "`java -jar provenance-verify.jar receipt receipt.json --public-key key.json`.",
               requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                       examples = @ExampleObject(name = "magnet assembly", value = """
                               {"policy": "DFARS_252_225_7052", "asOf": "2027-01-02T00:00:00Z",
                                "reference": "PO-4711 magnet assembly",
                                "items": [{"lotId": "DEMO-MAGNET-1", "massKg": 2.5},
                                          {"lotId": "DEMO-MAGNET-2", "massKg": 1.5}]}"""))))
    @ApiResponse(responseCode = "201", description = "The signed receipt",
                 headers = @Header(name = "Location", description = "Where the receipt is read again"),
                 content = @Content(mediaType = "application/json",
                                    schema = @Schema(implementation = ReceiptDocument.class)))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST)
    @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE)
    @PostMapping("/api/checks")
    public ResponseEntity<String> check(@RequestBody PartCheckRequest request) {
        validate(request);
        barrier.awaitAcknowledgedWrites();
        Instant checkedAt = Instant.now();
        Instant at = request.asOf() == null ? checkedAt : request.asOf();
        List<PartChecker.Item> items = request.items().stream()
                                              .map(i -> new PartChecker.Item(i.lotId(), i.massKg())).toList();
        PartChecker.Answer answer = checker.check(request.policy(), at, request.reference(), items);
        String checkId = UUID.randomUUID().toString();
        JsonNode answerTree = json.valueToTree(answer);
        String answerSha256 = CheckReceipt.answerSha256(answerTree);
        ObjectNode document = json.createObjectNode();
        document.put("checkId", checkId);
        document.put("checkedAt", checkedAt.toString());
        document.put("principal", CurrentRequest.principal());
        document.set("request", json.valueToTree(request));
        document.set("answer", answerTree);
        document.put("answerSha256", answerSha256);
        String receipt = key.signReceipt(document);
        WriteKind.CHECK.requireRole();
        WriteReceipt written = writer.submit(writer.prepare(WriteKind.CHECK, checkId, request, new RecordCheck(
                checkId, request.policy().name(), request.asOf(), request.reference(),
                items.stream().map(i -> new PartChecked.Item(i.lotId(), i.massKg())).toList(), answerSha256, receipt)));
        return ResponseEntity.created(URI.create("/api/checks/" + checkId))
                             .header("Ledger-Position", Long.toString(written.position()))
                             .contentType(MediaType.APPLICATION_JSON).body(receipt);
    }

    @Operation(operationId = "getCheck", summary = "A recorded part check's signed receipt, again",
               description = "COMPLIANCE, AUDITOR or ADMIN. The same receipt, byte for byte, as the check answered.")
    @ApiResponse(responseCode = "200", description = "The signed receipt", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ReceiptDocument.class)))
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    @GetMapping(value = "/api/checks/{checkId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public String receipt(@PathVariable String checkId) {
        barrier.awaitAcknowledgedWrites();
        return receipts.find(checkId).orElseThrow(() -> new NotFoundException("check", checkId));
    }

    /** The receipt's shape, for the API documentation. */
    @Schema(name = "CheckReceipt")
    public record ReceiptDocument(String format, SignedCheck check, Signature signature) {
        @Schema(name = "CheckReceiptDocument")
        public record SignedCheck(String checkId, Instant checkedAt, String principal, PartCheckRequest request,
                                  PartChecker.Answer answer, String answerSha256) {
        }

        @Schema(name = "CheckReceiptSignature")
        public record Signature(String algorithm, String keyId, String value) {
        }
    }

    private static void validate(PartCheckRequest request) {
        Validation check = Validation.check();
        check.present("policy", request.policy()).present("items", request.items());
        if (request.reference() != null) {
            check.text("reference", request.reference(), 200);
        }
        if (request.asOf() != null) {
            check.instant("asOf", request.asOf());
        }
        if (request.items() != null) {
            if (request.items().isEmpty() || request.items().size() > MAX_ITEMS) {
                check.error("items", "must list 1 to " + MAX_ITEMS + " lots");
            }
            for (int i = 0; i < request.items().size(); i++) {
                ItemRequest item = request.items().get(i);
                if (item == null) {
                    check.error("items[" + i + "]", "must be an object {lotId, massKg?}");
                    continue;
                }
                check.id("items[" + i + "].lotId", item.lotId());
                if (item.massKg() != null) {
                    check.mass("items[" + i + "].massKg", item.massKg());
                }
            }
        }
        check.orThrow();
    }
}
