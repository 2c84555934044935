-- Blocs, lot compositions and flags: read models of the 'ledger' processing group.

create table bloc_view (
    bloc_id  varchar(128) not null primary key,
    name     varchar(200) not null
);

-- One row per membership period; effective_until is null while it lasts.
create table bloc_membership (
    bloc_id         varchar(128) not null,
    country         char(2)      not null,
    effective_from  timestamptz  not null,
    effective_until timestamptz,
    constraint bloc_membership_pk primary key (bloc_id, country, effective_from)
);

create table price_floor (
    bloc_id        varchar(128)   not null,
    mineral        varchar(32)    not null,
    form           varchar(64)    not null,
    currency       char(3)        not null,
    price_per_kg   numeric(19, 6) not null,
    effective_from timestamptz    not null,
    constraint price_floor_pk primary key (bloc_id, mineral, form, currency, effective_from)
);

-- Computed once when a lot is created. routes: [{origin, stages, control, share}] with shares as
-- exact JSON numbers (34 significant digits); contributors: the upstream touchpoints
-- [{facilityId, country, ownerCountry, stage, lotId, introducesUnknown}], indexed so that the lots
-- downstream of a facility are found without walking the graph (for corrections).
create table lot_composition (
    lot_id       varchar(128) not null primary key,
    routes       jsonb        not null,
    contributors jsonb        not null
);
create index lot_composition_contributors_ix on lot_composition using gin (contributors jsonb_path_ops);

create table flag (
    flag_id          varchar(300) not null primary key,
    type             varchar(32)  not null,
    subject_kind     varchar(16)  not null,
    subject_id       varchar(128) not null,
    lot_id           varchar(128),
    -- the seller and buyer of a flagged purchase; the processing facility of a transformation
    from_facility_id varchar(128),
    to_facility_id   varchar(128),
    share            numeric,
    evidence         jsonb        not null,
    -- what a reviewer needs besides the evidence, e.g. the price paid and the floor
    detail           text,
    status           varchar(16)  not null,
    review_decision  varchar(16),
    review_note      text,
    reviewer         varchar(200),
    reviewed_at      timestamptz,
    raised_at        timestamptz  not null
);
create index flag_subject_ix on flag (subject_id);
create index flag_status_type_ix on flag (status, type);
create index flag_raised_ix on flag (raised_at desc, flag_id);
create index flag_to_facility_ix on flag (to_facility_id);
create index flag_from_facility_ix on flag (from_facility_id);
