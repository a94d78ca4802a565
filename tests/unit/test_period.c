/* test_period.c - the period grammar as rule data: the leads and second
 * characters read off a pattern (rules/follow.c) never rule out what PCRE2
 * can match, for the default grammar and for forms a user adds; a user's
 * one map line adds a period word; the numeral classes are built in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "facts/attach.h"
#include "facts/facts.h"
#include "rules/rules.h"

static ss_ruleset *compiled(const char *extra)
{
	ss_ruleset *rs = ss_ruleset_new();
	assert_int_equal(ss_ruleset_add_defaults(rs), SS_OK);
	if (extra)
		assert_int_equal(ss_ruleset_add_buffer(rs, "user.rules", extra, strlen(extra)), SS_OK);
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	return rs;
}

/* Every pair of characters from chars: where PCRE2 (partial matching) finds
 * a match longer than "" can begin, the quick check must not say "surely
 * empty". */
static void check_against_pcre2(const ss_ruleset *rs, const char *const *chars, size_t n)
{
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	assert_non_null(md);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k <= n; k++) {
			char t[16];
			size_t a = strlen(chars[i]), b = k < n ? strlen(chars[k]) : 0;
			memcpy(t, chars[i], a);
			if (k < n)
				memcpy(t + a, chars[k], b);
			/* alone (k == n) at the end of the text: only a complete match */
			int rc = pcre2_match(rs->period_code, (PCRE2_SPTR)t, a + b, 0,
			                     k < n ? PCRE2_PARTIAL_HARD : 0, md, NULL);
			bool longer = rc == PCRE2_ERROR_PARTIAL ||
			              (rc >= 0 && pcre2_get_ovector_pointer(md)[1] > 0);
			if (!longer)
				continue;
			uint32_t c, d = 0;
			ss_utf8_decode(chars[i], a, &c);
			if (k < n)
				ss_utf8_decode(chars[k], b, &d);
			if (ss_period_surely_empty(rs, c, d))
				fail_msg("'%s%s' can begin a period, the quick check says not", chars[i],
				         k < n ? chars[k] : "");
		}
	pcre2_match_data_free(md);
}

static const char *const chars[] = {
	"去", "上", "同", "本", "当", "周", "今", "昨", "报", "期", "目", "过", "未", "截", "到",
	"明", "前", "第", "下", "全", "年", "一", "二", "三", "四", "五", "六", "七", "八", "九",
	"十", "两", "零", "0", "1", "2", "3", "5", "9", "Q", "q", "半", "季", "度", "月", "份",
	"日", "天", "内", "末", "底", "初", "旬", "中", "个", "交", "易", "来", "告", "至", "止",
	"-", "—", "~", "亿", "元", "%", ".", "市", "增", " ", "F", "Y", "财", "H"};

static void test_default_leads_sound(void **state)
{
	(void)state;
	ss_ruleset *rs = compiled(NULL);
	assert_non_null(rs->period_code);
	assert_false(rs->period_all);
	check_against_pcre2(rs, chars, sizeof chars / sizeof chars[0]);
	/* and they are tight where it matters: 上市 and 338亿 skip PCRE2 */
	assert_true(ss_period_surely_empty(rs, u'上', u'市'));
	assert_true(ss_period_surely_empty(rs, '8', u'亿'));
	assert_true(ss_period_surely_empty(rs, u'增', u'长'));
	assert_false(ss_period_surely_empty(rs, u'上', u'半'));
	assert_false(ss_period_surely_empty(rs, '2', '0'));
	/* 到 is a match alone */
	assert_false(ss_period_surely_empty(rs, u'到', u'市'));
	ss_ruleset_free(rs);
}

static void test_user_forms_leads_sound(void **state)
{
	(void)state;
	static const char *const extra[] = {
		"map period_word 上季度 1\n",
		"extend PERIOD FY[0-9]{2,4}(?:H[12])?\n",
		"extend PERIOD 财年(?:[0-9]{4})?|(?:截至)?[0-9]+日(?!元)\n",
		"extend PERIOD (?<![0-9])[0-9]{1,2}Q\\d+\n",
		"extend PERIOD [^x]年\n", /* begins with anything: tried everywhere */
	};
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++) {
		ss_ruleset *rs = compiled(extra[i]);
		check_against_pcre2(rs, chars, sizeof chars / sizeof chars[0]);
		ss_ruleset_free(rs);
	}
	ss_ruleset *rs = compiled("extend PERIOD [^x]年\n");
	assert_true(rs->period_all);
	ss_ruleset_free(rs);
}

