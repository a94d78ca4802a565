#!/bin/sh
# The library as its users meet it (make api, part of make test):
#   symbols    nm -D on the .so lists only ss_ names, exactly those statspan.h
#              declares with SS_API; the soname is libstatspan.so.MAJOR
#   c++        the header compiles as C++ (g++ -Wall -Wextra -Werror) and as
#              strict C99
#   install    make install into a temporary prefix (and with DESTDIR), the
#              example built there through pkg-config alone, run, uninstalled
#   manpage    --help and statspan(1) list the same options (manpage.sh)
#   python     the Python module's tests (skipped with a note without python3)
# Usage: tests/lib/run.sh ./statspan BUILD
set -u
bin=$1 build=$2
make=${MAKE:-make}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "api: $1 ok"; }
bad() { fail=$((fail + 1)); echo "api: $1 FAILED"; [ -f "$tmp/log" ] && head -30 "$tmp/log"; }

# ---- symbols
so=$build/libstatspan.so
nm -D --defined-only "$so" | awk '{print $3}' | sort > "$tmp/syms"
sed -n 's/^SS_API .*[ *]\([a-z_0-9]*\)(.*/\1/p' include/statspan.h | sort > "$tmp/decl"
if [ -s "$tmp/syms" ] && ! grep -qv '^ss_' "$tmp/syms" && diff "$tmp/decl" "$tmp/syms" > "$tmp/log"; then
	ok "symbols ($(wc -l < "$tmp/syms") exported, all ss_, as declared)"
else
	grep -v '^ss_' "$tmp/syms" | head >> "$tmp/log"; bad "symbols (< declared only, > exported only)"
fi
rm -f "$tmp/log"
if readelf -d "$so" | grep -q 'SONAME.*\[libstatspan\.so\.[0-9]*\]'; then ok "soname"; else bad "soname"; fi

# ---- the header as C++ and as strict C
printf '#include <statspan.h>\nint main(void) { return ss_version() == 0; }\n' > "$tmp/h.c"
if command -v g++ > /dev/null; then
	if g++ -fsyntax-only -x c++ -std=c++11 -Wall -Wextra -Werror -pedantic -Iinclude "$tmp/h.c" > "$tmp/log" 2>&1; then
		ok "c++ header"; else bad "c++ header"; fi
else
	echo "api: c++ header skipped (no g++)"
fi
rm -f "$tmp/log"
if ${CC:-cc} -fsyntax-only -std=c99 -Wall -Wextra -Werror -pedantic -Iinclude "$tmp/h.c" > "$tmp/log" 2>&1; then
	ok "c99 header"; else bad "c99 header"; fi
rm -f "$tmp/log"

