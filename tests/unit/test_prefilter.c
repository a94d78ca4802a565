/* test_prefilter.c - the rule scan's prefilter (make HS=1) only spares
 * PCRE2 tries that find nothing: the matches are those of the scan without
 * it, on texts that put lookarounds, possessive runs and the ends of
 * windows at the edges. Skipped in a build without Vectorscan. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "statspan.h"

static const char *const texts[] = {
	"营业收入同比增长15.3%，净利润达3亿元。",
	"约三成受访者认为，近百家金融机构参与，占比升至42%",
	"第3家公司节约5亿元；1-4月证券交易印花税1250亿元，比上年同期增长21.9%",
	"1,234,567.89元 3000多家以上 两到三万港元 百分之三十五 翻番 下降0.3个百分点",
	"12345678901234567890 个月内 2021年 10万只小龙虾 5%",
	/* the label rules' number ends before a blank, a mark or the text's end */
	"流通股本:6.07亿 | 总股本:7.78亿 | 流通市值:440.10亿",
	"99",
	"",
};

static void scan(const ss_ruleset *rs, const char *t, ss_match **m, size_t *n)
{
	ss_diag_sink sink = {0};
	*n = ss_rules_scan(rs, t, strlen(t), m, &sink, "t");
}

/* The matches of rs over every text, with its prefilter and without. */
static void same_without(ss_ruleset *rs, const char *const *texts, size_t ntexts, size_t some)
{
	for (size_t k = 0; k < ntexts; k++) {
		ss_match *a, *b;
		size_t na, nb;
		scan(rs, texts[k], &a, &na);
		struct ss_prefilter *pf = rs->prefilter;
		rs->prefilter = NULL;
		scan(rs, texts[k], &b, &nb);
		rs->prefilter = pf;
		assert_int_equal(na, nb);
		for (size_t i = 0; i < na; i++) {
			assert_ptr_equal(a[i].rule, b[i].rule);
			assert_int_equal(a[i].start, b[i].start);
			assert_int_equal(a[i].end, b[i].end);
		}
		assert_true(k >= some || na > 0);
		free(a);
		free(b);
	}
}

static void test_same_matches(void **state)
{
	(void)state;
	ss_ruleset *rs = ss_ruleset_new();
	ss_ruleset_add_defaults(rs);
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	if (!rs->prefilter) {
		ss_ruleset_free(rs);
		skip();
	}
	same_without(rs, texts, sizeof texts / sizeof *texts, 6);
	ss_ruleset_free(rs);
}

/* Rules added to the built-in ones compile into a database of their own at
 * start-up: a reference by name (made a numbered one for Vectorscan), an
 * assertion of the subject's end and a word boundary (both tried everywhere,
 * since PCRE2 sees a window's end where Vectorscan sees more text); and a
 * directory that changes a built-in define, which compiles everything. */
static void test_added_rules(void **state)
{
	(void)state;
	static const char added[] =
	    "rule user.pair\n  kind money\n  pattern (?<num>[0-9]+)(?<unit>元|美元)至[0-9]+\\k<unit>\n"
	    "rule user.tail\n  kind count\n  pattern (?<num>[0-9]+)件$\n"
	    "rule user.word\n  kind count\n  pattern (?<num>[0-9]+)\\b\n"
	    "rule user.plain\n  kind count\n  pattern 共(?<num>[0-9]+)台\n";
	static const char extend[] = "extend RANGE \\s?(?:～)\\s?\n";
	static const char *const more[] = {
	    "价格从5元至8元，从3美元至9美元，5元至8美元",
	    "共有12件", "共12台设备，另有99", "99", "涨幅3%～5%，约20～30亿元",
	};
	for (int k = 0; k < 2; k++) {
		ss_ruleset *rs = ss_ruleset_new();
		ss_ruleset_add_defaults(rs);
		assert_int_equal(ss_ruleset_add_buffer(rs, "u.rules", added, strlen(added)), SS_OK);
		if (k)
			assert_int_equal(ss_ruleset_add_buffer(rs, "x.rules", extend, strlen(extend)),
			                 SS_OK);
		assert_int_equal(ss_ruleset_compile(rs), SS_OK);
		if (!rs->prefilter) {
			ss_ruleset_free(rs);
			skip();
		}
		same_without(rs, more, sizeof more / sizeof *more, 3);
		same_without(rs, texts, sizeof texts / sizeof *texts, 6);
		/* a rule the prefilter reads needs nothing more; one it leaves
		 * open (the subject's end) keeps its needed characters */
		for (size_t i = 0; i < rs->nrules; i++) {
			const ss_rule *r = &rs->rules[i];
			if (!strcmp(r->id, "user.plain"))
				assert_int_equal(r->needs_mask, 0);
			if (!strcmp(r->id, "user.tail"))
				assert_true(r->needs_mask != 0);
		}
		ss_ruleset_free(rs);
	}
}

