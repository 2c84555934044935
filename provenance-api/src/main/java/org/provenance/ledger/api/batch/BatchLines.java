package org.provenance.ledger.api.batch;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import org.provenance.ledger.api.bloc.BlocController;
import org.provenance.ledger.api.bloc.BlocWrites;
import org.provenance.ledger.api.facility.FacilityController;
import org.provenance.ledger.api.facility.FacilityWrites;
import org.provenance.ledger.api.flag.FlagController;
import org.provenance.ledger.api.flag.FlagWrites;
import org.provenance.ledger.api.input.InputRules;
import org.provenance.ledger.api.input.MalformedInputException;
import org.provenance.ledger.api.input.StrictJson;
import org.provenance.ledger.api.lot.LotController;
import org.provenance.ledger.api.lot.LotWrites;
import org.provenance.ledger.api.transfer.TransferController;
import org.provenance.ledger.api.transfer.TransferWrites;
import org.provenance.ledger.api.transformation.TransformationController;
import org.provenance.ledger.api.transformation.TransformationWrites;
import org.provenance.ledger.api.web.ProblemHandler;
import org.provenance.ledger.api.write.LedgerWriter;
import org.provenance.ledger.api.write.Write;
import org.provenance.ledger.api.write.WriteKind;
import org.provenance.ledger.api.write.WriteReceipt;
import org.provenance.ledger.common.InvalidCommandException;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Answers batch lines, a chunk at a time: each line is read and checked on its own (strict
 * input, role, facility, command validation) by its kind's use case, then the chunk's writes are
 * submitted as one group (one transaction, one append; see LedgerWriter). The answers are the
 * same as line-by-line application would give: a group with a refused write falls back to
 * per-line commits. A review waits for the flags read model, so the writes before it are
 * submitted first and the review on its own.
 */
@Component
public class BatchLines {

    /** Lines per write group: bounds the memory a batch holds and the work a refusal repeats. */
    public static final int CHUNK = 100;

    /** One line of a batch: its number and its bytes (null or {@link Lines#TOO_LONG} when too long). */
    public record Line(long number, byte[] text) {
    }

    private final ObjectMapper json;
    private final StrictJson strict;
    private final ProblemHandler problems;
    private final LedgerWriter writer;
    private final Map<WriteKind, Function<ObjectNode, Write>> routes = new EnumMap<>(WriteKind.class);

    public BatchLines(ObjectMapper json, StrictJson strict, ProblemHandler problems, LedgerWriter writer,
                      FacilityWrites facilities, BlocWrites blocs, LotWrites lots,
                      TransformationWrites transformations, TransferWrites transfers, FlagWrites flags) {
        this.json = json;
        this.strict = strict;
        this.problems = problems;
        this.writer = writer;
        // A line is its single endpoint's body plus a type and the ids that endpoint takes from its
        // path; those are taken out first, so that what remains is read as strictly as the body.
        routes.put(WriteKind.FACILITY,
                   line -> facilities.register(strict.convert(line, FacilityController.FacilityRequest.class)));
        routes.put(WriteKind.BLOC, line -> blocs.create(strict.convert(line, BlocController.BlocRequest.class)));
        routes.put(WriteKind.ADMISSION, line -> blocs.admit(required(line, "blocId"), required(line, "country"),
                strict.convert(line, BlocController.MembershipRequest.class)));
        routes.put(WriteKind.DEPARTURE, line -> blocs.end(required(line, "blocId"), required(line, "country"),
                strict.convert(line, BlocController.MembershipRequest.class)));
        routes.put(WriteKind.PRICE_FLOOR, line -> blocs.priceFloor(required(line, "blocId"), required(line, "mineral"),
                required(line, "form"), strict.convert(line, BlocController.PriceFloorRequest.class)));
        routes.put(WriteKind.EXTRACTION,
                   line -> lots.extract(strict.convert(line, LotController.ExtractionRequest.class)));
        routes.put(WriteKind.REGISTRATION,
                   line -> lots.register(strict.convert(line, LotController.RegistrationRequest.class)));
        routes.put(WriteKind.TRANSFORMATION, line -> transformations.transform(
                strict.convert(line, TransformationController.TransformationRequest.class)));
        routes.put(WriteKind.TRANSFER,
                   line -> transfers.transfer(strict.convert(line, TransferController.TransferRequest.class)));
        routes.put(WriteKind.REVIEW, line -> flags.review(required(line, "flagId"),
                strict.convert(line, FlagController.ReviewRequest.class)));
    }

