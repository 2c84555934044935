-- Corrections, voids and record time (SPEC 12, issue 19): read models of the 'ledger' processing
-- group, rebuilt from the events like the others. Record time (known_from / known_to) is the
-- timestamp of the event that made a version, never now(), so a replay writes the same rows.

-- The version of a lot's composition in lot_composition is known from known_from (null for rows
-- written before V100: known since before any correction) and was computed by cause
-- ('correction/<id>', null for the lot's creation).
alter table lot_composition add column known_from timestamptz, add column cause text;

-- Versions a correction replaced: known from known_from until known_to (the correction's record time).
create table lot_composition_history (
    lot_id        text        not null,
    superseded_by text        not null,
    known_from    timestamptz,
    known_to      timestamptz not null,
    routes        jsonb       not null,
    contributors  jsonb       not null,
    cause         text,
    constraint lot_composition_history_pk primary key (lot_id, superseded_by)
);
create index lot_composition_history_known_ix on lot_composition_history (lot_id, known_to);

-- A flag's current version: withdrawn_by names what withdrew it ('correction/<id>' or
-- 'void/<transferId>'), cause what raised or changed it last (null: the purchase itself).
alter table flag add column known_from timestamptz, add column withdrawn_by text, add column cause text;

create table flag_history (
    flag_id       text        not null,
    superseded_by text        not null,
    known_from    timestamptz,
    known_to      timestamptz not null,
    share         numeric,
    evidence      jsonb       not null,
    withdrawn_by  text,
    cause         text,
    constraint flag_history_pk primary key (flag_id, superseded_by)
);
create index flag_history_known_ix on flag_history (flag_id, known_to);

alter table transfer_view add column voided_at timestamptz, add column void_reason text;

-- Every correction of a facility, in the order recorded (sequence in the facility's stream).
create table facility_correction (
    correction_id  text        not null primary key,
    facility_id    text        not null,
    sequence       bigint      not null,
    effective_from timestamptz not null,
    country        text,
    owner_country  text,
    reason         text        not null,
    principal      text,
    recorded_at    timestamptz not null
);
create index facility_correction_facility_ix on facility_correction (facility_id, sequence);

-- The recall: what a correction recomputed and which flags it raised, changed or withdrew.
create table correction_lot (
    correction_id text    not null,
    lot_id        text    not null,
    changed       boolean not null,
    constraint correction_lot_pk primary key (correction_id, lot_id)
);

create table correction_flag (
    correction_id  text    not null,
    flag_id        text    not null,
    change         text    not null,
    type           text    not null,
    transfer_id    text    not null,
    lot_id         text    not null,
    to_facility_id text    not null,
    share          numeric,
    constraint correction_flag_pk primary key (correction_id, flag_id)
);

create table correction_report (
    correction_id       text        not null primary key,
    lots_recomputed     integer     not null,
    lots_changed        integer     not null,
    purchases_evaluated integer     not null,
    completed_at        timestamptz not null
);
