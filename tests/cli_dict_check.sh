#!/usr/bin/env bash
# The dictionaries load and `dyad dict check` finds no problem in them: no
# duplicate entries, unknown codes, overlapping date ranges or entries that
# can never match.
set -u
bin=${DYAD_BIN:?}
out=$("$bin" dict check 2>&1)
rc=$?
echo "$out" | tail -20
if [ $rc -eq 0 ] && grep -q "; 0 problems" <<< "$out"; then
  echo "1 passed, 0 failed"
  exit 0
fi
echo "0 passed, 1 failed"
exit 1
