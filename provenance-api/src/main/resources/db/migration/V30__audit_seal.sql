-- Commit seals (docs/AUDIT.md, "Seals"): one row per append of events, written in the same
-- transaction as those events by the ledger's event storage engine.
--   seal_id    the smallest position it covers
--   positions  the global positions of the events it covers, ascending
--   digests    SHA-256 of each event's canonical encoding, 32 bytes each, in the order of positions
--   mac        HMAC-SHA256, with a key the database does not hold, over the positions and digests
create table audit_seal (
    seal_id   bigint      not null,
    positions bigint[]    not null,
    digests   bytea       not null,
    mac       bytea       not null,
    sealed_at timestamptz not null default now(),
    constraint audit_seal_pk primary key (seal_id),
    constraint audit_seal_digests check (octet_length(digests) = 32 * cardinality(positions) and octet_length(mac) = 32)
);
create index audit_seal_positions on audit_seal using gin (positions);

-- Events at or below sealed_after were stored before this ledger sealed commits: they carry no seal
-- and are vouched for by the chain and checkpoints alone. Written once, on the first start that
-- seals, and itself authenticated with the seal key (so raising it to excuse forged rows is detected).
create table audit_seal_origin (
    id           smallint    not null,
    sealed_after bigint      not null,
    mac          bytea       not null,
    recorded_at  timestamptz not null default now(),
    constraint audit_seal_origin_pk primary key (id),
    constraint audit_seal_origin_single check (id = 1)
);
