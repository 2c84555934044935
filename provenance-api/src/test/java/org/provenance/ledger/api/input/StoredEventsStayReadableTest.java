package org.provenance.ledger.api.input;

import tools.jackson.databind.DeserializationFeature;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.Test;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.bloc.MemberAdmitted;
import org.provenance.ledger.facility.FacilityKind;
import org.provenance.ledger.facility.FacilityRegistered;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strict input must not reach stored events: Axon reads them with the application's tolerant
 * ObjectMapper, so events written by older (or newer) versions keep loading even where the
 * request reader would now refuse the same JSON.
 */
class StoredEventsStayReadableTest extends ApiTest {

    @Autowired
    @Qualifier("eventSerializer")
    Serializer events;

    @Autowired
    StrictJson strict;

    @Test
    void the_event_serializer_does_not_use_the_strict_reader() {
        assertThat(events).isInstanceOf(Jackson3Serializer.class);
        assertThat(((Jackson3Serializer) events).getObjectMapper()
                                               .isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).isFalse();
    }

    @Test
    void an_event_with_a_field_this_version_does_not_know_still_loads() {
        FacilityRegistered event = read("""
                {"facilityId": "F-OLD", "name": "Old\\tmine\\u0000", "kind": "MINE", "country": "AU",
                 "ownerCountry": null, "retiredField": {"any": [1, 2]}}""", FacilityRegistered.class);

        assertThat(event).isEqualTo(new FacilityRegistered("F-OLD", "Old\tmine\u0000", FacilityKind.MINE, "AU", null));
        assertThat(strictReads("""
                {"id": "F-OLD", "name": "Old mine", "kind": "MINE", "country": "AU", "retiredField": 1}"""))
                .as("the same unknown field in a request").isFalse();
    }

    @Test
    void an_event_dated_as_older_versions_wrote_it_still_loads() {
        MemberAdmitted event = read("""
                {"blocId": "B", "country": "FR", "effectiveFrom": "1850-01-01T00:00:00Z"}""", MemberAdmitted.class);

        assertThat(event.effectiveFrom()).isEqualTo(Instant.parse("1850-01-01T00:00:00Z"));
    }

    private <T> T read(String json, Class<T> type) {
        return events.deserialize(new SimpleSerializedObject<>(json.getBytes(StandardCharsets.UTF_8), byte[].class,
                                                               new SimpleSerializedType(type.getName(), null)));
    }

    private boolean strictReads(String json) {
        try {
            strict.read(json.getBytes(StandardCharsets.UTF_8),
                        strict.type(org.provenance.ledger.api.facility.FacilityController.FacilityRequest.class));
            return true;
        } catch (MalformedInputException e) {
            return false;
        }
    }
}
