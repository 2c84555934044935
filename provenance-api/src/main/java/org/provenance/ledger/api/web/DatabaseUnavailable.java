package org.provenance.ledger.api.web;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Recognises a failure that means "PostgreSQL cannot be reached right now" however deeply Spring,
 * Hikari or Axon wrapped it, so that it is answered 503 with Retry-After (the client should try
 * again) instead of 500 (the client should file a bug).
 */
public final class DatabaseUnavailable {

    /** Seconds a client is asked to wait: a restart or failover of PostgreSQL takes a few. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /**
     * SQLSTATEs of lost or refused connections: class 08 (connection exception), 57P01-57P03
     * (the server is shutting down, crashed, or not yet accepting connections), 53300 (too many
     * connections) and 57014 (a statement cancelled by a timeout).
     */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300", "57014");

    private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

    private DatabaseUnavailable() {
    }

    public static boolean causedBy(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
                    || t instanceof RecoverableDataAccessException || t instanceof QueryTimeoutException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException
                    || t instanceof SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || STATES.contains(sql.getSQLState()))) {
                return true;
            }
            // Hikari hands out a closed proxy once it has marked a connection broken, and a
            // transaction that swallowed the first failure (Axon falls back from a snapshot read)
            // meets it on its next statement: a plain SQLException with no SQLSTATE.
            if (t instanceof SQLException sql && sql.getSQLState() == null
                    && HIKARI_CLOSED_CONNECTION.equals(sql.getMessage())) {
                return true;
            }
        }
        return false;
    }
}
