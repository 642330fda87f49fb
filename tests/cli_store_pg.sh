#!/usr/bin/env bash
# The store on PostgreSQL from the command line, on a throw-away cluster
# (scripts/pg_test_cluster.sh: Unix socket in a temporary folder, stopped on
# exit): examples/ stored with the same answers as SQLite; ingest of a
# generated corpus killed with kill -9 twice and completed (nothing lost,
# nothing doubled, whole batches); idempotent re-ingest; every question;
# the exports (GDELT: 61 typed columns); recode; two concurrent ingests of
# the same folder storing each document once; then test_store_pg (the
# backend's unit test) on the same cluster.
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
pids=()
cleanup() {
  for p in "${pids[@]}"; do
    kill -9 "$p" 2>/dev/null
    wait "$p" 2>/dev/null
  done
  bash "$cluster" stop "$pg"
  rm -rf "$tmp" "$pg"
}
trap cleanup EXIT
trap 'exit 143' TERM INT HUP # so that a timed-out test stops its cluster too

pass=0
fail=0
ok() { echo "ok - $1"; pass=$((pass + 1)); }
not_ok() { echo "not ok - $1"; fail=$((fail + 1)); }
check() { # check NAME COMMAND...
  local name=$1
  shift
  if "$@"; then ok "$name"; else not_ok "$name"; fi
}

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
cp -r "$dict" "$tmp/dict"
rm -rf "$tmp/dict/ru/events"
cat >"$tmp/dict/ru/events.txt" <<'EOF'
# cli_store_pg.sh patterns
163	ввести|ввел|ввела|ввели эмбарго против +
163	ввести|ввел|ввела|ввели санкции против +
111	раскритиковать +
061	сотрудничать =с +
042	посетить +
071	выделить помощь +
EOF
export DYAD_DICT="$tmp/dict"
unset DYAD_DB

python3 - "$tmp/corpus" <<'PY'
import os, sys
out = sys.argv[1]
os.makedirs(out)
texts = [
    "Япония ввела санкции против России. Токио раскритиковал Москву.",
    "Китай посетил Японию. Китай раскритиковал Японию. Япония обвинила Китай в провокации.",
    "Китай будет сотрудничать с Россией. Россия выделила помощь Китаю.",
    "Россия раскритиковала Японию. Япония ввела эмбарго против России на поставки "
    "редкоземельных металлов.",
]
for i in range(300):
    k = i // 4
    month = 1 + i % 4
    day = 1 + k // 8
    body = texts[k % len(texts)]
    with open(os.path.join(out, f"d{i:03d}.txt"), "w", encoding="utf-8") as f:
        f.write(f" date 2026-{month:02d}-{day:02d} {body}\n\nМатериал {i} подготовлен редакцией.\n")
PY

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

