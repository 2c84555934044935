package org.provenance.ledger.api.write;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.lot.LotTransferred;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write path's aggregate cache with several nodes on one database (SPEC 14): another node's
 * appends never reach this node's cache, so a cached lot can be behind the table. No answer may
 * depend on that. "Another node" here is an append through this node's event store below the write
 * path (sealed, as another node's would be), which this node's cache does not see. What guards each
 * case: a refusal is answered only once the streams it used from the cache are checked against the
 * table; an acceptance meets the unique stream key at the append and is then tried again from the
 * table (not answered 409 concurrent-change); a batch group falls back to per-line commits from the table.
 */
class AggregateCacheApiTest extends ApiTest {

    @Autowired
    EventStore eventStore;

    @Test
    void a_write_refused_on_cached_state_another_node_overtook_is_decided_again_from_the_table() {
        String mine = facility("MINE", "AU");
        String buyer = facility("BUYER", "US");
        String plant = facility("PROCESSOR", "JP");
        String lot = extract(mine, "12");
        // The cached lot is still at the mine: a decision on it would refuse a transfer from the buyer.
        appendAsAnotherNode(lot, 1, new LotTransferred(id("T"), lot, mine, buyer, new BigDecimal("12"), null,
                                                       Instant.now()));

        Http.Response onward = transfer(id("T"), lot, buyer, plant);

        assertThat(onward.status()).as(onward.body()).isEqualTo(201);
        assertThat(lotEvents(lot)).isEqualTo(3);
        assertThat(http.get("/api/lots/" + lot).text("custodianId")).isEqualTo(plant);
    }

    @Test
    void a_write_accepted_on_cached_state_another_node_overtook_is_decided_again_from_the_table() {
        String mine = facility("MINE", "AU");
        String buyer = facility("BUYER", "US");
        String plant = facility("PROCESSOR", "JP");
        String lot = extract(mine, "5");
        // The cached lot is still at the mine: a decision on it would accept a transfer from the mine.
        appendAsAnotherNode(lot, 1, new LotTransferred(id("T"), lot, mine, buyer, new BigDecimal("5"), null,
                                                       Instant.now()));

        Http.Response fromTheMine = transfer(id("T"), lot, mine, plant);

        assertProblem(fromTheMine, 409, "not-in-custody");
        assertThat(lotEvents(lot)).isEqualTo(2);
    }

    @Test
    void a_batch_line_on_cached_state_another_node_overtook_gets_the_answer_the_table_gives() {
        String mine = facility("MINE", "AU");
        String buyer = facility("BUYER", "US");
        String plant = facility("PROCESSOR", "JP");
        String lot = extract(mine, "7");
        String other = id("LOT");
        appendAsAnotherNode(lot, 1, new LotTransferred(id("T"), lot, mine, buyer, new BigDecimal("7"), null,
                                                       Instant.now()));

        var answers = http.postNdjson("/api/batches", String.join("\n",
                "{\"type\": \"transfer\", \"id\": \"%s\", \"lotId\": \"%s\", \"fromFacilityId\": \"%s\", \"toFacilityId\": \"%s\"}"
                        .formatted(id("T"), lot, buyer, plant),
                "{\"type\": \"extraction\", \"lotId\": \"%s\", \"mineId\": \"%s\", \"mineral\": \"REE\", \"form\": \"ore\", \"massKg\": 1}"
                        .formatted(other, mine))).lines();

        assertThat(answers.subList(0, 2)).extracting(a -> a.path("status").asInt()).containsExactly(201, 201);
        assertThat(http.get("/api/lots/" + lot).text("custodianId")).isEqualTo(plant);
    }

    private void appendAsAnotherNode(String lot, long sequence, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>("Lot", "lot/" + lot, sequence, payload,
                                                           MetaData.with("principal", "another-node")));
    }

    private long lotEvents(String lot) {
        return jdbc.sql("select count(*) from domain_event_entry where aggregate_identifier = ?").param("lot/" + lot)
                   .query(Long.class).single();
    }
}
