package org.provenance.ledger.api.docker;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/**
 * The image's layout, checked at every build without a container engine (CI has none; how the
 * image was actually built and run is in docs/DESIGN.md, "Docker"). The image once failed to
 * build because the parent pom gained a module the Dockerfile did not copy.
 */
class DockerfileTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", "."), "..").normalize();

    @Test
    void the_build_stage_copies_every_module_the_parent_pom_lists_and_only_paths_that_exist() throws IOException {
        List<String> copied = new ArrayList<>();
        for (String line : dockerfile()) {
            Matcher copy = Pattern.compile("^COPY\\s+(?!--from)(\\S+)\\s+\\S+$").matcher(line.trim());
            if (copy.matches()) {
                copied.add(copy.group(1));
                assertThat(ROOT.resolve(copy.group(1))).as("COPY source " + copy.group(1)).exists();
            }
        }
        assertThat(copied).contains("pom.xml").containsAll(modules());
    }

    @Test
    void the_ledger_runs_as_a_non_root_user_with_its_database_and_signing_key_on_the_data_volume() throws IOException {
        List<String> runtime = runtimeStage();
        assertThat(runtime).contains("VOLUME /data");
        assertThat(runtime.stream().filter(l -> l.startsWith("USER "))).singleElement(as(STRING))
                                                                        .matches("USER (?!0\\b)(?!root\\b)\\S+");
        String stage = String.join("\n", runtime);
        assertThat(stage).contains("LEDGER_EMBEDDEDDB_DATADIR=/data/").contains("LEDGER_AUDIT_KEYDIR=/data/")
                         .contains("chown 10001:10001 /data");
    }

    @Test
    void the_build_context_leaves_out_local_data_keys_and_build_output() throws IOException {
        List<String> rules = Files.readAllLines(ROOT.resolve(".dockerignore"), StandardCharsets.UTF_8).stream()
                                  .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        // data/ holds the embedded database and the audit signing key of a local run.
        assertThat(rules).contains("data/", "**/target/", "**/keys/", "**/*.pem", ".git");
        assertThat(rules).as("no rule may re-include what is left out").noneMatch(r -> r.startsWith("!"));
    }

    private static List<String> dockerfile() throws IOException {
        return Files.readAllLines(ROOT.resolve("docker/Dockerfile"), StandardCharsets.UTF_8);
    }

    private static List<String> runtimeStage() throws IOException {
        List<String> lines = dockerfile().stream().map(String::trim).toList();
        int last = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FROM ")) {
                last = i;
            }
        }
        return lines.subList(last, lines.size());
    }

    private static List<String> modules() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8);
        List<String> modules = new ArrayList<>();
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        while (module.find()) {
            modules.add(module.group(1).trim());
        }
        assertThat(modules).as("modules of the parent pom").isNotEmpty();
        return modules;
    }
}