# ---- install, build the example through pkg-config alone, uninstall
p=$tmp/prefix
if $make -s install PREFIX="$p" BUILD="$build" > "$tmp/log" 2>&1; then
	missing=""
	for f in bin/statspan lib/libstatspan.a lib/libstatspan.so lib/libstatspan.so.0 \
		include/statspan.h lib/pkgconfig/statspan.pc share/statspan/rules/money.rules \
		share/man/man1/statspan.1 share/man/man3/statspan.3; do
		[ -e "$p/$f" ] || missing="$missing $f"
	done
	if [ -z "$missing" ]; then ok "install"; else echo "missing:$missing" > "$tmp/log"; bad "install"; fi
	rm -f "$tmp/log"
	export PKG_CONFIG_PATH="$p/lib/pkgconfig"
	if ${CC:-cc} -std=c11 -Wall -Wextra -Werror -o "$tmp/example" examples/extract.c \
		$(pkg-config --cflags --libs statspan) > "$tmp/log" 2>&1 &&
		LD_LIBRARY_PATH="$p/lib" "$tmp/example" > "$tmp/out" 2>> "$tmp/log" &&
		grep -q '^1:12 \[27,37) money    190900000000 CNY  1909亿元' "$tmp/out" &&
		grep -q '^statspan [0-9.]*: 2 facts$' "$tmp/out" &&
		LD_LIBRARY_PATH="$p/lib" ldd "$tmp/example" | grep -q "$p/lib/libstatspan.so.0"; then
		ok "example through pkg-config (shared)"
	else
		cat "$tmp/out" >> "$tmp/log" 2>/dev/null; bad "example through pkg-config (shared)"
	fi
	rm -f "$tmp/log"
	if ${CC:-cc} -std=c11 -o "$tmp/example-static" examples/extract.c \
		$(pkg-config --cflags statspan) "$p/lib/libstatspan.a" $(pkg-config --static --libs-only-l statspan | sed 's/-lstatspan//') \
		> "$tmp/log" 2>&1 && "$tmp/example-static" | grep -q ': 2 facts$'; then
		ok "example against libstatspan.a"
	else bad "example against libstatspan.a"; fi
	rm -f "$tmp/log"
	if command -v python3 > /dev/null && [ -z "${SS_NO_PYTHON:-}" ]; then
		# the installed library, found by the system's search
		if LD_LIBRARY_PATH="$p/lib" PYTHONPATH=python python3 -c \
			'import statspan; assert statspan.extract("增长19.3%")[0]["value"] == 19.3' > "$tmp/log" 2>&1; then
			ok "python finds the installed library"; else bad "python finds the installed library"; fi
		rm -f "$tmp/log"
	fi
	"$p/bin/statspan" --version | grep -q '^statspan [0-9]' && ok "installed binary" || bad "installed binary"
	$make -s uninstall PREFIX="$p" BUILD="$build" > "$tmp/log" 2>&1
	left=$(find "$p" -type f -o -type l)
	if [ -z "$left" ]; then ok "uninstall"; else echo "left: $left" > "$tmp/log"; bad "uninstall"; fi
	rm -f "$tmp/log"
	# DESTDIR: the files land under it, the .pc still names PREFIX
	$make -s install PREFIX=/opt/ss DESTDIR="$tmp/dest" BUILD="$build" > "$tmp/log" 2>&1
	if [ -x "$tmp/dest/opt/ss/bin/statspan" ] && grep -q '^prefix=/opt/ss$' "$tmp/dest/opt/ss/lib/pkgconfig/statspan.pc"; then
		ok "install DESTDIR"; else bad "install DESTDIR"; fi
	rm -f "$tmp/log"
else
	bad "install"
fi

# ---- the manual against --help
if sh tests/lib/manpage.sh "$bin" > "$tmp/log" 2>&1; then ok "manpage"; else bad "manpage"; fi
rm -f "$tmp/log"

# ---- python
if command -v python3 > /dev/null && [ -z "${SS_NO_PYTHON:-}" ]; then
	if STATSPAN_LIB="$build/libstatspan.so" python3 tests/lib/test_python.py "$bin" > "$tmp/log" 2>&1; then
		ok "python ($(sed -n 's/^Ran \([0-9]*\) tests.*/\1/p' "$tmp/log") tests)"
	else bad "python"; fi
	rm -f "$tmp/log"
	# the library next to the module, with no variable
	mkdir -p "$tmp/py" && cp -r python/statspan "$tmp/py/" && cp "$build/libstatspan.so.0" "$tmp/py/statspan/" 2>/dev/null ||
		cp -L "$build/libstatspan.so.0" "$tmp/py/statspan/"
	if (cd "$tmp" && env -u STATSPAN_LIB PYTHONPATH=py python3 -c \
		'import statspan, os; assert statspan._lib is None; statspan.version(); print(statspan._lib._name)') > "$tmp/log" 2>&1 &&
		grep -q "py/statspan/libstatspan.so.0" "$tmp/log"; then
		ok "python finds the library next to it"; else bad "python finds the library next to it"; fi
	rm -f "$tmp/log"
else
	echo "api: python skipped (no python3; the module needs python3 and nothing else)"
fi
echo "api: $pass passed, $fail failed"
[ $fail -eq 0 ]
