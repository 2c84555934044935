package org.provenance.ledger.api.epcis.query;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The EPCIS 2.0 REST query interface (SPEC 11, openapi.yaml "Events" and "Discovery"): the event
 * query with the standard's parameters, the per-resource event lists, and the discovery lists of
 * values present in stored events.
 */
@Tag(name = "EPCIS query", description = "GS1 EPCIS 2.0 query interface (the standard's REST binding)")
@RestController
@RequestMapping("/epcis")
public class EpcisQueryController {

    static final Set<String> PAGING = Set.of("perPage", "nextPageToken");

    /** Discovery resource -> the values it lists, as an SQL expression over epcis_event, and the query parameter of its events. */
    private record Resource(String values, String parameter) {
    }

    private static final Map<String, Resource> RESOURCES = Map.of(
            "bizSteps", new Resource("biz_step", "EQ_bizStep"),
            "dispositions", new Resource("disposition", "EQ_disposition"),
            "bizLocations", new Resource("biz_location", "EQ_bizLocation"),
            "readPoints", new Resource("read_point", "EQ_readPoint"),
            "epcs", new Resource("unnest(epc_list || child_epcs || input_epcs || output_epcs || "
                                 + "case when parent_id is null then '{}'::text[] else array[parent_id] end)",
                                 "MATCH_anyEPC"));

    private final EpcisEventStore store;
    private final ObjectMapper json;

