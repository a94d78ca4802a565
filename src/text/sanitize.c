/* sanitize.c - make bytes safe for the text stage without moving them:
 * every byte that is not part of valid UTF-8, and every NUL, becomes '?',
 * so that offsets into the sanitized copy are offsets into the file. Most
 * files need no byte replaced, and then no copy is made. */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "text.h"

/* v as loaded from little-endian bytes: byte 0 lowest. */
static inline uint64_t le64(uint64_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return __builtin_bswap64(v);
#else
	return v;
#endif
}

/* The fewest bytes ss_utf8_run is given at a time, where they are not
 * ASCII. */
#define RUN_CHUNK 256

/* Past the blocks of sixteen ASCII bytes, none NUL, from *i: whether the
 * text ends with them (fewer than sixteen bytes are left otherwise, or a
 * block that holds other bytes). */
static bool ascii_run(const char *d, size_t len, size_t *i)
{
	size_t k = *i;
#ifdef __SSE2__
	const __m128i zero = _mm_setzero_si128();
	while (len - k >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(d + k));
		if (_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, zero))))
			break;
		k += 16;
	}
#endif
	*i = k;
	return k >= len;
}

size_t ss_utf8_clean(const char *src, size_t len, char **copy, size_t *first_bad)
{
	/* Read from src until the first bad byte, and from the copy made
	 * there after it. */
	const char *d = src;
	char *w = NULL;
	size_t bad = 0, first = len, i = 0;
	const unsigned char *u = (const unsigned char *)d;
	size_t plain = 0; /* where the bytes are read one by one up to */
	size_t chunk = RUN_CHUNK / 2; /* what ss_utf8_run is given next */
	while (i < len) {
		if (i >= plain && len - i >= 16) {
			/* Sixteen bytes at a time while they are whole characters
			 * (nearly all of a file): those of ASCII (markup) with one
			 * test each, the rest RUN_CHUNK at a time through
			 * ss_utf8_run, so that ASCII after them is seen again. Where
			 * a run stops short of its chunk (not only at a character
			 * the chunk cut), the next sixteen bytes are read by the
			 * loops below. */
			size_t from = i;
			if (ascii_run(d, len, &i))
				break;
			/* a chunk after ASCII is short (markup comes back soon),
			 * and doubles while none comes between (running text) */
			chunk = i > from ? RUN_CHUNK : chunk < (SIZE_MAX >> 2) ? 2 * chunk : chunk;
			size_t want = len - i < chunk ? len - i : chunk, chars = 0;
			size_t got = ss_utf8_run(d + i, want, &chars);
			i += got;
			if (i >= len)
				break;
			if (want >= 16 && got + 3 >= want)
				continue;
			plain = i + 16;
		}
		unsigned char c = u[i];
		if (c >= 0x01 && c < 0x80) {
			/* Eight ASCII bytes at a time (markup is mostly ASCII): none
			 * has the high bit set and none is NUL. */
			i++;
			while (i + 8 <= len) {
				uint64_t w;
				memcpy(&w, d + i, 8);
				if ((w & 0x8080808080808080ull) ||
				    ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull))
					break;
				i += 8;
			}
			continue;
		}
		/* The common 3-byte characters, a run of them without a call: two
		 * at a time from one load (lead E1..EF but ED, two continuation
		 * bytes each), then one at a time. */
		size_t from = i;
		while (i + 8 <= len) {
			uint64_t v;
			memcpy(&v, d + i, 8);
			v = le64(v);
			if ((v & 0xC0C0F0C0C0F0ull) != 0x8080E08080E0ull || !(v & 0x0F) ||
			    (v & 0xFF) == 0xED || !(v & 0x0F000000ull) || (v & 0xFF000000ull) == 0xED000000ull)
				break;
			i += 6;
		}
		while (i + 2 < len && u[i] >= 0xE1 && u[i] <= 0xEF && u[i] != 0xED &&
		       (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80)
			i += 3;
		if (i > from)
			continue;
		uint32_t cp;
		int n = c ? ss_utf8_decode(d + i, len - i, &cp) : 0;
		if (n > 0) {
			i += (size_t)n;
			continue;
		}
		/* One byte at a time: what follows a bad lead byte may start a
		 * valid character of its own. */
		if (bad++ == 0) {
			first = i;
			w = ss_xmalloc(len + 1);
			memcpy(w, src, len);
			w[len] = '\0';
			d = w;
			u = (const unsigned char *)d;
		}
		w[i++] = '?';
	}
	*copy = w;
	if (first_bad)
		*first_bad = first;
	return bad;
}

size_t ss_utf8_sanitize(const char *src, size_t len, char **out, size_t *first_bad)
{
	size_t bad = ss_utf8_clean(src, len, out, first_bad);
	if (!*out)
		*out = ss_xstrndup(src, len);
	return bad;
}
