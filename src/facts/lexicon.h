/* lexicon.h - the word lexicon (jieba's dictionary, made into a table at
 * build time by scripts/lexgen.c) and the segmenter that cuts a clause into
 * its words with it, each word with its part of speech. The subject finder
 * (attach.c, subject.c) tells nouns from verbs by them. Internal to
 * src/facts. */
#ifndef SS_LEXICON_H
#define SS_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SS_LEX_MAXLEN 6 /* characters of the longest word */
#define SS_LEX_CJK_LO 0x3400
#define SS_LEX_CJK_HI 0x9FFF

/* The generated table (build/gen/lexicon_table.c): per length, the sorted
 * words (characters less SS_LEX_CJK_LO) and per word a tag index and a cost,
 * -ln(frequency / total) in tenths; and a hash table of the words, made at
 * build time so that a lookup is one probe or a few: slot ss_lex_hash(w) &
 * mask on, each slot the word's index + 1 (its low SS_LEX_INDEX_BITS; 0: an
 * empty slot, which ends the probe) and above that the hash's top bits,
 * which tell most other words apart without reading their characters. */
typedef struct {
	size_t n;
	const uint16_t *keys;
	const uint8_t *info;  /* tag, cost; tag, cost; ... */
	const uint32_t *hash; /* mask + 1 slots, at most half of them taken */
	uint32_t mask;
} ss_lex_bylen;

#define SS_LEX_INDEX_BITS 18 /* words of one length at most 2^18 - 1 */

/* The hash of the word ch[0, len), the same at build time and at run time:
 * the characters' state from ss_lex_hash_step (from SS_LEX_HASH_SEED), so
 * that the words opening on one character share the steps, then the length. */
#define SS_LEX_HASH_SEED 0x811C9DC5u
static inline uint32_t ss_lex_hash_step(uint32_t h, uint16_t c)
{
	return (h ^ c) * 0x85EBCA77u;
}

static inline uint32_t ss_lex_hash_end(uint32_t h, int len)
{
	h ^= (uint32_t)len * 0x9E3779B1u;
	h ^= h >> 15;
	h *= 0xC2B2AE3Du;
	return h ^ (h >> 13);
}

static inline uint32_t ss_lex_hash(const uint16_t *ch, int len)
{
	uint32_t h = SS_LEX_HASH_SEED;
	for (int i = 0; i < len; i++)
		h = ss_lex_hash_step(h, ch[i]);
	return ss_lex_hash_end(h, len);
}

/* A filter over the words of two characters or more, made with the table:
 * two bits of the 64-bit word their hash picks. Most lookups of a
 * segmentation find no word (nine in ten of three characters) and the hash
 * tables are megabytes, where a probe misses the cache; the filter is a
 * quarter of a megabyte and turns away all but some 7% of them. */
#define SS_LEX_BLOOM_WORDS (1u << 15)
extern const uint64_t ss_lex_bloom[SS_LEX_BLOOM_WORDS];

static inline uint64_t ss_lex_bloom_bits(uint32_t h, uint32_t *word)
{
	uint64_t m = (uint64_t)h * 0x9E3779B97F4A7C15u;
	*word = (uint32_t)(m >> 49);
	return (1ull << (m >> 43 & 63)) | (1ull << (m >> 37 & 63));
}

/* Whether a word of two characters or more with hash h may be in the
 * lexicon (false: it is not). */
static inline bool ss_lex_may_hold(uint32_t h)
{
	uint32_t w;
	uint64_t b = ss_lex_bloom_bits(h, &w);
	return (ss_lex_bloom[w] & b) == b;
}

extern const char *const ss_lex_tag_names[];
extern const int ss_lex_ntags;
extern const uint8_t ss_lex_first[SS_LEX_CJK_HI - SS_LEX_CJK_LO + 1];
extern const ss_lex_bylen ss_lex_words[SS_LEX_MAXLEN + 1];
extern const uint8_t ss_lex_unknown_cost;

/* What a word is, as far as a subject cares. */
typedef enum {
	SS_POS_NOUN,  /* n, nr, ns, nt, nz, vn, an, j, g and a run of Latin or digits */
	SS_POS_VERB,  /* v, vd, vi, vg, vq */
	SS_POS_ADJ,   /* a, ad, ag, z */
	SS_POS_ADV,   /* d */
	SS_POS_PREP,  /* p */
	SS_POS_CONJ,  /* c */
	SS_POS_PART,  /* u, y, e, o: 了, 的, 吗 */
	SS_POS_NUM,   /* m, q: 一场, 三个 */
	SS_POS_TIME,  /* t: 上月, 今年 */
	SS_POS_PLACE, /* f, s: 以上, 国内 */
	SS_POS_PRON,  /* r: 其, 该, 本港 */
	SS_POS_IDIOM, /* i, l: set phrases, mostly predicates */
	SS_POS_DIST,  /* b: 国有, 大型 */
	SS_POS_MARK,  /* punctuation and any other character */
	SS_POS_UNKNOWN /* a CJK character no word covers */
} ss_pos;

typedef struct {
	size_t start, end; /* bytes of the text segmented */
	ss_pos pos;
} ss_token;

/* Whether s[0, len) is a word of the lexicon; its part of speech in *pos. */
int ss_lex_word(const char *s, size_t len, ss_pos *pos);

/* Cut s[a, b) into words, the segmentation of least total cost (the most
 * probable one); at most cap tokens, the rest of the text left out (a
 * clause is far shorter). Returns the number of tokens. */
size_t ss_segment(const char *s, size_t a, size_t b, ss_token *tok, size_t cap);

/* The lexicon's words at each offset of one text, looked up once: the
 * subject finder cuts many overlapping ranges of a sentence, and the
 * lookups are most of a cut's cost. A window of recent offsets is kept
 * (a few thousand slots, allocated at the first cut), so memory does not
 * grow with the text. s must outlive the cache. */
typedef struct ss_seg_cache ss_seg_cache;
ss_seg_cache *ss_seg_cache_new(const char *s, size_t len);
void ss_seg_cache_free(ss_seg_cache *c);

/* ss_segment of the cache's text s[a, b), with the same tokens. */
size_t ss_segment_cached(ss_seg_cache *c, size_t a, size_t b, ss_token *tok, size_t cap);

/* The same tokens, up to the first that ends past upto: all that is cut of
 * the rest is what decides that token. */
size_t ss_segment_upto(ss_seg_cache *c, size_t a, size_t b, size_t upto, ss_token *tok,
                       size_t cap);

/* Whether a token of the cut of the cache's text s[a, b) starts before p
 * and ends after it; the token in *t. Only the piece of the cut around p
 * is worked out. */
bool ss_segment_across(ss_seg_cache *c, size_t a, size_t b, size_t p, ss_token *t);

/* Whether a noun of the lexicon longer than len bytes starts at p of the
 * cache's text and ends by end, as ss_lex_word tells: from the words the
 * cache holds at p, or those longer words looked up (and not kept). */
bool ss_seg_longer_noun(ss_seg_cache *c, size_t p, size_t end, size_t len);

/* Lookups the cache answered and those it had to make, for tests. */
void ss_seg_cache_stats(const ss_seg_cache *c, size_t *hits, size_t *misses);

#endif
