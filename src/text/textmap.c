/* textmap.c - a text with an offset map to its base (see text.h), kept as
 * runs, and the checker that debug builds and every golden and corpus test
 * run. */
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
	free(t->runs);
	ss_text_init(t);
}

static void grow_text(ss_text *t, size_t need)
{
	size_t cap = t->cap ? t->cap : 256;
	while (cap < need)
		cap *= 2;
	t->ptr = ss_xrealloc(t->ptr, cap);
	t->cap = cap;
	t->ptr[t->len] = '\0'; /* the text stays a string, even while empty */
}

/* The stages append a few bytes at a time (a full-width comma, the copy
 * up to the next): room is nearly always there already. */
static inline void reserve(ss_text *t, size_t extra)
{
	if (t->len + extra + 1 > t->cap)
		grow_text(t, t->len + extra + 1);
}

void ss_text_reserve(ss_text *t, size_t extra)
{
	reserve(t, extra);
}

static inline void push_run(ss_text *t, uint32_t at, uint32_t b, uint32_t n)
{
	ss_text_push_run(t, at, b, n);
}

static inline void runs_add_unit(ss_text *u, size_t n, uint32_t ustart, uint32_t uend)
{
	ss_text_runs_add_unit(u, n, ustart, uend);
}

void ss_text_add_unit(ss_text *t, const char *bytes, size_t n, uint32_t ustart, uint32_t uend)
{
	reserve(t, n);
	if (n == 0)
		return;
	char *d = t->ptr + t->len;
	runs_add_unit(t, n, ustart, uend);
	if (n == 1) /* nearly all: a converted character, a space */
		*d = *bytes;
	else
		memcpy(d, bytes, n);
	d[n] = '\0';
}

void ss_text_add_copy(ss_text *t, const char *base, uint32_t bstart, size_t n)
{
	reserve(t, n);
	if (n == 0)
		return;
	/* A copy that goes on where the last one stopped extends its run. */
	const ss_run *r = t->nruns ? &t->runs[t->nruns - 1] : NULL;
	if (!r || r->n != SS_RUN_COPY || r->b + (uint32_t)(t->len - r->t) != bstart)
		push_run(t, (uint32_t)t->len, bstart, SS_RUN_COPY);
	char *d = t->ptr + t->len;
	memcpy(d, base + bstart, n);
	d[n] = '\0';
	t->len += n;
}

void ss_text_adopt(ss_text *t, char *buf, size_t len)
{
	ss_text_release(t);
	t->ptr = buf;
	t->len = len;
	t->cap = len + 1;
	if (len)
		push_run(t, 0, 0, SS_RUN_COPY);
}

uint32_t ss_text_base_end(const ss_text *t)
{
	if (t->len == 0 || t->nruns == 0)
		return 0;
	const ss_run *r = &t->runs[t->nruns - 1];
	return r->n == SS_RUN_COPY ? r->b + (uint32_t)(t->len - r->t) : r->b + r->n;
}

void ss_text_add_break(ss_text *t, uint32_t pos)
{
	if (t->len == 0)
		return;
	if (t->len >= 2 && t->ptr[t->len - 1] == '\n' && t->ptr[t->len - 2] == '\n')
		return;
	/* A break may not go back before the last unit already emitted. */
	uint32_t end = ss_text_base_end(t);
	if (pos < end)
		pos = end;
	ss_text_add_unit(t, "\n\n", 2, pos, pos);
}

/* The run a lookup found last, by thread: a document's facts map their
 * spans in text order, so the next lookup's run is mostly that one or a
 * few after it. Any run is a valid start, so a hint left by another text
 * only costs a longer search. */
static _Thread_local size_t run_hint;

/* The run holding text byte i (< len): the last one at once (the stages
 * ask about the end of what they wrote), the hint's or one of its
 * neighbours; else a search from where i would stand were the runs
 * between the hint and the end of the text (or its start) evenly spread:
 * a fact's period is often
 * carried from far back (its paragraph's heading, the dateline), and
 * widening a search from the hint, where the whole map of a large document
 * is millions of runs, misses the cache at each of its steps. */
static __attribute__((noinline)) size_t run_search(const ss_run *r, size_t i, size_t lo,
                                                   size_t hi);

static inline size_t run_of(const ss_text *t, size_t i)
{
	const ss_run *r = t->runs;
	size_t n = t->nruns;
	if (r[n - 1].t <= i)
		return n - 1;
	size_t h = run_hint < n ? run_hint : 0;
	if (r[h].t > i) {
		/* (r[0].t == 0 <= i: h > 0) the run before, or two before (a
		 * Chinese text's runs alternate: a copy, a full-width comma) */
		if (r[h - 1].t <= i)
			return run_hint = h - 1;
		if (h >= 2 && r[h - 2].t <= i)
			return run_hint = h - 2;
		return run_search(r, i, 0, h);
	}
	/* (r[h + k].t <= i < r[n - 1].t: h + k + 1 < n) */
	if (r[h + 1].t > i)
		return h;
	if (r[h + 2].t > i)
		return run_hint = h + 1;
	if (r[h + 3].t > i)
		return run_hint = h + 2;
	return run_search(r, i, h + 3, n - 1);
}

