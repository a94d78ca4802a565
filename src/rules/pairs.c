/* pairs.c - the first two characters a rule's matches can begin with.
 *
 * The scan tries an anchored rule where its start set and its alphabet
 * allow (starts.c, alphabet.c), and half of those tries fail at once: 六次,
 * 一个 begin no Chinese numeral (a digit wants a unit after it), 增长5
 * begins no figure of a rule that starts at its number. The pattern's
 * second characters after each first one (follow.c, read off the pattern
 * text, erring only towards more) tell most of those apart before PCRE2 is
 * asked: a try whose two first characters the pattern cannot begin with is
 * not made.
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

/* The pairs of rule ri's pattern into bits; false when follow.c cannot
 * read it. lead: 0x10000 zero bytes, left zero. */
static bool rule_pairs(ss_ruleset *rs, size_t ri, uint64_t *bits, uint8_t *lead)
{
	uint32_t *next;
	size_t *next_at;
	if (!ss_pattern_leads(rs->rules[ri].pattern, lead, &next, &next_at))
		return false;
	for (uint32_t c = 0; c < 0x10000; c++) {
		uint8_t k = lead[c];
		if (!k)
			continue;
		lead[c] = 0;
		if (k == SS_PERIOD_ALWAYS) {
			pair_set(bits, ri, c, SS_PAIR_ALONE);
			rs->rules[ri].pairs_alone = true;
			continue;
		}
		for (size_t j = next_at[k - 1]; j < next_at[k]; j++)
			pair_set(bits, ri, c, next[j]);
	}
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
		} else if (i < nb && ss_pairs_builtin_keys[i] == ss_pattern_key(r->pattern)) {
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
