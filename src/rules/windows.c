/* windows.c - where the rules run: candidate characters and the windows
 * around them.
 *
 * Speed is in the design: statistics are rare in running text and every one
 * holds a digit, a percent sign or a Chinese numeral. So the scan first finds
 * those candidate characters with a byte table (a tight loop over everything
 * else), cuts windows around them, and runs the rules only inside windows. */
#include <stdlib.h>
#include <string.h>

#include "../numeral/numeral.h"
#include "rules.h"

/*
 * The candidate tables. cand_byte[b] has SS_CB_CAND for an ASCII candidate,
 * SS_CB_LEAD for the lead byte of a 3-byte character that may be one (or a
 * needed character, which the walk lists as it goes). cand_bits holds three
 * bitmaps of one bit per code point below U+10000 (8 KiB each):
 *
 *   CAND_STRONG    a candidate wherever it stands (a trigger of a rule)
 *   CAND_NUMERAL   a Chinese numeral: a candidate only when a numeral, a digit,
 *                  '%' or a FOLLOW character comes within SS_NUMERAL_LOOKAHEAD
 *                  characters after it. 一, 数, 万 and 千 are everywhere in
 *                  running text (一些, 数据, 千万不要), and a window around each
 *                  one cost most of the scan; a figure always puts something of
 *                  the rules next to its numeral (三成, 一半, 十家, 万元, 三分之一).
 *   CAND_FOLLOW    every character written literally in a rule's pattern or
 *                  in a lexicon word (units, measure words, qualifiers, 成,
 *                  倍, 分之 ...): what may follow a numeral inside a figure.
 *
 * Derived from the rules themselves, so a rule file that adds a measure word
 * or a unit needs nothing else.
 */
enum { CAND_STRONG = 0, CAND_NUMERAL = 1, CAND_FOLLOW = 2 };
#define CAND_MAP_BYTES (0x10000 / 8)
#define SS_NUMERAL_LOOKAHEAD 2

static inline bool cand_test(const uint8_t *bits, int map, uint32_t cp)
{
	return bits[(size_t)map * CAND_MAP_BYTES + (cp >> 3)] & (1u << (cp & 7));
}

static void cand_add(ss_ruleset *rs, int map, uint32_t cp)
{
	if (cp < 0x80) {
		if (map != CAND_FOLLOW)
			rs->cand_byte[cp] |= SS_CB_CAND;
	} else if (cp >= 0x800 && cp <= 0xFFFF) {
		rs->cand_bits[(size_t)map * CAND_MAP_BYTES + (cp >> 3)] |= (uint8_t)(1u << (cp & 7));
		if (map != CAND_FOLLOW)
			rs->cand_byte[0xE0 | (cp >> 12)] |= SS_CB_LEAD;
	}
}

/* Every character of the UTF-8 string s (n bytes) into map. */
static void cand_add_str(ss_ruleset *rs, int map, const char *s, size_t n)
{
	for (size_t k = 0; k < n;) {
		uint32_t cp;
		int cl = ss_utf8_decode(s + k, n - k, &cp);
		if (!cl) {
			k++;
			continue;
		}
		cand_add(rs, map, cp);
		k += (size_t)cl;
	}
}

void ss_candidates_build(ss_ruleset *rs)
{
	memset(rs->cand_byte, 0, sizeof rs->cand_byte);
	free(rs->cand_bits);
	rs->cand_bits = ss_xcalloc(3 * CAND_MAP_BYTES, 1);
	for (int c = '0'; c <= '9'; c++)
		cand_add(rs, CAND_STRONG, (uint32_t)c);
	cand_add(rs, CAND_STRONG, '%');
	/* The Chinese numerals, from the numeral parser's table (all 3-byte UTF-8). */
	for (uint32_t cp, i = 0; (cp = ss_numeral_candidate(i)) != 0; i++)
		cand_add(rs, CAND_NUMERAL, cp);
	for (size_t i = 0; i < rs->nrules; i++) {
		const char *t = rs->rules[i].trigger;
		if (t)
			cand_add_str(rs, CAND_STRONG, t, strlen(t));
		if (rs->rules[i].pattern)
			cand_add_str(rs, CAND_FOLLOW, rs->rules[i].pattern, strlen(rs->rules[i].pattern));
	}
	for (size_t i = 0; i < rs->nmaps; i++)
		cand_add_str(rs, CAND_FOLLOW, rs->maps[i].word, strlen(rs->maps[i].word));
	/* The 3-byte characters the walk stops at, 64 to a word: most Chinese
	 * characters are ruled out by one bit, before any decoding. */
	memset(rs->cand_any, 0, sizeof rs->cand_any);
	for (size_t w = 0; w < sizeof rs->cand_any / sizeof *rs->cand_any; w++)
		for (size_t k = 0; k < 8; k++)
			rs->cand_any[w] |= (uint64_t)(rs->cand_bits[CAND_STRONG * CAND_MAP_BYTES + w * 8 + k] |
			                              rs->cand_bits[CAND_NUMERAL * CAND_MAP_BYTES + w * 8 + k])
			                   << (8 * k);
	/* The needed characters, which the walk lists: ASCII and 3-byte ones
	 * only, as they have needs bits. */
	for (uint32_t cp = 0; rs->needs_index && cp < 0x10000; cp++) {
		if (!rs->needs_index[cp])
			continue;
		if (cp < 0x80) {
			rs->cand_byte[cp] |= SS_CB_NEED;
		} else if (cp >= 0x800) {
			rs->cand_byte[0xE0 | (cp >> 12)] |= SS_CB_LEAD;
			rs->cand_any[cp >> 6] |= 1ull << (cp & 63);
		}
	}
}

