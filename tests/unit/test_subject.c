/* test_subject.c - a subject is a noun phrase: the word lexicon and its
 * segmenter (lexicon.c), and each rule of subject.c on a small sentence,
 * through ss_attach_subject as the pipeline calls it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "statspan.h"
#include "facts/attach.h"
#include "facts/lexicon.h"

#include "default_rules.h"

/* The subject of the figure fig in the one-sentence text t, as a string
 * (static; empty when none). */
static const char *subject_of(const char *t, const char *fig, ss_kind kind)
{
	static char out[256];
	const char *p = strstr(t, fig);
	assert_non_null(p);
	size_t fs = (size_t)(p - t), fe = fs + strlen(fig), a, b;
	ss_sentence s = {0, strlen(t)};
	ss_attach *cx = ss_attach_new(rs, t, strlen(t));
	ss_attach_subject(cx, &s, fs, fe, 0, strlen(t), kind, &a, &b);
	ss_attach_free(cx);
	assert_true(b >= a && b - a < sizeof out);
	memcpy(out, t + a, b - a);
	out[b - a] = 0;
	return out;
}

static void test_lexicon_words(void **state)
{
	(void)state;
	ss_pos p;
	assert_true(ss_lex_word("增加值", strlen("增加值"), &p));
	assert_int_equal(p, SS_POS_NOUN);
	assert_true(ss_lex_word("包括", strlen("包括"), &p));
	assert_int_equal(p, SS_POS_VERB);
	assert_true(ss_lex_word("按", strlen("按"), &p));
	assert_int_equal(p, SS_POS_PREP);
	/* not a word: Latin, and a run of characters no entry has */
	assert_false(ss_lex_word("GDP", 3, &p));
	assert_false(ss_lex_word("增加值增加", strlen("增加值增加"), &p));
}

static void test_segment(void **state)
{
	(void)state;
	const char *t = "全国规模以上工业增加值M2";
	ss_token tok[16];
	size_t n = ss_segment(t, 0, strlen(t), tok, 16);
	/* 全国 / 规模 / 以上 / 工业 / 增加值 / M2 */
	assert_int_equal(n, 6);
	assert_int_equal(tok[0].end, strlen("全国"));
	assert_int_equal(tok[4].start, strlen("全国规模以上工业"));
	assert_int_equal(tok[4].end, strlen("全国规模以上工业增加值"));
	assert_int_equal(tok[4].pos, SS_POS_NOUN);
	assert_int_equal(tok[5].pos, SS_POS_NOUN); /* a Latin run is one noun */
	assert_int_equal(tok[5].end, strlen(t));
	/* the segments cover the text: each starts where the one before ends */
	for (size_t i = 1; i < n; i++)
		assert_int_equal(tok[i].start, tok[i - 1].end);
	/* an empty range has no words */
	assert_int_equal(ss_segment(t, 3, 3, tok, 16), 0);
}

/* A noun of the lexicon is not cut by the stop word it starts with. */
static void test_noun_over_stop_word(void **state)
{
	(void)state;
	assert_string_equal(subject_of("第一产业增加值40666亿元。", "40666亿元", SS_KIND_MONEY),
	                    "第一产业增加值");
}

/* A verb with its aspect mark before the figure goes with its mark. */
static void test_aspect_verb_trailing(void **state)
{
	(void)state;
	assert_string_equal(subject_of("天泽信息收获了3亿元。", "3亿元", SS_KIND_MONEY), "天泽信息");
}

/* Function words never end a phrase; the figure's one-character verb after
 * a noun goes too. */
static void test_trailing_function_words(void **state)
{
	(void)state;
	assert_string_equal(subject_of("整体毛利率或超过40%。", "超过40%", SS_KIND_PERCENT),
	                    "整体毛利率");
	assert_string_equal(subject_of("营销费用占销售额的比重料降至46%。", "46%", SS_KIND_PERCENT),
	                    "营销费用占销售额的比重");
	/* but not a character that may be half of a word the lexicon lacks */
	assert_string_equal(subject_of("小米集团营收888亿元。", "888亿元", SS_KIND_MONEY),
	                    "小米集团营收");
}

