#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for tests: data and Unix socket in one
# folder, no TCP, trust authentication, superuser "postgres".
#
#   scripts/pg_test_cluster.sh start DIR   # initdb DIR/data, start; prints the URL
#                                           # of database "postgres" on stdout
#   scripts/pg_test_cluster.sh url DIR [DB] # the URL of database DB (default postgres)
#   scripts/pg_test_cluster.sh psql DIR [DB] [psql args…]
#   scripts/pg_test_cluster.sh stop DIR     # stops the cluster (DIR is left to the caller)
#   scripts/pg_test_cluster.sh bindir       # the PostgreSQL binaries' folder; exit 1 if none
#
# The cluster runs with fsync off unless PG_TEST_DURABLE=1 (for benchmarks).
# PostgreSQL refuses to run as root: as root, initdb and pg_ctl run as the
# user "postgres" (runuser), and DIR is given to that user.
set -euo pipefail

port=5432 # only names the socket file: DIR is private

bindir() { # the highest version's binaries, else those on PATH
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
    echo "$d"
  elif command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    dirname "$(command -v pg_ctl)"
  else
    return 1
  fi
}

as_owner() { # runs a command as the cluster's owner
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

url() { # url DIR [DB]
  echo "postgresql://postgres@/${2:-postgres}?host=$1&port=$port"
}

cmd=${1:-}
case "$cmd" in
bindir)
  bindir
  ;;
start)
  dir=${2:?usage: start DIR}
  bin=$(bindir) || {
    echo "pg_test_cluster: no PostgreSQL binaries (initdb, pg_ctl)" >&2
    exit 1
  }
  dir=$(cd "$dir" && pwd)
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || {
      echo "pg_test_cluster: running as root needs the user postgres" >&2
      exit 1
    }
    chown postgres: "$dir"
    chmod 700 "$dir"
  fi
  # Tests need no durability; PG_TEST_DURABLE=1 keeps the defaults (benchmarks).
  durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [ "${PG_TEST_DURABLE:-0}" = 1 ] && durability=""
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
    --no-sync >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
  }
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-c listen_addresses='' -c unix_socket_directories='$dir' -p $port $durability -c max_connections=40" \
    start >/dev/null || {
    cat "$dir/server.log" >&2
    exit 1
  }
  url "$dir"
  ;;
url)
  url "${2:?usage: url DIR [DB]}" "${3:-}"
  ;;
psql)
  dir=${2:?usage: psql DIR [DB] [args]}
  db=${3:-postgres}
  shift 3 || shift $#
  bin=$(bindir)
  "$bin/psql" -X -q -h "$dir" -p "$port" -U postgres -d "$db" -v ON_ERROR_STOP=1 "$@"
  ;;
stop)
  dir=${2:?usage: stop DIR}
  bin=$(bindir) || exit 0
  [ -f "$dir/data/postmaster.pid" ] || exit 0
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  ;;
*)
  sed -n '2,14p' "$0" >&2
  exit 2
  ;;
esac
