#!/usr/bin/env bash
# The dictionaries load and `dyad dict check` finds no problem in them: no
# duplicate entries, unknown codes, overlapping date ranges or entries that
# can never match. A broken pattern (a slot among a word's alternatives) is
# refused with its file and line.
set -u
bin=${DYAD_BIN:?}
dict=${DYAD_DICT:-$(cd "$(dirname "$0")/.." && pwd)/dict}
fails=0
out=$("$bin" dict check 2>&1)
rc=$?
echo "$out" | tail -20
if [ $rc -eq 0 ] && grep -q "; 0 problems" <<< "$out"; then
  echo "ok - the dictionaries have no problem"
else
  echo "not ok - the dictionaries have problems"
  fails=$((fails+1))
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$dict" "$tmp/dict"
n=$(wc -l < "$tmp/dict/ru/events/13_20.txt")
printf '163\t{ЗАПРЕТИТЬ} .. {ЭКСПОРТ} =в +|+\n' >> "$tmp/dict/ru/events/13_20.txt"
bad=$("$bin" dict check --dict "$tmp/dict" 2>&1)
if grep -q "13_20.txt:$((n + 1)): a slot cannot be an alternative" <<< "$bad"; then
  echo "ok - a slot among alternatives is refused with its line"
else
  echo "not ok - a slot among alternatives: $bad"
  fails=$((fails+1))
fi
echo "$((2 - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
