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

# shellcheck source=bench/common.sh
source bench/common.sh
trap 'stop_server; rm -rf "$work"' EXIT

prepare_database
$BIN/python -m bench.index_speed "$work/index.json" "${BENCH_INDEX_DOCUMENTS:-3000}"

start_server

$BIN/python -m bench.pages "$work/plan.json"
mkdir -p bench/results
out=bench/results/$(date +%Y-%m-%d)-$db.json
[[ -n ${BENCH_SUFFIX:-} ]] && out=bench/results/$(date +%Y-%m-%d)-$db-$BENCH_SUFFIX.json
meta=$(printf '{"database": "%s", "factor": %s, "server": "gunicorn gthread %s workers x %s threads"}' \
  "$db" "$factor" "${WEB_WORKERS:-$(nproc)}" "${WEB_THREADS:-4}")
$BIN/python -m bench.drive --base "http://127.0.0.1:$port" --plan "$work/plan.json" \
  --out "$out" --label "$db, factor $factor" --seconds "$seconds" --concurrency "$concurrency" \
  --meta "$meta" --index "$work/index.json"
