package org.provenance.ledger.api.check;

import org.provenance.ledger.api.support.ApiTest;

import static org.assertj.core.api.Assertions.assertThat;

/** A part of three lots: Australian oxide separated in Estonia, US oxide separated in China, Australian ore. */
abstract class PartFixture extends ApiTest {

    protected String estonianOxide;
    protected String chineseOxide;
    protected String ore;

    protected void threeLots() {
        homeBloc();
        String mineAu = facility("MINE", "AU");
        String mineUs = facility("MINE", "US");
        String sepEe = facility("PROCESSOR", "EE");
        String sepCn = facility("PROCESSOR", "CN");
        String oreAu = extract(mineAu, "100");
        assertThat(transfer(id("T"), oreAu, mineAu, sepEe).status()).isEqualTo(201);
        estonianOxide = transform(sepEe, "SEPARATION", "10", oreAu, "100");
        String oreUs = extract(mineUs, "100");
        assertThat(transfer(id("T"), oreUs, mineUs, sepCn).status()).isEqualTo(201);
        chineseOxide = transform(sepCn, "SEPARATION", "10", oreUs, "100");
        ore = extract(mineAu, "5");
    }

    protected String partBody(String asOf) {
        return """
                {"policy": "DFARS_252_225_7052", "asOf": "%s", "reference": "PO-1 magnet assembly",
                 "items": [{"lotId": "%s", "massKg": 2}, {"lotId": "%s", "massKg": 1}, {"lotId": "%s"}]}"""
                .formatted(asOf, estonianOxide, chineseOxide, ore);
    }
}
