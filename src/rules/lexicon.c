/* lexicon.c - the `map` tables as a hash of words, built once by compile.
 *
 * Subject attachment asks, at nearly every character of a sentence, whether a
 * word of one to four characters of some tables starts there; a binary search
 * comparing table names at every step made that a tenth of the whole run. Here
 * a table name becomes a small id once, a word is found with one hash probe
 * whatever table it is in, and a byte per code point tells which word lengths
 * can start with a character, so most positions cost no probe at all. */
#include <stdlib.h>
#include <string.h>

#include "rules.h"

typedef struct {
	uint64_t x, y;    /* the word's ends as lex_ends reads them */
	const char *word; /* the map entry's strings, owned by the rule set */
	const char *value;
	uint32_t len;  /* bytes of word */
	uint32_t hash;
	int table;     /* id: index into ss_lexicon.tables */
	bool more;     /* the next entry holds the same word (in another table) */
} lex_entry;

/* One allocation, freed through ss_ruleset.lex_first (which points at it):
 * `first` must stay the first member. */
struct ss_lexicon {
	/* first[cp]: bit k set when a word of k + 1 characters (bit 7: eight or
	 * more) starts with code point cp, for cp below U+10000. */
	uint8_t first[0x10000];
	size_t ntables, nentries;
	uint32_t slot_mask;      /* slots - 1, a power of two less one */
	const char **tables;     /* table names, sorted; an id indexes this */
	lex_entry *entries;      /* grouped by word, then by table id */
	uint32_t *slots;         /* 1 + the first entry of a word, 0 for empty */
	/* per table, FIRST_BITS bits: bit ss_lex_first_key(w) set for each word
	 * w, so that most lookups of a word no table entry opens like end at
	 * once (rules.h, inline) */
	uint64_t *first_of;
};

#define FIRST_BITS SS_LEX_FIRST_BITS

/* The first and last eight (or four) bytes of s[0, n), or all of a word of
 * fewer than four in x. With the length they are the whole of any word of
 * up to LEX_WHOLE bytes, so such a word is compared as two integers. */
#define LEX_WHOLE 16
static inline void lex_ends(const char *s, size_t n, uint64_t *x, uint64_t *y)
{
	*x = *y = 0;
	if (n >= 8) {
		memcpy(x, s, 8);
		memcpy(y, s + n - 8, 8);
	} else if (n >= 4) {
		uint32_t u, v;
		memcpy(&u, s, 4);
		memcpy(&v, s + n - 4, 4);
		*x = u;
		*y = v;
	} else if (n == 3) {
		/* one Chinese character, the commonest word of all */
		const unsigned char *u = (const unsigned char *)s;
		*x = (uint64_t)u[0] << 16 | (uint64_t)u[1] << 8 | u[2];
	} else {
		for (size_t i = 0; i < n; i++)
			*x = *x << 8 | (unsigned char)s[i];
	}
}

/* The words are a few CJK characters, nothing to attack: their ends and
 * the length make the hash, two loads and multiplies whatever the word. */
static inline uint32_t lex_hash(uint64_t x, uint64_t y, size_t n)
{
	uint64_t h = (x * 0x9E3779B97F4A7C15u) ^ (y * 0xC2B2AE3D27D4EB4Fu) ^ n;
	h ^= h >> 29;
	h *= 0xBF58476D1CE4E5B9u;
	return (uint32_t)(h >> 32);
}

static int entry_cmp(const void *a, const void *b)
{
	const lex_entry *x = a, *y = b;
	int c = strcmp(x->word, y->word);
	return c ? c : (x->table > y->table) - (x->table < y->table);
}

