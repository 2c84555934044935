-- EPCIS 2.0 named queries and their subscriptions (SPEC 11), flag webhooks, and the one outbox
-- both deliver through (docs/DESIGN.md, "EPCIS queries, subscriptions and webhooks").

create table epcis_query (
    query_name  text        primary key,
    query       jsonb       not null,   -- the EPCISEventsQuery as sent (query-schema.json), validated on creation
    created_by  text        not null,
    created_at  timestamptz not null
);

create table epcis_subscription (
    subscription_id     text        primary key,
    query_name          text        not null references epcis_query (query_name) on delete cascade,
    dest                text        not null,
    signature_token     text,                  -- never shown again; the HMAC key of GS1-Signature
    stream              boolean     not null,
    report_if_empty     boolean     not null,
    initial_record_time timestamptz,
    created_by          text        not null,
    created_at          timestamptz not null,
    last_notified_at    timestamptz            -- the last delivery the receiver answered 2xx
);
create index epcis_subscription_query on epcis_subscription (query_name);

create table flag_webhook (
    webhook_id  text        primary key,
    url         text        not null,
    secret      text        not null,
    created_by  text        not null,
    created_at  timestamptz not null,
    last_notified_at timestamptz
);

-- What is still to be POSTed, and what was. A row is written in the transaction that decides the
-- notification, so a restart loses nothing queued; the dispatcher claims due rows with
-- FOR UPDATE SKIP LOCKED, posts them outside any transaction, and records the outcome.
create table webhook_delivery (
    delivery_id     bigserial   primary key,
    target_kind     text        not null,   -- EPCIS_SUBSCRIPTION or FLAG_WEBHOOK
    target_id       text        not null,   -- subscription_id or webhook_id
    body            text        not null,   -- exactly the bytes signed and sent (UTF-8)
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    delivered_at    timestamptz,
    failed_at       timestamptz,            -- given up after the last retry
    last_error      text,
    created_at      timestamptz not null
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at)
    where delivered_at is null and failed_at is null;
create index webhook_delivery_target on webhook_delivery (target_kind, target_id);

-- Flags are computed by the flag projection, not recorded as events. Each flag id is deterministic
-- (subject id and type) and the projection inserts a flag row once, so a trigger on that insert,
-- in the projection's own transaction, queues it here. A replay deletes and re-inserts the flag
-- rows with the same ids: the primary key makes those inserts queue nothing, so no old flag is sent
-- again. The flags present when this migration runs are marked as already dispatched.
create table flag_raised (
    flag_id     varchar(300) primary key,
    queued_at   timestamptz  not null default now(),
    dispatched  boolean      not null default false
);
create index flag_raised_pending on flag_raised (queued_at) where not dispatched;

insert into flag_raised (flag_id, dispatched) select flag_id, true from flag;

create function flag_raised_queue() returns trigger language plpgsql as $$
begin
    -- Qualified: a shadow rebuild (docs/DESIGN.md) copies this trigger onto its copy of flag, whose
    -- connections search the shadow schema only; the queue stays the one in public.
    insert into public.flag_raised (flag_id) values (new.flag_id) on conflict (flag_id) do nothing;
    return null;
end $$;

create trigger flag_raised_queue after insert on flag
    for each row execute function flag_raised_queue();
