/* pairs.c - the first two characters a rule's matches can begin with.
 *
 * The scan tries an anchored rule where its start set and its alphabet
 * allow (starts.c, alphabet.c), and half of those tries fail at once: 六次,
 * 一个 begin no Chinese numeral (a digit wants a unit after it), 增长5
 * begins no figure of a rule that starts at its number. The pattern's
 * second characters after each first one (follow.c, read off the pattern
 * text, erring only towards more) tell most of those apart before PCRE2 is
 * asked, and PCRE2 then judges each of those pairs by a partial match (the
 * lookarounds follow.c reads as "": 亿元 begins no Chinese numeral), also
 * after a digit or '.', where most rules look behind for a number begun
 * before. A try whose two first characters the pattern cannot begin with
 * there is not made.
 *
 * The pairs of every rule are bits of one table (SS_PAIR_BITS bits, by a
 * hash of the rule, the first and the second character): a collision only
 * lets a try through. A first character that may be a match alone, or be
 * followed by anything, is the pair with SS_PAIR_ALONE. A rule whose
 * pattern follow.c cannot read is tried as before. The built-in rules'
 * table is made at build time (scripts/builtingen.c): reading the patterns
 * costs more than a run over 3 MB of text spares. */
#include <stdlib.h>
#include <string.h>

#include "rules.h"

static void pair_set(uint64_t *bits, size_t ri, uint32_t c1, uint32_t c2)
{
	size_t k = ss_pair_bit(ri, c1, c2);
	bits[k / 64] |= 1ull << (k % 64);
}

/* Whether PCRE2 can judge the pattern's first characters with only one
 * character before them, or none: no lookbehind inside another assertion
 * or a condition, where less text before would make it fail, not pass
 * ((?!(?<!ab)): the negative lookbehind passes for want of text, and the
 * lookahead fails). A lookbehind by itself passes for want of text, and
 * a lookahead that reads past the subject gives a partial match; a
 * positive lookbehind or \b makes the rule one searched (starts.c). */
static bool judged_alone(const char *p)
{
	size_t n = strlen(p), depth = 0, looks = 0;
	uint8_t look[256]; /* per open group: an assertion or a condition */
	for (size_t i = 0; i < n; i = ss_pattern_skip(p, n, i)) {
		if (p[i] == '(') {
			bool a = p[i + 1] == '?' && (p[i + 2] == '=' || p[i + 2] == '!' || p[i + 2] == '(' ||
			                             (p[i + 2] == '<' && (p[i + 3] == '=' || p[i + 3] == '!')));
			if (a && p[i + 2] == '<' && looks)
				return false;
			if (a && p[i + 2] == '(')
				return false;
			if (depth == sizeof look)
				return false;
			look[depth++] = a;
			looks += a;
		} else if (p[i] == ')' && depth) {
			looks -= look[--depth];
		}
	}
	return true;
}

/* Whether a match of r (compiled) can begin with text s[0, n) after the
 * character before (none: 0): PCRE2's partial match, which passes when
 * more text could complete it. */
static bool may_begin(const ss_rule *r, pcre2_match_data *md, char before, const char *s,
                      size_t n)
{
	char t[16];
	size_t b = before ? 1 : 0;
	t[0] = before;
	memcpy(t + b, s, n);
	int rc = pcre2_match(r->code, (PCRE2_SPTR)t, b + n, b,
	                     PCRE2_PARTIAL_HARD | PCRE2_NO_JIT | PCRE2_NO_UTF_CHECK, md, NULL);
	return rc >= 0 || rc == PCRE2_ERROR_PARTIAL;
}

/* The pair c1 c2 (SS_PAIR_ALONE: c1 alone) of rule ri, which follow.c
 * allows, into bits as PCRE2 judges it: at all, and after a digit or '.'
 * (inside a number, where ARABIC and CNNUM look behind for them). A rule
 * PCRE2 cannot judge so (md NULL) has both. */
