/* alphabet.c - the characters a rule's matches can be made of.
 *
 * A match of a rule covers the text from where PCRE2 tries it up to one of
 * the ends the prefilter reported: the first such end after the try's
 * start is at or before the match's end. So when a character the rule can
 * never consume stands between the start and that first end, the try must
 * fail, and the scan skips it (engine.c). Most failed tries are of this
 * kind: a rule begun at 2023 in `2023年营收增长12%` meets 年.
 *
 * The alphabet is read off the expanded pattern in one pass: every literal
 * and every member of a class outside a negative assertion or a lookbehind
 * may be consumed; what is inside (?!...) (?<=...) (?<!...) is only looked
 * at. A positive lookahead counts as consumed: the prefilter reads one that
 * ends the pattern as a plain group (prefilter.c), so its end comes after
 * what the lookahead looked at. A
 * backreference consumes what its group consumed. Anything this pass does
 * not read exactly (., \w \S \D \W \p \X \C \R \N, inline
 * options, \Q, a POSIX class, a range past the table) makes the alphabet
 * "everything", and such a rule is tried as before: the answer may be
 * weaker than the truth, never narrower. A negated class adds every
 * character but its members. Code points past U+FFFF count as
 * one bit, SS_ALPHA_ASTRAL. */
#include <stdlib.h>
#include <string.h>

#include "rules.h"

typedef struct {
	const char *p;
	size_t i, n;
	uint64_t *bits; /* 0x10000 bits */
	bool all;       /* something not read exactly: any character */
} walker;

static void add(walker *w, uint32_t cp)
{
	if (cp >= 0x10000)
		cp = SS_ALPHA_ASTRAL;
	w->bits[cp >> 6] |= 1ull << (cp & 63);
}

static void add_range(walker *w, uint32_t lo, uint32_t hi)
{
	if (hi >= 0x10000) {
		add(w, SS_ALPHA_ASTRAL);
		if (lo >= 0x10000)
			return;
		hi = 0xFFFF;
	}
	for (uint32_t cp = lo; cp <= hi; cp++)
		add(w, cp);
}

static uint32_t next_cp(walker *w)
{
	uint32_t cp;
	int cl = ss_utf8_decode(w->p + w->i, w->n - w->i, &cp);
	w->i += cl ? (size_t)cl : 1;
	return cl ? cp : 0xFFFFFFFFu;
}

static int hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* \x{HHHH} or \xHH with w->i after the 'x'; 0xFFFFFFFF when unreadable. */
static uint32_t hex_escape(walker *w)
{
	uint32_t v = 0;
	if (w->i < w->n && w->p[w->i] == '{') {
		size_t k = w->i + 1, digits = 0;
		for (; k < w->n && w->p[k] != '}'; k++, digits++) {
			int d = hex_digit(w->p[k]);
			if (d < 0 || digits >= 6)
				return 0xFFFFFFFFu;
			v = v * 16 + (uint32_t)d;
		}
		if (k >= w->n || !digits)
			return 0xFFFFFFFFu;
		w->i = k + 1;
		return v;
	}
	for (int k = 0; k < 2 && w->i < w->n && hex_digit(w->p[w->i]) >= 0; k++)
		v = v * 16 + (uint32_t)hex_digit(w->p[w->i++]);
	return v;
}

/* An escape with w->i at the backslash, inside a class or not: the one
 * character it stands for (0xFFFFFFFF after adding a set itself, or when
 * it is no character: an assertion, \K, a backreference). */
