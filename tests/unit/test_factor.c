/* test_factor.c - the piece of a rule's pattern the prefilter looks for
 * (src/rules/factor.c), that a scan through such pieces finds what a
 * search without a prefilter finds, and that the Vectorscan scan in use
 * finds what the library's vector scans are known to lose. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "rules_helpers.h"

static void factor_is(const char *pattern, const char *want)
{
	char *f = ss_pattern_factor(pattern);
	if (!want) {
		if (f)
			fail_msg("%s: piece %s, none wanted", pattern, f);
		return;
	}
	if (!f || strcmp(f, want) != 0)
		fail_msg("%s: piece %s, %s wanted", pattern, f ? f : "(none)", want);
	free(f);
}

static void test_pieces(void **state)
{
	(void)state;
	/* after the number, optional items and assertions left off either end */
	factor_is("(?<q>约)?(?<num>[0-9]+)\\s?%(?![0-9])(?<q2>以上)?", "%");
	/* but a positive lookahead that ends the pattern stays: what follows
	 * every match is as good a sign of one (prefilter.c reads it as a
	 * group), and often a rarer one (元的跌幅 against every 元) */
	factor_is("(?<num>[0-9]+)\\s?(?<unit>元|美元)(?=[，。])", "(?<unit>元|美元)(?=[，。])");
	factor_is("(?<num>[0-9]+)元(?=的涨幅)(?!了)", "元(?=的涨幅)");
	factor_is("(?<num>[0-9]+)元(?=的涨幅)|(?<num>[0-9]+)%(?=上)", "(?:元(?=的涨幅)|%(?=上))");
	factor_is("(?<num>[0-9]+)[ \\t]{0,3}百[ \\t]{0,3}分点", "百[ \\t]{0,3}分点");
	/* nothing but optional items after it: between two numbers */
	factor_is("(?<den>[一二三])\\s?分之\\s?(?<num>[一二三])(?!分)", "分之");
	factor_is("(?<num>[0-9]+)(?:至(?<hi>[0-9]+))?万\\s?人", "万\\s?人");
	/* alternatives at the top: one piece each */
	factor_is("(?<num>[0-9]+)%|(?<num>[一二])成", "(?:%|成)");
	/* nothing required after the number: the unit written before it, not
	 * another item before it (a verb, a label: common words) */
	factor_is("(?<q>约)?(?<unit>US\\$|人民币)\\s?(?<q2>约)?(?<num>[0-9]+)(?:元)?", "(?<unit>US\\$|人民币)");
	factor_is("(?<dir>上|增)(?<num>[0-9]+)(?!成)", NULL);
	/* no piece: the number ends the pattern, an alternative has none, or
	 * the pattern has no number group or anchors */
	factor_is("(?<q>约)(?<num>[0-9]+)", NULL);
	factor_is("(?<num>[0-9]+)%|翻番", NULL);
	factor_is("翻(?:了)?一番", NULL);
	factor_is("^(?<num>[0-9]+)%", NULL);
	factor_is("(?<num>[0-9]+)(?:%", NULL);
	/* what a run taken out would read otherwise: options set before it,
	 * a reference to a group outside it, \Q, recursion */
	factor_is("(?i)(?<num>[0-9]+)pct", NULL);
	factor_is("(?<u>元)(?<num>[0-9]+)\\k<u>", NULL);
	factor_is("(元)(?<num>[0-9]+)\\1", NULL);
	factor_is("(?<num>[0-9]+)\\Q%\\E", NULL);
	factor_is("(?<num>[0-9]+)(?1)", NULL);
}

/* Rules found through a piece after their number, between two numbers, or
 * through one piece per alternative, on texts where the piece stands also
 * where no match is. */
static void test_scan_by_pieces(void **state)
{
	(void)state;
	static const char rules[] =
	    "rule pct\n  kind percent\n  pattern (?<q>约)?(?<num>[0-9]+)\\s?%(?<q2>以上)?\n"
	    "rule frac\n  kind percent\n  pattern (?<den>[一二三四])\\s?分之\\s?(?<num>[一二三])(?!分)\n"
	    "rule either\n  kind count\n  unit 家\n  pattern (?<num>[0-9]+)家|(?<num>[0-9]+)户\n";
	static const char *const texts[] = {
		"约12%以上与 5 %", "%12约%以上", "四分之三，分之一分之二", "三 分之 二分",
		"12家和3户，家户", "约2023年营收增长12%", "",
	};
	static const size_t want[] = {2, 0, 2, 0, 2, 1, 0};
	scan_table(rules, texts, want, sizeof texts / sizeof *texts);
}

/* A pattern Vectorscan 5.4.9's AVX2 and AVX-512 scans lose matches of (a
 * bounded repeat, a starred class and a literal ending the text, the
 * repeat's character long before): the scan in use is one that finds them. */
static void test_scanner_finds(void **state)
{
	(void)state;
	static const char rules[] = "rule lost\n  kind percent\n  pattern (?<num>[0-9])2{1,3}\\s*x\n";
	ss_ruleset *a = scan_rules(rules, false), *b = scan_rules(rules, true);
	char text[64];
	for (size_t gap = 1; gap < 40; gap++) {
		/* a2bb...b52x: the match at the text's end */
		text[0] = 'a';
		text[1] = '2';
		memset(text + 2, 'b', gap);
		memcpy(text + 2 + gap, "52x", 4);
		if (same_matches(a, b, text, strlen(text), text) != 1)
			fail_msg("%s: no match", text);
	}
	ss_ruleset_free(a);
	ss_ruleset_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pieces),
		cmocka_unit_test(test_scan_by_pieces),
		cmocka_unit_test(test_scanner_finds),
	};
	return cmocka_run_group_tests_name("factor", tests, NULL, NULL);
}
