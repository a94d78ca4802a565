/* test_attach.c - subject and period attachment with per-document state: the
 * period matches kept per position give what a fresh state gives, also when
 * a later call cuts the text shorter than the match kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "facts/attach.h"
#include "facts/facts.h"

#include "default_rules.h"

static size_t off(const char *hay, const char *needle)
{
	const char *p = strstr(hay, needle);
	assert_non_null(p);
	return (size_t)(p - hay);
}

static void period_of(ss_attach *cx, const char *t, size_t sent_end, const char *fig, size_t *ps,
                      size_t *pe)
{
	ss_sentence s = {0, sent_end};
	size_t fs = off(t, fig);
	ss_attach_period(cx, &s, fs, fs + strlen(fig), false, ps, pe);
}

static void test_period_before_and_after(void **state)
{
	(void)state;
	const char *t = "2021年营业收入增长15%。";
	ss_attach *cx = ss_attach_new(rs, t, strlen(t));
	size_t a, b;
	period_of(cx, t, strlen(t), "15%", &a, &b);
	assert_int_equal(a, 0);
	assert_int_equal(b, off(t, "营业"));
	ss_attach_free(cx);

	/* after the figure, a time is its period only when none stands before */
	t = "营业收入增长15%(2021年)。";
	cx = ss_attach_new(rs, t, strlen(t));
	period_of(cx, t, strlen(t), "15%", &a, &b);
	assert_int_equal(a, off(t, "2021"));
	assert_int_equal(b, off(t, ")"));
	ss_attach_free(cx);

	/* but 去年同期 after it names the next figure's time, the base of this one */
	t = "营业收入增长15%，去年同期为10%。";
	cx = ss_attach_new(rs, t, strlen(t));
	period_of(cx, t, strlen(t), "15%", &a, &b);
	assert_int_equal(a, b);
	period_of(cx, t, strlen(t), "10%", &a, &b);
	assert_int_equal(a, off(t, "去年"));
	assert_int_equal(b, off(t, "为"));
	ss_attach_free(cx);
}

/* The match kept at 2021 runs to 年; a sentence that ends before 年 must not
 * see it. */
static void test_cut_shorter_than_kept_match(void **state)
{
	(void)state;
	const char *t = "营收增长5%（2021年";
	size_t cut = off(t, "年");
	ss_attach *fresh = ss_attach_new(rs, t, strlen(t));
	size_t fa, fb;
	period_of(fresh, t, cut, "5%", &fa, &fb);
	assert_int_equal(fa, 0);
	assert_int_equal(fb, 0);
	ss_attach_free(fresh);

	ss_attach *cx = ss_attach_new(rs, t, strlen(t));
	size_t a, b;
	period_of(cx, t, strlen(t), "5%", &a, &b);
	assert_int_equal(a, off(t, "2021"));
	assert_int_equal(b, strlen(t));
	period_of(cx, t, cut, "5%", &a, &b);
	assert_int_equal(a, fa);
	assert_int_equal(b, fb);
	ss_attach_free(cx);
}

/* Every digit run of the texts taken as a figure, in every sentence cut:
 * one state shared by all calls agrees with a fresh state per call. */
static void test_shared_state_agrees(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"截至2021年末，江苏银行总资产2.6万亿元，较上年末增长11.5%；前三季度净利润同比增长30%。",
		"10月11日，上证指数报收于3500点，比前一交易日下跌0.64点，今年以来累计上涨5%。",
		"未来12个月内，规模以上工业增加值预计增长6%，2022年一季度GDP增长4.8%。",
		"40岁以下高净值人群成为中坚力量，2021年占比升至42%，《2021中国私人财富报告》显示。",
	};
	for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
		const char *t = texts[k];
		size_t n = strlen(t);
		ss_attach *shared = ss_attach_new(rs, t, n);
		for (size_t cut = n; cut > 0; cut = cut > 9 ? cut - 9 : 0) {
			while (cut < n && ((unsigned char)t[cut] & 0xC0) == 0x80)
				cut++;
			ss_sentence s = {0, cut};
			for (size_t i = 0; i < cut; i++) {
				if (t[i] < '0' || t[i] > '9' || (i > 0 && t[i - 1] >= '0' && t[i - 1] <= '9'))
					continue;
				size_t e = i;
				while (e < cut && ((t[e] >= '0' && t[e] <= '9') || t[e] == '.' || t[e] == '%'))
					e++;
				for (int change = 0; change < 2; change++) {
					ss_attach *fresh = ss_attach_new(rs, t, n);
					size_t a1, b1, a2, b2;
					ss_attach_period(fresh, &s, i, e, change, &a1, &b1);
					ss_attach_period(shared, &s, i, e, change, &a2, &b2);
					assert_int_equal(a1, a2);
					assert_int_equal(b1, b2);
					ss_kind kind = change ? SS_KIND_CHANGE : SS_KIND_PERCENT;
					ss_attach_subject(fresh, &s, i, e, 0, cut, kind, &a1, &b1);
					ss_attach_subject(shared, &s, i, e, 0, cut, kind, &a2, &b2);
					assert_int_equal(a1, a2);
					assert_int_equal(b1, b2);
					ss_attach_free(fresh);
				}
			}
		}
		ss_attach_free(shared);
	}
}

