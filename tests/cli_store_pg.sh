#!/usr/bin/env bash
# The store on PostgreSQL from the command line, on a throw-away cluster
# (scripts/pg_test_cluster.sh: Unix socket in a temporary folder, stopped on
# exit): examples/ stored with the same answers as SQLite; ingest of a
# generated corpus killed with kill -9 twice and completed (nothing lost,
# nothing doubled, whole batches); idempotent re-ingest; every question;
# the exports (GDELT: 61 typed columns); recode; two concurrent ingests of
# the same folder storing each document once; then test_store_pg (the
# backend's unit test) on the same cluster.
# The checks shared with cli_store.sh are in store_checks.sh.
#
# Skips (77) when this machine has no PostgreSQL server binaries.
set -u
bin=${DYAD_BIN:?}
dict=${DYAD_DICT:?}
src=${DYAD_SOURCE:-$(cd "$(dirname "$0")/.." && pwd)}
cluster="$src/scripts/pg_test_cluster.sh"
if ! pgbin=$(bash "$cluster" bindir 2>/dev/null); then
  echo "skip: no PostgreSQL server binaries (initdb, pg_ctl; Debian package postgresql)"
  exit 77
fi
if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
  echo "skip: running as root needs the user postgres to run the cluster"
  exit 77
fi
if ! command -v python3 >/dev/null; then
  echo "skip: python3 is needed to check the answers"
  exit 77
fi

tmp=$(mktemp -d)
# The cluster in /tmp: a short socket path, and a folder that its owner
# (postgres, when we are root) can reach whatever $TMPDIR is.
pg=$(mktemp -d /tmp/dyad-pg.XXXXXX)
pid=
pids=()
cleanup() {
  for p in $pid "${pids[@]}"; do
    kill -9 "$p" 2>/dev/null
    wait "$p" 2>/dev/null
  done
  bash "$cluster" stop "$pg"
  rm -rf "$tmp" "$pg"
}
trap cleanup EXIT
trap 'exit 143' TERM INT HUP # so that a timed-out test stops its cluster too

. "$(dirname "$0")/store_checks.sh"

if ! bash "$cluster" start "$pg" >/dev/null 2>"$tmp/cluster.err"; then
  echo "not ok - the test cluster starts: $(tail -5 "$tmp/cluster.err")"
  echo "0 passed, 1 failed"
  exit 1
fi
psql_() { # psql_ DB SQL
  bash "$cluster" psql "$pg" "$1" -tA -c "$2"
}
for d in dyad examples conc; do psql_ postgres "CREATE DATABASE $d" >/dev/null; done
url() { bash "$cluster" url "$pg" "$1"; }
db=$(url dyad)
echo "# cluster: $pgbin, store: $db"

# ---- examples/: the same answers as SQLite ----
ex=$(url examples)
"$bin" ingest -q --db "$ex" "$src/examples"
check "examples/ ingested" test $? -eq 0
"$bin" ingest --db "$ex" "$src/examples" 2>"$tmp/ingest.err"
check "examples/ again: nothing stored ($(cat "$tmp/ingest.err"))" \
  grep -q "^dyad: 0 stored, [1-9][0-9]* already stored" "$tmp/ingest.err"
"$bin" ingest -q --db "$tmp/examples.db" "$src/examples"
noid() { # drops story ids: the first CSV column, "story" of JSON lines
  case "$*" in
  events*) cut -d, -f2- ;;
  export*jsonl*) sed 's/"story":[0-9]*,//' ;;
  *) cat ;;
  esac
}
same() { # same NAME ARGS...: the command gives the same output on both stores
  local name=$1
  shift
  "$bin" "$@" --db "$tmp/examples.db" 2>&1 | noid "$@" >"$tmp/a.out"
  "$bin" "$@" --db "$ex" 2>&1 | noid "$@" >"$tmp/b.out"
  if cmp -s "$tmp/a.out" "$tmp/b.out"; then
    ok "same as SQLite: $name"
  else
    not_ok "same as SQLite: $name: $(diff "$tmp/a.out" "$tmp/b.out" | head -6)"
  fi
}
# Story ids may differ: PostgreSQL's identity skips the values taken by
# upserts that found their story. Everything else is the same.
same "events" events --limit 0 --format csv
same "events --dyad JPN:RUS --both" events --dyad JPN:RUS --both --format csv
same "relations JPN RUS" relations JPN RUS --format json
same "relations --by quarter" relations RUS USA --by quarter
same "graph" graph
same "quotes" quotes --format csv
same "mixed" mixed --format csv
same "triads --all" triads --all --format csv
"$bin" export -q --db "$tmp/examples.db" --format gdelt | cut -f2-59,61 >"$tmp/a.out"
"$bin" export -q --db "$ex" --format gdelt | cut -f2-59,61 >"$tmp/b.out"
check "same as SQLite: export gdelt but ids and DATEADDED ($(wc -l <"$tmp/b.out") rows)" \
  cmp -s "$tmp/a.out" "$tmp/b.out"
