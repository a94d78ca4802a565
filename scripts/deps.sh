#!/bin/sh
# Make sure the libraries statspan builds against are present; install the missing
# Debian/Ubuntu -dev packages when we can (root or sudo), else say the exact line to run.
# Usage: scripts/deps.sh [--test]   (--test also wants the test-only packages)

set -u
# pkg-config module -> Debian package
build_mods="libpcre2-8:libpcre2-dev libxml-2.0:libxml2-dev jansson:libjansson-dev yaml-0.1:libyaml-dev md4c:libmd4c-dev xlsxwriter:libxlsxwriter-dev"
test_mods="cmocka:libcmocka-dev"
mods="$build_mods"
[ "${1:-}" = "--test" ] && mods="$mods $test_mods"

missing=""
command -v pkg-config >/dev/null 2>&1 || missing="pkg-config"
for pair in $mods; do
	mod=${pair%%:*}
	pkg=${pair#*:}
	if ! pkg-config --exists "$mod" 2>/dev/null; then
		missing="$missing $pkg"
	fi
done
# Tools the tests and benchmarks call (no pkg-config module of their own).
if [ "${1:-}" = "--test" ]; then
	command -v pcre2grep >/dev/null 2>&1 || missing="$missing pcre2-utils"
	command -v xmllint >/dev/null 2>&1 || missing="$missing libxml2-utils"
	command -v parallel >/dev/null 2>&1 || missing="$missing parallel"
	command -v jq >/dev/null 2>&1 || missing="$missing jq"
	command -v python3 >/dev/null 2>&1 || missing="$missing python3"
fi
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
