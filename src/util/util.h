/*
 * util.h - allocation, growable byte buffer, UTF-8, line map, diagnostics.
 * Internal to libstatspan.
 */
#ifndef SS_UTIL_H
#define SS_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "statspan.h"

/* ---- allocation: abort with a message on out-of-memory ---- */
void *ss_xmalloc(size_t n);
void *ss_xcalloc(size_t n, size_t size);
void *ss_xrealloc(void *p, size_t n);
char *ss_xstrdup(const char *s);
char *ss_xstrndup(const char *s, size_t n);
/* Running out of memory in one unit of work (a document) without losing the
 * run: a thread that has pushed a guard is sent back to the guard's setjmp
 * point (with the size asked for in size) instead of aborting:
 *     ss_oom_guard g;
 *     if (setjmp(g.env) == 0) { ss_oom_guard_push(&g); ...; ss_oom_guard_pop(&g); }
 *     else { the work failed; the guard is already popped }
 * What the work had allocated is lost (leaked) and locks it held stay held:
 * only work that holds none and whose memory is its own may be guarded. The
 * guard is the backstop; ss_mem_check() before the work is the first line. */
typedef struct ss_oom_guard {
	jmp_buf env;
	size_t size;
	struct ss_oom_guard *prev;
} ss_oom_guard;
void ss_oom_guard_push(ss_oom_guard *g);
void ss_oom_guard_pop(ss_oom_guard *g);
/* Whether n more bytes of address space can be had now (mapped and at once
 * unmapped: nothing is touched or kept). */
bool ss_mem_check(size_t n);
/* Grow *p (of *cap elements of size elem) to hold at least need elements.
 * Inline, as it is called for nearly every element appended anywhere and
 * nearly always has the room already: only growing is a call. */
void ss_grow_to(void **p, size_t *cap, size_t need, size_t elem);
static inline void ss_grow(void **p, size_t *cap, size_t need, size_t elem)
{
	if (need > *cap)
		ss_grow_to(p, cap, need, elem);
}

/* ---- growable byte buffer; ptr is always NUL-terminated once used ---- */
typedef struct {
	char *ptr;
	size_t len, cap;
} ss_buf;
#define SS_BUF_INIT {NULL, 0, 0}

void ss_buf_init(ss_buf *b);
void ss_buf_release(ss_buf *b);
void ss_buf_reset(ss_buf *b);
void ss_buf_grow(ss_buf *b, size_t extra);
void ss_buf_add(ss_buf *b, const void *data, size_t n);
void ss_buf_addc(ss_buf *b, char c);
void ss_buf_adds(ss_buf *b, const char *s);
void ss_buf_addf(ss_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ss_buf_vaddf(ss_buf *b, const char *fmt, va_list ap);
/* Hand the bytes over to the caller (never NULL); the buffer is left empty. */
char *ss_buf_detach(ss_buf *b, size_t *len);

/* ---- UTF-8 ---- */
/* Decode one code point at s[0..len). Returns its byte length (1..4), or 0
 * when the bytes there are not valid UTF-8 (overlong, surrogate, truncated). */
int ss_utf8_decode_any(const char *s, size_t len, uint32_t *cp);
/* Every stage decodes character by character: ASCII and the 3-byte
 * characters that need no range check (Chinese text is nearly all of them)
 * are decoded inline, the rest by ss_utf8_decode_any. */
static inline int ss_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (len && s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	/* E1..EC and EE..EF: no overlong or surrogate is possible. A
	 * continuation byte (80..BF) xor 0x80 is its six bits, below 0x40: the
	 * two are tested at once. */
	if (len >= 3 && (unsigned)(s[0] - 0xE1) < 15 && s[0] != 0xED) {
		unsigned b1 = s[1] ^ 0x80u, b2 = s[2] ^ 0x80u;
		if ((b1 | b2) < 0x40) {
			*cp = ((uint32_t)(s[0] & 0x0F) << 12) | (b1 << 6) | b2;
			return 3;
		}
	}
	return ss_utf8_decode_any(str, len, cp);
}
/* How far to step from a byte of valid UTF-8 to the next character: the
 * length of the character a lead byte begins, 1 for any other byte. */
extern const uint8_t ss_utf8_step[256];

/* The first byte at or after i of s[0, len) that is one of the six bytes
 * c0..c5 (repeat one for fewer), looked for sixteen bytes at a time: in
 * the first block of sixteen that holds one, or where fewer than sixteen
 * bytes are left, which the caller reads itself; i without SSE2. A scan
 * steps by it over the runs between the few bytes it acts on. */
static inline size_t ss_find_any16(const unsigned char *s, size_t i, size_t len, char c0, char c1,
                                   char c2, char c3, char c4, char c5)
{
#ifdef __SSE2__
	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i m = _mm_or_si128(
			_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(c0)),
			                          _mm_cmpeq_epi8(v, _mm_set1_epi8(c1))),
			             _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(c2)),
			                          _mm_cmpeq_epi8(v, _mm_set1_epi8(c3)))),
			_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(c4)),
			             _mm_cmpeq_epi8(v, _mm_set1_epi8(c5))));
		unsigned bits = (unsigned)_mm_movemask_epi8(m);
		if (bits)
			return i + (size_t)__builtin_ctz(bits);
	}
