package org.provenance.ledger.api.epcis.mapping;

import org.provenance.ledger.api.epcis.EpcisIdentifiers;
import org.provenance.ledger.api.epcis.EpcisVocabulary;
import org.provenance.ledger.api.lot.LotController;
import org.provenance.ledger.api.lot.LotWrites;
import org.provenance.ledger.api.transfer.TransferController;
import org.provenance.ledger.api.transfer.TransferWrites;
import org.provenance.ledger.api.transformation.TransformationController;
import org.provenance.ledger.api.transformation.TransformationWrites;
import org.provenance.ledger.api.write.Write;
import org.provenance.ledger.lot.UnitPrice;
import org.provenance.ledger.projections.facility.FacilityProjection;
import org.provenance.ledger.projections.facility.FacilityView;
import org.provenance.ledger.transformation.Stage;
import org.provenance.ledger.transformation.TransformLots;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a captured EPCIS event maps onto the ledger (SPEC 11, docs/EPCIS.md "Mapping"). The writes
 * are prepared by the same use cases as the REST API's (role, facility and input checks
 * included), so an event maps to exactly what the equivalent REST requests would record.
 */
@Component
public class EpcisMapper {

    /** The namespace of the ledger's extension fields; its prefix is the one the document binds to it. */
    public static final String NAMESPACE = "urn:provenance-ledger:epcis:";

    /** Mass units (UN/ECE Recommendation 20) and their exact factor to kilograms. */
    static final Map<String, BigDecimal> MASS_UNITS = Map.of(
            "KGM", BigDecimal.ONE,
            "GRM", new BigDecimal("0.001"),
            "TNE", new BigDecimal("1000"),
            "LBR", new BigDecimal("0.45359237"));

    /** The stage of a TransformationEvent without ledger:stage, by its bizStep (docs/EPCIS.md). */
    static final Map<String, Stage> STAGE_BY_BIZ_STEP = Map.of(
            "assembling", Stage.PRODUCTION,
            "creating_class_instance", Stage.PRODUCTION,
            "disassembling", Stage.RECYCLING,
            "packing", Stage.BLENDING,
            "unpacking", Stage.SPLITTING);

    private static final Set<String> PARTY_TYPES = Set.of("owning_party", "possessing_party", "location");

    /** What an event maps to: the writes to record (none when unmapped) and its ledger:mapping. */
    public record Mapping(List<Write> writes, ObjectNode description, String facilityId) {
        public boolean mapped() {
            return "MAPPED".equals(description.get("status").asString());
        }
    }

    /** An event names a facility the ledger has, or none. */
    record Place(String facilityId, String kind) {
    }

    private final FacilityProjection facilities;
    private final LotWrites lots;
    private final TransformationWrites transformations;
    private final TransferWrites transfers;

    public EpcisMapper(FacilityProjection facilities, LotWrites lots, TransformationWrites transformations,
                       TransferWrites transfers) {
        this.facilities = facilities;
        this.lots = lots;
        this.transformations = transformations;
        this.transfers = transfers;
    }

    /**
     * @param prefixes the prefixes the document binds to {@link #NAMESPACE} (usually {@code ledger})
     * @param ledgerId the event's ledger id (a transformation's and a transfer's id)
     */
    public Mapping map(ObjectNode event, Set<String> prefixes, String ledgerId) {
        Fields f = new Fields(prefixes);
        String type = text(event, "type");
        String bizStep = EpcisVocabulary.bizStep(text(event, "bizStep"));
        String action = text(event, "action");
        Optional<Place> at = place(id(event.get("bizLocation"))).or(() -> place(id(event.get("readPoint"))));
        String atId = at.map(Place::facilityId).orElse(null);
        Instant occurredAt = instant(text(event, "eventTime"));
        try {
            if ("ObjectEvent".equals(type) && "ADD".equals(action) && "commissioning".equals(bizStep)) {
                return extraction(event, f, at, occurredAt);
            }
            if ("TransformationEvent".equals(type)) {
                return transformation(event, f, at, ledgerId, bizStep, occurredAt);
            }
            if ("ObjectEvent".equals(type) && "OBSERVE".equals(action) && "shipping".equals(bizStep)) {
                return shipping(event, f, ledgerId, occurredAt);
            }
            if ("ObjectEvent".equals(type) && "receiving".equals(bizStep)) {
                return unmapped("receiving records nothing more: the shipping event recorded the transfer", atId);
            }
        } catch (NotMapped e) {
            return unmapped(e.getMessage(), e.facilityId != null ? e.facilityId : atId);
        }
        return unmapped("no ledger event for a " + type + (action == null ? "" : " " + action)
                        + (bizStep == null ? "" : " with bizStep " + bizStep), atId);
    }