/* A preposition or a one-character pronoun opens no phrase. */
static void test_leading_function_words(void **state)
{
	(void)state;
	assert_string_equal(subject_of("以未分配利润3亿元为基数。", "3亿元", SS_KIND_MONEY),
	                    "未分配利润");
	assert_string_equal(subject_of("其港元存款增0.7%。", "增0.7%", SS_KIND_CHANGE), "港元存款");
}

/* A clause that says how (按可比价格计算) is no subject; the search goes on
 * to the clause before it. */
static void test_manner_clause_skipped(void **state)
{
	(void)state;
	assert_string_equal(subject_of("国内生产总值，按可比价格计算，同比增长6.7%。", "增长6.7%",
	                               SS_KIND_CHANGE),
	                    "国内生产总值");
	assert_string_equal(subject_of("国内生产总值，分季度看，一季度增长6.7%。", "增长6.7%",
	                               SS_KIND_CHANGE),
	                    "国内生产总值");
}

/* A verb's clause closed by 后 says when; the words that open with a
 * preposition and end in a verb say how, even right before the figure. */
static void test_time_and_manner_clauses(void **state)
{
	(void)state;
	assert_string_equal(subject_of("税收收入，扣除留抵退税因素后增长5%。", "增长5%", SS_KIND_CHANGE),
	                    "税收收入");
	assert_string_equal(subject_of("税收收入，按自然口径计算下降4.8%。", "下降4.8%", SS_KIND_CHANGE),
	                    "税收收入");
	/* 非税收入: the 入 after 税收 makes a word with the 收 before it */
	assert_string_equal(subject_of("非税收入11974亿元。", "11974亿元", SS_KIND_MONEY), "非税收入");
	/* and a one-character particle after a character of its own stays */
	assert_string_equal(subject_of("哔哩哔哩跌4.47%。", "跌4.47%", SS_KIND_CHANGE), "哔哩哔哩");
}

/* A basis word is no subject: 按年 leaves nothing. */
static void test_basis_is_no_subject(void **state)
{
	(void)state;
	assert_string_equal(subject_of("按年增长5%。", "增长5%", SS_KIND_CHANGE), "");
}

/* A numbered period inside a phrase leaves the metric after it; a unit
 * inside a word (年期) or with no numeral (单月) does not. */
static void test_period_inside_phrase(void **state)
{
	(void)state;
	assert_string_equal(subject_of("快手第四季总收入按年增长约28%。", "增长约28%", SS_KIND_CHANGE),
	                    "总收入");
	assert_string_equal(subject_of("本港7月份存款总额增0.6%。", "增0.6%", SS_KIND_CHANGE),
	                    "存款总额");
	/* a bare 月 names a contract */
	assert_string_equal(subject_of("美油9月合约涨3.1%。", "涨3.1%", SS_KIND_CHANGE), "美油9月合约");
	assert_string_equal(subject_of("德国10年期国债收益率报0.011%。", "0.011%", SS_KIND_PERCENT),
	                    "德国10年期国债收益率");
	assert_string_equal(subject_of("单月营收4.65兆元。", "4.65兆元", SS_KIND_MONEY), "单月营收");
}

/* A clause verb opening the phrase goes when three words or more, the
 * first a noun, follow it; before fewer, or before a modifier, it stays. */
static void test_clause_verb_opening(void **state)
{
	(void)state;
	assert_string_equal(subject_of("统计上市柜公司元月营收达4.65兆元。", "4.65兆元", SS_KIND_MONEY),
	                    "上市柜公司元月营收");
	assert_string_equal(subject_of("加权平均净资产收益率7.74%。", "7.74%", SS_KIND_PERCENT),
	                    "加权平均净资产收益率");
	assert_string_equal(subject_of("采购经理指数为49.2%。", "49.2%", SS_KIND_PERCENT), "采购经理指数");
}

