/* rules_helpers.h - what the rule-loader and scan tests share; include
 * after cmocka.h and rules/rules.h. */
#ifndef SS_TEST_RULES_HELPERS_H
#define SS_TEST_RULES_HELPERS_H

#include <stdlib.h>
#include <string.h>

/* The expansion of a define, by name (the built-in ones come first). */
static inline const char *define_of(const ss_ruleset *rs, const char *name)
{
	int d = ss_find_define(rs, name, strlen(name));
	assert_true(d >= 0);
	return rs->defines[2 * d + 1];
}

/* A rule set of text, compiled; search_all: every rule searched unanchored
 * and no prefilter, the plain search a scan is held to. */
static inline ss_ruleset *scan_rules(const char *text, bool search_all)
{
	ss_ruleset *rs = ss_ruleset_new();
	assert_int_equal(ss_ruleset_add_buffer(rs, "t.rules", text, strlen(text)), SS_OK);
	rs->search_all = search_all;
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	return rs;
}

/* Scan text[0, len) with a and with b: the same matches (rule, span,
 * groups), or a failure naming what; their number. */
static inline size_t same_matches(const ss_ruleset *a, const ss_ruleset *b, const char *text,
                                  size_t len, const char *what)
{
	ss_match *ma, *mb;
	size_t na = ss_rules_scan(a, text, len, &ma, NULL, what);
	size_t nb = ss_rules_scan(b, text, len, &mb, NULL, what);
	if (na != nb)
		fail_msg("%s: %zu matches scanned, %zu searched", what, na, nb);
	for (size_t i = 0; i < na; i++) {
		if (ma[i].start != mb[i].start || ma[i].end != mb[i].end ||
		    strcmp(ma[i].rule->id, mb[i].rule->id) != 0)
			fail_msg("%s: match %zu differs: %s [%zu,%zu) vs %s [%zu,%zu)", what, i,
			         ma[i].rule->id, ma[i].start, ma[i].end, mb[i].rule->id, mb[i].start,
			         mb[i].end);
		for (int g = 0; g < SS_G__COUNT; g++)
			if (ma[i].gs[g] != mb[i].gs[g] || ma[i].ge[g] != mb[i].ge[g])
				fail_msg("%s: match %zu group %s differs", what, i, ss_group_names[g]);
	}
	free(ma);
	free(mb);
	return na;
}

/* The rules of text, scanned and searched over each of texts: the same
 * matches, want[i] of them in texts[i]. */
static inline void scan_table(const char *text, const char *const *texts, const size_t *want,
                              size_t n)
{
	ss_ruleset *a = scan_rules(text, false), *b = scan_rules(text, true);
	for (size_t i = 0; i < n; i++) {
		size_t got = same_matches(a, b, texts[i], strlen(texts[i]), texts[i]);
		if (got != want[i])
			fail_msg("%s: %zu matches, %zu wanted", texts[i], got, want[i]);
	}
	ss_ruleset_free(a);
	ss_ruleset_free(b);
}

#endif
