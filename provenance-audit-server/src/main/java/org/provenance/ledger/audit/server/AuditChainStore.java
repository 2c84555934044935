package org.provenance.ledger.audit.server;

import org.provenance.ledger.audit.chain.ChainHash;
import org.provenance.ledger.audit.chain.EventRow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/** SQL over the event table and audit_chain. Every read is bounded by a batch size: nothing loads all events. */
@Component
public class AuditChainStore {

    /** The chain's last entry; position 0 with the genesis hash while nothing is chained. */
    public record Head(long position, byte[] hash) {
        static Head empty() {
            return new Head(0, ChainHash.genesis());
        }
    }

    /** One position of the merge of events and chain entries: either side may be absent. */
    public record Pair(long position, EventRow event, ChainEntry entry) {
    }

    private static final String EVENT_COLUMNS = """
            e.global_index, e.event_identifier, e.type, e.aggregate_identifier, e.sequence_number, e.time_stamp,
            e.payload_type, e.payload_revision, e.payload, e.meta_data""";

    // Arbitrary but fixed: serializes chainers of several ledger nodes sharing one database.
    private static final long CHAINER_LOCK = 0x4c65646765724155L;

    private final JdbcTemplate jdbc;

    public AuditChainStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Within a transaction: true when this transaction may chain (no other node's chainer is at it). */
    boolean tryChainerLock() {
        return Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class,
                                                       CHAINER_LOCK));
    }

    public Head head() {
        List<Head> heads = jdbc.query("select global_index, event_hash from audit_chain order by global_index desc limit 1",
                                      (rs, n) -> new Head(rs.getLong(1), rs.getBytes(2)));
        return heads.isEmpty() ? Head.empty() : heads.get(0);
    }

    /** The last chain entry at or before the given position (position 0 and genesis when none). */
    public Head entryAtOrBefore(long position) {
        List<Head> heads = jdbc.query("select global_index, event_hash from audit_chain where global_index <= ? "
                                      + "order by global_index desc limit 1",
                                      (rs, n) -> new Head(rs.getLong(1), rs.getBytes(2)), position);
        return heads.isEmpty() ? Head.empty() : heads.get(0);
    }

    /** The streams of the event rows at these positions. */
    public Set<String> streamsAt(long... positions) {
        Set<String> streams = new TreeSet<>();
        for (long position : positions) {
            streams.addAll(jdbc.queryForList("select aggregate_identifier from domain_event_entry where global_index = ?",
                                             String.class, position));
        }
        return streams;
    }

    /** The chain hash at the last chained position at or before the given one (genesis when none). */
    public byte[] hashAtOrBefore(long position) {
        List<byte[]> hashes = jdbc.query("""
                                         select event_hash from audit_chain where global_index <= ?
                                         order by global_index desc limit 1""",
                                         (rs, n) -> rs.getBytes(1), position);
        return hashes.isEmpty() ? ChainHash.genesis() : hashes.get(0);
    }

    /** The highest global position in the event table, committed or not yet chained. */
    public long latestEventPosition() {
        Long latest = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        return latest == null ? 0 : latest;
    }

    public long eventsAfter(long position) {
        Long count = jdbc.queryForObject("select count(*) from domain_event_entry where global_index > ?", Long.class,
                                         position);
        return count == null ? 0 : count;
    }

    public List<EventRow> eventsAfter(long position, int limit) {
        return jdbc.query("select " + EVENT_COLUMNS + " from domain_event_entry e where e.global_index > ? "
                                  + "order by e.global_index limit ?",
                          (rs, n) -> event(rs), position, limit);
    }

    void append(List<ChainEntry> entries) {
        jdbc.batchUpdate("insert into audit_chain (global_index, previous_index, event_hash, payload_sha256) values (?, ?, ?, ?)",
                         entries, entries.size(), (ps, entry) -> {
                             ps.setLong(1, entry.position());
                             ps.setLong(2, entry.previous());
                             ps.setBytes(3, entry.hash());
                             ps.setBytes(4, entry.payloadSha256());
                         });
    }

    /**
     * Events and chain entries merged by position, after {@code after} up to {@code until}, at most
     * {@code limit} positions, in one query: each side is an index range scan cut at the limit, so
     * the first {@code limit} positions of the merge are complete.
     */
    public List<Pair> merged(long after, long until, int limit) {
        return jdbc.query("""
                          select coalesce(e.global_index, c.global_index) as position, e.global_index is not null as has_event,
                                 %s, c.global_index as chained, c.previous_index, c.event_hash, c.payload_sha256
                          from (select * from domain_event_entry where global_index > ? and global_index <= ?
                                order by global_index limit ?) e
                          full join (select * from audit_chain where global_index > ? and global_index <= ?
                                     order by global_index limit ?) c on c.global_index = e.global_index
                          order by 1 limit ?""".formatted(EVENT_COLUMNS),
                          (rs, n) -> new Pair(rs.getLong("position"),
                                              rs.getBoolean("has_event") ? event(rs) : null,
                                              rs.getObject("chained") != null ? entry(rs) : null),
                          after, until, limit, after, until, limit, limit);
    }

    /** Chained events after {@code after} up to {@code until}; a chain entry whose event row is gone comes with a null event. */
    public void chained(long after, long until, int limit, ChainedRowHandler handler) {
        jdbc.query("""
                   select c.global_index as chained, c.previous_index, c.event_hash, c.payload_sha256,
                          e.global_index is not null as has_event, %s
                   from audit_chain c left join domain_event_entry e on e.global_index = c.global_index
                   where c.global_index > ? and c.global_index <= ?
                   order by c.global_index limit ?""".formatted(EVENT_COLUMNS),
                   (RowCallbackHandler) rs -> handler.handle(entry(rs), rs.getBoolean("has_event") ? event(rs) : null),
                   after, until, limit);
    }

    /** The position the first chain entry after {@code position} links to, or -1 when there is none. */
    public long linkAfter(long position) {
        List<Long> links = jdbc.query("select previous_index from audit_chain where global_index > ? order by global_index limit 1",
                                      (rs, n) -> rs.getLong(1), position);
        return links.isEmpty() ? -1 : links.get(0);
    }

    /** The chained position, other than {@code except}, nearest to it whose payload had this digest. */
    public OptionalLong chainedWithPayload(byte[] payloadSha256, long except) {
        List<Long> positions = jdbc.query("""
                                          select global_index from audit_chain where payload_sha256 = ? and global_index <> ?
                                          order by abs(global_index - ?) limit 1""",
                                          (rs, n) -> rs.getLong(1), payloadSha256, except, except);
        return positions.isEmpty() ? OptionalLong.empty() : OptionalLong.of(positions.get(0));
    }

    @FunctionalInterface
    public interface ChainedRowHandler {
        void handle(ChainEntry entry, EventRow eventOrNull) throws SQLException;
    }

    static EventRow event(ResultSet rs) throws SQLException {
        return new EventRow(rs.getLong("global_index"), rs.getString("event_identifier"), rs.getString("type"),
                            rs.getString("aggregate_identifier"), rs.getLong("sequence_number"),
                            rs.getString("time_stamp"), rs.getString("payload_type"), rs.getString("payload_revision"),
                            rs.getBytes("payload"), rs.getBytes("meta_data"));
    }

    private static ChainEntry entry(ResultSet rs) throws SQLException {
        return new ChainEntry(rs.getLong("chained"), rs.getLong("previous_index"), rs.getBytes("event_hash"),
                              rs.getBytes("payload_sha256"));
    }
}
