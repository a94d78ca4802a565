/* words.c - the words of the rule set's tables that start at each offset of
 * a document, looked up once.
 *
 * The subject finder asks at nearly every character of a clause whether a
 * stop word, a metric or a closing verb starts there (attach.c: stop_at,
 * word_at), and walks the same clause several times: the noun runs of a
 * clause, the run again from its start, the clause again for a quantity,
 * the trims and the openings. What starts at an offset does not depend on
 * the walk, so the first walk looks it up for all the tables attachment
 * reads at once, and keeps it in a window of recent offsets. */
#include <stdlib.h>

#include "attach.h"
#include "lexicon.h"

/* Slots at most: a subject is looked for within SS_ATTACH_REACH bytes of
 * its figure, and the figures come in order. The table starts small and
 * grows when words keep putting others out of their slots, so that a page
 * with a few figures does not clear the largest. */
#define WORD_CACHE_SLOTS 4096
#define WORD_CACHE_FIRST 256


ss_word_cache *ss_word_cache_new(const ss_ruleset *rs, const char *s, size_t len,
                                 const int *ids, size_t nids)
{
	ss_word_cache *c = ss_xcalloc(1, sizeof *c);
	c->rs = rs;
	c->s = s;
	c->len = len;
	c->nids = nids < SS_WORD_TABLES ? nids : SS_WORD_TABLES;
	for (size_t k = 0; k < c->nids; k++)
		c->ids[k] = ids[k];
	c->bit_of = ss_rules_table_bits(rs, c->ids, c->nids);
	ss_rules_first_union(rs, c->ids, c->nids, c->firsts);
	return c;
}

void ss_word_cache_free(ss_word_cache *c)
{
	if (!c)
		return;
	free(c->slot);
	free(c->bit_of);
	free(c);
}

void ss_word_cache_stats(const ss_word_cache *c, size_t *hits, size_t *misses)
{
	*hits = c ? c->hits : 0;
	*misses = c ? c->misses : 0;
}

/* What starts at i in the whole text: the word lengths the first character
 * allows (up to four characters), their ends, the tables holding each. */
static void fill(ss_word_cache *c, ss_word_slot *w, size_t i)
{
	const char *s = c->s;
	const size_t len = c->len;
	uint32_t cp;
	unsigned lens;
	if (c->rs->lex_first && i < len && ss_utf8_decode(s + i, len - i, &cp) && cp < 0x10000)
		lens = c->rs->lex_first[cp];
	else
		lens = ss_rules_word_lengths(c->rs, s + i, len - i);
	w->lens_all = (uint8_t)lens;
	lens &= 0x0F;
	/* in locals: a store to the slot (bytes among them) would have every
	 * field read again */
	unsigned n = 0;
	size_t j = i;
	/* the text is valid UTF-8 (sanitised): a lead byte tells the length */
	while (n < 4 && (lens >> n) && j < len) {
		j += ss_utf8_step[(unsigned char)s[j]];
		if (j > len)
			j = len;
		w->end[n] = j;
		w->bits[n] = lens & (1u << n) && ss_lex_first_may(c->firsts, s + i, j - i)
		                 ? ss_rules_word_bits(c->rs, c->bit_of, s + i, j - i)
		                 : 0;
		n++;
	}
	w->key = i + 1;
	w->lens = (uint8_t)lens;
	w->n = (uint8_t)n;
	w->reach = 0;
	w->stop[0] = w->stop[1] = -1;
}

ss_word_slot *ss_word_cache_miss(ss_word_cache *c, size_t i)
{
	/* words are put out of their slots only here, so here is where the
	 * table grows */
	size_t slots = c->mask + 1;
	if (!c->mask || (c->evicted > slots && slots < WORD_CACHE_SLOTS)) {
		slots = c->mask ? slots * 4 : 64;
		/* a slot for every eight bytes at first: a small document asks
		 * about a few hundred offsets, and the table is cleared for each */
		while (!c->mask && slots < WORD_CACHE_FIRST && slots < c->len / 8)
			slots *= 2;
		if (slots > WORD_CACHE_SLOTS)
			slots = WORD_CACHE_SLOTS;
		free(c->slot);
		c->slot = ss_xcalloc(slots, sizeof *c->slot);
		c->mask = slots - 1;
		c->evicted = 0;
	}
	ss_word_slot *w = &c->slot[i & c->mask];
	if (w->key == i + 1) {
		c->hits++;
		return w;
	}
	c->misses++;
	c->evicted += w->key != 0;
	fill(c, w, i);
	return w;
}
