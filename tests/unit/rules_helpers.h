/* rules_helpers.h - what the rule-loader tests share; include after
 * cmocka.h and rules/rules.h. */
#ifndef SS_TEST_RULES_HELPERS_H
#define SS_TEST_RULES_HELPERS_H

#include <string.h>

/* The expansion of a define, by name (the built-in ones come first). */
static inline const char *define_of(const ss_ruleset *rs, const char *name)
{
	int d = ss_find_define(rs, name, strlen(name));
	assert_true(d >= 0);
	return rs->defines[2 * d + 1];
}

#endif
