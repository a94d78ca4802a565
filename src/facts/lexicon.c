/* lexicon.c - word lookup in the generated lexicon and the segmentation of
 * least cost (the most probable path through the words of a clause, as
 * jieba's own segmenter finds it, without its model of unknown words: a
 * character no word covers is a word of its own). */
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

static ss_pos pos_of_tag(int tag)
{
	if (tag < 0 || tag >= ss_lex_ntags)
		return SS_POS_UNKNOWN;
	const char *t = ss_lex_tag_names[tag];
	for (size_t i = 0; i < sizeof tag_pos / sizeof tag_pos[0]; i++)
		if (!strncmp(t, tag_pos[i].tag, strlen(tag_pos[i].tag)))
			return tag_pos[i].pos;
	return SS_POS_UNKNOWN;
}

/* The entry of the word ch[0, len) (offsets from SS_LEX_CJK_LO), or -1:
 * a binary search among the words of its first character. */
static long find(const uint16_t *ch, int len)
{
	const ss_lex_bylen *t = &ss_lex_words[len];
	size_t lo = t->at[ch[0]], hi = t->at[ch[0] + 1];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = 0;
		for (int i = 1; i < len && !c; i++)
			c = t->keys[mid * (size_t)len + (size_t)i] < ch[i] ? -1
			    : t->keys[mid * (size_t)len + (size_t)i] > ch[i] ? 1 : 0;
		if (!c)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static bool is_lex_cjk(uint32_t c)
{
	return c >= SS_LEX_CJK_LO && c <= SS_LEX_CJK_HI;
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

size_t ss_segment(const char *s, size_t a, size_t b, ss_token *tok, size_t cap)
{
	/* the characters: code point and byte offset */
	uint32_t cp[SEG_MAX + 1];
	size_t off[SEG_MAX + 1];
	int n = 0;
	for (size_t i = a; i < b && n < SEG_MAX; n++) {
		int w = ss_utf8_decode(s + i, b - i, &cp[n]);
		if (!w) {
			w = 1;
			cp[n] = 0xFFFD;
		}
		off[n] = i;
		i += (size_t)w;
		off[n + 1] = i;
	}
	/* best[i]: least cost of s from character i on; len[i], pos[i]: its first word */
	unsigned best[SEG_MAX + 1];
	uint8_t len[SEG_MAX];
	int tag[SEG_MAX]; /* the lexicon's tag; -1: a mark, -2: Latin, -3: unknown */
	best[n] = 0;
	for (int i = n - 1; i >= 0; i--) {
		if (!is_lex_cjk(cp[i])) {
			/* a run of Latin letters and digits (with a decimal point) is one noun */
			int j = i + 1;
			if (is_latin(cp[i]))
				while (j < n && j - i < 255 &&
				       (is_latin(cp[j]) || (cp[j] == '.' && j + 1 < n && is_latin(cp[j + 1]))))
					j++;
			/* only from the run's start: its inside is never reached */
			len[i] = (uint8_t)(j - i);
			tag[i] = is_latin(cp[i]) ? -2 : -1;
			best[i] = best[j] + 1;
			continue;
		}
		best[i] = best[i + 1] + ss_lex_unknown_cost;
		len[i] = 1;
		tag[i] = -3;
		uint16_t ch[SS_LEX_MAXLEN];
		unsigned lens = ss_lex_first[cp[i] - SS_LEX_CJK_LO];
		for (int k = 0; k < SS_LEX_MAXLEN && i + k < n && is_lex_cjk(cp[i + k]); k++) {
			ch[k] = (uint16_t)(cp[i + k] - SS_LEX_CJK_LO);
			if (!(lens & (1u << k)))
				continue;
			long e = find(ch, k + 1);
			if (e < 0)
				continue;
			const uint8_t *info = &ss_lex_words[k + 1].info[2 * e];
			unsigned c = info[1] + best[i + k + 1];
			if (c <= best[i]) {
				best[i] = c;
				len[i] = (uint8_t)(k + 1);
				tag[i] = info[0];
			}
		}
	}
	size_t nt = 0;
	for (int i = 0; i < n && nt < cap; i += len[i]) {
		tok[nt].start = off[i];
		tok[nt].end = off[i + len[i]];
		tok[nt].pos = tag[i] >= 0 ? pos_of_tag(tag[i]) : tag[i] == -2 ? SS_POS_NOUN
		              : tag[i] == -1 ? SS_POS_MARK : SS_POS_UNKNOWN;
		nt++;
	}
	return nt;
}
