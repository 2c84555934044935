-- Read models that no stored event can stop, and flags that keep every review.
--
-- 1. No length or fixed-width limits in the read models: the domain validates what it accepts,
--    and a read model that refuses what the ledger accepted stops its projection for good. Text
--    PostgreSQL cannot hold at all (U+0000) is escaped by the projections (StoredText).
-- 2. flag_review keeps every review of a flag (SPEC 4, SPEC 6 "reviews"); the flag keeps its status.
-- 3. Flag evidence now names the owner's country beside the location's, and reviews can only be
--    filled from the events: the 'ledger' read models are emptied and its token removed, so the
--    processor rebuilds them from the first event on start-up. Reads answer 503 until it has
--    caught up (ProjectionBarrier), never an empty list.

truncate facility_view, lot_view, transformation_view, transformation_input, transformation_output, transfer_view,
         bloc_view, bloc_membership, price_floor, lot_composition, flag;
-- The benchmark's stock Axon app runs these migrations before Hibernate creates Axon's tables.
do $$
begin
    if to_regclass('token_entry') is not null then
        delete from token_entry where processor_name = 'ledger';
    end if;
end
$$;

alter table facility_view
    alter column facility_id type text,
    alter column name type text,
    alter column kind type text,
    alter column country type text,
    alter column owner_country type text;

alter table lot_view
    alter column lot_id type text,
    alter column mineral type text,
    alter column form type text,
    alter column custodian_id type text,
    alter column created_by type text,
    alter column source_id type text,
    alter column declared_origin type text;

alter table transformation_view
    alter column transformation_id type text,
    alter column facility_id type text,
    alter column stage type text;

alter table transformation_input
    alter column transformation_id type text,
    alter column lot_id type text;

alter table transformation_output
    alter column transformation_id type text,
    alter column lot_id type text;

alter table transfer_view
    alter column transfer_id type text,
    alter column lot_id type text,
    alter column from_facility_id type text,
    alter column to_facility_id type text,
    alter column price_currency type text;

alter table bloc_view
    alter column bloc_id type text,
    alter column name type text;

alter table bloc_membership
    alter column bloc_id type text,
    alter column country type text;

alter table price_floor
    alter column bloc_id type text,
    alter column mineral type text,
    alter column form type text,
    alter column currency type text;

alter table lot_composition
    alter column lot_id type text;

alter table flag
    alter column flag_id type text,
    alter column type type text,
    alter column subject_kind type text,
    alter column subject_id type text,
    alter column lot_id type text,
    alter column from_facility_id type text,
    alter column to_facility_id type text,
    alter column status type text,
    drop column review_decision,
    drop column review_note,
    drop column reviewer,
    drop column reviewed_at;

-- sequence: the review event's sequence number in the flag's stream, which orders the reviews and
-- makes a retried batch or a replay write the same rows.
create table flag_review (
    flag_id     text        not null,
    sequence    bigint      not null,
    decision    text        not null,
    note        text,
    principal   text,
    recorded_at timestamptz not null,
    constraint flag_review_pk primary key (flag_id, sequence)
);
