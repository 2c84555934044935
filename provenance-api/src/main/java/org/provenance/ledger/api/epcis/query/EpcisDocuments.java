package org.provenance.ledger.api.epcis.query;

import org.springframework.http.HttpHeaders;
import tools.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The EPCISQueryDocument envelope (EPCIS 2.0 JSON binding) around stored events. The events are
 * written as stored, byte for byte from their JSON text, so what a client captured is what it reads.
 */
public final class EpcisDocuments {

    public static final String CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";
    /** The standard's name for the query behind GET /events and the per-resource event lists. */
    public static final String SIMPLE_EVENT_QUERY = "SimpleEventQuery";
    public static final String EPCIS_VERSION = "2.0.0";
    public static final String CBV_VERSION = "2.0.0";

    private EpcisDocuments() {
    }

    public static String queryDocument(ObjectMapper json, String queryName, String subscriptionId,
                                       List<EpcisEventStore.Row> events) {
        StringBuilder out = new StringBuilder(256 + events.size() * 512);
        out.append("{\"@context\":[").append(json.writeValueAsString(CONTEXT)).append("],")
           .append("\"type\":\"EPCISQueryDocument\",\"schemaVersion\":\"2.0\",")
           .append("\"creationDate\":").append(json.writeValueAsString(Instant.now().truncatedTo(ChronoUnit.MILLIS).toString()))
           .append(",\"epcisBody\":{\"queryResults\":{");
        if (subscriptionId != null) {
            out.append("\"subscriptionID\":").append(json.writeValueAsString(subscriptionId)).append(',');
        }
        out.append("\"queryName\":").append(json.writeValueAsString(queryName))
           .append(",\"resultsBody\":{\"eventList\":[");
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(events.get(i).document());
        }
        return out.append("]}}}}").toString();
    }

    /** The standard's version headers on every answer of the query interface. */
    public static HttpHeaders versionHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("GS1-EPCIS-Version", EPCIS_VERSION);
        headers.set("GS1-CBV-Version", CBV_VERSION);
        headers.set("GS1-EPCIS-Min", EPCIS_VERSION);
        headers.set("GS1-EPCIS-Max", EPCIS_VERSION);
        headers.set("GS1-CBV-Min", CBV_VERSION);
        headers.set("GS1-CBV-Max", CBV_VERSION);
        return headers;
    }
}
