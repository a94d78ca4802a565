#!/bin/sh
# Make sure the libraries statspan builds against are present; install the missing
# Debian/Ubuntu -dev packages when we can (root or sudo), else say the exact line to run.
# Usage: scripts/deps.sh [--test] [--hs] [--currencies]   (--test also wants the
# test-only packages, --hs Vectorscan, which make HS=1 insists on; without --hs
# Vectorscan is optional: used when found, noted when not; --currencies ICU,
# for `make currencies` only)

set -u
# pkg-config module -> Debian package
build_mods="libpcre2-8:libpcre2-dev libxml-2.0:libxml2-dev jansson:libjansson-dev yaml-0.1:libyaml-dev md4c:libmd4c-dev xlsxwriter:libxlsxwriter-dev"
# poppler-glib is optional for the build (without it PDF input is not built)
# and wanted by the tests, which read PDFs.
test_mods="cmocka:libcmocka-dev poppler-glib:libpoppler-glib-dev"
mods="$build_mods"
for a in "$@"; do
	case $a in
	--test) mods="$mods $test_mods" ;;
	--hs) mods="$mods libhs:libvectorscan-dev" ;;
	# ICU's currency names feed rules/02-currencies.rules (optional: the file is committed)
	--currencies) mods="icu-uc:libicu-dev" ;;
	esac
done

missing=""
command -v pkg-config >/dev/null 2>&1 || missing="pkg-config"
for pair in $mods; do
	mod=${pair%%:*}
	pkg=${pair#*:}
	if ! pkg-config --exists "$mod" 2>/dev/null; then
		missing="$missing $pkg"
	fi
done
# The traditional-to-simplified fold table is generated from OpenCC's character
# dictionary (libopencc-data) with its converter, opencc_dict (opencc).
if [ "${1:-}" != "--currencies" ]; then
	opencc_data=${OPENCC_DATA:-/usr/share/opencc}
	[ -f "$opencc_data/TSCharacters.ocd2" ] || missing="$missing libopencc-data"
	command -v opencc_dict >/dev/null 2>&1 || missing="$missing opencc"
	# The subject finder's word lexicon is generated from jieba's dictionary.
	[ -f "${JIEBA_DICT:-/usr/lib/python3/dist-packages/jieba/dict.txt}" ] ||
		missing="$missing python3-jieba"
fi
# Tools the tests and benchmarks call (no pkg-config module of their own).
case " $* " in *" --test "*) testing=1 ;; *) testing=0 ;; esac
if [ $testing = 1 ]; then
	command -v pcre2grep >/dev/null 2>&1 || missing="$missing pcre2-utils"
	command -v xmllint >/dev/null 2>&1 || missing="$missing libxml2-utils"
	command -v parallel >/dev/null 2>&1 || missing="$missing parallel"
	command -v jq >/dev/null 2>&1 || missing="$missing jq"
	command -v python3 >/dev/null 2>&1 || missing="$missing python3"
	# CJK text of PDFs whose fonts are not embedded (HKEX filings) needs
	# poppler's CMaps; without them it reads as nothing.
	[ -d /usr/share/poppler/cMap ] || missing="$missing poppler-data"
fi
# Vectorscan (or Hyperscan) is optional: the rule scan's prefilter, the same
# output without it.
case " $* " in
*" --hs "* | *" --currencies "*) ;;
*) pkg-config --exists libhs 2>/dev/null ||
	echo "statspan: note: libvectorscan-dev not installed; building without the rule scan's prefilter (optional)" >&2 ;;
esac
missing=$(echo $missing)
[ -z "$missing" ] && exit 0

echo "statspan: missing packages: $missing" >&2
if [ ! -x /usr/bin/apt-get ]; then
	echo "statspan: install these with your package manager, then run make again" >&2
	exit 1
fi
if [ "$(id -u)" = 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo="sudo"
else
	echo "statspan: run: sudo apt-get update && sudo apt-get install -y $missing" >&2
	exit 1
fi
echo "statspan: installing: $missing" >&2
export DEBIAN_FRONTEND=noninteractive
if ! $sudo apt-get install -y $missing >&2; then
	$sudo apt-get update >&2 && $sudo apt-get install -y $missing >&2 || {
		echo "statspan: run: sudo apt-get update && sudo apt-get install -y $missing" >&2
		exit 1
	}
fi
exit 0
