#!/bin/sh
# make hostile: the second hostile pass (issue 10), each class with bounded
# time (timeout) and, where the class is about memory, bounded memory
# (ulimit -v). Every case also extracts good.txt, whose facts must come out.
# Usage: tests/pathological/hostile.sh ./statspan [INJECT.so]
#   SS_HOSTILE_SAN=1: a sanitizer build (ulimit -v cases are skipped: ASan
#   maps terabytes of shadow memory)
#   SS_HOSTILE_HEAVY=1: also the slow cases (the 100 MB document at -j2)
set -u
san=${SS_HOSTILE_SAN:-0}
heavy=${SS_HOSTILE_HEAVY:-0}
. "$(dirname "$0")/setup.sh"
skip=0
export ASAN_OPTIONS=verify_asan_link_order=0

ok() { pass=$((pass + 1)); printf 'hostile: %-22s ok\n' "$1"; }
bad() { fail=$((fail + 1)); printf 'hostile: %-22s FAIL %s\n' "$1" "$2"; head -5 err 2>/dev/null; }
skipped() { skip=$((skip + 1)); printf 'hostile: %-22s skipped (%s)\n' "$1" "$2"; }

# run SECS CMD...: CMD with stdout in out, stderr in err, its exit code in rc.
run() {
	secs=$1; shift
	timeout -k 5 "$secs" "$@" > out 2> err
	rc=$?
}
# expect NAME RC MESSAGE GOODFACTS: the last run gave RC, MESSAGE (a fixed
# string) on stderr, and GOODFACTS records of good.txt in out.
expect() {
	why=""
	[ $rc -eq 124 ] && why="timed out"
	[ -z "$why" ] && [ $rc -ne "$2" ] && why="exit $rc, want $2"
	[ -z "$why" ] && [ -n "$3" ] && ! grep -qF -- "$3" err && why="no message '$3'"
	n=$(grep -c '"doc":"good.txt"' out)
	[ -z "$why" ] && [ "$n" -ne "$4" ] && why="good.txt has $n facts, want $4"
	if [ -z "$why" ]; then ok "$1"; else bad "$1" "$why"; fi
}
no_tmp() { ! ls -A | grep -q 'statspan-tmp'; }

# 1. Silent loss: a read error in a list or a JSONL input is an error that
# names the input and the line; what came before is kept.
printf '{"id":"good.txt","content":"%s"}\n' "$(cat good.txt)" > one.jsonl
perl -e 'print "{\"id\":\"pad\",\"content\":\"", "x" x 300000, "\"}\n"' > pad.jsonl
cat one.jsonl pad.jsonl pad.jsonl one.jsonl > jl.jsonl
if [ -n "$inject" ]; then
	run 30 env LD_PRELOAD="$inject" SS_INJECT_EIO=jl.jsonl "$bin" extract --jsonl-in jl.jsonl
	expect jsonl-read-error 1 "jl.jsonl:2: cannot read: Input/output error" 2
	# good.txt, then names past the first read (64 KB), which fails
	perl -e 'print "good.txt\n", map { "./" x 1996, "none$_\n" } 1..40' > list
	run 30 env LD_PRELOAD="$inject" SS_INJECT_EIO=list "$bin" extract --files-from list
	expect list-read-error 1 "cannot read: Input/output error" 2
else
	skipped read-errors "no inject.so"
fi
run 20 "$bin" extract --jsonl-in /dev/zero one.jsonl
expect jsonl-dev-zero 1 "/dev/zero:1: longer than 16777216 bytes with a NUL byte" 2
run 20 "$bin" extract --files-from /dev/zero good.txt
expect list-dev-zero 1 "/dev/zero:1: longer than 4096 bytes" 2
if [ "$san" = 1 ]; then
	skipped jsonl-line-enomem "ulimit -v under ASan"
else
	# A line that does not fit in memory is skipped with a message; the
	# lines after it are read.
	{ cat one.jsonl; printf '{"id":"big","content":"'; head -c 200000000 /dev/zero | tr '\0' a
	  printf '"}\n'; cat one.jsonl; } > bigline.jsonl
	run 60 sh -c "ulimit -v 300000; exec '$bin' extract -j1 --jsonl-in bigline.jsonl"
	expect jsonl-line-enomem 1 "bigline.jsonl:2: cannot read the line: Cannot allocate memory" 4
	rm -f bigline.jsonl
fi

# 2. Closed standard streams: nothing lands in the output file.
$gen nul nul.txt
run 20 sh -c "'$bin' extract -o o.jsonl nul.txt good.txt 2>&-"
if [ $rc -eq 1 ] && ! grep -q 'binary' o.jsonl && [ "$(grep -c good.txt o.jsonl)" -eq 2 ]; then
	ok closed-stderr; else bad closed-stderr "rc $rc, o.jsonl: $(head -c 100 o.jsonl)"; fi
