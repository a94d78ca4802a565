/*
 * foldscan.h - the scan for characters that may fold (fold.c), inline: the
 * fold's own pass and normalize.c's, which normalises and folds together,
 * run it from every character they stop at (a full-width comma every few
 * dozen bytes of Chinese), and a call there cost a twentieth of the pass.
 */
#ifndef SS_FOLDSCAN_H
#define SS_FOLDSCAN_H

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "fold.h"

/* Whether the three-byte character at p (E0..EF, two continuation bytes)
 * folds: its bit in ss_fold_bits, read as the 64-bit word of its lead's
 * four bits and its second byte's six (little-endian: two 32-bit words in
 * a row), at the bit of its third byte's six; fold_word has it as bit 0. */
static inline uint64_t fold_word(const uint32_t *bits, const unsigned char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t w;
	memcpy(&w, (const unsigned char *)bits + 8 * (((p[0] & (size_t)0x0F) << 6) | (p[1] & 0x3Fu)), 8);
	return w >> (p[2] & 0x3F);
#else
	uint32_t cp = ((p[0] & 0x0Fu) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
	return bits[cp >> 5] >> (cp & 31);
#endif
}

#ifdef __SSE2__
/* fold_word of a character known to be a lead E0..EF and two continuation
 * bytes: its four and six bits are its bytes less those of E0 80. */
static inline uint64_t fold_word_whole(const uint32_t *bits, const unsigned char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* (the word's address as bytes, eight a word: one scaled index) */
	uint64_t w;
	memcpy(&w, (const unsigned char *)bits + 8 * (((size_t)p[0] << 6) + p[1] - ((0xE0u << 6) + 0x80)), 8);
	return w >> (p[2] & 0x3F);
#else
	return fold_word(bits, p);
#endif
}
#endif

static inline bool folds3(const uint32_t *bits, const unsigned char *p)
{
	return fold_word(bits, p) & 1;
}

/* The first character at or after byte i of s[0, len) that may fold (a
 * 3-byte one whose bit is set, any longer one, or a truncated one), or len;
 * with norm, also one that ss_normalize may convert (CR, a lead C2 or EF,
 * U+3000), so that one scan serves both. Nothing below U+0800 folds: ASCII
 * goes eight bytes at a time, and a run of 3-byte characters (nearly all
 * of Chinese text), asked about first, is one bit test each, five
 * characters' bits read at once where sixteen bytes are five of them. */
static inline __attribute__((always_inline)) size_t skip_plain(const unsigned char *s, size_t len,
                                                               size_t i, bool norm)
{
	const uint32_t *bits = ss_fold_bits;
	size_t end3 = len > 2 ? len - 2 : 0; /* a 3-byte character starts before it */
#ifdef __SSE2__
	/* five 3-byte characters in a row: a lead E0..EF at bytes 0, 3, 6, 9
	 * and 12, continuation bytes between */
#define L5(x, y) (char)(x), (char)(y), (char)(y), (char)(x), (char)(y), (char)(y), (char)(x), \
	(char)(y), (char)(y), (char)(x), (char)(y), (char)(y), (char)(x), (char)(y), (char)(y), 0
	const __m128i lead_mask = _mm_setr_epi8(L5(0xF0, 0xC0)), lead_want = _mm_setr_epi8(L5(0xE0, 0x80));
#undef L5
#endif
	while (i < len) {
		unsigned c = s[i];
		if ((c & 0xF0) == 0xE0) {
#ifdef __SSE2__
			/* five at a time while the sixteen bytes from i begin
			 * five 3-byte characters: one test of the five bits */
			while (i + 16 <= len) {
				__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
				__m128i lead = _mm_cmpeq_epi8(_mm_and_si128(v, lead_mask), lead_want);
				/* with norm, no lead EF either (only leads can be; an
				 * EF after the five stops the block too, as rarely) */
				if (norm)
					lead = _mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xEF)), lead);
				if (_mm_movemask_epi8(lead) != 0xFFFF)
					break;
				if (norm) {
					/* nor a character ending 80 80 (U+3000 is E3 80
					 * 80; the others, U+4000, U+5000 ..., are rare and
					 * told apart below) */
					unsigned x80 = (unsigned)_mm_movemask_epi8(
						_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0x80)));
					if (x80 & (x80 >> 1) & 0x2492)
						break;
				}
				if ((fold_word_whole(bits, s + i) | fold_word_whole(bits, s + i + 3) |
				     fold_word_whole(bits, s + i + 6) | fold_word_whole(bits, s + i + 9) |
				     fold_word_whole(bits, s + i + 12)) & 1)
					break; /* one of them folds: found below */
				i += 15;
			}
#endif
			for (; i < end3 && (s[i] & 0xF0) == 0xE0; i += 3) {
				if (norm && (s[i] == 0xEF || (s[i] == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x80)))
					return i;
				if (folds3(bits, s + i))
					return i;
			}
			if (i >= end3 && i < len && (s[i] & 0xF0) == 0xE0)
				return i; /* truncated */
			continue;
		}
		if (c < 0x80) {
			if (norm && c == '\r')
				return i;
			i++;
			while (i + 8 <= len) {
				uint64_t w;
				memcpy(&w, s + i, 8);
				if (w & 0x8080808080808080ull)
					break;
				if (norm) {
					uint64_t x = w ^ 0x0D0D0D0D0D0D0D0Dull;
					if ((x - 0x0101010101010101ull) & ~x & 0x8080808080808080ull)
						break;
				}
				i += 8;
			}
			continue;
		}
		if (c >= 0xF0 || (norm && c == 0xC2))
			return i;
		i += ss_utf8_step[c];
	}
	return len;
}

/* The first character at or after byte i of s[0, len) that may fold or
 * that ss_normalize may convert (CR, a lead C2 or EF, U+3000), or len. */
static inline size_t ss_fold_skip_norm(const unsigned char *s, size_t len, size_t i)
{
	return skip_plain(s, len, i, true);
}

#endif