    private Mapping extraction(ObjectNode event, Fields f, Optional<Place> at, Instant occurredAt) {
        Place mine = at.orElseThrow(() -> new NotMapped("commissioning at no registered facility (bizLocation or readPoint)", null));
        if (!"MINE".equals(mine.kind())) {
            throw new NotMapped("commissioning at " + mine.facilityId() + ", a " + mine.kind() + ", not a MINE", mine.facilityId());
        }
        List<Quantity> quantities = quantities(event.get("quantityList"), "quantityList", mine.facilityId());
        JsonNode ilmd = event.get("ilmd");
        String mineral = f.text(ilmd, "mineral");
        String form = f.text(ilmd, "form");
        if (mineral == null || form == null) {
            throw new NotMapped("commissioning without ilmd ledger:mineral and ledger:form", mine.facilityId());
        }
        List<Write> writes = new ArrayList<>();
        ObjectNode description = mapped();
        var ids = description.putArray("extractions");
        for (Quantity q : quantities) {
            writes.add(lots.extract(new LotController.ExtractionRequest(q.lotId(), mine.facilityId(), mineral, form,
                                                                         q.massKg(), occurredAt)));
            ids.add(q.lotId());
        }
        return new Mapping(writes, description, mine.facilityId());
    }

    private Mapping transformation(ObjectNode event, Fields f, Optional<Place> at, String ledgerId, String bizStep,
                                   Instant occurredAt) {
        Place plant = at.orElseThrow(() -> new NotMapped("transformation at no registered facility (bizLocation or readPoint)", null));
        if (!"PROCESSOR".equals(plant.kind()) && !"TRADER".equals(plant.kind())) {
            throw new NotMapped("transformation at " + plant.facilityId() + ", a " + plant.kind()
                                + ", not a PROCESSOR or TRADER", plant.facilityId());
        }
        String stageText = Optional.ofNullable(f.text(event, "stage")).orElse(f.text(event.get("ilmd"), "stage"));
        Stage stage;
        if (stageText != null) {
            try {
                stage = Stage.valueOf(stageText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new NotMapped("ledger:stage " + stageText + " is not a ledger stage", plant.facilityId());
            }
        } else {
            stage = bizStep == null ? null : STAGE_BY_BIZ_STEP.get(bizStep);
            if (stage == null) {
                throw new NotMapped("no ledger:stage, and bizStep " + bizStep + " names no stage", plant.facilityId());
            }
        }
        List<Quantity> in = quantities(event.get("inputQuantityList"), "inputQuantityList", plant.facilityId());
        List<Quantity> out = quantities(event.get("outputQuantityList"), "outputQuantityList", plant.facilityId());
        JsonNode ilmd = event.get("ilmd");
        String mineral = f.text(ilmd, "mineral");
        String form = f.text(ilmd, "form");
        if (mineral == null || form == null) {
            throw new NotMapped("transformation outputs without ilmd ledger:mineral and ledger:form", plant.facilityId());
        }
        Write write = transformations.transform(new TransformationController.TransformationRequest(
                ledgerId, plant.facilityId(), stage,
                in.stream().map(q -> new TransformLots.Input(q.lotId(), q.massKg())).toList(),
                out.stream().map(q -> new TransformLots.Output(q.lotId(), mineral, form, q.massKg())).toList(),
                occurredAt));
        ObjectNode description = mapped();
        description.put("transformation", ledgerId);
        description.put("stage", stage.name());
        var outputs = description.putArray("outputs");
        out.forEach(q -> outputs.add(q.lotId()));
        return new Mapping(List.of(write), description, plant.facilityId());
    }

    private Mapping shipping(ObjectNode event, Fields f, String ledgerId, Instant occurredAt) {
        Place seller = party(event.get("sourceList"), "source")
                .orElseThrow(() -> new NotMapped("shipping without a source that names a registered facility", null));
        Place buyer = party(event.get("destinationList"), "destination")
                .orElseThrow(() -> new NotMapped("shipping without a destination that names a registered facility",
                                                 seller.facilityId()));
        List<Quantity> quantities = quantities(event.get("quantityList"), "quantityList", seller.facilityId());
        UnitPrice unitPrice = null;
        JsonNode price = f.get(event, "unitPrice");
        if (price != null && price.isObject()) {
            JsonNode amount = price.get("amount");
            JsonNode currency = price.get("currency");
            if (amount == null || !amount.isNumber() || currency == null || !currency.isString()) {
                throw new NotMapped("ledger:unitPrice needs a number amount and a currency", seller.facilityId());
            }
            unitPrice = new UnitPrice(amount.decimalValue(), currency.asString());
        }
        List<Write> writes = new ArrayList<>();
        ObjectNode description = mapped();
        var ids = description.putArray("transfers");
        for (int i = 0; i < quantities.size(); i++) {
            String id = quantities.size() == 1 ? ledgerId : EpcisIdentifiers.ledgerId(ledgerId + "." + (i + 1));
            writes.add(transfers.transfer(new TransferController.TransferRequest(
                    id, quantities.get(i).lotId(), seller.facilityId(), buyer.facilityId(), unitPrice, occurredAt)));
            ids.add(id);
        }
        return new Mapping(writes, description, seller.facilityId());
    }

    private Optional<Place> party(JsonNode list, String key) {
        if (list == null || !list.isArray()) {
            return Optional.empty();
        }
        for (JsonNode entry : list) {
            String type = text(entry, "type");
            String sdType = type == null ? null : type.replaceFirst("(?i)^(urn:epcglobal:cbv:sdt:|https?://ref\\.gs1\\.org/cbv/SDT-)", "");
            if (sdType != null && PARTY_TYPES.contains(sdType)) {
                Optional<Place> place = place(text(entry, key));
                if (place.isPresent()) {
                    return place;
                }
            }
        }
        return Optional.empty();
    }

    /** The facility an EPCIS location or party names (its URN form registered on the facility). */
    Optional<Place> place(String location) {
        if (location == null) {
            return Optional.empty();
        }
        return facilities.facilityAt(EpcisIdentifiers.toUrn(location))
                         .flatMap(facilities::find)
                         .map((FacilityView v) -> new Place(v.id(), v.kind()));
    }

    record Quantity(String lotId, BigDecimal massKg) {
    }

    private static List<Quantity> quantities(JsonNode list, String field, String facilityId) {
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new NotMapped("no " + field + ": the ledger records lots (EPC classes with a mass)", facilityId);
        }
        List<Quantity> quantities = new ArrayList<>();
        for (JsonNode element : list) {
            String epcClass = text(element, "epcClass");
            JsonNode quantity = element.get("quantity");
            String uom = text(element, "uom");
            BigDecimal factor = uom == null ? null : MASS_UNITS.get(uom);
            if (epcClass == null || quantity == null || !quantity.isNumber() || factor == null) {
                throw new NotMapped(field + " has " + (epcClass == null ? "an element" : epcClass) + " without a mass unit ("
                                    + String.join(", ", new java.util.TreeSet<>(MASS_UNITS.keySet())) + ")", facilityId);
            }
            quantities.add(new Quantity(EpcisIdentifiers.lotId(epcClass),
                                        quantity.decimalValue().multiply(factor).stripTrailingZeros()));
        }
        return quantities;
    }

    private static ObjectNode mapped() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("status", "MAPPED");
        return node;
    }

    private static Mapping unmapped(String reason, String facilityId) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("status", "UNMAPPED");
        node.put("reason", reason);
        return new Mapping(List.of(), node, facilityId);
    }

    static String id(JsonNode location) {
        return location == null ? null : text(location, "id");
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    private static Instant instant(String time) {
        try {
            return time == null ? null : OffsetDateTime.parse(time).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The ledger's extension fields under whichever prefix the document bound to the namespace, or as full IRIs. */
    private record Fields(Set<String> prefixes) {
        JsonNode get(JsonNode node, String name) {
            if (node == null) {
                return null;
            }
            for (String prefix : prefixes) {
                JsonNode value = node.get(prefix + ":" + name);
                if (value != null) {
                    return value;
                }
            }
            return node.get(NAMESPACE + name);
        }

        String text(JsonNode node, String name) {
            JsonNode value = get(node, name);
            return value != null && value.isString() ? value.asString() : null;
        }
    }

    private static final class NotMapped extends RuntimeException {
        final String facilityId;

        NotMapped(String reason, String facilityId) {
            super(reason, null, false, false);
            this.facilityId = facilityId;
        }
    }
}
