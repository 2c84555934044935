package org.provenance.ledger.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ledger as a separate operating-system process, started from the test classpath with
 * {@code java -cp}: what a crash, a database outage or a README walk-through does to the real
 * program cannot be seen from inside the test JVM (kill -9 must not take the test with it, and
 * an in-process context shares its connection pool and threads with the test).
 * <p>
 * The process listens on a port it picks itself ({@code --server.port=0}); the port and the
 * bootstrap admin password are read from its console output, which goes to a log file.
 */
public final class LedgerProcess implements AutoCloseable {

    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
    private static final Pattern BOOTSTRAP_PASSWORD = Pattern.compile("created user 'admin' .* with the password: (\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Process process;
    private final Path log;
    private final int port;

    private LedgerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the ledger in {@code workDir} (its relative paths, such as the default ./data, land
     * there) and waits until it serves HTTP. Each start appends to {@code log}.
     */
    public static LedgerProcess start(Path workDir, Path log, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // Small and quick to start: the machine running the tests is shared and has 2 cores.
        command.add("-Xmx512m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(applicationClasspath());
        command.add("org.provenance.ledger.api.LedgerApplication");
        command.add("--server.port=0");
        command.addAll(arguments);
        try {
            Files.createDirectories(workDir);
            long offset = Files.exists(log) ? Files.size(log) : 0;
            Process process = new ProcessBuilder(command).directory(workDir.toFile())
                                                         .redirectErrorStream(true)
                                                         .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                                                         .start();
            // A test JVM that dies must not leave a ledger behind holding its database.
            Thread reaper = new Thread(process::destroyForcibly);
            Runtime.getRuntime().addShutdownHook(reaper);
            process.onExit().thenRun(() -> {
                try {
                    Runtime.getRuntime().removeShutdownHook(reaper);
                } catch (IllegalStateException ignored) {
                    // already shutting down
                }
            });
            int port = awaitPort(process, log, offset);
            return new LedgerProcess(process, log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The test JVM's classpath without the test classes: the application scans its packages for
     * components, and a test's configuration class must not end up in the program under test.
     */
    private static String applicationClasspath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                               .filter(entry -> !Path.of(entry).endsWith("test-classes"))
                               .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static int awaitPort(Process process, Path log, long offset) {
        try {
            Awaitility.await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200))
                      .until(() -> PORT.matcher(output(log, offset)).find() || !process.isAlive());
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("The ledger did not serve HTTP within " + START_TIMEOUT + ":\n"
                                            + tail(output(log, offset)));
        }
        Matcher matcher = PORT.matcher(output(log, offset));
        if (!matcher.find()) {
            throw new IllegalStateException("The ledger exited with " + process.exitValue() + " before serving HTTP:\n"
                                            + tail(output(log, offset)));
        }
        return Integer.parseInt(matcher.group(1));
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The password the ledger printed for its bootstrap admin at this start (no users configured). */
    public String bootstrapPassword() {
        Matcher matcher = BOOTSTRAP_PASSWORD.matcher(output(log, 0));
        String last = null;
        while (matcher.find()) {
            last = matcher.group(1);
        }
        if (last == null) {
            throw new IllegalStateException("The ledger printed no bootstrap password");
        }
        return last;
    }

    public Http http() {
        return new Http(port);
    }

    /**
     * Waits for a text in the console output (of any start so far): the port is served before Spring's
     * runners (such as --demo's loader) have finished.
     */
    public void awaitOutput(String text, Duration timeout) {
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200))
                      .until(() -> output(log, 0).contains(text) || !process.isAlive());
        } catch (ConditionTimeoutException e) {
            // reported below with the log
        }
        if (!output(log, 0).contains(text)) {
            throw new IllegalStateException("The ledger did not print '" + text + "':\n" + logTail());
        }
    }

    /** SIGKILL: no shutdown hook, no connection closed, no transaction finished. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: Spring's graceful shutdown. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        awaitExit();
    }

    private void awaitExit() {
        try {
            process.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The ledger process " + process.pid() + " did not exit", e);
        }
    }

    /** The end of the process's log, for assertion messages. */
    public String logTail() {
        return tail(output(log, 0));
    }

    private static String output(Path log, long offset) {
        try {
            byte[] bytes = Files.readAllBytes(log);
            return new String(bytes, (int) Math.min(offset, bytes.length), (int) Math.max(0, bytes.length - offset),
                              StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

}
