#!/usr/bin/env bash
# make demo: code the demo corpus in examples/ and show what dyad found.
set -euo pipefail
bin=${1:-build/dyad}
cd "$(dirname "$0")/.."
out=$(mktemp)
trap 'rm -f "$out"' EXIT

echo "== dyad $("$bin" version | cut -d' ' -f2): coding the demo corpus (examples/) =="
"$bin" code examples/ > "$out"
python3 - "$out" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
print(f"{len(recs)} documents, {sum(r['size']['sentences'] for r in recs)} sentences, "
      f"{sum(r['size']['tokens'] for r in recs)} tokens\n")
print(f"{'id':38} {'date':10} {'lang':4} {'sent':>4}  first sentence")
for r in recs:
    first = r["sentences"][0]["text"] if r["sentences"] else ""
    if len(first) > 70: first = first[:67] + "..."
    print(f"{r['id'][:38]:38} {r['date'] or '-':10} {r['lang']:4} {r['size']['sentences']:>4}  {first}")
PY
echo
echo "Each line of 'dyad code' output is one JSON record (docs/FORMAT.md):"
echo "  $bin code examples/01_lavrov_motegi_call.txt | python3 -m json.tool | head -40"