same "export jsonl" export -q --format jsonl
"$bin" search --db "$tmp/examples.db" --limit 100 --format csv санкций | cut -d, -f1,3 | sort >"$tmp/a.out"
"$bin" search --db "$ex" --limit 100 --format csv санкций | cut -d, -f1,3 | sort >"$tmp/b.out"
check "search finds the same sentences as SQLite ($(($(wc -l <"$tmp/b.out") - 1)) rows)" \
  cmp -s "$tmp/a.out" "$tmp/b.out"

# ---- a generated corpus with the test's own patterns ----
store_corpus "$dict"

# "name value" lines about a database, read with psql.
cat >"$tmp/stats.sql" <<'SQL'
SELECT 'documents', count(*) FROM documents
UNION ALL SELECT 'distinct_ids', count(DISTINCT id) FROM documents
UNION ALL SELECT 'distinct_texts', count(DISTINCT text_hash) FROM documents
UNION ALL SELECT 'sentences_missing', (SELECT coalesce(sum(n_sentences), 0) FROM documents)
  - (SELECT count(*) FROM sentences)
UNION ALL SELECT 'unindexed', (SELECT count(*) FROM sentences s
  WHERE NOT EXISTS (SELECT 1 FROM sentence_fts f WHERE f.key = s.key))
  + (SELECT count(*) FROM sentence_fts f WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.key = f.key))
UNION ALL SELECT 'orphans', (SELECT count(*) FROM events e WHERE NOT EXISTS
  (SELECT 1 FROM documents d WHERE d.key = e.doc)) + (SELECT count(*) FROM events e
  WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = e.story))
UNION ALL SELECT 'bad_stories', count(*) FROM stories s WHERE num_mentions <>
  (SELECT count(*) FROM events e WHERE e.story = s.id) OR num_articles <>
  (SELECT count(DISTINCT doc) FROM events e WHERE e.story = s.id) OR num_mentions = 0
UNION ALL SELECT 'events', count(*) FROM events
UNION ALL SELECT 'stories', count(*) FROM stories
SQL
stats_db=dyad
stat_of() { # stat_of NAME
  if [ "$(psql_ "$stats_db" "SELECT to_regclass('documents') IS NOT NULL")" != t ]; then
    [ "$1" = documents ] && echo 0
    return
  fi
  bash "$cluster" psql "$pg" "$stats_db" -tA -F ' ' -f "$tmp/stats.sql" | awk -v k="$1" '$1 == k { print $2 }'
}
consistent() {
  [ "$(stat_of sentences_missing)" = 0 ] && [ "$(stat_of unindexed)" = 0 ] &&
    [ "$(stat_of orphans)" = 0 ] && [ "$(stat_of bad_stories)" = 0 ] &&
    [ "$(stat_of distinct_ids)" = "$(stat_of documents)" ] &&
    [ "$(stat_of distinct_texts)" = "$(stat_of documents)" ]
}

store_crash_and_resume