# ---- kill -9 in the middle of an ingest, twice ----
batch=20
for target in 40 160; do
  "$bin" ingest --db "$db" --batch $batch --delay-ms 5 -q "$tmp/corpus" 2>"$tmp/ingest.err" &
  pid=$!
  pids=("$pid")
  n=0
  for _ in $(seq 1 1000); do
    n=$(stat_of documents)
    [ "${n:-0}" -ge $target ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.02
  done
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  pids=()
  n=$(stat_of documents)
  check "killed at $n documents (wanted >= $target, < 300)" test "$n" -ge $target -a "$n" -lt 300
  check "after kill -9 at $n: counts, index and stories consistent" consistent
  check "after kill -9 at $n: whole batches only" test $((n % batch)) -eq 0
done
before=$(stat_of documents)
"$bin" ingest --db "$db" "$tmp/corpus" 2>"$tmp/ingest.err"
rc=$?
check "re-run completes (exit $rc)" test $rc -eq 0
check "re-run stores the rest: $(cat "$tmp/ingest.err")" \
  grep -q "^dyad: $((300 - before)) stored, $before already stored" "$tmp/ingest.err"
check "300 documents, none doubled" test "$(stat_of documents)" = 300
check "consistent after the re-run" consistent
"$bin" ingest --db "$db" "$tmp/corpus" 2>"$tmp/ingest.err"
check "a third run stores nothing" grep -q "^dyad: 0 stored, 300 already stored" "$tmp/ingest.err"
n=$("$bin" search --db "$db" --limit 1000 --format csv редакции | tail -n +2 | wc -l)
check "search index complete after crashes ($n rows)" test "$n" -eq 300
events=$(stat_of events)
stories=$(stat_of stories)
check "stories deduplicate events ($stories < $events)" test "$stories" -lt "$events"

mkdir "$tmp/copy"
sed 's/  */ /g' "$tmp/corpus/d007.txt" >"$tmp/copy/other_name.txt"
"$bin" ingest --db "$db" "$tmp/copy" 2>"$tmp/ingest.err"
check "same text, other id: not stored" grep -q "^dyad: 0 stored, 0 already stored, 1 same text" "$tmp/ingest.err"

# ---- questions ----
py_check() { # py_check NAME FILE PYTHON-EXPRESSION-ON-data
  local name=$1 file=$2 expr=$3
  if python3 -c "import json,sys; data=json.load(open(sys.argv[1])); sys.exit(0 if ($expr) else 1)" "$file"; then
    ok "$name"
  else
    not_ok "$name: $(head -c 300 "$file")"
  fi
}
"$bin" events --db "$db" --dyad JPN:RUS --root 16 --from 2026-01-01 --to 2026-03-31 --format json >"$tmp/ev.json"
py_check "events --dyad JPN:RUS --root 16" "$tmp/ev.json" \
  "len(data) > 0 and all(r['source'] == 'JPN' and r['target'] == 'RUS' and r['root'] == '16' and '2026-01-01' <= r['date'] <= '2026-03-31' for r in data) and max(r['num_mentions'] for r in data) >= 1"
"$bin" events --db "$db" --format csv --limit 5 >"$tmp/ev.csv"
check "events --format csv: header and 5 rows" test "$(head -1 "$tmp/ev.csv" | cut -c1-8)" = "id,date," -a "$(wc -l <"$tmp/ev.csv")" -eq 6
"$bin" events --db "$db" --dyad jpn:rus --both >"$tmp/ev.txt"
check "events table" grep -q "RUS" "$tmp/ev.txt"
"$bin" relations --db "$db" JPN RUS --by month >"$tmp/rel.txt"
check "relations table with both directions and a sparkline" \
  grep -q "JPN>RUS.*[▁▂▃▄▅▆▇█]" "$tmp/rel.txt"
check "relations: RUS>JPN" grep -q "^2026-0[1-4] *RUS>JPN" "$tmp/rel.txt"
"$bin" relations --db "$db" JPN RUS --format json >"$tmp/rel.json"
py_check "relations json: quad counts add up, means in range" "$tmp/rel.json" \
  "len(data) >= 4 and all(r['q1'] + r['q2'] + r['q3'] + r['q4'] == r['events'] and -10 <= r['goldstein_mean'] <= 10 for r in data)"
"$bin" graph --db "$db" --from 2026-01-01 --to 2026-04-30 >"$tmp/graph.json"
py_check "graph json" "$tmp/graph.json" \
  "{n['country'] for n in data['nodes']} == {'JPN', 'RUS', 'CHN'} and all(e['source'] != e['target'] for e in data['edges'])"
"$bin" graph --db "$db" --format dot >"$tmp/graph.dot"
check "graph dot" grep -q '"JPN" -> "RUS"' "$tmp/graph.dot"
"$bin" search --db "$db" "эмбарго редкоземельных" --format json >"$tmp/search.json"
py_check "search: ranked, snippets marked" "$tmp/search.json" \
  "len(data) == 20 and '[эмбарго]' in data[0]['snippet'] and all(data[i]['score'] >= data[i+1]['score'] for i in range(len(data)-1))"
"$bin" search --db "$db" санкций --limit 3 >"$tmp/search.txt"
check "search: санкций finds санкции" grep -q "\[санкции\]" "$tmp/search.txt"
n=$("$bin" search --db "$db" --any --limit 1000 --format csv эмбарго санкций | tail -n +2 | wc -l)
n1=$("$bin" search --db "$db" --limit 1000 --format csv эмбарго | tail -n +2 | wc -l)
n2=$("$bin" search --db "$db" --limit 1000 --format csv санкций | tail -n +2 | wc -l)
check "search --any: OR of the words ($n = $n1 + $n2 rows)" test "$n" -gt 0 -a "$n" -eq $((n1 + n2))
n=$("$bin" search --db "$db" --limit 1000 --format csv эмбарго санкций | tail -n +2 | wc -l)
check "search: AND of the words (none has both)" test "$n" -eq 0
"$bin" search --db "$db" "o'brien \\ & | ! (" >/dev/null 2>&1
check "search: quotes and tsquery operators are plain words" test $? -le 1
"$bin" mixed --db "$db" --format json >"$tmp/mixed.json"
py_check "mixed: CHN-JPN every month" "$tmp/mixed.json" \
  "sum(1 for r in data if (r['a'], r['b']) == ('CHN', 'JPN') and r['score'] >= 1) == 4"
"$bin" triads --db "$db" --all --format json >"$tmp/triads.json"
py_check "triads: one triangle a month" "$tmp/triads.json" \
  "len(data) == 4 and all((r['a'], r['b'], r['c']) == ('CHN', 'JPN', 'RUS') for r in data)"
printf ' date 2026-02-06 «Россия ответит на эти меры», — заявил министр иностранных дел России Сергей Лавров.\n' >"$tmp/quote.txt"
"$bin" ingest --db "$db" -q "$tmp/quote.txt"
"$bin" quotes --db "$db" --speaker лавров --format json >"$tmp/quotes.json"
py_check "quotes --speaker" "$tmp/quotes.json" \
  "len(data) == 1 and data[0]['speaker'] == 'Сергей Лавров' and data[0]['text'] == 'Россия ответит на эти меры'"

# ---- exports ----
"$bin" export -q --db "$db" --format gdelt >"$tmp/events.tsv"
cat >"$tmp/gdelt.py" <<'PY'
import re, sys
int_re, num_re = re.compile(r"^-?\d+$"), re.compile(r"^-?\d+(\.\d+)?$")
rows = 0
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    f = line.rstrip("\n").split("\t")
    assert len(f) == 61, (n, len(f))
    assert int_re.match(f[0]), (n, "GLOBALEVENTID", f[0])
    assert re.match(r"^\d{8}$", f[1]) and f[2] == f[1][:6] and f[3] == f[1][:4], (n, f[1:4])
    assert re.match(r"^\d{4}\.\d{4}$", f[4]), (n, "FractionDate", f[4])
    for side in (5, 15):
        assert f[side] and f[side + 2] == f[side][:3], (n, f[side:side + 10])
    assert f[25] in ("0", "1"), (n, "IsRootEvent", f[25])
    assert re.match(r"^\d{3,4}$", f[26]) and f[27] == f[26][:3] and f[28] == f[26][:2], (n, f[26:29])
    assert f[29] in ("1", "2", "3", "4"), (n, "QuadClass", f[29])
    assert num_re.match(f[30]) and -10 <= float(f[30]) <= 10, (n, "GoldsteinScale", f[30])
    for i in (31, 32, 33):
        assert int_re.match(f[i]) and int(f[i]) >= 1, (n, i, f[i])
    assert all(x == "" for x in f[35:59]), (n, "geo", f[35:59])
    assert re.match(r"^\d{14}$", f[59]), (n, "DATEADDED", f[59])
    assert f[60], (n, "SOURCEURL")
    rows += 1
print(rows)
PY
rows=$(python3 "$tmp/gdelt.py" "$tmp/events.tsv" 2>&1)
check "export gdelt: 61 typed columns on every row ($rows rows)" test "$rows" = "$(stat_of stories)"
"$bin" export -q --db "$db" --format csv --from 2026-02-01 --to 2026-02-28 >"$tmp/events.csv"
check "export csv: header" test "$(head -1 "$tmp/events.csv" | cut -d, -f1-3)" = "doc,event,date"
"$bin" export -q --db "$db" --format jsonl >"$tmp/events.jsonl"
python3 -c "
import json, sys
n = sum(1 for line in open(sys.argv[1], encoding='utf-8') if json.loads(line)['code'])
assert n == int(sys.argv[2]), (n, sys.argv[2])
" "$tmp/events.jsonl" "$(stat_of events)"
check "export jsonl: every event" test $? -eq 0

# ---- recode after a dictionary change ----
printf '112\tобвинить +\n' >>"$tmp/dict/ru/events.txt"
events=$(stat_of events)
accusing=$(grep -l обвинила "$tmp"/corpus/*.txt | wc -l)
"$bin" recode --db "$db" 2>"$tmp/recode.err"
check "recode: every document ($(cat "$tmp/recode.err"))" grep -q "^dyad: 301 documents recoded" "$tmp/recode.err"
check "recode: the new pattern's $accusing events are there" test "$(stat_of events)" -eq $((events + accusing))
check "consistent after recode" consistent
n=$("$bin" search --db "$db" --limit 1000 --format csv обвинила | tail -n +2 | wc -l)
check "search index has each sentence once after recode ($n rows)" test "$n" -eq "$accusing"

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