    public EpcisQueryController(EpcisEventStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    @Operation(operationId = "epcisQueryEvents", summary = "EPCIS events matching a query (EPCISQueryDocument)",
               description = "COMPLIANCE or AUDITOR. The standard's SimpleEventQuery parameters: eventType, "
                             + "GE_/LT_eventTime, GE_/LT_recordTime, EQ_action, EQ_bizStep, EQ_disposition, "
                             + "EQ_readPoint, EQ_bizLocation, MATCH_epc, MATCH_parentID, MATCH_inputEPC, "
                             + "MATCH_outputEPC, MATCH_anyEPC, MATCH_epcClass, MATCH_inputEPCClass, "
                             + "MATCH_outputEPCClass, MATCH_anyEPCClass, EQ_eventID, EXISTS_errorDeclaration. "
                             + "Lists are pipe-delimited (eventType=ObjectEvent|AggregationEvent) or repeated; "
                             + "MATCH_ parameters take EPC patterns (urn:epc:idpat:sgtin:0614141.107346.*). "
                             + "In record-time order; perPage (default 30, at most 1000) and nextPageToken page "
                             + "it, and Link: <...>; rel=\"next\" names the next page. An unknown parameter or a "
                             + "bad value is 400 epcisException:QueryParameterException; perPage over 1000 is "
                             + "413 epcisException:QueryTooLargeException.")
    @ApiResponse(responseCode = "200", description = "An EPCISQueryDocument",
                 content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "epcisException:QueryParameterException",
                 content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "413", description = "epcisException:QueryTooLargeException",
                 content = @Content(mediaType = "application/problem+json"))
    @GetMapping(value = "/events", produces = {"application/json", "application/ld+json"})
    public ResponseEntity<String> events(HttpServletRequest request) {
        return answer(EpcisQuery.of(parameters(request), PAGING), EpcisDocuments.SIMPLE_EVENT_QUERY, request);
    }

    @Operation(operationId = "epcisEventTypeEvents", summary = "EPCIS events of one event type",
               description = "COMPLIANCE or AUDITOR. GET /epcis/events restricted to the type; same parameters.")
    @ApiResponse(responseCode = "200", description = "An EPCISQueryDocument",
                 content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "epcisException:QueryParameterException",
                 content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "epcisException:NoSuchResourceException",
                 content = @Content(mediaType = "application/problem+json"))
    @GetMapping(value = "/eventTypes/{eventType}/events", produces = {"application/json", "application/ld+json"})
    public ResponseEntity<String> eventTypeEvents(@PathVariable String eventType, HttpServletRequest request) {
        if (!EpcisQuery.EVENT_TYPES.contains(eventType)) {
            throw noSuchResource("eventType", eventType);
        }
        return answer(EpcisQuery.of(parameters(request), PAGING).and("eventType", eventType),
                      EpcisDocuments.SIMPLE_EVENT_QUERY, request);
    }

    @Operation(operationId = "epcisResourceEvents", summary = "EPCIS events of one bizStep, disposition, bizLocation, "
                                                              + "readPoint or EPC",
               description = "COMPLIANCE or AUDITOR. GET /epcis/events restricted to the value (URL-encoded); same "
                             + "parameters. An EPC matches wherever the event names it (MATCH_anyEPC).")
    @ApiResponse(responseCode = "200", description = "An EPCISQueryDocument",
                 content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "epcisException:QueryParameterException",
                 content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "epcisException:NoSuchResourceException",
                 content = @Content(mediaType = "application/problem+json"))
    @GetMapping(value = {"/bizSteps/{value}/events", "/dispositions/{value}/events", "/bizLocations/{value}/events",
                         "/readPoints/{value}/events", "/epcs/{value}/events"},
                produces = {"application/json", "application/ld+json"})
    public ResponseEntity<String> resourceEvents(@PathVariable String value, HttpServletRequest request) {
        String resource = resource(request);
        return answer(EpcisQuery.of(parameters(request), PAGING).and(RESOURCES.get(resource).parameter(), value),
                      EpcisDocuments.SIMPLE_EVENT_QUERY, request);
    }

    @Operation(operationId = "epcisEventTypes", summary = "The event types this repository supports",
               description = "COMPLIANCE or AUDITOR. The five standard types (a Collection).")
    @ApiResponse(responseCode = "200", description = "A Collection of event types",
                 content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
    @GetMapping(value = "/eventTypes", produces = {"application/json", "application/ld+json"})
    public ResponseEntity<String> eventTypes(@Parameter(hidden = true) HttpServletRequest request) {
        rejectUnknown(request, PAGING);
        return collection(EpcisQuery.EVENT_TYPES.stream().sorted().toList(), null);
    }

    @Operation(operationId = "epcisDiscovery", summary = "The bizSteps, dispositions, bizLocations, readPoints or EPCs "
                                                         + "present in stored events",
               description = "COMPLIANCE or AUDITOR. A Collection in value order, paged with perPage and "
                             + "nextPageToken (Link header).")
    @ApiResponse(responseCode = "200", description = "A Collection of values",
                 content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "epcisException:QueryParameterException",
                 content = @Content(mediaType = "application/problem+json"))
    @GetMapping(value = {"/bizSteps", "/dispositions", "/bizLocations", "/readPoints", "/epcs"},
                produces = {"application/json", "application/ld+json"})
    public ResponseEntity<String> discovery(@Parameter(hidden = true) HttpServletRequest request) {
        String resource = resource(request);
        rejectUnknown(request, PAGING);
        int perPage = EpcisPaging.perPage(request.getParameter("perPage"));
        String after = EpcisPaging.valueCursor(resource, request.getParameter("nextPageToken"));
        List<String> values = store.distinct(RESOURCES.get(resource).values(), after, perPage + 1);
        String next = null;
        if (values.size() > perPage) {
            values = values.subList(0, perPage);
            next = EpcisPaging.valueToken(resource, values.get(perPage - 1));
        }
        return collection(values, next);
    }

    @Operation(operationId = "epcisSubResources", summary = "The sub-resources of an event type or discovered value",
               description = "COMPLIANCE or AUDITOR. Always {\"member\": [\"events\"]} (HATEOAS discovery).")
    @ApiResponse(responseCode = "200", description = "A Collection of sub-resources",
                 content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "404", description = "epcisException:NoSuchResourceException",
                 content = @Content(mediaType = "application/problem+json"))
    @GetMapping(value = {"/eventTypes/{value}", "/bizSteps/{value}", "/dispositions/{value}", "/bizLocations/{value}",
                         "/readPoints/{value}", "/epcs/{value}"},
                produces = {"application/json", "application/ld+json"})
    public ResponseEntity<String> subResources(@PathVariable String value,
                                               @Parameter(hidden = true) HttpServletRequest request) {
        if (resource(request).equals("eventTypes") && !EpcisQuery.EVENT_TYPES.contains(value)) {
            throw noSuchResource("eventType", value);
        }
        return collection(List.of("events"), null);
    }

    @Operation(operationId = "epcisQueryOptions", summary = "The versions and vocabularies of the query interface",
               description = "Answers 204 with the GS1-EPCIS-* and GS1-CBV-* headers.")
    @RequestMapping(value = {"/events", "/eventTypes", "/eventTypes/**", "/bizSteps", "/bizSteps/**",
                             "/dispositions", "/dispositions/**", "/bizLocations", "/bizLocations/**",
                             "/readPoints", "/readPoints/**", "/epcs", "/epcs/**", "/queries", "/queries/**"},
                    method = RequestMethod.OPTIONS)
    public ResponseEntity<Void> options() {
        HttpHeaders headers = EpcisDocuments.versionHeaders();
        headers.set("GS1-EPC-Format", "Always_EPC_URN");
        return ResponseEntity.noContent().headers(headers).build();
    }

    /** One page of a query as an EPCISQueryDocument, with Link rel="next" while more remain. */
    ResponseEntity<String> answer(EpcisQuery query, String queryName, HttpServletRequest request) {
        int perPage = EpcisPaging.perPage(request.getParameter("perPage"));
        EpcisEventStore.Cursor after = EpcisPaging.eventCursor(request.getParameter("nextPageToken"), query.fingerprint());
        List<EpcisEventStore.Row> rows = store.page(query, after, perPage + 1);
        HttpHeaders headers = EpcisDocuments.versionHeaders();
        if (rows.size() > perPage) {
            rows = rows.subList(0, perPage);
            headers.set(HttpHeaders.LINK, EpcisPaging.nextLink(EpcisPaging.eventToken(rows.get(perPage - 1),
                                                                                      query.fingerprint())));
        }
        return ResponseEntity.ok().headers(headers).contentType(MediaType.APPLICATION_JSON)
                             .body(EpcisDocuments.queryDocument(json, queryName, null, rows));
    }

    private ResponseEntity<String> collection(List<String> members, String nextToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@context", EpcisDocuments.CONTEXT);
        body.put("type", "Collection");
        body.put("member", members);
        HttpHeaders headers = EpcisDocuments.versionHeaders();
        if (nextToken != null) {
            headers.set(HttpHeaders.LINK, EpcisPaging.nextLink(nextToken));
        }
        return ResponseEntity.ok().headers(headers).contentType(MediaType.APPLICATION_JSON)
                             .body(json.writeValueAsString(body));
    }

    /** The resource a path names: the segment after /epcis/. */
    private static String resource(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String rest = path.substring(path.indexOf("/epcis/") + "/epcis/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    static Map<String, List<String>> parameters(HttpServletRequest request) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> parameters.put(name, Arrays.asList(values)));
        return parameters;
    }

    private static void rejectUnknown(HttpServletRequest request, Set<String> allowed) {
        for (String name : request.getParameterMap().keySet()) {
            if (!allowed.contains(name)) {
                throw EpcisQueryException.parameter(name, "is not a parameter of this resource (perPage, nextPageToken)");
            }
        }
    }

    private static EpcisQueryException noSuchResource(String what, String value) {
        return new EpcisQueryException(HttpStatus.NOT_FOUND, EpcisQueryException.NO_SUCH_RESOURCE,
                                       "no " + what + " " + value + " in this repository");
    }
}
