/* test_starts.c - where rules can begin (src/rules/starts.c): which patterns
 * are searched everywhere, the start characters PCRE2 reports, the digit
 * context, and that anchored tries at start characters find exactly what an
 * unanchored search finds, over the fixtures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "rules_helpers.h"
#include "text/text.h"

static void test_anywhere_patterns(void **state)
{
	(void)state;
	static const char *const plain[] = {
		"(?<q>近|超过)?(?<num>[0-9]+)%",
		"(?<![0-9.])(?<![0-9],)[0-9]+(?:,[0-9]{3})*(?:\\.[0-9]+)?(?![0-9])",
		"(?:(?<![0-9%.])[-+]|负)?[0-9]",
		"\\s?(?:-|~|至)\\s?[0-9]",
		"(?<unit>人民币|RMB|￥|US\\$|HK\\$|\\$)\\s?[0-9]+",
		"[零〇一二两三]+[十百]",
		"(?P<num>[0-9])(?=%)",
		"[]a][0-9]",
		"(?x) [0-9]+ \\t",
		NULL,
	};
	for (size_t i = 0; plain[i]; i++)
		if (ss_pattern_starts_anywhere(plain[i], NULL))
			fail_msg("searched everywhere, but its starts can be known: %s", plain[i]);
	static const char *const anywhere[] = {
		"a.b",        "[^x][0-9]",  "\\x{4e00}[0-9]", "\\h?[0-9]",    "\\p{Han}[0-9]",
		"[一-九]成",  "(?i)q[1-4]", "(?x-i:a)",       "(?<=约)[0-9]", "\\b[0-9]",
		"(*UCP)\\w",  "\\S[0-9]",   "\\N{U+4E00}",    "\\1",          "\\Qa.b\\E",
		"\xf0\x9f\x98\x80[0-9]", "[a-é]", "(?:a|)[^x]b", "(a)?[^x]", "(?=a)[^x]", NULL,
	};
	for (size_t i = 0; anywhere[i]; i++)
		if (!ss_pattern_starts_anywhere(anywhere[i], NULL))
			fail_msg("starts computed for a pattern that may begin anywhere: %s", anywhere[i]);
}

static bool begins(const ss_ruleset *rs, size_t rule, const char *ch)
{
	uint32_t cp;
	assert_true(ss_utf8_decode(ch, strlen(ch), &cp) > 0);
	uint8_t c = rs->start_class[cp];
	return c && (rs->start_rules[c * rs->start_words + rule / 64] >> (rule % 64) & 1);
}

static void test_start_characters(void **state)
{
	(void)state;
	ss_ruleset *rs = scan_rules("rule pct\n  kind percent\n"
	                            "  pattern (?<q>近|超过)?(?<num>(?<![0-9.])[0-9]+)\\s?%\n"
	                            "rule cn\n  kind percent\n  pattern (?<num>[一二三])成\n"
	                            "rule any\n  kind percent\n  pattern (?:.)?(?<num>[0-9])%\n"
	                            "rule lead\n  kind change\n  pattern (?<dir>上调|下调)[^，]{1,9}?(?<num>[0-9])%\n",
	                            false);
	assert_false(rs->rules[0].anywhere);
	assert_false(rs->rules[1].anywhere);
	assert_true(rs->rules[2].anywhere); /* "." */
	/* a group it cannot do without begins it: what follows is no start */
	assert_false(rs->rules[3].anywhere);
	assert_true(begins(rs, 3, "上"));
	assert_true(begins(rs, 3, "下"));
	assert_false(begins(rs, 3, "调"));
	assert_false(begins(rs, 3, "5"));
	for (const char *d = "0123456789"; *d; d++) {
		char one[2] = {*d, 0};
		assert_true(begins(rs, 0, one));
		assert_false(begins(rs, 1, one));
	}
	assert_true(begins(rs, 0, "近"));
	assert_true(begins(rs, 0, "超"));
	assert_false(begins(rs, 0, "过")); /* only inside 超过 */
	assert_false(begins(rs, 0, "%"));
	assert_false(begins(rs, 0, " "));
	assert_false(begins(rs, 0, "中"));
	assert_true(begins(rs, 1, "二"));
	assert_false(begins(rs, 1, "成"));
	assert_false(begins(rs, 2, "5")); /* searched, never in the table */
	/* Digit context: pct looks behind for digits, so never starts inside one. */
	assert_false(rs->digit_cont[0] & 1);
	ss_ruleset_free(rs);

	rs = scan_rules("rule tail\n  kind percent\n  pattern (?<num>[0-9])%\n", false);
	assert_true(rs->digit_cont[0] & 1); /* the 5 of 25% starts a match */
	ss_match *m;
	assert_int_equal(ss_rules_scan(rs, "25%", 3, &m, NULL, "d"), 1);
	assert_int_equal(m[0].start, 1);
	free(m);
	ss_ruleset_free(rs);
}

