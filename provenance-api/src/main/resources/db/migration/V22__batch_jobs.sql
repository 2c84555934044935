-- Batch jobs (POST /api/batch-jobs): a large NDJSON import kept in the database with its answers, so
-- that the client need not hold a connection open for the whole import, and a job interrupted by a
-- restart resumes where it stopped (every line is idempotent, so a line applied again changes nothing).
create table batch_job (
    id            varchar(64)  not null,
    submitter     varchar(200) not null,
    -- the submitter's roles and facilities when it submitted: the job runs with them, after a restart too
    authorities   text         not null,
    lines         integer      not null,
    processed     integer      not null default 0,
    succeeded     integer      not null default 0,
    failed        integer      not null default 0,
    submitted_at  timestamptz  not null,
    finished_at   timestamptz,
    constraint batch_job_pk primary key (id)
);
create index batch_job_by_submitter on batch_job (submitter, submitted_at desc);
create index batch_job_unfinished on batch_job (submitted_at) where finished_at is null;

-- One row per non-blank line: the line's bytes as sent (null for a line longer than a body may be;
-- bytes, not text, because a line is judged only when applied, and text columns cannot hold what
-- strict input refuses, such as NUL), and once applied its status and answer (NDJSON text as the
-- synchronous batch answers it).
create table batch_job_line (
    job_id   varchar(64) not null references batch_job (id) on delete cascade,
    line     integer     not null,
    request  bytea,
    status   smallint,
    answer   text,
    constraint batch_job_line_pk primary key (job_id, line)
);