void ss_lexicon_build(ss_ruleset *rs)
{
	if (rs->lex)
		return;
	/* rs->maps is sorted by table (before any facet: qualifier.before is
	 * qualifier), then word (compile sorted it). A word of two facets of one
	 * table is there twice with the same value (the loader refuses another),
	 * which lookups do not mind. */
	size_t nt = 0;
	for (size_t i = 0; i < rs->nmaps; i++)
		if (i == 0 || strcmp(rs->maps[i].base, rs->maps[i - 1].base))
			nt++;
	size_t nslots = 16;
	while (nslots < 2 * rs->nmaps)
		nslots *= 2;
	size_t size = sizeof(struct ss_lexicon) + nt * (FIRST_BITS / 8) + nt * sizeof(const char *) +
	              rs->nmaps * sizeof(lex_entry) + nslots * sizeof(uint32_t);
	struct ss_lexicon *lx = ss_xcalloc(1, size);
	lx->first_of = (uint64_t *)(lx + 1);
	lx->tables = (const char **)(lx->first_of + nt * (FIRST_BITS / 64));
	lx->entries = (lex_entry *)(lx->tables + nt);
	lx->slots = (uint32_t *)(lx->entries + rs->nmaps);
	lx->slot_mask = (uint32_t)nslots - 1;

	for (size_t i = 0; i < rs->nmaps; i++) {
		const ss_map_entry *m = &rs->maps[i];
		if (i == 0 || strcmp(m->base, rs->maps[i - 1].base))
			lx->tables[lx->ntables++] = m->base;
		size_t len = strlen(m->word);
		uint64_t x, y;
		lex_ends(m->word, len, &x, &y);
		lx->entries[i] = (lex_entry){x, y, m->word, m->value, (uint32_t)len, lex_hash(x, y, len),
		                             (int)lx->ntables - 1, false};
		if (len) {
			unsigned k = ss_lex_first_key(m->word, len);
			lx->first_of[(lx->ntables - 1) * (FIRST_BITS / 64) + k / 64] |= 1ull << (k % 64);
		}
		uint32_t cp;
		if (ss_utf8_decode(m->word, len, &cp) && cp < 0x10000) {
			size_t chars = ss_utf8_count(m->word, len);
			lx->first[cp] |= (uint8_t)(1u << (chars < 8 ? chars - 1 : 7));
		}
	}
	lx->nentries = rs->nmaps;
	if (lx->nentries > 1)
		qsort(lx->entries, lx->nentries, sizeof *lx->entries, entry_cmp);
	for (size_t i = 0; i < lx->nentries; i++) {
		lex_entry *e = &lx->entries[i];
		if (i > 0 && !strcmp(e->word, e[-1].word)) {
			e[-1].more = true;
			continue;
		}
		uint32_t k = e->hash & lx->slot_mask;
		while (lx->slots[k])
			k = (k + 1) & lx->slot_mask;
		lx->slots[k] = (uint32_t)i + 1;
	}
	rs->lex = lx;
	rs->lex_first = lx->first;
	rs->lex_first_of = lx->first_of;
	rs->lex_ntables = lx->ntables;
}

/* The first entry of word, or NULL. */
static const lex_entry *lex_find(const struct ss_lexicon *lx, const char *word, size_t len)
{
	uint64_t x, y;
	lex_ends(word, len, &x, &y);
	uint32_t h = lex_hash(x, y, len);
	for (uint32_t k = h & lx->slot_mask; lx->slots[k]; k = (k + 1) & lx->slot_mask) {
		const lex_entry *e = &lx->entries[lx->slots[k] - 1];
		if (e->x == x && e->y == y && e->len == len &&
		    (len <= LEX_WHOLE || !memcmp(e->word, word, len)))
			return e;
	}
	return NULL;
}