/* A figure counting the noun after it: an adverb and a verb end the noun. */
static void test_counted_noun_ends_at_predicate(void **state)
{
	(void)state;
	assert_string_equal(subject_of("尚有十余家金融业者未公布元月营收。", "十余家", SS_KIND_COUNT),
	                    "金融业者");
	assert_string_equal(subject_of("有3个重大一次性项目。", "3个", SS_KIND_COUNT), "重大一次性项目");
}

/* A number with no noun or verb (第二季) is no subject; a name the lexicon
 * lacks stays whatever its words (好未来: 好 未来), and so does a verb that
 * names a metric (净投放). */
static void test_number_alone_is_no_subject(void **state)
{
	(void)state;
	assert_string_equal(subject_of("第二季成长5.2%。", "成长5.2%", SS_KIND_CHANGE), "");
	assert_string_equal(subject_of("好未来涨约5.5%。", "涨约5.5%", SS_KIND_CHANGE), "好未来");
	assert_string_equal(subject_of("今日净投放700亿元。", "700亿元", SS_KIND_MONEY), "净投放");
}

/* Words of the table pos the dictionary lacks are one word: 营收 (营 收)
 * is one noun; 包括 before it is an opening word of the clause. */
static void test_rule_set_words_joined(void **state)
{
	(void)state;
	assert_string_equal(subject_of("包括单月营收4.65兆元。", "4.65兆元", SS_KIND_MONEY),
	                    "单月营收");
	assert_string_equal(subject_of("统计上市公司元月营收达4.65兆元。", "4.65兆元", SS_KIND_MONEY),
	                    "上市公司元月营收");
}

/* Words before a colon closing on the figure, and before a space, still
 * touch it; the run may stop at the figure's closing verb (为). */
static void test_colon_and_space_touch(void **state)
{
	(void)state;
	assert_string_equal(subject_of("业绩预告内容 预计归属于上市公司股东的净利润为:4600万元。",
	                               "4600万元", SS_KIND_MONEY),
	                    "归属于上市公司股东的净利润");
	assert_string_equal(subject_of("本次权益分派共预计派发现金红利 11,900,000元。", "11,900,000元",
	                               SS_KIND_MONEY),
	                    "派发现金红利");
}

/* The table pos over the lexicon: 上月 a time word, 拉动 the figure's verb,
 * 年增率 a noun that a basis word (年增) does not cut. */
static void test_rule_set_parts_of_speech(void **state)
{
	(void)state;
	assert_string_equal(subject_of("上月人民币跨境贸易结算额为874亿元。", "874亿元", SS_KIND_MONEY),
	                    "人民币跨境贸易结算额");
	assert_string_equal(subject_of("资本形成总额拉动0.8个百分点。", "0.8个百分点", SS_KIND_PERCENT),
	                    "资本形成总额");
	assert_string_equal(subject_of("实质GDP年增率为12.68%。", "12.68%", SS_KIND_PERCENT),
	                    "实质GDP年增率");
	/* after 的 the verb is a noun; a modifying verb opens the phrase */
	assert_string_equal(subject_of("区域传输对京津冀PM2.5污染的贡献约占30%。", "30%",
	                               SS_KIND_PERCENT),
	                    "京津冀PM2.5污染的贡献");
	assert_string_equal(subject_of("归属母公司股东净利润158.67亿元。", "158.67亿元", SS_KIND_MONEY),
	                    "归属母公司股东净利润");
	/* 参与率 is one noun, not the joint 与 between two */
	assert_string_equal(subject_of("劳动市场维持稳定,劳动力参与率58.75%。", "58.75%", SS_KIND_PERCENT),
	                    "劳动力参与率");
}

/* A lower-case gloss closing the phrase goes, an upper-case name stays; a
 * period before a space and a noun is cut too. */
