package org.provenance.ledger.api.flag;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A rebuilt projection equals the one it replaced: same compositions, same flags with the same ids (SPEC 4, 9). */
class ProjectionReplayTest extends ApiTest {

    private static final List<String> TABLES = List.of("facility_view", "lot_view", "transformation_view",
            "transformation_input", "transformation_output", "transfer_view", "bloc_view", "bloc_membership",
            "price_floor", "lot_composition", "flag", "flag_review", "facility_correction", "lot_composition_history",
            "flag_history", "correction_lot", "correction_flag", "correction_report");

    @Autowired
    Configuration axon;

    @Test
    void replaying_all_events_rebuilds_identical_read_models() {
        homeBloc();
        String cnMine = facility("MINE", "CN", "CN");
        String auMine = facility("MINE", "AU", "CN");
        String separator = facility("PROCESSOR", "EE");
        String buyer = facility("BUYER", "US");
        String cn = extract(cnMine, "3");
        String au = extract(auMine, "7");
        transfer(id("T"), cn, cnMine, separator);
        transfer(id("T"), au, auMine, separator);
        String oxide = transform(separator, "SEPARATION", "12", cn, "3", au, "7");
        String sale = id("SALE");
        transfer(sale, oxide, separator, buyer);
        assertThat(http.post("/api/flags/" + sale + ":NON_BLOC_ORIGIN/reviews",
                             "{\"decision\": \"CONFIRMED\", \"note\": \"origin is China\"}").status()).isEqualTo(201);
        assertThat(http.post("/api/flags/" + sale + ":NON_BLOC_ORIGIN/reviews",
                             "{\"decision\": \"ACCEPTED_RISK\", \"note\": \"legacy contract\"}").status()).isEqualTo(201);
        // Corrections and voids (SPEC 12): the separator was owned from China, then a later correction
        // moves that to Russia from a date after the separation; the AU mine was in fact owned from Canada;
        // a second sale is voided. A replay must give the same versions, flags and recall rows.
        String voided = id("SALE");
        String more = extract(cnMine, "1");
        transfer(voided, more, cnMine, buyer);
        assertThat(http.post("/api/transfers/" + voided + "/voids", "{\"reason\": \"never shipped\"}").status())
                .isEqualTo(201);
        assertThat(http.post("/api/facilities/" + separator + "/corrections", """
                {"id": "%s", "effectiveFrom": "2000-01-01T00:00:00Z", "ownerCountry": "CN", "reason": "front"}"""
                .formatted(id("CORR"))).status()).isEqualTo(201);
        assertThat(http.post("/api/facilities/" + auMine + "/corrections", """
                {"id": "%s", "effectiveFrom": "2000-01-01T00:00:00Z", "ownerCountry": "CA", "reason": "sold"}"""
                .formatted(id("CORR"))).status()).isEqualTo(201);
        assertThat(http.post("/api/facilities/" + separator + "/corrections", """
                {"id": "%s", "effectiveFrom": "2100-01-01T00:00:00Z", "ownerCountry": "RU", "reason": "later"}"""
                .formatted(id("CORR"))).status()).isEqualTo(201);
        String afterCorrections = extract(auMine, "2");
        transfer(id("T"), afterCorrections, auMine, buyer);
        http.get("/api/flags"); // waits until the projections caught up with these writes
        Map<String, Set<String>> before = snapshot();
        assertThat(jdbc.sql("select count(*) from flag where subject_id = ?").param(sale).query(Long.class).single())
                .isEqualTo(3); // CN origin, CN control (changed by the corrections), unknown surplus (12 kg out of 10 in)
        assertThat(jdbc.sql("select count(*) from flag_history").query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("select count(*) from lot_composition_history").query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("select status from flag where flag_id = ?").param(voided + ":NON_BLOC_ORIGIN")
                       .query(String.class).single()).isEqualTo("WITHDRAWN");
        TrackingEventProcessor processor = axon.eventProcessingConfiguration()
                                               .eventProcessor("ledger", TrackingEventProcessor.class).orElseThrow();

        processor.shutDown();
        processor.resetTokens();
        processor.start();

        long head = jdbc.sql("select max(global_index) from domain_event_entry").query(Long.class).single();
        await().atMost(Duration.ofMinutes(2)).until(() -> caughtUp(processor, head));
        Map<String, Set<String>> after = snapshot();
        for (String table : TABLES) {
            Set<String> lost = new TreeSet<>(before.get(table));
            lost.removeAll(after.get(table));
            Set<String> gained = new TreeSet<>(after.get(table));
            gained.removeAll(before.get(table));
            // both in one message: a row the replay changed is lost in one form and gained in another
            assertThat(lost).as(table + " rows lost by the replay (and gained instead: " + gained + ")").isEmpty();
            assertThat(gained).as(table + " rows gained by the replay").isEmpty();
        }
        assertThat(jdbc.sql("select status from flag where flag_id = ?").param(sale + ":NON_BLOC_ORIGIN")
                       .query(String.class).single()).isEqualTo("ACCEPTED_RISK");
        assertThat(jdbc.sql("select count(*) from flag_review where flag_id = ?").param(sale + ":NON_BLOC_ORIGIN")
                       .query(Long.class).single()).as("both reviews, rebuilt").isEqualTo(2);
    }

    private static boolean caughtUp(TrackingEventProcessor processor, long head) {
        var status = processor.processingStatus().values();
        // Axon keeps reporting "replaying" until an event after the reset point arrives; the position tells.
        return !status.isEmpty() && status.stream().allMatch(s -> s.isCaughtUp()
                && s.getCurrentPosition().orElse(-1) >= head);
    }

    private Map<String, Set<String>> snapshot() {
        Map<String, Set<String>> rows = new TreeMap<>();
        for (String table : TABLES) {
            rows.put(table, new TreeSet<>(jdbc.sql("select t::text from " + table + " t").query(String.class).list()));
        }
        return rows;
    }
}
