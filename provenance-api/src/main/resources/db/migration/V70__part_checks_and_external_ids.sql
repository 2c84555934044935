-- Procurement at the scale of a part (SPEC 13).
--
-- 1. Facilities may carry an identifier in an outside list (an RMI smelter id for the CMRT/EMRT
--    smelter lists). Events stored before it existed have none, so no rebuild is needed.
-- 2. The signed receipts of part checks, exactly as answered, read back by GET /api/checks/{id}.
--    A read model of the 'ledger' group: filled from PartChecked events, which carry the receipt.

alter table facility_view
    add column external_id_scheme text,
    add column external_id_value  text;

create table check_receipt (
    check_id    text        not null primary key,
    receipt     text        not null,
    recorded_at timestamptz not null
);