static uint32_t escape(walker *w, bool in_class)
{
	w->i++;
	if (w->i >= w->n) {
		w->all = true;
		return 0xFFFFFFFFu;
	}
	char e = w->p[w->i];
	if ((unsigned char)e >= 0x80)
		return next_cp(w);
	w->i++;
	switch (e) {
	case 'd':
		add_range(w, '0', '9');
		return 0xFFFFFFFFu;
	case 's':
		/* Not UCP: ASCII white space (and, to be safe, NEL and NBSP). */
		add_range(w, '\t', '\r');
		add(w, ' ');
		add(w, 0x85);
		add(w, 0xA0);
		return 0xFFFFFFFFu;
	case 'h':
	case 'v':
		add_range(w, '\t', '\r');
		add(w, ' ');
		add(w, 0x85);
		add(w, 0xA0);
		add(w, 0x1680);
		add(w, 0x180E);
		add_range(w, 0x2000, 0x200A);
		add_range(w, 0x2028, 0x2029);
		add(w, 0x202F);
		add(w, 0x205F);
		add(w, 0x3000);
		return 0xFFFFFFFFu;
	case 't': return '\t';
	case 'n': return '\n';
	case 'r': return '\r';
	case 'f': return '\f';
	case 'e': return 0x1B;
	case 'a': return 0x07;
	case 'x': {
		uint32_t v = hex_escape(w);
		if (v == 0xFFFFFFFFu)
			w->all = true;
		return v;
	}
	case 'b':
		if (in_class)
			return 0x08;
		return 0xFFFFFFFFu;
	case 'B': case 'A': case 'z': case 'Z': case 'G': case 'K':
		return 0xFFFFFFFFu; /* zero-width */
	case 'k':
	case 'g':
		/* A backreference consumes what its group did: nothing new. */
		if (w->i < w->n && strchr("<{'", w->p[w->i])) {
			char close = w->p[w->i] == '<' ? '>' : w->p[w->i] == '{' ? '}' : '\'';
			const char *q = memchr(w->p + w->i, close, w->n - w->i);
			w->i = q ? (size_t)(q - w->p) + 1 : w->n;
		} else {
			while (w->i < w->n && ((w->p[w->i] >= '0' && w->p[w->i] <= '9') || w->p[w->i] == '-'))
				w->i++;
		}
		return 0xFFFFFFFFu;
	default:
		/* \1 .. \9 alone are backreferences; \12 may be one or an octal
		 * character, as the groups before it decide */
		if (e >= '1' && e <= '9' && !in_class &&
		    !(w->i < w->n && w->p[w->i] >= '0' && w->p[w->i] <= '9'))
			return 0xFFFFFFFFu;
		if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || (e >= '0' && e <= '9')) {
			w->all = true; /* \w \S \D \p{..} \Q \c \0 ...: not read here */
			return 0xFFFFFFFFu;
		}
		return (unsigned char)e; /* an escaped punctuation mark */
	}
}

static void members(walker *w);

/* [...] with w->i after the '['. A negated class adds every character but
 * its members, and any past U+FFFF (one bit stands for them all). */
static void class_(walker *w)
{
	if (w->i >= w->n || w->p[w->i] != '^') {
		members(w);
		return;
	}
	w->i++;
	uint64_t *own = w->bits;
	w->bits = ss_xcalloc(SS_ALPHA_WORDS, sizeof(uint64_t));
	members(w);
	for (size_t k = 0; k < SS_ALPHA_WORDS; k++)
		own[k] |= ~w->bits[k];
	free(w->bits);
	w->bits = own;
	add(w, SS_ALPHA_ASTRAL);
}

/* A class's members up to its ']', with w->i after the '[' (and '^'). */
static void members(walker *w)
{
	bool first = true;
	uint32_t prev = 0xFFFFFFFFu;
	while (w->i < w->n && !w->all && (w->p[w->i] != ']' || first)) {
		first = false;
		char c = w->p[w->i];
		uint32_t cp;
		if (c == '[' && w->i + 1 < w->n && strchr(":.=", w->p[w->i + 1])) {
			w->all = true; /* a POSIX class */
			return;
		}
		if (c == '-' && prev != 0xFFFFFFFFu && w->i + 1 < w->n && w->p[w->i + 1] != ']') {
			w->i++;
			uint32_t hi = w->p[w->i] == '\\' ? escape(w, true) : next_cp(w);
			if (hi == 0xFFFFFFFFu || hi < prev) {
				w->all = true;
				return;
			}
			add_range(w, prev, hi);
			prev = 0xFFFFFFFFu;
			continue;
		}
		cp = c == '\\' ? escape(w, true) : next_cp(w);
		if (cp != 0xFFFFFFFFu)
			add(w, cp);
		prev = cp;
	}
	if (w->i < w->n)
		w->i++; /* ']' */
	else
		w->all = true;
}

/* Skip an assertion's body, w->i after its opening; nested groups and
 * classes inside are stepped over whole. */
static void skip_group(walker *w)
{
	int depth = 1;
	while (w->i < w->n && depth) {
		char c = w->p[w->i];
		if (c == '\\') {
			w->i += 2;
		} else if (c == '[') {
			/* A class may hold ']' first and '(' anywhere. */
			w->i++;
			if (w->i < w->n && w->p[w->i] == '^')
				w->i++;
			if (w->i < w->n && w->p[w->i] == ']')
				w->i++;
			while (w->i < w->n && w->p[w->i] != ']')
				w->i += w->p[w->i] == '\\' ? 2 : 1;
			w->i++;
		} else {
			depth += c == '(';
			depth -= c == ')';
			w->i++;
		}
	}
	if (depth)
		w->all = true;
}

