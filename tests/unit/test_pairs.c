/* test_pairs.c - the first two characters a rule's matches begin with
 * (src/rules/pairs.c): the build's table holds every pair the built-in
 * patterns allow, and tries spared by the table lose no match of a plain
 * search, at the text's end, before a character past U+FFFF, for a match
 * of one character. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "rules_helpers.h"

static uint32_t cp_of(const char *s)
{
	uint32_t cp;
	assert_true(ss_utf8_decode(s, strlen(s), &cp) > 0);
	return cp;
}

static size_t rule_index(const ss_ruleset *rs, const char *id)
{
	for (size_t i = 0; i < rs->nrules; i++)
		if (!strcmp(rs->rules[i].id, id))
			return i;
	fail_msg("no rule %s", id);
	return 0;
}

/* Whether PCRE2 lets a match of r begin with s after the character
 * before (0: none). */
static bool judged(const ss_rule *r, pcre2_match_data *md, char before, const char *s)
{
	char t[16];
	size_t b = before ? 1 : 0, n = strlen(s);
	t[0] = before;
	memcpy(t + b, s, n);
	int rc = pcre2_match(r->code, (PCRE2_SPTR)t, b + n, b,
	                     PCRE2_PARTIAL_HARD | PCRE2_NO_JIT | PCRE2_NO_UTF_CHECK, md, NULL);
	return rc >= 0 || rc == PCRE2_ERROR_PARTIAL;
}

/* Every pair of a built-in pattern (follow.c, now) that PCRE2 lets a
 * match begin with, at all and after a digit or '.', is in the table the
 * build made, which the default set uses as it is. */
static void test_builtin_pairs(void **state)
{
	(void)state;
	ss_ruleset *rs = ss_ruleset_new();
	assert_int_equal(ss_ruleset_add_defaults(rs), SS_OK);
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	assert_ptr_equal(rs->pair_bits, (const uint64_t *)ss_pairs_builtin_bits);
	assert_null(rs->pair_own);
	ss_rules_compile_lazy(rs);
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	uint8_t *lead = calloc(0x10000, 1);
	size_t with = 0, pairs = 0, judged_out = 0;
	for (size_t ri = 0; ri < rs->nrules; ri++) {
		const ss_rule *r = &rs->rules[ri];
		uint32_t *next;
		size_t *at;
		memset(lead, 0, 0x10000);
		bool ok = ss_pattern_leads(r->pattern, lead, &next, &at);
		assert_int_equal(ok, r->pairs);
		with += ok;
		bool alone = false;
		for (uint32_t c = 0; ok && c < 0x10000; c++) {
			if (!lead[c])
				continue;
			alone |= lead[c] == SS_PERIOD_ALWAYS;
			size_t from = lead[c] == SS_PERIOD_ALWAYS ? 0 : at[lead[c] - 1];
			size_t to = lead[c] == SS_PERIOD_ALWAYS ? 1 : at[lead[c]];
			for (size_t j = from; j < to; j++) {
				uint32_t c2 = lead[c] == SS_PERIOD_ALWAYS ? SS_PAIR_ALONE : next[j];
				char s[9];
				size_t n = (size_t)ss_utf8_encode(c, s);
				if (c2 != SS_PAIR_ALONE)
					n += (size_t)ss_utf8_encode(c2, s + n);
				s[n] = '\0';
				pairs++;
				if (!judged(r, md, 0, s)) {
					judged_out++;
					continue;
				}
				if (!ss_pair_may(rs, ri, c, c2))
					fail_msg("%s: U+%04X then %05X missing", r->id, c, c2);
				for (const char *d = "0123456789."; *d; d++)
					if (judged(r, md, *d, s) && !ss_pair_may(rs, ri, c, c2 | SS_PAIR_AFTER_NUM))
						fail_msg("%s: U+%04X then %05X after %c missing", r->id, c, c2, *d);
			}
		}
		assert_int_equal(alone, r->pairs_alone);
		free(next);
		free(at);
	}
	assert_true(with + 2 >= rs->nrules); /* nearly every rule is read */
	assert_true(judged_out > pairs / 10);  /* and PCRE2 turns many pairs down */
	/* a Chinese numeral's digit wants a unit after it (近百家, not 六次),
	 * and a Chinese number begins after no digit (5亿元 is an Arabic one) */
	size_t cn = rule_index(rs, "count.chinese"), mc = rule_index(rs, "money.chinese");
	assert_true(ss_pair_may(rs, cn, cp_of("近"), cp_of("百")));
	assert_false(ss_pair_may(rs, cn, cp_of("六"), cp_of("次")));
	assert_true(ss_pair_may(rs, mc, cp_of("三"), cp_of("亿")));
	assert_false(ss_pair_may(rs, mc, cp_of("亿"), cp_of("元") | SS_PAIR_AFTER_NUM));
	free(lead);
	pcre2_match_data_free(md);
	ss_ruleset_free(rs);
}

