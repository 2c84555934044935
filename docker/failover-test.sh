#!/usr/bin/env bash
# Database failover under load (SPEC 14; docs/DESIGN.md, "Several nodes"). Starts, on loopback ports
# and in data directories of its own under /tmp:
#   - a PostgreSQL 15 primary with synchronous replication to
#   - a streaming standby made with pg_basebackup,
#   - the ledger (the jar given, or the one in provenance-api/target) with a JDBC URL naming both,
#     targetServerType=primary;
# then writes with 4 clients, crashes the primary (pg_ctl stop -m immediate), promotes the standby
# (pg_ctl promote) and keeps writing. It checks:
#   1. every acknowledged (201) write is in the promoted database (synchronous replication: none lost);
#   2. no answer was a 5xx other than 503, and every 503 was problem+json with Retry-After;
#   3. the same ledger process took writes again after the promotion, without a restart;
#   4. every write not acknowledged answers 201 when sent again (idempotent retry);
#   5. /api/audit/verify is intact over every event.
# Usage: docker/failover-test.sh [ledger.jar]      (PG_BIN overrides /usr/lib/postgresql/15/bin)
# Exit status 0 when every check passed. Build the jar first:
#   ./mvnw -B -q -pl provenance-api -am package -DskipTests
set -euo pipefail

BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${1:-$ROOT/provenance-api/target/provenance-api.jar}
[ -f "$JAR" ] || { echo "no ledger jar (build it: ./mvnw -B -q -pl provenance-api -am package -DskipTests)" >&2; exit 2; }
LOAD_BEFORE=${LOAD_BEFORE:-6}
DOWN_SECONDS=${DOWN_SECONDS:-4}
LOAD_AFTER=${LOAD_AFTER:-12}
CLIENTS=4

