/* context.c - the words around a figure, as tokens both sides share: the
 * character bigrams of its sentence (Chinese has no spaces to split words
 * at, and a bigram is the unit most two-character words are), a run of
 * Latin letters as one unit, years, and the lexicon's concepts. A token
 * weighs most in the figure's own clause and subject (weight() below), so
 * that two figures of one sentence are told apart by their own clauses. */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "lexicon.h"


static uint32_t fnv(const char *s, size_t n, uint32_t h)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

typedef enum { CH_BREAK, CH_CLAUSE, CH_HAN, CH_LATIN } ch_class;

/* Full-width ASCII folds to ASCII (the claims may be typed either way). */
static uint32_t fold(uint32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		return cp - 0xFEE0;
	if (cp == 0x3000)
		return ' ';
	return cp;
}

static ch_class classify(uint32_t cp)
{
	if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	    (cp >= 0xF900 && cp <= 0xFAFF))
		return CH_HAN;
	if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
		return CH_LATIN;
	switch (cp) {
	case ',': case ';': case ':': case '!': case '?': case '\n':
	case 0x3002: /* 。 */
	case 0xFF0C: case 0xFF1B: case 0xFF1A: case 0xFF01: case 0xFF1F:
		return CH_CLAUSE;
	}
	return CH_BREAK;
}

typedef struct {
	au_token **out;
	size_t *n, *cap;
} sink;

static void emit(sink *k, uint32_t id, float w)
{
	ss_grow((void **)k->out, k->cap, *k->n + 1, sizeof **k->out);
	(*k->out)[(*k->n)++] = (au_token){id, w};
}

static int tok_cmp(const void *a, const void *b)
{
	const au_token *x = a, *y = b;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->w > y->w ? -1 : x->w < y->w;
}

/* Sort tokens [from, *n) by id and keep the heaviest of each. */
static void merge(sink *k, size_t from)
{
	au_token *t = *k->out + from;
	size_t n = *k->n - from, m = 0;
	if (!n)
		return;
	qsort(t, n, sizeof *t, tok_cmp);
	for (size_t i = 0; i < n; i++)
		if (!m || t[m - 1].id != t[i].id)
			t[m++] = t[i];
	*k->n = from + m;
}

/* The longest lexicon word that starts at s[i..n): its concept, with its
 * weight. Returns its end (0 for none), so that the bigrams inside a listed
 * word are left to its concept (营业收入 and 营收 then meet as one token
 * each) and no shorter word starts inside it (净利润 holds no 利润). */
static size_t concepts_at(const au_lexicon *lx, const char *s, size_t n, size_t i, uint32_t cp,
                          float w, sink *k)
{
	const au_lexword *best = NULL;
	for (long e = au_lexicon_first(lx, cp); e >= 0; e = lx->words[e].next) {
		const au_lexword *lw = &lx->words[e];
		if (lw->first == cp && lw->len <= n - i && !memcmp(s + i, lw->word, lw->len) &&
		    (!best || lw->len > best->len))
			best = lw;
	}
	if (!best)
		return 0;
	emit(k, best->concept, w * best->weight);
	return i + best->len;
}

/* Where a token stands, seen from the figure: its own clause or its
 * subject weigh most, the clauses next to it less, the rest of the
 * sentence least (but still: the metric is often named clauses before). */
typedef struct {
	size_t skip_s, skip_e; /* the figure's own bytes: not context */
	size_t subj_s, subj_e; /* the figure's subject, or empty */
	int clause;            /* the figure's clause, or -1 for a phrase */
} frame;

static float weight(const frame *fr, int clause, size_t at)
{
	if (fr->clause < 0)
		return 1.0f;
	int d = abs(clause - fr->clause);
	if (d == 0 || (at >= fr->subj_s && at < fr->subj_e))
		return 3.0f;
	return d == 1 ? 2.0f : 1.0f;
}

/* A year written in digits (2019, 2019年) is context too: it tells periods
 * and comparison bases apart. Other numbers are not: a value must never
 * take part in finding what a claim is about. */
static size_t year_token(const char *s, size_t n, size_t i, uint32_t *id)
{
	size_t j = i;
	unsigned v = 0, nd = 0;
	while (j < n && s[j] >= '0' && s[j] <= '9')
		v = v * 10 + (unsigned)(s[j++] - '0'), nd++;
	*id = 0;
	if (nd == 4 && v >= 1970 && v < 2034 && (i == 0 || s[i - 1] < '0' || s[i - 1] > '9'))
		*id = fnv(s + i, 4, fnv("#", 1, 2166136261u));
	return j;
}