static bool is_mark(const ss_ruleset *rs, uint32_t cp)
{
	return cand_test(rs->cand_bits, CAND_NUMERAL, cp) || cand_test(rs->cand_bits, CAND_FOLLOW, cp) ||
	       cand_test(rs->cand_bits, CAND_STRONG, cp);
}

/* Whether the Chinese numeral at bytes [b, i) of t (len bytes) has a numeral,
 * a digit, '%' or a FOLLOW character within SS_NUMERAL_LOOKAHEAD characters
 * after it, or a numeral or FOLLOW character just before it (减半, 过半). */
static bool numeral_counts(const ss_ruleset *rs, const unsigned char *t, size_t len, size_t b,
                           size_t i)
{
	if (b >= 3 && t[b - 3] >= 0xE0 && t[b - 3] < 0xF0) {
		uint32_t cp = ((uint32_t)(t[b - 3] & 0x0F) << 12) | ((uint32_t)(t[b - 2] & 0x3F) << 6) |
		              (t[b - 1] & 0x3F);
		if (is_mark(rs, cp))
			return true;
	}
	for (int k = 0; k < SS_NUMERAL_LOOKAHEAD && i < len; k++) {
		unsigned char c = t[i];
		if (c < 0x80) {
			if ((c >= '0' && c <= '9') || c == '%')
				return true;
			i++;
			continue;
		}
		if (c >= 0xE0 && c < 0xF0 && i + 2 < len) {
			uint32_t cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(t[i + 1] & 0x3F) << 6) |
			              (t[i + 2] & 0x3F);
			if (is_mark(rs, cp))
				return true;
		}
		i += (size_t)ss_utf8_len((const char *)t + i, len - i);
	}
	return false;
}

/* Whether the 3-byte character at t + i is a candidate or a needed character
 * (cand_any). */
static inline bool any_at(const ss_ruleset *rs, const unsigned char *t, size_t i)
{
	return rs->cand_any[((size_t)(t[i] & 0x0F) << 6) | (t[i + 1] & 0x3F)] >> (t[i + 2] & 0x3F) & 1;
}

/* Byte offset n characters after off (or len). The text is valid UTF-8,
 * so a lead byte's step is its character's length. */
static size_t fwd_chars(const char *text, size_t len, size_t off, int n)
{
	const unsigned char *t = (const unsigned char *)text;
	for (; n > 0 && off < len; n--)
		off += ss_utf8_step[t[off]];
	return off < len ? off : len;
}

/* Byte offset n characters before off, or the first at or before floor:
 * an ASCII or a 3-byte character at one step, where ss_utf8_back would
 * find the same start. The text is valid UTF-8 and off a character's
 * start, so a lead byte of three bytes just three back begins the
 * character before off. */
static size_t back_chars(const char *text, size_t off, int n, size_t floor)
{
	const unsigned char *t = (const unsigned char *)text;
	while (n-- > 0 && off > floor) {
		if (t[off - 1] < 0x80)
			off--;
		else if (off >= 3 && t[off - 3] - 0xE0u < 16)
			off -= 3;
		else
			off = ss_utf8_back(text, off - 1);
	}
	return off;
}

/* The list of a text's needed characters as the walk makes it. */
typedef struct {
	ss_need_at *at;
	size_t n, cap;
} need_list;

