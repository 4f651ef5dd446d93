#!/usr/bin/env bash
# A throwaway PostgreSQL for tests (loopback, free port, its own data dir, removed on stop).
#
#   deploy/pg-for-tests.sh run -- CMD ARGS...   start, export KNOWLEDGE_TEST_PG_URL, run CMD, stop;
#                                               exits with CMD's status (what `make test` uses)
#   deploy/pg-for-tests.sh start                start (idempotent) and print KNOWLEDGE_TEST_PG_URL=...
#   deploy/pg-for-tests.sh restart              restart it (fast shutdown), same port and data
#   deploy/pg-for-tests.sh stop                 stop and delete it
#
# The database `knowledge_test` belongs to role `tester`; tests may drop and recreate tables freely.
# State lives in $PG_TESTS_DIR (default .data/pg-tests). Installs PostgreSQL when missing.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${PG_TESTS_DIR:-$REPO/.data/pg-tests}"
HOST=127.0.0.1

die() { echo "pg-for-tests: error: $*" >&2; exit 1; }

pg_bin() {
  local bin; bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [ -n "$bin" ] || die "PostgreSQL server binaries not found (scripts/install-system-deps.sh servers)"
  echo "$bin"
}

running() { [ -f "$STATE/data/postmaster.pid" ] && kill -0 "$(head -1 "$STATE/data/postmaster.pid")" 2>/dev/null; }

url() { echo "postgresql://tester:$(cat "$STATE/password")@$HOST:$(cat "$STATE/port")/knowledge_test"; }

start() {
  if running; then echo "KNOWLEDGE_TEST_PG_URL=$(url)"; return 0; fi
  "$REPO/scripts/install-system-deps.sh" servers >&2 || die "could not install PostgreSQL"
  local bin; bin="$(pg_bin)"
  [ "$(id -u)" -eq 0 ] && runner=(runuser -u postgres --) || runner=()
  rm -rf "$STATE"; mkdir -p "$STATE"; chmod 755 "$STATE" "$REPO/.data" 2>/dev/null || true
  openssl rand -hex 12 >"$STATE/password"
  "$REPO/.venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' >"$STATE/port" \
    2>/dev/null || python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' >"$STATE/port"
  mkdir -p "$STATE/data"; chmod 700 "$STATE/data"
  (umask 077; echo "$(cat "$STATE/password")" >"$STATE/pwfile")
  if [ "${#runner[@]}" -gt 0 ]; then chown -R postgres:postgres "$STATE/data" "$STATE/pwfile"; touch "$STATE/log"; chown postgres "$STATE/log"; fi
  "${runner[@]}" "$bin/initdb" -D "$STATE/data" -U tester --pwfile="$STATE/pwfile" --auth-host=scram-sha-256 \
    --auth-local=reject -E UTF8 --locale=C.UTF-8 >"$STATE/initdb.log" 2>&1 || { tail -20 "$STATE/initdb.log" >&2; die "initdb failed"; }
  rm -f "$STATE/pwfile"
  # throwaway data: durability off, quick
  "${runner[@]}" "$bin/pg_ctl" -D "$STATE/data" -l "$STATE/log" -w -t 60 \
    -o "-p $(cat "$STATE/port") -c listen_addresses=$HOST -c unix_socket_directories= -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { tail -20 "$STATE/log" >&2; die "PostgreSQL did not start (log: $STATE/log)"; }
  PGPASSWORD="$(cat "$STATE/password")" "$bin/psql" -h "$HOST" -p "$(cat "$STATE/port")" -U tester -d postgres -qAt \
    -c "CREATE DATABASE knowledge_test" >/dev/null || die "could not create database knowledge_test"
  echo "KNOWLEDGE_TEST_PG_URL=$(url)"
}

stop() {
  if running; then
    local runner=(); [ "$(id -u)" -eq 0 ] && runner=(runuser -u postgres --)
    "${runner[@]}" "$(pg_bin)/pg_ctl" -D "$STATE/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$STATE"
}

restart() {
  running || die "not running"
  local runner=(); [ "$(id -u)" -eq 0 ] && runner=(runuser -u postgres --)
  "${runner[@]}" "$(pg_bin)/pg_ctl" -D "$STATE/data" -m fast -w -t 60 restart \
    -o "-p $(cat "$STATE/port") -c listen_addresses=$HOST -c unix_socket_directories= -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    >/dev/null || die "restart failed (log: $STATE/log)"
}

case "${1:-}" in
  start) start ;;
  restart) restart ;;
  stop) stop ;;
  run)
    shift; [ "${1:-}" = -- ] && shift
    [ $# -gt 0 ] || die "usage: deploy/pg-for-tests.sh run -- CMD ARGS..."
    line="$(start)" || exit 1
    export "${line?}"
    trap stop EXIT
    set +e; "$@"; rc=$?; set -e
    exit $rc ;;
  *) echo "usage: deploy/pg-for-tests.sh start|restart|stop|run -- CMD..." >&2; exit 2 ;;
esac
