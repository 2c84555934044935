#!/usr/bin/env bash
# Peak heap of the ledger while one POST /api/batches of N lines streams through (issue 13).
# Usage: provenance-bench/batch-heap.sh [LINES] [XMX]   (defaults: 1000000 lines, 256m heap); KEEP=1 keeps
# the work directory (batch, GC log, ledger log) under /tmp/batch-heap.*
# Needs: the built jar (./mvnw -B -q -DskipTests package), a PostgreSQL reachable as
# $PGURL (default jdbc:postgresql://127.0.0.1:5432/postgres) by $PGUSER (default postgres), psql, curl.
# The ledger runs with a fixed maximum heap and a GC log; the peak is the largest heap occupancy
# before any collection. A batch that held its lines or answers in memory would fail with
# OutOfMemoryError at a fixed -Xmx long before a million lines; a flat one reports about the same
# peak at 50,000 lines as at 1,000,000.
set -euo pipefail
LINES=${1:-1000000}
XMX=${2:-256m}
PGURL=${PGURL:-jdbc:postgresql://127.0.0.1:5432/postgres}
PGUSER=${PGUSER:-postgres}
PORT=${PORT:-18093}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/batch-heap.XXXXXX)
DB=batch_heap_$$
HOSTPORT=${PGURL#jdbc:postgresql://}; HOSTPORT=${HOSTPORT%%/*}
psql -h "${HOSTPORT%%:*}" -p "${HOSTPORT##*:}" -U "$PGUSER" -d postgres -qc "create database $DB"
cleanup() {
  [ -n "${LEDGER:-}" ] && kill "$LEDGER" 2>/dev/null && wait "$LEDGER" 2>/dev/null || true
  psql -h "${HOSTPORT%%:*}" -p "${HOSTPORT##*:}" -U "$PGUSER" -d postgres -qc "drop database if exists $DB" || true
  [ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT

# one mine, then extractions of distinct lots at it: every line is a write
{
  echo '{"type":"facility","id":"HEAP-MINE","name":"Heap mine","kind":"MINE","country":"AU"}'
  awk -v n="$LINES" 'BEGIN { for (i = 1; i < n; i++)
    printf "{\"type\":\"extraction\",\"lotId\":\"HEAP-%d\",\"mineId\":\"HEAP-MINE\",\"mineral\":\"REE\",\"form\":\"ore\",\"massKg\":1}\n", i }'
} > "$WORK/batch.ndjson"

java -Xmx"$XMX" -Xlog:gc:file="$WORK/gc.log" -jar "$ROOT/provenance-api/target/provenance-api.jar" \
  --server.port="$PORT" --spring.datasource.url="${PGURL%/*}/$DB" --spring.datasource.username="$PGUSER" \
  --ledger.security.local-users.heap.password='{noop}heap-secret' \
  --ledger.security.local-users.heap.roles=ADMIN,OPERATOR,COMPLIANCE,AUDITOR \
  --ledger.security.local-users.heap.facilities='*' \
  --ledger.audit.key-dir="$WORK/keys" > "$WORK/ledger.log" 2>&1 &
LEDGER=$!
for _ in $(seq 1 120); do
  curl -sf "localhost:$PORT/actuator/health" > /dev/null && break
  sleep 1
done
start=$(date +%s)
curl -sS -u heap:heap-secret -H 'Content-Type: application/x-ndjson' --data-binary @"$WORK/batch.ndjson" \
  "localhost:$PORT/api/batches" | tail -1
end=$(date +%s)
# "GC(7) Pause Young (Normal) (G1 Evacuation Pause) 154M->23M(256M) 3.1ms": the value before "->"
peak=$(grep -o '[0-9]*M->' "$WORK/gc.log" | sed 's/M->//' | sort -n | tail -1)
echo "lines=$LINES xmx=$XMX seconds=$((end - start)) peak_heap_before_gc_mb=${peak:-unknown}"
grep -q OutOfMemoryError "$WORK/ledger.log" && { echo "OutOfMemoryError"; exit 1; } || true
