-- The lists of SPEC 6 (GET /api/facilities, /api/lots, /api/transfers): id-prefix search
-- (q) needs pattern-ordered indexes under a non-C collation; transfers are listed per facility,
-- newest first; flagged=true looks for open purchase flags per lot.
create index if not exists facility_view_id_prefix_ix on facility_view (facility_id text_pattern_ops);
create index if not exists lot_view_id_prefix_ix on lot_view (lot_id text_pattern_ops);
create index if not exists lot_view_mineral_ix on lot_view (mineral);
create index if not exists transfer_view_from_ix on transfer_view (from_facility_id, occurred_at desc);
create index if not exists transfer_view_to_ix on transfer_view (to_facility_id, occurred_at desc);
create index if not exists transfer_view_occurred_ix on transfer_view (occurred_at desc, transfer_id);
create index if not exists flag_open_purchase_lot_ix on flag (lot_id) where status = 'OPEN' and subject_kind = 'TRANSFER';
