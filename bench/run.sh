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
