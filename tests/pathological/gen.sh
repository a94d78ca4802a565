#!/bin/sh
# Generators for pathological documents (cmark's test/pathological_tests.py
# idea): nothing here is stored, every case is made on the spot.
# Usage: gen.sh CASE FILE      (writes FILE; FIFO and symlink cases make those)
# Needs only sh, head, tr, printf, perl (Debian's perl-base) and iconv.
set -eu
case=$1 f=$2
rep() { # rep COUNT STRING: STRING COUNT times, no newline
	perl -e 'print $ARGV[1] x $ARGV[0]' "$1" "$2"
}
case $case in
line100mb)   # a 100 MB single line, a figure at the very end
	{ head -c 100000000 /dev/zero | tr '\0' 'a'; printf '，营收增长5%%。'; } > "$f" ;;
nested)      # 100,000 nested tags around a figure
	{ rep 100000 '<div>'; printf '营收增长5%%'; rep 100000 '</div>'; } > "$f" ;;
entities)    # a million entities, then a figure
	{ printf '<p>'; rep 1000000 '&amp;&#20;&nbsp;'; printf '营收增长5%%</p>'; } > "$f" ;;
digits)      # a million-digit number
	{ printf '增长'; rep 1000000 7; printf '%%，营收增长5%%。'; } > "$f" ;;
numeral)     # a 10,000-character Chinese numeral
	{ printf '营收'; rep 2500 '一百二十'; printf '亿元，增长5%%。'; } > "$f" ;;
figures)     # one line of 30,000 figures and no full stop: one huge sentence
	rep 30000 '营收增长5%，' > "$f" ;;
qualified)   # 300,000 qualified numbers, their units only at the very end:
             # every try between reads the same run up to that end
	{ rep 300000 '约1，'; printf '5%%元家个。'; } > "$f" ;;
percent)     # a page of nothing but % signs
	rep 1000000 '%' > "$f" ;;
nul)         # NUL bytes (a binary file)
	perl -e 'print "a" x 100, "\0" x 1000, "增长5%"' > "$f" ;;
badutf8)     # every class of invalid UTF-8, then a figure
	perl -e 'print "\x80 \xBF \xC0\xAF \xC1\xBF \xE0\x80\xAF \xF0\x80\x80\xAF ",
	               "\xED\xA0\x80 \xED\xBF\xBF \xF4\x90\x80\x80 \xF5\x80 \xFE \xFF ",
	               "\xC3 \xE4\xB8 \xF0\x9F\x98 \n营收增长5%。\n"' > "$f" ;;
utf16)       # UTF-16LE with a byte-order mark
	printf '\357\273\277营收同比增长15%%，约三成受访者认为。\n' | iconv -f UTF-8 -t UTF-16LE > "$f" ;;
utf16be)     # UTF-16BE with a byte-order mark
	printf '\357\273\277营收同比增长15%%，约三成受访者认为。\n' | iconv -f UTF-8 -t UTF-16BE > "$f" ;;
gbk)         # GB18030 / GBK bytes
	printf '营收同比增长15%%，约三成受访者认为。\n' | iconv -f UTF-8 -t GB18030 > "$f" ;;
gb2312meta)  # a page whose <meta> says gb2312 and whose bytes are UTF-8
	printf '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n<title>财经</title></head>\n<body><p>营收同比增长15%%，约三成受访者认为。</p></body></html>\n' > "$f" ;;
empty)       : > "$f" ;;
symlinkloop) ln -sf "$f.b" "$f"; ln -sf "$f" "$f.b" ;;
fifo)        mkfifo "$f" ;;
good)        # an ordinary document whose facts must survive the others
	printf '营收同比增长15%%，约三成受访者认为。\n' > "$f" ;;
big)         # an ordinary 1 MB document, for read faults in the middle
	{ rep 20000 '营收同比增长15%，约三成受访者认为。'; printf '\n'; } > "$f" ;;
*) echo "gen.sh: unknown case '$case'" >&2; exit 2 ;;
esac
