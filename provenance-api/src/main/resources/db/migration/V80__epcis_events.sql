-- EPCIS 2.0 events as captured (SPEC 11). Written in the capture's transaction, so a capture
-- job's events and the ledger events they map to commit together. The columns beside the
-- document are what the standard query parameters filter on, extracted once at capture:
-- vocabulary values normalised (EpcisVocabulary), identifiers in URN form.
create table epcis_event (
    event_id        text        primary key,          -- as sent, or the CBV 2.0 event hash (ni:///sha-256;...?ver=CBV2.0)
    event_type      text        not null,             -- ObjectEvent, AggregationEvent, TransformationEvent, TransactionEvent, AssociationEvent
    event_time      timestamptz not null,
    record_time     timestamptz not null,
    capture_id      text        not null,
    action          text,                             -- ADD, OBSERVE, DELETE (none on TransformationEvents)
    biz_step        text,                             -- EpcisVocabulary.bizStep form
    disposition     text,                             -- EpcisVocabulary.disposition form
    read_point      text,
    biz_location    text,
    parent_id       text,
    epc_list        text[]      not null default '{}', -- epcList
    child_epcs      text[]      not null default '{}', -- childEPCs
    input_epcs      text[]      not null default '{}', -- inputEPCList
    output_epcs     text[]      not null default '{}', -- outputEPCList
    epc_classes     text[]      not null default '{}', -- quantityList and childQuantityList epcClass values
    input_classes   text[]      not null default '{}', -- inputQuantityList epcClass values
    output_classes  text[]      not null default '{}', -- outputQuantityList epcClass values
    error_declared  boolean     not null default false,
    document        jsonb       not null,              -- the event as sent, with its recordTime
    mapping         jsonb       not null,              -- {"status": "MAPPED", ...} or {"status": "UNMAPPED", "reason": ...}
    captured_by     text        not null,              -- the principal (scopes nothing today; kept for audit)
    ledger_position bigint                             -- global index of the ledger event recording the capture
);

-- Paging is by record_time then event_id (stable: captured events never change).
create index epcis_event_record_order on epcis_event (record_time, event_id);
create index epcis_event_time on epcis_event (event_time);
create index epcis_event_type_time on epcis_event (event_type, event_time);
create index epcis_event_biz_step on epcis_event (biz_step);
create index epcis_event_biz_location on epcis_event (biz_location);
create index epcis_event_read_point on epcis_event (read_point);
create index epcis_event_epc_list on epcis_event using gin (epc_list);
create index epcis_event_child_epcs on epcis_event using gin (child_epcs);
create index epcis_event_input_epcs on epcis_event using gin (input_epcs);
create index epcis_event_output_epcs on epcis_event using gin (output_epcs);
create index epcis_event_epc_classes on epcis_event using gin (epc_classes);
create index epcis_event_input_classes on epcis_event using gin (input_classes);
create index epcis_event_output_classes on epcis_event using gin (output_classes);
