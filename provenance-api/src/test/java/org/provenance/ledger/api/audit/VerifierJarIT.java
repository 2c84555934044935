package org.provenance.ledger.api.audit;

import tools.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor's standalone verifier, as built by {@code mvn package} (provenance-audit/target/provenance-verify.jar),
 * run with {@code java -jar} in a process of its own against an export this ledger made. Runs in the
 * integration-test phase (after provenance-audit was packaged), not with the unit tests.
 */
class VerifierJarIT extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = Path.of(System.getProperty("ledger.verifier.jar",
            Path.of(System.getProperty("basedir", "."), "..", "provenance-audit", "target", "provenance-verify.jar")
                .toString())).normalize();

    @TempDir
    Path dir;

    private record Run(int exitCode, String output) {
    }

    @Test
    void the_jar_verifies_an_untouched_export_and_refuses_a_tampered_one() throws Exception {
        supplyChain();
        awaitChained();
        Path checkpoint = download("/api/audit/checkpoint", "checkpoint.json");
        long position = JSON.readTree(checkpoint.toFile()).path("position").asLong();
        Path export = download("/api/audit/export?until=" + position, "export.ndjson");
        Path publicKey = download("/api/audit/public-key", "public-key.json");
        List<String> lines = Files.readAllLines(export);
        assertThat(lines).as("header, events, end").hasSizeGreaterThan(3);

        Run good = java(export, checkpoint, "--public-key", publicKey);
        assertThat(good.exitCode()).as(good.output()).isZero();
        assertThat(good.output()).contains("signature valid")
                                 .contains("VERIFIED: the history after position 0 up to position " + position);

        Run flipped = java(write("flipped.ndjson", flipPayloadCharacter(lines, 1)), checkpoint, "--public-key", publicKey);
        assertThat(flipped.exitCode()).as(flipped.output()).isEqualTo(1);
        assertThat(flipped.output()).contains("NOT VERIFIED").contains("ALTERED");

        List<String> withoutOne = new ArrayList<>(lines);
        withoutOne.remove(2);
        Run removed = java(write("removed.ndjson", withoutOne), checkpoint, "--public-key", publicKey);
        assertThat(removed.exitCode()).as(removed.output()).isEqualTo(1);
        assertThat(removed.output()).contains("NOT VERIFIED");

        List<String> reordered = new ArrayList<>(lines);
        Collections.swap(reordered, 1, 2);
        Run swapped = java(write("swapped.ndjson", reordered), checkpoint, "--public-key", publicKey);
        assertThat(swapped.exitCode()).as(swapped.output()).isEqualTo(1);
        assertThat(swapped.output()).contains("NOT VERIFIED");
    }

    @Test
    void the_jar_takes_the_server_commands_options_too_and_refuses_to_run_without_a_public_key() throws Exception {
        supplyChain();
        awaitChained();
        Path checkpoint = download("/api/audit/checkpoint", "checkpoint.json");
        Path export = download("/api/audit/export", "export.ndjson");
        Path publicKeyPem = download("/api/audit/public-key", "public-key.pem", "application/x-pem-file");

        Run options = java(export, "--public-key", publicKeyPem, "--checkpoint", checkpoint);
        assertThat(options.exitCode()).as(options.output()).isZero();
        assertThat(options.output()).contains("VERIFIED");

        // Without the auditor's pinned key anyone could sign a checkpoint: no verdict, a usage error.
        Run keyless = java(export, checkpoint);
        assertThat(keyless.exitCode()).as(keyless.output()).isEqualTo(2);
        assertThat(keyless.output()).contains("usage: java -jar provenance-verify.jar");
    }

    @Test
    void the_jar_carries_the_verifier_and_jackson_and_nothing_of_the_server() throws Exception {
        assertThat(JAR).as("built by mvn package in provenance-audit").exists();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("org.provenance.ledger.audit.chain.VerifyExportCommand");
            List<String> names = jar.stream().map(entry -> entry.getName()).toList();
            assertThat(names).contains("org/provenance/ledger/audit/chain/ExportVerifier.class",
                                       "tools/jackson/databind/ObjectMapper.class");
            assertThat(names).noneMatch(name -> name.startsWith("org/springframework/")
                    || name.startsWith("org/axonframework/") || name.startsWith("org/provenance/ledger/api/")
                    || name.startsWith("org/provenance/ledger/audit/server/"));
        }
    }

    private Run java(Object... arguments) throws Exception {
        assertThat(JAR).as("built by mvn package in provenance-audit").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                                       "-jar", JAR.toString()));
        for (Object argument : arguments) {
            command.add(argument.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private Path download(String path, String file) throws Exception {
        return save(http.get(path), file);
    }

    private Path download(String path, String file, String accept) throws Exception {
        return save(http.withHeaders(Map.of("Accept", accept)).get(path), file);
    }

    private Path save(Http.Response response, String file) throws Exception {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return Files.writeString(dir.resolve(file), response.body());
    }

    private Path write(String name, List<String> lines) throws Exception {
        return Files.write(dir.resolve(name), lines);
    }

    /** Changes one base64 character of the payload on the given line: one byte of the file. */
    private static List<String> flipPayloadCharacter(List<String> lines, int index) {
        List<String> flipped = new ArrayList<>(lines);
        String line = flipped.get(index);
        int at = line.indexOf("\"payload\":\"") + "\"payload\":\"".length() + 4;
        flipped.set(index, line.substring(0, at) + (line.charAt(at) == 'A' ? 'B' : 'A') + line.substring(at + 1));
        return flipped;
    }

    private void supplyChain() {
        String mine = facility("MINE", "AU");
        String buyer = facility("BUYER", "US");
        String lot = extract(mine, "120");
        assertThat(transfer(id("T"), lot, mine, buyer).status()).isEqualTo(201);
    }
}