static void walk(walker *w)
{
	while (w->i < w->n && !w->all) {
		char c = w->p[w->i];
		if (c == '\\') {
			uint32_t cp = escape(w, false);
			if (cp != 0xFFFFFFFFu)
				add(w, cp);
		} else if (c == '[') {
			w->i++;
			class_(w);
		} else if (c == '(') {
			w->i++;
			const char *g = w->p + w->i;
			size_t left = w->n - w->i;
			if (left >= 2 && g[0] == '?' && g[1] == '=') {
				w->i += 2; /* read as a group: see the top */
			} else if (left >= 2 && g[0] == '?' && g[1] == '!') {
				w->i += 2;
				skip_group(w);
			} else if (left >= 3 && g[0] == '?' && g[1] == '<' && (g[2] == '=' || g[2] == '!')) {
				w->i += 3;
				skip_group(w);
			} else if (left >= 2 && g[0] == '?' && (g[1] == ':' || g[1] == '>' || g[1] == '|')) {
				w->i += 2;
			} else if (left >= 2 && g[0] == '?' &&
			           (g[1] == '<' || g[1] == '\'' || (g[1] == 'P' && left >= 3 && g[2] == '<'))) {
				char close = g[1] == '\'' ? '\'' : '>';
				const char *e = memchr(g + 2, close, left - 2);
				if (!e)
					w->all = true;
				else
					w->i += (size_t)(e - g) + 1;
			} else if (left >= 1 && g[0] == '?') {
				w->all = true; /* inline options, conditions, recursion, comments */
			} else if (left >= 1 && g[0] == '*') {
				w->all = true; /* (*VERB) */
			}
		} else if (c == '{') {
			/* A quantifier {n,m}, or literal characters where PCRE2 reads
			 * none ({,3} in some versions): they are added either way,
			 * which is only weaker in the first case. */
			add(w, '{');
			add(w, '}');
			add(w, ',');
			add_range(w, '0', '9');
			size_t k = w->i + 1;
			while (k < w->n && ((w->p[k] >= '0' && w->p[k] <= '9') || w->p[k] == ','))
				k++;
			w->i = k < w->n && w->p[k] == '}' ? k + 1 : w->i + 1;
		} else if (c == '.') {
			w->all = true;
		} else if (strchr("|)?*+^$", c)) {
			w->i++;
		} else {
			uint32_t cp = next_cp(w);
			if (cp == 0xFFFFFFFFu)
				w->all = true;
			else
				add(w, cp);
		}
	}
}

uint64_t *ss_pattern_alphabet(const char *pattern)
{
	walker w = {pattern, 0, strlen(pattern), ss_xcalloc(SS_ALPHA_WORDS, sizeof(uint64_t)), false};
	walk(&w);
	if (w.all) {
		free(w.bits);
		return NULL;
	}
	return w.bits;
}

size_t ss_alphabet_ranges(const uint64_t *a, uint32_t **ranges)
{
	size_t n = 0, cap = 0;
	*ranges = NULL;
	for (uint32_t cp = 0; cp < 0x10000;) {
		if (!(a[cp >> 6] >> (cp & 63) & 1)) {
			cp++;
			continue;
		}
		uint32_t lo = cp;
		while (cp < 0x10000 && (a[cp >> 6] >> (cp & 63) & 1))
			cp++;
		ss_grow((void **)ranges, &cap, n + 2, sizeof **ranges);
		(*ranges)[n++] = lo;
		(*ranges)[n++] = cp - 1;
	}
	return n / 2;
}

uint64_t *ss_alphabet_from_ranges(const uint32_t *ranges, size_t n)
{
	uint64_t *a = ss_xcalloc(SS_ALPHA_WORDS, sizeof *a);
	for (size_t i = 0; i < n; i++) {
		uint32_t lo = ranges[2 * i], hi = ranges[2 * i + 1];
		/* by bits to a word's edge, then by words */
		for (; lo <= hi && (lo & 63); lo++)
			a[lo >> 6] |= 1ull << (lo & 63);
		for (; lo + 63 <= hi; lo += 64)
			a[lo >> 6] = ~0ull;
		for (; lo <= hi; lo++)
			a[lo >> 6] |= 1ull << (lo & 63);
	}
	return a;
}
