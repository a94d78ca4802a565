/* needs.c - the characters a rule cannot match without, read off its pattern.
 *
 * The scan skips a rule in a window that holds none of its needed characters
 * (engine.c). Written by hand, such a list was a trap: a currency added to a
 * define but not to the list was silently never found. Here it is worked out
 * from the expanded pattern: a literal character is needed; a class or an
 * alternation needs one of its members' sets; a sequence needs any one of its
 * required items, and the best set is kept: one without a numeral (those
 * are in every window), then the smallest, then one without ASCII (rarer in
 * Chinese text), then the later one. Anything not
 * understood (., \w, \p{..}, a negated class, inline options, backreferences)
 * needs nothing, and when nothing is found the rule is tried everywhere:
 * the result may be weaker than a careful hand list, never wrong. The
 * pattern is read as written, {NAME} and {@TABLE} as groups whose sets are
 * worked out once: the expanded patterns repeat the same defines many times. */
#include <stdlib.h>
#include <string.h>

#include "../numeral/numeral.h"
#include "rules.h"

#define SET_MAX 48 /* more than this is no use as a filter */

typedef struct {
	uint16_t cp[SET_MAX]; /* needs bits cover code points below U+10000 only */
	int n;        /* -1: nothing needed (unknown or optional) */
	bool zero;    /* zero-width (an assertion): no item of its sequence */
	int numeral;  /* holds a digit or a Chinese numeral: 1, 0, or -1 not yet known */
	bool ascii;   /* holds an ASCII character */
} cset;

/* The sets of defines and tables, each worked out once. */
typedef struct {
	ss_ruleset *rs;
	cset *defs;
	uint8_t *done; /* per define: its set is in defs */
	struct table_set {
		const char *name;
		size_t nl;
		cset set;
	} *tabs;
	size_t ntabs, captabs;
	uint8_t *numeral; /* per code point: 0 not yet asked, 1 no, 2 a numeral */
} memo;

/* A digit or a Chinese numeral stands in every window (windows.c cuts them
 * around those), so a set holding one filters nothing. */
static bool set_numeral(memo *m, cset *s)
{
	if (s->numeral < 0) {
		s->numeral = 0;
		for (int k = 0; k < s->n && !s->numeral; k++) {
			uint32_t cp = s->cp[k];
			if (!m->numeral[cp])
				m->numeral[cp] = (cp >= '0' && cp <= '9') || ss_numeral_is_char(cp) ? 2 : 1;
			s->numeral = m->numeral[cp] == 2;
		}
	}
	return s->numeral;
}

typedef struct {
	memo *m;
	const char *p;
	size_t i, n;
	int depth; /* of groups: a pattern nested past PCRE2's own limit is no rule */
	bool bail; /* something the analysis must not guess about */
} parser;

static cset none(void)
{
	cset s;
	s.n = -1;
	s.zero = s.ascii = false;
	s.numeral = 0;
	return s;
}

static void set_add(cset *s, uint32_t cp)
{
	if (s->n < 0)
		return;
	for (int k = 0; k < s->n; k++)
		if (s->cp[k] == cp)
			return;
	if (s->n == SET_MAX) {
		s->n = -1;
		return;
	}
	/* Only ASCII and 3-byte characters have needs bits (engine.c). */
	if ((cp >= 0x80 && cp < 0x800) || cp > 0xFFFF) {
		s->n = -1;
		return;
	}
	s->cp[s->n++] = (uint16_t)cp;
	s->numeral = -1;
	s->ascii |= cp < 0x80;
}

static cset single(uint32_t cp)
{
	cset s = {.n = 0, .zero = false};
	set_add(&s, cp);
	return s;
}

/* Whether a is a better choice than the current best b of a sequence. */
static bool better(memo *m, cset *a, cset *b)
{
	if (b->n < 0)
		return true;
	bool na = set_numeral(m, a), nb = set_numeral(m, b);
	if (na != nb)
		return nb;
	if (a->n != b->n)
		return a->n < b->n;
	return a->ascii <= b->ascii;
}

