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