/* The run holding byte i, where runs[lo].t <= i < runs[hi].t (out of line:
 * the lookups that the hint answers are most, and short). */
static size_t run_search(const ss_run *r, size_t i, size_t lo, size_t hi)
{
	/* runs[lo].t <= i < runs[hi].t: the guess, then widened from it by
	 * doubling steps, then halved */
	size_t k = lo + (size_t)((uint64_t)(i - r[lo].t) * (hi - lo) / (r[hi].t - r[lo].t));
	if (r[k].t <= i) {
		size_t b = k + 1;
		for (size_t step = 1; r[b].t <= i; step *= 2) {
			k = b;
			b = b + step < hi ? b + step : hi;
		}
		lo = k, hi = b;
	} else {
		size_t a = k;
		for (size_t step = 1;; step *= 2) {
			a = a > lo + step ? a - step : lo;
			if (r[a].t <= i)
				break;
			k = a;
		}
		lo = a, hi = k;
	}
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (r[mid].t <= i)
			lo = mid;
		else
			hi = mid;
	}
	run_hint = lo;
	return lo;
}

/* The run holding text byte i, at or after run k that holds an earlier
 * byte: the end of a span lies mostly in the run of its start or the next. */
static size_t run_after(const ss_text *t, size_t k, size_t i)
{
	for (int step = 0; step < 4; step++, k++)
		if (k + 1 == t->nruns || t->runs[k + 1].t > i)
			return k;
	return run_of(t, i);
}

static void unit_in(const ss_run *r, size_t i, uint32_t *s, uint32_t *e)
{
	if (r->n == SS_RUN_COPY) {
		*s = r->b + (uint32_t)(i - r->t);
		*e = *s + 1;
	} else {
		*s = r->b;
		*e = r->b + r->n;
	}
}

void ss_text_unit(const ss_text *t, size_t i, uint32_t *s, uint32_t *e)
{
	unit_in(&t->runs[run_of(t, i)], i, s, e);
}

/* The runs of t's bytes [from, to) appended to u's runs; the bytes
 * themselves are appended too (copy), or are already in place. The runs
 * are made room for at once and the bytes copied in one piece: a fold
 * passes the whole map of a long text through here. */
static void map_runs(ss_text *u, const ss_text *t, size_t from, size_t to, bool copy)
{
	size_t k = run_of(t, from), last_k = run_of(t, to - 1), ulen = u->len;
	ss_grow((void **)&u->runs, &u->caprun, u->nruns + (last_k - k + 1), sizeof *u->runs);
	if (copy) {
		memcpy(u->ptr + ulen, t->ptr + from, to - from);
		u->ptr[ulen + (to - from)] = '\0';
	}
	/* u's last run in registers (the two maps are not known apart) */
	const ss_run *tr = t->runs;
	ss_run *ur = u->runs;
	size_t nr = u->nruns, tn = t->nruns, tlen = t->len;
	bool have = nr > 0;
	uint32_t lt = have ? ur[nr - 1].t : 0, lb = have ? ur[nr - 1].b : 0,
	         ln = have ? ur[nr - 1].n : 0;
	for (; from < to; k++) {
		const ss_run *r = &tr[k];
		size_t end = k + 1 < tn ? tr[k + 1].t : tlen;
		if (end > to)
			end = to;
		uint32_t b = r->n == SS_RUN_COPY ? r->b + (uint32_t)(from - r->t) : r->b;
		/* a copy that goes on from u's last, or more bytes of its unit */
		if (!have || ln != r->n || (r->n == SS_RUN_COPY ? lb + (uint32_t)(ulen - lt) : lb) != b) {
			ur[nr++] = (ss_run){(uint32_t)ulen, b, r->n};
			lt = (uint32_t)ulen, lb = b, ln = r->n;
			have = true;
		}
		ulen += end - from;
		from = end;
	}
	u->nruns = nr;
	u->len = ulen;
}

void ss_text_add_mapped(ss_text *u, const ss_text *t, size_t from, size_t to)
{
	if (from >= to)
		return;
	ss_text_reserve(u, to - from);
	map_runs(u, t, from, to, true);
}

void ss_runs_add_mapped(ss_text *u, const ss_text *t, size_t from, size_t to)
{
	if (from < to)
		map_runs(u, t, from, to, false);
}

void ss_runs_add_unit(ss_text *u, size_t n, uint32_t ustart, uint32_t uend)
{
	if (n > 0)
		runs_add_unit(u, n, ustart, uend);
}

