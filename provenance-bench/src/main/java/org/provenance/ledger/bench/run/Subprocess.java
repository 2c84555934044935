package org.provenance.ledger.bench.run;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A ledger JVM the benchmark started: its output goes to a log file; it is stopped with SIGTERM. */
public final class Subprocess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    private Subprocess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The java binary running this benchmark, so the ledgers run on the same JVM. */
    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    public static Subprocess start(String name, List<String> command, Path log, int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                                                            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        return new Subprocess(name, builder.start(), log, port);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** CPU time the process used so far, in seconds (NaN if the platform does not tell). */
    public double cpuSeconds() {
        Optional<Duration> cpu = process.toHandle().info().totalCpuDuration();
        return cpu.map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** Waits until GET path answers 200 (the process is up) or the process dies or time runs out. */
    public void awaitReady(LedgerClient client, String path, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (client.get(path).status() == 200) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " did not become ready within " + timeout.toSeconds() + " s; see " + log,
                                        last);
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
