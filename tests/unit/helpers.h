/* helpers.h - checks shared by the unit tests of the text stage. Include
 * after <cmocka.h>. */
#ifndef SS_TEST_HELPERS_H
#define SS_TEST_HELPERS_H

#include <string.h>

#include "text/text.h"

/* needle occurs in the text and maps to exactly the same bytes of src. */
static inline void assert_exact_span(const ss_text *t, const char *src, const char *needle)
{
	const char *p = strstr(t->ptr ? t->ptr : "", needle);
	assert_non_null(p);
	uint32_t bs, be;
	ss_text_map(t, (size_t)(p - t->ptr), (size_t)(p - t->ptr) + strlen(needle), &bs, &be);
	assert_int_equal(be - bs, strlen(needle));
	assert_memory_equal(src + bs, needle, strlen(needle));
}

/* The sanitiser's definition, a character at a time: every byte not part of
 * a valid character, and every NUL, becomes '?' in out (len bytes). Returns
 * how many did, the first of them in *first (len when none). */
static inline size_t plain_clean(const char *s, size_t len, char *out, size_t *first)
{
	size_t bad = 0;
	*first = len;
	memcpy(out, s, len);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int k = s[i] ? ss_utf8_decode_any(s + i, len - i, &cp) : 0;
		if (k > 0) {
			i += (size_t)k;
			continue;
		}
		if (bad++ == 0)
			*first = i;
		out[i++] = '?';
	}
	return bad;
}

/* Where the unit of text byte i starts and ends in the base. */
static inline uint32_t unit_start(const ss_text *t, size_t i)
{
	uint32_t s, e;
	ss_text_unit(t, i, &s, &e);
	return s;
}

static inline uint32_t unit_end(const ss_text *t, size_t i)
{
	uint32_t s, e;
	ss_text_unit(t, i, &s, &e);
	return e;
}

#endif
