package org.provenance.ledger.api.audit;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenance.ledger.api.LedgerApplication;
import org.provenance.ledger.audit.chain.VerifyExportCommand;
import org.provenance.ledger.audit.server.ContinuousVerifier;
import org.springframework.beans.factory.annotation.Autowired;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Signed checkpoints, exports, and the auditor's offline check of one against the other (SPEC 9). */
class ExportApiTest extends ApiTest {

    @Autowired
    ContinuousVerifier verifier;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void the_checkpoint_signs_the_documented_bytes_with_the_published_key() throws Exception {
        supplyChain();
        long head = awaitChained();

        Http.Response checkpoint = http.get("/api/audit/checkpoint");
        Http.Response key = http.get("/api/audit/public-key");

        assertThat(checkpoint.status()).isEqualTo(200);
        long position = checkpoint.json().path("position").asLong();
        assertThat(position).isGreaterThanOrEqualTo(head);
        assertThat(checkpoint.text("hash")).isEqualTo(HexFormat.of().formatHex(
                jdbc.sql("select event_hash from audit_chain where global_index = ?").param(position)
                    .query(byte[].class).single()));
        assertThat(checkpoint.text("algorithm")).isEqualTo("Ed25519");
        byte[] der = Base64.getDecoder().decode(key.text("publicKey"));
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        byte[] signed = ("provenance-ledger checkpoint v1\n" + position + "\n" + checkpoint.text("hash") + "\n"
                         + checkpoint.text("timestamp") + "\n").getBytes(StandardCharsets.UTF_8);
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initVerify(publicKey);
        ed25519.update(signed);
        assertThat(ed25519.verify(Base64.getDecoder().decode(checkpoint.text("signature")))).isTrue();
        String keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)).substring(0, 16);
        assertThat(checkpoint.text("keyId")).isEqualTo(keyId).isEqualTo(key.text("keyId"));
    }

    @Test
    void the_public_key_is_served_as_pem_and_kept_beside_an_owner_only_private_key_file() throws Exception {
        Http.Response json = http.get("/api/audit/public-key");
        Http.Response pem = http.withHeaders(Map.of("Accept", "application/x-pem-file")).get("/api/audit/public-key");

        assertThat(pem.status()).isEqualTo(200);
        assertThat(pem.contentType()).startsWith("application/x-pem-file");
        assertThat(pem.body()).startsWith("-----BEGIN PUBLIC KEY-----\n").isEqualTo(json.text("pem"));
        assertThat(Files.readString(KEY_DIR.resolve("ledger-signing-key.pub.pem"))).isEqualTo(pem.body());
        Path privateKey = KEY_DIR.resolve("ledger-signing-key.pem");
        assertThat(Files.readString(privateKey)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");
    }

    @Test
    void an_export_verifies_offline_against_a_checkpoint_and_the_public_key() throws Exception {
        AuditorFiles saved = save();

        Verification verification = verifyOffline(saved.export(), saved.publicKey(), saved.checkpoint());

        assertThat(verification.exitCode()).as(verification.output()).isZero();
        assertThat(verification.output()).contains("signature valid").contains("VERIFIED: the history after position 0");
    }

    @Test
    void the_jar_entry_point_runs_verify_export_without_starting_the_ledger() throws Exception {
        AuditorFiles saved = save();
        Path flipped = dir.resolve("flipped.ndjson");
        Files.write(flipped, flipPayloadCharacter(read(saved.export()), 1));

        Verification good = runMain(saved.export(), saved.publicKey(), saved.checkpoint());
        Verification bad = runMain(flipped, saved.publicKey(), saved.checkpoint());

        assertThat(good.exitCode()).as(good.output()).isZero();
        assertThat(good.output()).contains("VERIFIED").doesNotContain("Spring").doesNotContain("Tomcat");
        assertThat(bad.exitCode()).as(bad.output()).isEqualTo(1);
        assertThat(bad.output()).contains("NOT VERIFIED").contains("ALTERED");
    }

    @Test
    void one_flipped_byte_in_the_export_fails() throws Exception {
        AuditorFiles saved = save();
        List<String> lines = read(saved.export());

        Path payload = write("payload.ndjson", flipPayloadCharacter(lines, 2));
        Verification altered = verifyOffline(payload, saved.publicKey(), saved.checkpoint());
        assertThat(altered.exitCode()).isEqualTo(1);
        assertThat(altered.output()).contains("position " + position(lines.get(2)) + ": ALTERED");

        List<String> hashFlipped = new ArrayList<>(lines);
        String line = hashFlipped.get(3);
        int at = line.indexOf("\"hash\":\"") + "\"hash\":\"".length();
        hashFlipped.set(3, line.substring(0, at) + (line.charAt(at) == '0' ? '1' : '0') + line.substring(at + 1));
        Verification wrongHash = verifyOffline(write("hash.ndjson", hashFlipped), saved.publicKey(), saved.checkpoint());
        assertThat(wrongHash.exitCode()).isEqualTo(1);
        assertThat(wrongHash.output()).contains("NOT VERIFIED");
    }

    @Test
    void a_checkpoint_signed_by_another_key_fails() throws Exception {
        AuditorFiles saved = save();
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        ObjectNode checkpoint = (ObjectNode) JSON.readTree(saved.checkpoint().toFile());
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initSign(other.getPrivate());
        ed25519.update(("provenance-ledger checkpoint v1\n" + checkpoint.path("position").asLong() + "\n"
                        + checkpoint.path("hash").asString() + "\n" + checkpoint.path("timestamp").asString() + "\n")
                               .getBytes(StandardCharsets.UTF_8));
        checkpoint.put("signature", Base64.getEncoder().encodeToString(ed25519.sign()));
        Path forged = dir.resolve("forged-checkpoint.json");
        JSON.writeValue(forged.toFile(), checkpoint);
        Path otherKey = write("other.pem", List.of("-----BEGIN PUBLIC KEY-----",
                Base64.getEncoder().encodeToString(other.getPublic().getEncoded()), "-----END PUBLIC KEY-----"));

        Verification forgedCheckpoint = verifyOffline(saved.export(), saved.publicKey(), forged);
        Verification wrongKey = verifyOffline(saved.export(), otherKey, saved.checkpoint());

        assertThat(forgedCheckpoint.exitCode()).isEqualTo(1);
        assertThat(forgedCheckpoint.output()).contains("BAD_SIGNATURE");
        assertThat(wrongKey.exitCode()).isEqualTo(1);
        assertThat(wrongKey.output()).contains("BAD_SIGNATURE");
    }

    @Test
    void an_export_from_a_position_verifies_against_the_checkpoint() throws Exception {
        supplyChain();
        long head = awaitChained();
        Path checkpoint = download("/api/audit/checkpoint", "checkpoint.json");
        long position = JSON.readTree(checkpoint.toFile()).path("position").asLong();
        Path export = download("/api/audit/export?after=" + (head - 2) + "&until=" + position, "tail.ndjson");

        Verification verification = verifyOffline(export, download("/api/audit/public-key", "key.json"), checkpoint);

        assertThat(verification.exitCode()).as(verification.output()).isZero();
        assertThat(read(export).get(0)).contains("\"after\":" + (head - 2)).doesNotContain("\"previousHash\":\"0000");
    }

    @Test
    void a_deleted_row_shows_in_the_export_and_fails_offline() throws Exception {
        supplyChain();
        long head = awaitChained();
        Map<String, Object> row = jdbc.sql("select * from domain_event_entry where global_index = ?").param(head - 1)
                                      .query().singleRow();
        jdbc.sql("delete from domain_event_entry where global_index = ?").param(head - 1).update();
        try {
            AuditorFiles saved = save();
            Verification verification = verifyOffline(saved.export(), saved.publicKey(), saved.checkpoint());
            assertThat(verification.exitCode()).isEqualTo(1);
            assertThat(verification.output()).contains("position " + (head - 1) + ": MISSING");
        } finally {
            jdbc.sql("""
                     insert into domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,
                                                     type, time_stamp, payload_type, payload_revision, payload, meta_data)
                     values (:global_index, :event_identifier, :aggregate_identifier, :sequence_number, :type,
                             :time_stamp, :payload_type, :payload_revision, :payload, :meta_data)""")
                .params(row).update();
            Forgeries.settle(http, verifier);
        }
    }

    @Test
    void the_export_is_ndjson_and_refuses_a_range_that_ends_before_it_starts() {
        supplyChain();
        long head = awaitChained();

        Http.Response export = http.get("/api/audit/export?after=" + (head - 3) + "&until=" + head);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        assertThat(export.body().lines()).hasSize(5).last().asString().contains("\"kind\":\"end\"");

        assertProblem(http.get("/api/audit/export?after=5&until=4"), 400, "invalid-parameter");
        assertProblem(http.get("/api/audit/export?after=-1"), 400, "invalid-parameter");
    }

    private record AuditorFiles(Path export, Path publicKey, Path checkpoint) {
    }

    private record Verification(int exitCode, String output) {
    }

    /** The auditor's three files: the checkpoint first, then the export up to it, and the key. */
    private AuditorFiles save() throws Exception {
        supplyChain();
        awaitChained();
        Path checkpoint = download("/api/audit/checkpoint", "checkpoint.json");
        long position = JSON.readTree(checkpoint.toFile()).path("position").asLong();
        return new AuditorFiles(download("/api/audit/export?until=" + position, "export.ndjson"),
                         download("/api/audit/public-key", "public-key.json"), checkpoint);
    }

    private Path download(String path, String file) throws Exception {
        Http.Response response = http.get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return Files.writeString(dir.resolve(file), response.body());
    }

    private Verification verifyOffline(Path export, Path publicKey, Path checkpoint) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = VerifyExportCommand.run(new String[]{export.toString(), "--public-key", publicKey.toString(),
                "--checkpoint", checkpoint.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Verification(exit, out.toString(StandardCharsets.UTF_8));
    }

    /** What {@code java -jar provenance-api.jar verify-export ...} runs: LedgerApplication.main, in a JVM of its own. */
    private Verification runMain(Path export, Path publicKey, Path checkpoint) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                                             LedgerApplication.class.getName(), "verify-export", export.toString(),
                                             "--public-key", publicKey.toString(), "--checkpoint", checkpoint.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Verification(process.exitValue(), output);
    }

    /** Changes one base64 character of the payload on the given line: one byte of the file. */
    private static List<String> flipPayloadCharacter(List<String> lines, int index) {
        List<String> flipped = new ArrayList<>(lines);
        String line = flipped.get(index);
        int at = line.indexOf("\"payload\":\"") + "\"payload\":\"".length() + 4;
        flipped.set(index, line.substring(0, at) + (line.charAt(at) == 'A' ? 'B' : 'A') + line.substring(at + 1));
        return flipped;
    }

    private static long position(String line) throws Exception {
        return JSON.readTree(line).path("position").asLong();
    }

    private static List<String> read(Path file) throws Exception {
        return Files.readAllLines(file);
    }

    private Path write(String name, List<String> lines) throws Exception {
        return Files.write(dir.resolve(name), lines);
    }

    private void supplyChain() {
        String mine = facility("MINE", "AU");
        String buyer = facility("BUYER", "US");
        String lot = extract(mine, "250.5");
        assertThat(transfer(id("T"), lot, mine, buyer).status()).isEqualTo(201);
    }
}
