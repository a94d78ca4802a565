/* alloc.c - one allocation family that aborts on out-of-memory: callers never
 * have to carry an error path for a condition they cannot recover from. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static void oom(size_t n)
{
	/* The one place the library writes to stderr: there is no caller to tell. */
	fprintf(stderr, "statspan: out of memory (allocating %zu bytes)\n", n);
	abort();
}

void *ss_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *ss_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *ss_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *ss_xstrndup(const char *s, size_t n)
{
	char *p = ss_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *ss_xstrdup(const char *s)
{
	return ss_xstrndup(s, strlen(s));
}

void ss_grow(void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return;
	size_t c = *cap ? *cap : 16;
	while (c < need) {
		if (c > SIZE_MAX / 2 / elem)
			oom(SIZE_MAX);
		c *= 2;
	}
	*p = ss_xrealloc(*p, c * elem);
	*cap = c;
}
