package org.provenance.ledger.api.demo;

import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class DemoSupplyChainTest extends ApiTest {

    @Autowired
    DemoSupplyChain demo;

    @Test
    void the_demo_shows_compositions_flags_and_lineage_and_loads_twice_without_change() {
        homeBloc();
        demo.load();
        long events = eventCount();

        demo.load();

        assertThat(eventCount()).isEqualTo(events);
        assertThat(http.get("/api/flags/DEMO-T-06:NON_BLOC_ORIGIN").json().path("share").decimalValue())
                .isEqualByComparingTo("0.3");
        assertThat(http.get("/api/flags/DEMO-T-09:NON_BLOC_PROCESSING").status()).isEqualTo(200);
        assertThat(http.get("/api/flags/DEMO-T-11:NON_BLOC_CONTROL").status()).isEqualTo(200);
        assertThat(http.get("/api/flags/DEMO-T-11:PRICE_BELOW_FLOOR").status()).isEqualTo(200);
        assertThat(http.get("/api/flags/DEMO-X-07:MASS_BALANCE_VIOLATION").status()).isEqualTo(200);
        assertThat(http.get("/api/transfers/DEMO-T-03").json().path("flags")).isEmpty();
        assertThat(http.get("/api/lots/DEMO-MAGNET-1/lineage").json().path("lots")).hasSize(3);
    }
}
