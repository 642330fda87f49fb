#!/usr/bin/env bash
# make bench: speed figures, printed, never asserted.
#  1. segmentation on the razdel benchmark (errors and MB/s), if ../shared is there;
#  2. the whole coder (dyad code) on the demo corpus replicated into JSON Lines.
set -euo pipefail
bin=${1:-build/dyad}
cd "$(dirname "$0")/.."
shared=${DYAD_SHARED:-../shared}
reps=${DYAD_BENCH_REPS:-400}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ -d "$shared/data/segment" ]; then
  echo "== segmentation: dyad eval segment $shared/data/segment"
  "$bin" eval segment "$shared/data/segment"
  echo
else
  echo "skip: $shared/data/segment not found"
fi

echo "== coder: demo corpus x $reps as JSON Lines"
"$bin" code --no-sentence-text examples/ > "$tmp/one.jsonl"
python3 - "$tmp/one.jsonl" "$reps" > "$tmp/in.jsonl" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
for k in range(int(sys.argv[2])):
    for r in recs:
        print(json.dumps({"id": f"{r['id']}-{k}", "date": r["date"], "text": r["text"]},
                         ensure_ascii=False))
PY
bytes=$(wc -c < "$tmp/in.jsonl")
start=$(date +%s.%N)
"$bin" code --no-sentence-text "$tmp/in.jsonl" > "$tmp/out.jsonl"
end=$(date +%s.%N)
python3 - "$tmp/out.jsonl" "$start" "$end" "$bytes" <<'PY'
import json, sys
docs = sents = toks = 0
for l in open(sys.argv[1]):
    r = json.loads(l)
    docs += 1; sents += r["size"]["sentences"]; toks += r["size"]["tokens"]
t = float(sys.argv[3]) - float(sys.argv[2])
mb = int(sys.argv[4]) / 1e6
print(f"{docs} documents, {sents} sentences, {toks} tokens, {mb:.1f} MB of JSON Lines in {t:.2f} s")
print(f"{docs / t:,.0f} documents/s  {sents / t:,.0f} sentences/s  {mb / t:.1f} MB/s (one core, end to end)")
PY

# Ingest rate of both backends on the same documents (demo corpus × reps).
echo
echo "== store ingest: SQLite and PostgreSQL, $(wc -l < "$tmp/in.jsonl") documents"
start=$(date +%s.%N)
"$bin" ingest --db "$tmp/rate.db" "$tmp/in.jsonl" > /dev/null 2>&1 || true
end=$(date +%s.%N)
python3 -c "import sys; t=float(sys.argv[2])-float(sys.argv[1]); print(f'SQLite:     {int(sys.argv[3])/t:,.0f} documents/s')" "$start" "$end" "$(wc -l < "$tmp/in.jsonl")"
if bash scripts/pg_test_cluster.sh bindir > /dev/null 2>&1; then
  pgdir=$(mktemp -d /tmp/dyad-pgbench.XXXXXX)
  if url=$(PG_TEST_DURABLE=1 bash scripts/pg_test_cluster.sh start "$pgdir" 2>/dev/null); then
    start=$(date +%s.%N)
    "$bin" ingest --db "$url" "$tmp/in.jsonl" > /dev/null 2>&1 || true
    end=$(date +%s.%N)
    python3 -c "import sys; t=float(sys.argv[2])-float(sys.argv[1]); print(f'PostgreSQL: {int(sys.argv[3])/t:,.0f} documents/s (local socket, durable)')" "$start" "$end" "$(wc -l < "$tmp/in.jsonl")"
    bash scripts/pg_test_cluster.sh stop "$pgdir" > /dev/null 2>&1 || true
  else
    echo "PostgreSQL: skip (the cluster did not start)"
  fi
  rm -rf "$pgdir"
else
  echo "PostgreSQL: skip (no PostgreSQL binaries)"
fi

# The store: ingest rate, then the latency of the analyst's questions on a
# store of about a million events, made by coding the demo corpus replicated
# (each copy's text marked, so that deduplication keeps them all).
docs=${DYAD_BENCH_STORE_DOCS:-190000}
echo
echo "== store: ingest of $docs documents (demo corpus replicated), then questions"
python3 - "$tmp/one.jsonl" "$docs" > "$tmp/store.jsonl" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
n = int(sys.argv[2])
for k in range(n):
    r = recs[k % len(recs)]
    print(json.dumps({"id": f"{r['id']}-{k}", "date": r["date"],
                      "text": r["text"] + f"\n\nКопия {k}."}, ensure_ascii=False))
PY
rm -f "$tmp/bench.db"
start=$(date +%s.%N)
"$bin" ingest --db "$tmp/bench.db" "$tmp/store.jsonl" > /dev/null 2>&1 || true
end=$(date +%s.%N)
events=$(python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('select count(*) from events').fetchone()[0])" "$tmp/bench.db")
python3 -c "import sys; t=float(sys.argv[2])-float(sys.argv[1]); print(f'ingest (SQLite): {int(sys.argv[3])/t:,.0f} documents/s, {sys.argv[4]} events stored')" "$start" "$end" "$docs" "$events"
for q in "relations JPN RUS --by month" "graph --format json" "mixed" "events --dyad CHN:JPN --format csv"; do
  s=$(date +%s.%N)
  "$bin" $q --db "$tmp/bench.db" > /dev/null
  e=$(date +%s.%N)
  python3 -c "import sys; print(f'  dyad {sys.argv[3]}: {1000*(float(sys.argv[2])-float(sys.argv[1])):.0f} ms')" "$s" "$e" "$q"
done
