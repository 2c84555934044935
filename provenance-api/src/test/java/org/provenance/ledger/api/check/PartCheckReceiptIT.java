package org.provenance.ledger.api.check;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestUsers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A part check's receipt, verified offline by the auditor's packaged verifier jar run with
 * {@code java -jar} (like VerifierJarIT), and refused once one byte of it is changed.
 */
class PartCheckReceiptIT extends PartFixture {

    private static final Path JAR = Path.of(System.getProperty("ledger.verifier.jar",
            Path.of(System.getProperty("basedir", "."), "..", "provenance-audit", "target", "provenance-verify.jar")
                .toString())).normalize();

    @TempDir
    Path dir;

    private record Run(int exitCode, String output) {
    }

    @Test
    void the_receipt_verifies_offline_and_fails_when_one_byte_is_changed() throws Exception {
        threeLots();
        Http.Response checked = as(TestUsers.COMPLIANCE).post("/api/checks", partBody("2027-01-02T00:00:00Z"));
        assertThat(checked.status()).as(checked.body()).isEqualTo(201);
        Http.Response key = as(TestUsers.AUDITOR).get("/api/audit/public-key");
        assertThat(key.status()).isEqualTo(200);
        Path publicKey = Files.writeString(dir.resolve("key.json"), key.body());
        String checkId = checked.json().path("check").path("checkId").asString();
        String again = as(TestUsers.AUDITOR).get("/api/checks/" + checkId).body();
        Path receipt = Files.writeString(dir.resolve("receipt.json"), again, StandardCharsets.UTF_8);

        Run good = java("receipt", receipt, "--public-key", publicKey);
        assertThat(good.exitCode()).as(good.output()).isZero();
        assertThat(good.output()).contains("signature valid").contains("VERIFIED");

        // "FAIL" becomes "PAIL": one byte of the answer
        byte[] bytes = Files.readAllBytes(receipt);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int at = text.indexOf("\"verdict\":\"FAIL\"") + "\"verdict\":\"".length();
        assertThat(at).isGreaterThan(20);
        bytes[at] = 'P';
        Run altered = java("receipt", Files.write(dir.resolve("altered.json"), bytes), "--public-key", publicKey);
        assertThat(altered.exitCode()).as(altered.output()).isEqualTo(1);
        assertThat(altered.output()).contains("NOT VERIFIED");

        // the principal (inside the signed document, outside the answer) changed by one byte
        byte[] who = again.getBytes(StandardCharsets.UTF_8);
        int name = again.indexOf("\"principal\":\"") + "\"principal\":\"".length();
        assertThat(name).isGreaterThan(20);
        who[name] = (byte) (who[name] == 'X' ? 'Y' : 'X');
        Run impostor = java("receipt", Files.write(dir.resolve("principal.json"), who), "--public-key", publicKey);
        assertThat(impostor.exitCode()).as(impostor.output()).isEqualTo(1);
        assertThat(impostor.output()).contains("signature INVALID");
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
}
