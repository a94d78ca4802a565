/*
 * content_repeat.c - main-content detection: the text of the article that
 * says again what the page already says. A block that only repeats the
 * headline gives its facts a second time; a caption repeats the alt text
 * of the image before it (a picture of a quote, a chart with its numbers
 * written under it). Both are left out of the article once it is chosen.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "content.h"

/* ---- the headline said twice ---- */

/* Pages often say the headline again inside the article: the original
 * headline of a reprint (原标题：...), a caption or an opening line that
 * repeats it, the headline cut into subheadings. Such a block gives the
 * headline's facts a second time and no fact of its own: when nearly all
 * its characters stand in the title, and none of those left out stands by
 * a figure (a unit: the title's 7.63万 against the block's 7.63万元), it is
 * dropped. Blocks are compared by their runs of GRAM characters, white
 * space left out. Repeats between blocks of the article are left alone: a
 * report that quotes the speech it reports on says its facts twice, and
 * means to. */
#define GRAM 6
/* The share of a block's characters that must stand in the title. */
#define REPEAT 0.7
/* Shorter blocks (table cells, dates, names) are never repeats. */
#define REPEAT_MIN 8
/* A character left out this near a digit may be part of a fact. */
#define NEAR_DIGIT 4
/* A block that opens with a label ending in a colon, no longer than this
 * ("原标题：", "（原标题："), says what follows is a headline: the label is
 * not left out near the headline's first figure. */
#define LABEL_MAX 6

typedef struct {
	uint64_t *slot; /* the title's runs, open addressing; 0: empty */
	size_t mask;
	uint64_t chars; /* the title's characters, a bit each (some share one) */
	uint32_t title_chars;
	uint8_t *mark; /* the characters of one segment, CH_* */
	size_t cap;
} gram_table;

enum { CH_DIGIT = 1, CH_QUIET = 2, CH_COVERED = 4 };

static uint64_t *gram_find(gram_table *g, uint64_t h)
{
	size_t i = (size_t)(h ^ (h >> 29)) & g->mask;
	while (g->slot[i] != 0 && g->slot[i] != h)
		i = (i + 1) & g->mask;
	return &g->slot[i];
}

/* What kind of character c is (its UTF-8 bytes packed into an integer): a
 * digit, ASCII or full-width, or punctuation no fact holds (brackets,
 * quotes, commas, stops). */
static uint8_t char_kind(uint32_t c)
{
	if ((c >= '0' && c <= '9') || (c >= 0xEFBC90 && c <= 0xEFBC99))
		return CH_DIGIT;
	if (c < 0x80)
		return c && strchr("()[]{},;:!?\"'", (int)c) ? CH_QUIET : 0;
	switch (c) {
	case 0xE38081: case 0xE38082:                               /* 、。 */
	case 0xEFBC88: case 0xEFBC89: case 0xEFBC8C:                /* （），*/
	case 0xEFBC9A: case 0xEFBC9B: case 0xEFBC81: case 0xEFBC9F: /* ：；！？ */
	case 0xE2809C: case 0xE2809D: case 0xE28098: case 0xE28099: /* “”‘’ */
		return CH_QUIET;
	}
	return c >= 0xE38088 && c <= 0xE38091 ? CH_QUIET : 0; /* 〈〉《》「」『』【】 */
}

/* The characters of one segment left out near a digit. */
static uint32_t loose_near_digits(const uint8_t *mark, uint32_t nc)
{
	uint32_t loose = 0;
	for (uint32_t j = 0; j < nc; j++) {
		if (mark[j] & (CH_COVERED | CH_QUIET))
			continue;
		uint32_t lo = j > NEAR_DIGIT ? j - NEAR_DIGIT : 0;
		uint32_t hi = j + NEAR_DIGIT < nc ? j + NEAR_DIGIT : nc - 1;
		for (uint32_t q = lo; q <= hi; q++)
			if (mark[q] & CH_DIGIT) {
				loose++;
				break;
			}
	}
	return loose;
}

