/* sentence.c - split a (normalised) text into sentences at Chinese and ASCII
 * sentence ends and at paragraph breaks. '.' is never an end: after width
 * normalisation it is as likely a decimal point (９５．５％ -> 95.5%). */
#include <string.h>

#include "text.h"

/* Length of a sentence-ending mark at s[i], or 0. Inline: the split asks
 * it at every hot byte (each 、 and 《 too), and a call cost more than it. */
static inline __attribute__((always_inline)) size_t end_mark(const unsigned char *s, size_t len,
                                                             size_t i)
{
	unsigned char c = s[i];
	if (c == '!' || c == '?' || c == ';')
		return 1;
	if (i + 3 > len)
		return 0;
	if (c == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x82)
		return 3; /* 。 */
	if (c == 0xEF && s[i + 1] == 0xBC && (s[i + 2] == 0x81 || s[i + 2] == 0x9F || s[i + 2] == 0x9B))
		return 3; /* ！ ？ ； (not normalised) */
	return 0;
}

/* Length of a closing quote or bracket at s[i] that still belongs to the
 * sentence before it, or 0. */
static size_t closer(const unsigned char *s, size_t len, size_t i)
{
	unsigned char c = s[i];
	if (c == ')' || c == '"' || c == '\'' || c == ']')
		return 1;
	if (i + 3 > len)
		return 0;
	if (c == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0x9D || s[i + 2] == 0x99))
		return 3; /* ” ’ */
	if (c == 0xE3 && s[i + 1] == 0x80 && (s[i + 2] == 0x8D || s[i + 2] == 0x8F || s[i + 2] == 0x8B))
		return 3; /* 」 』 》 */
	if (c == 0xEF && s[i + 1] == 0xBC && s[i + 2] == 0x89)
		return 3; /* ） */
	return 0;
}

/* Length of white space at s[i] (ASCII, U+3000, U+00A0), or 0. Inline:
 * each sentence's ends are trimmed with it. */
static inline __attribute__((always_inline)) size_t space(const unsigned char *s, size_t len,
                                                          size_t i)
{
	unsigned char c = s[i];
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
		return 1;
	if (c == 0xE3 && i + 3 <= len && s[i + 1] == 0x80 && s[i + 2] == 0x80)
		return 3;
	if (c == 0xC2 && i + 2 <= len && s[i + 1] == 0xA0)
		return 2;
	return 0;
}

/* A paragraph break at s[i]: '\n', blanks, '\n'. Returns its length or 0. */
static size_t para_break(const unsigned char *s, size_t len, size_t i)
{
	if (s[i] != '\n')
		return 0;
	size_t j = i + 1;
	while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
		j++;
	return j < len && s[j] == '\n' ? j + 1 - i : 0;
}

static void push(ss_sentence **out, size_t *n, size_t *cap, const unsigned char *s, size_t a,
                 size_t b)
{
	size_t k;
	while (a < b && (k = space(s, b, a)) > 0)
		a += k;
	/* Trailing white space: ASCII, or a multi-byte space ending at b
	 * (U+3000 ends in 80, U+00A0 in A0). */
	while (b > a) {
		unsigned char c = s[b - 1];
		if (c < 0x80 && space(s, b, b - 1) == 1)
			b--;
		else if (c == 0x80 && b >= a + 3 && space(s, b, b - 3) == 3)
			b -= 3;
		else if (c == 0xA0 && b >= a + 2 && space(s, b, b - 2) == 2)
			b -= 2;
		else
			break;
	}
	if (a >= b)
		return;
	ss_grow((void **)out, cap, *n + 1, sizeof **out);
	(*out)[*n].start = (uint32_t)a;
	(*out)[*n].end = (uint32_t)b;
	(*n)++;
}

size_t ss_sentences_split(const char *text, size_t len, ss_sentence **out)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n = 0, cap = 0, start = 0, i = 0;
	/* The bytes that can begin an end mark or a paragraph break. */
	static const unsigned char hot[256] = {['!'] = 1, ['?'] = 1, [';'] = 1, ['\n'] = 1,
	                                       [0xE3] = 1, [0xEF] = 1};
	*out = NULL;
	while (i < len) {
		if (!hot[s[i]]) {
			/* past the character (valid UTF-8, sanitised), then past
			 * sixteen bytes at a time that hold no hot byte (none is a
			 * continuation byte: every byte is tested) */
			i = ss_find_any16(s, i + ss_utf8_step[s[i]], len,
			                  (char)0xE3, (char)0xEF, '\n',
			                  '!', '?', ';');
			continue;
		}
		size_t k = end_mark(s, len, i);
		if (k > 0) {
			i += k;
			/* "？！", "。”" and the like end together. */
			for (;;) {
				if (i < len && (k = end_mark(s, len, i)) > 0)
					i += k;
				else if (i < len && (k = closer(s, len, i)) > 0)
					i += k;
				else
					break;
			}
			push(out, &n, &cap, s, start, i);
			start = i;
			continue;
		}
		if ((k = para_break(s, len, i)) > 0) {
			push(out, &n, &cap, s, start, i);
			i += k;
			start = i;
			continue;
		}
		i++;
	}
	push(out, &n, &cap, s, start, len);
	return n;
}
