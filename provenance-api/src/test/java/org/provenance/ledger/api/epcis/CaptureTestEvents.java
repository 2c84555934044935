package org.provenance.ledger.api.epcis;

/** Events the EPCIS tests share. */
final class CaptureTestEvents {

    private CaptureTestEvents() {
    }

    static String observe(String eventId) {
        return EpcisCaptureApiTest.observe(eventId);
    }
}
