package org.provenance.ledger.api.support;

import org.provenance.ledger.api.epcis.EpcisEventsCaptured;
import org.provenance.ledger.api.epcis.EpcisVocabulary;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Stores EPCIS events in {@code epcis_event} the way capture does (columns extracted, vocabulary
 * normalised, the document as sent plus its recordTime), and announces them with
 * {@link EpcisEventsCaptured}, for the query and subscription tests while capture lives on another
 * branch. The only place that writes that table in tests: replace it by POST /epcis/capture once
 * capture is merged.
 */
public final class EpcisFixture {

    /** One event, written as an EPCIS 2.0 JSON event (the shapes of ../shared/epcis/JSON). */
    public static final class Event {
        public final String eventId = "urn:uuid:" + UUID.randomUUID();
        String type = "ObjectEvent";
        Instant eventTime = Instant.parse("2026-03-01T10:00:00Z");
        Instant recordTime;
        String action = "OBSERVE";
        String bizStep;
        String disposition;
        String readPoint;
        String bizLocation;
        String parentId;
        final List<String> epcs = new ArrayList<>();
        final List<String> childEpcs = new ArrayList<>();
        final List<String> inputEpcs = new ArrayList<>();
        final List<String> outputEpcs = new ArrayList<>();
        final List<String> classes = new ArrayList<>();
        final List<String> inputClasses = new ArrayList<>();
        final List<String> outputClasses = new ArrayList<>();
        boolean errorDeclared;

        public Event type(String type) {
            this.type = type;
            if (type.equals("TransformationEvent")) {
                action = null;
            }
            return this;
        }

        public Event eventTime(String time) {
            eventTime = Instant.parse(time);
            return this;
        }

        public Event recordTime(String time) {
            recordTime = Instant.parse(time);
            return this;
        }

        public Event action(String action) {
            this.action = action;
            return this;
        }

        public Event bizStep(String bizStep) {
            this.bizStep = bizStep;
            return this;
        }

        public Event disposition(String disposition) {
            this.disposition = disposition;
            return this;
        }

        public Event readPoint(String readPoint) {
            this.readPoint = readPoint;
            return this;
        }

        public Event bizLocation(String bizLocation) {
            this.bizLocation = bizLocation;
            return this;
        }

        public Event parentId(String parentId) {
            this.parentId = parentId;
            return this;
        }

        public Event epcs(String... epcs) {
            this.epcs.addAll(List.of(epcs));
            return this;
        }

        public Event childEpcs(String... epcs) {
            this.childEpcs.addAll(List.of(epcs));
            return this;
        }

        public Event inputEpcs(String... epcs) {
            this.inputEpcs.addAll(List.of(epcs));
            return this;
        }

        public Event outputEpcs(String... epcs) {
            this.outputEpcs.addAll(List.of(epcs));
            return this;
        }

        public Event quantity(String epcClass) {
            this.classes.add(epcClass);
            return this;
        }

        public Event inputQuantity(String epcClass) {
            this.inputClasses.add(epcClass);
            return this;
        }

        public Event outputQuantity(String epcClass) {
            this.outputClasses.add(epcClass);
            return this;
        }

        public Event errorDeclaration() {
            this.errorDeclared = true;
            return this;
        }

        String document() {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("type", str(type));
            fields.put("eventID", str(eventId));
            fields.put("eventTime", str(eventTime.toString()));
            fields.put("eventTimeZoneOffset", str("+00:00"));
            fields.put("recordTime", str(recordTime.toString()));
            if (errorDeclared) {
                fields.put("errorDeclaration", "{\"declarationTime\": \"2026-03-02T00:00:00Z\", "
                                               + "\"reason\": \"incorrect_data\"}");
            }
            if (parentId != null) {
                fields.put("parentID", str(parentId));
            }
            String epcListName = type.equals("AggregationEvent") ? "childEPCs" : "epcList";
            List<String> instanceList = type.equals("AggregationEvent") ? childEpcs : epcs;
            if (!type.equals("TransformationEvent")) {
                fields.put(epcListName, array(instanceList));
            }
            if (action != null) {
                fields.put("action", str(action));
            }
            if (bizStep != null) {
                fields.put("bizStep", str(bizStep));
            }
            if (disposition != null) {
                fields.put("disposition", str(disposition));
            }
            if (readPoint != null) {
                fields.put("readPoint", "{\"id\": " + str(readPoint) + "}");
            }
            if (bizLocation != null) {
                fields.put("bizLocation", "{\"id\": " + str(bizLocation) + "}");
            }
            if (!classes.isEmpty()) {
                fields.put(type.equals("AggregationEvent") ? "childQuantityList" : "quantityList", quantities(classes));
            }
            if (type.equals("TransformationEvent")) {
                fields.put("inputEPCList", array(inputEpcs));
                fields.put("outputEPCList", array(outputEpcs));
                fields.put("inputQuantityList", quantities(inputClasses));
                fields.put("outputQuantityList", quantities(outputClasses));
            }
            return fields.entrySet().stream().map(e -> str(e.getKey()) + ": " + e.getValue())
                         .collect(Collectors.joining(", ", "{", "}"));
        }

        private static String quantities(List<String> classes) {
            return classes.stream().map(c -> "{\"epcClass\": " + str(c) + ", \"quantity\": 200, \"uom\": \"KGM\"}")
                          .collect(Collectors.joining(", ", "[", "]"));
        }

        private static String array(List<String> values) {
            return values.stream().map(Event::str).collect(Collectors.joining(", ", "[", "]"));
        }

        private static String str(String value) {
            return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    public EpcisFixture(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    public static Event event() {
        return new Event();
    }

    /** Stores the events as one capture and publishes EpcisEventsCaptured, as capture does after its commit. */
    public List<String> capture(Event... captured) {
        String captureId = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>();
        for (Event e : captured) {
            if (e.recordTime == null) {
                e.recordTime = Instant.now();
            }
            jdbc.sql("""
                    insert into epcis_event (event_id, event_type, event_time, record_time, capture_id, action,
                                             biz_step, disposition, read_point, biz_location, parent_id, epc_list,
                                             child_epcs, input_epcs, output_epcs, epc_classes, input_classes,
                                             output_classes, error_declared, document, mapping, captured_by)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb,
                            '{"status": "UNMAPPED", "reason": "test fixture"}'::jsonb, 'tester')""")
                .params(e.eventId, e.type, java.sql.Timestamp.from(e.eventTime), java.sql.Timestamp.from(e.recordTime),
                        captureId, e.action, EpcisVocabulary.bizStep(e.bizStep),
                        EpcisVocabulary.disposition(e.disposition), e.readPoint, e.bizLocation, e.parentId,
                        e.epcs.toArray(String[]::new), e.childEpcs.toArray(String[]::new),
                        e.inputEpcs.toArray(String[]::new), e.outputEpcs.toArray(String[]::new),
                        e.classes.toArray(String[]::new), e.inputClasses.toArray(String[]::new),
                        e.outputClasses.toArray(String[]::new), e.errorDeclared, e.document())
                .update();
            ids.add(e.eventId);
        }
        events.publishEvent(new EpcisEventsCaptured(captureId, ids));
        return ids;
    }
}
