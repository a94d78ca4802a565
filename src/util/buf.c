/* buf.c - growable byte buffer (git's strbuf, reduced). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void ss_buf_init(ss_buf *b)
{
	b->ptr = NULL;
	b->len = b->cap = 0;
}

void ss_buf_release(ss_buf *b)
{
	free(b->ptr);
	ss_buf_init(b);
}

void ss_buf_reset(ss_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

void ss_buf_grow(ss_buf *b, size_t extra)
{
	ss_grow((void **)&b->ptr, &b->cap, b->len + extra + 1, 1);
}

void ss_buf_add(ss_buf *b, const void *data, size_t n)
{
	ss_buf_grow(b, n);
	if (n)
		memcpy(b->ptr + b->len, data, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

void ss_buf_addc(ss_buf *b, char c)
{
	ss_buf_add(b, &c, 1);
}

void ss_buf_adds(ss_buf *b, const char *s)
{
	ss_buf_add(b, s, strlen(s));
}

void ss_buf_vaddf(ss_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	ss_buf_grow(b, (size_t)n);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void ss_buf_addf(ss_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ss_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

char *ss_buf_detach(ss_buf *b, size_t *len)
{
	if (!b->ptr)
		ss_buf_grow(b, 0), b->ptr[0] = '\0';
	char *p = b->ptr;
	if (len)
		*len = b->len;
	ss_buf_init(b);
	return p;
}
