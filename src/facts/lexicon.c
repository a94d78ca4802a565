/* lexicon.c - word lookup in the generated lexicon and the segmentation of
 * least cost (the most probable path through the words of a clause, as
 * jieba's own segmenter finds it, without its model of unknown words: a
 * character no word covers is a word of its own). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../util/util.h"
#include "lexicon.h"

/* jieba's tags by prefix, the first that matches; longer prefixes first. */
static const struct {
	const char *tag;
	ss_pos pos;
} tag_pos[] = {
	{"vn", SS_POS_NOUN}, {"an", SS_POS_NOUN}, {"ng", SS_POS_NOUN}, {"n", SS_POS_NOUN},
	{"j", SS_POS_NOUN},  {"g", SS_POS_NOUN},  {"x", SS_POS_NOUN},  {"v", SS_POS_VERB},
	{"a", SS_POS_ADJ},   {"z", SS_POS_ADJ},   {"d", SS_POS_ADV},   {"p", SS_POS_PREP},
	{"c", SS_POS_CONJ},  {"u", SS_POS_PART},  {"y", SS_POS_PART},  {"e", SS_POS_PART},
	{"o", SS_POS_PART},  {"h", SS_POS_PART},  {"k", SS_POS_NOUN},  {"m", SS_POS_NUM},
	{"q", SS_POS_NUM},   {"t", SS_POS_TIME},  {"f", SS_POS_PLACE}, {"s", SS_POS_PLACE},
	{"r", SS_POS_PRON},  {"i", SS_POS_IDIOM}, {"l", SS_POS_IDIOM}, {"b", SS_POS_DIST},
};

/* pos_by_tag[t]: the part of speech of the lexicon's tag t, worked out once
 * from tag_pos (the segmenter asks for one at every word it gives). */
static uint8_t pos_by_tag[256];
static pthread_once_t pos_once = PTHREAD_ONCE_INIT;

static void pos_table(void)
{
	for (int tag = 0; tag < ss_lex_ntags && tag < 256; tag++) {
		const char *t = ss_lex_tag_names[tag];
		pos_by_tag[tag] = SS_POS_UNKNOWN;
		for (size_t i = 0; i < sizeof tag_pos / sizeof tag_pos[0]; i++)
			if (!strncmp(t, tag_pos[i].tag, strlen(tag_pos[i].tag))) {
				pos_by_tag[tag] = (uint8_t)tag_pos[i].pos;
				break;
			}
	}
}

/* The part of speech of tag once pos_table ran. */
static ss_pos pos_known(int tag)
{
	if (tag < 0 || tag >= ss_lex_ntags || tag >= 256)
		return SS_POS_UNKNOWN;
	return (ss_pos)pos_by_tag[tag];
}

static ss_pos pos_of_tag(int tag)
{
	pthread_once(&pos_once, pos_table);
	return pos_known(tag);
}

/* The entry of the word ch[0, len) (offsets from SS_LEX_CJK_LO) of hash h,
 * or -1: a probe of the generated hash table. */
static inline long find_hashed(const uint16_t *ch, int len, uint32_t h)
{
	if (len >= 2 && !ss_lex_may_hold(h))
		return -1;
	const ss_lex_bylen *t = &ss_lex_words[len];
	const uint32_t idx = (1u << SS_LEX_INDEX_BITS) - 1, top = h & ~idx;
	for (uint32_t k = h & t->mask;; k = (k + 1) & t->mask) {
		uint32_t v = t->hash[k];
		if (!v)
			return -1;
		if ((v & ~idx) != top)
			continue;
		/* a few characters: compared here, not by a call */
		size_t e = (v & idx) - 1;
		const uint16_t *key = &t->keys[e * (size_t)len];
		int j = 0;
		while (j < len && key[j] == ch[j])
			j++;
		if (j == len)
			return (long)e;
	}
}

/* single[c]: the entry + 1 of the word of the one character c (an offset
 * from SS_LEX_CJK_LO), 0 for none: read off the table once, so that the
 * lookup every segmented character makes needs no probe. */
static uint16_t single[SS_LEX_CJK_HI - SS_LEX_CJK_LO + 1];
static pthread_once_t single_once = PTHREAD_ONCE_INIT;
_Static_assert(SS_LEX_CJK_HI - SS_LEX_CJK_LO + 1 < 0xFFFF, "an entry + 1 in 16 bits");