/* Rules with ends a pair filter can get wrong, scanned and searched. */
static void test_crafted_pairs(void **state)
{
	(void)state;
	static const char set[] =
	    "rule one\n  kind count\n  pattern (?<num>[0-9])(?:家)?\n"
	    "rule tens\n  kind count\n  pattern (?<num>[一二三]十)家\n"
	    "rule astral\n  kind count\n  pattern 共(?<num>[0-9]+)\xf0\x9f\x98\x80\n"
	    "rule ahead\n  kind percent\n  pattern 约(?=[0-9])(?<num>[0-9]+)%\n"
	    "rule empty\n  kind percent\n  pattern 占?(?<num>[0-9]*)成\n"
	    "rule scale\n  kind money\n  pattern (?![万亿](?!十))(?<num>[一二三十万亿]+)元\n"
	    "rule behind\n  kind money\n  pattern (?<![0-9.])(?<num>[万亿]+)元\n"
	    "rule nested\n  kind count\n  pattern (?<num>[0-9])(?!(?<!a[0-9])x)x?家\n"
	    "rule end\n  kind money\n  pattern (?<num>[0-9])角$\n";
	ss_ruleset *a = scan_rules(set, false), *b = scan_rules(set, true);
	assert_non_null(a->pair_own); /* none of these is built in */
	static const char *const texts[] = {
	    "三家 三十家 二十 一十家", "共5\xf0\x9f\x98\x80 共\xf0\x9f\x98\x80 共6", "约5% 约 约%",
	    "占成 占3成 成 3", "7", "家7", "共", "约", "三十", "占",
	    "5亿元 亿元 亿十元 一亿元 万元 5万元 .万元 万", "1x家 ax家 a1x家 1家 1", "5角", "5角 ",
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		same_matches(a, b, texts[i], strlen(texts[i]), texts[i]);
	/* the one-character match may stand alone; 三 wants 十 after it */
	assert_true(ss_pair_may(a, 0, '7', SS_PAIR_ALONE));
	assert_false(ss_pair_may(a, 1, cp_of("三"), cp_of("家")));
	/* PCRE2 judges the lookarounds; one inside another it is not asked */
	assert_false(ss_pair_may(a, rule_index(a, "scale"), cp_of("亿"), cp_of("元")));
	assert_true(ss_pair_may(a, rule_index(a, "behind"), cp_of("万"), cp_of("元")));
	assert_false(ss_pair_may(a, rule_index(a, "behind"), cp_of("万"), cp_of("元") | SS_PAIR_AFTER_NUM));
	assert_true(ss_pair_may(a, rule_index(a, "nested"), '1', 'x' | SS_PAIR_AFTER_NUM));
	ss_ruleset_free(a);
	ss_ruleset_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_pairs),
		cmocka_unit_test(test_crafted_pairs),
	};
	return cmocka_run_group_tests_name("pairs", tests, NULL, NULL);
}