/* One pass over the text of the blocks of region want: for the title,
 * record its runs; for the article, count each block's characters, those
 * the title's runs cover, and those left out near a figure. */
static void gram_pass(ss_content *cx, gram_table *g, ss_region want)
{
	const unsigned char *s = (const unsigned char *)cx->out->ptr;
	size_t len = cx->out->len;
	bool title = want == SS_REGION_TITLE;
	for (size_t k = 0; k < cx->nseg; k++) {
		int32_t b = cx->seg[k].block;
		if (b < 0 || cx->n[b].region != want)
			continue;
		node *o = &cx->n[b];
		/* A block much longer than the title cannot stand in it: most of
		 * the article is not looked at. */
		if (!title && (o->chars < REPEAT_MIN || o->chars > 3 * g->title_chars))
			continue;
		size_t end = k + 1 < cx->nseg ? cx->seg[k + 1].start : len;
		uint32_t ring[GRAM], nc = 0, covered = 0, inset = 0, digits = 0, colon = 0;
		for (size_t i = cx->seg[k].start, w; i < end; i += w) {
			if (ss_content_space_at(s, i, end, &w))
				continue;
			w = ss_utf8_step[s[i]] ? ss_utf8_step[s[i]] : 1;
			uint32_t c = 0;
			for (size_t j = 0; j < w && i + j < end; j++)
				c = c << 8 | s[i + j];
			uint64_t bit = 1ull << ((c * 2654435761u) >> 26);
			ring[nc % GRAM] = c;
			if (title) {
				g->chars |= bit;
				g->title_chars++;
			} else {
				if (nc == g->cap) {
					g->cap = g->cap ? 2 * g->cap : 1024;
					g->mark = ss_xrealloc(g->mark, g->cap);
				}
				g->mark[nc] = char_kind(c);
				digits += g->mark[nc] == CH_DIGIT;
				if (!colon && nc < LABEL_MAX && (c == ':' || c == 0xEFBC9A)) /* ： */
					colon = nc + 1;
			}
			nc++;
			/* A run of the article can only be the title's when each of
			 * its characters is one of the title's: most are not. */
			inset = title || (g->chars & bit) ? inset + 1 : 0;
			if (inset < GRAM)
				continue;
			uint64_t h = 14695981039346656037u;
			for (uint32_t j = nc - GRAM; j < nc; j++)
				h = (h ^ ring[j % GRAM]) * 1099511628211u;
			uint64_t *t = gram_find(g, h | 1);
			if (title) {
				*t = h | 1;
			} else if (*t != 0) {
				uint32_t from = covered > nc - GRAM ? covered : nc - GRAM;
				o->rcover += nc - from;
				for (uint32_t j = from; j < nc; j++)
					g->mark[j] |= CH_COVERED;
				covered = nc;
			}
		}
		if (!title) {
			/* The block's label ("原标题：") is not part of a figure. */
			if (o->rchars == 0)
				for (uint32_t j = 0; j < colon; j++)
					g->mark[j] = g->mark[j] == CH_DIGIT ? CH_DIGIT : CH_QUIET;
			o->rchars += nc;
			/* Nothing covered: what is left out near a figure is its digits. */
			o->rloose += covered ? loose_near_digits(g->mark, nc) : digits;
		}
	}
}

