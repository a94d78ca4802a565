/* test_perioddate.c - a period's ISO dates (src/facts/perioddate.c), relative
 * periods against the document's date, and the carry of periods across a
 * document (src/facts/carry.c): paragraphs, headings, the document's date
 * line. Every expected date was worked out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "facts/facts.h"
#include "rules/rules.h"

static ss_ruleset *rs;

static int setup(void **state)
{
	(void)state;
	rs = ss_ruleset_new();
	assert_int_equal(ss_ruleset_add_defaults(rs), SS_OK);
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ss_ruleset_free(rs);
	return 0;
}

/* The dates of period p against the document date ref ("" for none), as
 * "FROM..TO", or "none"; ss_period_dates_in with the table resolved once
 * reads the same, and without the table (id -1) none. */
static const char *dates(const char *p, const char *ref)
{
	static char out[32];
	ss_ymd r, f, t, f2 = {0, 0, 0}, t2 = {0, 0, 0};
	bool have = *ref && ss_ymd_parse(ref, &r);
	bool ok = ss_period_dates(rs, p, strlen(p), have ? &r : NULL, &f, &t);
	int meaning = ss_rules_table_id(rs, "period_meaning");
	assert_true(meaning >= 0);
	assert_int_equal(ss_period_dates_in(rs, meaning, p, strlen(p), have ? &r : NULL, &f2, &t2),
	                 ok);
	assert_false(ss_period_dates_in(rs, -1, p, strlen(p), have ? &r : NULL, &f2, &t2));
	if (!ok)
		return "none";
	assert_memory_equal(&f, &f2, sizeof f);
	assert_memory_equal(&t, &t2, sizeof t);
	char a[11], b[11];
	ss_ymd_format(f, a);
	ss_ymd_format(t, b);
	snprintf(out, sizeof out, "%s..%s", a, b);
	return out;
}

static void test_absolute(void **state)
{
	(void)state;
	assert_string_equal(dates("2018年1-10月份", ""), "2018-01-01..2018-10-31");
	assert_string_equal(dates("2018年1—10月份", ""), "2018-01-01..2018-10-31");
	assert_string_equal(dates("2022Q1", ""), "2022-01-01..2022-03-31");
	assert_string_equal(dates("22Q4", ""), "2022-10-01..2022-12-31");
	assert_string_equal(dates("2023年", ""), "2023-01-01..2023-12-31");
	assert_string_equal(dates("2023年度", ""), "2023-01-01..2023-12-31");
	assert_string_equal(dates("2023年上半年", ""), "2023-01-01..2023-06-30");
	assert_string_equal(dates("2016年前三季度", ""), "2016-01-01..2016-09-30");
	assert_string_equal(dates("2024年第二季度", ""), "2024-04-01..2024-06-30");
	assert_string_equal(dates("2024年2月", ""), "2024-02-01..2024-02-29"); /* a leap year */
	assert_string_equal(dates("2023年2月", ""), "2023-02-01..2023-02-28");
	assert_string_equal(dates("2017年末", ""), "2017-12-31..2017-12-31");
	assert_string_equal(dates("2017年12月31日", ""), "2017-12-31..2017-12-31");
	assert_string_equal(dates("截至2023年12月31日", ""), "2023-12-31..2023-12-31");
	assert_string_equal(dates("截至 2023年 12月 31日", ""), "2023-12-31..2023-12-31");
	assert_string_equal(dates("2021年10月下旬", ""), "2021-10-21..2021-10-31");
	assert_string_equal(dates("2021年11月中旬", ""), "2021-11-11..2021-11-20");
	assert_string_equal(dates("2022年前5个月", ""), "2022-01-01..2022-05-31");
	/* the Republic's years: 民国111年 is 2022; 114年第4季 is 2025's */
	assert_string_equal(dates("民国111年", ""), "2022-01-01..2022-12-31");
	assert_string_equal(dates("114年第4季", ""), "2025-10-01..2025-12-31");
	assert_string_equal(dates("22年上半年", ""), "2022-01-01..2022-06-30");
	assert_string_equal(dates("2018年1月1日―2018年12月31日", ""), "2018-01-01..2018-12-31");
	assert_string_equal(dates("2018年7月1日至2019年6月30日", ""), "2018-07-01..2019-06-30");
	assert_string_equal(dates("2019年1月1日―2018年12月31日", ""), "none"); /* backwards */
	/* a year in Chinese digits, and the first months of a year with 首 */
	assert_string_equal(dates("二零一三年十一月", ""), "2013-11-01..2013-11-30");
	assert_string_equal(dates("二〇二五年", ""), "2025-01-01..2025-12-31");
	assert_string_equal(dates("二零一三年首十一个月", ""), "2013-01-01..2013-11-30");
	assert_string_equal(dates("2021年首5个月", ""), "2021-01-01..2021-05-31");
}

