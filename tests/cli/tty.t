# At a terminal (a pseudo-terminal from tests/cli/tools/pty_run.py; run.sh
# skips this file with a note where python3 has no pty module)
# no path and a terminal on standard input: the user forgot the paths
python3 tests/cli/tools/pty_run.py $STATSPAN extract
python3 tests/cli/tools/pty_run.py $STATSPAN extract -f csv --columns kind,value fixtures/finna-e0003.txt
# --progress with records to the same terminal: the line is wiped before
# records, so that none starts after the progress text (the second input, a
# pipe, holds the run for two seconds so that the line is drawn)
(sleep 2; printf '增长5%%\n') | python3 tests/cli/tools/pty_run.py --keep-stdin $STATSPAN extract --progress -j1 -f tsv fixtures/finna-e0003.txt - fixtures/fnsc-00006.txt | cut -f1,4
(sleep 3; printf '增长5%%\n') | python3 tests/cli/tools/pty_run.py --raw --keep-stdin $STATSPAN extract --progress -j1 -f tsv fixtures/finna-e0003.txt - fixtures/fnsc-00006.txt | grep -c 'statspan: 2/3 files'
# JSON ends its records mid-line: the line waits for the end
(sleep 2; printf '增长5%%\n') | python3 tests/cli/tools/pty_run.py --keep-stdin $STATSPAN extract --progress -j1 -f json --columns value fixtures/finna-e0003.txt - fixtures/fnsc-00006.txt | cut -c1-50