/* Rules whose pieces are the same (台 after the number) give Vectorscan one
 * pattern: the later rules read the first one's ends, and find what the
 * scan without a prefilter finds. */
static void test_shared_pieces(void **state)
{
	(void)state;
	static const char added[] =
	    "rule user.one\n  kind count\n  pattern (?<num>[0-9]+)台\n"
	    "rule user.two\n  kind count\n  pattern 约(?<num>[0-9]+)台\n"
	    "rule user.three\n  kind count\n  pattern 共(?<num>[0-9]+)\\s?台\n";
	static const char *const more[] = {"约12台设备，另有5台", "共 3台，共8 台", "9台", "99"};
	ss_ruleset *rs = ss_ruleset_new();
	assert_int_equal(ss_ruleset_add_buffer(rs, "u.rules", added, strlen(added)), SS_OK);
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	if (!rs->prefilter) {
		ss_ruleset_free(rs);
		skip();
	}
	ss_pf_hits h;
	const char *t = more[0];
	assert_true(ss_prefilter_scan(rs->prefilter, t, strlen(t), rs->nrules, &h, NULL, 0));
	assert_int_equal(h.n, 3);
	assert_false(h.rule[0].borrowed);
	assert_true(h.rule[1].borrowed);
	assert_int_equal(h.rule[0].n, 2);
	assert_int_equal(h.rule[1].n, 2);
	assert_ptr_equal(h.rule[1].end, h.rule[0].end);
	ss_pf_hits_release(&h);
	same_without(rs, more, sizeof more / sizeof *more, 3);
	ss_ruleset_free(rs);
}

/* A short class-then-literal pattern, its match at every place of texts
 * longer than a vector: some builds of Vectorscan 5.4 lose such matches in
 * the last partial vector on AVX-512 (the scan must then use another code
 * path, or none). */
static void test_short_pattern_mid_text(void **state)
{
	(void)state;
	static const char rule[] = "rule user.pct\n  kind percent\n  pattern (?<num>[0-9])%\n";
	ss_ruleset *rs = ss_ruleset_new();
	assert_int_equal(ss_ruleset_add_buffer(rs, "u.rules", rule, strlen(rule)), SS_OK);
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	if (!rs->prefilter) {
		ss_ruleset_free(rs);
		skip();
	}
	char text[256];
	for (size_t pre = 0; pre < 200; pre += 7)
		for (size_t post = 0; post < 40; post += 5) {
			memset(text, 'a', pre);
			memcpy(text + pre, "15%", 3);
			memset(text + pre + 3, 'b', post);
			text[pre + 3 + post] = '\0';
			const char *one[] = {text};
			same_without(rs, one, 1, 1);
		}
	ss_ruleset_free(rs);
}

/* A text of nothing but a rule's piece keeps an end for every byte: the
 * ends kept stop at the budget (about one for every four bytes, where
 * ordinary text has one for every 14), the rules past it are tried
 * anywhere, and the matches stay those of the scan without a prefilter. */
static void test_ends_budget(void **state)
{
	(void)state;
	ss_ruleset *rs = ss_ruleset_new();
	assert_int_equal(ss_ruleset_add_defaults(rs), SS_OK);
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	if (!rs->prefilter) {
		ss_ruleset_free(rs);
		skip();
	}
	size_t len = 40000;
	char *text = malloc(len + 16);
	assert_non_null(text);
	memset(text, '%', len);
	strcpy(text + len, "增长5%");
	ss_pf_hits h;
	assert_true(ss_prefilter_scan(rs->prefilter, text, strlen(text), rs->nrules, &h, NULL, 0));
	size_t kept = 0, opened = 0;
	for (size_t i = 0; i < h.n; i++) {
		kept += h.rule[i].borrowed ? 0 : h.rule[i].n; /* another's, counted there */
		opened += h.rule[i].open && !h.rule[i].n;
	}
	ss_pf_hits_release(&h);
	assert_true(kept <= len / 4 + 1024 + 8);
	assert_true(opened > 0);
	const char *one[] = {text};
	same_without(rs, one, 1, 1);
	free(text);
	ss_ruleset_free(rs);
}

