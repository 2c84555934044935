package org.provenance.ledger.api.docker;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker/compose.yaml's structure, checked at every build without a container engine (CI has none):
 * PostgreSQL with a health check, at least two ledger nodes on it that share the key volume and are
 * told apart by their node id, and a load balancer (an official image) that health-checks every
 * node on its readiness and is the only published port. The YAML is read with its anchors and
 * merge keys resolved, as Compose reads it.
 */
class ComposeFileTest {

    private static final Path DOCKER = Path.of(System.getProperty("basedir", "."), "..", "docker").normalize();

    @Test
    void postgres_two_or_more_ledger_nodes_and_a_load_balancer_with_health_checks() throws IOException {
        Map<String, Object> compose = map(new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(DOCKER.resolve("compose.yaml"), StandardCharsets.UTF_8)));
        Map<String, Object> services = map(compose.get("services"));

        Map<String, Object> postgres = map(services.get("postgres"));
        assertThat((String) postgres.get("image")).startsWith("postgres:");
        assertThat(map(postgres.get("healthcheck")).get("test").toString()).contains("pg_isready");

        Map<String, Map<String, Object>> nodes = services.entrySet().stream()
                .filter(e -> map(e.getValue()).containsKey("build"))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> map(e.getValue())));
        assertThat(nodes).as("ledger nodes (services built from docker/Dockerfile)").hasSizeGreaterThanOrEqualTo(2);
        Set<Object> nodeIds = new java.util.HashSet<>();
        for (var node : nodes.entrySet()) {
            Map<String, Object> service = node.getValue();
            assertThat(map(service.get("build")).get("dockerfile")).isEqualTo("docker/Dockerfile");
            assertThat(DOCKER.resolve("..").resolve("docker/Dockerfile")).exists();
            Map<String, Object> environment = map(service.get("environment"));
            assertThat((String) environment.get("SPRING_DATASOURCE_URL")).as(node.getKey())
                    .startsWith("jdbc:postgresql://postgres:5432/ledger");
            nodeIds.add(environment.get("LEDGER_NODE_ID"));
            assertThat(map(map(service.get("depends_on")).get("postgres")).get("condition")).isEqualTo("service_healthy");
            assertThat(list(service.get("volumes"))).as(node.getKey() + ": the shared key volume")
                                                    .contains("ledger-keys:/data/keys");
            assertThat(map(service.get("healthcheck")).get("test").toString()).contains("/actuator/health/readiness");
            assertThat(service).as(node.getKey() + " publishes no port: clients go through the load balancer")
                               .doesNotContainKey("ports");
        }
        assertThat(nodeIds).as("a node id of its own per node").hasSize(nodes.size()).doesNotContainNull();

        Map<String, Object> balancer = map(services.get("load-balancer"));
        assertThat((String) balancer.get("image")).matches("(haproxy|nginx):[\\w.-]+");
        assertThat(list(balancer.get("ports"))).containsExactly("8080:8080");
        assertThat(list(balancer.get("depends_on"))).containsAll(nodes.keySet());
        assertThat(balancer).containsKey("healthcheck");
        String mount = list(balancer.get("volumes")).stream().map(Object::toString)
                                                    .filter(v -> v.startsWith("./")).findFirst().orElseThrow();
        Path config = DOCKER.resolve(mount.substring(2, mount.indexOf(':')));
        List<String> lines = Files.readAllLines(config, StandardCharsets.UTF_8).stream().map(String::strip).toList();
        assertThat(lines).contains("option httpchk", "http-check send meth GET uri /actuator/health/readiness");
        assertThat(lines.stream().filter(l -> l.startsWith("default-server"))).singleElement().asString().contains(" check");
        for (String node : nodes.keySet()) {
            assertThat(lines).as("haproxy.cfg balances over " + node).contains("server " + node + " " + node + ":8080");
        }
        assertThat(map(compose.get("volumes"))).containsKeys("ledger-db", "ledger-keys");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return ((List<?>) value).stream().map(Object.class::cast).toList();
    }
}