/* One map line in a user's file makes a new word a period. */
static void test_user_period_word(void **state)
{
	(void)state;
	const char *t = "上个季度营业收入增长15%。";
	ss_sentence s = {0, strlen(t)};
	size_t fs = (size_t)(strstr(t, "15%") - t), a, b;
	ss_ruleset *rs = compiled(NULL);
	ss_attach *cx = ss_attach_new(rs, t, strlen(t));
	ss_attach_period(cx, &s, fs, fs + 3, true, &a, &b);
	assert_int_equal(a, b); /* 上个季度 is no period of the defaults */
	ss_attach_free(cx);
	ss_ruleset_free(rs);

	rs = compiled("map period_word 上个季度 1\n");
	cx = ss_attach_new(rs, t, strlen(t));
	ss_attach_period(cx, &s, fs, fs + 3, true, &a, &b);
	assert_int_equal(a, 0);
	assert_int_equal(b, strlen("上个季度"));
	ss_attach_free(cx);
	ss_ruleset_free(rs);
}

/* The numeral classes come from the numeral table: every window candidate
 * that is a plain digit or unit is in CN_NUMERAL, capitals are not. */
static void test_numeral_classes(void **state)
{
	(void)state;
	ss_ruleset *rs = ss_ruleset_new();
	int d = ss_find_define(rs, "CN_DIGIT", 8);
	assert_true(d >= 0);
	assert_string_equal(rs->define_src[d].raw, "[零〇一二两俩三四五六七八九廿卅]");
	d = ss_find_define(rs, "CN_UNIT", 7);
	assert_string_equal(rs->define_src[d].raw, "[十百千万亿]");
	d = ss_find_define(rs, "CN_DECIMAL", 10);
	assert_string_equal(rs->define_src[d].raw, "[零〇一二三四五六七八九]");
	d = ss_find_define(rs, "CN_NUMERAL", 10);
	assert_string_equal(rs->define_src[d].raw, "[零〇一二两俩三四五六七八九十百千廿卅万亿]");
	ss_ruleset_free(rs);
}

/* A period word right before the time makes it a comparison's base
 * (period_base), so the change takes no period from it. */
static void test_base_word(void **state)
{
	(void)state;
	const char *t = "营业收入比2019年增长15%。";
	ss_sentence s = {0, strlen(t)};
	size_t fs = (size_t)(strstr(t, "增长") - t), a, b;
	ss_ruleset *rs = compiled(NULL);
	ss_attach *cx = ss_attach_new(rs, t, strlen(t));
	ss_attach_period(cx, &s, fs, fs + strlen("增长15%"), true, &a, &b);
	assert_int_equal(a, b);
	ss_attach_free(cx);
	ss_ruleset_free(rs);
}

/* The period of the figure at needle (a change) in sentence t, asked of cx. */
static void period_of(ss_attach *cx, const char *t, const char *needle, size_t *a, size_t *b)
{
	ss_sentence s = {0, strlen(t)};
	size_t fs = (size_t)(strstr(t, needle) - t);
	ss_attach_period(cx, &s, fs, fs + strlen(needle), true, a, b);
}

/* The places of a sentence are found once for all its figures: each figure
 * gets what a walk over its own window gives, in whatever order they ask,
 * and a figure more than SS_ATTACH_REACH bytes on does not see a period
 * near the sentence's start. */
static void test_places_shared(void **state)
{
	(void)state;
	char t[1024] = "2017年营收增长4%";
	for (int k = 0; k < 240; k++)
		strcat(t, "的");
	strcat(t, "利润比2016年增长5%，1月份增长6%。");
	size_t p2017 = 0, p1 = (size_t)(strstr(t, "1月份") - t);
	ss_ruleset *rs = compiled(NULL);
	for (int order = 0; order < 2; order++) {
		ss_attach *cx = ss_attach_new(rs, t, strlen(t));
		size_t a, b;
		for (int k = 0; k < 3; k++) {
			int f = order ? 2 - k : k;
			period_of(cx, t, f == 0 ? "4%" : f == 1 ? "5%" : "6%", &a, &b);
			if (f == 0) { /* 2017年 opens the sentence */
				assert_int_equal(a, p2017);
				assert_int_equal(b, p2017 + strlen("2017年"));
			} else if (f == 1) { /* 2017年 is out of reach, 2016年 a base */
				assert_int_equal(a, b);
			} else { /* 1月份, the last period before it */
				assert_int_equal(a, p1);
				assert_int_equal(b, p1 + strlen("1月份"));
			}
		}
		ss_attach_free(cx);
	}
	ss_ruleset_free(rs);
}

