package org.provenance.ledger.api.readme;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenance.ledger.api.support.LedgerProcess;
import org.provenance.ledger.api.support.TestDatabase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's curl examples, as written, in README order, against a fresh ledger started
 * the way the README says (`--demo`, no user configured, so as the bootstrap admin), over real
 * HTTP with the real curl and bash. The README is read from the source tree at test time, so an
 * example that stops working, or a README that drifts from the ledger, fails the build.
 * <p>
 * The extraction rule (also stated in the README's "Using the API"): in fenced code blocks
 * marked {@code bash}, every command that starts with {@code curl} is an example, with its
 * {@code \} continuation lines. Other commands and other blocks are not run. A comment line
 * {@code # expect: <status> [/problems/<type>]} before an example states the documented error;
 * otherwise the example must answer 2xx. A comment line containing {@code readme-test: skip}
 * skips the next example.
 */
class ReadmeExamplesTest {

    private static final Path README = Path.of(System.getProperty("basedir", "."), "..", "README.md").normalize();
    private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*(\\S*).*$");
    private static final Pattern EXPECT = Pattern.compile("^#\\s*expect:\\s*(\\d{3})(?:\\s+(/problems/\\S+))?.*$");
    private static final String SKIP = "readme-test: skip";

    record Example(int line, String command, int expectedStatus, String expectedProblem, boolean skipped) {
        boolean expectsSuccess() {
            return expectedStatus == 0;
        }
    }

    @TempDir
    static Path work;

    private static LedgerProcess ledger;

    @BeforeAll
    static void startLedgerWithTheDemo() {
        TestDatabase.Coordinates db = TestDatabase.fresh("ledger_readme");
        ledger = LedgerProcess.start(work.resolve("ledger"), work.resolve("ledger.log"), List.of(
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--ledger.audit.key-dir=" + work.resolve("keys"),
                "--demo"));
        ledger.awaitOutput("Demo supply chain loaded", Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void every_curl_example_of_the_readme_answers_as_the_readme_says() throws Exception {
        List<Example> examples = examples(Files.readAllLines(README, StandardCharsets.UTF_8));
        // Guards the rule itself: a README reformatted so that nothing matches must not pass vacuously.
        assertThat(examples.stream().filter(e -> !e.skipped()).count()).as("curl examples found in " + README)
                                                                       .isGreaterThanOrEqualTo(20);
        assertThat(examples).as("the README shows at least one documented error").anyMatch(e -> !e.expectsSuccess());

        List<String> failures = new ArrayList<>();
        Path shell = Files.createDirectories(work.resolve("shell"));
        for (Example example : examples) {
            if (example.skipped()) {
                continue;
            }
            Result result = run(example, shell);
            String failure = judge(example, result);
            if (failure != null) {
                failures.add("README.md:" + example.line() + ": " + failure + "\n    " + example.command()
                             + "\n    answered: " + abbreviate(result.output()));
            }
        }
        assertThat(failures).as("README examples that do not answer as documented (ledger log:\n%s)",
                                failures.isEmpty() ? "" : ledger.logTail())
                            .isEmpty();
    }

    /** The rule of the class comment, applied to README lines. */
    static List<Example> examples(List<String> lines) {
        List<Example> examples = new ArrayList<>();
        boolean inFence = false;
        boolean bash = false;
        int expectedStatus = 0;
        String expectedProblem = null;
        boolean skip = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher fence = FENCE.matcher(line);
            if (fence.matches()) {
                inFence = !inFence;
                bash = inFence && fence.group(1).equals("bash");
                expectedStatus = 0;
                expectedProblem = null;
                skip = false;
                continue;
            }
            if (!bash) {
                continue;
            }
            String trimmed = line.trim();
            Matcher expect = EXPECT.matcher(trimmed);
            if (expect.matches()) {
                expectedStatus = Integer.parseInt(expect.group(1));
                expectedProblem = expect.group(2);
            } else if (trimmed.startsWith("#") && trimmed.contains(SKIP)) {
                skip = true;
            } else if (trimmed.startsWith("curl ")) {
                int first = i;
                StringBuilder command = new StringBuilder(line);
                while (lines.get(i).stripTrailing().endsWith("\\") && i + 1 < lines.size()) {
                    i++;
                    command.append('\n').append(lines.get(i));
                }
                examples.add(new Example(first + 1, command.toString().trim(), expectedStatus, expectedProblem, skip));
                expectedStatus = 0;
                expectedProblem = null;
                skip = false;
            }
        }
        return examples;
    }

    record Result(int exitCode, int status, String output) {
    }

    /**
     * Runs the command with bash as a reader would, with two changes: the ledger's real port for
     * 8080, and curl told to dump the response headers to a file, so the status is known even
     * when the example sends the body elsewhere ({@code > file}) or shows headers ({@code -i}).
     */
    private static Result run(Example example, Path shell) throws IOException, InterruptedException {
        Path headers = shell.resolve("headers.txt");
        Files.deleteIfExists(headers);
        String command = example.command().replace("localhost:8080", "localhost:" + ledger.port())
                                .replaceFirst("^curl ", "curl --max-time 60 -D \"\\$LEDGER_HEADERS\" ");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(shell.toFile())
                                                                         .redirectErrorStream(true);
        builder.environment().put("PASSWORD", ledger.bootstrapPassword());
        builder.environment().put("LEDGER_HEADERS", headers.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        int status = 0;
        if (Files.exists(headers)) {
            // With redirects or 100-continue there can be several status lines: the last one counts.
            for (String header : Files.readAllLines(headers, StandardCharsets.ISO_8859_1)) {
                Matcher m = Pattern.compile("^HTTP/\\S+\\s+(\\d{3}).*").matcher(header);
                if (m.matches()) {
                    status = Integer.parseInt(m.group(1));
                }
            }
        }
        return new Result(process.exitValue(), status, output);
    }

    private static String judge(Example example, Result result) {
        if (result.exitCode() != 0) {
            return "bash/curl exited with " + result.exitCode();
        }
        if (example.expectsSuccess()) {
            return result.status() / 100 == 2 ? null : "expected 2xx, got " + result.status();
        }
        if (result.status() != example.expectedStatus()) {
            return "expected " + example.expectedStatus() + ", got " + result.status();
        }
        if (example.expectedProblem() != null
            && !result.output().replace(" ", "").contains("\"type\":\"" + example.expectedProblem() + "\"")) {
            return "expected problem type " + example.expectedProblem();
        }
        return null;
    }

    private static String abbreviate(String output) {
        String oneLine = output.replace('\n', ' ');
        return oneLine.length() <= 400 ? oneLine : oneLine.substring(0, 400) + "...";
    }
}