/* With the parts of speech: the cache and the cut read both. */
static void single_table(void)
{
	pthread_once(&pos_once, pos_table);
	const ss_lex_bylen *t = &ss_lex_words[1];
	for (size_t e = 0; e < t->n; e++)
		single[t->keys[e]] = (uint16_t)(e + 1);
}

static long find(const uint16_t *ch, int len)
{
	return find_hashed(ch, len, ss_lex_hash(ch, len));
}

static bool is_lex_cjk(uint32_t c)
{
	return c >= SS_LEX_CJK_LO && c <= SS_LEX_CJK_HI;
}

/* Whether a character of the lexicon stands at s[i]; its offset from
 * SS_LEX_CJK_LO in *ch. What ss_utf8_decode and is_lex_cjk tell, read off
 * the three bytes every such character has (leads E3..E9: no overlong and
 * no surrogate to rule out). */
_Static_assert(SS_LEX_CJK_LO >= 0x3000 && SS_LEX_CJK_HI <= 0x9FFF, "lexicon leads E3..E9");
static inline bool lex_char_at(const char *s, size_t len, size_t i, uint16_t *ch)
{
	const unsigned char *t = (const unsigned char *)s + i;
	if (i + 3 > len || t[0] < 0xE3 || t[0] > 0xE9 || (t[1] & 0xC0) != 0x80 ||
	    (t[2] & 0xC0) != 0x80)
		return false;
	uint32_t c = ((uint32_t)(t[0] & 0x0F) << 12) | ((uint32_t)(t[1] & 0x3F) << 6) | (t[2] & 0x3F);
	if (!is_lex_cjk(c))
		return false;
	*ch = (uint16_t)(c - SS_LEX_CJK_LO);
	return true;
}

int ss_lex_word(const char *s, size_t len, ss_pos *pos)
{
	uint16_t ch[SS_LEX_MAXLEN];
	int n = 0;
	for (size_t i = 0; i < len; n++) {
		uint32_t c;
		int w = ss_utf8_decode(s + i, len - i, &c);
		if (!w || !is_lex_cjk(c) || n == SS_LEX_MAXLEN)
			return 0;
		ch[n] = (uint16_t)(c - SS_LEX_CJK_LO);
		i += (size_t)w;
	}
	if (!n || !(ss_lex_first[ch[0]] & (1u << (n - 1))))
		return 0;
	long k = find(ch, n);
	if (k < 0)
		return 0;
	if (pos)
		*pos = pos_of_tag(ss_lex_words[n].info[2 * k]);
	return 1;
}

#define SEG_MAX 256 /* characters segmented at most */