static void test_gloss_and_spaced_period(void **state)
{
	(void)state;
	assert_string_equal(subject_of("实质GDP年增率(yoy)为12.68%。", "12.68%", SS_KIND_PERCENT),
	                    "实质GDP年增率");
	assert_string_equal(subject_of("居民消费价格(CPI)同比上涨1.4%。", "上涨1.4%", SS_KIND_CHANGE),
	                    "居民消费价格(CPI)");
	assert_string_equal(subject_of("第一季 GDP 年增 5.4%。", "5.4%", SS_KIND_PERCENT), "GDP");
}

/* A place word of one character after nouns closes no phrase; after a verb
 * it closes a clause of time, which names nothing. */
static void test_trailing_place_word(void **state)
{
	(void)state;
	assert_string_equal(subject_of("全国4000多家生鲜电商企业中，只有1%实现了盈利。", "4000多家",
	                               SS_KIND_COUNT),
	                    "生鲜电商企业");
	assert_string_equal(subject_of("扣除留抵退税因素后增长5%。", "增长5%", SS_KIND_CHANGE), "");
}

/* How a series is adjusted (未经调整的), a period before 的 (二零一三年十一月的,
 * 该月) and the state of a figure after 的 (的临时估计) say how the figure is
 * given, not what it measures. */
static void test_adjustment_period_status(void **state)
{
	(void)state;
	assert_string_equal(subject_of("未经调整的港元货币供应量M3跌1.7%。", "跌1.7%", SS_KIND_CHANGE),
	                    "港元货币供应量M3");
	assert_string_equal(subject_of("7月份未经调整的港元货币供应量M2升0.7%。", "升0.7%",
	                               SS_KIND_CHANGE),
	                    "港元货币供应量M2");
	assert_string_equal(subject_of("零售业总销货价值的临时估计为396亿元。", "396亿元",
	                               SS_KIND_MONEY),
	                    "零售业总销货价值");
	assert_string_equal(subject_of("二零一三年十一月的零售业总销货数量上升9.0%。", "上升9.0%",
	                               SS_KIND_CHANGE),
	                    "零售业总销货数量");
	assert_string_equal(subject_of("该月香港人民币存款增加10%。", "增加10%", SS_KIND_CHANGE),
	                    "香港人民币存款");
	assert_string_equal(subject_of("二零一三年首十一个月的零售业总销货价值上升11.6%。", "上升11.6%",
	                               SS_KIND_CHANGE),
	                    "零售业总销货价值");
	/* 的 before a word of no such table stays (归属于上市公司股东的净利润) */
	assert_string_equal(subject_of("归属于上市公司股东的净利润3亿元。", "3亿元", SS_KIND_MONEY),
	                    "归属于上市公司股东的净利润");
}

/* A bracket the figure left open, or one noting what is covered (包括, 不含),
 * is no part of the subject; a name in brackets stays (see above). */
static void test_gloss_brackets(void **state)
{
	(void)state;
	assert_string_equal(subject_of("百货公司货品(零售量上升9.7%)。", "上升9.7%", SS_KIND_CHANGE),
	                    "百货公司货品");
	assert_string_equal(subject_of("贷款(包括贸易融资)上升0.6%。", "上升0.6%", SS_KIND_CHANGE),
	                    "贷款");
	assert_string_equal(subject_of("(不含税)同比增长25%。", "增长25%", SS_KIND_CHANGE), "");
	/* 在 and a period closing the phrase */
	assert_string_equal(subject_of("香港境外使用的贷款在9月份上升0.7%。", "上升0.7%",
	                               SS_KIND_CHANGE),
	                    "香港境外使用的贷款");
}

/* Opening words of a clause (令, 故, 料, 该行), a verb of the table pos with
 * its aspect mark (抵销了), closing words (高, 高达) and a cause before 令
 * are no subject. */
