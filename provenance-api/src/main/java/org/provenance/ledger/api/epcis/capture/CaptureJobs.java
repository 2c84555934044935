package org.provenance.ledger.api.epcis.capture;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The capture jobs (table epcis_capture_job): what GET /epcis/capture answers. */
@Component
public class CaptureJobs {

    /** A job as the EPCIS binding shows it (openapi.yaml CaptureJob), plus the counts and its submitter. */
    public record Job(String captureID, Instant createdAt, Instant finishedAt, boolean running, boolean success,
                      String captureErrorBehaviour, int eventCount, int capturedCount, List<Object> errors,
                      String submittedBy) {

        public Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("captureID", captureID);
            body.put("createdAt", createdAt.toString());
            if (finishedAt != null) {
                body.put("finishedAt", finishedAt.toString());
            }
            body.put("running", running);
            body.put("success", success);
            body.put("captureErrorBehaviour", captureErrorBehaviour);
            body.put("eventCount", eventCount);
            body.put("capturedCount", capturedCount);
            body.put("errors", errors);
            return body;
        }
    }

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    public CaptureJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void start(String captureId, String behaviour, int eventCount, String principal) {
        jdbc.sql("""
                insert into epcis_capture_job (capture_id, created_at, running, success, error_behaviour, event_count, submitted_by)
                values (?, ?, true, true, ?, ?, ?)""")
            .params(captureId, Timestamp.from(Instant.now()), behaviour, eventCount, principal).update();
    }

    void finish(String captureId, boolean success, int capturedCount, List<Map<String, Object>> errors) {
        jdbc.sql("""
                update epcis_capture_job set running = false, success = ?, captured_count = ?, errors = ?::jsonb,
                       finished_at = ? where capture_id = ?""")
            .params(success, capturedCount, json.writeValueAsString(errors), Timestamp.from(Instant.now()), captureId)
            .update();
    }

    public Optional<Job> find(String captureId) {
        return jdbc.sql(SELECT + " where capture_id = ?").param(captureId).query(this::job).optional();
    }

    /** The newest jobs first; a principal's own, or everyone's when {@code principal} is null. */
    public List<Job> list(String principal, int limit) {
        return principal == null
                ? jdbc.sql(SELECT + " order by created_at desc, capture_id limit ?").param(limit).query(this::job).list()
                : jdbc.sql(SELECT + " where submitted_by = ? order by created_at desc, capture_id limit ?")
                      .params(principal, limit).query(this::job).list();
    }

    private static final String SELECT = """
            select capture_id, created_at, finished_at, running, success, error_behaviour, event_count, captured_count,
                   errors::text, submitted_by from epcis_capture_job""";

    @SuppressWarnings("unchecked")
    private Job job(ResultSet rs, int n) throws SQLException {
        Timestamp finished = rs.getTimestamp(3);
        return new Job(rs.getString(1), rs.getTimestamp(2).toInstant(), finished == null ? null : finished.toInstant(),
                       rs.getBoolean(4), rs.getBoolean(5), rs.getString(6), rs.getInt(7), rs.getInt(8),
                       json.readValue(rs.getString(9), List.class), rs.getString(10));
    }
}
