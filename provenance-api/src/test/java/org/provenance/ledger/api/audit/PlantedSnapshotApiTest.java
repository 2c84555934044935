package org.provenance.ledger.api.audit;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.lot.LotExtracted;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger takes no snapshots, and a snapshot is not sealed: a row planted in snapshot_event_entry
 * must never stand in for a stream's sealed events when the stream is loaded.
 */
class PlantedSnapshotApiTest extends ApiTest {

    @Autowired
    EventStore eventStore;

    @Test
    void a_snapshot_row_planted_in_the_table_is_never_read() {
        String mine = facility("MINE", "AU");
        String buyer = facility("BUYER", "US");
        String lot = id("LOT");
        // Appended below the write path, so the lot is not in this node's aggregate cache: the next
        // write loads it from the tables.
        eventStore.publish(new GenericDomainEventMessage<>("Lot", "lot/" + lot, 0,
                new LotExtracted(lot, mine, "REE", "ore", new BigDecimal("9"), Instant.now()),
                MetaData.with("principal", "below-the-api")));
        jdbc.sql("insert into snapshot_event_entry (aggregate_identifier, sequence_number, type, event_identifier, "
                 + "time_stamp, payload_type, payload_revision, payload, meta_data) values (?, 0, 'Lot', ?, ?, ?, null, ?, ?)")
            .params("lot/" + lot, UUID.randomUUID().toString(), Instant.now().toString(),
                    "org.provenance.ledger.lot.Lot", "{}".getBytes(StandardCharsets.UTF_8),
                    "{}".getBytes(StandardCharsets.UTF_8))
            .update();

        Http.Response transferred = transfer(id("T"), lot, mine, buyer);

        assertThat(transferred.status()).as(transferred.body()).isEqualTo(201);
        assertThat(http.get("/api/lots/" + lot).text("custodianId")).isEqualTo(buyer);
    }
}