void ss_text_truncate(ss_text *t, size_t len)
{
	if (len >= t->len)
		return;
	t->len = len;
	t->ptr[len] = '\0';
	while (t->nruns > 0 && t->runs[t->nruns - 1].t >= len)
		t->nruns--;
}

/* Make text byte i (< len) the first of a run. */
static void split_at(ss_text *t, size_t i)
{
	size_t k = run_of(t, i);
	ss_run r = t->runs[k];
	if (r.t == i)
		return;
	ss_grow((void **)&t->runs, &t->caprun, t->nruns + 1, sizeof *t->runs);
	memmove(t->runs + k + 2, t->runs + k + 1, (t->nruns - k - 1) * sizeof *t->runs);
	t->nruns++;
	uint32_t b = r.n == SS_RUN_COPY ? r.b + (uint32_t)(i - r.t) : r.b;
	t->runs[k + 1] = (ss_run){(uint32_t)i, b, r.n};
}

void ss_text_move_synthetic(ss_text *t, size_t from, size_t to, uint32_t pos)
{
	if (to > t->len)
		to = t->len;
	if (from >= to)
		return;
	split_at(t, from);
	if (to < t->len)
		split_at(t, to);
	for (size_t k = run_of(t, from); k < t->nruns && t->runs[k].t < to; k++)
		if (t->runs[k].n == 0)
			t->runs[k].b = pos;
}

/* The unit start of the last byte of run k: runs never go backwards in the
 * base, so these rise with k. */
static uint32_t last_start(const ss_text *t, size_t k)
{
	const ss_run *r = &t->runs[k];
	size_t end = k + 1 < t->nruns ? t->runs[k + 1].t : t->len;
	return r->n == SS_RUN_COPY ? r->b + (uint32_t)(end - r->t - 1) : r->b;
}

size_t ss_text_at(const ss_text *t, uint32_t pos)
{
	size_t lo = 0, hi = t->nruns;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (last_start(t, mid) < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == t->nruns)
		return t->len;
	const ss_run *r = &t->runs[lo];
	return r->n == SS_RUN_COPY && pos > r->b ? r->t + (pos - r->b) : r->t;
}

void ss_text_map(const ss_text *t, size_t a, size_t b, uint32_t *bs, uint32_t *be)
{
	if (a >= t->len) {
		*bs = *be = ss_text_base_end(t);
		return;
	}
	uint32_t s, e;
	size_t k = run_of(t, a);
	unit_in(&t->runs[k], a, &s, &e);
	if (b <= a) {
		*bs = *be = s;
		return;
	}
	if (b > t->len)
		b = t->len;
	*bs = s;
	unit_in(&t->runs[run_after(t, k, b - 1)], b - 1, &s, &e);
	*be = e;
}

/* The first byte of text [a, a + n) that differs from base [b, b + n), or
 * a + n. */
static size_t first_diff(const char *text, size_t a, const char *base, size_t b, size_t n)
{
	if (memcmp(text + a, base + b, n) == 0)
		return a + n;
	size_t k = 0;
	while (text[a + k] == base[b + k])
		k++;
	return a + k;
}

bool ss_text_check(const ss_text *t, const char *base, size_t baselen, size_t *bad)
{
	uint64_t prev_end = 0;    /* where the last unit ends */
	const ss_run *unit = NULL; /* the last run, when a unit of two bytes or more */
	size_t at = 0, err = SIZE_MAX;
	for (size_t k = 0; k < t->nruns && err == SIZE_MAX; k++) {
		const ss_run *r = &t->runs[k];
		size_t end = k + 1 < t->nruns ? t->runs[k + 1].t : t->len;
		if (r->t != at || end <= at || end > t->len) {
			err = at;
			break;
		}
		if (r->n == SS_RUN_COPY) {
			size_t n = end - r->t;
			if (r->b < prev_end || (uint64_t)r->b + n > baselen)
				err = r->t;
			else if ((err = first_diff(t->ptr, r->t, base, r->b, n)) == end)
				err = SIZE_MAX;
			prev_end = (uint64_t)r->b + n;
			unit = NULL;
		} else {
			bool same = unit && unit->b == r->b && unit->n == r->n;
			bool ok = (uint64_t)r->b + r->n <= baselen && (same || r->b >= prev_end);
			/* A one-byte unit is a copy: one byte, the same. */
			if (ok && r->n == 1)
				err = base[r->b] != t->ptr[r->t] ? r->t : end - r->t > 1 ? r->t + 1 : SIZE_MAX;
			else if (!ok)
				err = r->t;
			prev_end = (uint64_t)r->b + r->n;
			unit = r->n != 1 ? r : NULL;
		}
		at = end;
	}
	if (err == SIZE_MAX && at != t->len)
		err = at;
	if (err != SIZE_MAX && bad)
		*bad = err;
	return err == SIZE_MAX;
}