int ss_rules_table_id(const ss_ruleset *rs, const char *table)
{
	if (!rs || !rs->lex || !table)
		return -1;
	size_t lo = 0, hi = rs->lex->ntables; /* names in strcmp order, as compile sorted them */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(rs->lex->tables[mid], table);
		if (!c)
			return (int)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

void ss_rules_first_union(const ss_ruleset *rs, const int *ids, size_t nids, uint64_t *bits)
{
	memset(bits, 0, FIRST_BITS / 8);
	for (size_t k = 0; k < nids; k++)
		if (ids[k] >= 0 && (size_t)ids[k] < rs->lex_ntables)
			for (size_t j = 0; j < FIRST_BITS / 64; j++)
				bits[j] |= rs->lex_first_of[(size_t)ids[k] * (FIRST_BITS / 64) + j];
}

unsigned ss_rules_word_tables(const ss_ruleset *rs, const int *ids, size_t nids,
                              const char *word, size_t len)
{
	const lex_entry *e = rs->lex ? lex_find(rs->lex, word, len) : NULL;
	unsigned bits = 0;
	for (; e; e = e->more ? e + 1 : NULL)
		for (size_t k = 0; k < nids; k++)
			if (ids[k] == e->table)
				bits |= 1u << k;
	return bits;
}

unsigned *ss_rules_table_bits(const ss_ruleset *rs, const int *ids, size_t nids)
{
	if (!rs->lex_ntables)
		return NULL;
	unsigned *bit_of = ss_xcalloc(rs->lex_ntables, sizeof *bit_of);
	for (size_t k = 0; k < nids && k < 32; k++)
		if (ids[k] >= 0 && (size_t)ids[k] < rs->lex_ntables)
			bit_of[ids[k]] |= 1u << k;
	return bit_of;
}

unsigned ss_rules_word_bits(const ss_ruleset *rs, const unsigned *bit_of, const char *word,
                            size_t len)
{
	unsigned bits = 0;
	if (bit_of)
		for (const lex_entry *e = lex_find(rs->lex, word, len); e; e = e->more ? e + 1 : NULL)
			bits |= bit_of[e->table];
	return bits;
}

static inline unsigned word_lengths(const ss_ruleset *rs, const char *s, size_t len)
{
	uint32_t cp;
	if (!rs->lex_first || !ss_utf8_decode(s, len, &cp) || cp >= 0x10000)
		return 0xFF;
	return rs->lex_first[cp];
}

unsigned ss_rules_word_lengths(const ss_ruleset *rs, const char *s, size_t len)
{
	return word_lengths(rs, s, len);
}

size_t ss_rules_word_at(const ss_ruleset *rs, const int *ids, size_t nids, const char *s,
                        size_t end, size_t i)
{
	unsigned lens = i < end ? word_lengths(rs, s + i, end - i) & 0x0F : 0;
	if (!lens)
		return 0;
	/* Asked mostly of a table or two that no word at i is in, which their
	 * first characters tell before any length is looked up. The key is
	 * the one of every length here but after a lead byte of E0..EF that
	 * is no whole character: then each length is looked up. */
	if (ss_utf8_len(s + i, end - i) == 3 || ((unsigned char)s[i] & 0xF0) != 0xE0) {
		unsigned key = ss_lex_first_key(s + i, end - i);
		size_t k = 0;
		while (k < nids && !(ids[k] >= 0 && (size_t)ids[k] < rs->lex_ntables &&
		                     ss_lex_first_in(rs, ids[k], key)))
			k++;
		if (k == nids)
			return 0;
	}
	size_t ends[4], n = 0;
	for (size_t q = i; lens >> n && n < 4 && q < end; n++) {
		q += (size_t)ss_utf8_len(s + q, end - q);
		ends[n] = q;
	}
	while (n > 0) {
		size_t len = ends[--n] - i;
		if ((lens >> n & 1) && ss_rules_word_tables(rs, ids, nids, s + i, len))
			return len;
	}
	return 0;
}

bool ss_rules_word_may_start(const ss_ruleset *rs, const char *s, size_t len)
{
	return ss_rules_word_lengths(rs, s, len) != 0;
}

const char *ss_rules_lookup_probe(const ss_ruleset *rs, int table, const char *word, size_t len)
{
	for (const lex_entry *e = lex_find(rs->lex, word, len); e; e = e->more ? e + 1 : NULL)
		if (e->table == table)
			return e->value;
	return NULL;
}

const char *ss_rules_lookup(const ss_ruleset *rs, const char *table, const char *word,
                            size_t len)
{
	if (!rs || !table || !word)
		return NULL;
	/* compile builds the hash; before that, a linear scan. */
	if (!rs->lex) {
		for (size_t i = 0; i < rs->nmaps; i++) {
			const ss_map_entry *e = &rs->maps[i];
			if (!strcmp(e->base, table) && strlen(e->word) == len && !memcmp(e->word, word, len))
				return e->value;
		}
		return NULL;
	}
	return ss_rules_lookup_id(rs, ss_rules_table_id(rs, table), word, len);
}