static cset parse_alt(parser *ps);

/* The set of a whole text (a define's regex, a table's alternation). */
static cset text_set(memo *m, const char *p, size_t n)
{
	parser ps = {m, p, 0, n, 0, false};
	cset s = parse_alt(&ps);
	return ps.bail || ps.i != ps.n ? none() : s;
}

static void set_union(cset *all, const cset *b)
{
	if (b->n < 0)
		all->n = -1;
	for (int k = 0; k < b->n && all->n >= 0; k++)
		set_add(all, b->cp[k]);
}

/* {NAME} or {@TABLE}: what its expansion (?:...) needs. A define's inline
 * options or backreferences stay inside its group, so a define that cannot
 * be read just needs nothing. */
static cset ref_set(memo *m, const char *name, size_t nl, bool table)
{
	ss_ruleset *rs = m->rs;
	if (table) {
		for (size_t i = 0; i < m->ntabs; i++)
			if (m->tabs[i].nl == nl && !memcmp(m->tabs[i].name, name, nl))
				return m->tabs[i].set;
		const char *alt = ss_table_alternation(rs, name, nl);
		cset s = alt ? text_set(m, alt, strlen(alt)) : none();
		ss_grow((void **)&m->tabs, &m->captabs, m->ntabs + 1, sizeof *m->tabs);
		m->tabs[m->ntabs++] = (struct table_set){name, nl, s};
		return s;
	}
	int d = ss_find_define(rs, name, nl);
	if (d < 0)
		return none();
	if (!m->done[d]) {
		m->done[d] = 1; /* resolve refused cycles; this only guards */
		const ss_define_src *src = &rs->define_src[d];
		cset s = text_set(m, src->raw, strlen(src->raw));
		for (size_t i = 0; i < rs->nextends; i++)
			if (rs->extends[i].of == d) {
				cset x = text_set(m, rs->extends[i].raw, strlen(rs->extends[i].raw));
				set_union(&s, &x);
			}
		m->defs[d] = s;
	}
	return m->defs[d];
}

static uint32_t next_cp(parser *ps)
{
	uint32_t cp;
	int cl = ss_utf8_decode(ps->p + ps->i, ps->n - ps->i, &cp);
	ps->i += cl ? (size_t)cl : 1;
	return cl ? cp : 0xFFFFFFFFu;
}

/* [...] with ps->i after the '['. */
static cset parse_class(parser *ps)
{
	cset s = {.n = 0, .zero = false};
	if (ps->i < ps->n && ps->p[ps->i] == '^') {
		s.n = -1;
		ps->i++;
	}
	bool first = true;
	uint32_t prev = 0xFFFFFFFFu;
	while (ps->i < ps->n && (ps->p[ps->i] != ']' || first)) {
		first = false;
		char c = ps->p[ps->i];
		if (c == '[' && ps->i + 1 < ps->n && ps->p[ps->i + 1] == ':') {
			const char *e = strstr(ps->p + ps->i, ":]");
			ps->i = e ? (size_t)(e - ps->p) + 2 : ps->n;
			s.n = -1;
			continue;
		}
		if (c == '\\' && ps->i + 1 < ps->n) {
			char e = ps->p[ps->i + 1];
			ps->i += 2;
			if (e == 'd') {
				for (uint32_t d = '0'; d <= '9'; d++)
					set_add(&s, d);
			} else if (strchr("pPx", e) && ps->i < ps->n && ps->p[ps->i] == '{') {
				const char *q = memchr(ps->p + ps->i, '}', ps->n - ps->i);
				ps->i = q ? (size_t)(q - ps->p) + 1 : ps->n;
				s.n = -1;
			} else if ((unsigned char)e < 0x80 && !strchr("\\]^-[.$|?*+(){}/", e)) {
				s.n = -1; /* \s, \w, \n, \x41 ...: not worth decoding */
			} else {
				ps->i -= 1;
				prev = next_cp(ps);
				set_add(&s, prev);
			}
			continue;
		}
		if (c == '-' && prev != 0xFFFFFFFFu && ps->i + 1 < ps->n && ps->p[ps->i + 1] != ']') {
			ps->i++;
			uint32_t hi = next_cp(ps);
			if (hi == '\\' || hi < prev || hi - prev > 64) {
				s.n = -1;
			} else {
				for (uint32_t cp = prev; cp <= hi; cp++)
					set_add(&s, cp);
			}
			prev = 0xFFFFFFFFu;
			continue;
		}
		prev = next_cp(ps);
		set_add(&s, prev);
	}
	if (ps->i < ps->n)
		ps->i++; /* ']' */
	if (s.n == 0)
		s.n = -1;
	return s;
}

