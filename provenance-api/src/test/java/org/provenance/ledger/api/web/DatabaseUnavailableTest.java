package org.provenance.ledger.api.web;

import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures mean "the database cannot be reached" (503, retry) and which do not. */
class DatabaseUnavailableTest {

    @Test
    void lost_and_refused_connections_are_recognised_however_they_are_wrapped() {
        SQLException refused = new SQLException("Connection refused", "08001");
        SQLException shuttingDown = new SQLException("terminating connection due to administrator command", "57P01");
        SQLException starting = new SQLException("the database system is starting up", "57P03");
        SQLException poolTimeout = new SQLTransientConnectionException("Connection is not available, request timed out");

        assertThat(DatabaseUnavailable.causedBy(new CannotGetJdbcConnectionException("no connection", refused))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new CannotCreateTransactionException("no transaction", poolTimeout)))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(new EventStoreException("append failed",
                new JdbcException("batch failed", shuttingDown)))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException(new RuntimeException(starting)))).isTrue();
        // what a statement meets on a connection the pool already marked broken (seen in LedgerFaultTest)
        assertThat(DatabaseUnavailable.causedBy(new JdbcException("Failed to create a SQL statement",
                new SQLException("Connection is closed")))).isTrue();
    }

    @Test
    void other_database_errors_are_not_outages() {
        SQLException duplicate = new SQLException("duplicate key value violates unique constraint", "23505");
        SQLException deadlock = new SQLException("deadlock detected", "40P01");

        assertThat(DatabaseUnavailable.causedBy(new DataIntegrityViolationException("duplicate", duplicate))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new JdbcException("deadlock", deadlock))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("a bug"))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new SQLException("Connection is closed", "42000"))).isFalse();
    }
}
