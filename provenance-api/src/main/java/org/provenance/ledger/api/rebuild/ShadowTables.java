package org.provenance.ledger.api.rebuild;

import org.provenance.ledger.projections.support.ProjectionNames;
import org.provenance.ledger.projections.support.ProjectionTables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DDL of a rebuild without downtime, on the projection tables of {@link ProjectionTables}.
 * The shadow tables are copies of public's ({@code like ... including all}: columns, defaults,
 * constraints, indexes, comments), and their indexes get public's names (index names are unique per
 * schema, so they can be the same in another schema), so that after the switch public holds
 * exactly the DDL Flyway created and later migrations find the names they expect.
 */
final class ShadowTables {

    private static final String RETIRED = "ledger_retired";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    ShadowTables(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Empty shadow copies of every projection table, and no shadow token: the shadow starts from the first event. */
    void prepare() {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("set local lock_timeout = '10s'");
            for (String table : ProjectionTables.ALL) {
                jdbc.execute("drop table if exists " + shadow(table));
                jdbc.execute("create table " + shadow(table) + " (like public." + table + " including all)");
                nameIndexesAsInPublic(table);
                copyTriggers(table);
            }
            jdbc.update("delete from token_entry where processor_name = ?", ProjectionNames.SHADOW);
        });
    }

    /**
     * In one transaction: public's tables to the retired schema (and dropped there), the shadow's to
     * public, and the rebuilt groups' tokens (every segment's) set to the shadow's, so the live processors go on from
     * where the shadow stopped, on its tables. Readers wait for the table locks meanwhile.
     */
    void switchOver(Collection<String> groups) {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("set local lock_timeout = '10s'");
            jdbc.execute("lock table " + String.join(", ", ProjectionTables.ALL.stream().map(t -> "public." + t).toList())
                                 + " in access exclusive mode");
            for (String table : ProjectionTables.ALL) {
                jdbc.execute("alter table public." + table + " set schema " + RETIRED);
                jdbc.execute("alter table " + shadow(table) + " set schema public");
                jdbc.execute("drop table " + RETIRED + "." + table);
            }
            for (String group : groups) {
                int moved = jdbc.update("""
                        update token_entry set token = s.token, token_type = s.token_type, owner = null
                        from token_entry s
                        where s.processor_name = ? and s.segment = 0 and token_entry.processor_name = ?""",
                                        ProjectionNames.SHADOW, group);
                if (moved == 0) {
                    throw new IllegalStateException("projection " + group + " has no token to move the shadow's position to");
                }
            }
            jdbc.update("delete from token_entry where processor_name = ?", ProjectionNames.SHADOW);
        });
    }

    /**
     * {@code like ... including all} copies no triggers; the flag webhooks' queue is filled by one on
     * {@code flag} (V90), and a switched table without it would stop them. On the shadow it fires for
     * every flag the rebuild inserts, which queues only flags never raised before (the queue is keyed
     * by flag id).
     */
    private void copyTriggers(String table) {
        List<String> definitions = jdbc.queryForList("""
                select pg_get_triggerdef(g.oid) from pg_trigger g
                join pg_class t on t.oid = g.tgrelid join pg_namespace n on n.oid = t.relnamespace
                where n.nspname = 'public' and t.relname = ? and not g.tgisinternal order by g.tgname""",
                                                      String.class, table);
        for (String definition : definitions) {
            String onShadow = definition.replace(" ON public." + table + " ", " ON " + shadow(table) + " ");
            if (onShadow.equals(definition)) {
                throw new IllegalStateException("cannot copy the trigger of " + table + ": " + definition);
            }
            jdbc.execute(onShadow);
        }
    }

    /** Pairs each shadow index with public's of the same definition and gives it public's name. */
    private void nameIndexesAsInPublic(String table) {
        Map<String, List<String>> wanted = indexes("public", table);
        Map<String, List<String>> copies = indexes(ShadowConnections.SCHEMA, table);
        List<String[]> renames = new ArrayList<>();
        wanted.forEach((definition, names) -> {
            List<String> copied = copies.getOrDefault(definition, List.of());
            if (copied.size() != names.size()) {
                throw new IllegalStateException("the shadow copy of " + table + " lacks an index: " + definition);
            }
            for (int i = 0; i < names.size(); i++) {
                renames.add(new String[] {copied.get(i), names.get(i)});
            }
        });
        // Through temporary names: a copy may carry the name another index is about to get.
        for (int i = 0; i < renames.size(); i++) {
            jdbc.execute("alter index " + ShadowConnections.SCHEMA + ".\"" + renames.get(i)[0] + "\" rename to rebuild_" + i);
        }
        for (int i = 0; i < renames.size(); i++) {
            jdbc.execute("alter index " + ShadowConnections.SCHEMA + ".rebuild_" + i + " rename to \"" + renames.get(i)[1] + "\"");
        }
    }

    /** The table's indexes by definition without name and schema, each with its names in a stable order. */
    private Map<String, List<String>> indexes(String schema, String table) {
        Map<String, List<String>> byDefinition = new LinkedHashMap<>();
        jdbc.query("""
                select i.relname, pg_get_indexdef(i.oid) from pg_index x
                join pg_class i on i.oid = x.indexrelid
                join pg_class t on t.oid = x.indrelid join pg_namespace n on n.oid = t.relnamespace
                where n.nspname = ? and t.relname = ? order by i.relname""", rs -> {
            String definition = rs.getString(2).replaceFirst("^(CREATE (UNIQUE )?INDEX )\\S+ ON \\S+ ", "$1ON t ");
            byDefinition.computeIfAbsent(definition, d -> new ArrayList<>()).add(rs.getString(1));
        }, schema, table);
        return byDefinition;
    }

    private static String shadow(String table) {
        return ShadowConnections.SCHEMA + "." + table;
    }
}