/* The prefilter reads only the stretches the windows cover: texts of many
 * windows, apart by runs of no candidate around the distance at which two
 * windows merge, with figures whose patterns begin at a window's start (a
 * unit before the number, a text's start) or look back before it. */
static void test_stretches(void **state)
{
	(void)state;
	static const char added[] =
	    "rule user.head\n  kind count\n  pattern ^(?<num>[0-9]+)年\n"
	    "rule user.behind\n  kind count\n  pattern (?<=共有)(?<num>[0-9]+)台\n"
	    "rule user.far\n  kind count\n  pattern (?<=abcdefghijklmnopqrstuvwxyz)(?<num>[0-9]+)zq\n"
	    "rule user.notfar\n  kind count\n  pattern (?<!abcdefghijklmnopqrstuvwxyz)(?<num>[0-9]+)zv\n"
	    "rule user.inword\n  kind count\n  pattern (?<unit>\\Bq[a-o]{15})(?<num>[0-9]+)\n";
	ss_ruleset *rs = ss_ruleset_new();
	ss_ruleset_add_defaults(rs);
	assert_int_equal(ss_ruleset_add_buffer(rs, "u.rules", added, strlen(added)), SS_OK);
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	if (!rs->prefilter) {
		ss_ruleset_free(rs);
		skip();
	}
	static const char *const figures[] = {
	    "2021年", "营业收入同比增长15.3%，", "人民币3亿元", "US$12.5 million", "共有12台",
	    "近百家金融机构", "占比升至42%", "abcdefghijklmnopqrstuvwxyz7zq",
	    "abcdefghijklmnopqrstuvwxyz8zv，9zv", "wqabcdefghijklmno7kx"};
	static const int gaps[] = {0, 1, 15, 16, 17, 39, 40, 41, 56, 57, 80};
	ss_buf b = SS_BUF_INIT;
	for (int round = 0; round < 20; round++) {
		b.len = 0;
		for (size_t k = 0; k < 40; k++) {
			ss_buf_adds(&b, figures[(k * 7 + (size_t)round) % 10]);
			for (int g = gaps[(k * 5 + (size_t)round * 3) % 11]; g > 0; g--)
				ss_buf_adds(&b, round % 2 ? "文" : "a");
		}
		const char *one[] = {b.ptr};
		same_without(rs, one, 1, 1);
		/* the lookbehinds reach back past the window's start */
		ss_match *m;
		size_t n, far = 0, notfar = 0, inword = 0;
		scan(rs, b.ptr, &m, &n);
		for (size_t i = 0; i < n; i++) {
			far += !strcmp(m[i].rule->id, "user.far");
			notfar += !strcmp(m[i].rule->id, "user.notfar");
			inword += !strcmp(m[i].rule->id, "user.inword");
		}
		/* \B holds at a window's start after a letter (wq...) */
		assert_true(far > 0 && notfar > 0 && inword > 0);
		free(m);
	}
	/* a window that starts right after a letter, alone in its stretch */
	b.len = 0;
	for (int k = 0; k < 60; k++)
		ss_buf_adds(&b, "文");
	ss_buf_adds(&b, "wqabcdefghijklmno7");
	ss_match *m;
	size_t n;
	scan(rs, b.ptr, &m, &n);
	assert_int_equal(n, 1);
	assert_string_equal(m[0].rule->id, "user.inword");
	free(m);
	ss_buf_release(&b);
	ss_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_matches),
		cmocka_unit_test(test_added_rules),
		cmocka_unit_test(test_shared_pieces),
		cmocka_unit_test(test_short_pattern_mid_text),
		cmocka_unit_test(test_stretches),
		cmocka_unit_test(test_ends_budget),
	};
	return cmocka_run_group_tests_name("prefilter", tests, NULL, NULL);
}
