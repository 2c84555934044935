package org.provenance.ledger.projections.flag;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import org.provenance.ledger.flag.RaisedFlag;
import org.provenance.ledger.projections.support.StoredText;

import java.util.Arrays;
import java.util.List;

/** The evidence column's JSON, written and read by one mapper so that its strings are encoded and decoded alike. */
final class FlagJson {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(StoredText.jsonModule()).build();

    private FlagJson() {
    }

    static String evidence(List<RaisedFlag.Evidence> evidence) {
        try {
            return JSON.writeValueAsString(evidence);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<FlagView.Evidence> evidence(String json) {
        try {
            return Arrays.asList(JSON.readValue(json, FlagView.Evidence[].class));
        } catch (JacksonException e) {
            throw new IllegalStateException("flag evidence is unreadable", e);
        }
    }
}