static void pair_judged(const ss_rule *r, size_t ri, pcre2_match_data *md, uint64_t *bits,
                        uint32_t c1, uint32_t c2)
{
	if (!md) {
		pair_set(bits, ri, c1, c2);
		pair_set(bits, ri, c1, c2 | SS_PAIR_AFTER_NUM);
		return;
	}
	char s[8];
	size_t n = (size_t)ss_utf8_encode(c1, s);
	if (c2 != SS_PAIR_ALONE)
		n += (size_t)ss_utf8_encode(c2, s + n);
	if (!may_begin(r, md, 0, s, n))
		return;
	pair_set(bits, ri, c1, c2);
	for (const char *d = "0123456789."; *d; d++)
		if (may_begin(r, md, *d, s, n)) {
			pair_set(bits, ri, c1, c2 | SS_PAIR_AFTER_NUM);
			break;
		}
}

/* The pairs of rule ri's pattern into bits; false when follow.c cannot
 * read it. lead: 0x10000 zero bytes, left zero. */
static bool rule_pairs(ss_ruleset *rs, size_t ri, uint64_t *bits, uint8_t *lead)
{
	ss_rule *r = &rs->rules[ri];
	uint32_t *next;
	size_t *next_at;
	if (!ss_pattern_leads(r->pattern, lead, &next, &next_at))
		return false;
	ss_rule_compile_now(rs, r);
	pcre2_match_data *md = judged_alone(r->pattern) ? pcre2_match_data_create(1, NULL) : NULL;
	for (uint32_t c = 0; c < 0x10000; c++) {
		uint8_t k = lead[c];
		if (!k)
			continue;
		lead[c] = 0;
		if (k == SS_PERIOD_ALWAYS) {
			pair_judged(r, ri, md, bits, c, SS_PAIR_ALONE);
			r->pairs_alone = true;
			continue;
		}
		for (size_t j = next_at[k - 1]; j < next_at[k]; j++)
			pair_judged(r, ri, md, bits, c, next[j]);
	}
	pcre2_match_data_free(md);
	free(next);
	free(next_at);
	return true;
}

void ss_pairs_build(ss_ruleset *rs)
{
	free(rs->pair_own);
	rs->pair_own = NULL;
	rs->pair_bits = NULL;
	size_t nb = ss_pairs_builtin_count, from_build = 0, left = 0;
	bool *done = ss_xcalloc(rs->nrules ? rs->nrules : 1, sizeof *done);
	for (size_t i = 0; i < rs->nrules; i++) {
		ss_rule *r = &rs->rules[i];
		r->pairs = r->pairs_alone = false;
		if (r->anywhere || !r->pattern) {
			done[i] = true; /* searched, not tried at its starts */
		} else if (i < nb && ss_pairs_builtin_keys[i] == ss_rule_key(r)) {
			r->pairs = ss_pairs_builtin_known[i] & 1;
			r->pairs_alone = ss_pairs_builtin_known[i] >> 1 & 1;
			done[i] = true;
			from_build++;
		} else {
			left++;
		}
	}
	if (!left) {
		rs->pair_bits = from_build ? (const uint64_t *)ss_pairs_builtin_bits : NULL;
		free(done);
		return;
	}
	/* The build's bits stay under the rules read here: a rule whose
	 * pattern changed keeps its old pairs too, which only lets tries
	 * through. */
	uint64_t *bits = ss_xcalloc(SS_PAIR_BITS / 64, sizeof *bits);
	if (from_build)
		memcpy(bits, ss_pairs_builtin_bits, SS_PAIR_BITS / 8);
	uint8_t *lead = ss_xcalloc(0x10000, 1);
	for (size_t i = 0; i < rs->nrules; i++)
		if (!done[i])
			rs->rules[i].pairs = rule_pairs(rs, i, bits, lead);
	free(lead);
	free(done);
	rs->pair_own = bits;
	rs->pair_bits = bits;
}