static void test_opening_and_closing_words(void **state)
{
	(void)state;
	assert_string_equal(subject_of("资金外流，令港元贷存比率为81%。", "81%", SS_KIND_PERCENT),
	                    "港元贷存比率");
	/* 料 opens the clause; 末季 is a period, so the metric after it is the subject */
	assert_string_equal(subject_of("该行料网易末季游戏收入173亿元。", "173亿元", SS_KIND_MONEY),
	                    "游戏收入");
	assert_string_equal(subject_of("抵销了在香港使用的贷款0.6%跌幅。", "0.6%", SS_KIND_PERCENT),
	                    "香港使用的贷款");
	assert_string_equal(subject_of("折算年率高23.96%。", "23.96%", SS_KIND_PERCENT), "折算年率");
	/* a range after its figure names nothing; before it, it is the metric's */
	assert_string_equal(subject_of("美联储维持利率在0%-0.25%区间。", "0%-0.25%", SS_KIND_PERCENT),
	                    "利率");
	/* a closing verb is no end of a word begun before it (广达, a name) */
	assert_string_equal(subject_of("广达2308.3亿元。", "2308.3亿元", SS_KIND_MONEY), "广达");
	assert_string_equal(subject_of("企业自主投资金额高达2500亿美元。", "2500亿美元", SS_KIND_MONEY),
	                    "企业自主投资金额");
	/* a figure in brackets after a clause counts the nouns before its verb */
	assert_string_equal(subject_of("本次申购户数创新高(约120万户)。", "约120万户", SS_KIND_COUNT),
	                    "本次申购户数");
	/* 调整 before 为 is the figure's verb (table pos) */
	assert_string_equal(subject_of("基金每日额度调整为500亿元。", "500亿元", SS_KIND_MONEY),
	                    "基金每日额度");
	/* a cause before 令: the subject is what it acts on */
	assert_string_equal(subject_of("晶片供应改善令销量按季增长49%。", "按季增长49%",
	                               SS_KIND_CHANGE),
	                    "销量");
	/* 使 inside a word (使用) is none */
	assert_string_equal(subject_of("香港使用的贷款上升0.6%。", "上升0.6%", SS_KIND_CHANGE),
	                    "香港使用的贷款");
}

/* The names of a 分别 list lose the clause's opening word, a gloss and a
 * closing period as a subject does (through the whole pipeline). */
static void list_subjects_are(const char *src, const char *fig, int nth, const char *want)
{
	ss_options *o = ss_options_new();
	ss_options_set_format(o, SS_FORMAT_TEXT);
	ss_doc *d = ss_doc_extract(rs, "t", src, strlen(src), o);
	ss_options_free(o);
	assert_non_null(d);
	const ss_fact *hit = NULL;
	for (size_t i = 0; i < ss_doc_fact_count(d) && !hit; i++) {
		const ss_fact *f = ss_doc_fact(d, i);
		size_t a, b;
		ss_fact_span(f, &a, &b);
		if (b - a == strlen(fig) && !memcmp(src + a, fig, b - a) && nth-- == 0)
			hit = f;
	}
	assert_non_null(hit);
	char *got = ss_doc_span_str(d, ss_fact_subject(hit));
	assert_string_equal(got, want);
	free(got);
	ss_doc_free(d);
}

static void test_list_names_cleaned(void **state)
{
	(void)state;
	const char *a = "存款总额上升1.3%，其中港元存款及外币存款分别上升1.4%及1.3%。";
	list_subjects_are(a, "分别上升1.4%", 0, "港元存款");
	list_subjects_are(a, "1.3%", 0, "外币存款");
	const char *b = "其中在香港使用的贷款(包括贸易融资)及香港境外使用的贷款在9月份分别上升"
	                "0.6%及0.7%。";
	list_subjects_are(b, "分别上升0.6%", 0, "香港使用的贷款");
	list_subjects_are(b, "0.7%", 0, "香港境外使用的贷款");
	/* a slash joins the names of a list (table joint) */
	const char *c = "M2/M1/M0分别增长8%、5%和10%。";
	list_subjects_are(c, "分别增长8%", 0, "M2");
	list_subjects_are(c, "5%", 0, "M1");
	list_subjects_are(c, "10%", 0, "M0");
	/* a tenor stays with the name it bounds */
	const char *d = "3个月、12个月的拆息分别为1.2%、2.1%。";
	list_subjects_are(d, "2.1%", 0, "12个月的拆息");
}

