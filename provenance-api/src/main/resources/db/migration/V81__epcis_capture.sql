-- EPCIS locations and parties of facilities (SPEC 11), a read model of FacilityRegistered:
-- what a readPoint, bizLocation, source or destination (URN form) names.
create table facility_location (
    location    text         primary key,
    facility_id varchar(128) not null
);
create index facility_location_facility on facility_location (facility_id);

-- EPCIS capture jobs (GET /epcis/capture/{captureID}). A job is written when its document has
-- been read and validated, and finished in its own transaction after the events are applied, so
-- a job that rolled back still says why.
create table epcis_capture_job (
    capture_id       text        primary key,
    created_at       timestamptz not null,
    finished_at      timestamptz,
    running          boolean     not null,
    success          boolean     not null,
    error_behaviour  text        not null,             -- rollback | proceed
    event_count      integer     not null,
    captured_count   integer     not null default 0,   -- events stored for the first time
    errors           jsonb       not null default '[]',
    submitted_by     text        not null
);
create index epcis_capture_job_created on epcis_capture_job (created_at desc);
