package org.provenance.ledger.audit.chain;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * The auditor's offline check, one piece of code behind two entry points:
 * {@code java -jar provenance-verify.jar <export.ndjson> <checkpoint.json> --public-key <file>} (the
 * standalone jar this module builds, {@link #main}) and
 * {@code java -jar provenance-api.jar verify-export ...} (the server's jar, which calls {@link #run} before
 * Spring starts). Either way it needs no configuration, database or network.
 * Exit status: 0 verified, 1 not verified, 2 usage or unreadable input.
 */
public final class VerifyExportCommand {

    public static final String NAME = "verify-export";

    public static final int VERIFIED = 0;
    public static final int NOT_VERIFIED = 1;
    public static final int USAGE = 2;

    private static final String USAGE_TEXT = """
            usage: java -jar provenance-verify.jar <export.ndjson> <checkpoint.json> --public-key <file>
               or: java -jar provenance-verify.jar receipt <receipt.json> --public-key <file>
               or: java -jar provenance-api.jar verify-export <export.ndjson> --public-key <file> --checkpoint <file>
              <export.ndjson>    an export from GET /api/audit/export
              <checkpoint.json>, --checkpoint
                                 a checkpoint: the JSON answer of GET /api/audit/checkpoint
              --public-key       the ledger's public key, as pinned by the auditor: PEM, base64 X.509
                                 SubjectPublicKeyInfo, or the JSON answer of GET /api/audit/public-key
            exit status: 0 verified, 1 not verified, 2 usage error or unreadable file""";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private VerifyExportCommand() {
    }

    /** The standalone verifier jar's entry point. */
    public static void main(String[] args) {
        if (args.length > 0 && VerifyReceiptCommand.NAME.equals(args[0])) {
            System.exit(VerifyReceiptCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        System.exit(run(args, System.out));
    }

    /** @param args the arguments after "verify-export" (the same as the standalone jar's) */
    public static int run(String[] args, PrintStream out) {
        Path export = null;
        Path publicKeyFile = null;
        Path checkpointFile = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (("--public-key".equals(arg) || "--checkpoint".equals(arg)) && i + 1 < args.length) {
                Path value = Path.of(args[++i]);
                if ("--public-key".equals(arg)) {
                    publicKeyFile = value;
                } else {
                    checkpointFile = value;
                }
            } else if (arg.startsWith("--public-key=")) {
                publicKeyFile = Path.of(arg.substring("--public-key=".length()));
            } else if (arg.startsWith("--checkpoint=")) {
                checkpointFile = Path.of(arg.substring("--checkpoint=".length()));
            } else if (!arg.startsWith("--") && export == null) {
                export = Path.of(arg);
            } else if (!arg.startsWith("--") && checkpointFile == null) {
                checkpointFile = Path.of(arg);
            } else {
                out.println("unexpected argument: " + arg);
                out.println(USAGE_TEXT);
                return USAGE;
            }
        }
        if (export == null || publicKeyFile == null || checkpointFile == null) {
            out.println(USAGE_TEXT);
            return USAGE;
        }

        PublicKey publicKey;
        Checkpoint checkpoint;
        try {
            publicKey = readPublicKey(publicKeyFile);
            checkpoint = readCheckpoint(checkpointFile);
        } catch (IOException | IllegalArgumentException e) {
            out.println("cannot read input: " + e.getMessage());
            return USAGE;
        }

        out.println("verify-export " + export);
        try (BufferedReader reader = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            ExportVerifier.Verdict verdict = ExportVerifier.verify(reader, publicKey, checkpoint);
            verdict.report().forEach(line -> out.println("  " + line));
            return verdict.verified() ? VERIFIED : NOT_VERIFIED;
        } catch (IOException | java.io.UncheckedIOException e) {
            out.println("cannot read the export " + export + ": " + e.getMessage());
            return USAGE;
        }
    }

    static PublicKey readPublicKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (text.startsWith("{")) {
            JsonNode json = JSON.readTree(text);
            JsonNode key = json.path("publicKey");
            if (!key.isString()) {
                throw new IllegalArgumentException(file + " is JSON without a publicKey field");
            }
            text = key.stringValue();
        }
        try {
            return Ed25519Keys.publicKey(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is " + e.getMessage());
        }
    }

    static Checkpoint readCheckpoint(Path file) throws IOException {
        try {
            Checkpoint checkpoint = JSON.readValue(file.toFile(), Checkpoint.class);
            if (checkpoint.hash() == null || checkpoint.timestamp() == null || checkpoint.signature() == null) {
                throw new IllegalArgumentException(file + " lacks the checkpoint's hash, timestamp or signature");
            }
            return checkpoint;
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(file + " is not a checkpoint (JSON from GET /api/audit/checkpoint)");
        }
    }
}
