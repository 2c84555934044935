package org.provenance.ledger.api.flag;

import org.provenance.ledger.api.web.Csv;
import org.provenance.ledger.projections.flag.FlagQueries;
import org.provenance.ledger.projections.flag.FlagView;
import org.springframework.http.ResponseEntity;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Flags as CSV, one row per flag: the latest review in its own columns, the whole history in
 * one field (oldest first, "decision by principal at instant: note", separated by " | ").
 */
final class FlagCsv {

    private static final List<String> HEADER = List.of(
            "id", "type", "share", "status", "subjectKind", "subjectId", "lotId", "evidenceFacilities", "detail",
            "raisedAt", "reviewDecision", "reviewNote", "reviewer", "reviewedAt", "reviewCount", "reviews");

    private FlagCsv() {
    }

    static ResponseEntity<String> of(FlagQueries.Page page) {
        return Csv.of(HEADER, page.items(), FlagCsv::row, page.total());
    }

    private static List<?> row(FlagView f) {
        List<Object> row = new ArrayList<>();
        FlagView.Review latest = f.review();
        row.add(f.id());
        row.add(f.type());
        row.add(f.share());
        row.add(f.status());
        row.add(f.subject().kind());
        row.add(f.subject().id());
        row.add(f.lotId());
        row.add(f.evidence().stream().map(e -> e.facilityId() + " (" + e.country() + ")").distinct()
                 .collect(Collectors.joining(" ")));
        row.add(f.detail());
        row.add(f.raisedAt());
        row.add(latest == null ? null : latest.decision());
        row.add(latest == null ? null : latest.note());
        row.add(latest == null ? null : latest.principal());
        row.add(latest == null ? null : latest.recordedAt());
        row.add(f.reviews().size());
        row.add(f.reviews().stream().map(r -> r.decision() + " by " + r.principal() + " at " + r.recordedAt() + ": "
                                              + r.note()).collect(Collectors.joining(" | ")));
        return row;
    }
}
