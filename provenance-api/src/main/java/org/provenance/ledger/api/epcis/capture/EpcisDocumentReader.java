package org.provenance.ledger.api.epcis.capture;

import org.provenance.ledger.api.epcis.EpcisException;
import org.provenance.ledger.api.epcis.mapping.EpcisMapper;
import org.provenance.ledger.common.FieldError;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an EPCISDocument as a stream (SPEC 11): the envelope as a tree, the eventList one event at
 * a time, each validated against the EPCIS 2.0 schema and written to a spool file, so a document
 * of tens of thousands of events is never held whole. Nothing is applied until the whole document
 * has been read and found valid: a document that is not JSON or breaks the schema keeps nothing.
 */
@Component
public class EpcisDocumentReader {

    /** The standard's context, resolved from the packaged copy (classpath:epcis/context), never fetched. */
    public static final String EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";
    private static final int MAX_ERRORS = 50;

    /** A document read and validated: its events spooled one per line, and the prefixes bound to the ledger's namespace. */
    public record Spooled(Path file, int count, Set<String> ledgerPrefixes) implements AutoCloseable {
        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Strict: a repeated key is refused; a whole body with data after its value too. */
    private final JsonMapper json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /** For values read one by one off a stream, where more of the document follows each. */
    private final JsonMapper stream = json.rebuild().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private final EpcisSchemas schemas;

    public EpcisDocumentReader(EpcisSchemas schemas) {
        this.schemas = schemas;
    }

    public JsonMapper json() {
        return json;
    }

    /** An EPCISDocument; {@code maxEvents} beyond which it is refused (413). */
    public Spooled readDocument(InputStream body, int maxEvents) {
        Path file = tempFile();
        List<FieldError> errors = new ArrayList<>();
        int count = 0;
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        try (JsonParser parser = stream.createParser(body);
             BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw EpcisException.validation("the body is not an EPCISDocument (a JSON object)", List.of());
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (!name.equals("epcisBody") || parser.currentToken() != JsonToken.START_OBJECT) {
                    envelope.set(name, stream.readTree(parser));
                    continue;
                }
                ObjectNode bodyNode = envelope.putObject("epcisBody");
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String bodyField = parser.currentName();
                    parser.nextToken();
                    if (!bodyField.equals("eventList") || parser.currentToken() != JsonToken.START_ARRAY) {
                        bodyNode.set(bodyField, stream.readTree(parser));
                        continue;
                    }
                    bodyNode.putArray("eventList");
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        JsonNode event = stream.readTree(parser);
                        if (++count > maxEvents) {
                            throw EpcisException.tooLarge("the document has more than " + maxEvents
                                                          + " events (GS1-EPCIS-Capture-Limit)");
                        }
                        String field = "epcisBody.eventList[" + (count - 1) + "]";
                        List<String> problems = event.isObject() ? schemas.validateDocumentEvent(event)
                                : List.of("an event is a JSON object");
                        if (problems.isEmpty()) {
                            problems = TextRules.check(event);
                        }
                        if (!problems.isEmpty() && errors.size() < MAX_ERRORS) {
                            problems.forEach(p -> errors.add(new FieldError(field, p)));
                        }
                        if (errors.isEmpty()) {
                            out.write(json.writeValueAsString(event));
                            out.newLine();
                        }
                    }
                }
            }
            if (parser.nextToken() != null) {
                throw EpcisException.validation("data after the document", List.of());
            }
        } catch (JacksonException e) {
            delete(file);
            throw EpcisException.validation("the body is not JSON: " + e.getOriginalMessage(), List.of());
        } catch (IOException e) {
            delete(file);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
        // The envelope is checked against the document schema with the events already checked one by one.
        List<String> envelopeProblems = schemas.validateRoot(envelope);
        envelopeProblems.forEach(p -> errors.add(0, new FieldError("document", p)));
        if (!"EPCISDocument".equals(envelope.path("type").asString(""))) {
            errors.add(0, new FieldError("type", "must be EPCISDocument"));
        }
        if (!errors.isEmpty()) {
            delete(file);
            throw EpcisException.validation("the document does not conform to the EPCIS 2.0 JSON schema; nothing was captured",
                                            errors);
        }
        return new Spooled(file, count, ledgerPrefixes(envelope.get("@context")));
    }

    /** A single event (POST /epcis/events), which carries its own @context. */
    public Spooled readEvent(InputStream body) {
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (JacksonException e) {
            throw EpcisException.validation("the body is not JSON: " + e.getOriginalMessage(), List.of());
        }
        if (event == null || !event.isObject()) {
            throw EpcisException.validation("the body is not an EPCIS event (a JSON object)", List.of());
        }
        List<String> problems = new ArrayList<>(schemas.validateRoot(event));
        if (problems.isEmpty()) {
            problems.addAll(TextRules.check(event));
        }
        String type = event.path("type").asString("");
        if (type.equals("EPCISDocument") || type.equals("EPCISQueryDocument")) {
            problems.add("POST /epcis/events takes one event; send documents to /epcis/capture");
        }
        if (!problems.isEmpty()) {
            throw EpcisException.validation("the event does not conform to the EPCIS 2.0 JSON schema; nothing was captured",
                                            problems.stream().map(p -> new FieldError("event", p)).toList());
        }
        ObjectNode stored = ((ObjectNode) event).deepCopy();
        JsonNode context = stored.remove("@context");
        Path file = tempFile();
        try {
            Files.writeString(file, json.writeValueAsString(stored) + System.lineSeparator());
        } catch (IOException e) {
            delete(file);
            throw new UncheckedIOException(e);
        }
        return new Spooled(file, 1, ledgerPrefixes(context));
    }

    /** The prefixes a @context binds to the ledger's namespace; {@code ledger} when it binds none. */
    static Set<String> ledgerPrefixes(JsonNode context) {
        Set<String> prefixes = new LinkedHashSet<>();
        List<JsonNode> entries = new ArrayList<>();
        if (context != null && context.isArray()) {
            context.forEach(entries::add);
        } else if (context != null) {
            entries.add(context);
        }
        for (JsonNode entry : entries) {
            if (entry.isObject()) {
                for (Map.Entry<String, JsonNode> binding : entry.properties()) {
                    if (binding.getValue().isString() && EpcisMapper.NAMESPACE.equals(binding.getValue().asString())) {
                        prefixes.add(binding.getKey());
                    }
                }
            }
        }
        if (prefixes.isEmpty()) {
            prefixes.add("ledger");
        }
        return prefixes;
    }

    private static Path tempFile() {
        try {
            return Files.createTempFile("epcis-capture-", ".jsonl");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file left behind is removed with the temp directory
        }
    }
}
