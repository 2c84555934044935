-- The audit hash chain (docs/AUDIT.md): one entry per event, in global order, written by the
-- AuditChainer once every lower position is committed or known to be a rolled-back gap.
--   event_hash     SHA-256(event_hash of previous_index || canonical encoding of the event)
--   previous_index the position this entry links to (0 for the first); positions in between are
--                  gaps the chainer skipped, so an event appearing there later shows as inserted
--   payload_sha256 SHA-256 of the payload bytes alone: not part of the chain, it only lets the
--                  verifier tell a moved payload (REORDERED) from an altered one
create table audit_chain (
    global_index   bigint      not null,
    previous_index bigint      not null,
    event_hash     bytea       not null,
    payload_sha256 bytea       not null,
    chained_at     timestamptz not null default now(),
    constraint audit_chain_pk primary key (global_index),
    constraint audit_chain_links_backwards check (previous_index >= 0 and previous_index < global_index),
    constraint audit_chain_hash_length check (octet_length(event_hash) = 32 and octet_length(payload_sha256) = 32)
);

-- Entries are never changed once written. This stops the application (or a slip at a psql prompt)
-- from doing so; someone who can drop the trigger can also rewrite history, which is what the
-- signed checkpoints are for.
create function audit_chain_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_chain is append-only: % is not allowed', tg_op;
end;
$$;

create trigger audit_chain_no_update_or_delete
    before update or delete on audit_chain
    for each row execute function audit_chain_append_only();

create trigger audit_chain_no_truncate
    before truncate on audit_chain
    for each statement execute function audit_chain_append_only();
