/* lines.c - the records of a list or a JSONL input, read with read(2) (so
 * that a read error is seen as one, and tests can inject it) into a line of
 * bounded length. getdelim() cannot tell a read error or a failed allocation
 * from the end of the input, and it grows its line without limit: a list
 * from /dev/zero would take all memory. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

void ss_lines_init(ss_lines *r, int fd, char delim, size_t max)
{
	memset(r, 0, sizeof *r);
	r->fd = fd;
	r->delim = delim;
	r->max = max;
	r->binary_max = 0;
}

void ss_lines_release(ss_lines *r)
{
	free(r->line);
	r->line = NULL;
}

/* Fill the buffer; false at the end of the input or on an error (r->err). */
static bool fill(ss_lines *r)
{
	for (;;) {
		ssize_t n = read(r->fd, r->buf, sizeof r->buf);
		if (n > 0) {
			r->pos = 0;
			r->end = (size_t)n;
			return true;
		}
		if (n == 0)
			return false;
		if (errno != EINTR) {
			r->err = errno;
			return false;
		}
	}
}

/* Append n bytes to the line; false when memory runs out. Plain realloc, not
 * the aborting family: a line too big for memory is an error for that line. */
static bool append(ss_lines *r, const char *p, size_t n)
{
	if (r->len + n + 1 > r->cap) {
		size_t c = r->cap ? r->cap : 256;
		while (c < r->len + n + 1)
			c *= 2;
		char *q = realloc(r->line, c);
		if (!q)
			return false;
		r->line = q;
		r->cap = c;
	}
	memcpy(r->line + r->len, p, n);
	r->len += n;
	r->line[r->len] = '\0';
	return true;
}

ss_line_status ss_lines_next(ss_lines *r)
{
	if (r->err || r->at_end)
		return SS_LINE_EOF;
	r->len = 0;
	r->no++;
	bool keep = true, any = false;
	int status = SS_LINE_OK;
	size_t seen = 0; /* bytes of this record, kept or skipped */
	size_t limit = r->max;
	for (;;) {
		if (r->pos == r->end && !fill(r)) {
			if (r->err)
				return SS_LINE_ERROR;
			r->at_end = true;
			if (!any)
				return SS_LINE_EOF;
			break;
		}
		any = true;
		char *p = r->buf + r->pos;
		size_t avail = r->end - r->pos;
		char *d = memchr(p, r->delim, avail);
		size_t n = d ? (size_t)(d - p) : avail;
		r->pos += n + (d ? 1 : 0);
		seen += n;
		if (seen > r->max) {
			/* An endless input (/dev/zero) ends here, with a message. */
			r->at_end = true;
			return SS_LINE_TOO_LONG;
		}
		if (keep && r->binary_max && memchr(p, '\0', n)) {
			keep = false; /* not text: skip it, if it ends soon enough */
			status = SS_LINE_BINARY;
			limit = r->binary_max;
			r->len = 0;
		}
		if (seen > limit) {
			r->at_end = true;
			return SS_LINE_TOO_LONG;
		}
		if (keep && !append(r, p, n)) {
			keep = false; /* skip to the end of this record and go on */
			status = SS_LINE_NOMEM;
		}
		if (d)
			break;
	}
	if (!keep) {
		r->len = 0;
		return (ss_line_status)status;
	}
	if (!r->line && !append(r, "", 0))
		return SS_LINE_NOMEM;
	return SS_LINE_OK;
}