/* List the needed character cp at offset at: inline, with the list in the
 * walk's own variables (a call through pointers to them was 40
 * instructions a character listed). */
static inline void need_add(const ss_ruleset *rs, need_list *l, size_t at, uint32_t cp)
{
	if (l->n == l->cap)
		ss_grow((void **)&l->at, &l->cap, l->n + 1, sizeof *l->at);
	l->at[l->n++] = (ss_need_at){at, 1ull << (rs->needs_index[cp] - 1)};
}

/*
 * Cut the windows of text: one around each candidate character, merged when
 * they touch.
 *
 * Arguments:
 *   rs, text, len  the compiled rule set (its candidate table) and the text
 *   nw             receives the number of windows
 *   need, nneed    receive the text's needed characters (see rules.h)
 * Returns:
 *   a malloc'd array of windows in text order (NULL when there are none).
 */
ss_window *ss_windows_find(const ss_ruleset *rs, const char *text, size_t len, size_t *nw,
                           ss_need_at **need, size_t *nneed)
{
	const unsigned char *t = (const unsigned char *)text;
	const uint8_t *tab = rs->cand_byte;
	ss_window *w = NULL;
	size_t n = 0, cap = 0;
	need_list nl = {NULL, 0, 0};
	size_t ws = 0, lc = 0; /* the open window's start and its last candidate's end */
	bool open = false;
	size_t i = 0, len3 = len > 2 ? len - 2 : 0; /* i < len3: a 3-byte character fits */
	for (;;) {
		/* Chinese text is nearly all 3-byte characters and few of them
		 * matter: a run of them costs one bit test a character. The text
		 * is valid UTF-8 (as PCRE2 is told), so a lead byte is followed by
		 * its two continuation bytes; only the end is checked. */
		for (;;) {
			while (i < len3 && t[i] - 0xE0u < 16 && !any_at(rs, t, i))
				i += 3;
			if (i >= len || tab[t[i]])
				break;
			i++;
		}
		if (i >= len)
			break;
		size_t cl = 1;
		if (tab[t[i]] & SS_CB_LEAD) {
			if (i + 2 >= len) {
				i++;
				continue;
			}
			uint32_t cp = ((uint32_t)(t[i] & 0x0F) << 12) | ((uint32_t)(t[i + 1] & 0x3F) << 6) |
			              (t[i + 2] & 0x3F);
			if (rs->needs_index && rs->needs_index[cp])
				need_add(rs, &nl, i, cp);
			if (!cand_test(rs->cand_bits, CAND_STRONG, cp) &&
			    !(cand_test(rs->cand_bits, CAND_NUMERAL, cp) &&
			      numeral_counts(rs, t, len, i, i + 3))) {
				i += 3;
				continue;
			}
			cl = 3;
		} else {
			if (tab[t[i]] & SS_CB_NEED)
				need_add(rs, &nl, i, t[i]);
			if (!(tab[t[i]] & SS_CB_CAND)) {
				i++;
				continue;
			}
		}
		/* A candidate at most SS_WIN_BEFORE + SS_WIN_AFTER bytes after the
		 * last one is in the same window without walking any characters: its
		 * window starts at most i - SS_WIN_BEFORE bytes back, and the open one
		 * ends at least SS_WIN_AFTER bytes after lc (or at an end of the text,
		 * which decides the same way). Runs of figures stay cheap. */
		if (open && i <= lc + SS_WIN_BEFORE + SS_WIN_AFTER) {
			lc = i + cl;
			i += cl;
			continue;
		}
		if (open) {
			size_t e = fwd_chars(text, len, lc, SS_WIN_AFTER);
			/* back from i no further than e: there, the windows touch */
			size_t s = back_chars(text, i, SS_WIN_BEFORE, e);
			if (s > e) {
				ss_grow((void **)&w, &cap, n + 1, sizeof *w);
				w[n++] = (ss_window){ws, lc, fwd_chars(text, len, e, SS_WIN_MARGIN)};
				ws = s;
			}
		} else {
			ws = back_chars(text, i, SS_WIN_BEFORE, 0);
			open = true;
		}
		lc = i + cl;
		i += cl;
	}
	if (open) {
		ss_grow((void **)&w, &cap, n + 1, sizeof *w);
		w[n++] = (ss_window){ws, lc, fwd_chars(text, len, lc, SS_WIN_AFTER + SS_WIN_MARGIN)};
	}
	*nw = n;
	*need = nl.at;
	*nneed = nl.n;
	return w;
}
