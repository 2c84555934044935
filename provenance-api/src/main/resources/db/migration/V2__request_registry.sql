-- Every acknowledged write, keyed by what it created or recorded (e.g. 'transfer:T-1'). Written in
-- the same transaction as the write's events: a repeated request with the same body gets the
-- stored answer back, another body under the same key is a conflict, and ids of things that have
-- no stream of their own (transfers) are unique through this key.
create table request_registry (
    request_key  varchar(200) not null,
    body_sha256  bytea        not null,
    resource_id  varchar(128) not null,
    position     bigint       not null,
    recorded_at  timestamptz  not null default now(),
    constraint request_registry_pk primary key (request_key)
);
