/* factor.c - the piece of a rule's pattern the prefilter looks for.
 *
 * The scan needs, for every match [s, e) of a rule, an end the prefilter
 * reports after s and within the subject PCRE2 reads for it: the window
 * test (an end by the window's limit) and the alphabet test (engine.c: the
 * characters up to the first end after a try's start) both hold then. The
 * ends of the whole pattern give that, and so do the ends of any run of
 * the pattern's top-level items that cannot match empty: every match of
 * the pattern holds a match of the run, ending after s and by e, or, for a
 * run that ends in a positive lookahead, by where what the lookahead read
 * ends. With alternatives at the top, the alternation of one run from each
 * does.
 *
 * Which run is cheapest to find matters: Vectorscan's cost is about the sum
 * of its patterns', and a number (digits, Chinese numerals, scales) is the
 * dear part of nearly every rule, while the unit, currency, '%' or measure
 * word after it is cheap and rare. So the prefilter is given the items
 * after the last one that holds a number group (num, hi, den), whose ends
 * are the match's own; failing that (nothing but optional items there),
 * the items between two number groups (三分之一's 分之). Optional items and
 * assertions at either end of the run are left off, but a positive
 * lookahead (which often makes the run rarer) ends it: what remains is
 * still in every match, or follows it. The items before the first number
 * are a candidate only when they hold the rule's unit (US$, 人民币): a verb
 * or a label is common, and its ends come too early for the alphabet test
 * to judge anything. prefilter.c asks Vectorscan for the run's least width
 * and falls back on the whole pattern. */
#include <stdlib.h>
#include <string.h>

#include "rules.h"

typedef struct {
	size_t s, e;   /* the item's bytes, quantifier included */
	bool optional; /* ?, *, {0,...}, or zero-width */
	bool number;   /* holds a number group */
	bool ahead;    /* a positive lookahead, (?=...) */
} item;

/* The end of the item that starts at p[i], quantifier included, whether
 * it is optional, and how many times it must stand (its quantifier's
 * least). 0 when it does not close. */
static size_t item_end(const char *p, size_t n, size_t i, bool *optional, size_t *times)
{
	size_t k;
	*optional = false;
	*times = 1;
	if (p[i] == '(') {
		k = ss_pattern_group_end(p, n, i);
		if (!k)
			return 0;
		/* lookarounds are zero-width */
		if (i + 2 < n && p[i + 1] == '?' &&
		    (p[i + 2] == '=' || p[i + 2] == '!' ||
		     (p[i + 2] == '<' && i + 3 < n && (p[i + 3] == '=' || p[i + 3] == '!'))))
			*optional = true;
	} else if (p[i] == '[') {
		k = ss_pattern_skip(p, n, i);
		if (p[k - 1] != ']')
			return 0; /* it does not close */
	} else if (p[i] == '\\') {
		if (i + 1 >= n)
			return 0;
		k = i + 2;
		if (strchr("bBAzZGK", p[i + 1]))
			*optional = true; /* zero-width */
		/* \x{..} \p{..} \k<..> \g{..} and the like run to their closer */
		if (k < n && (p[k] == '{' || p[k] == '<') && strchr("xopPNkg", p[i + 1])) {
			const char *c = memchr(p + k, p[k] == '{' ? '}' : '>', n - k);
			if (!c)
				return 0;
			k = (size_t)(c - p) + 1;
		}
	} else {
		k = i + (size_t)ss_utf8_len(p + i, n - i);
	}
	/* the quantifier, and its lazy or possessive mark */
	if (k < n && (p[k] == '?' || p[k] == '*')) {
		*optional = true;
		*times = 0;
		k++;
	} else if (k < n && p[k] == '+') {
		k++;
	} else if (k < n && p[k] == '{') {
		size_t q = k + 1;
		while (q < n && ((p[q] >= '0' && p[q] <= '9') || p[q] == ','))
			q++;
		if (q < n && p[q] == '}' && q > k + 1) {
			*times = p[k + 1] == ',' ? 0 : (size_t)strtoul(p + k + 1, NULL, 10);
			*optional |= *times == 0;
			k = q + 1;
		}
	}
	if (k < n && (p[k] == '?' || p[k] == '+'))
		k++;
	return k;
}

/* The least number of characters p[0, n) consumes: lookarounds and other
 * assertions none, a group what its cheapest alternative does, a
 * quantifier its minimum times; 0 for whatever is not read here. */
size_t ss_pattern_min_chars(const char *p, size_t n)
{
	size_t best = SIZE_MAX, sum = 0;
	for (size_t i = 0; i <= n;) {
		if (i == n || p[i] == '|') {
			if (sum < best)
				best = sum;
			sum = 0;
			i++;
			continue;
		}
		bool opt;
		size_t times;
		size_t k = item_end(p, n, i, &opt, &times);
		if (!k || k > n)
			return 0;
		size_t one = 0;
		if (p[i] == '(') {
			size_t body = i + 1, close = ss_pattern_group_end(p, n, i) - 1;
			if (p[body] == '?') {
				if (body + 1 < close && strchr(":>|", p[body + 1])) {
					body += 2;
				} else if (body + 2 < close && (p[body + 1] == '<' || p[body + 1] == '\'') &&
				           p[body + 2] != '=' && p[body + 2] != '!') {
					const char *e = memchr(p + body, p[body + 1] == '<' ? '>' : '\'', close - body);
					body = e ? (size_t)(e - p) + 1 : close;
				} else {
					body = close; /* a lookaround, options, a condition: nothing */
				}
			} else if (p[body] == '*') {
				body = close;
			}
			one = body < close ? ss_pattern_min_chars(p + body, close - body) : 0;
		} else if (p[i] == '\\') {
			/* assertions, \K and references consume nothing for sure */
			one = strchr("bBAzZGKkg0123456789", p[i + 1]) ? 0 : 1;
		} else if (p[i] != '^' && p[i] != '$') {
			one = 1;
		}
		sum += one * times;
		i = k;
	}
	return best == SIZE_MAX ? 0 : best;
}