# ---- questions ----
store_questions
n=$("$bin" search --db "$db" --any --limit 1000 --format csv эмбарго санкций | tail -n +2 | wc -l)
n1=$("$bin" search --db "$db" --limit 1000 --format csv эмбарго | tail -n +2 | wc -l)
n2=$("$bin" search --db "$db" --limit 1000 --format csv санкций | tail -n +2 | wc -l)
check "search --any: OR of the words ($n = $n1 + $n2 rows)" test "$n" -gt 0 -a "$n" -eq $((n1 + n2))
n=$("$bin" search --db "$db" --limit 1000 --format csv эмбарго санкций | tail -n +2 | wc -l)
check "search: AND of the words (none has both)" test "$n" -eq 0
"$bin" search --db "$db" "o'brien \\ & | ! (" >/dev/null 2>&1
check "search: quotes and tsquery operators are plain words" test $? -le 1

# ---- exports ----
store_exports

# ---- recode after a dictionary change ----
store_recode

# ---- two ingests of the same folder at once ----
stats_db=conc
cdb=$(url conc)
"$bin" ingest --db "$cdb" --batch 10 "$tmp/corpus" 2>"$tmp/c1.err" &
pids=($!)
"$bin" ingest --db "$cdb" --batch 7 "$tmp/corpus" 2>"$tmp/c2.err" &
pids+=($!)
rc1=0 rc2=0
wait "${pids[0]}" || rc1=$?
wait "${pids[1]}" || rc2=$?
pids=()
check "two concurrent ingests succeed (exit $rc1, $rc2)" test $rc1 -eq 0 -a $rc2 -eq 0
s1=$(sed -n 's/^dyad: \([0-9]*\) stored.*/\1/p' "$tmp/c1.err")
s2=$(sed -n 's/^dyad: \([0-9]*\) stored.*/\1/p' "$tmp/c2.err")
check "between them they stored 300 ($s1 + $s2)" test $((${s1:-0} + ${s2:-0})) -eq 300
check "each document once: 300 documents" test "$(stat_of documents)" = 300
check "consistent after concurrent ingests" consistent
check "the same events and stories as one ingest" \
  test "$(stat_of events)" = "$(psql_ dyad "SELECT count(*) FROM events e JOIN documents d ON d.key = e.doc WHERE d.id LIKE 'd%'")"

# Two writers of different documents whose events are the same stories.
psql_ postgres "CREATE DATABASE halves" >/dev/null
stats_db=halves
hdb=$(url halves)
mkdir "$tmp/odd" "$tmp/even"
for f in "$tmp"/corpus/d*[13579].txt; do ln -s "$f" "$tmp/odd/"; done
for f in "$tmp"/corpus/d*[02468].txt; do ln -s "$f" "$tmp/even/"; done
"$bin" ingest -q --db "$hdb" --batch 5 "$tmp/odd" &
pids=($!)
"$bin" ingest -q --db "$hdb" --batch 5 "$tmp/even" &
pids+=($!)
rc1=0 rc2=0
wait "${pids[0]}" || rc1=$?
wait "${pids[1]}" || rc2=$?
pids=()
check "two concurrent ingests of shared stories succeed (exit $rc1, $rc2)" test $rc1 -eq 0 -a $rc2 -eq 0
check "shared stories: 300 documents, consistent" test "$(stat_of documents)" = 300
check "shared stories: counts consistent" consistent
check "shared stories: as many as one ingest's ($(stat_of stories))" \
  test "$(stat_of stories)" = "$(stats_db=conc stat_of stories)"

# ---- the backend's own unit test, on this cluster ----
unit="$(dirname "$bin")/test_store_pg"
if [ -x "$unit" ]; then
  psql_ postgres "CREATE DATABASE unit" >/dev/null
  DYAD_PG_URL=$(url unit) "$unit" >"$tmp/unit.out" 2>&1
  rc=$?
  check "test_store_pg on the cluster (exit $rc)" test $rc -eq 0
  [ $rc -eq 0 ] || sed 's/^/# /' "$tmp/unit.out"
fi

# ---- usage ----
"$bin" events --db "postgresql://postgres@/nosuchdb?host=$pg&port=5432" >/dev/null 2>"$tmp/err.txt"
check "a database that does not exist: exit 2" test $? -eq 2
"$bin" events --db "postgresql://postgres:s3cret@/nosuchdb?host=$pg&port=5432" >/dev/null 2>"$tmp/err.txt"
check "a password is not shown: $(head -c 120 "$tmp/err.txt")" \
  test "$(grep -c s3cret "$tmp/err.txt")" = 0 -a -s "$tmp/err.txt"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
