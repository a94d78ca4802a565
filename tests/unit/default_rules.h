/* default_rules.h - a group's fixture for the tests that run the default rule
 * set: compiled once in setup, freed in teardown. Include after cmocka.h and
 * statspan.h; pass setup and teardown to cmocka_run_group_tests_name. */
#ifndef SS_TEST_DEFAULT_RULES_H
#define SS_TEST_DEFAULT_RULES_H

static ss_ruleset *rs;

static int setup(void **state)
{
	(void)state;
	rs = ss_ruleset_new();
	if (ss_ruleset_add_defaults(rs) != SS_OK || ss_ruleset_compile(rs) != SS_OK)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ss_ruleset_free(rs);
	return 0;
}

#endif
