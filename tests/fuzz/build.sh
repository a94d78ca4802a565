#!/bin/sh
# Build the libFuzzer targets: the library sources compiled with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer (and fuzzer coverage) into
# build/fuzz/, each tests/fuzz/fuzz_*.c linked against them with
# -fsanitize=fuzzer. Seed corpora are made from fixtures/ and the test tables
# into build/fuzz/corpus/<target>/ (nothing is stored in the repository).
# Usage: tests/fuzz/build.sh        (from the top of the tree; `make fuzz`)
set -eu
CLANG=${CLANG:-clang}
OUT=build/fuzz
PKGS="libpcre2-8 libxml-2.0 jansson yaml-0.1 md4c xlsxwriter"

if ! command -v "$CLANG" >/dev/null 2>&1; then
	echo "fuzz: clang not found (install clang, or set CLANG=clang-NN)" >&2
	exit 1
fi
# libFuzzer's runtime ships apart from the compiler on Debian (libclang-rt-NN-dev).
rt=$("$CLANG" -print-file-name=libclang_rt.fuzzer-x86_64.a 2>/dev/null || true)
probe() {
	echo 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n){return 0;}' |
		"$CLANG" -x c -fsanitize=fuzzer -o "$OUT/.probe" - >/dev/null 2>&1
}
mkdir -p "$OUT"
if ! probe; then
	ver=$("$CLANG" -dumpversion | cut -d. -f1)
	pkg="libclang-rt-$ver-dev"
	echo "fuzz: clang's libFuzzer runtime is missing (${rt:-?}); installing $pkg" >&2
	sudo=""
	[ "$(id -u)" = 0 ] || sudo="sudo"
	if ! { $sudo apt-get install -y "$pkg" >&2 || { $sudo apt-get update >&2 && $sudo apt-get install -y "$pkg" >&2; }; } || ! probe; then
		echo "fuzz: run: sudo apt-get install -y $pkg" >&2
		exit 1
	fi
fi
rm -f "$OUT/.probe"

SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
CFLAGS="-std=c11 -Wall -Wextra -Wno-unused-parameter -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O1 -g $SAN -Iinclude -Isrc $(pkg-config --cflags $PKGS)"
LIBS="$(pkg-config --libs $PKGS) -lpthread -lm"

# The embedded default rules, generated the way the Makefile does.
cc -O1 -o "$OUT/embed" scripts/embed.c
"$OUT/embed" rules/*.rules > "$OUT/default_rules.c.tmp" && mv "$OUT/default_rules.c.tmp" "$OUT/default_rules.c"
# The report's page, embedded the same way.
cc -O1 -o "$OUT/embed_text" scripts/embed_text.c
"$OUT/embed_text" ss_report_template src/export/assets/report.html > "$OUT/report_template.c.tmp" &&
	mv "$OUT/report_template.c.tmp" "$OUT/report_template.c"

# Library objects (coverage-instrumented, no fuzzer main); rebuilt when the source is newer.
objs=""
for src in src/util/*.c src/text/*.c src/numeral/*.c src/rules/*.c src/facts/*.c src/pipeline/*.c src/export/*.c "$OUT/default_rules.c" "$OUT/report_template.c"; do
	obj="$OUT/obj/$(echo "$src" | sed 's|^build/fuzz/||; s|/|_|g; s|\.c$|.o|')"
	mkdir -p "$OUT/obj"
	if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ -n "$(find src include -name '*.h' -newer "$obj" 2>/dev/null | head -1)" ]; then
		"$CLANG" $CFLAGS -Isrc/rules -fsanitize=fuzzer-no-link -c "$src" -o "$obj"
	fi
	objs="$objs $obj"
done

targets=""
for t in tests/fuzz/fuzz_*.c; do
	name=$(basename "$t" .c)
	"$CLANG" $CFLAGS -fsanitize=fuzzer -o "$OUT/$name" "$t" $objs $LIBS
	targets="$targets $name"
done

# Seed corpora, one file per seed, named by content so reruns do not pile up.
seed() { # seed TARGET FILE...
	d="$OUT/corpus/$1"; shift
	mkdir -p "$d"
	for f in "$@"; do
		[ -f "$f" ] && cp "$f" "$d/$(cksum < "$f" | cut -d' ' -f1)"
	done
	return 0
}
docs=$(ls fixtures/*.md fixtures/*.html fixtures/*.txt 2>/dev/null | grep -v SOURCES.md)
seed fuzz_reader $docs
seed fuzz_html fixtures/*.html $(grep -l '<' fixtures/*.md)
seed fuzz_markdown fixtures/*.md
seed fuzz_rules rules/*.rules
# Numerals: one seed per line of the numeral tables' input column.
mkdir -p "$OUT/corpus/fuzz_numeral"
for tbl in tests/table/*.test; do
	grep -v '^#' "$tbl" | grep -v '^%%' | awk 'NF' | head -400 |
		while IFS= read -r line; do
			printf '%s' "$line" > "$OUT/corpus/fuzz_numeral/s.tmp"
			mv "$OUT/corpus/fuzz_numeral/s.tmp" "$OUT/corpus/fuzz_numeral/$(printf '%s' "$line" | cksum | cut -d' ' -f1)"
		done
done
# Every crash found so far is a regression seed (tests/fuzz/regress/<target>/).
for d in tests/fuzz/regress/*/; do
	[ -d "$d" ] && seed "$(basename "$d")" "$d"*
done
echo "fuzz: built$targets in $OUT/"
