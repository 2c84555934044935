package org.provenance.ledger.api.docs;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.provenance.ledger.api.web.ProblemErrorController;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The OpenAPI document's frame: info, the two authentication schemes, the problem+json schema and
 * the reusable error responses that operations name with {@code @ApiResponse(ref = ...)}. Both
 * controller modules (the API and the audit server) refer to these responses by name, so a problem's
 * shape is described once. docs/openapi.yaml is this document as the app serves it (OpenApiDocumentTest).
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    public static final String BAD_REQUEST = "BadRequest";
    public static final String NOT_FOUND = "NotFound";
    public static final String CONFLICT = "Conflict";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    static final String UNAUTHORIZED = "Unauthorized";
    static final String FORBIDDEN = "Forbidden";
    static final String SERVICE_UNAVAILABLE = "ServiceUnavailable";
    static final String TOO_MANY_FAILED_LOGINS = "TooManyFailedLogins";

    /** The 201 of every write (SPEC 6). */
    public static final String RECORDED = "Recorded: the receipt names the id and the global position of the write's "
                                          + "last event. Repeating the same write answers the same receipt.";
    public static final String LOCATION = "Where the recorded resource is read";

    static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    static {
        // The error path is where the container forwards failures, not an endpoint anyone calls.
        SpringDocUtils.getConfig().addHiddenRestControllers(ProblemErrorController.class);
        // A JSON tree answer is any JSON: introspected as a bean, Jackson 3's JsonNode would show its getters.
        SpringDocUtils.getConfig().replaceWithSchema(tools.jackson.databind.JsonNode.class,
                                                     new io.swagger.v3.oas.models.media.Schema<>());
    }

    @Bean
    OpenAPI ledgerOpenApi(ObjectProvider<BuildProperties> build) {
        Components components = new Components()
                .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("A local user (ledger.security.local-users)"))
                .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .bearerFormat("JWT")
                        .description("A token of the configured OpenID Connect issuer; roles and facilities are "
                                     + "read from the claims named by ledger.security.jwt.*"));
        ModelConverters.getInstance(true).readAll(ProblemDocument.class).forEach(components::addSchemas);
        problems().forEach(components::addResponses);
        return new OpenAPI()
                .info(new Info()
                        .title("Provenance Ledger API")
                        .version(version(build))
                        .description("""
                                Event-sourced chain of custody for critical minerals: facilities, blocs, lots, \
                                transformations and transfers are recorded as events; lots' composition, flags, \
                                procurement checks and the signed audit chain are read from them.

                                Writes answer 201 with the receipt `{id, position}`; repeating a write with the \
                                same id and body answers the same receipt, the same id with another body is 409. \
                                A read after a client's acknowledged write sees it. Every error is \
                                application/problem+json (RFC 9457) with a stable `type` code.""")
                        // No licence yet: the project has not chosen one, and the document must not claim one.
                        )
                .components(components)
                // Either scheme is enough: alternatives, not both.
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /**
     * Refusals every documented operation can answer: all need authentication and a role (and HTTP
     * Basic logins are throttled after failures), and all
     * touch the database or the read models, which can be unavailable. The others (400, 404, 409,
     * 415) depend on the operation and are named on it.
     */
    @Bean
    OpenApiCustomizer everyOperationCanBeRefused() {
        return api -> api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            ApiResponses responses = operation.getResponses();
            for (String[] common : new String[][]{{"401", UNAUTHORIZED}, {"403", FORBIDDEN},
                                                  {"429", TOO_MANY_FAILED_LOGINS}, {"503", SERVICE_UNAVAILABLE}}) {
                responses.putIfAbsent(common[0], new ApiResponse().$ref(common[1]));
            }
            sortByStatus(operation);
        }));
    }

    /**
     * Tags in name order: springdoc lists them in the order it meets the controllers, which is the
     * bean registration order, and a list compares by order: docs/openapi.yaml must not depend on it.
     */
    @Bean
    OpenApiCustomizer tagsInNameOrder() {
        return api -> {
            if (api.getTags() != null) {
                api.getTags().sort(Comparator.comparing(Tag::getName));
            }
        };
    }

    /** Responses in status order, so the document reads (and diffs) the same whatever the scan order. */
    private static void sortByStatus(Operation operation) {
        Map<String, ApiResponse> sorted = new TreeMap<>(operation.getResponses());
        ApiResponses responses = new ApiResponses();
        responses.putAll(sorted);
        responses.setExtensions(operation.getResponses().getExtensions());
        operation.setResponses(responses);
    }

    private static Map<String, ApiResponse> problems() {
        Map<String, ApiResponse> responses = new LinkedHashMap<>();
        responses.put(BAD_REQUEST, problem("Malformed or invalid input: each offending field is named in errors",
                "/api/lots/extractions", "malformed-request", 400, "Malformed request", "massKg: must be a JSON number",
                Map.of("field", "massKg", "message", "must be a JSON number")));
        responses.put(UNAUTHORIZED, problem("No credentials, or wrong ones; a Bearer token without a claim the ledger "
                                            + "requires is refused naming it in claim", "/api/flags", "unauthenticated", 401,
                "Authentication required",
                "send valid credentials: HTTP Basic for a local user, or a Bearer token from the configured issuer",
                null)
                .addHeaderObject("WWW-Authenticate", header("Basic realm=\"provenance-ledger\", and Bearer")));
        responses.put(TOO_MANY_FAILED_LOGINS, problem("Too many failed logins for this user name or from this "
                                                      + "address: every login attempt of either is refused until "
                                                      + "Retry-After seconds have passed",
                "/api/flags", "too-many-failed-logins", 429, "Too many failed logins",
                "too many failed logins for this user or from this address; try again after 30 s", null)
                .addHeaderObject("Retry-After", header("Seconds to wait before the next attempt")));
        responses.put(FORBIDDEN, problem("The caller's roles (or an operator's facilities) do not allow this",
                "/api/flags", "forbidden", 403, "Forbidden", "your roles do not allow this request", null));
        responses.put(NOT_FOUND, problem("An id in the path, or a record the write refers to, is unknown",
                "/api/lots/LOT-1", "not-found", 404, "Not found", "no lot LOT-1 is recorded", null));
        responses.put(CONFLICT, problem("Conflicts with the ledger's state: id used with another body, lot not in "
                                        + "the facility's custody, more mass than remains, a concurrent change",
                "/api/transformations", "insufficient-mass", 409, "Conflicts with the ledger",
                "lot ORE-1 has 1200 kg left, 1500 kg were asked for", null));
        responses.put(UNSUPPORTED_MEDIA_TYPE, problem("The body was sent with another Content-Type",
                "/api/facilities", "unsupported-media-type", 415, "Unsupported media type",
                "send the body with Content-Type: application/json", null));
        responses.put(SERVICE_UNAVAILABLE, problem("The database or the read models cannot answer now; retry after "
                                                   + "Retry-After seconds (a retried write is idempotent)",
                "/api/lots/LOT-1", "read-models-behind", 503, "Read models are behind",
                "the read models have not caught up with this client's writes; retry later", null)
                .addHeaderObject("Retry-After", header("Seconds to wait before retrying")));
        return responses;
    }

    private static ApiResponse problem(String description, String instance, String code, int status, String title,
                                       String detail, Map<String, String> error) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "/problems/" + code);
        example.put("title", title);
        example.put("status", status);
        example.put("detail", detail);
        example.put("instance", instance);
        if (error != null) {
            example.put("errors", java.util.List.of(error));
        }
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref(PROBLEM_SCHEMA))
                               .addExamples(code, new Example().value(example))));
    }

    private static Header header(String description) {
        return new Header().description(description).schema(new Schema<String>().types(Set.of("string")));
    }

    private static String version(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        if (properties != null) {
            return properties.getVersion();
        }
        String manifest = OpenApiConfiguration.class.getPackage().getImplementationVersion();
        return manifest == null ? "unknown" : manifest;
    }
}
