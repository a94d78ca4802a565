#!/bin/sh
# PDF tests: the transcripts of tests/pdf/*.t (generated PDFs, good and
# hostile), then the box invariant over every fact of the real PDFs in
# ../shared/corpus-extra/pdf when they are there. Built without poppler,
# only that a PDF input is refused with a clear message.
# Usage: tests/pdf/run.sh ./statspan BUILD/tests yes|no
set -u
bin=$1 tools=$2 poppler=${3:-}
if [ "$poppler" != yes ]; then
	printf '%%PDF-1.4\n' > /tmp/statspan-nopdf.$$.pdf
	out=$($bin extract /tmp/statspan-nopdf.$$.pdf 2>&1); rc=$?
	rm -f /tmp/statspan-nopdf.$$.pdf
	case "$out" in
	*"built without PDF support"*) [ $rc -eq 1 ] && { echo "pdf: built without poppler; a PDF input is refused (RC=1)"; exit 0; } ;;
	esac
	echo "pdf: without poppler a PDF input should be refused clearly, got RC=$rc: $out"
	exit 1
fi
GENPDF=$(cd "$tools" && pwd)/genpdf PDFTEXT=$(cd "$tools" && pwd)/pdftext
export GENPDF PDFTEXT
sh tests/cli/run.sh "$bin" tests/pdf || exit 1
corpus=../shared/corpus-extra/pdf
if [ -d "$corpus" ]; then
	"$tools/box_check" "$corpus"/*.pdf > /tmp/statspan-box.$$ ; rc=$?
	tail -1 /tmp/statspan-box.$$ | sed 's/^/pdf: /'
	[ $rc -eq 0 ] || head -20 /tmp/statspan-box.$$
	rm -f /tmp/statspan-box.$$
	exit $rc
fi
echo "pdf: box check skipped ($corpus not found)"