/* The memo of the period's matches keeps one position of those a multiple
 * of its size apart: periods at such positions, asked in turn, whole and
 * cut short, each get what a fresh memo gives, and so does one at the
 * text's end. */
static void test_memo_slots(void **state)
{
	(void)state;
	static const char *const periods[] = {"2017年", "上半年", "3月末", "2018年度", "同期"};
	enum { N = sizeof periods / sizeof *periods, STEP = 4096 };
	static char t[N * STEP + 16];
	memset(t, 'x', N * STEP);
	for (size_t k = 0; k < N; k++)
		memcpy(t + k * STEP, periods[k], strlen(periods[k]));
	strcpy(t + N * STEP, "2019年");
	size_t len = strlen(t);
	size_t at[2 * N + 1], cut[2 * N + 1], want[2 * N + 1];
	ss_ruleset *rs = compiled(NULL);
	for (size_t i = 0; i < 2 * N + 1; i++) {
		at[i] = i < 2 * N ? i / 2 * STEP : N * STEP;
		cut[i] = i % 2 || i == 2 * N ? len : at[i] + 4; /* 2017年 cut inside 年 */
		ss_attach *fresh = ss_attach_new(rs, t, len);
		want[i] = ss_period_from(fresh, at[i], cut[i]);
		ss_attach_free(fresh);
	}
	assert_int_equal(want[0], 0);
	assert_int_equal(want[1], strlen("2017年"));
	assert_int_equal(want[2 * N], len);
	ss_attach *cx = ss_attach_new(rs, t, len);
	for (int round = 0; round < 3; round++)
		for (size_t j = 0; j < 2 * N + 1; j++) {
			size_t i = round == 1 ? 2 * N - j : j;
			assert_int_equal(ss_period_from(cx, at[i], cut[i]), want[i]);
		}
	ss_attach_free(cx);
	ss_ruleset_free(rs);
}

/* A period cut right before a character its pattern's lookaheads read
 * (末季(?!调), 上半(?!季)): the match of the text cut there, not the one of
 * the whole text the memo keeps, at every start and cut. */
static void test_cut_before_lookahead(void **state)
{
	(void)state;
	static const char *const texts[] = {"末季调整后", "2019年上半季度", "今年末季调查", "上半季"};
	ss_ruleset *rs = compiled(NULL);
	size_t differ = 0;
	for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
		const char *t = texts[k];
		size_t len = strlen(t);
		ss_attach *cx = ss_attach_new(rs, t, len);
		for (size_t p = 0; p < len; p += (size_t)ss_utf8_len(t + p, len - p))
			for (size_t b = p + 3; b <= len; b += 3) {
				if (b < len && ((unsigned char)t[b] & 0xC0) == 0x80)
					continue;
				ss_attach *cut = ss_attach_new(rs, t, b);
				size_t want = ss_period_from(cut, p, b);
				ss_attach_free(cut);
				ss_attach *whole = ss_attach_new(rs, t, len);
				differ += ss_period_from(whole, p, len) != want;
				ss_attach_free(whole);
				assert_int_equal(ss_period_from(cx, p, b), want);
			}
		ss_attach_free(cx);
	}
	assert_true(differ > 0); /* the cuts do change some matches */
	/* what the default lookaheads read is told, and no more: 调 and 季 of
	 * the negative ones, not 上 of a table's guard */
	assert_false(rs->period_ahead_any);
	static const uint32_t read[] = {0x8C03 /* 调 */, 0x5B63 /* 季 */}, not_read = 0x4E0A /* 上 */;
	for (size_t k = 0; k < 2; k++)
		assert_true(rs->period_ahead[read[k] >> 3] >> (read[k] & 7) & 1);
	assert_false(rs->period_ahead[not_read >> 3] >> (not_read & 7) & 1);
	ss_ruleset_free(rs);
	/* a rule file's own lookahead at the end of a period: "any" for a class
	 * of escapes or $ */
	rs = compiled("extend PERIOD 次年(?!\\d)\n");
	assert_true(rs->period_ahead_any);
	ss_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_leads_sound),
		cmocka_unit_test(test_user_forms_leads_sound),
		cmocka_unit_test(test_user_period_word),
		cmocka_unit_test(test_numeral_classes),
		cmocka_unit_test(test_base_word),
		cmocka_unit_test(test_places_shared),
		cmocka_unit_test(test_memo_slots),
		cmocka_unit_test(test_cut_before_lookahead),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
