package org.provenance.ledger.projections.flag;

import org.junit.jupiter.api.Test;
import org.provenance.ledger.flag.RaisedFlag;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The evidence column: what the projection writes is what the flag reads show, NUL characters included. */
class FlagJsonTest {

    @Test
    void evidenceReadsBackAsTheViewShowsIt() {
        String json = FlagJson.evidence(List.of(new RaisedFlag.Evidence("MINE-CA", "CA", "CN", "MINING", "ORE-1"),
                                                new RaisedFlag.Evidence("REG-1", "CD", null, "DECLARED_ORIGIN", "REG-1")));

        assertThat(FlagJson.evidence(json)).containsExactly(
                new FlagView.Evidence("MINE-CA", "CA", "CN", "MINING", "ORE-1"),
                new FlagView.Evidence("REG-1", "CD", null, "DECLARED_ORIGIN", "REG-1"));
    }

    @Test
    void textPostgresCannotStoreIsEncodedAndComesBackExactly() {
        String json = FlagJson.evidence(List.of(new RaisedFlag.Evidence("F\u0000X", "AU", null, "MINING", "L\u0000")));

        assertThat(json).doesNotContain("\\u0000");
        assertThat(FlagJson.evidence(json)).containsExactly(new FlagView.Evidence("F\u0000X", "AU", null, "MINING", "L\u0000"));
    }

    @Test
    void noEvidenceIsAnEmptyList() {
        assertThat(FlagJson.evidence(FlagJson.evidence(List.of()))).isEmpty();
    }
}
