/* attach.h - what subject (attach.c) and period (period.c) attachment share:
 * the per-document state and the character steps both take at every
 * character of a sentence. Internal to src/facts. */
#ifndef SS_ATTACH_H
#define SS_ATTACH_H

#include "facts.h"
#include "lexicon.h"

/* The code point at s[i] and its length in *w; an invalid byte is one
 * U+FFFD. (ss_utf8_decode steps over ASCII and plain CJK inline.) */
static inline uint32_t char_at(const char *s, size_t end, size_t i, int *w)
{
	uint32_t c;
	*w = ss_utf8_decode(s + i, end - i, &c);
	if (!*w) {
		*w = 1;
		return 0xFFFD;
	}
	return c;
}

/* ss_utf8_len of s[0, len) (len > 0) in the norm text, which is valid
 * UTF-8 (sanitised): the lead byte tells the length, and a character that
 * len cuts short is one byte, as ss_utf8_len counts it. */
static inline int ss_norm_len(const char *s, size_t len)
{
	int n = ss_utf8_step[(unsigned char)s[0]];
	return (size_t)n <= len ? n : 1;
}

/* Whether s[0, len) holds two characters or more as ss_utf8_count counts
 * them (an invalid byte is one): a subject's tests ask no more, and the
 * first character tells. */
static inline bool ss_two_chars(const char *s, size_t len)
{
	return len > 0 && (size_t)ss_utf8_len(s, len) < len;
}

/* The lexicon tables attachment reads, by id: resolved once per document,
 * so that a lookup compares no table names. */
typedef struct {
	int id[3];
	size_t n;
	/* bit[k]: the bit of id[k] in a slot of the word cache (0: no such
	 * table); mask: all of them */
	unsigned bit[3], mask;
} tabset;

/* The tables of all tabsets, which the word cache looks words up in. */
#define SS_WORD_TABLES 32

/* What starts at one offset of the document (words.c). */
typedef struct {
	size_t key;     /* offset + 1; 0 for an empty slot */
	size_t end[4];  /* ends of the first n characters (n <= 4) */
	size_t reach;   /* the end of the next SS_LEX_MAXLEN characters; 0 unknown */
	unsigned bits[4]; /* per end: the tables holding the word, by cache bit */
	uint8_t lens;   /* word lengths its first character starts (bit k: k + 1) */
	uint8_t lens_all; /* all of them, as ss_rules_word_lengths gives them */
	uint8_t n;
	int8_t stop[2]; /* attach.c's stop_at, by cx->level; -1 unknown */
} ss_word_slot;

/* The body is here so that the lookup of a word already looked up, asked
 * at nearly every character of a clause, costs no call. */
typedef struct ss_word_cache {
	const ss_ruleset *rs;
	const char *s;
	size_t len;
	int ids[SS_WORD_TABLES];
	size_t nids;
	unsigned *bit_of; /* ss_rules_table_bits of ids */
	/* the first-character bits of the tables ids: an offset that starts
	 * no word of any of them needs no lookup */
	uint64_t firsts[SS_LEX_FIRST_BITS / 64];
	size_t mask; /* slots - 1; 0 until the first lookup allocates them */
	size_t evicted; /* words put out of their slot since it last grew */
	ss_word_slot *slot;
	size_t hits, misses;
} ss_word_cache;
/* A cache over s[0, len) for the tables ids (at most SS_WORD_TABLES). */
ss_word_cache *ss_word_cache_new(const ss_ruleset *rs, const char *s, size_t len,
                                 const int *ids, size_t nids);
void ss_word_cache_free(ss_word_cache *c);
/* words.c: the slot of offset i once it was not found in its slot. */
ss_word_slot *ss_word_cache_miss(ss_word_cache *c, size_t i);
/* The end of the SS_LEX_MAXLEN characters from offset i. The text is
 * valid UTF-8 (sanitised): a lead byte tells the length. */
