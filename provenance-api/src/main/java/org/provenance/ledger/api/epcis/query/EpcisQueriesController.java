package org.provenance.ledger.api.epcis.query;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.provenance.ledger.api.security.Roles;
import org.provenance.ledger.api.webhook.CallbackUrls;
import org.provenance.ledger.api.webhook.WebhookOutbox;
import org.provenance.ledger.api.write.CurrentRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Named queries and their webhook subscriptions, as the standard's openapi defines them (SPEC 11).
 * Streaming subscriptions only: a {@code schedule} is refused with SubscriptionControlsException.
 */
@Tag(name = "EPCIS queries and subscriptions", description = "GS1 EPCIS 2.0 named queries and webhook subscriptions")
@RestController
@RequestMapping("/epcis/queries")
public class EpcisQueriesController {

    private static final Set<String> DEFINITION_FIELDS = Set.of("name", "query");
    private static final Set<String> SUBSCRIPTION_FIELDS = Set.of("dest", "signatureToken", "stream", "reportIfEmpty",
                                                                  "schedule", "initialRecordTime");

    private final EpcisNamedQueries queries;
    private final EpcisQueryController events;
    private final CallbackUrls urls;
    private final WebhookOutbox outbox;
    private final ObjectMapper json;

    public EpcisQueriesController(EpcisNamedQueries queries, EpcisQueryController events, CallbackUrls urls,
                                  WebhookOutbox outbox, ObjectMapper json) {
        this.queries = queries;
        this.events = events;
        this.urls = urls;
        this.outbox = outbox;
        this.json = json;
    }

