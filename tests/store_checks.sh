# tests/store_checks.sh — what tests/cli_store.sh (SQLite) and
# tests/cli_store_pg.sh (PostgreSQL) check alike, sourced by both. The caller
# sets bin, tmp and db, and defines stat_of NAME (a figure of the store:
# documents, events, stories, …) and consistent (counts, index and stories
# agree). A background ingest's process id is kept in pid, for the caller's
# cleanup.

pass=0
fail=0
ok() { echo "ok - $1"; pass=$((pass + 1)); }
not_ok() { echo "not ok - $1"; fail=$((fail + 1)); }
check() { # check NAME COMMAND...
  local name=$1
  shift
  if "$@"; then ok "$name"; else not_ok "$name"; fi
}
py_check() { # py_check NAME FILE PYTHON-EXPRESSION-ON-data
  local name=$1 file=$2 expr=$3
  if python3 -c "import json,sys; data=json.load(open(sys.argv[1])); sys.exit(0 if ($expr) else 1)" "$file"; then
    ok "$name"
  else
    not_ok "$name: $(head -c 300 "$file")"
  fi
}

# The test's own event patterns in a copy of DICT (so that the expected
# events do not move when the real patterns grow), and 300 documents over
# four months in $tmp/corpus, each text unique by its last sentence.
store_corpus() { # store_corpus DICT
  cp -r "$1" "$tmp/dict"
  rm -rf "$tmp/dict/ru/events"
  cat >"$tmp/dict/ru/events.txt" <<'PAT'
# store test patterns
163	ввести|ввел|ввела|ввели эмбарго против +
163	ввести|ввел|ввела|ввели санкции против +
111	раскритиковать +
061	сотрудничать =с +
042	посетить +
071	выделить помощь +
PAT
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
# Per month: every text on 10 days, twice a day (so stories have 2 mentions).
for i in range(300):
    k = i // 4
    month = 1 + i % 4
    day = 1 + k // 8
    body = texts[k % len(texts)]
    with open(os.path.join(out, f"d{i:03d}.txt"), "w", encoding="utf-8") as f:
        f.write(f" date 2026-{month:02d}-{day:02d} {body}\n\nМатериал {i} подготовлен редакцией.\n")
PY
}

# An ingest killed with kill -9 twice, then completed: nothing lost, nothing
# doubled, whole batches only; a third run stores nothing; the same text
# under another name is stored once.
store_crash_and_resume() {
  local batch=20 target n before rc events stories
  for target in 40 160; do
    "$bin" ingest --db "$db" --batch $batch --delay-ms 5 -q "$tmp/corpus" 2>"$tmp/ingest.err" &
    pid=$!
    n=0
    for _ in $(seq 1 1000); do
      n=$(stat_of documents)
      [ "${n:-0}" -ge $target ] && break
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.02
    done
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    pid=
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
  # The search index has every document once: one sentence each has the word.
  n=$("$bin" search --db "$db" --limit 1000 --format csv редакции | tail -n +2 | wc -l)
  check "search index complete after crashes ($n rows)" test "$n" -eq 300
  events=$(stat_of events)
  stories=$(stat_of stories)
  check "stories deduplicate events ($stories < $events)" test "$stories" -lt "$events"

  mkdir "$tmp/copy"
  sed 's/  */ /g' "$tmp/corpus/d007.txt" >"$tmp/copy/other_name.txt"
  "$bin" ingest --db "$db" "$tmp/copy" 2>"$tmp/ingest.err"
  check "same text, other id: not stored" grep -q "^dyad: 0 stored, 0 already stored, 1 same text" "$tmp/ingest.err"
}

# Every question on the corpus: events, relations, graph, search, mixed,
# triads, quotes.
store_questions() {
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
}

# The exports: GDELT 2.0 (61 typed columns on every row, one per story), CSV,
# JSON Lines (every event).
store_exports() {
  local rows
  "$bin" export -q --db "$db" --format gdelt >"$tmp/events.tsv"
  cat >"$tmp/gdelt.py" <<'PY'
import re, sys
int_re, num_re = re.compile(r"^-?\d+$"), re.compile(r"^-?\d+(\.\d+)?$")
rows = 0
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    f = line.rstrip("\n").split("\t")
    assert len(f) == 61, (n, len(f))
    assert int_re.match(f[0]), (n, "GLOBALEVENTID", f[0])
    assert re.match(r"^\d{8}$", f[1]) and re.match(r"^\d{6}$", f[2]) and re.match(r"^\d{4}$", f[3]), (n, f[1:4])
    assert f[2] == f[1][:6] and f[3] == f[1][:4], (n, f[1:4])
    assert re.match(r"^\d{4}\.\d{4}$", f[4]), (n, "FractionDate", f[4])
    for side in (5, 15):
        assert f[side] and f[side + 2] == f[side][:3], (n, f[side:side + 10])
    assert f[25] in ("0", "1"), (n, "IsRootEvent", f[25])
    assert re.match(r"^\d{3,4}$", f[26]) and f[27] == f[26][:3] and f[28] == f[26][:2], (n, f[26:29])
    assert f[29] in ("1", "2", "3", "4"), (n, "QuadClass", f[29])
    assert num_re.match(f[30]) and -10 <= float(f[30]) <= 10, (n, "GoldsteinScale", f[30])
    for i in (31, 32, 33):
        assert int_re.match(f[i]) and int(f[i]) >= 1, (n, i, f[i])
    assert f[34] == "" or num_re.match(f[34]), (n, "AvgTone", f[34])
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
}

# A new pattern, then recode: every document recoded, the new events there,
# the search index still holding each sentence once.
store_recode() {
  local events accusing n
  printf '112\tобвинить +\n' >>"$tmp/dict/ru/events.txt"
  events=$(stat_of events)
  accusing=$(grep -l обвинила "$tmp"/corpus/*.txt | wc -l)
  "$bin" recode --db "$db" 2>"$tmp/recode.err"
  check "recode: every document coded with the old dictionaries ($(cat "$tmp/recode.err"))" \
    grep -q "^dyad: 301 documents recoded" "$tmp/recode.err"
  check "recode: the new pattern's $accusing events are there" test "$(stat_of events)" -eq $((events + accusing))
  check "consistent after recode" consistent
  "$bin" recode --db "$db" 2>"$tmp/recode.err"
  check "recode again: nothing stale" grep -q "^dyad: 0 documents recoded" "$tmp/recode.err"
  n=$("$bin" search --db "$db" --limit 1000 --format csv обвинила | tail -n +2 | wc -l)
  check "search index has each sentence once after recode ($n rows)" test "$n" -eq "$accusing"
}