static inline size_t ss_word_cache_reach(const ss_word_cache *c, size_t i)
{
	const unsigned char *s = (const unsigned char *)c->s;
	size_t r = i;
	if (i + 4 * SS_LEX_MAXLEN <= c->len) {
		/* far from the end of the text: no test at each step */
		for (int k = 0; k < SS_LEX_MAXLEN; k++)
			r += ss_utf8_step[s[r]];
		return r;
	}
	for (int k = 0; k < SS_LEX_MAXLEN && r < c->len; k++)
		r += ss_utf8_step[s[r]];
	return r < c->len ? r : c->len;
}

/* The slot of offset i (below the text's length), looked up when it is
 * not there. The slot holds until the next call. */
static inline ss_word_slot *ss_word_cache_slot(ss_word_cache *c, size_t i)
{
	ss_word_slot *w = c->mask ? &c->slot[i & c->mask] : NULL;
	if (w && w->key == i + 1)
		c->hits++;
	else
		w = ss_word_cache_miss(c, i);
	return w;
}

/* How many of the ends of w (the slot of offset i) a walk bounded by end
 * takes, in *n; false when end cuts a character, for the caller to read. */
static inline bool ss_word_cache_ends(const ss_word_slot *w, size_t i, size_t end, size_t *n)
{
	size_t k = 0;
	for (size_t j = i; k < w->n && j < end; j = w->end[k++])
		if (w->end[k] > end)
			return false;
	*n = k;
	return true;
}

/* The slot of offset i, with in *n how many of its ends a walk bounded by
 * end takes (as word_ends would); NULL when i >= end or end cuts a
 * character, for the caller to look up itself. */
static inline ss_word_slot *ss_word_cache_at(ss_word_cache *c, size_t i, size_t end, size_t *n)
{
	if (i >= end || end > c->len)
		return NULL;
	ss_word_slot *w = ss_word_cache_slot(c, i);
	/* the ends a walk bounded by end reaches: those before it; a character
	 * that end cuts is the caller's to read */
	return ss_word_cache_ends(w, i, end, n) ? w : NULL;
}

/* Whether end lies at or past the next SS_LEX_MAXLEN characters of w's
 * offset (ends below end are then all a walk could take). */
static inline bool ss_word_cache_far(const ss_word_cache *c, ss_word_slot *w, size_t end)
{
	size_t i = w->key - 1;
	/* a character is at most four bytes */
	if (end - i >= 4 * SS_LEX_MAXLEN)
		return true;
	if (!w->reach)
		w->reach = ss_word_cache_reach(c, i);
	return end >= w->reach;
}
/* Lookups answered and made, for tests. */
void ss_word_cache_stats(const ss_word_cache *c, size_t *hits, size_t *misses);

/* A period match already tried at a position: its end, or one of these. */
#define PM_NONE SIZE_MAX        /* no match */
#define PM_RETRY (SIZE_MAX - 1) /* PCRE2 failed otherwise: match again each time */

typedef struct {
	size_t key; /* position + 1; 0 for an empty slot */
	size_t end;
	int mark; /* whether [key - 1, end) holds a period_mark word: 1, 0; -1 unknown */
} period_memo;