static void test_in_title(void **state)
{
	(void)state;
	const char *t = "据《2021中国私人财富报告》显示，《中国300家银行》》中30%的";
	assert_true(ss_in_title(t, 0, off(t, "2021")));
	assert_false(ss_in_title(t, 0, off(t, "显示")));
	assert_true(ss_in_title(t, 0, off(t, "300")));
	assert_false(ss_in_title(t, 0, off(t, "30%")));   /* a stray 》 closes nothing more */
	assert_false(ss_in_title(t, off(t, "300"), off(t, "30%")));
	assert_false(ss_in_title(t, 0, 0));
	/* U+3000..U+30FF share the marks' lead byte: 「」 are no title */
	const char *u = "「公司」称30%";
	assert_false(ss_in_title(u, 0, off(u, "30")));
}

/* The check that spares PCRE2 says "only the empty match" exactly where the
 * pattern gives that: random strings of the characters of the period words
 * and of figures. */
static void test_period_quick_check(void **state)
{
	(void)state;
	static const char *const chars[] = {
		"去", "上", "同", "本", "当", "周", "今", "昨", "报", "期", "目", "过", "未", "截", "到",
		"明", "前", "第", "下", "全", "年", "一", "二", "三", "四", "五", "六", "七", "八", "九",
		"十", "两", "0", "1", "2", "3", "4", "5", "9", "Q", "q", "半", "季", "度", "月", "份",
		"日", "天", "内", "末", "底", "初", "旬", "中", "个", "交", "易", "来", "告", "至", "止",
		"-", "—", "~", "亿", "元", "%", ".", "市", "增", " "};
	size_t nchars = sizeof chars / sizeof chars[0];
	char t[64];
	srand(11);
	for (int i = 0; i < 200000; i++) {
		size_t len = 0, n = 1 + (size_t)(rand() % 8);
		for (size_t k = 0; k < n; k++) {
			const char *c = chars[(size_t)rand() % nchars];
			memcpy(t + len, c, strlen(c));
			len += strlen(c);
		}
		assert_int_equal(ss_period_end(rs, t, len, 0, true), ss_period_end(rs, t, len, 0, false));
	}
}

/* The test of two characters agrees with ss_utf8_count on any bytes:
 * ASCII, CJK, four-byte characters, invalid and truncated sequences. */
static void test_two_chars(void **state)
{
	(void)state;
	static const char *const pieces[] = {"a", "中", "\xf0\x9f\x98\x80", "\xff", "\xe4\xb8",
	                                     "\x80", "\xed\xa0\x80", "é", " "};
	size_t npieces = sizeof pieces / sizeof pieces[0];
	char t[32];
	srand(5);
	for (int i = 0; i < 20000; i++) {
		size_t len = 0, n = (size_t)(rand() % 4);
		for (size_t k = 0; k < n; k++) {
			const char *c = pieces[(size_t)rand() % npieces];
			memcpy(t + len, c, strlen(c));
			len += strlen(c);
		}
		assert_int_equal(ss_two_chars(t, len), ss_utf8_count(t, len) >= 2);
	}
	assert_false(ss_two_chars("", 0));
	assert_false(ss_two_chars("中", 3));
	assert_true(ss_two_chars("中", 2)); /* a truncated character: two invalid bytes */
	assert_true(ss_two_chars("中a", 4));
}

/* The lead test ss_period_at makes before the pattern changes no answer:
 * at every byte offset and bound, what the full test (ss_period_from)
 * gives. */
static void test_period_lead(void **state)
{
	(void)state;
	const char *t = "截至2023年6月末，本月𠀀增长5%，前三季度\xe4\xb8营收、去年同期Q3上升。";
	size_t len = strlen(t), periods = 0;
	ss_attach *cx = ss_attach_new(rs, t, len);
	for (size_t a = 0; a < len; a++)
		for (size_t b = a; b <= len; b++) {
			size_t e = ss_period_at(cx, a, b);
			assert_int_equal(e, a < b ? ss_period_from(cx, a, b) : a);
			periods += e > a;
		}
	assert_true(periods > 10);
	ss_attach_free(cx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_period_quick_check),
		cmocka_unit_test(test_period_before_and_after),
		cmocka_unit_test(test_cut_shorter_than_kept_match),
		cmocka_unit_test(test_shared_state_agrees),
		cmocka_unit_test(test_in_title),
		cmocka_unit_test(test_two_chars),
		cmocka_unit_test(test_period_lead),
	};
	return cmocka_run_group_tests_name("attach", tests, setup, teardown);
}
