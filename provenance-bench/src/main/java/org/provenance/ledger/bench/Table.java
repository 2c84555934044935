package org.provenance.ledger.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report as a text table (stdout and bench.txt). */
final class Table {

    private Table() {
    }

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> report) {
        StringBuilder out = new StringBuilder();
        Map<String, Object> machine = (Map<String, Object>) report.get("machine");
        Map<String, Object> phases = (Map<String, Object>) report.get("phases");
        line(out, "Provenance Ledger benchmark, %s, seed %s, scale %s", report.get("date"), report.get("seed"),
             report.get("scale"));
        line(out, "machine: %s cores (%s), %s GiB, %s; %s; %s; load average at start %s, at end %s",
             machine.get("cores"), machine.get("cpu"), machine.get("memoryGiB"), machine.get("os"), machine.get("java"),
             shortPg(String.valueOf(machine.get("postgres"))), machine.get("loadAverageAtStart"),
             report.get("loadAverageAtEnd"));
        line(out, "workload: %s", report.get("workload"));
        line(out, "");
        line(out, "%-22s %-28s %7s %8s %8s %9s %9s %8s %8s %9s %6s", "INGEST", "path", "clients", "events", "seconds",
             "events/s", "writes/s", "p50 ms", "p99 ms", "catch-up", "failed");
        double rawBest = ((Number) ((Map<String, Object>) report.get("ratios")).getOrDefault("rawBestEventsPerSecond", 0))
                .doubleValue();
        for (Map.Entry<String, Object> e : phases.entrySet()) {
            Map<String, Object> r = (Map<String, Object>) e.getValue();
            if (!r.containsKey("path")) {
                continue;
            }
            if (Boolean.FALSE.equals(r.get("available"))) {
                line(out, "%-22s %-28s %s", e.getKey(), r.get("path"), "unavailable (no POST /api/batches)");
                continue;
            }
            Map<String, Object> lat = (Map<String, Object>) (r.containsKey("requestLatencyMs") ? r.get("requestLatencyMs")
                    : r.get("batchLatencyMs"));
            Object clients = r.containsKey("clients") ? r.get("clients") : r.get("connections");
            Object writes = r.containsKey("requestsPerSecond") ? r.get("requestsPerSecond")
                    : r.getOrDefault("linesPerSecond", "");
            line(out, "%-22s %-28s %7s %8s %8s %9s %9s %8s %8s %9s %6s", e.getKey(), path(r), clients, r.get("events"),
                 r.get("seconds"), r.get("eventsPerSecond"), writes, lat == null ? "" : lat.get("p50"),
                 lat == null ? "" : lat.get("p99"),
                 r.containsKey("projectionsCatchUpSeconds") ? r.get("projectionsCatchUpSeconds") + " s" : "",
                 r.getOrDefault("failed", ""));
        }
        line(out, "  (catch-up: seconds until the projections had processed every event, after the phase's last answer;");
        line(out, "   p50/p99: latency of one request, or of one whole batch for POST /api/batches)");
        line(out, "");
        line(out, "%-22s %8s %8s %8s %8s %8s %10s", "READS", "requests", "p50 ms", "p90 ms", "p99 ms", "max ms", "bytes");
        for (String name : List.of("lot-deep", "lot-dag-root", "lineage", "part-check", "what-if")) {
            Map<String, Object> r = (Map<String, Object>) phases.get(name);
            if (r == null) {
                continue;
            }
            Map<String, Object> lat = (Map<String, Object>) r.get("latencyMs");
            line(out, "%-22s %8s %8s %8s %8s %8s %10s", name, lat.get("count"), lat.get("p50"), lat.get("p90"),
                 lat.get("p99"), lat.get("max"), r.get("avgResponseBytes"));
        }
        for (var phase : phases.entrySet()) {
            if (phase.getKey().startsWith("lot-deep-") && phase.getValue() instanceof Map<?, ?> r) {
                Map<String, Object> lat = (Map<String, Object>) r.get("latencyMs");
                line(out, "%-22s %8s %8s %8s %8s %8s %10s  %s clients, %s reads/s", phase.getKey(), lat.get("count"),
                     lat.get("p50"), lat.get("p90"), lat.get("p99"), lat.get("max"), r.get("avgResponseBytes"),
                     r.get("clients"), r.get("readsPerSecond"));
            }
        }
        Map<String, Object> lineage = (Map<String, Object>) phases.get("lineage");
        if (lineage != null) {
            line(out, "  lineage: upstream of the DAG root, %s ancestor lots, %s transformations, %s transfers returned",
                 lineage.get("ancestorLotsReturned"), lineage.get("transformationsReturned"),
                 lineage.get("transfersReturned"));
        }
        Map<String, Object> correction = (Map<String, Object>) phases.get("correction");
        if (correction != null) {
            line(out, "  correction of the DAG's blender: %s downstream lots recomputed (%s changed), %s purchases "
                      + "evaluated; recall report complete %s s after the POST", correction.get("lotsRecomputed"),
                 correction.get("lotsChanged"), correction.get("purchasesEvaluated"), correction.get("seconds"));
        }
        Map<String, Object> replay = (Map<String, Object>) phases.get("replay");
        if (replay != null) {
            line(out, "");
            line(out, "REPLAY of all projections: %s events in %s s = %s events/s", replay.get("events"),
                 replay.get("seconds"), replay.get("eventsPerSecond"));
        }
        Map<String, Object> fill = (Map<String, Object>) phases.get("store-fill");
        Map<String, Object> large = (Map<String, Object>) phases.get("replay-large");
        if (fill != null && large != null) {
            line(out, "LARGE STORE: %s events appended in %s s (%s copies), caught up in %s s (%s events/s); store %s MB",
                 fill.get("eventsAfter") instanceof Number n && fill.get("eventsBefore") instanceof Number b
                         ? n.longValue() - b.longValue() : "?", fill.get("seconds"), fill.get("copies"),
                 fill.get("projectionsCatchUpSeconds"), fill.get("catchUpEventsPerSecond"),
                 ((Number) large.get("storeBytes")).longValue() / 1_000_000);
            line(out, "REPLAY of the large store: %s events in %s s = %s events/s", large.get("events"),
                 large.get("seconds"), large.get("eventsPerSecond"));
        }
        Map<String, Object> lag = (Map<String, Object>) phases.get("lag-8");
        if (lag != null && lag.get("lag") instanceof Map<?, ?> l) {
            Map<String, Object> events = (Map<String, Object>) l.get("lagEvents");
            Map<String, Object> millis = (Map<String, Object>) l.get("lagMsFromAckToProjected");
            line(out, "PROJECTION LAG while 8 clients ingest (%s events/s): events behind p50 %s, p99 %s, max %s; "
                      + "201 to projected p50 %s ms, p99 %s ms, max %s ms (sampled every %s ms)",
                 lag.get("eventsPerSecond"), events.get("p50"), events.get("p99"), events.get("max"), millis.get("p50"),
                 millis.get("p99"), millis.get("max"), l.get("sampleIntervalMs"));
        }
        line(out, "");
        line(out, "RATIOS: %s", report.get("ratios"));
        line(out, "");
        line(out, "TARGETS");
        for (Map<String, Object> t : (List<Map<String, Object>>) report.get("targets")) {
            if ("unavailable".equals(t.get("status"))) {
                line(out, "  [unavailable] %s: %s", t.get("target"), t.get("note"));
                continue;
            }
            line(out, "  [%s] %s: %s (%s)%s", t.get("status"), t.get("target"), t.get("shown"), t.get("measure"),
                 t.get("missedBy") == null ? "" : "; " + t.get("missedBy"));
        }
        if (rawBest > 0) {
            line(out, "");
        }
        return out.toString();
    }

    private static String path(Map<String, Object> r) {
        String path = String.valueOf(r.get("path"));
        String target = r.get("target") == null ? "" : String.valueOf(r.get("target"));
        if (path.startsWith("single")) {
            return target + " REST";
        }
        if (path.startsWith("POST")) {
            return target + " batches";
        }
        if (path.startsWith("raw")) {
            return path.contains("reWrite") ? "raw JDBC, rewrite, 500/tx" : "raw JDBC, 500/tx";
        }
        return path;
    }

    private static String shortPg(String version) {
        int comma = version.indexOf(" on ");
        return comma > 0 ? version.substring(0, comma) : version;
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