/* A session of the market between the subject and its figure is no part of
 * the subject (table modifier). */
static void test_market_session(void **state)
{
	(void)state;
	list_subjects_are("道指开盘涨0.3%。", "涨0.3%", 0, "道指");
	list_subjects_are("中证转债指数收盘上涨0.12%。", "上涨0.12%", 0, "中证转债指数");
	list_subjects_are("日经225指数早盘收盘下跌1.1%。", "下跌1.1%", 0, "日经225指数");
}

/* A subject cut from a number does not open with the rest of it: a measure
 * word, a time unit, and what table number_rest keeps; a tenor (个月期)
 * and a word that only begins with them (股指) stay. */
static void test_rest_of_number(void **state)
{
	(void)state;
	list_subjects_are("公司拟每10股派现3元。", "3元", 0, "派现");
	list_subjects_are("股东拟在6个月内减持不超过2%。", "不超过2%", 0, "减持");
	list_subjects_are("3个月期国库现金定存中标利率为2.8%。", "2.8%", 0,
	                  "个月期国库现金定存中标利率");
	list_subjects_are("沪深300股指期货成交额达1200亿元。", "1200亿元", 0, "股指期货成交额");
	/* a tenor in Chinese digits is part of the name, no time */
	list_subjects_are("三年期美债收益率涨3.5个基点。", "涨3.5个基点", 0, "三年期美债收益率");
	list_subjects_are("五年期LPR为3.95%。", "3.95%", 0, "五年期LPR");
}

/* Names of a 分别 list that are all periods enumerate the figures' periods:
 * the subject is the clause's own. */
static void test_list_of_periods(void **state)
{
	(void)state;
	const char *a = "2014年和2015年分别实现营业收入2.10亿元、2.41亿元。";
	list_subjects_are(a, "2.10亿元", 0, "营业收入");
	list_subjects_are(a, "2.41亿元", 0, "营业收入");
	ss_doc *d = ss_doc_extract(rs, "t", a, strlen(a), NULL);
	assert_int_equal(ss_doc_fact_count(d), 2);
	char *p0 = ss_doc_span_str(d, ss_fact_period(ss_doc_fact(d, 0)));
	char *p1 = ss_doc_span_str(d, ss_fact_period(ss_doc_fact(d, 1)));
	assert_string_equal(p0, "2014年");
	assert_string_equal(p1, "2015年");
	free(p0);
	free(p1);
	ss_doc_free(d);
}

/* A figure with no subject of its own, alone on its line, measures what the
 * figure on the line before measured (an infographic's lines); across
 * words, a full stop still parts them. */
static void test_carry_over_white_space(void **state)
{
	(void)state;
	const char *a = "中央企业232755.9亿元\n\n\u3000\u3000同比增长24.9%\n";
	list_subjects_are(a, "同比增长24.9%", 0, "中央企业");
	const char *b = "中央企业232755.9亿元。\n\n另据报道，同比增长24.9%\n";
	list_subjects_are(b, "同比增长24.9%", 0, "");
}

/* A figure in a headline above the lead names no period: the lead's period
 * (5月份) still holds where a later paragraph names none. The headline's
 * figure measures its label's noun, before the verb that joins them. */
static void test_lead_after_headline(void **state)
{
	(void)state;
	const char *a = "人民币存款增至777亿\n\n金管局今天公布，5月份存款总额减0.8%。\n\n"
	                "月内外币存款升0.1%。\n";
	list_subjects_are(a, "777亿", 0, "人民币存款");
	ss_doc *d = ss_doc_extract(rs, "t", a, strlen(a), NULL);
	assert_int_equal(ss_doc_fact_count(d), 3);
	char *p = ss_doc_span_str(d, ss_fact_period(ss_doc_fact(d, 2)));
	assert_string_equal(p, "5月份");
	free(p);
	ss_doc_free(d);
}

