package org.provenance.ledger.flag;

import java.math.BigDecimal;
import java.util.List;

/** A flag a policy raises: its type, the offending share (null where none applies) and the evidence. */
public record RaisedFlag(FlagType type, BigDecimal share, List<Evidence> evidence) {

    /**
     * @param country      the facility's location country (for a declared-origin registration, the declared origin)
     * @param ownerCountry the facility's controlling owner's country, if recorded: a control flag is about this one
     */
    public record Evidence(String facilityId, String country, String ownerCountry, String stage, String lotId) {
    }
}
