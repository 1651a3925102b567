#!/usr/bin/env bash
# Load with writes and the fault scenarios of issue #15, each printing what it observed:
#
#   scripts/with-postgres bench/faults.sh all            # every scenario on PostgreSQL
#   bench/faults.sh load elasticsearch                   # on SQLite (no restart scenario)
#
#   load            mixed reads and writes at c=16 for LOAD_SECONDS (default 600), then
#                   every acknowledged write counted in the database (bench/load_check.py)
#   postgres        PostgreSQL restarted during a load run: what the clients saw, second
#                   by second (the German 503 page, never a traceback), and the recovery
#   worker          the task worker killed (SIGKILL) while it sends 200 e-mails, then
#                   restarted: how many arrived, how many twice, how many never
#   elasticsearch   ELASTICSEARCH_URL pointing at a dead port: search still answers, from
#                   the database, with its notice
set -euo pipefail
cd "$(dirname "$0")/.."
db=sqlite
[[ ${DATABASE_URL:-} == postgres* ]] && db=postgres
factor=${BENCH_FACTOR:-0.05}
port=${BENCH_PORT:-8767}
BIN=.venv/bin
work=$(mktemp -d /tmp/abhnetz-faults.XXXXXX)
# shellcheck source=bench/common.sh
source bench/common.sh
trap 'stop_server; [[ -n ${worker:-} ]] && kill -9 "$worker" 2>/dev/null; rm -rf "$work"' EXIT

scenarios=("$@")
[[ ${scenarios[0]:-all} == all ]] && scenarios=(load postgres worker elasticsearch)
prepare_database
$BIN/python -m bench.pages "$work/plan.json" >/dev/null

load() {  # load SECONDS CONCURRENCY WRITES OUT [PLAN]
  $BIN/python -m bench.load --base "http://127.0.0.1:$port" --plan "${5:-$work/plan.json}" \
    --seconds "$1" --concurrency "$2" --writes "$3" --out "$4"
}

scenario_load() {
  echo "== load with writes: ${LOAD_SECONDS:-600} s at c=16, $db, factor $factor"
  start_server
  load "${LOAD_SECONDS:-600}" 16 0.15 "$work/load.json"
  stop_server
  $BIN/python -m bench.load_check "$work/load.json" || true
}

scenario_postgres() {
  if [[ $db != postgres ]]; then echo "== postgres: skipped (not on PostgreSQL)"; return; fi
  local seconds=${FAULT_SECONDS:-40} bindir
  bindir=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -1)")
  local as_owner=()
  [[ $(id -u) -eq 0 ]] && as_owner=(runuser -u postgres --)
  echo "== postgres restart during a ${seconds} s load run (c=8), restart at second 10"
  start_server
  load "$seconds" 8 0.1 "$work/restart.json" &
  local loader=$!
  sleep 10
  local before after
  before=$(date +%s.%N)
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$PGHOST/data" -m fast -w restart -l "$PGHOST/postgres.log" >/dev/null
  after=$(date +%s.%N)
  printf "   restart window: %.1f s (pg_ctl restart -m fast)\n" "$(echo "$after - $before" | bc)"
  wait "$loader"
  $BIN/python - "$work/restart.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("   second: answers (kind:status)")
for second, bucket in r["timeline"].items():
    if any(not k.endswith(":200") and not k.endswith(":302") for k in bucket) or int(second) % 5 == 0:
        print(f"   {int(second):>4}: {bucket}")
print(f"   totals: {r['totals']}")
print(f"   tracebacks shown to clients: {r['tracebacks_shown']}")
PY
  curl -fsS "http://127.0.0.1:$port/healthz"; echo "   (healthz after the run, server not restarted)"
  stop_server
  $BIN/python -m bench.load_check "$work/restart.json" || true
}

scenario_worker() {
  echo "== task worker killed while it delivers 200 e-mails"
  $BIN/python manage.py shell -v 0 -c '
from django_tasks_db.models import DBTaskResult
from abhnetz.core.tasks import send_email
DBTaskResult.objects.all().delete()
for n in range(200):
    send_email.enqueue(subject=f"Zustellprobe {n}", body="x", to=["probe@example.org"])
'
  $BIN/python manage.py db_worker >"$work/worker1.log" 2>&1 &
  worker=$!
  # kill it in the middle of the queue: once a few dozen mails are out
  for _ in $(seq 1 120); do
    (( $(grep -c '^Subject: Zustellprobe' "$work/worker1.log" || true) >= 30 )) && break
    sleep 0.5
  done
  kill -9 "$worker"; wait "$worker" 2>/dev/null || true
  echo "   killed (SIGKILL) with $(grep -c '^Subject: Zustellprobe' "$work/worker1.log" || true) e-mails out"
  $BIN/python manage.py db_worker >"$work/worker2.log" 2>&1 &
  worker=$!
  for _ in $(seq 1 120); do
    left=$($BIN/python manage.py shell -v 0 -c 'from django_tasks_db.models import DBTaskResult; print(DBTaskResult.objects.ready().count())')
    [[ $left == 0 ]] && break
    sleep 1
  done
  sleep 2
  kill "$worker"; wait "$worker" 2>/dev/null || true
  worker=""
  cat "$work/worker1.log" "$work/worker2.log" | grep '^Subject: Zustellprobe' | sort | uniq -c |
    awk '{n++; if ($1 > 1) d++} END {printf "   delivered: %d of 200 distinct, %d twice or more\n", n, d}'
  $BIN/python manage.py shell -v 0 -c '
from django_tasks_db.models import DBTaskResult
from django.db.models import Count
print("   task states afterwards:", dict(DBTaskResult.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n")))
'
}

scenario_elasticsearch() {
  echo "== ELASTICSEARCH_URL at a dead port (127.0.0.1:9): 15 s of searches at c=4"
  ELASTICSEARCH_URL=http://127.0.0.1:9 start_server
  $BIN/python - "$work/plan.json" "$work/search-plan.json" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
plan["pages"] = [p for p in plan["pages"] if p["path"].startswith("/suche/")]
json.dump(plan, open(sys.argv[2], "w"))
PY
  load 15 4 0 "$work/es.json" "$work/search-plan.json"
  local session
  session=$($BIN/python -c 'import json,sys; print(json.load(open(sys.argv[1]))["sessions"]["office"])' "$work/plan.json")
  curl -fsS -b "sessionid=$session" "http://127.0.0.1:$port/suche/?q=Antrag" >"$work/es.html"
  echo "   notice on the page: $(grep -c 'data-testid="search-notice"' "$work/es.html") ($(grep -o 'Der Suchdienst[^<]*' "$work/es.html" | head -1))"
  echo "   results list shown: $(grep -c 'data-testid="search-results"' "$work/es.html" || true)"
  stop_server
}

for scenario in "${scenarios[@]}"; do
  "scenario_$scenario"
done
