/* utf8.c - strict UTF-8 decoding (no overlongs, no surrogates), the one
 * definition every stage uses so that they agree on what a character is. */
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "util.h"

int ss_utf8_decode_any(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (len == 0)
		return 0;
	unsigned c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	int n;
	uint32_t v, min;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2, v = c & 0x1F, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3, v = c & 0x0F, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4, v = c & 0x07, min = 0x10000;
	else
		return 0;
	if ((size_t)n > len)
		return 0;
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

#define R4(v) v, v, v, v
#define R16(v) R4(v), R4(v), R4(v), R4(v)
const uint8_t ss_utf8_step[256] = {
	R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), /* ASCII */
	R16(1), R16(1), R16(1), R16(1),                                 /* continuation */
	R16(2), R16(2),                                                 /* C0..DF */
	R16(3),                                                         /* E0..EF */
	4, 4, 4, 4, 4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,                 /* F0..F4; F5..FF */
};

int ss_utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

#ifdef __SSE2__
/* The sum of the sixteen byte lanes of v. */
static inline size_t lanes_sum(__m128i v)
{
	__m128i s = _mm_sad_epu8(v, _mm_setzero_si128());
	return (size_t)_mm_cvtsi128_si32(s) + (size_t)_mm_extract_epi16(s, 4);
}

/* Lanes of v in lo..hi (unsigned), as -1: v - lo below hi - lo + 1,
 * compared signed once moved by 0x80. */
#define IN_RANGE(v, lo, hi)                                                        \
	_mm_cmpgt_epi8(_mm_set1_epi8((char)(0x80 + (hi) - (lo) + 1)),               \
	               _mm_add_epi8((v), _mm_set1_epi8((char)(0x80 - (lo)))))

/* What each of the sixteen bytes v is, a bit a byte (utf8_run's last
 * bytes): its high bit set (high), NUL, a continuation byte (cont; as lanes
 * of -1 in *vc), the lead of a two-byte character (C2..DF) or of a
 * three-byte one that needs no range check on its second byte (E1..EF but
 * ED) (lead); and where continuation bytes must stand after those leads
 * (want; bits 16 and 17: beyond the sixteen). */
typedef struct {
	unsigned high, nul, cont, lead, want;
} utf8_bits;

static inline utf8_bits utf8_classify(__m128i v, __m128i *vc)
{
	utf8_bits b;
	b.high = (unsigned)_mm_movemask_epi8(v);
	b.nul = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128()));
	*vc = _mm_cmpgt_epi8(_mm_set1_epi8((char)0xC0), v); /* 80..BF, signed */
	b.cont = (unsigned)_mm_movemask_epi8(*vc);
	unsigned l2 = (unsigned)_mm_movemask_epi8(IN_RANGE(v, 0xC2, 0xDF));
	unsigned l3 = (unsigned)_mm_movemask_epi8(IN_RANGE(v, 0xE1, 0xEF)) &
	              ~(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xED)));
	b.lead = l2 | l3;
	b.want = (b.lead << 1) | (l3 << 2);
	return b;
}

#define B2(n) n, n + 1, n + 1, n + 2
#define B4(n) B2(n), B2(n + 1), B2(n + 1), B2(n + 2)
#define B6(n) B4(n), B4(n + 1), B4(n + 1), B4(n + 2)
static const uint8_t bits8[256] = {B6(0), B6(1), B6(1), B6(2)};
#endif

/*
 * Sixteen bytes at a time: they continue a run of whole characters when
 * each is ASCII but NUL, a continuation byte, or the lead of a two-byte
 * character (C2..DF) or of a three-byte one that needs no range check on
 * its second byte (E1..EF but ED), and the continuation bytes are exactly
 * the one after each two-byte lead and the two after each three-byte lead
 * (those of a character the sixteen before cut short included: the leads
 * of those sixteen are kept, shifted in). The last bytes (fewer than
 * sixteen) are read as the high lanes of the sixteen that end the span.
 * What fails the test (a NUL, E0, ED, a four-byte character, a bad byte)
 * ends the run before the character it stands in: the caller decodes it
 * character by character.
 * Arguments: s, len: the bytes, from a character boundary; chars: gains
 * the characters of the run. Returns the run's length.
 */
