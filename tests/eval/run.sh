#!/bin/sh
# make eval: precision / recall of statspan's facts on the annotated documents
# of fixtures/eval (see tests/eval/eval.c). Usage: run.sh [./statspan] [-v|-vv]
# The binary argument is accepted for the Makefile's sake; the scorer links
# build/libstatspan.a directly. A report, not a test: exit 1 only when the
# annotations are broken.
set -e
cd "$(dirname "$0")/../.."
[ $# -gt 0 ] && case "$1" in -*) ;; *) shift ;; esac
BUILD=${BUILD:-build}
make -s "$BUILD/tests/eval"
exec "$BUILD/tests/eval" "$@" fixtures/eval
