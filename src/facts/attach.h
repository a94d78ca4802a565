/* attach.h - what subject (attach.c) and period (period.c) attachment share:
 * the per-document state and the character steps both take at every
 * character of a sentence. Internal to src/facts. */
#ifndef SS_ATTACH_H
#define SS_ATTACH_H

#include "facts.h"

/* A three-byte sequence that is valid whatever its two continuation bytes are
 * (lead E1..EC, EE, EF: no overlong, no surrogate): most CJK text. */
static inline bool plain3(const unsigned char *t, size_t avail)
{
	return t[0] >= 0xE1 && t[0] != 0xED && t[0] <= 0xEF && avail >= 3 && (t[1] & 0xC0) == 0x80 &&
	       (t[2] & 0xC0) == 0x80;
}

/* ss_utf8_len(s + i, end - i), without the call for ASCII and plain CJK:
 * these run at every character of a sentence. */
static inline size_t char_len(const char *s, size_t end, size_t i)
{
	const unsigned char *t = (const unsigned char *)s + i;
	if (i < end && t[0] < 0x80)
		return 1;
	if (i < end && plain3(t, end - i))
		return 3;
	return (size_t)ss_utf8_len(s + i, end - i);
}

static inline uint32_t char_at(const char *s, size_t end, size_t i, int *w)
{
	const unsigned char *t = (const unsigned char *)s + i;
	if (i < end && t[0] < 0x80) {
		*w = 1;
		return t[0];
	}
	if (i < end && plain3(t, end - i)) {
		*w = 3;
		return ((uint32_t)(t[0] & 0x0F) << 12) | ((uint32_t)(t[1] & 0x3F) << 6) | (t[2] & 0x3F);
	}
	uint32_t c;
	*w = ss_utf8_decode(s + i, end - i, &c);
	if (!*w) {
		*w = 1;
		return 0xFFFD;
	}
	return c;
}

/* The lexicon tables attachment reads, by id: resolved once per document,
 * so that a lookup compares no table names. */
typedef struct {
	int id[3];
	size_t n;
} tabset;

/* A period match already tried at a position: its end, or one of these. */
#define PM_NONE SIZE_MAX        /* no match */
#define PM_RETRY (SIZE_MAX - 1) /* PCRE2 failed otherwise: match again each time */

typedef struct {
	size_t key; /* position + 1; 0 for an empty slot */
	size_t end;
} period_memo;

struct ss_attach {
	const ss_ruleset *rs;
	const char *norm;
	size_t len;
	tabset stop, metric, tail, modifier, opening;
	/* The period pattern's match at each position tried so far, with the
	 * subject running to the end of the document. Every figure of a sentence
	 * walks the same characters, and a subject tries every one of its own. */
	pcre2_match_data *md;
	period_memo *memo;
	size_t memo_cap, memo_n; /* a power of two, or 0 */
};

/* period.c: set up the period pattern (once a process); the end of the
 * period that starts exactly at a in the norm text, not past b (a when none). */
void ss_period_prepare(void);
size_t ss_period_at(ss_attach *cx, size_t a, size_t b);

#endif
