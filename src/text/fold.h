/*
 * fold.h - the traditional-to-simplified fold: for matching only, a
 * traditional character is read as its simplified form (億 as 亿, 個 as 个,
 * 淨 as 净), one character for one, through the offset map, so spans still
 * point at the bytes as written and the text shown keeps them.
 * The table is generated at build time from OpenCC's TSCharacters
 * (scripts/foldgen.c -> build/gen/fold_table.c).
 */
#ifndef SS_FOLD_H
#define SS_FOLD_H

#include "text.h"

/* The simplified form of code point cp, or cp itself. */
uint32_t ss_fold_char(uint32_t cp);

/* Fold t in place: each traditional character becomes its simplified form,
 * one unit standing for all of the original character's base bytes, so t's
 * map still points into the same base. t must be valid UTF-8. Returns the
 * number of characters folded. A text ss_normalize made is folded already:
 * its counts are returned, and the mark cleared. */
size_t ss_fold_text(ss_text *t);

/* The character of n bytes (3 or 4) at s; s holds valid UTF-8. */
static inline uint32_t ss_fold_decode(const unsigned char *s, size_t n)
{
	if (n == 3)
		return ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
	return ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
	       ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
}

/* Whether the n bytes at s are a character of U+3400..U+9FFF (the
 * three-byte ones led by E3..E9, E3 from U+3400 on): what *han counts. */
static inline bool ss_fold_han_char(const unsigned char *s, size_t n)
{
	return n == 3 && s[0] >= 0xE3 && s[0] <= 0xE9 && (s[0] > 0xE3 || s[1] >= 0x90);
}

/* The same, and *han is how many of the folded characters are of
 * U+3400..U+9FFF (what says a text is written in traditional characters:
 * facts/currency.c). */
size_t ss_fold_text_han(ss_text *t, size_t *han);

/* The generated table: a bit per BMP code point that folds, the number of
 * bits set before each 32-bit word, the targets in code point order; the
 * keys beyond the BMP as sorted (from, to) pairs. */
extern const size_t ss_fold_count;
extern const uint32_t ss_fold_bits[2048];
extern const uint16_t ss_fold_rank[2048];
extern const uint32_t ss_fold_bmp_to[];
extern const size_t ss_fold_nastral;
extern const uint32_t ss_fold_astral[][2];

#endif
