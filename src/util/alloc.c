/* alloc.c - one allocation family that, on out-of-memory, goes back to the
 * thread's guard (the document fails, the run goes on) or else aborts with a
 * message: callers never carry an error path for each allocation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "util.h"

static _Thread_local ss_oom_guard *guard;

void ss_oom_guard_push(ss_oom_guard *g)
{
	g->size = 0;
	g->prev = guard;
	guard = g;
}

void ss_oom_guard_pop(ss_oom_guard *g)
{
	guard = g->prev;
}

bool ss_mem_check(size_t n)
{
	void *p = mmap(NULL, n ? n : 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return false;
	munmap(p, n ? n : 1);
	return true;
}

static void oom(size_t n)
{
	ss_oom_guard *g = guard;
	if (g) {
		guard = g->prev;
		g->size = n;
		longjmp(g->env, 1);
	}
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

void ss_grow_to(void **p, size_t *cap, size_t need, size_t elem)
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
