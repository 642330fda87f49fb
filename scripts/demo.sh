#!/usr/bin/env bash
# make demo: code the demo corpus in examples/, store it in SQLite, and show
# what an analyst would ask first.
set -euo pipefail
bin=${1:-build/dyad}
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/demo.db"

echo "== dyad $("$bin" version | cut -d' ' -f2): the demo corpus (examples/, 19 articles) =="
"$bin" code examples/ > "$tmp/out.jsonl"
python3 - "$tmp/out.jsonl" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
ev = sum(len(r["events"]) for r in recs)
print(f"{len(recs)} documents, {sum(r['size']['sentences'] for r in recs)} sentences, "
      f"{sum(len(r['actors']) for r in recs)} actors, {ev} events, "
      f"{sum(len(r['quotes']) for r in recs)} quotations\n")
print("Some events (date, CAMEO code, source → target, evidence):")
shown = 0
for r in recs:
    for e in r["events"]:
        if shown >= 12: break
        if e["source"]["code"][:3] == e["target"]["code"][:3]: continue
        print(f"  {e['date'] or '-':10} {e['code']:5} {e['source']['code']:>7} → {e['target']['code']:<7} "
              f"{e['evidence']['text'][:60]}")
        shown += 1
PY
echo
echo "== stored in SQLite: dyad ingest examples/ --db demo.db =="
"$bin" ingest --quiet examples/ --db "$db" 2>/dev/null || "$bin" ingest examples/ --db "$db"
echo
echo "== dyad relations JPN CHN --by month =="
"$bin" relations JPN CHN --by month --db "$db"
echo
echo "== dyad relations JPN RUS --by month =="
"$bin" relations JPN RUS --by month --db "$db"
echo
echo "== dyad mixed: pairs sending cooperation and conflict in the same month =="
"$bin" mixed --db "$db" | head -12
echo
echo "== dyad quotes --speaker Лавров =="
"$bin" quotes --speaker Лавров --db "$db" | head -8
echo
echo "Each line of 'dyad code' output is one JSON record (docs/FORMAT.md); every"
echo "command has --help. Figures on real data: docs/EVAL.md."