#else
	(void)s, (void)len, (void)c0, (void)c1, (void)c2, (void)c3, (void)c4, (void)c5;
#endif
	return i;
}
/* Encode cp into out; returns the byte length (1..4). */
int ss_utf8_encode(uint32_t cp, char out[4]);
/* Number of characters in s[0..len) (invalid bytes count as one each). */
size_t ss_utf8_count(const char *s, size_t len);
/* ss_utf8_count of s[0..len) taken from valid UTF-8 (a sanitised text),
 * where each character is its one byte that is no continuation byte, so
 * the bytes need no decoding; a span that starts or ends inside a
 * character goes to ss_utf8_count. */
size_t ss_utf8_count_valid(const char *s, size_t len);
/* The length of a prefix of s[0..len) (s at a character boundary) that is
 * whole characters of valid UTF-8 with no NUL byte, found sixteen bytes at
 * a time: it ends before the first sixteen that hold anything but ASCII and
 * two- and three-byte characters that need no range check (a NUL, E0, ED,
 * a four-byte character, a bad byte), so it is not always the longest; 0
 * when len < 16. Adds its characters to *chars. A scan may step over it and
 * decode from its end. */
size_t ss_utf8_run(const char *s, size_t len, size_t *chars);
/* Byte length of the character starting at s[0] (1 for an invalid byte). */
static inline int ss_utf8_len(const char *s, size_t len)
{
	uint32_t cp;
	int n = ss_utf8_decode(s, len, &cp);
	return n ? n : 1;
}
/* Start of the character that contains byte off (walks back over at most
 * three continuation bytes to a byte that is none; off itself when there
 * is no such byte within three before it). Inline: the stages call it at
 * nearly every span's edge. */
static inline size_t ss_utf8_back(const char *str, size_t off)
{
	const unsigned char *s = (const unsigned char *)str;
	if ((s[off] & 0xC0) != 0x80)
		return off;
	if (off >= 1 && (s[off - 1] & 0xC0) != 0x80)
		return off - 1;
	if (off >= 2 && (s[off - 2] & 0xC0) != 0x80)
		return off - 2;
	if (off >= 3 && (s[off - 3] & 0xC0) != 0x80)
		return off - 3;
	return off;
}

/* ---- line map: one line-start table per file ---- */
typedef struct {
	size_t *starts; /* starts[i]: offset of line i+1 */
	size_t n, cap;
	/* The file is valid UTF-8 (sanitised): columns are counted with
	 * ss_utf8_count_valid. Init clears it; the owner of such a file sets it. */
	bool valid;
} ss_linemap;

void ss_linemap_init(ss_linemap *m, const char *src, size_t len);
void ss_linemap_release(ss_linemap *m);
/* 1-based line and column (column counted in characters) of byte off. */
void ss_linemap_locate(const ss_linemap *m, const char *src, size_t len, size_t off,
                       unsigned *line, unsigned *column);

/* The last position located, so that a later one on the same line counts
 * only the characters in between (a file of one long line stays linear). */
typedef struct {
	size_t off;
	unsigned line, column;
} ss_linepos;

/* As ss_linemap_locate, for offsets in increasing order; *last starts zeroed. */
void ss_linemap_locate_next(const ss_linemap *m, const char *src, size_t len, size_t off,
                            ss_linepos *last, unsigned *line, unsigned *column);

/* ---- diagnostics ---- */
typedef struct {
	ss_diag_fn fn;
	void *userdata;
	size_t errors, warnings;
} ss_diag_sink;

/* Report a message; a NULL sink or callback only counts it. */
void ss_report(ss_diag_sink *sink, ss_diag_level level, const char *file, unsigned line,
               unsigned column, const char *rule_id, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
/* Same, with the offending line shown under the message. */
void ss_report_excerpt(ss_diag_sink *sink, ss_diag_level level, const char *file,
                       unsigned line, unsigned column, const char *rule_id,
                       const char *excerpt, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));

/* Read a whole file; returns 0 or an errno value (ENOMEM when it does not
 * fit in memory, EFBIG over 4 GiB). *buf is malloc'd (NUL-terminated). */
int ss_read_file(const char *path, char **buf, size_t *len);
/* The same for an open descriptor (standard input), with the same bound. */
int ss_read_fd(int fd, char **buf, size_t *len);

#endif