cp one.jsonl self.jsonl
run 20 sh -c "'$bin' extract --jsonl-in -o self.jsonl <&-"
if [ $rc -eq 0 ] && [ ! -s self.jsonl ]; then ok closed-stdin; else bad closed-stdin "rc $rc"; fi
run 20 sh -c "'$bin' extract good.txt >&-"
[ $rc -eq 0 ] && ok closed-stdout || bad closed-stdout "rc $rc" # written to /dev/null

# 3. Out of memory: the document that does not fit fails alone; the others
# are written, and no temporary file is left.
if [ "$san" = 1 ]; then
	skipped out-of-memory "ulimit -v under ASan"
else
	perl -e 'print "2023年营收同比增长5.2%，净利润达到3.5亿元，约三成客户来自海外。\n" x 1200000' > huge.txt
	run 60 sh -c "ulimit -v 1000000; exec '$bin' extract -j1 -o oom.jsonl good.txt huge.txt good.txt"
	cp oom.jsonl out 2>/dev/null
	expect oom-j1 1 "'huge.txt': Cannot allocate memory" 4
	no_tmp || bad oom-tmp "a temporary file is left"
	run 60 sh -c "ulimit -v 1000000; exec '$bin' extract -j1 good.txt - good.txt < huge.txt"
	expect oom-stdin 1 "'-': Cannot allocate memory" 4
	if [ "$heavy" = 1 ]; then
		run 120 sh -c "ulimit -v 1500000; exec '$bin' extract -j2 good.txt huge.txt good.txt"
		expect oom-j2 1 "'huge.txt': Cannot allocate memory" 4
	fi
	rm -f huge.txt
fi

# 5. Hangs: empty names are errors, endless input ends.
run 20 "$bin" extract --files-from /dev/zero -0 good.txt
expect null-list-dev-zero 1 "too many bad names in a row" 2
printf 'good.txt\0\0good.txt\0' > nl0
run 20 "$bin" extract --files-from nl0 -0
expect null-list-empty 1 "nl0:2: an empty name" 4

# 6. Signals: the temporary goes, the exit is 128 + signal, the old file stays.
mkfifo slow
for s in TERM:143 INT:130 HUP:129; do
	sig=${s%:*} want=${s#*:}
	echo old > sig.jsonl
	exec 3<> slow # a writer that never writes: the read waits
	env --default-signal="$sig" "$bin" extract -o sig.jsonl good.txt slow > out 2> err & p=$!
	sleep 0.5
	kill -"$sig" $p; wait $p 2>/dev/null; rc=$?
	exec 3>&-
	if [ $rc -eq "$want" ] && no_tmp && [ "$(cat sig.jsonl)" = old ]; then ok "signal-$sig"
	else bad "signal-$sig" "rc $rc (want $want), $(ls -A | grep statspan-tmp)"; fi
done
echo old > keep.jsonl; chmod 600 keep.jsonl
run 20 "$bin" extract -o keep.jsonl good.txt
m=$(stat -c %a keep.jsonl)
[ "$m" = 600 ] && [ $rc -eq 0 ] && ok keep-mode || bad keep-mode "mode $m"
if [ "$(id -u)" = 0 ] && id nobody > /dev/null 2>&1; then
	echo old > own.jsonl; chown nobody own.jsonl
	run 20 "$bin" extract -o own.jsonl good.txt
	u=$(stat -c %U own.jsonl)
	[ "$u" = nobody ] && [ $rc -eq 0 ] && ok keep-owner || bad keep-owner "owner $u"
else
	skipped keep-owner "not root"
fi

# 7. Names: not UTF-8, or with terminal controls.
cp good.txt "$(printf 'bad\377.txt')"; cp good.txt "$(printf 'esc\033]0;x\a.txt')"
run 20 "$bin" extract -f json "$(printf 'bad\377.txt')" "$(printf 'esc\033]0;x\a.txt')" good.txt
if [ $rc -eq 0 ] && jq -e . out > /dev/null 2>&1 && grep -qF "'bad\\377.txt'" err; then
	ok name-not-utf8; else bad name-not-utf8 "rc $rc or invalid JSON"; fi
run 20 "$bin" extract "$(printf 'no\033[2J\033]0;t\a')" good.txt
if [ $rc -eq 1 ] && ! grep -q "$(printf '\033')" err && grep -qF 'no\033[2J\033]0;t\a' err; then
	ok name-controls; else bad name-controls "rc $rc: $(cat -v err | head -2)"; fi

echo "hostile: $pass passed, $fail failed${skip:+, $skip skipped}"
[ $fail -eq 0 ]
