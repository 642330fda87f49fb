#!/usr/bin/env bash
# Every kind of bad input gets one line on stderr naming the file (and line)
# and the reason; the good documents around it are still coded; the exit
# status is 1 when some failed and 2 for usage errors.
set -u
bin=${DYAD_BIN:?DYAD_BIN not set}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
check() { # description, condition...
  local what=$1; shift
  if "$@"; then echo "ok - $what"; else echo "not ok - $what"; fails=$((fails + 1)); fi
}

mkdir -p "$tmp/in/sub"
printf ' date 2026-01-10 Россия и Япония провели переговоры.' > "$tmp/in/01_good.txt"
printf ' date 2026-01-11 Bad \xff\xfe byte here.' > "$tmp/in/02_badutf8.txt"
printf 'text with a \0 NUL byte' > "$tmp/in/03_nul.txt"
head -c 4096 /dev/urandom > "$tmp/in/04_binary.txt"
: > "$tmp/in/05_empty.txt"
printf ' date 2026-02-30 Impossible date.' > "$tmp/in/06_baddate.txt"
printf '{"id":"j1","date":"2026-01-12","text":"Китай ввёл эмбарго."}\n{"id":"j2","text":\n{"id":"j3","date":"2026-13-01","text":"x"}\n{"id":"j4","text":"Fine line."}\n' > "$tmp/in/sub/07_lines.jsonl"
# A 100 MB single line: refused before it is read whole.
head -c 104857600 /dev/zero | tr '\0' 'a' > "$tmp/in/08_huge.txt"
printf ' date 2026-01-13 Последний хороший документ.' > "$tmp/in/09_good.txt"

"$bin" code "$tmp/in" > "$tmp/out.jsonl" 2> "$tmp/err.txt"
rc=$?
cat "$tmp/err.txt"
check "exit status 1 when some documents failed" test "$rc" -eq 1
check "good documents are coded" test "$(grep -c '"format":1' "$tmp/out.jsonl")" -eq 4
check "every output line is JSON" python3 -c "
import json,sys
ids=[json.loads(l)['id'] for l in open('$tmp/out.jsonl')]
assert ids==['01_good','09_good','j1','j4'], ids"
check "invalid UTF-8 named with offset" grep -q "02_badutf8.txt: invalid UTF-8 at byte 4 (line 1)" "$tmp/err.txt"
check "NUL byte named" grep -q "03_nul.txt: binary data: NUL byte at byte 12" "$tmp/err.txt"
check "binary file refused" grep -qE "04_binary.txt: (invalid UTF-8|binary data)" "$tmp/err.txt"
check "empty file named" grep -q "05_empty.txt: empty file" "$tmp/err.txt"
check "impossible date named" grep -q "06_baddate.txt:1: impossible date '2026-02-30'" "$tmp/err.txt"
check "malformed JSON line named" grep -q "07_lines.jsonl:2: malformed JSON" "$tmp/err.txt"
check "JSON impossible date named" grep -q "07_lines.jsonl:3: impossible date '2026-13-01'" "$tmp/err.txt"
check "100 MB line refused" grep -q "08_huge.txt: document too large: 104857600 bytes" "$tmp/err.txt"
check "summary line" grep -q "4 coded (1 without a date), 8 failed" "$tmp/err.txt"
check "one line per bad document, and a summary" test "$(wc -l < "$tmp/err.txt")" -eq 9

# A 100 MB single JSON line is skipped and the next line still read.
{ printf '{"id":"huge","text":"'; head -c 104857600 /dev/zero | tr '\0' 'b'; printf '"}\n{"id":"next","text":"ok"}\n'; } > "$tmp/huge.jsonl"
"$bin" code "$tmp/huge.jsonl" > "$tmp/out2.jsonl" 2> "$tmp/err2.txt"
rc=$?
check "huge JSON line: exit 1" test "$rc" -eq 1
check "huge JSON line named" grep -q "huge.jsonl:1: line longer than" "$tmp/err2.txt"
check "line after the huge one coded" grep -q '"id":"next"' "$tmp/out2.jsonl"

# Missing date: a warning count by default, an error with --require-date.
printf 'No date at all.' > "$tmp/nodate.txt"
"$bin" code "$tmp/nodate.txt" > /dev/null 2> "$tmp/err3.txt"
check "missing date: coded, exit 0" test $? -eq 0
check "missing date: said on stderr" grep -q "1 coded (1 without a date)" "$tmp/err3.txt"
"$bin" code --require-date "$tmp/nodate.txt" > /dev/null 2> "$tmp/err4.txt"
check "--require-date: exit 1" test $? -eq 1
check "--require-date: reason" grep -q "nodate.txt: missing date" "$tmp/err4.txt"
"$bin" code --date 2026-03-01 "$tmp/nodate.txt" > "$tmp/out5.jsonl" 2>/dev/null
check "--date fills the date" grep -q '"date":"2026-03-01"' "$tmp/out5.jsonl"

# stdin, seed format and JSON Lines.
printf ' date 2026-01-10 Из stdin.' | "$bin" code > "$tmp/out6.jsonl"
check "stdin seed format" grep -q '"id":"stdin","date":"2026-01-10"' "$tmp/out6.jsonl"
printf '{"id":"s1","text":"one"}\n{"id":"s2","text":"two"}\n' | "$bin" code - > "$tmp/out7.jsonl"
check "stdin JSON Lines" test "$(wc -l < "$tmp/out7.jsonl")" -eq 2

# Usage errors.
"$bin" code --date 2026-02-30 x 2>/dev/null; check "bad --date is a usage error" test $? -eq 2
"$bin" frobnicate 2>/dev/null; check "unknown command is a usage error" test $? -eq 2
"$bin" code --bogus 2>/dev/null; check "unknown option is a usage error" test $? -eq 2
"$bin" --help | grep -q "usage: dyad COMMAND"; check "dyad --help" test $? -eq 0
"$bin" code --help | grep -q -- "--max-bytes"; check "dyad code --help" test $? -eq 0
"$bin" code --dict /nonexistent x 2>/dev/null; check "missing dictionaries: exit 2" test $? -eq 2

echo "$((29 - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
