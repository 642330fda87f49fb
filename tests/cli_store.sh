#!/usr/bin/env bash
# The store from the command line: ingest of a generated corpus killed with
# kill -9 twice and completed (nothing lost, nothing doubled, the file
# consistent), idempotent re-ingest, every question, the exports (GDELT: 61
# typed columns on every row), recode after a dictionary change, usage errors.
# The checks shared with cli_store_pg.sh are in store_checks.sh.
set -u
bin=${DYAD_BIN:?}
dict=${DYAD_DICT:?}
if ! "$bin" ingest --help >/dev/null 2>&1; then
  echo "skip: this dyad has no 'ingest' command"
  exit 77
fi
if ! command -v python3 >/dev/null; then
  echo "skip: python3 is needed to read the store"
  exit 77
fi

tmp=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

. "$(dirname "$0")/store_checks.sh"

store_corpus "$dict"
db="$tmp/store.db"

# A reader of the store that needs nothing of dyad's (the FTS table is not
# touched): prints "name value" lines.
cat >"$tmp/stats.py" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=30)
q = lambda sql: db.execute(sql).fetchone()[0]
tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
if "documents" not in tables:
    print("documents 0"); sys.exit(0)
print("integrity", q("PRAGMA integrity_check"))
print("documents", q("SELECT count(*) FROM documents"))
print("distinct_ids", q("SELECT count(DISTINCT id) FROM documents"))
print("distinct_texts", q("SELECT count(DISTINCT text_hash) FROM documents"))
print("sentences_missing", q("SELECT coalesce(sum(n_sentences), 0) FROM documents")
      - q("SELECT count(*) FROM sentences"))
print("orphans", q("SELECT count(*) FROM events e WHERE NOT EXISTS "
                   "(SELECT 1 FROM documents d WHERE d.key = e.doc)")
      + q("SELECT count(*) FROM events e WHERE NOT EXISTS "
          "(SELECT 1 FROM stories s WHERE s.id = e.story)"))
print("bad_stories", q("SELECT count(*) FROM stories s WHERE num_mentions <> "
                       "(SELECT count(*) FROM events e WHERE e.story = s.id) "
                       "OR num_articles <> (SELECT count(DISTINCT doc) FROM events e "
                       "WHERE e.story = s.id) OR num_mentions = 0"))
print("events", q("SELECT count(*) FROM events"))
print("stories", q("SELECT count(*) FROM stories"))
PY
stat_of() { # stat_of NAME
  python3 "$tmp/stats.py" "$db" | awk -v k="$1" '$1 == k { print $2 }'
}
consistent() {
  [ "$(stat_of integrity)" = ok ] && [ "$(stat_of sentences_missing)" = 0 ] &&
    [ "$(stat_of orphans)" = 0 ] && [ "$(stat_of bad_stories)" = 0 ] &&
    [ "$(stat_of distinct_ids)" = "$(stat_of documents)" ] &&
    [ "$(stat_of distinct_texts)" = "$(stat_of documents)" ]
}

store_crash_and_resume

# ---- questions ----
store_questions
"$bin" triads --db "$db" >/dev/null
check "triads table" test $? -eq 0

# ---- exports ----
store_exports
python3 -c "
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
assert rows and all('2026-02-01' <= r['date'] <= '2026-02-28' for r in rows), len(rows)
" "$tmp/events.csv"
check "export csv: dated rows in range" test $? -eq 0

# ---- recode after a dictionary change ----
store_recode

# ---- usage errors ----
"$bin" events --db "$db" --dyad JPNRUS >/dev/null 2>&1
check "bad --dyad: exit 2" test $? -eq 2
"$bin" export --db "$db" >/dev/null 2>&1
check "export without --format: exit 2" test $? -eq 2
"$bin" relations --db "$db" JPN >/dev/null 2>&1
check "relations with one country: exit 2" test $? -eq 2
"$bin" events --db "$tmp" >/dev/null 2>&1
check "a folder as the store: exit 2" test $? -eq 2
"$bin" search --db "$db" "" >/dev/null 2>&1
check "empty search: exit 2" test $? -eq 2
"$bin" events --db "$tmp/none.db" >/dev/null 2>&1
check "no store: exit 2, nothing created" test $? -eq 2 -a ! -e "$tmp/none.db"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