/* A period opening a sentence, before its comma, holds for the paragraph:
 * a sentence opens after 。！？!? and a line break, also after a figure
 * read before it, never after another mark (、 shares its lead byte and its
 * last byte with 。 and ！). */
static void test_opening_after_marks(void **state)
{
	(void)state;
	static const char *const marks[] = {"。", "！", "？", "!", "?", "\n", "、", "；", "】"};
	for (size_t k = 0; k < sizeof marks / sizeof *marks; k++) {
		char t[256];
		snprintf(t, sizeof t,
		         "市场平稳%s2019年5月，市场回暖。销量增长3.7%%。\n\n"
		         "利润增长1.5%%。又见%s2020年6月，价格上涨。产量增长2.5%%。",
		         marks[k], marks[k]);
		bool opens = k < 6;
		ss_doc *d = ss_doc_extract(rs, "t", t, strlen(t), NULL);
		assert_int_equal(ss_doc_fact_count(d), 3);
		char *p0 = ss_doc_span_str(d, ss_fact_period(ss_doc_fact(d, 0)));
		char *p2 = ss_doc_span_str(d, ss_fact_period(ss_doc_fact(d, 2)));
		assert_string_equal(p0, opens ? "2019年5月" : "");
		assert_string_equal(p2, opens ? "2020年6月" : "");
		free(p0);
		free(p2);
		ss_doc_free(d);
	}
}

/* A clause that opens with the size of a change (涨幅, 增幅; after one
 * character of time: 现涨幅) names what the figure measures. */
static void test_size_subject(void **state)
{
	(void)state;
	assert_string_equal(subject_of("该股现涨幅收窄至12.62%。", "12.62%", SS_KIND_PERCENT), "涨幅");
	assert_string_equal(subject_of("增幅比1-10月份提升2.0个百分点。", "提升2.0个百分点",
	                               SS_KIND_CHANGE),
	                    "增幅");
	assert_string_equal(subject_of("工业增加值同比增长6.7%。", "同比增长6.7%", SS_KIND_CHANGE),
	                    "工业增加值");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lexicon_words),
		cmocka_unit_test(test_segment),
		cmocka_unit_test(test_noun_over_stop_word),
		cmocka_unit_test(test_aspect_verb_trailing),
		cmocka_unit_test(test_trailing_function_words),
		cmocka_unit_test(test_leading_function_words),
		cmocka_unit_test(test_manner_clause_skipped),
		cmocka_unit_test(test_time_and_manner_clauses),
		cmocka_unit_test(test_basis_is_no_subject),
		cmocka_unit_test(test_period_inside_phrase),
		cmocka_unit_test(test_clause_verb_opening),
		cmocka_unit_test(test_counted_noun_ends_at_predicate),
		cmocka_unit_test(test_number_alone_is_no_subject),
		cmocka_unit_test(test_rule_set_words_joined),
		cmocka_unit_test(test_colon_and_space_touch),
		cmocka_unit_test(test_rule_set_parts_of_speech),
		cmocka_unit_test(test_gloss_and_spaced_period),
		cmocka_unit_test(test_trailing_place_word),
		cmocka_unit_test(test_adjustment_period_status),
		cmocka_unit_test(test_gloss_brackets),
		cmocka_unit_test(test_opening_and_closing_words),
		cmocka_unit_test(test_list_names_cleaned),
		cmocka_unit_test(test_carry_over_white_space),
		cmocka_unit_test(test_list_of_periods),
		cmocka_unit_test(test_market_session),
		cmocka_unit_test(test_rest_of_number),
		cmocka_unit_test(test_lead_after_headline),
		cmocka_unit_test(test_opening_after_marks),
		cmocka_unit_test(test_size_subject),
	};
	return cmocka_run_group_tests_name("subject", tests, setup, teardown);
}