/* After '(': the group's set; assertions are zero-width. */
static cset parse_group(parser *ps)
{
	const char *p = ps->p + ps->i;
	size_t left = ps->n - ps->i;
	bool zero = false;
	if (left >= 1 && p[0] == '?') {
		if (left >= 2 && (p[1] == ':' || p[1] == '>' || p[1] == '|')) {
			ps->i += 2;
		} else if (left >= 2 && (p[1] == '=' || p[1] == '!')) {
			ps->i += 2;
			zero = true;
		} else if (left >= 3 && p[1] == '<' && (p[2] == '=' || p[2] == '!')) {
			ps->i += 3;
			zero = true;
		} else if (left >= 2 && (p[1] == '<' || p[1] == '\'' || (p[1] == 'P' && left >= 3 && p[2] == '<'))) {
			char close = p[1] == '\'' ? '\'' : '>';
			const char *e = memchr(p + 2, close, left - 2);
			if (!e) {
				ps->bail = true;
				return none();
			}
			ps->i += (size_t)(e - p) + 1;
		} else {
			ps->bail = true; /* inline options, recursion, conditions, comments */
			return none();
		}
	}
	if (++ps->depth > 250) {
		ps->bail = true;
		return none();
	}
	cset s = parse_alt(ps);
	ps->depth--;
	if (ps->i < ps->n && ps->p[ps->i] == ')')
		ps->i++;
	else
		ps->bail = true;
	if (zero) {
		s = none();
		s.zero = true;
	}
	return s;
}

static cset parse_escape(parser *ps)
{
	char e = ps->i + 1 < ps->n ? ps->p[ps->i + 1] : '\0';
	ps->i += 2;
	if (e == 'd') {
		cset s = {.n = 0, .zero = false};
		for (uint32_t d = '0'; d <= '9'; d++)
			set_add(&s, d);
		return s;
	}
	/* \K too: it moves where the match is said to start, not where its try
	 * does, and the tries are what the needs spare (engine.c) */
	if (strchr("bBAzZGK", e) && e) {
		cset s = none();
		s.zero = true;
		return s;
	}
	if (e == 'Q' || e == 'E' || e == 'g' || e == 'k' || (e >= '0' && e <= '9')) {
		ps->bail = true;
		return none();
	}
	if (strchr("pPxoN", e) && e && ps->i < ps->n && ps->p[ps->i] == '{') {
		const char *q = memchr(ps->p + ps->i, '}', ps->n - ps->i);
		ps->i = q ? (size_t)(q - ps->p) + 1 : ps->n;
		return none();
	}
	if ((unsigned char)e >= 0x80 || (e && strchr("\\^$.|?*+()[]{}/-%#&~!@'\"<>=,:;_ ", e))) {
		ps->i -= 1;
		return single(next_cp(ps));
	}
	return none(); /* \s, \w, \h, \R, \n, \x41 ... */
}

