package org.provenance.ledger.api.write;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The acknowledged writes, by request key (see V2__request_registry.sql). */
@Component
public class RequestRegistry {

    public record Entry(byte[] bodySha256, WriteReceipt receipt) {
        public boolean sameBody(byte[] sha256) {
            return Arrays.equals(bodySha256, sha256);
        }
    }

    private final JdbcTemplate jdbc;

    public RequestRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Entry> find(String requestKey) {
        return Optional.ofNullable(findAll(List.of(requestKey)).get(requestKey));
    }

    /** The writes already acknowledged under any of these keys, in one query. */
    public Map<String, Entry> findAll(Collection<String> requestKeys) {
        Map<String, Entry> found = new HashMap<>();
        jdbc.query("select request_key, body_sha256, resource_id, position from request_registry "
                   + "where request_key = any(?)",
                   ps -> bindArray(ps, requestKeys),
                   rs -> {
                       found.put(rs.getString(1), new Entry(rs.getBytes(2),
                                                            new WriteReceipt(rs.getString(3), rs.getLong(4))));
                   });
        return found;
    }

    /**
     * Records a group of writes; must run in the transaction that appended their events, after the
     * append. Each write's position is the global index of its last event, read back by event id
     * (the events were just inserted by this transaction, so they are visible to it).
     */
    List<WriteReceipt> recordAll(List<Write> writes, List<String> resourceIds, List<String> lastEventIds) {
        Map<String, Long> positions = new HashMap<>();
        jdbc.query("select event_identifier, global_index from domain_event_entry where event_identifier = any(?)",
                   ps -> bindArray(ps, lastEventIds),
                   rs -> {
                       positions.put(rs.getString(1), rs.getLong(2));
                   });
        List<WriteReceipt> receipts = new ArrayList<>(writes.size());
        List<Object[]> rows = new ArrayList<>(writes.size());
        for (int i = 0; i < writes.size(); i++) {
            Long position = positions.get(lastEventIds.get(i));
            if (position == null) {
                throw new IllegalStateException("the events of " + writes.get(i).key() + " were not appended");
            }
            receipts.add(new WriteReceipt(resourceIds.get(i), position));
            rows.add(new Object[]{writes.get(i).key(), writes.get(i).fingerprint(), resourceIds.get(i), position});
        }
        jdbc.batchUpdate("insert into request_registry (request_key, body_sha256, resource_id, position) "
                         + "values (?, ?, ?, ?)", rows);
        return receipts;
    }

    private static void bindArray(PreparedStatement ps, Collection<String> values) throws java.sql.SQLException {
        ps.setArray(1, ps.getConnection().createArrayOf("varchar", values.toArray()));
    }
}
