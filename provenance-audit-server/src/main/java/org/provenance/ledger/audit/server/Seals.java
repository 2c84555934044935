package org.provenance.ledger.audit.server;

import org.provenance.ledger.audit.chain.ChainHash;
import org.provenance.ledger.audit.chain.EventEncoding;
import org.provenance.ledger.audit.chain.EventRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Commit seals (docs/AUDIT.md, "Seals"). Each append of events writes, in its own transaction, one row of
 * audit_seal: the positions of the events it appended, the SHA-256 of each one's canonical encoding as
 * stored, and an HMAC over both with the {@link SealKey}. A row the ledger did not write has no seal, a
 * row changed afterwards no longer matches its digest, and a seal cannot be made or mended without the key.
 */
@Component
public class Seals {

    /** What a seal says about one event row. */
    public enum Verdict {
        /** covered by a valid seal whose digest matches the row */
        SEALED,
        /** stored before this ledger sealed commits: vouched for by the chain and checkpoints alone */
        LEGACY,
        /** no seal covers it: the ledger did not write it */
        UNSEALED,
        /** a seal covers it but the row differs from what was sealed, or the seal itself was changed */
        MIS_SEALED;

        public boolean vouched() {
            return this == SEALED || this == LEGACY;
        }

        public String describe() {
            return switch (this) {
                case SEALED -> "sealed";
                case LEGACY -> "stored before commits were sealed";
                case UNSEALED -> "unsealed: no seal of the ledger covers this row, so the ledger did not write it";
                case MIS_SEALED -> "mis-sealed: the row differs from what the ledger sealed, or its seal was changed";
            };
        }
    }

    /** One row of audit_seal. */
    record Seal(long id, long[] positions, byte[] digests, byte[] mac) {

        byte[] digestOf(long position) {
            int index = Arrays.binarySearch(positions, position);
            return index < 0 ? null : Arrays.copyOfRange(digests, index * 32, index * 32 + 32);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Seals.class);
    private static final byte[] SEAL_LABEL = "provenance-ledger seal v1\n".getBytes(StandardCharsets.US_ASCII);
    private static final String ORIGIN_LABEL = "provenance-ledger seal origin v1\n";
    private static final String EVENT_COLUMNS = """
            e.global_index, e.event_identifier, e.type, e.aggregate_identifier, e.sequence_number, e.time_stamp,
            e.payload_type, e.payload_revision, e.payload, e.meta_data""";

    private final JdbcTemplate jdbc;
    private final SealKey key;
    private final long sealedAfter;
    private final String originProblem;

    public Seals(JdbcTemplate jdbc, SealKey key) {
        this.jdbc = jdbc;
        this.key = key;
        Origin origin = origin();
        this.sealedAfter = origin.sealedAfter();
        this.originProblem = origin.problem();
        log.info("Commits are sealed with HMAC-SHA256 key {}; events up to position {} predate sealing",
                 key.keyId(), sealedAfter);
    }

    /** Events at or below this position were stored before the ledger sealed commits. */
    public long sealedAfter() {
        return sealedAfter;
    }

    /** Why the record of where sealing began cannot be trusted, or null when it can. */
    public String originProblem() {
        return originProblem;
    }

    /**
     * Seals the events just appended in the current transaction, whatever their number and streams: reads
     * them back as stored (so the digests cover exactly the bytes and positions the database holds) and
     * inserts one seal. Must run in the transaction that appended them.
     */
    public void seal(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        List<EventRow> rows = rows(eventIds);
        if (rows.size() != eventIds.size()) {
            throw new IllegalStateException("sealing " + eventIds.size() + " appended events found " + rows.size());
        }
        long[] positions = rows.stream().mapToLong(EventRow::position).toArray();
        byte[] digests = new byte[32 * rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(digest(rows.get(i)), 0, digests, 32 * i, 32);
        }
        byte[] mac = mac(positions, digests);
        jdbc.update(con -> {
            PreparedStatement statement = con.prepareStatement(
                    "insert into audit_seal (seal_id, positions, digests, mac) values (?, ?, ?, ?)");
            statement.setLong(1, positions[0]);
            statement.setArray(2, con.createArrayOf("bigint", Arrays.stream(positions).boxed().toArray()));
            statement.setBytes(3, digests);
            statement.setBytes(4, mac);
            return statement;
        });
    }

    /** A stored event row and what its seal says about it. */
    public record Checked(EventRow row, Verdict verdict) {
    }

    /**
     * The rows of these events as stored, each with its seal's verdict, by event id (absent ids are left out):
     * one query for rows and seals together, since every aggregate load runs it.
     */
    public Map<String, Checked> checkEvents(Collection<String> eventIds) {
        Map<Long, Seal> seals = new HashMap<>();
        List<EventRow> rows = jdbc.query(con -> {
            PreparedStatement statement = con.prepareStatement("select " + EVENT_COLUMNS
                    + ", s.seal_id, s.positions, s.digests, s.mac from domain_event_entry e"
                    + " left join lateral (select * from audit_seal s where s.positions @> array[e.global_index]"
                    + " limit 1) s on true where e.event_identifier = any(?)");
            statement.setArray(1, con.createArrayOf("varchar", eventIds.toArray()));
            return statement;
        }, (rs, n) -> {
            EventRow row = AuditChainStore.event(rs);
            if (rs.getObject("seal_id") != null) {
                seals.put(row.position(), new Seal(rs.getLong("seal_id"), longs(rs.getArray("positions")),
                                                   rs.getBytes("digests"), rs.getBytes("mac")));
            }
            return row;
        });
        Map<Long, Boolean> validSeals = new HashMap<>();
        Map<String, Checked> byId = new HashMap<>();
        for (EventRow row : rows) {
            byId.put(row.eventId(), new Checked(row, verdict(row, seals, validSeals)));
        }
        return byId;
    }