/* A quantifier at ps->i, if any: its minimum (1 without one). */
static unsigned parse_quant(parser *ps)
{
	unsigned min = 1;
	if (ps->i >= ps->n)
		return min;
	char c = ps->p[ps->i];
	if (c == '?' || c == '*') {
		min = 0;
		ps->i++;
	} else if (c == '+') {
		ps->i++;
	} else if (c == '{') {
		size_t k = ps->i + 1;
		unsigned v = 0;
		bool digits = false;
		while (k < ps->n && ps->p[k] >= '0' && ps->p[k] <= '9') {
			v = v * 10 + (unsigned)(ps->p[k++] - '0');
			digits = true;
			if (v > 100000)
				v = 100000;
		}
		if (!digits)
			return min;
		if (k < ps->n && ps->p[k] == ',') {
			k++;
			while (k < ps->n && ps->p[k] >= '0' && ps->p[k] <= '9')
				k++;
		}
		if (k >= ps->n || ps->p[k] != '}')
			return min; /* a literal brace */
		ps->i = k + 1;
		min = v;
	} else {
		return min;
	}
	if (ps->i < ps->n && (ps->p[ps->i] == '?' || ps->p[ps->i] == '+'))
		ps->i++;
	return min;
}

static cset parse_seq(parser *ps)
{
	cset best = none();
	while (ps->i < ps->n && ps->p[ps->i] != '|' && ps->p[ps->i] != ')') {
		char c = ps->p[ps->i];
		cset item;
		size_t ns, nl;
		bool table;
		if (c == '{' && ss_ref_at(ps->p, ps->n, ps->i, &ns, &nl, &table)) {
			item = ref_set(ps->m, ps->p + ns, nl, table);
			ps->i = ns + nl + 1;
		} else if (c == '(') {
			ps->i++;
			item = parse_group(ps);
		} else if (c == '[') {
			ps->i++;
			item = parse_class(ps);
		} else if (c == '\\') {
			item = parse_escape(ps);
		} else if (c == '.') {
			ps->i++;
			item = none();
		} else if (c == '^' || c == '$') {
			ps->i++;
			item = none();
			item.zero = true;
		} else {
			item = single(next_cp(ps));
		}
		if (ps->bail)
			return none();
		if (parse_quant(ps) == 0)
			item = none();
		if (!item.zero && item.n > 0 && better(ps->m, &item, &best))
			best = item;
	}
	return best;
}

static cset parse_alt(parser *ps)
{
	cset all = parse_seq(ps);
	while (!ps->bail && ps->i < ps->n && ps->p[ps->i] == '|') {
		ps->i++;
		cset b = parse_seq(ps);
		set_union(&all, &b);
	}
	return all;
}

void ss_needs_build(ss_ruleset *rs)
{
	size_t nd = rs->ndefines / 2;
	memo m = {rs, NULL, NULL, NULL, 0, 0, NULL};
	for (size_t i = 0; i < rs->nrules; i++) {
		ss_rule *r = &rs->rules[i];
		free(r->needs);
		r->needs = NULL;
		if (!r->pattern_text)
			continue;
		/* A built-in rule as the build read it (a sixth of start-up). */
		if (i < ss_rules_builtin_count && r->pattern &&
		    ss_rules_builtin_keys[i] == ss_rule_key(r)) {
			if (ss_needs_builtin[i])
				r->needs = ss_xstrdup(ss_needs_builtin[i]);
			continue;
		}
		if (!m.defs) {
			m.defs = ss_xcalloc(nd ? nd : 1, sizeof(cset));
			m.done = ss_xcalloc(nd ? nd : 1, 1);
			m.numeral = ss_xcalloc(0x10000, 1);
		}
		const char *p = r->pattern_text + r->pattern_at;
		parser ps = {&m, p, 0, strlen(p), 0, false};
		cset s = parse_alt(&ps);
		if (ps.bail || ps.i != ps.n || s.n <= 0 || set_numeral(&m, &s))
			continue; /* nothing found, or nothing worth a bit */
		ss_buf b = SS_BUF_INIT;
		for (int k = 0; k < s.n; k++) {
			char u[4];
			ss_buf_add(&b, u, (size_t)ss_utf8_encode(s.cp[k], u));
		}
		ss_buf_add(&b, "", 0);
		r->needs = ss_buf_detach(&b, NULL);
	}
	free(m.defs);
	free(m.done);
	free(m.tabs);
	free(m.numeral);
}