static void test_relative(void **state)
{
	(void)state;
	const char *d = "2021-11-15 10:20:00";
	assert_string_equal(dates("今年上半年", d), "2021-01-01..2021-06-30");
	assert_string_equal(dates("去年四季度", d), "2020-10-01..2020-12-31");
	assert_string_equal(dates("去年第四季", d), "2020-10-01..2020-12-31");
	assert_string_equal(dates("去年末季", d), "2020-10-01..2020-12-31");
	assert_string_equal(dates("上年", d), "2020-01-01..2020-12-31");
	assert_string_equal(dates("本月", d), "2021-11-01..2021-11-30");
	assert_string_equal(dates("上月", d), "2021-10-01..2021-10-31");
	assert_string_equal(dates("本季度", d), "2021-10-01..2021-12-31");
	assert_string_equal(dates("上季度", d), "2021-07-01..2021-09-30");
	assert_string_equal(dates("上季度", "2021-02-10"), "2020-10-01..2020-12-31");
	assert_string_equal(dates("目前", d), "2021-11-15..2021-11-15");
	assert_string_equal(dates("昨日", d), "2021-11-14..2021-11-14");
	assert_string_equal(dates("今年以来", d), "2021-01-01..2021-11-15");
	assert_string_equal(dates("今年10月份以来", d), "2021-10-01..2021-11-15");
	assert_string_equal(dates("截至10月19日", d), "2021-10-19..2021-10-19");
	assert_string_equal(dates("1-10月份", d), "2021-01-01..2021-10-31");
	assert_string_equal(dates("截至二月底", d), "2021-02-28..2021-02-28");
	assert_string_equal(dates("最近3个月", d), "2021-08-16..2021-11-15");
	/* 2021-11-15 was a Monday: that week, and the Friday before it */
	assert_string_equal(dates("本周", d), "2021-11-15..2021-11-21");
	assert_string_equal(dates("上周", d), "2021-11-08..2021-11-14");
	assert_string_equal(dates("周五", d), "2021-11-12..2021-11-12");
	assert_string_equal(dates("周一", d), "2021-11-15..2021-11-15");
	/* a month after the document's month is the year before's */
	assert_string_equal(dates("12月份", "2022-01-05"), "2021-12-01..2021-12-31");
	assert_string_equal(dates("元月", "2026-02-11"), "2026-01-01..2026-01-31");
	/* front matter and feeds write RFC 2822 dates */
	assert_string_equal(dates("上月", "Mon, 15 Nov 2021 02:21:34 GMT"), "2021-10-01..2021-10-31");
}

static void test_unknown(void **state)
{
	(void)state;
	/* relative periods need the document's date */
	assert_string_equal(dates("今年上半年", ""), "none");
	assert_string_equal(dates("10月份", ""), "none");
	assert_string_equal(dates("目前", ""), "none");
	/* words with no calendar meaning, and the bases of comparisons */
	assert_string_equal(dates("上年同期", "2021-11-15"), "none");
	assert_string_equal(dates("报告期内", "2021-11-15"), "none");
	assert_string_equal(dates("过去的5个交易日", "2021-11-15"), "none");
	/* spans not worked out yet: years, and months that end at a month's end */
	assert_string_equal(dates("2021至2023年", ""), "none");
	assert_string_equal(dates("截至2013年11月底的三个月", ""), "none");
	assert_string_equal(dates("2023年2月30日", ""), "none");
	assert_string_equal(dates("2023年13月", ""), "none");
	ss_ymd r;
	assert_false(ss_ymd_parse("Invalid Date", &r));
	assert_false(ss_ymd_parse("2021-02-30", &r));
	assert_true(ss_ymd_parse("2021年11月15日", &r));
	assert_int_equal(r.y * 10000 + r.m * 100 + r.d, 20211115);
}