WORK=$(mktemp -d /tmp/ledger-failover.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
P1=$(free_port); P2=$(free_port); HTTP=$(free_port)
# PostgreSQL refuses to run as root
if [ "$(id -u)" = 0 ]; then chown postgres "$WORK"; AS_PG=(runuser -u postgres --); else AS_PG=(); fi
pg() { "${AS_PG[@]}" "$@"; }
LEDGER_PID=
cleanup() {
  [ -n "$LEDGER_PID" ] && kill "$LEDGER_PID" 2>/dev/null || true
  pg "$BIN/pg_ctl" -D "$WORK/primary" stop -m immediate >/dev/null 2>&1 || true
  pg "$BIN/pg_ctl" -D "$WORK/standby" stop -m immediate >/dev/null 2>&1 || true
}
trap cleanup EXIT
log() { echo "[failover $(date -u +%T)] $*"; }

log "work directory $WORK; primary :$P1, standby :$P2, ledger :$HTTP"
pg "$BIN/initdb" -D "$WORK/primary" -U postgres --auth=trust >/dev/null
cat >> "$WORK/primary/postgresql.conf" <<EOF
port = $P1
listen_addresses = '127.0.0.1'
unix_socket_directories = '$WORK'
wal_level = replica
max_wal_senders = 4
synchronous_commit = on
EOF
pg "$BIN/pg_ctl" -D "$WORK/primary" -l "$WORK/primary.log" -w start >/dev/null
pg "$BIN/psql" -h 127.0.0.1 -p "$P1" -U postgres -qc 'create database ledger'
pg "$BIN/pg_basebackup" -h 127.0.0.1 -p "$P1" -U postgres -D "$WORK/standby" -X stream -R -c fast
cat >> "$WORK/standby/postgresql.auto.conf" <<EOF
port = $P2
primary_conninfo = 'host=127.0.0.1 port=$P1 user=postgres application_name=standby'
EOF
pg "$BIN/pg_ctl" -D "$WORK/standby" -l "$WORK/standby.log" -w start >/dev/null
# synchronous only now that the standby exists (before, every commit would wait for it)
pg "$BIN/psql" -h 127.0.0.1 -p "$P1" -U postgres -qc "alter system set synchronous_standby_names = 'standby'" \
  -c 'select pg_reload_conf()' >/dev/null
for _ in $(seq 60); do
  state=$(pg "$BIN/psql" -h 127.0.0.1 -p "$P1" -U postgres -Atc "select sync_state from pg_stat_replication where application_name = 'standby'")
  [ "$state" = sync ] && break
  sleep 0.5
done
[ "$state" = sync ] || { echo "the standby did not become synchronous" >&2; exit 1; }
log "standby streaming, synchronous"

java -Xmx512m -jar "$JAR" --server.port="$HTTP" \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:$P1,127.0.0.1:$P2/ledger?targetServerType=primary" \
  --spring.datasource.username=postgres --spring.datasource.password= \
  --ledger.audit.key-dir="$WORK/keys" --ledger.audit.gap-grace=5s \
  --ledger.security.local-users.ft.password='{noop}ft-secret' \
  --ledger.security.local-users.ft.roles=ADMIN,OPERATOR,COMPLIANCE,AUDITOR \
  --ledger.security.local-users.ft.facilities='*' > "$WORK/ledger.log" 2>&1 &
LEDGER_PID=$!
for _ in $(seq 180); do
  curl -sf "http://127.0.0.1:$HTTP/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$LEDGER_PID" || { tail -40 "$WORK/ledger.log"; exit 1; }
  sleep 1
done
log "ledger up (pid $LEDGER_PID)"

api() { # method path [body] -> prints "status content-type retry-after"
  local hdr="$WORK/hdr.$BASHPID" out
  out=$(curl -s -o "$WORK/body.$BASHPID" -D "$hdr" -w '%{http_code} %{content_type}' --max-time 60 -u ft:ft-secret \
        -H 'Content-Type: application/json' -X "$1" ${3:+-d "$3"} "http://127.0.0.1:$HTTP$2" || true)
  echo "$out $(grep -i '^retry-after:' "$hdr" 2>/dev/null | tr -d '\r' | awk '{print $2}')"
}
for c in $(seq 0 $((CLIENTS - 1))); do
  api POST /api/facilities "{\"id\":\"FO-MINE-$c\",\"name\":\"Failover mine\",\"kind\":\"MINE\",\"country\":\"AU\"}" | grep -q '^201' \
    || { echo "could not create the mines" >&2; exit 1; }
done

client() {
  local c=$1 n=0 answer
  while [ ! -f "$WORK/stop" ]; do
    local id="FO-C$c-L$n" body
    body="{\"lotId\":\"FO-C$c-L$n\",\"mineId\":\"FO-MINE-$c\",\"mineral\":\"REE\",\"form\":\"ore\",\"massKg\":$((n % 90 + 1))}"
    answer=$(api POST /api/lots/extractions "$body")
    echo "$(date +%s.%N) $id $answer" >> "$WORK/answers"
    echo "$id $body" >> "$WORK/sent"
    case "$answer" in 503*) sleep 0.5 ;; 2*) ;; *) sleep 0.2 ;; esac
    n=$((n + 1))
  done
}
for c in $(seq 0 $((CLIENTS - 1))); do client "$c" & done
sleep "$LOAD_BEFORE"
log "crashing the primary (pg_ctl stop -m immediate)"
pg "$BIN/pg_ctl" -D "$WORK/primary" stop -m immediate >/dev/null
DOWN_AT=$(date +%s.%N)
sleep "$DOWN_SECONDS"
log "promoting the standby"
pg "$BIN/pg_ctl" -D "$WORK/standby" -w promote >/dev/null
PROMOTED_AT=$(date +%s.%N)
sleep "$LOAD_AFTER"
touch "$WORK/stop"
wait $(jobs -p | grep -v "^$LEDGER_PID$") 2>/dev/null || true
log "load stopped"

