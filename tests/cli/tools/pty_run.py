#!/usr/bin/env python3
"""Run a command with standard input, output and error on one pseudo-terminal,
as a user at a terminal runs it, and print what the terminal shows: the
screen's lines after carriage returns and erase-to-end (ESC [K) have done
their work, then RC=. With --raw, the bytes as they came, escapes visible;
with --keep-stdin, standard input stays what it was (a pipe), only output
and error go to the terminal.
Usage: pty_run.py [--raw] [--keep-stdin] CMD [ARG...]"""
import os
import pty
import sys

argv = sys.argv[1:]
raw = argv[0] == "--raw"
argv = argv[1:] if raw else argv
keep = argv[0] == "--keep-stdin"
argv = argv[1:] if keep else argv
saved = os.dup(0)
pid, fd = pty.fork()
if pid == 0:
    if keep:
        os.dup2(saved, 0)
    os.execvp(argv[0], argv)
out = b""
while True:
    try:
        chunk = os.read(fd, 65536)
    except OSError:  # EIO: the other side is closed
        break
    if not chunk:
        break
    out += chunk
_, status = os.waitpid(pid, 0)
text = out.decode("utf-8", "replace")
if raw:
    sys.stdout.write(text.replace("\033", "\\e").replace("\r", "\\r"))
else:
    # A terminal of one screen: \r goes to column 0, ESC [K erases to the
    # end of the line, \n (the pty sends \r\n) starts the next line.
    lines, line, col, i = [], [], 0, 0
    while i < len(text):
        if text.startswith("\033[K", i):
            del line[col:]
            i += 3
            continue
        c = text[i]
        i += 1
        if c == "\r":
            col = 0
        elif c == "\n":
            lines.append("".join(line))
            line, col = [], 0
        else:
            if col < len(line):
                line[col] = c
            else:
                line.append(c)
            col += 1
    if line:
        lines.append("".join(line))
    for l in lines:
        print(l)
print("RC=%d" % os.waitstatus_to_exitcode(status))
