package org.provenance.ledger.api.write;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.Optional;

/** The acknowledged writes, by request key (see V2__request_registry.sql). */
@Component
public class RequestRegistry {

    public record Entry(byte[] bodySha256, WriteReceipt receipt) {
        public boolean sameBody(byte[] sha256) {
            return Arrays.equals(bodySha256, sha256);
        }
    }

    private final JdbcClient jdbc;

    public RequestRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Entry> find(String requestKey) {
        return jdbc.sql("select body_sha256, resource_id, position from request_registry where request_key = ?")
                   .param(requestKey)
                   .query((rs, n) -> new Entry(rs.getBytes(1), new WriteReceipt(rs.getString(2), rs.getLong(3))))
                   .optional();
    }

    /** Must run in the transaction that appended the write's events, after they were appended. */
    WriteReceipt record(String requestKey, byte[] bodySha256, String resourceId) {
        // currval is per connection: the last global index this transaction drew, i.e. its last event.
        long position = jdbc.sql("select currval('domain_event_entry_seq')").query(Long.class).single();
        jdbc.sql("insert into request_registry (request_key, body_sha256, resource_id, position) values (?, ?, ?, ?)")
            .params(requestKey, bodySha256, resourceId, position)
            .update();
        return new WriteReceipt(resourceId, position);
    }
}