    /**
     * The answers to these lines, in order: {line, status: 201, id, position} when recorded,
     * {line, status, problem} when refused. Runs with the caller's authentication (a batch job's
     * is its submitter's). Once a line meets a database outage, the rest share its answer.
     */
    public List<ObjectNode> answerAll(List<Line> lines) {
        List<ObjectNode> answers = new ArrayList<>(lines.size());
        List<Integer> pending = new ArrayList<>();
        List<Write> writes = new ArrayList<>();
        for (Line line : lines) {
            ObjectNode answer = json.createObjectNode().put("line", line.number());
            answers.add(answer);
            try {
                ObjectNode body = parse(line.text());
                WriteKind kind = kind(body);
                if (kind == WriteKind.REVIEW) {
                    submit(answers, pending, writes);
                }
                writes.add(routes.get(kind).apply(body));
                pending.add(answers.size() - 1);
            } catch (RuntimeException e) {
                refuse(answer, e);
            }
        }
        submit(answers, pending, writes);
        return answers;
    }

    private void submit(List<ObjectNode> answers, List<Integer> pending, List<Write> writes) {
        if (writes.isEmpty()) {
            return;
        }
        List<LedgerWriter.Outcome> outcomes = writer.submitAll(writes);
        for (int i = 0; i < outcomes.size(); i++) {
            ObjectNode answer = answers.get(pending.get(i));
            LedgerWriter.Outcome outcome = outcomes.get(i);
            if (outcome.refusal() != null) {
                refuse(answer, outcome.refusal());
            } else {
                WriteReceipt receipt = outcome.receipt();
                answer.put("status", 201).put("id", receipt.id()).put("position", receipt.position());
            }
        }
        pending.clear();
        writes.clear();
    }

    private void refuse(ObjectNode answer, Exception e) {
        ProblemDetail problem = problems.problemFor(e);
        answer.put("status", problem.getStatus()).set("problem", json.valueToTree(problem));
    }

    private ObjectNode parse(byte[] text) {
        if (text == null || text == Lines.TOO_LONG) {
            throw new MalformedInputException(StrictJson.WHOLE_BODY,
                                              "must be at most " + InputRules.MAX_BODY_BYTES + " bytes");
        }
        return strict.readObject(text);
    }

    /** The line's type, checked against the caller's roles before its body is read. */
    private static WriteKind kind(ObjectNode line) {
        String type = routing(line, "type");
        WriteKind kind = type == null ? null : WriteKind.ofType(type).orElse(null);
        if (kind == null) {
            throw InvalidCommandException.of("type", "must be one of " + String.join(", ", WriteKind.types()));
        }
        kind.requireRole();
        return kind;
    }

    /** Whether a line's answer says the database could not be reached. */
    static boolean isOutage(JsonNode answer) {
        return answer.path("status").asInt() == 503
                && answer.path("problem").path("type").asString().equals("/problems/database-unavailable");
    }

    /** Takes a routing field out of the line; null when absent. The scan already refused control characters. */
    private static String routing(ObjectNode line, String field) {
        JsonNode value = line.remove(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new MalformedInputException(field, "must be a string");
        }
        return value.stringValue();
    }

    private static String required(ObjectNode line, String field) {
        String value = routing(line, field);
        if (value == null) {
            throw InvalidCommandException.of(field, "is required");
        }
        return value;
    }
}
