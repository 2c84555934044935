package org.provenance.ledger.projections.support;

import java.util.List;

/**
 * Every table the projections write, in one place: a rebuild into shadow tables copies and switches
 * exactly these (docs/DESIGN.md, "Rebuilding without downtime"). A new projection table is one more
 * line here; a table the projections write that is missing here would keep its old rows after a switch.
 * Write-side tables (events, tokens, the request registry, seals, batch jobs) never belong here.
 */
public final class ProjectionTables {

    public static final List<String> ALL = List.of(
            "facility_view",
            "lot_view",
            "transfer_view",
            "transformation_view",
            "transformation_input",
            "transformation_output",
            "bloc_view",
            "bloc_membership",
            "price_floor",
            "lot_composition",
            "flag",
            "flag_review",
            "check_receipt",
            "facility_correction",
            "lot_composition_history",
            "flag_history",
            "correction_lot",
            "correction_flag",
            "correction_report");

    private ProjectionTables() {
    }
}
