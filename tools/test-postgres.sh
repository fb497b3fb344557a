#!/usr/bin/env bash
# A throwaway PostgreSQL server on 127.0.0.1 for the postgres store's tests (tests/index/postgresStore.test.ts).
#   tools/test-postgres.sh start   # prints the server's URL: export ZHIBAO_TEST_DATABASE_URL=$(tools/test-postgres.sh start)
#   tools/test-postgres.sh stop
# Needs Debian's postgresql package (initdb, pg_ctl). Run as root, the server runs as the postgres user.
set -euo pipefail
PORT="${ZHIBAO_TEST_PG_PORT:-55433}"
DIR="${ZHIBAO_TEST_PG_DIR:-/tmp/zhibao-test-pg}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "PostgreSQL's server is not installed (Debian: apt-get install postgresql)" >&2
  exit 1
fi
as_server() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    as_server "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DIR" && mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    as_server "$BIN/initdb" -D "$DIR/data" -A trust -U zhibao -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
    # fsync off: a test server's data is thrown away; the tests measure answers, not durability.
    as_server "$BIN/pg_ctl" -D "$DIR/data" -w -l "$DIR/server.log" \
      -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
      || { cat "$DIR/server.log" >&2; exit 1; }
    "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U zhibao zhibao_test
    echo "postgresql://zhibao@127.0.0.1:$PORT/zhibao_test"
    ;;
  stop)
    as_server "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
