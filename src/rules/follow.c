/* follow.c - which characters can begin a non-empty match of a pattern, and
 * which can come second after each: read off the pattern text by the
 * position automaton construction (Glushkov's), so the cost is one pass over
 * the pattern and a few bit operations per item, however many characters it
 * names. Asking PCRE2 the same by partial matching takes a probe for every
 * pair of characters the pattern writes: for the period grammar, thousands
 * of probes, more than all the rest of the start-up.
 *
 * Every character-consuming item (a literal, a class, \d) is a position;
 * for each position the analysis keeps the positions that may follow it. It
 * errs only towards more: lookarounds count as matching "", a counted
 * repeat {n,m} with m > 1 as a loop, possessive and lazy forms as plain
 * ones. What it cannot read (inline options, back references, verbs,
 * non-ASCII ranges, \p{..}) makes it give up, and the caller then tries the
 * pattern everywhere. */
#include <stdlib.h>
#include <string.h>

#include "rules.h"

typedef struct {
	size_t at, n; /* chars[at .. at + n) */
	bool any;     /* matches characters beyond its list (., [^...], \D) */
} position;

typedef struct {
	const char *p;
	size_t len, i;
	position *pos;
	size_t npos, cappos;
	uint32_t *chars;
	size_t nchars, capchars;
	size_t words;     /* of a bit set */
	uint64_t *follow; /* npos rows of words */
	uint64_t *pool;   /* first and last sets of fragments */
	size_t npool, cappool;
	bool bad;
} gl;

typedef struct {
	size_t first, last; /* offsets of bit sets in pool */
	bool nullable;
} frag;

static size_t set_new(gl *g)
{
	ss_grow((void **)&g->pool, &g->cappool, g->npool + g->words, sizeof *g->pool);
	memset(g->pool + g->npool, 0, g->words * sizeof *g->pool);
	g->npool += g->words;
	return g->npool - g->words;
}

static frag frag_new(gl *g, bool nullable)
{
	frag f = {set_new(g), set_new(g), nullable};
	return f;
}

static void set_or(gl *g, uint64_t *dst, size_t src)
{
	for (size_t k = 0; k < g->words; k++)
		dst[k] |= g->pool[src + k];
}

/* Every position of set a is followed by the positions of set b. */
static void link(gl *g, size_t a, size_t b)
{
	for (size_t k = 0; k < g->words; k++)
		for (uint64_t w = g->pool[a + k]; w; w &= w - 1) {
			size_t x = k * 64 + (size_t)__builtin_ctzll(w);
			set_or(g, g->follow + x * g->words, b);
		}
}

/* a then b, in place: a fragment's sets belong to it alone, and neither is
 * used again. */
static frag concat(gl *g, frag a, frag b)
{
	link(g, a.last, b.first);
	if (a.nullable)
		set_or(g, g->pool + a.first, b.first);
	if (b.nullable)
		set_or(g, g->pool + b.last, a.last);
	frag f = {a.first, b.last, a.nullable && b.nullable};
	return f;
}

static void add_char(gl *g, uint32_t c)
{
	ss_grow((void **)&g->chars, &g->capchars, g->nchars + 1, sizeof *g->chars);
	g->chars[g->nchars++] = c;
	g->pos[g->npos - 1].n++;
}

static frag position_new(gl *g)
{
	if (g->npos == g->words * 64) {
		g->bad = true; /* cannot happen: a position takes a character */
		return frag_new(g, true);
	}
	ss_grow((void **)&g->pos, &g->cappos, g->npos + 1, sizeof *g->pos);
	g->pos[g->npos] = (position){g->nchars, 0, false};
	g->npos++;
	frag f = frag_new(g, false);
	size_t x = g->npos - 1;
	g->pool[f.first + x / 64] |= 1ull << (x % 64);
	g->pool[f.last + x / 64] |= 1ull << (x % 64);
	return f;
}

static void add_range(gl *g, uint32_t lo, uint32_t hi)
{
	for (uint32_t c = lo; c <= hi; c++)
		add_char(g, c);
}

