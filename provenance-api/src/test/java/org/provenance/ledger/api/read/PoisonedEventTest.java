package org.provenance.ledger.api.read;

import tools.jackson.databind.JsonNode;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Await;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.common.StreamIds;
import org.provenance.ledger.facility.FacilityKind;
import org.provenance.ledger.facility.FacilityRegistered;
import org.provenance.ledger.flag.FlagReviewed;
import org.provenance.ledger.flag.ReviewDecision;
import org.provenance.ledger.lot.LotRegistered;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Defence in depth (SPEC 7: "no stored event can stop a projection"): events the REST edge would
 * refuse are appended below it, straight into Axon's event store, as an older release, a migration
 * or a bug could have stored them. The read side must store them, show them exactly, and stay up.
 */
class PoisonedEventTest extends ApiTest {

    /** NUL, other C0 controls, DEL, the escape character the read models use themselves, and a non-BMP character. */
    private static final String ODD = "Bad\u0000name\u0001\u0007\u001f\u007f\t\r\n\uE000\uE0000000 \uD83D\uDE00 end\u0000";

    @Autowired
    EventStore eventStore;

    @Test
    void a_facility_name_and_a_review_note_with_nul_and_control_characters_are_stored_and_shown_exactly() {
        homeBloc();
        String mine = facility("MINE", "CN");
        String buyer = facility("BUYER", "US");
        String sale = id("SALE");
        assertThat(transfer(sale, extract(mine, "5"), mine, buyer).status()).isEqualTo(201);
        String flagId = sale + ":NON_BLOC_ORIGIN";
        assertThat(http.get("/api/flags/" + flagId).status()).isEqualTo(200);
        String odd = id("ODD");
        String huge = id("HUGE");
        String hugeName = "\u0000".repeat(3) + "x".repeat(1_000_000) + "\u0000";

        append(StreamIds.facility(odd), 0, new FacilityRegistered(odd, ODD, FacilityKind.MINE, "AU", "CN"));
        append(StreamIds.facility(huge), 0, new FacilityRegistered(huge, hugeName, FacilityKind.BUYER, "US", null));
        // A declared origin with a NUL reaches the jsonb columns (composition routes and contributors).
        String lot = id("LOT");
        append(StreamIds.lot(lot), 0, new LotRegistered(lot, buyer, "REE", "ore\u0000x", new BigDecimal("2"),
                                                        "C\u0000N", Instant.parse("2026-01-01T00:00:00Z")));
        append(StreamIds.flag(flagId), 0, new FlagReviewed(flagId, ReviewDecision.CONFIRMED, ODD, "below-the-api"));
        long appended = latestEventPosition();
        awaitProjected(appended);

        Http.Response facility = http.get("/api/facilities/" + odd);
        assertThat(facility.status()).as(facility.body()).isEqualTo(200);
        assertThat(facility.text("name")).isEqualTo(ODD);
        assertThat(facility.text("ownerCountry")).isEqualTo("CN");
        assertThat(http.get("/api/facilities/" + huge).text("name")).isEqualTo(hugeName);

        JsonNode registered = http.get("/api/lots/" + lot).json();
        assertThat(registered.path("form").asString()).isEqualTo("ore\u0000x");
        assertThat(registered.path("composition").get(0).path("origin").asString()).isEqualTo("DECLARED:C\u0000N");

        JsonNode flag = http.get("/api/flags/" + flagId).json();
        assertThat(flag.path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(flag.path("review").path("note").asString()).isEqualTo(ODD);
        assertThat(flag.path("review").path("principal").asString()).isEqualTo("below-the-api");
        Http.Response list = http.get("/api/flags?facilityId=" + buyer);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items").get(0).path("reviews").get(0).path("note").asString()).isEqualTo(ODD);

        // The read side kept going: events after the odd ones are projected too.
        String after = facility("MINE", "AU");
        assertThat(http.get("/api/facilities/" + after).status()).isEqualTo(200);
        Http.Response health = http.get("/actuator/health");
        assertThat(health.text("status")).as(health.body()).isEqualTo("UP");
        assertThat(http.get("/api/admin/projections/ledger").text("status")).isEqualTo("RUNNING");

        // The raw history shows the exact payload, not the read models' stored form.
        awaitChainedUpTo(appended);
        JsonNode events = http.get("/api/audit/events?after=" + (appended - 4) + "&limit=4").json().path("items");
        assertThat(events.get(0).path("payload").path("name").asString()).isEqualTo(ODD);
        assertThat(events.get(3).path("payload").path("note").asString()).isEqualTo(ODD);
        assertThat(http.get("/api/lots/" + lot + "/events").json().path("events").get(0).path("payload")
                       .path("declaredOrigin").asString()).isEqualTo("C\u0000N");
    }

    private void append(String streamId, long sequence, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>(streamId.substring(0, streamId.indexOf('/')), streamId,
                                                           sequence, payload,
                                                           MetaData.with("principal", "below-the-api")));
    }

    private void awaitProjected(long position) {
        Await.until("the ledger projection has processed position " + position, Duration.ofSeconds(60), () -> {
            JsonNode ledger = http.get("/api/admin/projections/ledger").json();
            return ledger.path("position").asLong() >= position;
        });
    }
}
