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
# The prefilter as the default build has it, so that fuzz_rules runs it too.
if pkg-config --exists libhs 2>/dev/null; then
	CFLAGS="$CFLAGS -DSS_HAVE_HS $(pkg-config --cflags libhs)"
	LIBS="$LIBS $(pkg-config --libs libhs)"
fi

# The library's sources as the Makefile lists them, its generated ones (embedded
# rules, fold table, word lexicon, hints, report page, start sets) made by the
# Makefile's own rules and copied here.
srcs=$(make -s lib-sources)
gen=$(printf '%s\n' $srcs | grep '^build/gen/')
make -s $gen
lib=""
for g in $gen; do
	cmp -s "$g" "$OUT/$(basename "$g")" || cp "$g" "$OUT/$(basename "$g")"
	lib="$lib $OUT/$(basename "$g")"
done
lib="$(printf '%s\n' $srcs | grep -v '^build/gen/') src/pdf/layout.c src/pdf/wire.c$lib"

# Library objects (coverage-instrumented, no fuzzer main); rebuilt when the source is newer.
objs=""
for src in $lib; do
	obj="$OUT/obj/$(echo "$src" | sed 's|^build/fuzz/||; s|/|_|g; s|\.c$|.o|')"
	mkdir -p "$OUT/obj"
	if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ -n "$(find src include -name '*.h' -newer "$obj" 2>/dev/null | head -1)" ]; then
		"$CLANG" $CFLAGS -Isrc/rules -Isrc/text -Isrc/facts -fsanitize=fuzzer-no-link -c "$src" -o "$obj"
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
# The PDF layout: text layers of the generated test PDFs, in the wire format
# poppler's child sends (after the magic, which the target adds), when the
# PDF tools are built (`make build/tests/pdftext build/tests/genpdf`).
if [ -x build/tests/pdftext ] && [ -x build/tests/genpdf ]; then
	mkdir -p "$OUT/corpus/fuzz_pdf"
	for k in text split table pages; do
		build/tests/genpdf $k "$OUT/seed.pdf" &&
			build/tests/pdftext --wire "$OUT/seed.pdf" | tail -c +7 > "$OUT/seed.wire" &&
			seed fuzz_pdf "$OUT/seed.wire"
	done
	rm -f "$OUT/seed.pdf" "$OUT/seed.wire"
fi
# Every crash found so far is a regression seed (tests/fuzz/regress/<target>/).
for d in tests/fuzz/regress/*/; do
	[ -d "$d" ] && seed "$(basename "$d")" "$d"*
done
echo "fuzz: built$targets in $OUT/"
