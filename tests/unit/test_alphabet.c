/* test_alphabet.c - the characters a rule's matches can consume
 * (src/rules/alphabet.c), and that the scan's skipping of tries that meet
 * a character outside them finds what a search without it finds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "rules_helpers.h"
#include "text/text.h"

static bool has(const uint64_t *a, const char *ch)
{
	uint32_t cp;
	assert_true(ss_utf8_decode(ch, strlen(ch), &cp) > 0);
	if (cp >= 0x10000)
		cp = SS_ALPHA_ASTRAL;
	return a[cp >> 6] >> (cp & 63) & 1;
}

static void test_read_off_pattern(void **state)
{
	(void)state;
	uint64_t *a = ss_pattern_alphabet("(?<q>近|超过)?(?<num>(?<![0-9.])[0-9]+(?:,[0-9]{3})*)\\s?%"
	                                  "(?![年月])(?=以上|元)");
	assert_non_null(a);
	for (const char *const *c = (const char *const[]){"近", "超", "过", "0", "9", ",", "%", " ",
	                                                   "\t", "以", "上", "元", NULL};
	     *c; c++)
		if (!has(a, *c))
			fail_msg("'%s' missing", *c);
	/* looked at, never consumed: a lookbehind's '.', a negative lookahead's
	 * 年; the group name's letters are syntax (a quantifier's braces are
	 * added: some versions read {,3} as characters) */
	for (const char *const *c = (const char *const[]){".", "年", "月", "q", "n", "<", "a", NULL};
	     *c; c++)
		if (has(a, *c))
			fail_msg("'%s' present", *c);
	free(a);

	a = ss_pattern_alphabet("[一-三]\\x{4E07}\\.\\-\\x41[\\]a-c]\\t\\d\\k<num>\\1𠀀");
	assert_non_null(a);
	for (const char *const *c = (const char *const[]){"一", "丁", "三", "万", ".", "-", "A", "]", "b",
	                                                   "\t", "7", "𠀋", NULL};
	     *c; c++)
		if (!has(a, *c))
			fail_msg("'%s' missing", *c);
	assert_false(has(a, "上"));
	assert_false(has(a, "k"));
	free(a);

	/* A negated class: every character but its members (and those of
	 * the pattern's other items), any past U+FFFF too. */
	a = ss_pattern_alphabet("(?<num>[0-9]+)[^，。\\s%\\d]{1,3}?(?:%|元)");
	assert_non_null(a);
	for (const char *const *c = (const char *const[]){"0", "7", "a", "年", "𠀋", "]", "%", "元", NULL};
	     *c; c++)
		if (!has(a, *c))
			fail_msg("'%s' missing", *c);
	for (const char *const *c = (const char *const[]){"，", "。", " ", "\t", NULL}; *c; c++)
		if (has(a, *c))
			fail_msg("'%s' present", *c);
	free(a);
	a = ss_pattern_alphabet("[^]a]b");
	assert_non_null(a);
	assert_false(has(a, "]"));
	assert_false(has(a, "a"));
	assert_true(has(a, "b"));
	assert_true(has(a, "c"));
	free(a);

	/* What may consume anything, or is not read exactly. */
	static const char *const all[] = {
		"[0-9].", "[^\\w]+[0-9]", "[^[:digit:]]", "\\w+", "\\S", "\\D", "\\p{Han}", "(?i)abc", "\\Qa\\E",
		"[[:digit:]]", "(?(1)a|b)", "(*UTF)a", "\\x{zz}",
		"(a)\\12", /* a backreference, or the octal \012, as the groups decide */
	};
	for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
		a = ss_pattern_alphabet(all[i]);
		if (a)
			fail_msg("an alphabet for %s", all[i]);
	}
}

/* A rule whose last lookahead reaches over characters its match does not
 * consume: the prefilter reads that lookahead as a group, so its ends lie
 * after them, and a try must not be skipped for meeting them. */
static void test_lookahead_reaches(void **state)
{
	(void)state;
	static const char rules[] =
	    "rule list\n  kind money\n  unit CNY\n"
	    "  pattern (?<num>[0-9]+亿)(?=(?:/[0-9]+亿)*元)\n"
	    "rule pct\n  kind percent\n  pattern (?<q>约)?(?<num>[0-9]+)%\n";
	static const char *const texts[] = {
		"43亿/45亿/47亿元", "约2023年营收增长12%", "约 12%与约12%", "2亿元约3%",
	};
	static const size_t want[] = {3, 1, 2, 2};
	scan_table(rules, texts, want, sizeof texts / sizeof *texts);
}

/* The alphabets the build kept for the built-in rules, as ranges, are the
 * ones read off their patterns now; ranges give back any set of bits. */
static void test_builtin_alphabets(void **state)
{
	(void)state;
	ss_ruleset *rs = ss_ruleset_new();
	assert_int_equal(ss_ruleset_add_defaults(rs), SS_OK);
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	assert_int_equal(ss_alpha_builtin_count, rs->nrules);
	size_t kept = 0;
	for (size_t i = 0; i < rs->nrules; i++) {
		const ss_rule *r = &rs->rules[i];
		if (ss_alpha_builtin_keys[i] != ss_pattern_key(r->pattern))
			continue;
		kept++;
		uint64_t *want = ss_pattern_alphabet(r->pattern);
		assert_int_equal(ss_alpha_builtin_all[i], want == NULL);
		if (want) {
			uint64_t *got = ss_alphabet_from_ranges(ss_alpha_builtin_ranges + 2 * ss_alpha_builtin_at[i],
			                                        ss_alpha_builtin_at[i + 1] - ss_alpha_builtin_at[i]);
			assert_memory_equal(got, want, SS_ALPHA_WORDS * sizeof *got);
			free(got);
		}
		free(want);
	}
	assert_int_equal(kept, rs->nrules);
	ss_ruleset_free(rs);

	uint64_t *a = calloc(SS_ALPHA_WORDS, sizeof *a);
	uint64_t seed = 88172645463325252ull;
	for (size_t w = 0; w < SS_ALPHA_WORDS; w++) {
		seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
		a[w] = w % 5 == 0 ? ~0ull : w % 5 == 1 ? 0 : seed;
	}
	a[SS_ALPHA_WORDS - 1] |= 1ull << 63; /* up to U+FFFF */
	uint32_t *ranges;
	size_t n = ss_alphabet_ranges(a, &ranges);
	uint64_t *b = ss_alphabet_from_ranges(ranges, n);
	assert_memory_equal(a, b, SS_ALPHA_WORDS * sizeof *a);
	free(ranges);
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_off_pattern),
		cmocka_unit_test(test_lookahead_reaches),
		cmocka_unit_test(test_builtin_alphabets),
	};
	return cmocka_run_group_tests_name("alphabet", tests, NULL, NULL);
}