fail=0
check() { if [ "$1" = ok ]; then log "PASS: $2"; else log "FAIL: $2"; fail=1; fi; }
total=$(wc -l < "$WORK/answers")
acked=$(awk '$3 == 201' "$WORK/answers" | wc -l)
stored=$(pg "$BIN/psql" -h 127.0.0.1 -p "$P2" -U postgres -d ledger -Atc \
  "select convert_from(payload, 'UTF8')::jsonb ->> 'lotId' from domain_event_entry where payload_type like '%.LotExtracted'" | sort)
lost=$(awk '$3 == 201 {print $2}' "$WORK/answers" | sort | comm -23 - <(echo "$stored") | wc -l)
check "$([ "$lost" = 0 ] && echo ok)" "1. acknowledged writes in the promoted database: $((acked - lost))/$acked ($total answers)"
bad=$(awk '$3 != 201 && $3 != 503' "$WORK/answers" | wc -l)
bad503=$(awk '$3 == 503 && ($4 !~ /problem\+json/ || $5 == "")' "$WORK/answers" | wc -l)
n503=$(awk '$3 == 503' "$WORK/answers" | wc -l)
check "$([ "$bad" = 0 ] && [ "$bad503" = 0 ] && [ "$n503" -gt 0 ] && echo ok)" \
  "2. answers other than 201/503: $bad; 503s: $n503, of which without problem+json or Retry-After: $bad503"
[ "$bad" = 0 ] || awk '$3 != 201 && $3 != 503' "$WORK/answers" | head -5
after=$(awk -v t="$PROMOTED_AT" '$1 > t && $3 == 201' "$WORK/answers" | wc -l)
first=$(awk -v t="$DOWN_AT" '$1 > t && $3 == 201 {print $1; exit}' "$WORK/answers")
check "$([ "$after" -gt 0 ] && kill -0 "$LEDGER_PID" && echo ok)" \
  "3. writes acknowledged after the promotion by the same process (pid $LEDGER_PID): $after; first $(awk -v a="$first" -v b="$PROMOTED_AT" 'BEGIN {printf "%.1f", a - b}') s after the promotion"
retried=0; refused=0
while read -r id; do
  body=$(grep -m1 "^$id " "$WORK/sent" | cut -d' ' -f2-)
  answer=$(api POST /api/lots/extractions "$body")
  retried=$((retried + 1)); case "$answer" in 201*) ;; *) refused=$((refused + 1)); echo "  retry $id: $answer" ;; esac
done < <(awk '$3 != 201 {print $2}' "$WORK/answers")
check "$([ "$refused" = 0 ] && echo ok)" "4. unacknowledged writes retried: $retried, not answered 201: $refused"
events=$(pg "$BIN/psql" -h 127.0.0.1 -p "$P2" -U postgres -d ledger -Atc "select count(*) from domain_event_entry")
head=$(pg "$BIN/psql" -h 127.0.0.1 -p "$P2" -U postgres -d ledger -Atc "select max(global_index) from domain_event_entry")
verify=""
for _ in $(seq 90); do
  verify=$(curl -s --max-time 60 -u ft:ft-secret "http://127.0.0.1:$HTTP/api/audit/verify" || true)
  python3 -c "import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if d.get('headPosition',0) >= $head else 1)" "$verify" 2>/dev/null && break
  sleep 1
done
intact=$(python3 -c "import json,sys; d=json.loads(sys.argv[1]); print('ok' if d.get('intact') and d.get('checkedEvents') == $events else '')" "$verify" 2>/dev/null || true)
check "$intact" "5. audit verify over $events events: $(echo "$verify" | head -c 200)"
errors=$(grep -c ' ERROR ' "$WORK/ledger.log" || true)
log "ledger log: $errors ERROR lines ($WORK/ledger.log)"
[ "$fail" = 0 ] && log "all checks passed" || log "SOME CHECKS FAILED"
exit "$fail"