    private List<EventRow> rows(Collection<String> eventIds) {
        return jdbc.query(con -> {
            PreparedStatement statement = con.prepareStatement("select " + EVENT_COLUMNS
                    + " from domain_event_entry e where e.event_identifier = any(?) order by e.global_index");
            statement.setArray(1, con.createArrayOf("varchar", eventIds.toArray()));
            return statement;
        }, (rs, n) -> AuditChainStore.event(rs));
    }

    /** The seals covering any of these positions, by position. */
    Map<Long, Seal> covering(long[] positions) {
        Map<Long, Seal> byPosition = new HashMap<>();
        long[] wanted = Arrays.stream(positions).filter(p -> p > sealedAfter).toArray();
        if (wanted.length == 0) {
            return byPosition;
        }
        jdbc.query(con -> {
            PreparedStatement statement = con.prepareStatement(
                    "select seal_id, positions, digests, mac from audit_seal where positions && ?");
            statement.setArray(1, con.createArrayOf("bigint", Arrays.stream(wanted).boxed().toArray()));
            return statement;
        }, rs -> {
            Seal seal = new Seal(rs.getLong(1), longs(rs.getArray(2)), rs.getBytes(3), rs.getBytes(4));
            for (long position : seal.positions()) {
                byPosition.putIfAbsent(position, seal);
            }
        });
        return byPosition;
    }

    /** Checks rows against the seals covering them, in one query for all of them. */
    public Map<Long, Verdict> check(List<EventRow> rows) {
        Map<Long, Seal> seals = covering(rows.stream().mapToLong(EventRow::position).toArray());
        Map<Long, Verdict> verdicts = new HashMap<>();
        Map<Long, Boolean> validSeals = new HashMap<>();
        for (EventRow row : rows) {
            verdicts.put(row.position(), verdict(row, seals, validSeals));
        }
        return verdicts;
    }

    Verdict verdict(EventRow row, Map<Long, Seal> seals, Map<Long, Boolean> validSeals) {
        if (row.position() <= sealedAfter) {
            return Verdict.LEGACY;
        }
        Seal seal = seals.get(row.position());
        if (seal == null) {
            return Verdict.UNSEALED;
        }
        boolean valid = validSeals.computeIfAbsent(seal.id(), id -> valid(seal));
        return valid && SealKey.same(seal.digestOf(row.position()), digest(row)) ? Verdict.SEALED : Verdict.MIS_SEALED;
    }

    private boolean valid(Seal seal) {
        long[] sorted = seal.positions().clone();
        Arrays.sort(sorted);
        return Arrays.equals(sorted, seal.positions()) && seal.digests().length == 32 * seal.positions().length
               && SealKey.same(mac(seal.positions(), seal.digests()), seal.mac());
    }

    static byte[] digest(EventRow row) {
        return ChainHash.sha256(EventEncoding.encode(row));
    }

    private byte[] mac(long[] positions, byte[] digests) {
        Mac mac = key.mac();
        mac.update(SEAL_LABEL);
        ByteBuffer buffer = ByteBuffer.allocate(8 + 40 * positions.length);
        buffer.putLong(positions.length);
        for (int i = 0; i < positions.length; i++) {
            buffer.putLong(positions[i]);
            buffer.put(digests, 32 * i, 32);
        }
        mac.update(buffer.array());
        return mac.doFinal();
    }

    private record Origin(long sealedAfter, String problem) {
    }

    /**
     * Where sealing began, recorded (and authenticated) on the first start that seals. A missing record on a
     * ledger that has seals, or one whose MAC fails, was tampered with: then no unsealed row is excused.
     */
    private Origin origin() {
        List<Origin> stored = jdbc.query("select sealed_after, mac from audit_seal_origin where id = 1",
                                         (rs, n) -> SealKey.same(originMac(rs.getLong(1)), rs.getBytes(2))
                                                 ? new Origin(rs.getLong(1), null)
                                                 : new Origin(0, "the record of where sealing began (audit_seal_origin) "
                                                         + "does not carry the seal key's MAC: it was changed"));
        if (!stored.isEmpty()) {
            return stored.get(0);
        }
        Boolean sealed = jdbc.queryForObject("select exists (select 1 from audit_seal)", Boolean.class);
        if (Boolean.TRUE.equals(sealed)) {
            return new Origin(0, "the record of where sealing began (audit_seal_origin) is gone although seals exist");
        }
        long latest = jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        jdbc.update("insert into audit_seal_origin (id, sealed_after, mac) values (1, ?, ?) on conflict do nothing",
                    latest, originMac(latest));
        return jdbc.query("select sealed_after, mac from audit_seal_origin where id = 1",
                          (rs, n) -> new Origin(rs.getLong(1), SealKey.same(originMac(rs.getLong(1)), rs.getBytes(2))
                                  ? null : "audit_seal_origin was written with another seal key")).get(0);
    }

    private byte[] originMac(long sealedAfter) {
        return key.mac().doFinal((ORIGIN_LABEL + sealedAfter).getBytes(StandardCharsets.US_ASCII));
    }

    private static long[] longs(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        long[] longs = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            longs[i] = ((Number) values[i]).longValue();
        }
        return longs;
    }
}