/* The tokens of s[0..n) as frame fr sees them. */
static void scan(const au_lexicon *lx, const char *s, size_t n, const frame *fr, sink *k)
{
	char prev[64], cur[4];
	size_t prevn = 0, curn = 0;
	int clause = 0;
	ch_class last = CH_BREAK;
	float lastw = 1.0f;
	size_t word_start = 0, word_end = 0, prev_at = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int l = ss_utf8_decode(s + i, n - i, &cp);
		if (l <= 0)
			l = 1, cp = 0xFFFD;
		size_t at = i;
		i += (size_t)l;
		uint32_t fc = fold(cp);
		ch_class c = classify(fc);
		float w = weight(fr, clause, at);
		bool skipped = at >= fr->skip_s && at < fr->skip_e;
		if (c == CH_CLAUSE)
			clause++;
		if (skipped || c == CH_CLAUSE || c == CH_BREAK) {
			if (last == CH_LATIN && prevn) /* a Latin word ended: one token */
				emit(k, fnv(prev, prevn, 2166136261u), lastw);
			prevn = 0;
			last = CH_BREAK;
			if (!skipped && cp >= '0' && cp <= '9') {
				uint32_t id;
				size_t j = year_token(s, n, at, &id);
				if (id && (j <= fr->skip_s || at >= fr->skip_e))
					emit(k, id, w);
				i = j;
			}
			continue;
		}
		lastw = w;
		size_t wend = lx && at >= word_end ? concepts_at(lx, s, n, at, cp, w, k) : 0;
		if (wend > word_end) {
			word_start = at;
			word_end = wend;
		}
		if (c == CH_LATIN) {
			char lc = (char)(fc | 0x20);
			if (last == CH_LATIN) {
				if (prevn < sizeof prev)
					prev[prevn++] = lc;
			} else {
				prev[0] = lc;
				prevn = 1;
			}
			last = CH_LATIN;
			continue;
		}
		if (last == CH_LATIN && prevn)
			emit(k, fnv(prev, prevn, 2166136261u), w);
		curn = (size_t)ss_utf8_encode(fc, cur);
		/* a bigram inside a listed word is its concept's */
		bool inside = prev_at >= word_start && i <= word_end;
		if (last == CH_HAN && !inside) {
			memcpy(prev + prevn, cur, curn);
			emit(k, fnv(prev, prevn + curn, 2166136261u), w);
		}
		prev_at = at;
		memcpy(prev, cur, curn);
		prevn = curn;
		last = CH_HAN;
	}
	if (last == CH_LATIN && prevn)
		emit(k, fnv(prev, prevn, 2166136261u), lastw);
}

/* The clause index of byte off of s. */
static int clause_of(const char *s, size_t n, size_t off)
{
	int clause = 0;
	for (size_t i = 0; i < n && i < off;) {
		uint32_t cp;
		int l = ss_utf8_decode(s + i, n - i, &cp);
		if (l <= 0)
			l = 1, cp = 0xFFFD;
		if (classify(fold(cp)) == CH_CLAUSE)
			clause++;
		i += (size_t)l;
	}
	return clause;
}

void au_context_tokens(const au_lexicon *lx, const char *s, size_t n, size_t fs, size_t fe,
                       size_t ss, size_t se, au_token **out, size_t *nout, size_t *cap)
{
	sink k = {out, nout, cap};
	size_t from = *nout;
	frame fr = {fs, fe, ss, se, clause_of(s, n, fs)};
	scan(lx, s, n, &fr, &k);
	merge(&k, from);
}

void au_phrase_tokens(const au_lexicon *lx, const char *s, size_t n, au_token **out,
                      size_t *nout, size_t *cap)
{
	sink k = {out, nout, cap};
	size_t from = *nout;
	frame fr = {0, 0, 0, 0, -1};
	scan(lx, s, n, &fr, &k);
	merge(&k, from);
}

void au_period_parse(const char *s, size_t n, uint64_t *years, uint32_t *subyear)
{
	*years = 0;
	uint32_t h = 2166136261u;
	bool any = false;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int l = ss_utf8_decode(s + i, n - i, &cp);
		if (l <= 0)
			l = 1, cp = 0xFFFD;
		uint32_t fc = fold(cp);
		if (fc >= '0' && fc <= '9') {
			/* a run of digits: a year when it is four of them from 1970 on */
			unsigned v = 0, nd = 0;
			size_t j = i;
			while (j < n) {
				uint32_t c2;
				int l2 = ss_utf8_decode(s + j, n - j, &c2);
				if (l2 <= 0)
					break;
				c2 = fold(c2);
				if (c2 < '0' || c2 > '9')
					break;
				v = v * 10 + (c2 - '0');
				nd++;
				j += (size_t)l2;
			}
			if (nd == 4 && v >= 1970 && v < 2034) {
				*years |= 1ull << (v - 1970);
				i = j;
				/* the 年 of the year belongs to it */
				uint32_t c3;
				int l3 = j < n ? ss_utf8_decode(s + j, n - j, &c3) : 0;
				if (l3 > 0 && c3 == 0x5E74)
					i += (size_t)l3;
				continue;
			}
			for (; i < j; i++) {
				h ^= (unsigned char)s[i];
				h *= 16777619u;
			}
			any = true;
			continue;
		}
		if (fc != ' ' && fc != 0x7684 /* 的 */) {
			char b[4];
			int bl = ss_utf8_encode(fc, b);
			for (int k = 0; k < bl; k++) {
				h ^= (unsigned char)b[k];
				h *= 16777619u;
			}
			any = true;
		}
		i += (size_t)l;
	}
	*subyear = any ? (h | 1u) : 0;
}
