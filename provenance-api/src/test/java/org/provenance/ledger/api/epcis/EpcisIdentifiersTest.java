package org.provenance.ledger.api.epcis;

import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.epcis.capture.EventHash;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Identifiers and the event hash, without a ledger. */
class EpcisIdentifiersTest {

    @Test
    void digitalLinkUrisBecomeUrnsWithASevenDigitCompanyPrefix() {
        assertThat(EpcisIdentifiers.toUrn("https://id.gs1.org/01/04012345123456/10/998877"))
                .isEqualTo("urn:epc:class:lgtin:4012345.012345.998877");
        assertThat(EpcisIdentifiers.toUrn("https://id.gs1.org/01/70614141123451/21/2017"))
                .isEqualTo("urn:epc:id:sgtin:0614141.712345.2017");
        assertThat(EpcisIdentifiers.toUrn("https://id.gs1.org/414/9520001000018"))
                .isEqualTo("urn:epc:id:sgln:9520001.00001.0");
        assertThat(EpcisIdentifiers.toUrn("https://id.gs1.org/414/9520001000018/254/7"))
                .isEqualTo("urn:epc:id:sgln:9520001.00001.7");
        assertThat(EpcisIdentifiers.toUrn("https://id.gs1.org/417/9520001000020")).isEqualTo("urn:epc:id:pgln:9520001.00002");
        assertThat(EpcisIdentifiers.toUrn("https://id.gs1.org/8004/4000001111")).isEqualTo("urn:epc:id:giai:4000001.111");
        assertThat(EpcisIdentifiers.toUrn("urn:epc:class:lgtin:4012345.012345.998877"))
                .isEqualTo("urn:epc:class:lgtin:4012345.012345.998877");
    }

    @Test
    void ledgerIdsAreTheIdentifierOrADigestOfIt() {
        assertThat(EpcisIdentifiers.ledgerId("urn:uuid:6f1c6a3e-1b7e-4d2a-9c3f-000000000001"))
                .isEqualTo("urn:uuid:6f1c6a3e-1b7e-4d2a-9c3f-000000000001");
        String hashed = EpcisIdentifiers.ledgerId("ni:///sha-256;00e1e6eba3a7cc61?ver=CBV2.0");
        assertThat(hashed).matches("epcis:[0-9a-f]{40}");
        assertThat(EpcisIdentifiers.ledgerId("ni:///sha-256;00e1e6eba3a7cc61?ver=CBV2.0")).isEqualTo(hashed);
    }

    @Test
    void patternsMatchWholeFields() {
        assertThat(EpcisIdentifiers.matchesPattern("urn:epc:idpat:sgtin:0614141.*.*", "urn:epc:id:sgtin:0614141.107346.2017")).isTrue();
        assertThat(EpcisIdentifiers.matchesPattern("urn:epc:idpat:sgtin:0614141.107346.*",
                                                   "https://id.gs1.org/01/10614141073467/21/2017")).isTrue();
        assertThat(EpcisIdentifiers.matchesPattern("urn:epc:idpat:sgtin:0614141.*.*", "urn:epc:id:sgtin:0614142.107346.2017")).isFalse();
        assertThat(EpcisIdentifiers.matchesPattern("urn:epc:idpat:lgtin:4012345.012345.*", "urn:epc:class:lgtin:4012345.012345.998877")).isTrue();
    }

    @Test
    void theEventHashIgnoresFieldOrderListOrderAndTheOffsetOfTheSameInstant() {
        String a = """
                {"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "shipping",
                 "eventTime": "2027-03-02T10:00:00.000+01:00", "eventTimeZoneOffset": "+01:00",
                 "epcList": ["urn:epc:id:sgtin:0614141.107346.1", "urn:epc:id:sgtin:0614141.107346.2"]}""";
        String b = """
                {"epcList": ["urn:epc:id:sgtin:0614141.107346.2", "urn:epc:id:sgtin:0614141.107346.1"],
                 "eventTimeZoneOffset": "+01:00", "bizStep": "urn:epcglobal:cbv:bizstep:shipping",
                 "eventTime": "2027-03-02T09:00:00Z", "action": "OBSERVE", "type": "ObjectEvent",
                 "recordTime": "2027-03-05T00:00:00Z"}""";
        String c = a.replace("\"OBSERVE\"", "\"ADD\"");
        assertThat(hash(a)).isEqualTo(hash(b)).matches("ni:///sha-256;[0-9a-f]{64}\\?ver=CBV2\\.0");
        assertThat(hash(c)).isNotEqualTo(hash(a));
    }

    private static String hash(String event) {
        return EventHash.of(JsonMapper.builder().build().readTree(event));
    }
}
