# Shared by bench/run.sh and bench/faults.sh (sourced): settings, database, server.
# Expects: db (sqlite|postgres), factor, port, work (a temporary folder), BIN.

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
  echo "bench: the PostgreSQL run goes through scripts/with-postgres (DATABASE_URL)" >&2
  exit 2
fi

server=""

prepare_database() {
  if [[ $db == postgres ]]; then
    # scripts/with-postgres starts an empty cluster: make the database DATABASE_URL names
    createdb "${DATABASE_URL##*/}" 2>/dev/null || true
  fi
  $BIN/python manage.py migrate --noinput -v 0
  $BIN/python manage.py seed_scale --factor "$factor" --if-empty
  $BIN/python manage.py collectstatic --noinput -v 0
}

start_server() {
  $BIN/gunicorn -c python:abhnetz.gunicorn_conf abhnetz.wsgi >>"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 60); do
    if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  cat "$work/server.log" >&2
  return 1
}

stop_server() {
  if [[ -n $server ]]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=""
  fi
}
