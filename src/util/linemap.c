/* linemap.c - line-start table, so line/column lookups are a binary search
 * instead of a rescan of the file for every fact. */
#include <stdlib.h>
#include <string.h>

#include "util.h"

void ss_linemap_init(ss_linemap *m, const char *src, size_t len)
{
	m->starts = NULL;
	m->n = m->cap = 0;
	m->valid = false;
	ss_grow((void **)&m->starts, &m->cap, 1, sizeof(size_t));
	m->starts[m->n++] = 0;
	for (const char *p = src, *end = src + len; (p = memchr(p, '\n', (size_t)(end - p)));) {
		p++;
		ss_grow((void **)&m->starts, &m->cap, m->n + 1, sizeof(size_t));
		m->starts[m->n++] = (size_t)(p - src);
	}
}

void ss_linemap_release(ss_linemap *m)
{
	free(m->starts);
	m->starts = NULL;
	m->n = m->cap = 0;
}

/* Index of the line holding off: the last start <= off. */
static size_t line_of(const ss_linemap *m, size_t off)
{
	size_t lo = 0, hi = m->n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The characters of src[a, b). */
static size_t chars(const ss_linemap *m, const char *src, size_t a, size_t b)
{
	return m->valid ? ss_utf8_count_valid(src + a, b - a) : ss_utf8_count(src + a, b - a);
}

void ss_linemap_locate(const ss_linemap *m, const char *src, size_t len, size_t off,
                       unsigned *line, unsigned *column)
{
	if (off > len)
		off = len;
	size_t lo = line_of(m, off);
	*line = (unsigned)(lo + 1);
	*column = (unsigned)(chars(m, src, m->starts[lo], off) + 1);
}

void ss_linemap_locate_next(const ss_linemap *m, const char *src, size_t len, size_t off,
                            ss_linepos *last, unsigned *line, unsigned *column)
{
	if (off > len)
		off = len;
	/* most figures follow one on their line: its line, with no search */
	size_t lo = last->line;
	if (!(lo && off >= last->off && (lo >= m->n || off < m->starts[lo])))
		lo = line_of(m, off) + 1;
	lo--;
	if (last->line == lo + 1 && off >= last->off) {
		*line = last->line;
		*column = last->column + (unsigned)chars(m, src, last->off, off);
	} else {
		*line = (unsigned)(lo + 1);
		*column = (unsigned)(chars(m, src, m->starts[lo], off) + 1);
	}
	last->off = off;
	last->line = *line;
	last->column = *column;
}