static void test_within(void **state)
{
	(void)state;
	assert_true(ss_period_within(rs, "一季度", strlen("一季度"), "前三季度", strlen("前三季度"),
	                             NULL));
	assert_true(ss_period_within(rs, "10月份", strlen("10月份"), "1-10月份", strlen("1-10月份"),
	                             NULL));
	/* the same stretch written twice is no part of itself */
	assert_false(ss_period_within(rs, "1—10月份", strlen("1—10月份"), "1-10月份",
	                              strlen("1-10月份"), NULL));
	assert_false(ss_period_within(rs, "前三季度", strlen("前三季度"), "一季度", strlen("一季度"),
	                              NULL));
}

/* The period of each fact of a document as a list "a|b|c" ("" for none). */
static char *periods_of(const char *name, const char *text)
{
	ss_doc *doc = ss_doc_extract(rs, name, text, strlen(text), NULL);
	static char out[512];
	out[0] = 0;
	for (size_t i = 0; i < ss_doc_fact_count(doc); i++) {
		char *p = ss_doc_span_str(doc, ss_fact_period(ss_doc_fact(doc, i)));
		if (i)
			strncat(out, "|", sizeof out - strlen(out) - 1);
		strncat(out, p, sizeof out - strlen(out) - 1);
		free(p);
	}
	ss_doc_free(doc);
	return out;
}

static void test_carry(void **state)
{
	(void)state;
	/* across the sentences of a paragraph, not into the next one */
	assert_string_equal(periods_of("a.txt", "营收100亿元。\n\n2018年10月份，社零总额增长8.6%。"
	                                        "餐饮收入增长5%。\n\n商品零售增长4%。"),
	                    "|2018年10月份|2018年10月份|");
	/* ... unless it was the document's first figure's: the lead's period */
	assert_string_equal(periods_of("a.txt", "2018年10月份，社零总额增长8.6%。\n\n商品零售增长4%。"),
	                    "2018年10月份|2018年10月份");
	/* a heading's period holds below it, not its date line */
	assert_string_equal(periods_of("a.txt", "前三季度国民经济运行稳中有进\n(2016年10月19日)\n"
	                                        "全国夏粮总产量下降1.2%。\n"),
	                    "前三季度");
	/* a dateline with spaces, after a list number */
	assert_string_equal(periods_of("a.txt", "3. 7 月 31 日，A 股放量大涨收官。截至收盘，上证指数涨 2.06%。"),
	                    "7 月 31 日");
	/* the period of the first figure holds where a later paragraph names none */
	assert_string_equal(periods_of("a.txt", "本港7月份存款總額增0.6%。\n人民幣存款按月升約4.8%。\n"),
	                    "7月份|7月份");
}

static void test_dates_of_facts(void **state)
{
	(void)state;
	const char *md = "---\ndate: 2021-11-15\n---\n\n今年上半年营收增长15%。上月净利润增长3%。\n";
	ss_doc *doc = ss_doc_extract(rs, "a.md", md, strlen(md), NULL);
	assert_int_equal(ss_doc_fact_count(doc), 2);
	assert_string_equal(ss_fact_period_from(ss_doc_fact(doc, 0)), "2021-01-01");
	assert_string_equal(ss_fact_period_to(ss_doc_fact(doc, 0)), "2021-06-30");
	assert_string_equal(ss_fact_period_from(ss_doc_fact(doc, 1)), "2021-10-01");
	assert_string_equal(ss_fact_period_to(ss_doc_fact(doc, 1)), "2021-10-31");
	ss_doc_free(doc);
}

/* The period_from of the only fact of a plain text ("none" when unknown). */
static const char *first_from(const char *text)
{
	static char out[16];
	ss_doc *doc = ss_doc_extract(rs, "a.txt", text, strlen(text), NULL);
	const char *f = ss_doc_fact_count(doc) ? ss_fact_period_from(ss_doc_fact(doc, 0)) : "";
	snprintf(out, sizeof out, "%s", *f ? f : "none");
	ss_doc_free(doc);
	return out;
}

