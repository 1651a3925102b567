#!/usr/bin/env bash
# The HTTP benchmark against one database (make bench runs it for SQLite and PostgreSQL):
#
#   bench/run.sh sqlite
#   scripts/with-postgres bench/run.sh postgres
#
# Production settings, gunicorn (abhnetz.gunicorn_conf: 2 workers x 4 threads on 2 cores),
# the scale network of BENCH_FACTOR (default 0.05; 1 is the full network of issue #15),
# driven over HTTP by bench/drive.py from a separate process. Writes
# bench/results/<date>-<db>.json and prints a Markdown table. A benchmark, never a test:
# slow pages do not fail it, only a server that does not start does.
set -euo pipefail
cd "$(dirname "$0")/.."

db=${1:?usage: bench/run.sh sqlite|postgres}
factor=${BENCH_FACTOR:-0.05}
port=${BENCH_PORT:-8765}
seconds=${BENCH_SECONDS:-3}
concurrency=${BENCH_CONCURRENCY:-1,8,32}
BIN=.venv/bin
work=$(mktemp -d /tmp/abhnetz-bench.XXXXXX)

export DJANGO_SETTINGS_MODULE=abhnetz.settings.production
export SECRET_KEY=${SECRET_KEY:-bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz}
export SECURE_SSL_REDIRECT=0 ALLOWED_HOSTS=127.0.0.1,localhost ABHNETZ_BENCH=1
export LOG_LEVEL=${LOG_LEVEL:-WARNING} WEB_ACCESS_LOG=${WEB_ACCESS_LOG:-$work/access.log}
export WEB_BIND=127.0.0.1:$port
if [[ $db == sqlite ]]; then
  # kept between runs: building the network is the slow part
  mkdir -p .stamps
  export DATABASE_URL=sqlite:///$PWD/.stamps/bench-$factor.sqlite3
elif [[ -z ${DATABASE_URL:-} ]]; then
  echo "bench/run.sh postgres: run it through scripts/with-postgres (DATABASE_URL)" >&2
  exit 2
fi

server=""
cleanup() {
  if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

$BIN/python manage.py migrate --noinput -v 0
$BIN/python manage.py seed_scale --factor "$factor" --if-empty
$BIN/python manage.py collectstatic --noinput -v 0
$BIN/python -m bench.index_speed "$work/index.json" "${BENCH_INDEX_DOCUMENTS:-3000}"

$BIN/gunicorn -c python:abhnetz.gunicorn_conf abhnetz.wsgi >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$work/server.log"; exit 1; }

$BIN/python -m bench.pages "$work/plan.json"
mkdir -p bench/results
out=bench/results/$(date +%Y-%m-%d)-$db.json
meta=$(printf '{"database": "%s", "factor": %s, "server": "gunicorn gthread %s workers x %s threads"}' \
  "$db" "$factor" "${WEB_WORKERS:-$(nproc)}" "${WEB_THREADS:-4}")
$BIN/python -m bench.drive --base "http://127.0.0.1:$port" --plan "$work/plan.json" \
  --out "$out" --label "$db, factor $factor" --seconds "$seconds" --concurrency "$concurrency" \
  --meta "$meta" --index "$work/index.json"