static bool is_latin(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* The words of the lexicon that start at one offset of the document: the
 * lookups of a segmentation, which are the same whatever range is cut. */
typedef struct {
	size_t key; /* offset + 1; 0 for an empty slot */
	uint8_t n;  /* words, by length */
	uint8_t chars[SS_LEX_MAXLEN], tag[SS_LEX_MAXLEN], cost[SS_LEX_MAXLEN];
} seg_slot;

struct ss_seg_cache {
	const char *s;
	size_t len;
	size_t mask; /* slots - 1; 0 until the first cut allocates them */
	size_t evicted; /* words put out of their slot since it last grew */
	seg_slot *slot;
	size_t hits, misses;
};

/* Slots of the cache at most: a fact's words lie within a few hundred
 * characters of it and the facts come in order, so a window of some
 * thousand offsets keeps all a sentence's lookups. It starts at the bytes
 * one cut may span (SEG_MAX characters of four bytes: so the slots of one
 * cut never collide) and grows when words keep putting others out, so that
 * a page with a few figures does not clear the largest table. */
#define SEG_CACHE_SLOTS 4096
#define SEG_CACHE_FIRST (SEG_MAX * 4)

ss_seg_cache *ss_seg_cache_new(const char *s, size_t len)
{
	pthread_once(&single_once, single_table);
	ss_seg_cache *c = ss_xcalloc(1, sizeof *c);
	c->s = s;
	c->len = len;
	return c;
}

void ss_seg_cache_free(ss_seg_cache *c)
{
	if (!c)
		return;
	free(c->slot);
	free(c);
}

void ss_seg_cache_stats(const ss_seg_cache *c, size_t *hits, size_t *misses)
{
	*hits = c ? c->hits : 0;
	*misses = c ? c->misses : 0;
}

/* The characters of the longest word the character c (an offset from
 * SS_LEX_CJK_LO) opens, the highest bit of its lengths (bit k: k + 1
 * characters); 1 when it opens none. */
static inline int lens_reach(uint16_t c)
{
	unsigned lens = ss_lex_first[c];
	int n = lens ? 32 - __builtin_clz(lens) : 1;
	return n < SS_LEX_MAXLEN ? n : SS_LEX_MAXLEN;
}

/* Fill t with the words of up to SS_LEX_MAXLEN characters ch[0, run) that
 * start at ch[0] (offsets from SS_LEX_CJK_LO), shortest first. run: no
 * more than the longest word ch[0] opens, lens_reach, for a lookup that
 * stops there. */
static void words_from(const uint16_t *ch, int run, seg_slot *t)
{
	unsigned lens = ss_lex_first[ch[0]];
	uint32_t h = SS_LEX_HASH_SEED;
	/* the count in a local: a store to the slot's bytes would have it read
	 * again */
	uint8_t n = 0;
	for (int k = 0; k < run; k++) {
		h = ss_lex_hash_step(h, ch[k]);
		if (!(lens & (1u << k)))
			continue;
		long e = k ? find_hashed(ch, k + 1, ss_lex_hash_end(h, k + 1)) : (long)single[ch[0]] - 1;
		if (e < 0)
			continue;
		const uint8_t *info = &ss_lex_words[k + 1].info[2 * e];
		t->chars[n] = (uint8_t)(k + 1);
		t->tag[n] = info[0];
		t->cost[n] = info[1];
		n++;
	}
	t->n = n;
}

/* The slot holding the words at offset off of the cache's text, looked up
 * once: a character of SS_LEX_CJK_LO..HI starts there. cp[0, known): the
 * characters from off as the caller decoded them, when it did (the rest
 * are read off the text). */
static const seg_slot *cached_words(ss_seg_cache *c, size_t off, const uint32_t *cp, int known)
{
	seg_slot *t = &c->slot[off & c->mask];
	if (t->key == off + 1) {
		c->hits++;
		return t;
	}
	c->misses++;
	c->evicted += t->key != 0;
	/* the characters after it in the whole text: a range cut shorter
	 * uses the words that end inside it */
	uint16_t ch[SS_LEX_MAXLEN];
	int run = 0, want = 1;
	if (known > 0 ? is_lex_cjk(cp[0]) && (ch[0] = (uint16_t)(cp[0] - SS_LEX_CJK_LO), 1)
	              : lex_char_at(c->s, c->len, off, &ch[0])) {
		want = lens_reach(ch[0]);
		for (run = 1; run < want; run++)
			if (run < known) {
				if (!is_lex_cjk(cp[run]))
					break;
				ch[run] = (uint16_t)(cp[run] - SS_LEX_CJK_LO);
			} else if (!lex_char_at(c->s, c->len, off + 3 * (size_t)run, &ch[run])) {
				break;
			}
	}
	t->key = off + 1;
	words_from(ch, run, t);
	return t;
}

/* Before a cut, which holds pointers to slots: allocate the slots, or
 * grow them (dropping what they held) once more words were put out of
 * their slot than there are slots. */
static void cache_ready(ss_seg_cache *c)
{
	size_t n = c->mask + 1;
	if (c->mask && (c->evicted <= n || n >= SEG_CACHE_SLOTS))
		return;
	n = c->mask ? n * 4 : 64;
	/* a slot for every eight bytes at first, as the word cache (words.c) */
	while (!c->mask && n < SEG_CACHE_FIRST && n < c->len / 8)
		n *= 2;
	if (n > SEG_CACHE_SLOTS)
		n = SEG_CACHE_SLOTS;
	free(c->slot);
	c->slot = ss_xcalloc(n, sizeof *c->slot);
	c->mask = n - 1;
	c->evicted = 0;
}

bool ss_seg_longer_noun(ss_seg_cache *c, size_t p, size_t end, size_t len)
{
	uint16_t ch[SS_LEX_MAXLEN];
	if (end > c->len || !lex_char_at(c->s, end, p, &ch[0]))
		return false;
	const seg_slot *t = c->mask && c->slot[p & c->mask].key == p + 1 ? &c->slot[p & c->mask] : NULL;
	if (t) {
		/* a word of the slot is all characters of the lexicon, three
		 * bytes each */
		c->hits++;
		for (int k = 0; k < t->n; k++) {
			size_t bytes = 3 * (size_t)t->chars[k];
			if (bytes > len && p + bytes <= end && pos_known(t->tag[k]) == SS_POS_NOUN)
				return true;
		}
		return false;
	}
	/* not cut there yet, and a stop word often is not: the longer words
	 * alone are looked up, and kept nowhere */
	unsigned lens = ss_lex_first[ch[0]];
	uint32_t h = ss_lex_hash_step(SS_LEX_HASH_SEED, ch[0]);
	for (int k = 1; k < SS_LEX_MAXLEN && (lens >> k); k++) {
		if (p + 3 * (size_t)(k + 1) > end || !lex_char_at(c->s, end, p + 3 * (size_t)k, &ch[k]))
			break;
		h = ss_lex_hash_step(h, ch[k]);
		if (!(lens & (1u << k)) || 3 * (size_t)(k + 1) <= len)
			continue;
		long e = find_hashed(ch, k + 1, ss_lex_hash_end(h, k + 1));
		if (e >= 0 && pos_known(ss_lex_words[k + 1].info[2 * e]) == SS_POS_NOUN)
			return true;
	}
	/* the word of the character alone */
	return len < 3 && (lens & 1) &&
	       pos_known(ss_lex_words[1].info[2 * (single[ch[0]] - 1)]) == SS_POS_NOUN;
}

/* One run of the segmentation: the characters of s[a, b) (at most SEG_MAX),
 * and for each the words that may start there. */
typedef struct {
	uint32_t cp[SEG_MAX + 1];
	size_t off[SEG_MAX + 1];
	uint8_t run[SEG_MAX + 1]; /* lexicon characters from i on, at most SS_LEX_MAXLEN */
	const seg_slot *words[SEG_MAX];
	unsigned best[SEG_MAX + 1]; /* least cost from i to the end of its piece */
	uint8_t len[SEG_MAX];       /* characters of the first word of that path */
	int tag[SEG_MAX]; /* the lexicon's tag; -1: a mark, -2: Latin, -3: unknown */
	int n;
	/* cp[0, own) are the text's characters: past them, the bytes of one
	 * the range's end cut short (each a U+FFFD here) */
	int own;
} seg_work;

/* Characters of the run of Latin letters and digits (with a decimal point)
 * that starts at i, which is one noun; 1 for any other mark. */
static int latin_run(const seg_work *w, int i)
{
	int j = i + 1;
	if (is_latin(w->cp[i]))
		while (j < w->n && j - i < 255 &&
		       (is_latin(w->cp[j]) || (w->cp[j] == '.' && j + 1 < w->n && is_latin(w->cp[j + 1]))))
			j++;
	return j - i;
}

/* The least-cost path through [from, to) of w, a piece no word of the range
 * runs across the end of: its cost from each character is the cost within
 * the piece plus that of the rest, the same for every choice, so the piece
 * alone makes the same choices. */
static void segment_piece(seg_work *w, int from, int to)
{
	w->best[to] = 0;
	for (int i = to - 1; i >= from; i--) {
		if (!is_lex_cjk(w->cp[i])) {
			/* a Latin run only from its start: its inside is never reached */
			int l = latin_run(w, i);
			w->len[i] = (uint8_t)l;
			w->tag[i] = is_latin(w->cp[i]) ? -2 : -1;
			w->best[i] = w->best[i + l] + 1;
			continue;
		}
		/* in locals: a store to w's bytes would have the slot read again */
		unsigned best = w->best[i + 1] + ss_lex_unknown_cost;
		uint8_t len = 1;
		int tag = -3;
		/* shortest first: of two paths of one cost the longer first word wins */
		const seg_slot *t = w->words[i];
		const int n = t->n, run = w->run[i];
		for (int k = 0; k < n && t->chars[k] <= run; k++) {
			unsigned cost = t->cost[k] + w->best[i + t->chars[k]];
			if (cost <= best) {
				best = cost;
				len = t->chars[k];
				tag = t->tag[k];
			}
		}
		w->best[i] = best;
		w->len[i] = len;
		w->tag[i] = tag;
	}
}

/* Arguments: c, a cache over s (or NULL); s[a, b), the text to cut; upto:
 * no token is wanted after the first that ends past it; tok, cap: where
 * the tokens go.
 * Returns the number of tokens: those of the cut of all s[a, b), up to the
 * first past upto and at most cap. The range is cut into pieces at the
 * characters no word runs across, each segmented on its own as soon as its
 * end is known, so that a caller wanting the first few words pays for
 * their piece only. */
/* The characters of s[a, b) into w, at most SEG_MAX. */
static void decode(seg_work *w, const char *s, size_t a, size_t b)
{
	int n = 0;
	w->off[0] = a;
	for (size_t i = a; i < b && n < SEG_MAX; n++) {
		int k = ss_utf8_decode(s + i, b - i, &w->cp[n]);
		if (!k) {
			k = 1;
			w->cp[n] = 0xFFFD;
		}
		i += (size_t)k;
		w->off[n + 1] = i;
	}
	w->n = n;
	w->own = n;
	while (w->own > 0 && w->cp[w->own - 1] == 0xFFFD)
		w->own--;
	w->run[n] = 0;
	for (int i = n - 1; i >= 0; i--)
		w->run[i] = !is_lex_cjk(w->cp[i]) ? 0
		            : w->run[i + 1] < SS_LEX_MAXLEN ? (uint8_t)(w->run[i + 1] + 1)
		                                            : SS_LEX_MAXLEN;
}

/* How many of w's characters from j are the text's own, as cached_words
 * takes them. */
static int known_from(const seg_work *w, int j)
{
	return w->own - j;
}

/* The characters of the longest word of t of run characters at most, 1
 * when there is none: the words are shortest first. */
static inline int longest_within(const seg_slot *t, int run)
{
	for (int k = t->n; k-- > 0;)
		if (t->chars[k] <= run)
			return t->chars[k];
	return 1;
}

/* The end (a character index) of the longest token that may start at j:
 * a word, a Latin run, or the character itself. */
static int reach_of(seg_work *w, ss_seg_cache *c, int j)
{
	if (!is_lex_cjk(w->cp[j]))
		return j + latin_run(w, j);
	const seg_slot *t = w->words[j] = cached_words(c, w->off[j], &w->cp[j], known_from(w, j));
	return j + longest_within(t, w->run[j]);
}

static size_t segment(ss_seg_cache *c, const char *s, size_t a, size_t b, size_t upto,
                      ss_token *tok, size_t cap)
{
	seg_work w;
	seg_slot own[SEG_MAX]; /* the words, when there is no cache */
	if (c)
		cache_ready(c);
	decode(&w, s, a, b);
	int n = w.n;
	size_t nt = 0;
	int from = 0, reach = 0;
	for (int j = 0; j < n && nt < cap; j++) {
		int end = j + 1;
		if (is_lex_cjk(w.cp[j])) {
			const seg_slot *t;
			if (c) {
				t = cached_words(c, w.off[j], &w.cp[j], known_from(&w, j));
			} else {
				uint16_t ch[SS_LEX_MAXLEN];
				int run = w.run[j], reach = lens_reach((uint16_t)(w.cp[j] - SS_LEX_CJK_LO));
				if (run > reach)
					run = reach;
				for (int k = 0; k < run; k++)
					ch[k] = (uint16_t)(w.cp[j + k] - SS_LEX_CJK_LO);
				words_from(ch, run, &own[j]);
				t = &own[j];
			}
			w.words[j] = t;
			end = j + longest_within(t, w.run[j]);
		} else {
			end = j + latin_run(&w, j);
		}
		if (end > reach)
			reach = end;
		if (reach > j + 1)
			continue;
		/* j + 1 ends a piece */
		segment_piece(&w, from, j + 1);
		for (int i = from; i <= j && nt < cap; i += w.len[i]) {
			tok[nt].start = w.off[i];
			tok[nt].end = w.off[i + w.len[i]];
			tok[nt].pos = w.tag[i] >= 0    ? pos_known(w.tag[i])
			              : w.tag[i] == -2 ? SS_POS_NOUN
			              : w.tag[i] == -1 ? SS_POS_MARK
			                               : SS_POS_UNKNOWN;
			if (tok[nt++].end > upto)
				return nt;
		}
		from = j + 1;
	}
	return nt;
}

size_t ss_segment(const char *s, size_t a, size_t b, ss_token *tok, size_t cap)
{
	pthread_once(&single_once, single_table);
	return segment(NULL, s, a, b, b, tok, cap);
}

size_t ss_segment_cached(ss_seg_cache *c, size_t a, size_t b, ss_token *tok, size_t cap)
{
	return segment(c, c->s, a, b, b, tok, cap);
}

size_t ss_segment_upto(ss_seg_cache *c, size_t a, size_t b, size_t upto, ss_token *tok,
                       size_t cap)
{
	return segment(c, c->s, a, b, upto, tok, cap);
}

/* ss_segment_across for a p off the characters of [a, b) or past SEG_MAX:
 * the tokens of the whole cut. */
static bool segment_across_slow(ss_seg_cache *c, size_t a, size_t b, size_t p, ss_token *t)
{
	ss_token tok[SEG_MAX];
	size_t n = segment(c, c->s, a, b, p, tok, SEG_MAX);
	for (size_t k = 0; k < n; k++)
		if (tok[k].start < p && tok[k].end > p) {
			*t = tok[k];
			return true;
		}
	return false;
}

/* Whether ss_segment_across(c, a, b, p) is false for want of a word from
 * the characters before p that runs past it, found from the words the
 * cache holds there (false: the cut tells). A token across p of a
 * character of the lexicon is a word, all of whose characters are of the
 * lexicon (a Latin run ends before p), and no word is longer than
 * SS_LEX_MAXLEN characters; a '.' before p is left to the cut. */
static bool none_across(ss_seg_cache *c, size_t a, size_t b, size_t p)
{
	uint16_t ch;
	if (b - a > SEG_MAX || p <= a || p >= b || c->s[p - 1] == '.' ||
	    !lex_char_at(c->s, b, p, &ch))
		return false;
	size_t q = p;
	for (int k = 1; k < SS_LEX_MAXLEN && q >= a + 3 && lex_char_at(c->s, p, q - 3, &ch); k++) {
		q -= 3;
		const seg_slot *t = cached_words(c, q, NULL, 0);
		for (int m = 0; m < t->n; m++) {
			size_t e = q + 3 * (size_t)t->chars[m];
			if (e > p && e <= b)
				return false;
		}
	}
	return true;
}

bool ss_segment_across(ss_seg_cache *c, size_t a, size_t b, size_t p, ss_token *t)
{
	seg_work w;
	cache_ready(c);
	if (none_across(c, a, b, p))
		return false;
	decode(&w, c->s, a, b);
	int n = w.n, at = 0;
	while (at < n && w.off[at] < p)
		at++;
	if (at == 0 || at >= n || w.off[at] != p)
		return at > 0 && at < n && segment_across_slow(c, a, b, p, t);
	/* a cut at or before p: no token from the six characters before it
	 * runs past it, nor a Latin run (which a '.' may carry on) */
	int from = 0;
	for (int cut = at; cut > 0 && at - cut < 2 * SS_LEX_MAXLEN; cut--) {
		if (w.cp[cut - 1] == '.')
			continue;
		bool ok = true;
		for (int q = cut - 1; ok && q >= 0 && q >= cut - SS_LEX_MAXLEN; q--)
			ok = reach_of(&w, c, q) <= cut;
		if (ok) {
			from = cut;
			break;
		}
	}
	/* from there on, pieces to the one holding p */
	for (int j = from, reach = from; j < n; j++) {
		int r = reach_of(&w, c, j);
		if (r > reach)
			reach = r;
		if (reach > j + 1)
			continue;
		if (j + 1 > at) {
			if (from == at)
				return false; /* a token starts at p */
			segment_piece(&w, from, j + 1);
			int i = from;
			while (i + w.len[i] <= at)
				i += w.len[i];
			if (i == at)
				return false;
			t->start = w.off[i];
			t->end = w.off[i + w.len[i]];
			t->pos = w.tag[i] >= 0    ? pos_known(w.tag[i])
			         : w.tag[i] == -2 ? SS_POS_NOUN
			         : w.tag[i] == -1 ? SS_POS_MARK
			                          : SS_POS_UNKNOWN;
			return true;
		}
		from = j + 1;
	}
	return false;
}
