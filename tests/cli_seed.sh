#!/usr/bin/env bash
# The founding article: one valid JSON record with its id, date and language.
set -u
bin=${DYAD_BIN:?}
seed="${DYAD_SHARED:-../shared}/seed/000_5d1a5c883e097dad.txt"
if [ ! -f "$seed" ]; then
  echo "skip: $seed not found (../shared is absent)"
  exit 77
fi
out=$("$bin" code "$seed") || { echo "not ok - dyad code failed"; exit 1; }
python3 - "$out" <<'PY'
import json, sys
lines = sys.argv[1].splitlines()
assert len(lines) == 1, f"{len(lines)} records"
r = json.loads(lines[0])
assert r["id"] == "000_5d1a5c883e097dad", r["id"]
assert r["date"] == "2026-02-12", r["date"]
assert r["lang"] == "ru", r["lang"]
assert r["size"]["sentences"] >= 19, r["size"]
text = r["text"]
for s in r["sentences"]:
    a, b = s["span"]
    assert text[a:b] == s["text"], (s["i"], text[a:b], s["text"])
print("1 passed, 0 failed")
PY