/* Whether p[a, b) holds a group of one of the names (each "(?<name>"). */
static bool holds_group(const char *p, size_t a, size_t b, const char *const *names, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		size_t nl = strlen(names[k]);
		for (size_t i = a; i + nl <= b; i++)
			if (!memcmp(p + i, names[k], nl))
				return true;
	}
	return false;
}

static bool holds_number(const char *p, size_t a, size_t b)
{
	static const char *const names[] = {"(?<num>", "(?<hi>", "(?<den>"};
	return holds_group(p, a, b, names, sizeof names / sizeof *names);
}

/* The run [a, b) of items, optional ones at either end left off: its
 * bytes, or false when nothing is left. A positive lookahead ends the run
 * instead (with what stands after it left off): what it reads follows at a
 * place inside the match, so the run with it still ends after the match's
 * start, within the subject PCRE2 reads (prefilter.c reads it as a group),
 * and it is often the rarer sign (元的跌幅 against every 元). */
static bool trimmed(const item *it, size_t a, size_t b, size_t *s, size_t *e)
{
	while (a < b && it[a].optional)
		a++;
	while (b > a && it[b - 1].optional && !it[b - 1].ahead)
		b--;
	if (a == b)
		return false;
	*s = it[a].s;
	*e = it[b - 1].e;
	return true;
}

/* The piece of one alternative p[0, n) (no '|' at its top), appended to o. */
static bool alternative_piece(const char *p, size_t n, ss_buf *o)
{
	item it[256];
	size_t ni = 0;
	for (size_t i = 0; i < n;) {
		if (p[i] == '^' || p[i] == '$' || p[i] == ')' || ni == sizeof it / sizeof *it)
			return false;
		bool opt;
		size_t times;
		size_t k = item_end(p, n, i, &opt, &times);
		if (!k || k > n)
			return false;
		bool ahead = p[i] == '(' && k == ss_pattern_group_end(p, n, i) && i + 2 < n &&
		             p[i + 1] == '?' && p[i + 2] == '=';
		it[ni++] = (item){i, k, opt, holds_number(p, i, k), ahead};
		i = k;
	}
	/* from the last number group back: the run after each one */
	size_t end = ni;
	for (size_t k = ni; k-- > 0;) {
		if (!it[k].number)
			continue;
		size_t s, e;
		if (trimmed(it, k + 1, end, &s, &e)) {
			ss_buf_add(o, p + s, e - s);
			return true;
		}
		end = k;
	}
	/* nothing required after or between the numbers: the items before the
	 * first, when they hold the rule's unit (US$, 人民币 written before the
	 * figure: as rare a sign as one after it) */
	static const char *const unit[] = {"(?<unit>"};
	size_t s, e;
	if (end < ni && trimmed(it, 0, end, &s, &e) && holds_group(p, s, e, unit, 1)) {
		ss_buf_add(o, p + s, e - s);
		return true;
	}
	return false;
}

/* Whether p holds what a run taken out of it could read otherwise: inline
 * options, which reach past a group's items; \Q..\E; verbs; references to
 * groups (renumbered or gone in the run), recursion and conditions. */
static bool context_bound(const char *p, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++) {
		if (p[i] == '\\') {
			char e = p[i + 1];
			if (e == 'Q' || e == 'E' || e == 'k' || e == 'g' || (e >= '1' && e <= '9'))
				return true;
			i++;
		} else if (p[i] == '(' && (p[i + 1] == '*' ||
		                           (p[i + 1] == '?' && i + 2 < n &&
		                            !strchr(":=!<>|'", p[i + 2])))) {
			/* (*VERB), (?i), (?-x), (?R), (?1), (?&n), (?(c)..), (?#..), (?P=n),
			 * and (?P<n>, read no further */
			return true;
		}
	}
	return false;
}

char *ss_pattern_factor(const char *p)
{
	size_t n = strlen(p);
	if (context_bound(p, n))
		return NULL;
	/* the alternatives at the top */
	size_t bars[63];
	size_t nb = ss_pattern_top_bars(p, n, bars, sizeof bars / sizeof *bars);
	if (nb > sizeof bars / sizeof *bars)
		return NULL;
	size_t starts[64], na = 0;
	starts[na++] = 0;
	for (size_t k = 0; k < nb; k++)
		starts[na++] = bars[k] + 1;
	ss_buf o = SS_BUF_INIT;
	if (na > 1)
		ss_buf_add(&o, "(?:", 3);
	for (size_t k = 0; k < na; k++) {
		size_t s = starts[k], e = k + 1 < na ? starts[k + 1] - 1 : n;
		if (k)
			ss_buf_add(&o, "|", 1);
		if (!alternative_piece(p + s, e - s, &o)) {
			ss_buf_release(&o);
			return NULL;
		}
	}
	if (na > 1)
		ss_buf_add(&o, ")", 1);
	return ss_buf_detach(&o, NULL);
}