struct ss_attach {
	const ss_ruleset *rs;
	const char *norm;
	size_t len;
	tabset stop, metric, tail, modifier, opening, amount, compare, joint;
	tabset forward_metric; /* metric and range: trimmed off a subject after its figure */
	int period_mark, period_base, period_until, period_comparison; /* period.c's tables */
	int basis;              /* period.c: a basis word after a time */
	int dateline_open, dateline_close, period_inside;
	int pos_table; /* subject.c: the rule set's parts of speech over the lexicon's */
	int time_unit; /* subject.c: units of a numbered period (季, 月份) */
	int measure, number_rest; /* subject.c: words a number keeps (3个交易日, 10股) */
	int adjustment, status; /* subject.c: 未经调整 before a subject, 临时估计 after it */
	int cause;              /* subject.c: 令 between a cause and the subject */
	int gloss;              /* subject.c: a bracket noting what is covered */
	bool predicate; /* the last clause looked at ended in its own verb (subject.c) */
	bool forward;   /* the phrase follows the figure (95%以上金融机构) */
	bool level;     /* the figure is an amount or a count, no change (attach.c) */
	/* The period pattern's match at each position tried so far, with the
	 * subject running to the end of the document. Every figure of a sentence
	 * walks the same characters, and a subject tries every one of its own. */
	pcre2_match_data *md;
	period_memo *memo;
	size_t memo_cap; /* a power of two, or 0 */
	/* The places where a period may start in the sentence [cand_from,
	 * cand_to), found once for all its figures (period.c). */
	struct period_cand *cand;
	size_t ncand, capcand, cand_from, cand_to;
	bool have_cand;
	/* The lexicon's words at the offsets segmented so far (lexicon.c):
	 * subject.c and attach.c cut overlapping ranges of each sentence. */
	struct ss_seg_cache *seg;
	ss_word_cache *words; /* the tables' words at each offset (words.c) */
	/* attach.c: skip_opening's last answer, from skip_a - 1 (0: none)
	 * before skip_b */
	size_t skip_a, skip_b, skip_to;
	/* attach.c: trim_words' last answer, for the tables trim_t */
	const tabset *trim_t;
	size_t trim_a, trim_b, trim_to;
};

/* The character at s[i] when it is ASCII or a three-byte sequence (the
 * period tables hold code points below U+10000), else 0. */
static inline uint32_t ss_char_bmp(const char *s, size_t len, size_t i)
{
	const unsigned char *t = (const unsigned char *)s + i;
	if (i >= len)
		return 0;
	if (t[0] < 0x80)
		return t[0];
	if ((t[0] & 0xF0) != 0xE0 || i + 3 > len || (t[1] & 0xC0) != 0x80 || (t[2] & 0xC0) != 0x80)
		return 0;
	return ((uint32_t)(t[0] & 0x0F) << 12) | ((uint32_t)(t[1] & 0x3F) << 6) | (t[2] & 0x3F);
}

/* period.c: ss_period_at where a lead of the pattern stands at a. */
size_t ss_period_from(ss_attach *cx, size_t a, size_t b);

/* The end of the period that starts exactly at a in the norm text, not
 * past b (a when none). Asked at every character of a subject, and most
 * are no lead of the period pattern (rules/periods.c): that much is told
 * here, without a call. */
static inline size_t ss_period_at(ss_attach *cx, size_t a, size_t b)
{
	const ss_ruleset *rs = cx->rs;
	if (!rs->period_code || a >= b)
		return a;
	uint32_t c = rs->period_all ? 1 : ss_char_bmp(cx->norm, b, a);
	return c && (rs->period_all || rs->period_lead[c]) ? ss_period_from(cx, a, b) : a;
}
/* period.c: whether the period [a, b) is a single day that is no balance's
 * (8月20日公告, not 截至10月11日). */
bool ss_period_is_day(const ss_attach *cx, size_t a, size_t b);

/* Where what a sentence at p says opens, before a: past blanks, a list
 * number (3.), with lead_in a lead-in closed by a colon (每经AI快讯：), and
 * the words of dateline_open (于, 北京时间). */
size_t ss_dateline_start(const ss_attach *cx, size_t p, size_t a, bool lead_in);

/* subject.c: take off [*a, *e) the words around a noun phrase that say how
 * the figure is given, not what it measures (未经调整的, 该月的,
 * 的临时估计, a bracketed gloss, 在9月份); false when nothing is left. */
bool ss_subject_clean(ss_attach *cx, size_t *a, size_t *e);

/* subject.c: narrow [*a, *e) to the noun phrase in it; false when there is
 * none. own_verb: the figure follows, so a verb at the end is the figure's
 * (净利润达, 顾雏军斥资) and goes; otherwise such words make a clause, and
 * cx->predicate is set. */
bool ss_subject_phrase(ss_attach *cx, size_t *a, size_t *e, bool own_verb);

#endif
