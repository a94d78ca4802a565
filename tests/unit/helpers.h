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

#endif
