-- The ledger nodes sharing this database (SPEC 14, docs/DESIGN.md "Several nodes"). Each node
-- refreshes its row every few seconds; the rows seen recently are the live nodes, among which the
-- pooled projection segments are shared out. A node that dies leaves a stale row, which is ignored
-- once older than the token claim timeout and deleted by the next node that starts.
create table ledger_node (
    node_id    varchar(255) not null,
    started_at timestamptz  not null,
    last_seen  timestamptz  not null,
    constraint ledger_node_pk primary key (node_id)
);
