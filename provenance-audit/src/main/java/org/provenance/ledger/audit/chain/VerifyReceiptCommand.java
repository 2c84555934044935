package org.provenance.ledger.audit.chain;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * {@code java -jar provenance-verify.jar receipt <receipt.json> --public-key <file>}: checks a part
 * check's receipt offline. Exit status as the export check: 0 verified, 1 not verified, 2 usage.
 */
public final class VerifyReceiptCommand {

    public static final String NAME = "receipt";

    private static final String USAGE_TEXT = """
            usage: java -jar provenance-verify.jar receipt <receipt.json> --public-key <file>
              <receipt.json>  the answer of POST /api/checks or GET /api/checks/{id}
              --public-key    the ledger's public key, as pinned by the auditor: PEM, base64 X.509
                              SubjectPublicKeyInfo, or the JSON answer of GET /api/audit/public-key
            exit status: 0 verified, 1 not verified, 2 usage error or unreadable file""";

    private VerifyReceiptCommand() {
    }

    /** @param args the arguments after "receipt" */
    public static int run(String[] args, PrintStream out) {
        Path receiptFile = null;
        Path publicKeyFile = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--public-key".equals(arg) && i + 1 < args.length) {
                publicKeyFile = Path.of(args[++i]);
            } else if (arg.startsWith("--public-key=")) {
                publicKeyFile = Path.of(arg.substring("--public-key=".length()));
            } else if (!arg.startsWith("--") && receiptFile == null) {
                receiptFile = Path.of(arg);
            } else {
                out.println("unexpected argument: " + arg);
                out.println(USAGE_TEXT);
                return VerifyExportCommand.USAGE;
            }
        }
        if (receiptFile == null || publicKeyFile == null) {
            out.println(USAGE_TEXT);
            return VerifyExportCommand.USAGE;
        }
        PublicKey key;
        String receipt;
        try {
            key = VerifyExportCommand.readPublicKey(publicKeyFile);
            receipt = Files.readString(receiptFile, StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            out.println("cannot read input: " + e.getMessage());
            return VerifyExportCommand.USAGE;
        }
        out.println("verify receipt " + receiptFile);
        CheckReceipt.Verdict verdict = CheckReceipt.verify(receipt, key);
        verdict.report().forEach(line -> out.println("  " + line));
        return verdict.verified() ? VerifyExportCommand.VERIFIED : VerifyExportCommand.NOT_VERIFIED;
    }
}
