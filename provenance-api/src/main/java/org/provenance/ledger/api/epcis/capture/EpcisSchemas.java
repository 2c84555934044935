package org.provenance.ledger.api.epcis.capture;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * The EPCIS 2.0 JSON schemas (the standard's own files, packaged under classpath:epcis/schema with
 * GS1's disclaimer), resolved locally: their $ids name gs1.github.io, which is never fetched.
 * A document is validated in two parts so that it can stream: its envelope with an empty
 * eventList, and each event on its own against the schema's event definition.
 */
@Component
public class EpcisSchemas {

    private static final String BASE = "https://gs1.github.io/EPCIS/JSON-Schema/";

    private final Schema root;
    private final Schema documentEvent;

    public EpcisSchemas() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7, builder -> builder
                .schemaIdResolvers(ids -> ids.mapPrefix(BASE, "classpath:epcis/schema/")));
        this.root = registry.getSchema(SchemaLocation.of(BASE + "EPCIS-JSON-Schema-root.json"));
        this.documentEvent = registry.getSchema(
                SchemaLocation.of(BASE + "EPCIS-Event-JSON-Schema.json#/definitions/EPCIS-Document-Event"));
        // Resolve every reference now: a broken packaging fails start-up, not the first capture.
        root.initializeValidators();
        documentEvent.initializeValidators();
    }

    /** A whole document or a single event sent alone (which then needs its own @context). */
    public List<String> validateRoot(JsonNode node) {
        return messages(root.validate(node));
    }

    /** An event of a document's eventList. */
    public List<String> validateDocumentEvent(JsonNode event) {
        return messages(documentEvent.validate(event));
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream().map(Error::getMessage).distinct().limit(20).toList();
    }
}