static inline size_t utf8_run(const char *str, size_t len, size_t *chars)
{
	size_t i = 0;
#ifdef __SSE2__
	const unsigned char *s = (const unsigned char *)str;
	const __m128i zero = _mm_setzero_si128();
	/* continuation bytes of s[0, i): in conts, and a byte lane each in
	 * acc (for up to 255 steps) */
	size_t conts = 0;
	__m128i acc = zero, plead = zero, pl3 = zero; /* the leads of the sixteen before */
	while (len - i >= 16) {
		size_t steps = (len - i) / 16 < 255 ? (len - i) / 16 : 255;
		for (; steps > 0; steps--, i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			__m128i cont = _mm_cmpgt_epi8(_mm_set1_epi8((char)0xC0), v); /* signed */
			__m128i l3 = _mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xED)),
			                              IN_RANGE(v, 0xE1, 0xEF));
			__m128i lead = _mm_or_si128(IN_RANGE(v, 0xC2, 0xDF), l3);
			__m128i ok = _mm_or_si128(_mm_or_si128(_mm_cmpgt_epi8(v, zero), cont), lead);
			__m128i want = _mm_or_si128(
				_mm_or_si128(_mm_slli_si128(lead, 1), _mm_slli_si128(l3, 2)),
				_mm_or_si128(_mm_srli_si128(plead, 15), _mm_srli_si128(pl3, 14)));
			if (_mm_movemask_epi8(_mm_and_si128(ok, _mm_cmpeq_epi8(want, cont))) != 0xFFFF)
				goto stop;
			acc = _mm_sub_epi8(acc, cont);
			plead = lead;
			pl3 = l3;
		}
		conts += lanes_sum(acc);
		acc = zero;
	}
	/* the rest, the high r lanes of the last sixteen */
	size_t r = len - i;
	if (r > 0 && len >= 16) {
		unsigned carry = (((unsigned)_mm_movemask_epi8(plead) << 1) |
		                  ((unsigned)_mm_movemask_epi8(pl3) << 2)) >> 16;
		utf8_bits b = utf8_classify(
			_mm_loadu_si128((const __m128i *)(const void *)(s + len - 16)), &acc);
		acc = zero;
		unsigned sh = (unsigned)(16 - r), cont = b.cont >> sh;
		/* (want as far as r: no character cut short at the end) */
		if (!(b.nul >> sh) && ((cont | b.lead) >> sh) == b.high >> sh &&
		    cont == ((b.want >> sh) | carry)) {
			conts += bits8[cont & 0xFF] + bits8[cont >> 8];
			i = len;
			plead = pl3 = zero;
		}
	}
stop:
	conts += lanes_sum(acc);
	/* The run ends before a character the last sixteen cut short: its lead
	 * at i - 1, or a three-byte one at i - 2 (and its first continuation
	 * byte at i - 1, counted). */
	if ((_mm_movemask_epi8(plead) & 0x8000) || (_mm_movemask_epi8(pl3) & 0x4000)) {
		if (s[i - 1] < 0xC0)
			i--, conts--;
		i--;
	}
	*chars += i - conts;
#else
	(void)str, (void)len, (void)chars;
#endif
	return i;
}

size_t ss_utf8_run(const char *s, size_t len, size_t *chars)
{
	return utf8_run(s, len, chars);
}

size_t ss_utf8_count(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		if (len - i >= 16) {
			i += utf8_run(s + i, len - i, &n);
			if (i == len)
				break;
		}
		/* What the run stopped at, and the next sixteen bytes, one
		 * character at a time. */
		for (size_t stop = len - i > 16 ? i + 16 : len; i < stop; n++)
			i += (size_t)ss_utf8_len(s + i, len - i);
	}
	return n;
}

size_t ss_utf8_count_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	if (!len)
		return 0;
	/* the edges: a continuation byte first, or a character the end cuts
	 * short (its lead among the last three bytes) */
	size_t j = len - 1;
	while (j > 0 && len - j < 4 && (s[j] & 0xC0) == 0x80)
		j--;
	if ((s[0] & 0xC0) == 0x80 || j + ss_utf8_step[s[j]] > len)
		return ss_utf8_count(str, len);
	size_t conts = 0, i = 0;
#ifdef __SSE2__
	while (len - i >= 16) {
		/* a byte lane each for up to 255 steps */
		__m128i acc = _mm_setzero_si128();
		for (size_t steps = (len - i) / 16 < 255 ? (len - i) / 16 : 255; steps > 0;
		     steps--, i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			acc = _mm_sub_epi8(acc, _mm_cmpgt_epi8(_mm_set1_epi8((char)0xC0), v));
		}
		conts += lanes_sum(acc);
	}
#endif
	for (; i < len; i++)
		conts += (s[i] & 0xC0) == 0x80;
	return len - conts;
}