void ss_content_drop_repeats(ss_content *cx)
{
	node *n = cx->n;
	size_t runs = 0;
	for (size_t k = 0; k < cx->nseg; k++) {
		int32_t b = cx->seg[k].block;
		if (b >= 0 && n[b].region == SS_REGION_TITLE)
			runs += (k + 1 < cx->nseg ? cx->seg[k + 1].start : cx->out->len) -
			        cx->seg[k].start;
	}
	if (runs == 0)
		return;
	size_t cap = 64;
	while (cap < 2 * runs)
		cap *= 2;
	gram_table g = {ss_xcalloc(cap, sizeof *g.slot), cap - 1, 0, 0, NULL, 0};
	for (size_t i = 0; i < cx->nn; i++)
		n[i].rchars = n[i].rcover = n[i].rloose = 0;
	gram_pass(cx, &g, SS_REGION_TITLE);
	gram_pass(cx, &g, SS_REGION_ARTICLE);
	free(g.slot);
	free(g.mark);
	for (size_t i = 0; i < cx->nn; i++) {
		node *o = &n[i];
		if (o->region == SS_REGION_ARTICLE && o->rchars >= REPEAT_MIN &&
		    o->rcover >= REPEAT * o->rchars && o->rloose == 0)
			o->region = SS_REGION_OUTSIDE;
	}
}

/* ---- captions ---- */

/* A caption says what the image before it says: the text right after an
 * image whose alt text it opens with, and not much longer than the alt
 * (a picture of a quote with the quote under it, a chart with its reading,
 * a photo with its description). The text after such an image begins a
 * run of its own (content.c, flush), so that the text before the image in
 * the same paragraph goes on being the article's; a run that goes on well
 * past the alt's words is the article's too. */

/* The characters of s[0, n) with white space left out: the first max of
 * them into key (when key is not NULL, its length in bytes in *keylen),
 * and how many there are in all. */
static uint32_t solid_chars(const char *s, size_t n, char *key, size_t max, uint8_t *keylen)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t chars = 0;
	size_t kb = 0;
	for (size_t i = 0, w; i < n; i += w) {
		if (ss_content_space_at(u, i, n, &w))
			continue;
		w = ss_utf8_step[u[i]] ? ss_utf8_step[u[i]] : 1;
		if (i + w > n)
			w = n - i;
		if (key != NULL && chars < max) {
			memcpy(key + kb, s + i, w);
			kb += w;
		}
		chars++;
	}
	if (keylen != NULL)
		*keylen = (uint8_t)kb;
	return chars;
}

void ss_content_alt_open(ss_content *cx, const char **atts)
{
	const char *alt = NULL;
	for (; atts && atts[0]; atts += 2)
		if (atts[1] && !strcasecmp(atts[0], "alt"))
			alt = atts[1];
	if (alt == NULL)
		return;
	struct alt_img a = {NO_POS, 0, 0, 0, {0}};
	a.chars = solid_chars(alt, strlen(alt), a.key, ALT_KEY, &a.keylen);
	if (a.chars < ALT_MIN)
		return;
	if (!cx->alt_pending) { /* else the image before had no text after it */
		if (cx->nalt == cx->altcap) {
			cx->altcap = cx->altcap ? cx->altcap * 2 : 16;
			cx->alt = ss_xrealloc(cx->alt, cx->altcap * sizeof *cx->alt);
		}
		cx->nalt++;
	}
	cx->alt[cx->nalt - 1] = a;
	cx->alt_pending = true;
}

void ss_content_alt_text(ss_content *cx, uint32_t pos)
{
	struct alt_img *a = &cx->alt[cx->nalt - 1];
	a->pos = pos;
	a->seg = cx->nseg - 1;
	cx->alt_pending = false;
}

void ss_content_find_captions(ss_content *cx)
{
	const char *s = cx->out->ptr;
	size_t len = cx->out->len;
	for (size_t k = 0; k < cx->nalt; k++) {
		const struct alt_img *a = &cx->alt[k];
		if (a->pos == NO_POS)
			continue;
		size_t end = a->seg + 1 < cx->nseg ? cx->seg[a->seg + 1].start : len;
		char key[sizeof a->key];
		uint8_t keylen;
		uint32_t chars = solid_chars(s + a->pos, end - a->pos, key, ALT_KEY, &keylen);
		/* A caption may say a little more than the alt (a source, a date). */
		if (keylen == a->keylen && memcmp(key, a->key, keylen) == 0 &&
		    chars <= a->chars + a->chars / 4 + 10)
			cx->seg[a->seg].caption = true;
	}
}