/* The ASCII set of \d \s \w, or of a plain escape (\n, \., \-). */
static void add_escape(gl *g, unsigned char e)
{
	switch (e) {
	case 'd': add_range(g, '0', '9'); break;
	case 's': add_range(g, '\t', '\r'), add_char(g, ' '); break;
	case 'w': add_range(g, '0', '9'), add_range(g, 'A', 'Z'), add_range(g, 'a', 'z'), add_char(g, '_'); break;
	case 't': add_char(g, '\t'); break;
	case 'n': add_char(g, '\n'); break;
	case 'r': add_char(g, '\r'); break;
	case 'f': add_char(g, '\f'); break;
	case 'e': add_char(g, 0x1B); break;
	case 'a': add_char(g, 0x07); break;
	default:
		if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || (e >= '0' && e <= '9'))
			g->pos[g->npos - 1].any = true; /* \D \S \W \h \v \R \N \X ... */
		else
			add_char(g, e);
	}
}

static uint32_t next_char(gl *g)
{
	uint32_t c;
	int d = ss_utf8_decode(g->p + g->i, g->len - g->i, &c);
	if (!d) {
		g->bad = true;
		g->i = g->len;
		return 0;
	}
	g->i += (size_t)d;
	return c;
}

/* A class [...] after its '[' as one position. */
static frag parse_class(gl *g)
{
	frag f = position_new(g);
	if (g->i < g->len && g->p[g->i] == '^') {
		g->pos[g->npos - 1].any = true;
		g->i++;
	}
	bool first = true;
	uint32_t prev = 0;
	while (g->i < g->len && !g->bad) {
		char ch = g->p[g->i];
		if (ch == ']' && !first) {
			g->i++;
			return f;
		}
		first = false;
		if (ch == '[' && g->i + 1 < g->len && g->p[g->i + 1] == ':') {
			g->pos[g->npos - 1].any = true; /* [:alpha:] */
			const char *e = strstr(g->p + g->i, ":]");
			g->i = e ? (size_t)(e - g->p) + 2 : g->len;
			continue;
		}
		if (ch == '\\' && g->i + 1 < g->len) {
			unsigned char e = (unsigned char)g->p[g->i + 1];
			g->i += 2;
			add_escape(g, e);
			prev = (e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') ? 0 : e;
			continue;
		}
		if (ch == '-' && prev && g->i + 1 < g->len && g->p[g->i + 1] != ']') {
			g->i++;
			uint32_t hi = next_char(g);
			if (hi == '\\' || hi < prev || hi >= 0x80 || prev >= 0x80)
				g->bad = true; /* escapes and non-ASCII characters in ranges */
			else
				add_range(g, prev + 1, hi);
			prev = 0;
			continue;
		}
		prev = next_char(g);
		add_char(g, prev);
	}
	g->bad = true; /* no closing ']' */
	return f;
}

static frag parse_alt(gl *g);

/* One item: a position, a group, or something that matches "". */
static frag parse_item(gl *g)
{
	char ch = g->p[g->i];
	if (ch == '(') {
		g->i++;
		bool look = false;
		if (g->i < g->len && g->p[g->i] == '*') {
			g->bad = true; /* (*VERB) */
		} else if (g->i < g->len && g->p[g->i] == '?') {
			const char *q = g->p + g->i + 1;
			if (*q == ':' || *q == '>' || *q == '|') {
				g->i += 2;
			} else if (*q == '=' || *q == '!') {
				g->i += 2, look = true;
			} else if (*q == '<' && (q[1] == '=' || q[1] == '!')) {
				g->i += 3, look = true;
			} else if (*q == '<' || *q == '\'' || (*q == 'P' && q[1] == '<')) {
				const char *e = strpbrk(q, ">'");
				g->i = e ? (size_t)(e - g->p) + 1 : g->len;
			} else {
				g->bad = true; /* options, comments, recursion, conditions */
			}
		}
		frag inner = parse_alt(g);
		if (g->i >= g->len || g->p[g->i] != ')')
			g->bad = true;
		else
			g->i++;
		return look ? frag_new(g, true) : inner;
	}
	if (ch == '[') {
		g->i++;
		return parse_class(g);
	}
	if (ch == '^' || ch == '$') {
		g->i++;
		return frag_new(g, true);
	}
	if (ch == '.') {
		g->i++;
		frag f = position_new(g);
		g->pos[g->npos - 1].any = true;
		return f;
	}
	if (ch == '\\' && g->i + 1 < g->len) {
		unsigned char e = (unsigned char)g->p[g->i + 1];
		g->i += 2;
		if (strchr("bBAzZGK", e))
			return frag_new(g, true); /* assertions match "" */
		if (strchr("QEgkpPxcoNu", e) || (e >= '0' && e <= '9')) {
			g->bad = true; /* quoting, references, code points: not read here */
			return frag_new(g, true);
		}
		frag f = position_new(g);
		add_escape(g, e);
		return f;
	}
	frag f = position_new(g);
	add_char(g, next_char(g));
	return f;
}

/* A quantifier after an item: {n}, {n,}, {n,m}; false when '{' starts none. */
static bool counted(gl *g, unsigned long *lo, unsigned long *hi)
{
	const char *s = g->p + g->i + 1, *e = s;
	if ((*s < '0' || *s > '9') && !(*s == ',' && s[1] >= '0' && s[1] <= '9'))
		return false;
	*lo = *s == ',' ? 0 : strtoul(s, (char **)&e, 10); /* {,m} is {0,m} */
	*hi = *lo;
	if (*e == ',') {
		*hi = e[1] == '}' ? (unsigned long)-1 : strtoul(e + 1, (char **)&e, 10);
		if (e[0] == ',')
			e++;
	}
	if (*e != '}')
		return false;
	g->i = (size_t)(e - g->p) + 1;
	return true;
}

static frag parse_seq(gl *g)
{
	frag f = frag_new(g, true);
	while (g->i < g->len && !g->bad && g->p[g->i] != '|' && g->p[g->i] != ')') {
		frag item = parse_item(g);
		while (g->i < g->len && !g->bad) {
			char q = g->p[g->i];
			unsigned long lo = 1, hi = 1;
			if (q == '?' || q == '*' || q == '+') {
				lo = q == '+';
				hi = q == '?' ? 1 : (unsigned long)-1;
				g->i++;
			} else if (q != '{' || !counted(g, &lo, &hi)) {
				break;
			}
			if (g->i < g->len && (g->p[g->i] == '?' || g->p[g->i] == '+'))
				g->i++; /* lazy, possessive: the same positions */
			if (hi > 1)
				link(g, item.last, item.first);
			if (lo == 0)
				item.nullable = true;
		}
		f = concat(g, f, item);
	}
	return f;
}

static frag parse_alt(gl *g)
{
	frag f = parse_seq(g);
	while (g->i < g->len && !g->bad && g->p[g->i] == '|') {
		g->i++;
		frag b = parse_seq(g);
		set_or(g, g->pool + f.first, b.first);
		set_or(g, g->pool + f.last, b.last);
		f.nullable |= b.nullable;
	}
	return f;
}

static bool has(const gl *g, size_t set, size_t x)
{
	return g->pool[set + x / 64] >> (x % 64) & 1;
}

/* The lists of second characters, from each lead's row of positions. */
static void emit_leads(const gl *g, uint8_t *lead, const uint32_t *lc, const uint64_t *rows,
                       const bool *always, size_t nl, uint32_t **next, size_t **next_at)
{
	size_t nnext = 0, capnext = 0, k = 0;
	uint8_t *seen = ss_xcalloc(0x10000 / 8, 1);
	*next_at = ss_xcalloc(nl + 1, sizeof **next_at);
	for (size_t i = 0; i < nl; i++) {
		const uint64_t *row = rows + i * g->words;
		size_t from = nnext;
		bool all = always[i] || k == SS_PERIOD_ALWAYS - 1;
		for (size_t w = 0; w < g->words && !all; w++)
			for (uint64_t b = row[w]; b && !all; b &= b - 1) {
				const position *ps = &g->pos[w * 64 + (size_t)__builtin_ctzll(b)];
				all = ps->any;
				for (size_t j = 0; j < ps->n && !all; j++) {
					uint32_t d = g->chars[ps->at + j];
					all = d >= 0x10000; /* read as 0 by the caller */
					if (all || (seen[d >> 3] >> (d & 7) & 1))
						continue;
					seen[d >> 3] |= (uint8_t)(1u << (d & 7));
					ss_grow((void **)next, &capnext, nnext + 1, sizeof **next);
					(*next)[nnext++] = d;
				}
			}
		for (size_t j = from; j < nnext; j++)
			seen[(*next)[j] >> 3] = 0;
		if (all) {
			nnext = from;
			lead[lc[i]] = SS_PERIOD_ALWAYS;
			continue;
		}
		lead[lc[i]] = (uint8_t)++k;
		(*next_at)[k] = nnext;
	}
	free(seen);
}

bool ss_pattern_leads(const char *pattern, uint8_t *lead, uint32_t **next, size_t **next_at)
{
	gl g = {.p = pattern, .len = strlen(pattern)};
	size_t nch = ss_utf8_count(pattern, g.len);
	*next = NULL;
	*next_at = NULL;
	if (nch > SS_LEADS_MAX)
		return false; /* the table of follows grows with the square */
	g.words = (nch + 64) / 64;
	g.follow = ss_xcalloc(g.words * g.words * 64, sizeof *g.follow);
	frag top = parse_alt(&g);
	bool ok = !g.bad && g.i == g.len;
	/* One pass over the first positions: each lead character (lc, numbered
	 * through lead[] meanwhile) gathers the follows of the positions that
	 * can take it, and whether a match may end with it. */
	uint32_t *lc = NULL;
	uint64_t *rows = NULL;
	bool *always = NULL;
	size_t nl = 0, cap = 0, caprows = 0, capalw = 0;
	for (size_t x = 0; ok && x < g.npos; x++) {
		if (!has(&g, top.first, x))
			continue;
		const position *ps = &g.pos[x];
		ok = !ps->any; /* may begin with anything */
		for (size_t k = 0; ok && k < ps->n; k++) {
			uint32_t c = g.chars[ps->at + k];
			if (c >= 0x10000) {
				ok = false; /* the lead table holds code points below U+10000 */
				break;
			}
			if (!lead[c]) {
				if (nl == 255) { /* numbered 1..255 here; emit_leads caps them */
					ok = false;
					break;
				}
				ss_grow((void **)&lc, &cap, nl + 1, sizeof *lc);
				ss_grow((void **)&rows, &caprows, (nl + 1) * g.words, sizeof *rows);
				ss_grow((void **)&always, &capalw, nl + 1, sizeof *always);
				memset(rows + nl * g.words, 0, g.words * sizeof *rows);
				always[nl] = false;
				lc[nl++] = c;
				lead[c] = (uint8_t)nl;
			}
			size_t i = lead[c] - 1u;
			always[i] |= has(&g, top.last, x);
			for (size_t w = 0; w < g.words; w++)
				rows[i * g.words + w] |= g.follow[x * g.words + w];
		}
	}
	for (size_t i = 0; i < nl; i++)
		lead[lc[i]] = 0;
	if (ok)
		emit_leads(&g, lead, lc, rows, always, nl, next, next_at);
	free(lc);
	free(rows);
	free(always);
	free(g.follow);
	free(g.pool);
	free(g.pos);
	free(g.chars);
	if (!ok) {
		memset(lead, 0, 0x10000);
		free(*next);
		free(*next_at);
		*next = NULL;
		*next_at = NULL;
	}
	return ok;
}
