package org.provenance.ledger.api.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document is kept true two ways: every endpoint the app maps is in it (found by
 * reflection, so a new controller method cannot be forgotten), and docs/openapi.yaml is exactly
 * what the running app serves (so the checked-in copy cannot drift from the code).
 */
class OpenApiDocumentTest extends ApiTest {

    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path CHECKED_IN = MODULE.resolve("../docs/openapi.yaml").normalize();
    private static final Path FRESH = MODULE.resolve("target/openapi.yaml");
    private static final String REGENERATE = "cp provenance-api/target/openapi.yaml docs/openapi.yaml";

    // Jackson 2 here on purpose: swagger-core (under springdoc) brings it and its YAML module, and the
    // document is compared as the trees swagger writes; the ledger itself reads and writes with Jackson 3.
    private static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void every_endpoint_of_the_ledgers_controllers_is_documented() {
        JsonNode paths = served().path("paths");
        List<String> endpoints = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            Class<?> controller = mapping.getValue().getBeanType();
            // The error path is where the container forwards failures, not an endpoint to call.
            // The console's pages are HTML for browsers (README "Console"), not part of the API.
            if (!controller.getName().startsWith("org.provenance.ledger.")
                    || controller.getName().startsWith("org.provenance.ledger.api.console.")
                    || ErrorController.class.isAssignableFrom(controller)) {
                continue;
            }
            Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
            assertThat(methods).as("%s maps every HTTP method; say which it serves", mapping.getValue()).isNotEmpty();
            for (String path : mapping.getKey().getPatternValues()) {
                for (RequestMethod method : methods) {
                    String endpoint = method + " " + path;
                    endpoints.add(endpoint);
                    if (paths.path(path).path(method.name().toLowerCase(Locale.ROOT)).isMissingNode()) {
                        missing.add(endpoint + " (" + mapping.getValue() + ")");
                    }
                }
            }
        }
        // The audit server's controller is scanned from its own module; it must be seen here too.
        assertThat(endpoints).contains("POST /api/facilities", "POST /api/batches", "GET /api/audit/verify",
                                       "POST /api/admin/projections/{name}/replay").hasSizeGreaterThan(25);
        assertThat(missing).as("endpoints missing from /v3/api-docs").isEmpty();
    }

    @Test
    void every_operation_says_what_it_does_and_how_it_can_fail() {
        List<String> incomplete = new ArrayList<>();
        served().path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String name = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            JsonNode operation = op.getValue();
            JsonNode responses = operation.path("responses");
            if (operation.path("summary").asText().isBlank() || operation.path("tags").isEmpty()) {
                incomplete.add(name + ": no summary or tag");
            }
            boolean success = false;
            for (var codes = responses.fields(); codes.hasNext(); ) {
                var response = codes.next();
                if (response.getKey().startsWith("2")) {
                    success = true;
                    // An example alone (without its schema) silently drops the type's schema from the answer.
                    response.getValue().path("content").fields().forEachRemaining(media -> {
                        if (!media.getValue().has("schema")) {
                            incomplete.add(name + ": " + response.getKey() + " " + media.getKey() + " has no schema");
                        }
                    });
                }
            }
            operation.path("requestBody").path("content").fields().forEachRemaining(media -> {
                if (!media.getValue().has("schema")) {
                    incomplete.add(name + ": request body " + media.getKey() + " has no schema");
                }
            });
            if (!success) {
                incomplete.add(name + ": no 2xx response");
            }
            for (String refusal : List.of("401", "403", "503")) {
                if (!responses.has(refusal)) {
                    incomplete.add(name + ": no " + refusal);
                }
            }
            if (operation.has("requestBody") && !responses.has("415")) {
                incomplete.add(name + ": takes a body but documents no 415");
            }
            // A JSON body is read whole and refused whole; a batch answers its lines' 400s in its 200.
            boolean wholeJsonBody = operation.path("requestBody").path("content").has("application/json")
                    && !operation.path("requestBody").path("content").has("application/x-ndjson");
            if (wholeJsonBody && !responses.has("400")) {
                incomplete.add(name + ": takes a JSON body but documents no 400");
            }
            if (path.getKey().contains("{") && !responses.has("404") && !responses.has("400")) {
                incomplete.add(name + ": has path parameters but documents no 404");
            }
        }));
        assertThat(incomplete).isEmpty();
    }

    @Test
    void the_document_is_openapi_3_1_with_both_schemes_applied_globally() {
        JsonNode doc = served();
        assertThat(doc.path("openapi").asText()).startsWith("3.1.");
        assertThat(doc.path("info").path("version").asText()).isNotBlank().isNotEqualTo("unknown");
        assertThat(doc.path("components").path("securitySchemes").path("basic").path("scheme").asText())
                .isEqualTo("basic");
        assertThat(doc.path("components").path("securitySchemes").path("bearer").path("bearerFormat").asText())
                .isEqualTo("JWT");
        assertThat(doc.path("security").findValues("basic")).hasSize(1);
        assertThat(doc.path("security").findValues("bearer")).hasSize(1);
        JsonNode problem = doc.path("components").path("schemas").path("Problem").path("properties");
        assertThat(problem.path("errors").path("items").path("$ref").asText()).endsWith("/FieldProblem");
    }

    @Test
    void the_checked_in_document_is_what_the_app_serves() throws IOException {
        JsonNode fromYaml = withoutServers(YAML.readTree(http.get("/v3/api-docs.yaml").body()));
        assertThat(fromYaml).as("/v3/api-docs.yaml and /v3/api-docs describe the same API").isEqualTo(served());
        String fresh = YAML.writeValueAsString(fromYaml);
        Files.createDirectories(FRESH.getParent());
        Files.writeString(FRESH, fresh);
        if (Boolean.getBoolean("ledger.openapi.write")) {
            Files.writeString(CHECKED_IN, fresh);
        }
        assertThat(Files.exists(CHECKED_IN)).as("%s is missing; to create it: %s", CHECKED_IN, REGENERATE).isTrue();
        JsonNode checkedIn = withoutServers(YAML.readTree(CHECKED_IN.toFile()));
        assertThat(checkedIn)
                .as("docs/openapi.yaml differs from what the app serves, first at %s; review the change and "
                    + "regenerate it: %s (or run this test with -Dledger.openapi.write=true)",
                    firstDifference(checkedIn, fromYaml, ""), REGENERATE)
                .isEqualTo(fromYaml);
    }

    @Test
    void the_documentation_is_for_authenticated_callers_of_any_role() {
        for (String path : List.of("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config",
                                   "/swagger-ui.html", "/swagger-ui/index.html")) {
            assertProblem(anonymous().get(path), 401, "unauthenticated");
            assertThat(new Http(port).basic("auditor", "wrong").get(path).status()).as(path).isEqualTo(401);
            for (TestUsers.User user : List.of(TestUsers.OPERATOR, TestUsers.COMPLIANCE, TestUsers.AUDITOR,
                                               TestUsers.ADMIN)) {
                int status = as(user).get(path).status();
                assertThat(status).as(path + " as " + user.name()).isIn(200, 302);
            }
        }
    }

    @Test
    void swagger_ui_is_served_by_the_ledger_itself() {
        Http.Response entry = http.get("/swagger-ui.html");
        assertThat(entry.status()).isEqualTo(302);
        assertThat(entry.header("Location")).endsWith("/swagger-ui/index.html");
        Http.Response page = http.get("/swagger-ui/index.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        // Every script and style the page loads comes from the ledger: it must work with no internet.
        Matcher assets = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        Set<String> loaded = new TreeSet<>();
        while (assets.find()) {
            loaded.add(assets.group(1));
        }
        assertThat(loaded).contains("./swagger-ui-bundle.js", "./swagger-initializer.js")
                          .allSatisfy(asset -> assertThat(asset).doesNotContain("//"));
        for (String asset : loaded) {
            assertThat(http.get("/swagger-ui/" + asset.replaceFirst("^\\./", "")).status()).as(asset).isEqualTo(200);
        }
        Http.Response config = http.get("/v3/api-docs/swagger-config");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.text("url")).isEqualTo("/v3/api-docs");
        assertThat(config.text("validatorUrl")).isEqualTo("none");
    }

    private JsonNode served() {
        Http.Response response = http.get("/v3/api-docs");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        try {
            return withoutServers(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON pointer to where two documents first differ, so a failure says where to look in 70 kB. */
    private static String firstDifference(JsonNode expected, JsonNode actual, String at) {
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String where = firstDifference(expected.path(name), actual.path(name),
                                               at + "/" + name.replace("~", "~0").replace("/", "~1"));
                if (where != null) {
                    return where;
                }
            }
            return null;
        }
        if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                String where = firstDifference(expected.get(i), actual.get(i), at + "/" + i);
                if (where != null) {
                    return where;
                }
            }
            return null;
        }
        return expected.equals(actual) ? null : (at.isEmpty() ? "/" : at);
    }

    /** The server URL is the test's random port; a deployment knows its own. */
    private static JsonNode withoutServers(JsonNode document) {
        ((ObjectNode) document).remove("servers");
        return document;
    }
}
