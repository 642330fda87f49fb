#!/usr/bin/env bash
# Golden test on the founding article: every gold actor with the right code,
# all six required events with the right dyad and root, no false alarm (the
# nonevent sentence respected), the quotes with their speakers, the dates,
# and the six attitudes and no other.
set -u
bin=${DYAD_BIN:?}
gold="${DYAD_SHARED:-../shared}/gold/dev/seed.jsonl"
if [ ! -f "$gold" ]; then
  echo "skip: $gold not found (../shared is absent)"
  exit 77
fi
out=$("$bin" eval --details "$gold") || { echo "not ok - dyad eval failed"; echo "$out"; exit 1; }
echo "$out"
fails=0
check() { if grep -qF -- "$2" <<< "$out"; then echo "ok - $1"; else echo "not ok - $1"; fails=$((fails+1)); fi; }
check "all 14 actors with their codes" "actors (name, code)      precision 1.000  recall 1.000  (14 gold, 14 system)"
check "all 6 required events, no false alarm" "required gold 6, hits 6, false alarms 0"
check "explicit and implicit recall" "recall explicit 1.000 (4/4)   implicit 1.000 (2/2)"
check "the 3 quotes with their speakers" "speaker accuracy 1.000 (3/3; 3 found)"
check "the 3 dates" "accuracy 1.000 (3/3; 3 found)"
check "the 6 attitudes and no other" "precision 1.000  recall 1.000  F1 1.000  (6 gold, 6 ours"
echo "$((6 - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
