# setup.sh - sourced by the pathological suites (run.sh, hostile.sh) with
# their arguments ./statspan [INJECT.so]: absolute paths to the binary, the
# fault-injection shim and the generator; a scratch directory, removed at
# exit, as the working directory, with an ordinary document good.txt in it.
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
inject=${2:+$(cd "$(dirname "$2")" && pwd)/$(basename "$2")}
gen="sh $(pwd)/tests/pathological/gen.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
$gen good good.txt
pass=0 fail=0
