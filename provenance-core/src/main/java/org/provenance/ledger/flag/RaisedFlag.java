package org.provenance.ledger.flag;

import java.math.BigDecimal;
import java.util.List;

/** A flag a policy raises: its type, the offending share (null where none applies) and the evidence. */
public record RaisedFlag(FlagType type, BigDecimal share, List<Evidence> evidence) {

    public record Evidence(String facilityId, String country, String stage, String lotId) {
    }
}
