package org.provenance.ledger.projections.support;

/**
 * A projection that keeps what it read from its tables in memory. When the tables are replaced
 * under it (a shadow rebuild's switch), what it kept may be what the old tables said: it forgets it
 * and reads the new tables on the next miss.
 */
public interface ProjectionCaches {

    void dropCaches();
}
