package org.provenance.ledger.api.rebuild;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;

/**
 * A small pool of connections to the ledger's database whose search path is the shadow schema
 * alone: the projections' unqualified SQL writes the shadow tables, and a table they write that is
 * missing from ProjectionTables fails ("relation does not exist", the shadow stalls and the rebuild
 * says so) instead of falling through to the live table in public. The shadow's token store names
 * public.token_entry. Deliberately not a DataSource bean (a second one would stand in the way of
 * Boot's and everyone's single DataSource); opened on first use.
 */
final class ShadowConnections implements AutoCloseable {

    static final String SCHEMA = "ledger_shadow";

    private final DataSource main;
    private HikariDataSource pool;

    ShadowConnections(DataSource main) {
        this.main = main;
    }

    synchronized DataSource dataSource() {
        if (pool == null) {
            if (!(main instanceof HikariConfig settings)) {
                throw new IllegalStateException("a rebuild without downtime needs the ledger's Hikari connection pool");
            }
            HikariConfig config = new HikariConfig();
            settings.copyStateTo(config);
            config.setPoolName("ledger-shadow");
            config.setMaximumPoolSize(3);
            config.setMinimumIdle(0);
            config.setConnectionInitSql("set search_path to " + SCHEMA);
            pool = new HikariDataSource(config);
        }
        return pool;
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.close();
        }
    }
}
