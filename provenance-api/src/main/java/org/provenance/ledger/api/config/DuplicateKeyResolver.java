package org.provenance.ledger.api.config;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

/**
 * Tells Axon that an append failed on the event table's unique key. Axon's own JDBC resolver
 * looks for SQLIntegrityConstraintViolationException, which the PostgreSQL driver never throws
 * (it reports SQLState 23505 on a plain PSQLException), so two identical requests creating the
 * same stream at once ended in a 500 instead of a ConcurrencyException that the writer answers
 * with the winner's receipt or a 409.
 */
public class DuplicateKeyResolver implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
