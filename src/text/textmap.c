/* textmap.c - a text with an offset map to its base (see text.h), and the
 * checker that debug builds and every golden and corpus test run. */
#include <stdlib.h>
#include <string.h>

#include "text.h"

void ss_text_init(ss_text *t)
{
	memset(t, 0, sizeof *t);
}

void ss_text_release(ss_text *t)
{
	free(t->ptr);
	free(t->start);
	free(t->end);
	ss_text_init(t);
}

void ss_text_reserve(ss_text *t, size_t extra)
{
	size_t need = t->len + extra + 1;
	if (need <= t->cap)
		return;
	size_t cap = t->cap ? t->cap : 256;
	while (cap < need)
		cap *= 2;
	t->ptr = ss_xrealloc(t->ptr, cap);
	t->start = ss_xrealloc(t->start, cap * sizeof *t->start);
	t->end = ss_xrealloc(t->end, cap * sizeof *t->end);
	t->cap = cap;
	t->ptr[t->len] = '\0'; /* the text stays a string, even while empty */
}

void ss_text_add_unit(ss_text *t, const char *bytes, size_t n, uint32_t ustart, uint32_t uend)
{
	ss_text_reserve(t, n);
	memcpy(t->ptr + t->len, bytes, n);
	for (size_t i = 0; i < n; i++) {
		t->start[t->len + i] = ustart;
		t->end[t->len + i] = uend;
	}
	t->len += n;
	t->ptr[t->len] = '\0';
}

/* Every byte of every document passes here, twice: GCC's -O2 does not
 * vectorise the map fill, -O3 does. */
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("O3")))
#endif
void ss_text_add_copy(ss_text *t, const char *base, uint32_t bstart, size_t n)
{
	ss_text_reserve(t, n);
	memcpy(t->ptr + t->len, base + bstart, n);
	uint32_t *restrict st = t->start + t->len, *restrict en = t->end + t->len;
	for (uint32_t i = 0; i < (uint32_t)n; i++) {
		st[i] = bstart + i;
		en[i] = bstart + i + 1;
	}
	t->len += n;
	t->ptr[t->len] = '\0';
}

void ss_text_add_break(ss_text *t, uint32_t pos)
{
	if (t->len == 0)
		return;
	if (t->len >= 2 && t->ptr[t->len - 1] == '\n' && t->ptr[t->len - 2] == '\n')
		return;
	/* A break may not go back before the last unit already emitted. */
	if (pos < t->end[t->len - 1])
		pos = t->end[t->len - 1];
	ss_text_add_unit(t, "\n\n", 2, pos, pos);
}

void ss_text_map(const ss_text *t, size_t a, size_t b, uint32_t *bs, uint32_t *be)
{
	if (a >= t->len) {
		uint32_t e = t->len ? t->end[t->len - 1] : 0;
		*bs = *be = e;
		return;
	}
	if (b <= a) {
		*bs = *be = t->start[a];
		return;
	}
	if (b > t->len)
		b = t->len;
	*bs = t->start[a];
	*be = t->end[b - 1];
}

bool ss_text_check(const ss_text *t, const char *base, size_t baselen, size_t *bad)
{
	for (size_t i = 0; i < t->len; i++) {
		uint32_t s = t->start[i], e = t->end[i];
		bool ok = s <= e && e <= baselen;
		if (ok && e - s == 1)
			ok = base[s] == t->ptr[i];
		if (ok && i > 0) {
			uint32_t ps = t->start[i - 1], pe = t->end[i - 1];
			bool same_unit = ps == s && pe == e && e - s != 1;
			ok = same_unit || s >= pe;
		}
		if (!ok) {
			if (bad)
				*bad = i;
			return false;
		}
	}
	return true;
}