/* Plain text has no metadata: a dateline near its top dates it. */
static void test_dateline_dates(void **state)
{
	(void)state;
	assert_string_equal(first_from("国家统计局\n(2020年11月16日)\n今年以来营收增长15%。\n"),
	                    "2020-01-01");
	assert_string_equal(first_from("标题\n2020-11-16 10:20 来源：新华网\n上月营收增长15%。\n"),
	                    "2020-10-01");
	/* a wire dateline takes the year of the text's first year and month,
	 * unless that month comes after the dateline's */
	assert_string_equal(first_from("新华社北京11月16日电 上月营收增长2%。2020年10月份的报告。\n"),
	                    "2020-10-01");
	assert_string_equal(first_from("新华社北京11月16日电 上月营收增长2%。2020年12月的目标。\n"),
	                    "none");
	/* no full date: relative periods stay unknown; a bracketed one in the
	 * first lines dates the text wherever it stands among them */
	assert_string_equal(first_from("今年以来营收增长15%。\n"), "none");
	assert_string_equal(first_from("本周（2022年1月10日至1月14日）营收增长15%。\n"), "none");
	assert_string_equal(first_from("今年以来营收增长15%。(2020年11月16日)\n"), "2020-01-01");
	/* a date is read from where a number starts, not from within one,
	 * wherever the number stands against the sixteen bytes read at once */
	assert_string_equal(first_from("abcdefghijklmn 2020-11-16 今年以来营收增长15%。\n"),
	                    "2020-01-01");
	assert_string_equal(first_from("abcdefghijklmn12020-11-16 今年以来营收增长15%。\n"),
	                    "none");
	assert_string_equal(first_from("abcdefghijklmno12020-11-16 今年以来营收增长15%。\n"),
	                    "none");
	assert_string_equal(first_from("abcdefghijklmnopqrstuvwxyz0123456789012020-11-16 "
	                               "今年以来营收增长15%。\n"),
	                    "none");
}

/* The carry keeps the dates it read by the period's text: a text read
 * again elsewhere gets what it got, not what another text of its length or
 * its slot got, nor what it got against another reference; 200 years
 * push out more than the kept ones; the last period ends the text. */
static void test_dates_kept(void **state)
{
	(void)state;
	char t[4096] = "";
	ss_nspan sp[256];
	size_t n = 0;
	static const char *const words[] = {"上年", "全年", "今年", "上月", "本月"};
	for (int round = 0; round < 2; round++) {
		for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
			sp[n].start = strlen(t);
			strcat(t, words[k]);
			sp[n++].end = strlen(t);
		}
		for (int y = 1900; y < 2100 && round == 0; y++) {
			sp[n].start = strlen(t);
			snprintf(t + strlen(t), sizeof t - strlen(t), "%d年", y);
			sp[n++].end = strlen(t);
		}
	}
	ss_period_carry pc;
	memset(&pc, 0, sizeof pc);
	pc.dates_mask = 127; /* all the carry's own slots */
	pc.meaning = -2;
	pc.ref = (ss_ymd){2021, 11, 15};
	for (int pass = 0; pass < 4; pass++) {
		pc.has_ref = pass % 2 == 0;
		for (size_t j = 0; j < n; j++) {
			size_t i = pass < 2 ? j : n - 1 - j; /* then backwards */
			ss_fact f;
			ss_period_fill_dates(&pc, rs, t, sp[i], &f);
			ss_ymd a, b;
			char fa[11] = "", fb[11] = "";
			if (ss_period_dates(rs, t + sp[i].start, sp[i].end - sp[i].start,
			                    pc.has_ref ? &pc.ref : NULL, &a, &b)) {
				ss_ymd_format(a, fa);
				ss_ymd_format(b, fb);
			}
			assert_string_equal(f.period_from, fa);
			assert_string_equal(f.period_to, fb);
		}
	}
	assert_int_equal(sp[n - 1].end, strlen(t));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_absolute),   cmocka_unit_test(test_relative),
		cmocka_unit_test(test_unknown),    cmocka_unit_test(test_within),
		cmocka_unit_test(test_carry),      cmocka_unit_test(test_dates_of_facts),
		cmocka_unit_test(test_dateline_dates), cmocka_unit_test(test_dates_kept),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
