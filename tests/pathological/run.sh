#!/bin/sh
# Pathological inputs (cmark's test/pathological_tests.py idea): each case is
# generated into a temporary directory, extracted together with an ordinary
# document, and must finish within a generous time limit with the exit code
# SPEC gives, a message naming the file when it is bad input, and the other
# document's facts still written.
# Usage: tests/pathological/run.sh ./statspan INJECT.so
#   SS_PATHO_MB: size of the single-line case in MB (100; the ASan run uses less)
set -u
mb=${SS_PATHO_MB:-100}
limit=${SS_PATHO_LIMIT:-100}
. "$(dirname "$0")/setup.sh"

# check NAME FILE RC MESSAGE [ENV...]: extract FILE and good.txt; want exit RC,
# MESSAGE (a fixed string, "" for silence) on stderr with the file's name,
# and good.txt's two facts in the output.
check() {
	name=$1 file=$2 want_rc=$3 want_msg=$4
	shift 4
	t0=$(date +%s)
	env "$@" timeout -k 5 "$limit" "$bin" extract "$file" good.txt > out 2> err
	rc=$?
	secs=$(($(date +%s) - t0))
	why=""
	[ $rc -eq 124 ] && why="timed out after ${limit}s"
	[ -z "$why" ] && [ $rc -ne "$want_rc" ] && why="exit $rc, want $want_rc"
	if [ -z "$why" ] && [ -n "$want_msg" ]; then
		grep -F "$file" err | grep -qF "$want_msg" || why="no message '$want_msg' naming $file"
	fi
	[ -z "$why" ] && [ -z "$want_msg" ] && [ -s err ] && why="unexpected message: $(head -c 200 err)"
	good=$(grep -c '"doc":"good.txt"' out)
	[ -z "$why" ] && [ "$good" -ne 2 ] && why="good.txt has $good facts, want 2"
	if [ -z "$why" ]; then
		pass=$((pass + 1))
		printf 'pathological: %-12s ok   %3ss RC=%s %s\n' "$name" "$secs" "$rc" "$(head -1 err | cut -c1-90)"
	else
		fail=$((fail + 1))
		printf 'pathological: %-12s FAIL %3ss %s\n' "$name" "$secs" "$why"
		head -5 err
	fi
}

# check_facts NAME WANT: the case's own facts (how many came out).
own() { grep -c "\"doc\":\"$1\"" out; }

$gen line100mb line.txt 2>/dev/null
if [ "$mb" -ne 100 ]; then # a smaller single line for slow (sanitizer) builds
	{ head -c $((mb * 1000000)) /dev/zero | tr '\0' a; printf '，营收增长5%%。'; } > line.txt
fi
check line-${mb}mb line.txt 0 ""
[ "$(own line.txt)" -eq 1 ] || { echo "pathological: line: the figure at the end is lost"; fail=$((fail + 1)); }
rm -f line.txt
$gen nested nested.html;     check nested nested.html 0 ""
$gen entities ent.html;      check entities ent.html 0 ""
[ "$(own ent.html)" -eq 1 ] || { echo "pathological: entities: the figure is lost"; fail=$((fail + 1)); }
# A million digits: bounded time, and no rule runs into a PCRE2 limit (the digit
# runs are possessive); hostile.t checks a limit that is hit.
$gen digits digits.txt;      check digits digits.txt 0 ""
$gen numeral numeral.txt;    check numeral numeral.txt 0 ""
$gen percent percent.txt;    check percent percent.txt 0 ""
$gen qualified qual.txt;     check qualified qual.txt 0 ""
$gen figures figures.txt;    check figures figures.txt 0 ""
$gen nul nul.txt;            check nul nul.txt 1 "binary file"
$gen badutf8 bad.txt;        check badutf8 bad.txt 0 "invalid UTF-8"
$gen utf16 u16.txt;          check utf16le u16.txt 0 "UTF-16LE text converted"
$gen utf16be u16be.txt;      check utf16be u16be.txt 0 "UTF-16BE text converted"
$gen gbk gbk.txt;            check gb18030 gbk.txt 0 "GB18030 text converted"
[ "$(own gbk.txt)" -eq 2 ] || { echo "pathological: gb18030: facts lost"; fail=$((fail + 1)); }
$gen gb2312meta meta.html;   check gb2312meta meta.html 0 ""
[ "$(own meta.html)" -eq 2 ] || { echo "pathological: gb2312meta: facts lost"; fail=$((fail + 1)); }
$gen empty empty.txt;        check empty empty.txt 0 "empty file"
$gen symlinkloop loop;       check symlinkloop loop 1 "Too many levels of symbolic links"
$gen fifo fifo;              check fifo fifo 0 "empty file"
if [ -n "$inject" ]; then
	$gen good locked.txt
	check unreadable locked.txt 1 "Permission denied" LD_PRELOAD="$inject" SS_INJECT_EACCES=locked.txt ASAN_OPTIONS=verify_asan_link_order=0
	$gen big big.txt
	check read-error big.txt 1 "Input/output error" LD_PRELOAD="$inject" SS_INJECT_EIO=big.txt ASAN_OPTIONS=verify_asan_link_order=0
	# A regular file is read by one read(2) of its size plus one byte: short,
	# so the end (a batch reads tens of thousands of small files).
	$gen good counted.txt
	rm -f reads
	check read-once counted.txt 0 "" LD_PRELOAD="$inject" SS_INJECT_COUNT=counted.txt SS_INJECT_COUNT_OUT=reads ASAN_OPTIONS=verify_asan_link_order=0
	if [ "$(cat reads 2>/dev/null)" != 1 ]; then
		echo "pathological: read-once: counted.txt took $(cat reads 2>/dev/null) reads, want 1"
		fail=$((fail + 1))
	fi
fi
echo "pathological: $pass passed, $fail failed"
[ $fail -eq 0 ]
