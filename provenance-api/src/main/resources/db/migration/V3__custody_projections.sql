-- Read models of the 'ledger' processing group. Rebuilt from the event store on replay, so
-- nothing here is a source of truth, and nothing here depends on processing order (no
-- processing positions): a rebuild must equal what it replaces.

create table facility_view (
    facility_id   varchar(128) not null primary key,
    name          varchar(200) not null,
    kind          varchar(16)  not null,
    country       char(2)      not null,
    owner_country char(2)
);

create table lot_view (
    lot_id            varchar(128)   not null primary key,
    mineral           varchar(32)    not null,
    form              varchar(64)    not null,
    initial_kg        numeric(19, 6) not null,
    remaining_kg      numeric(19, 6) not null,
    custodian_id      varchar(128)   not null,
    -- EXTRACTION, REGISTRATION or TRANSFORMATION: how the lot came into being
    created_by        varchar(16)    not null,
    source_id         varchar(128)   not null,
    declared_origin   char(2),
    created_at        timestamptz    not null,
    updated_at        timestamptz    not null
);
create index lot_view_custodian_ix on lot_view (custodian_id);

create table transformation_view (
    transformation_id varchar(128)   not null primary key,
    facility_id       varchar(128)   not null,
    stage             varchar(16)    not null,
    consumed_kg       numeric(19, 6) not null,
    produced_kg       numeric(19, 6) not null,
    occurred_at       timestamptz    not null
);

-- Lineage edges: lot -> transformation (input) and transformation -> lot (output).
create table transformation_input (
    transformation_id varchar(128)   not null,
    lot_id            varchar(128)   not null,
    mass_kg           numeric(19, 6) not null,
    constraint transformation_input_pk primary key (transformation_id, lot_id)
);
create index transformation_input_lot_ix on transformation_input (lot_id);

create table transformation_output (
    transformation_id varchar(128)   not null,
    lot_id            varchar(128)   not null,
    mass_kg           numeric(19, 6) not null,
    constraint transformation_output_pk primary key (transformation_id, lot_id)
);
create unique index transformation_output_lot_ix on transformation_output (lot_id);

create table transfer_view (
    transfer_id      varchar(128)   not null primary key,
    lot_id           varchar(128)   not null,
    from_facility_id varchar(128)   not null,
    to_facility_id   varchar(128)   not null,
    mass_kg          numeric(19, 6) not null,
    price_amount     numeric(19, 6),
    price_currency   char(3),
    occurred_at      timestamptz    not null
);
create index transfer_view_lot_ix on transfer_view (lot_id);