    @Operation(operationId = "epcisCreateQuery", summary = "Create a named query",
               description = "COMPLIANCE or AUDITOR. {name, query}: query is an EPCIS query object "
                             + "(query-schema.json) with the parameters of GET /epcis/events, lists as arrays. "
                             + "201 with Location /epcis/queries/{name}; 409 ResourceAlreadyExistsException if "
                             + "the name is taken; 400 QueryParameterException for a bad parameter.",
               requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                       examples = @ExampleObject(name = "example", value = """
                               {"name": "shipments", "query": {"eventType": ["ObjectEvent"],
                                "EQ_bizStep": ["shipping", "receiving"]}}"""))))
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "epcisException:QueryParameterException or ValidationException",
                 content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "epcisException:ResourceAlreadyExistsException",
                 content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "415", ref = org.provenance.ledger.api.docs.OpenApiConfiguration.UNSUPPORTED_MEDIA_TYPE)
    @PostMapping(consumes = {"application/json", "application/ld+json"})
    public ResponseEntity<Map<String, Object>> create(@RequestBody String body) {
        JsonNode definition = object(body, DEFINITION_FIELDS, EpcisQueryException.VALIDATION);
        JsonNode name = definition.path("name");
        EpcisNamedQueries.checkName(name.isString() ? name.asString() : null);
        EpcisNamedQueries.toQuery(definition.get("query"));
        if (!queries.create(name.asString(), definition.get("query"), CurrentRequest.principal())) {
            throw new EpcisQueryException(HttpStatus.CONFLICT, EpcisQueryException.RESOURCE_ALREADY_EXISTS,
                                          "a query named " + name.asString() + " exists");
        }
        return ResponseEntity.created(URI.create("/epcis/queries/" + name.asString()))
                             .headers(EpcisDocuments.versionHeaders())
                             .body(definition(new EpcisNamedQueries.NamedQuery(name.asString(), definition.get("query"))));
    }

    @Operation(operationId = "epcisListQueries", summary = "The named queries",
               description = "COMPLIANCE or AUDITOR. [{name, query}] in name order, paged with perPage and "
                             + "nextPageToken (Link header).")
    @GetMapping(produces = "application/json")
    public ResponseEntity<List<Map<String, Object>>> list(HttpServletRequest request) {
        onlyPaging(request);
        int perPage = EpcisPaging.perPage(request.getParameter("perPage"));
        String after = EpcisPaging.valueCursor("queries", request.getParameter("nextPageToken"));
        List<EpcisNamedQueries.NamedQuery> page = queries.list(after, perPage + 1);
        HttpHeaders headers = EpcisDocuments.versionHeaders();
        if (page.size() > perPage) {
            page = page.subList(0, perPage);
            headers.set(HttpHeaders.LINK, EpcisPaging.nextLink(EpcisPaging.valueToken("queries",
                                                                                      page.get(perPage - 1).name())));
        }
        return ResponseEntity.ok().headers(headers).body(page.stream().map(EpcisQueriesController::definition).toList());
    }

    @Operation(operationId = "epcisGetQuery", summary = "A named query's definition", description = "COMPLIANCE or AUDITOR.")
    @ApiResponse(responseCode = "404", description = "epcisException:NoSuchResourceException",
                 content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "200", description = "{name, query}")
    @GetMapping(value = "/{queryName}", produces = "application/json")
    public ResponseEntity<Map<String, Object>> get(@PathVariable String queryName) {
        return ResponseEntity.ok().headers(EpcisDocuments.versionHeaders()).body(definition(named(queryName)));
    }

    @Operation(operationId = "epcisDeleteQuery", summary = "Delete a named query",
               description = "COMPLIANCE or AUDITOR; a query with subscriptions only COMPLIANCE (its subscriptions "
                             + "go with it).")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "epcisException:NoSuchResourceException",
                 content = @Content(mediaType = "application/problem+json"))
    @DeleteMapping("/{queryName}")
    @Transactional
    public ResponseEntity<Void> delete(@PathVariable String queryName) {
        named(queryName);
        List<EpcisNamedQueries.Subscription> subscriptions = queries.subscriptions(queryName);
        if (!subscriptions.isEmpty()) {
            Roles.require(Roles.COMPLIANCE);
        }
        for (EpcisNamedQueries.Subscription s : subscriptions) {
            outbox.dropPending(WebhookOutbox.EPCIS_SUBSCRIPTION, s.subscriptionID());
        }
        queries.delete(queryName);
        return ResponseEntity.noContent().headers(EpcisDocuments.versionHeaders()).build();
    }

    @Operation(operationId = "epcisQueryEventsByName", summary = "A named query's events (EPCISQueryDocument)",
               description = "COMPLIANCE or AUDITOR. As GET /epcis/events with the query's parameters; perPage "
                             + "and nextPageToken page it.")
    @ApiResponse(responseCode = "200", description = "An EPCISQueryDocument",
                 content = @Content(mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(type = "object")))
    @ApiResponse(responseCode = "404", description = "epcisException:NoSuchResourceException",
                 content = @Content(mediaType = "application/problem+json"))
    @GetMapping(value = "/{queryName}/events", produces = {"application/json", "application/ld+json"})
    public ResponseEntity<String> events(@PathVariable String queryName, HttpServletRequest request) {
        EpcisNamedQueries.NamedQuery named = named(queryName);
        onlyPaging(request);
        return events.answer(EpcisNamedQueries.toQuery(named.query()), queryName, request);
    }

    @Operation(operationId = "epcisSubscribe", summary = "Subscribe a webhook to a named query",
               description = "COMPLIANCE. {dest, signatureToken, stream: true, initialRecordTime}: each capture "
                             + "whose new events match the query is POSTed to dest as an EPCISQueryDocument "
                             + "(queryResults.subscriptionID set), with GS1-Signature: sha256=<lower-case hex "
                             + "HMAC-SHA256 of the body's bytes keyed with the UTF-8 bytes of signatureToken> and "
                             + "Ledger-Delivery-Id; retried with exponential back-off until dest answers 2xx. dest "
                             + "must be http(s) and pass the callback rules (ledger.webhooks.*). A schedule is "
                             + "not supported (400 SubscriptionControlsException).",
               requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                       examples = @ExampleObject(name = "example", value = """
                               {"dest": "https://client.example.com/queryCallback",
                                "signatureToken": "13df38d8275b13f05704629e5f1cf3d45d6132d5", "stream": true}"""))))
    @ApiResponse(responseCode = "201", description = "Subscribed; Location names the subscription")
    @ApiResponse(responseCode = "400", description = "epcisException:SubscriptionControlsException",
                 content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "epcisException:NoSuchResourceException",
                 content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "415", ref = org.provenance.ledger.api.docs.OpenApiConfiguration.UNSUPPORTED_MEDIA_TYPE)
    @PostMapping(value = "/{queryName}/subscriptions", consumes = "application/json")
    @Transactional
    public ResponseEntity<Map<String, Object>> subscribe(@PathVariable String queryName, @RequestBody String body) {
        named(queryName);
        JsonNode request = object(body, SUBSCRIPTION_FIELDS, EpcisQueryException.SUBSCRIPTION_CONTROLS);
        JsonNode dest = request.path("dest");
        if (!dest.isString()) {
            throw controls("dest: is required, a URL");
        }
        try {
            urls.check(dest.asString());
        } catch (CallbackUrls.RefusedUrlException e) {
            throw controls("dest: " + e.getMessage());
        }
        JsonNode token = request.get("signatureToken");
        if (token != null && (!token.isString() || token.asString().isEmpty() || token.asString().length() > 200)) {
            throw controls("signatureToken: must be a string of 1 to 200 characters");
        }
        if (request.has("schedule")) {
            throw controls("schedule: scheduled subscriptions are not supported by this repository; subscribe with "
                           + "\"stream\": true");
        }
        if (!request.path("stream").isBoolean() || !request.path("stream").asBoolean()) {
            throw controls("stream: must be true (this repository reports each capture's matching events as they are "
                           + "captured)");
        }
        JsonNode report = request.get("reportIfEmpty");
        if (report != null && !report.isBoolean()) {
            throw controls("reportIfEmpty: must be true or false");
        }
        Instant initial = null;
        JsonNode initialRecordTime = request.get("initialRecordTime");
        if (initialRecordTime != null) {
            try {
                initial = EpcisQuery.time("initialRecordTime", initialRecordTime.asString("")).toInstant();
            } catch (EpcisQueryException e) {
                throw controls(e.getMessage());
            }
        }
        EpcisNamedQueries.Subscription s = new EpcisNamedQueries.Subscription(
                UUID.randomUUID().toString(), queryName, dest.asString(), true, report != null && report.asBoolean(),
                initial, Instant.now().truncatedTo(ChronoUnit.MICROS), null, token != null);
        queries.subscribe(s, token == null ? null : token.asString(), CurrentRequest.principal());
        return ResponseEntity.created(URI.create("/epcis/queries/" + queryName + "/subscriptions/" + s.subscriptionID()))
                             .headers(EpcisDocuments.versionHeaders()).body(subscription(s));
    }

    @Operation(operationId = "epcisListSubscriptions", summary = "A named query's subscriptions",
               description = "COMPLIANCE or AUDITOR. The signatureToken is never shown.")
    @ApiResponse(responseCode = "200", description = "The subscriptions")
    @ApiResponse(responseCode = "404", description = "epcisException:NoSuchResourceException",
                 content = @Content(mediaType = "application/problem+json"))
    @GetMapping(value = "/{queryName}/subscriptions", produces = "application/json")
    public ResponseEntity<List<Map<String, Object>>> subscriptions(@PathVariable String queryName) {
        named(queryName);
        return ResponseEntity.ok().headers(EpcisDocuments.versionHeaders())
                             .body(queries.subscriptions(queryName).stream().map(EpcisQueriesController::subscription)
                                          .toList());
    }

    @Operation(operationId = "epcisGetSubscription", summary = "A subscription", description = "COMPLIANCE or AUDITOR.")
    @ApiResponse(responseCode = "200", description = "The subscription")
    @ApiResponse(responseCode = "404", description = "epcisException:NoSuchResourceException",
                 content = @Content(mediaType = "application/problem+json"))
    @GetMapping(value = "/{queryName}/subscriptions/{subscriptionID}", produces = "application/json")
    public ResponseEntity<Map<String, Object>> subscription(@PathVariable String queryName,
                                                            @PathVariable String subscriptionID) {
        named(queryName);
        return ResponseEntity.ok().headers(EpcisDocuments.versionHeaders())
                             .body(subscription(queries.subscription(queryName, subscriptionID)
                                                       .orElseThrow(() -> noSuch("subscription", subscriptionID))));
    }

    @Operation(operationId = "epcisUnsubscribe", summary = "Delete a subscription",
               description = "COMPLIANCE. Its queued deliveries are dropped; nothing more is sent (an attempt "
                             + "already under way may still arrive).")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "epcisException:NoSuchResourceException",
                 content = @Content(mediaType = "application/problem+json"))
    @DeleteMapping("/{queryName}/subscriptions/{subscriptionID}")
    @Transactional
    public ResponseEntity<Void> unsubscribe(@PathVariable String queryName, @PathVariable String subscriptionID) {
        named(queryName);
        if (!queries.unsubscribe(queryName, subscriptionID)) {
            throw noSuch("subscription", subscriptionID);
        }
        outbox.dropPending(WebhookOutbox.EPCIS_SUBSCRIPTION, subscriptionID);
        return ResponseEntity.noContent().headers(EpcisDocuments.versionHeaders()).build();
    }

    private EpcisNamedQueries.NamedQuery named(String queryName) {
        return queries.find(queryName).orElseThrow(() -> noSuch("query", queryName));
    }

    private JsonNode object(String body, Set<String> fields, String exception) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            throw new EpcisQueryException(HttpStatus.BAD_REQUEST, exception, "the body is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new EpcisQueryException(HttpStatus.BAD_REQUEST, exception, "the body must be a JSON object");
        }
        for (String name : node.propertyNames()) {
            if (!fields.contains(name)) {
                throw new EpcisQueryException(HttpStatus.BAD_REQUEST, exception,
                                              name + ": is not a field here (" + String.join(", ", fields) + ")");
            }
        }
        return node;
    }

    private static void onlyPaging(HttpServletRequest request) {
        for (String name : request.getParameterMap().keySet()) {
            if (!EpcisQueryController.PAGING.contains(name)) {
                throw EpcisQueryException.parameter(name, "is not a parameter of this resource (perPage, nextPageToken)");
            }
        }
    }

    private static EpcisQueryException controls(String message) {
        return new EpcisQueryException(HttpStatus.BAD_REQUEST, EpcisQueryException.SUBSCRIPTION_CONTROLS, message);
    }

    private static EpcisQueryException noSuch(String what, String name) {
        return new EpcisQueryException(HttpStatus.NOT_FOUND, EpcisQueryException.NO_SUCH_RESOURCE,
                                       "no " + what + " " + name + " in this repository");
    }

    private static Map<String, Object> definition(EpcisNamedQueries.NamedQuery q) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", q.name());
        out.put("query", q.query());
        return out;
    }

    private static Map<String, Object> subscription(EpcisNamedQueries.Subscription s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("subscriptionID", s.subscriptionID());
        out.put("dest", s.dest());
        out.put("stream", s.stream());
        out.put("reportIfEmpty", s.reportIfEmpty());
        out.put("signed", s.signed());
        out.put("createdAt", s.createdAt());
        out.put("lastNotifiedAt", s.lastNotifiedAt());
        out.put("initialRecordTime", s.initialRecordTime());
        return out;
    }
}
