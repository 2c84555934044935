-- A rebuild without downtime (docs/DESIGN.md, "Rebuilding without downtime") builds the read models
-- into ledger_shadow while the ones in public keep answering, then moves the tables in one short
-- transaction: public's to ledger_retired (dropped there), ledger_shadow's to public. The shadow
-- tables are made at each rebuild's start as copies of public's (create table ... (like ... including
-- all), indexes renamed to public's names), so the tables in public always have the DDL of these
-- migrations. Both schemas are empty between rebuilds.
create schema if not exists ledger_shadow;
create schema if not exists ledger_retired;