/* Every match of both sets, compared field by field. */
static void test_same_as_search(void **state)
{
	(void)state;
	ss_ruleset *anchored = ss_ruleset_new(), *searched = ss_ruleset_new();
	assert_int_equal(ss_ruleset_add_defaults(anchored), SS_OK);
	assert_int_equal(ss_ruleset_add_defaults(searched), SS_OK);
	searched->search_all = true;
	assert_int_equal(ss_ruleset_compile(anchored), SS_OK);
	assert_int_equal(ss_ruleset_compile(searched), SS_OK);
	size_t n_anch = 0;
	for (size_t i = 0; i < anchored->nrules; i++)
		n_anch += !anchored->rules[i].anywhere;
	assert_int_equal(n_anch, anchored->nrules); /* the default rules all have start sets */

	/* Hand-made edges: numbers inside numbers, qualifiers, runs of numerals. */
	static const char *const texts[] = {
		"近30%的受访者", "1,234.5亿元", "12.5%和3.75%", "超过2000家", "三分之一",
		"两成以上", "同比下降0.3个百分点", "约US$12亿", "1.2.3%", "2022年3月15日",
		"负3.5%", "翻了一番", "过半数", "一二三四五六七八九十家", "不足5成",
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		same_matches(anchored, searched, texts[i], strlen(texts[i]), texts[i]);

	/* The fixtures, whole. */
	const char *dirs[] = {"fixtures", "fixtures/eval"};
	size_t files = 0;
	for (size_t d = 0; d < 2; d++) {
		DIR *dp = opendir(dirs[d]);
		assert_non_null(dp);
		struct dirent *e;
		while ((e = readdir(dp))) {
			size_t nl = strlen(e->d_name);
			if (e->d_name[0] == '.' || (nl > 4 && !strcmp(e->d_name + nl - 4, ".ann")) ||
			    !strcmp(e->d_name, "SOURCES.md") || !strcmp(e->d_name, "eval"))
				continue;
			char path[512];
			snprintf(path, sizeof path, "%s/%s", dirs[d], e->d_name);
			char *buf;
			size_t len;
			if (ss_read_file(path, &buf, &len) != 0)
				continue;
			char *clean;
			size_t first;
			ss_utf8_sanitize(buf, len, &clean, &first);
			same_matches(anchored, searched, clean, len, path);
			free(clean);
			free(buf);
			files++;
		}
		closedir(dp);
	}
	assert_true(files >= 30);
	ss_ruleset_free(anchored);
	ss_ruleset_free(searched);
}

/* Hand-made rules with what start sets must get right: empty matches,
 * lookarounds at the start, digits that may begin inside a number, optional
 * ASCII and Chinese prefixes, alternatives that begin differently. */
static void test_crafted_same_as_search(void **state)
{
	(void)state;
	static const char set[] =
		"rule empty\n  kind percent\n  pattern (?<num>[0-9]*)%?\n"
		"rule ahead\n  kind count\n  pattern (?<num>[一二三])(?=十)十家\n"
		"rule notone\n  kind count\n  pattern (?<!1)(?<num>[0-9])个\n"
		"rule opt\n  kind percent\n  pattern a?b?\\s?(?:约|近乎?)?(?<num>[0-9]+)\\s?%\n"
		"rule both\n  kind money\n  pattern (?<num>[0-9]+)(?:万|亿)?元|人民币(?<num>[0-9]+)\n"
		"rule neg\n  kind percent\n  pattern (?!12)(?<num>[0-9]{2})成\n";
	ss_ruleset *anchored = scan_rules(set, false), *searched = scan_rules(set, true);
	for (size_t i = 0; i < anchored->nrules; i++)
		assert_false(anchored->rules[i].anywhere);
	static const char *const texts[] = {
		"约30%与近乎40 %、ab5%以及12成和13成", "一十家二十家三家", "1个 21个 11个 31个",
		"人民币300与300万元、5亿元", "%%%%", "", "近", "a", "12345678901234567890%",
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		same_matches(anchored, searched, texts[i], strlen(texts[i]), texts[i]);
	ss_ruleset_free(anchored);
	ss_ruleset_free(searched);

	/* A group that opens one alternative begins no match of the other: the
	 * start set is no longer the group's (13% was never tried). */
	static const char alt[] = "rule alt\n  kind percent\n  pattern (?<num>b)[^a]|(?<num>[0-9]+)%\n";
	anchored = scan_rules(alt, false);
	searched = scan_rules(alt, true);
	static const char *const alt_texts[] = {"13%", "bc与13%", "ba"};
	for (size_t i = 0; i < sizeof alt_texts / sizeof *alt_texts; i++)
		same_matches(anchored, searched, alt_texts[i], strlen(alt_texts[i]), alt_texts[i]);
	ss_ruleset_free(anchored);
	ss_ruleset_free(searched);
}

/* The start sets the build worked out for the built-in rules are what the
 * rule set compiled here asks PCRE2 for, and they are the ones in use; a
 * directory that changes a built-in rule (extend RANGE) gets its sets worked
 * out anew, and still finds what a search finds. */
static void check_sets(const ss_ruleset *rs, size_t *cached)
{
	for (size_t ri = 0; ri < rs->nrules; ri++) {
		const ss_rule *r = &rs->rules[ri];
		if (r->anywhere)
			continue;
		uint32_t *cps;
		bool dcont;
		size_t n = ss_rule_starts(rs, ri, &cps, &dcont);
		size_t begins_n = 0;
		for (uint32_t cp = 0; cp < 0x10000; cp++) {
			uint8_t c = rs->start_class[cp];
			bool in = c && (rs->start_rules[c * rs->start_words + ri / 64] >> (ri % 64) & 1);
			begins_n += in;
		}
		for (size_t i = 0; i < n; i++) {
			uint8_t c = rs->start_class[cps[i]];
			if (!c || !(rs->start_rules[c * rs->start_words + ri / 64] >> (ri % 64) & 1))
				fail_msg("%s: U+%04X begins it but is not in its start set", r->id, cps[i]);
		}
		if (rs->nstart_classes < 256)
			assert_int_equal(begins_n, n);
		assert_int_equal(dcont, (rs->digit_cont[ri / 64] >> (ri % 64)) & 1);
		if (ri < ss_starts_builtin_count &&
		    ss_starts_builtin_keys[ri] == ss_pattern_key(r->pattern)) {
			size_t at = ss_starts_builtin_at[ri];
			assert_int_equal(ss_starts_builtin_at[ri + 1] - at, n);
			assert_memory_equal(ss_starts_builtin_cps + at, cps, n * sizeof *cps);
			++*cached;
		}
		free(cps);
	}
}

static void test_builtin_sets(void **state)
{
	(void)state;
	ss_ruleset *rs = ss_ruleset_new();
	assert_int_equal(ss_ruleset_add_defaults(rs), SS_OK);
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	size_t cached = 0;
	check_sets(rs, &cached);
	assert_int_equal(cached, rs->nrules); /* every built-in rule from the build */
	/* whether each may begin anywhere is the build's answer too, and the same */
	for (size_t i = 0; i < rs->nrules; i++)
		assert_int_equal(rs->rules[i].anywhere,
		                 ss_pattern_starts_anywhere(rs->rules[i].pattern, NULL));

	static const char ext[] = "extend RANGE \\s?(?:～)\\s?\n";
	ss_ruleset *changed = ss_ruleset_new(), *searched = ss_ruleset_new();
	for (int k = 0; k < 2; k++) {
		ss_ruleset *x = k ? searched : changed;
		assert_int_equal(ss_ruleset_add_defaults(x), SS_OK);
		assert_int_equal(ss_ruleset_add_buffer(x, "x.rules", ext, strlen(ext)), SS_OK);
	}
	searched->search_all = true;
	assert_int_equal(ss_ruleset_compile(changed), SS_OK);
	assert_int_equal(ss_ruleset_compile(searched), SS_OK);
	cached = 0;
	check_sets(changed, &cached);
	assert_true(cached < changed->nrules); /* the rules holding RANGE are asked anew */
	static const char t[] = "营收增长3%～5%，约20～30亿元";
	same_matches(changed, searched, t, strlen(t), "extended RANGE");
	ss_ruleset_free(changed);
	ss_ruleset_free(searched);
	ss_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_anywhere_patterns),
		cmocka_unit_test(test_start_characters),
		cmocka_unit_test(test_same_as_search),
		cmocka_unit_test(test_crafted_same_as_search),
		cmocka_unit_test(test_builtin_sets),
	};
	return cmocka_run_group_tests_name("starts", tests, NULL, NULL);
}
