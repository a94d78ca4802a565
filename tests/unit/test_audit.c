/*
 * test_audit.c - unit tests of src/audit: written precision, claim and
 * source intervals, unit families, the lexicon, context tokens, claims
 * tables, and ranking and verdicts on small sources (the seed cases of
 * issue 11 among them). Every expected value is worked out by hand in the
 * comment beside it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "pipeline/pipeline.h" /* struct ss_options, set field by field */
#include "export/export.h"

#define S(x) x, strlen(x)

static ss_fact fact(ss_kind kind, double v, const char *unit, ss_qualifier q)
{
	ss_fact f;
	memset(&f, 0, sizeof f);
	f.kind = kind;
	f.value = v;
	strcpy(f.unit, unit);
	f.qualifier = q;
	return f;
}

static void assert_near(double a, double b)
{
	assert_true(fabs(a - b) <= 1e-9 * fmax(1, fabs(b)));
}

/* ---- precision ---- */

static void test_precision_written_places(void **state)
{
	(void)state;
	assert_near(au_precision(S("49%"), 49), 0.5);           /* [48.5, 49.5) */
	assert_near(au_precision(S("48.97%"), 48.97), 0.005);
	assert_near(au_precision(S("4.6千亿元"), 4.6e11), 5e9); /* [4550亿, 4650亿) */
	assert_near(au_precision(S("4810亿元"), 4.81e11), 5e7); /* half of one 亿 */
	assert_near(au_precision(S("约0.48万亿元"), 4.8e11), 5e9);
	assert_near(au_precision(S("１８，４９７家"), 18497), 0.5); /* full width */
	assert_near(au_precision(S("３．５％"), 3.5), 0.05);
}

static void test_precision_chinese_numerals(void **state)
{
	(void)state;
	assert_near(au_precision(S("三成"), 30), 5);      /* written to the 成 */
	assert_near(au_precision(S("三成半"), 35), 0.5);
	assert_near(au_precision(S("近百家"), 100), 50);
	assert_true(au_precision(S("三分之一"), 100.0 / 3) < 1e-6); /* exact */
}

/* ---- intervals ---- */

static au_interval claim_iv(const char *text, double v, ss_qualifier q, double tol)
{
	ss_fact f = fact(SS_KIND_PERCENT, v, "%", q);
	return au_claim_interval(&f, text, strlen(text), tol);
}

static bool within(au_interval iv, double x)
{
	return x >= iv.lo && x <= iv.hi;
}

static void test_interval_exact_half_open(void **state)
{
	(void)state;
	au_interval iv = claim_iv("49%", 49, SS_QUAL_EXACT, 0.05);
	assert_true(within(iv, 48.5));
	assert_true(within(iv, 49.49));
	assert_false(within(iv, 49.5)); /* 49.5 rounds to 50 */
	assert_false(within(iv, 48.4));
}

static void test_interval_qualifiers(void **state)
{
	(void)state;
	/* 约33% with 5%: 33 +- 1.65, so 三分之一 is in */
	au_interval iv = claim_iv("约33%", 33, SS_QUAL_APPROX, 0.05);
	assert_true(within(iv, 100.0 / 3));
	assert_true(within(iv, 31.4));
	assert_false(within(iv, 31.3));
	/* with --tolerance 0 only the written precision is left */
	iv = claim_iv("约33%", 33, SS_QUAL_APPROX, 0);
	assert_false(within(iv, 33.6));
	/* 近30%: a little below, [28.5, 30.5) */
	iv = claim_iv("近30%", 30, SS_QUAL_NEARLY, 0.05);
	assert_true(within(iv, 29.6));
	assert_false(within(iv, 28.4));
	assert_false(within(iv, 30.5));
	/* 约三成: the 成 is wider than the tolerance: [25, 35] */
	iv = claim_iv("约三成", 30, SS_QUAL_APPROX, 0.05);
	assert_true(within(iv, 25));
	assert_true(within(iv, 34.9));
}

static void test_interval_bounds_from_fact(void **state)
{
	(void)state;
	/* 超过九成: (90, inf) as the fact gives it */
	ss_fact f = fact(SS_KIND_PERCENT, 90, "%", SS_QUAL_MORE_THAN);
	f.has_low = 1;
	f.low = 90;
	au_interval c = au_claim_interval(&f, S("超过九成"), 0.05);
	assert_near(c.lo, 90);
	assert_true(isinf(c.hi));
	/* 95%以上 as a source: [95, inf), inside the claim */
	ss_fact g = fact(SS_KIND_PERCENT, 95, "%", SS_QUAL_AT_LEAST);
	g.has_low = 1;
	g.low = 95;
	au_interval s = au_source_interval(&g, S("95%以上"));
	assert_true(s.lo >= c.lo && s.hi <= c.hi);
	assert_true(au_source_is_bound(&g));
	/* an exact source is a rounded report too: 6倍 as a rise is [550, 650) */
	ss_fact r = fact(SS_KIND_CHANGE, 600, "%", SS_QUAL_EXACT);
	s = au_source_interval(&r, S("同比增6倍"));
	assert_near(s.lo, 550);
	assert_true(s.hi < 650 && s.hi > 649.99);
	assert_false(au_source_is_bound(&r));
	/* a fall written with a bound: 跌超7% is (-inf, -7] */
	ss_fact d = fact(SS_KIND_CHANGE, -7, "%", SS_QUAL_MORE_THAN);
	d.has_high = 1;
	d.high = -7;
	c = au_claim_interval(&d, S("跌超7%"), 0.05);
	assert_true(isinf(c.lo) && c.lo < 0);
	assert_near(c.hi, -7);
}

static void test_interval_negative_change(void **state)
{
	(void)state;
	/* 下降3.5%: value -3.5, interval mirrored: (-3.55, -3.45] */
	ss_fact f = fact(SS_KIND_CHANGE, -3.5, "%", SS_QUAL_EXACT);
	au_interval c = au_claim_interval(&f, S("下降3.5%"), 0.05);
	assert_true(within(c, -3.46));
	assert_true(within(c, -3.54));
	assert_false(within(c, 3.5));
}

static void test_interval_rescaled_money(void **state)
{
	(void)state;
	/* 约0.48万亿元 covers 4810亿元; 4.6千亿元 does not cover 4810亿元 */
	ss_fact f = fact(SS_KIND_MONEY, 4.8e11, "CNY", SS_QUAL_APPROX);
	assert_true(within(au_claim_interval(&f, S("约0.48万亿元"), 0.05), 4.81e11));
	f = fact(SS_KIND_MONEY, 4.6e11, "CNY", SS_QUAL_EXACT);
	au_interval c = au_claim_interval(&f, S("4.6千亿元"), 0.05);
	assert_true(within(c, 4.55e11));
	assert_true(within(c, 4.64e11));
	assert_false(within(c, 4.81e11));
}

/* ---- units ---- */

static void test_units(void **state)
{
	(void)state;
	/* % and pp are one family (compared, then told apart), counts only
	 * with the same measure word */
	assert_int_equal(au_unit_family(SS_KIND_PERCENT, "%"), AU_FAM_PERCENT);
	assert_int_equal(au_unit_family(SS_KIND_CHANGE, "pp"), AU_FAM_PERCENT);
	assert_int_equal(au_unit_family(SS_KIND_MONEY, "CNY"), AU_FAM_MONEY);
	assert_int_equal(au_unit_family(SS_KIND_COUNT, "家"), AU_FAM_COUNT);
	assert_int_equal(au_unit_family(SS_KIND_MULTIPLE, "x"), AU_FAM_MULTIPLE);
	assert_int_equal(au_family_key(SS_KIND_PERCENT, "%"), au_family_key(SS_KIND_CHANGE, "bp"));
	assert_int_equal(au_family_key(SS_KIND_MONEY, "CNY"), au_family_key(SS_KIND_MONEY, "USD"));
	assert_int_not_equal(au_family_key(SS_KIND_COUNT, "家"), au_family_key(SS_KIND_COUNT, "人"));
	assert_near(au_points_scale("pp"), 1);
	assert_near(au_points_scale("bp"), 0.01);
	assert_near(au_points_scale("%"), 0);
}

/* ---- the lexicon and the context ---- */

static const char lex_text[] = "# a test lexicon\n"
                               "metric 营业收入 营收\n"
                               "metric 净利润 净利\n"
                               "metric 利润总额 利润\n"
                               "rise 增长\n"
                               "fall 下降\n";

static bool has_token(const au_token *t, size_t n, uint32_t id)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].id == id)
			return true;
	return false;
}

static void test_lexicon_errors(void **state)
{
	(void)state;
	ss_diag_sink sink = {NULL, NULL, 0, 0};
	au_lexicon *lx = au_lexicon_parse("x.lexicon", S("same a b\nsynonym 营收 营业收入\nrise\n"), &sink);
	assert_non_null(lx);
	assert_int_equal(sink.errors, 2); /* an unknown group, a group with no words */
	au_lexicon_free(lx);
	sink.errors = 0;
	lx = au_lexicon_default(&sink);
	assert_non_null(lx);
	assert_int_equal(sink.errors, 0); /* rules/audit.lexicon reads clean */
	au_lexicon_free(lx);
}

static void test_context_synonyms_meet(void **state)
{
	(void)state;
	ss_diag_sink sink = {NULL, NULL, 0, 0};
	au_lexicon *lx = au_lexicon_parse("t", S(lex_text), &sink);
	au_token *a = NULL, *b = NULL;
	size_t na = 0, nb = 0, ca = 0, cb = 0;
	au_phrase_tokens(lx, S("公司营收"), &a, &na, &ca);
	au_phrase_tokens(lx, S("营业收入"), &b, &nb, &cb);
	/* 营业收入 is one token, its concept: no bigram of it is left */
	assert_int_equal(nb, 1);
	assert_true(has_token(a, na, b[0].id));
	/* the longest word wins: 净利润 holds no 利润 */
	free(b);
	b = NULL, nb = cb = 0;
	au_phrase_tokens(lx, S("净利润"), &b, &nb, &cb);
	au_token *c = NULL;
	size_t nc = 0, cc = 0;
	au_phrase_tokens(lx, S("利润"), &c, &nc, &cc);
	assert_int_equal(nb, 1);
	assert_int_not_equal(b[0].id, c[0].id);
	free(a);
	free(b);
	free(c);
	au_lexicon_free(lx);
}

/* The default lexicon's market names: 两市 meets 沪深两市, and neither
 * meets 沪市 (a claim about both markets is not about the Shanghai one). */
static void test_context_markets(void **state)
{
	(void)state;
	ss_diag_sink sink = {NULL, NULL, 0, 0};
	au_lexicon *lx = au_lexicon_default(&sink);
	au_token *a = NULL, *b = NULL, *c = NULL;
	size_t na = 0, nb = 0, nc = 0, ca = 0, cb = 0, cc = 0;
	au_phrase_tokens(lx, S("两市"), &a, &na, &ca);
	au_phrase_tokens(lx, S("沪深两市"), &b, &nb, &cb);
	au_phrase_tokens(lx, S("沪市"), &c, &nc, &cc);
	assert_int_equal(na, 1);
	assert_int_equal(nb, 1);
	assert_int_equal(a[0].id, b[0].id);
	assert_int_equal(nc, 1);
	assert_int_not_equal(a[0].id, c[0].id);
	free(a);
	free(b);
	free(c);
	au_lexicon_free(lx);
}

static void test_context_weights_by_clause(void **state)
{
	(void)state;
	/* in "甲乙丙，丁戊己，庚辛" around the figure in the middle clause,
	 * the own clause weighs 3, the next ones 2 */
	const char *s = "甲乙，99%丁戊，庚辛，壬癸";
	size_t fs = strstr(s, "99%") - s, fe = fs + 3;
	au_token *t = NULL, *own = NULL, *near = NULL, *far = NULL;
	size_t n = 0, cap = 0, n1 = 0, c1 = 0, n2 = 0, c2 = 0, n3 = 0, c3 = 0;
	au_context_tokens(NULL, s, strlen(s), fs, fe, 0, 0, &t, &n, &cap);
	au_phrase_tokens(NULL, S("丁戊"), &own, &n1, &c1);
	au_phrase_tokens(NULL, S("庚辛"), &near, &n2, &c2);
	au_phrase_tokens(NULL, S("壬癸"), &far, &n3, &c3);
	for (size_t i = 0; i < n; i++) {
		if (t[i].id == own[0].id)
			assert_true(t[i].w == 3.0f);
		if (t[i].id == near[0].id)
			assert_true(t[i].w == 2.0f);
		if (t[i].id == far[0].id)
			assert_true(t[i].w == 1.0f);
	}
	assert_int_equal(n, 4); /* 甲乙 丁戊 庚辛 壬癸; the figure is no context */
	free(t);
	free(own);
	free(near);
	free(far);
}

static void test_period_parse(void **state)
{
	(void)state;
	uint64_t y1, y2;
	uint32_t s1, s2;
	au_period_parse(S("2021年1-5月"), &y1, &s1);
	au_period_parse(S("２０２１年1-5月"), &y2, &s2);
	assert_true(y1 == (1ull << (2021 - 1970)));
	assert_true(y1 == y2 && s1 == s2 && s1 != 0);
	au_period_parse(S("2019年"), &y2, &s2);
	assert_true((y1 & y2) == 0 && s2 == 0);
}

/* ---- claims tables ---- */

static void test_claims_sniff(void **state)
{
	(void)state;
	assert_int_equal(au_claims_sniff("a.csv", S("x")), AU_CLAIMS_CSV);
	assert_int_equal(au_claims_sniff("a.jsonl", S("x")), AU_CLAIMS_JSONL);
	assert_int_equal(au_claims_sniff("a.md", S("claim,source\n")), AU_CLAIMS_DOC);
	assert_int_equal(au_claims_sniff("-", S("  [{\"claim\": 1}]")), AU_CLAIMS_JSON);
	assert_int_equal(au_claims_sniff("-", S("id,\"claim\"\n1,a\n")), AU_CLAIMS_CSV);
	assert_int_equal(au_claims_sniff("-", S("超过九成的机构认为")), AU_CLAIMS_DOC);
}

static void test_claims_csv_rows_and_errors(void **state)
{
	(void)state;
	const char *csv = "id,claim,source\n"
	                  "1,营收增长5%,a.txt\n"
	                  "2,only two\n"
	                  "3,\"净利\"\"大增\"\"30%\",\n";
	au_claim_rows rows = {0};
	ss_diag_sink sink = {NULL, NULL, 0, 0};
	assert_true(au_claims_parse(AU_CLAIMS_CSV, "c.csv", csv, strlen(csv), &rows, &sink));
	assert_int_equal(sink.errors, 1); /* row 2 */
	assert_int_equal(rows.n, 2);
	assert_string_equal(rows.rows[0].claim, "营收增长5%");
	assert_string_equal(rows.rows[0].source, "a.txt");
	assert_int_equal(rows.rows[1].line, 4);
	assert_string_equal(rows.rows[1].claim, "净利\"大增\"30%");
	assert_null(rows.rows[1].source);
	/* 30% stands after two doubled quotes: found in the raw cell */
	size_t off = au_claims_locate(csv, &rows.rows[1], S("30%"), 0);
	assert_memory_equal(csv + off, "30%", 3);
	au_claim_rows_release(&rows);
	/* no claim column at all */
	sink.errors = 0;
	assert_false(au_claims_parse(AU_CLAIMS_CSV, "c.csv", S("id,text\n1,a\n"), &rows, &sink));
	assert_int_equal(sink.errors, 1);
	au_claim_rows_release(&rows);
}

static void test_claims_json_rows(void **state)
{
	(void)state;
	const char *js = "[\n {\"id\": 1, \"claim\": \"增长5%\"},\n {\"claim\": 3},\n"
	                 " {\"claim\": \"a\\\"b 7%\", \"source\": \"x.md\"}\n]\n";
	au_claim_rows rows = {0};
	ss_diag_sink sink = {NULL, NULL, 0, 0};
	assert_true(au_claims_parse(AU_CLAIMS_JSON, "c.json", js, strlen(js), &rows, &sink));
	assert_int_equal(sink.errors, 1); /* a claim that is no string */
	assert_int_equal(rows.n, 2);
	assert_string_equal(rows.rows[0].id, "1");
	assert_int_equal(rows.rows[0].line, 2);
	assert_int_equal(rows.rows[1].line, 4);
	assert_string_equal(rows.rows[1].source, "x.md");
	au_claim_rows_release(&rows);
	const char *jl = "{\"claim\": \"a 5%\"}\n{bad\n\n{\"id\": 2}\n";
	sink.errors = 0;
	assert_true(au_claims_parse(AU_CLAIMS_JSONL, "c.jsonl", jl, strlen(jl), &rows, &sink));
	assert_int_equal(sink.errors, 2); /* bad JSON, no claim */
	assert_int_equal(rows.n, 1);
	au_claim_rows_release(&rows);
}

static void test_doc_matches(void **state)
{
	(void)state;
	assert_true(au_doc_matches("fixtures/a.md", "fixtures/a.md"));
	assert_true(au_doc_matches("../x/fixtures/a.md", "fixtures/a.md"));
	assert_true(au_doc_matches("fixtures/a.md", "a.md"));
	assert_false(au_doc_matches("fixtures/a.md", "b.md"));
	assert_false(au_doc_matches("fixtures/ba.md", "a.md"));
}

/* ---- ranking and verdicts, through the extractor ---- */

typedef struct {
	ss_ruleset *rs;
	au_lexicon *lx;
	au_store src, cl;
	au_verdict *v;
} judged;

static void judge_text(judged *j, const char *source, const char *claims)
{
	j->rs = ss_ruleset_new();
	assert_int_equal(ss_ruleset_add_defaults(j->rs), SS_OK);
	assert_int_equal(ss_ruleset_compile(j->rs), SS_OK);
	j->lx = au_lexicon_default(NULL);
	au_store_init(&j->src, j->lx, SS_AUDIT_TOLERANCE);
	au_store_init(&j->cl, j->lx, SS_AUDIT_TOLERANCE);
	ss_options xo = {0};
	xo.format = SS_FORMAT_TEXT;
	ss_doc *d = ss_doc_extract(j->rs, "src.txt", source, strlen(source), &xo);
	au_store_add_doc(&j->src, d, "src.txt", false);
	ss_doc_free(d);
	au_index_finish(&j->src);
	d = ss_doc_extract(j->rs, "claims.txt", claims, strlen(claims), &xo);
	au_store_add_doc(&j->cl, d, "claims.txt", true);
	ss_doc_free(d);
	j->v = calloc(j->cl.nfigs + 1, sizeof *j->v);
	au_judge_all(&j->src, &j->cl, NULL, j->v, 2);
}

static void judged_free(judged *j)
{
	for (size_t i = 0; i < j->cl.nfigs; i++)
		free(j->v[i].reason);
	free(j->v);
	au_store_release(&j->src);
	au_store_release(&j->cl);
	au_lexicon_free(j->lx);
	ss_ruleset_free(j->rs);
}

static const char *evidence_text(const judged *j, size_t i)
{
	return j->v[i].evidence >= 0 ? au_str(&j->src, j->src.figs[j->v[i].evidence].text) : "";
}

/* The seed's sentences (fixtures/nbd-financial-cloud-2021.md), as text. */
static const char seed_src[] =
	"据京东科技面向近百家金融机构的一份调研结果显示，95%以上金融机构都认识到了数字化转型的重要性。"
	"其中近30%的金融机构受访者认为，云计算将是未来金融数字化实现技术突破的基础能力，"
	"而在云计算之上，70%的金融机构希望能够借助数字化的联结能力，去实现产业联结。\n\n"
	"根据《2021中国私人财富报告》显示，2021年中国高净值人群年轻化趋势凸显，"
	"40岁以下高净值人群成为中坚力量，占比升至42%，董监高、职业经理人（非董监高）、"
	"专业人士群体规模首次超越创富一代企业家群体，占比升至43%。\n";

static void test_seed_cases(void **state)
{
	(void)state;
	judged j;
	judge_text(&j, seed_src,
	           "超过九成金融机构认识到数字化转型的重要性。\n\n"
	           "约三成受访金融机构认为云计算是基础能力。\n\n"
	           "40岁以下高净值人群占比升至43%。\n\n"
	           "乐视以20亿美元收购Vizio。\n\n"
	           "70%的金融机构认为云计算将是基础能力。\n");
	assert_int_equal(j.cl.nfigs, 5);
	assert_int_equal(j.v[0].kind, AU_SUPPORTED); /* by 95%以上 */
	assert_string_equal(evidence_text(&j, 0), "95%以上");
	assert_int_equal(j.v[1].kind, AU_SUPPORTED); /* by 近30% */
	assert_string_equal(evidence_text(&j, 1), "近30%");
	assert_int_equal(j.v[2].kind, AU_CONTRADICTED);
	assert_int_equal(j.v[2].field, AU_FIELD_VALUE);
	assert_string_equal(j.v[2].reason, "value: source says 42%, claim says 43%");
	assert_int_equal(j.v[3].kind, AU_UNSUPPORTED); /* no USD at all */
	assert_int_not_equal(j.v[4].kind, AU_SUPPORTED); /* never by 产业联结's 70% */
	judged_free(&j);
}

static void test_verdict_reasons(void **state)
{
	(void)state;
	judged j;
	judge_text(&j,
	           "2017年江苏银行实现营业收入338.39亿元，同比增长7.58%。"
	           "不良贷款率1.41%，同比下降0.02个百分点。"
	           "拨备覆盖率184.25%，同比提升3.69个百分点。\n",
	           "江苏银行2017年营收同比下降7.58%。\n\n"
	           "不良贷款率同比下降0.02%。\n\n"
	           "江苏银行2017年营收338.39万元。\n\n"
	           "2016年江苏银行营业收入338.39亿元。\n");
	assert_int_equal(j.cl.nfigs, 4);
	assert_int_equal(j.v[0].field, AU_FIELD_DIRECTION);
	assert_int_equal(j.v[1].field, AU_FIELD_UNIT); /* pp written as % */
	assert_int_equal(j.v[2].field, AU_FIELD_VALUE); /* 万 for 亿 */
	assert_int_equal(j.v[3].field, AU_FIELD_PERIOD);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(j.v[i].kind, AU_CONTRADICTED);
	judged_free(&j);
}

static void test_ranking_by_own_clause(void **state)
{
	(void)state;
	/* the same words in one sentence: only the clause of each figure tells
	 * 同比 (35.4%) from 较2019年同期 (30.3%) */
	judged j;
	judge_text(&j, "实际使用外资金额4810亿元人民币，同比增长35.4%，较2019年同期增长30.3%。\n",
	           "实际使用外资较2019年同期增长30.3%。\n\n实际使用外资同比增长30.3%。\n");
	assert_int_equal(j.cl.nfigs, 2);
	assert_int_equal(j.v[0].kind, AU_SUPPORTED);
	assert_int_equal(j.v[1].kind, AU_CONTRADICTED);
	assert_string_equal(evidence_text(&j, 1), "同比增长35.4%");
	judged_free(&j);
}

/* corpus/html/blog-wind-20240806.md: 融券余额 and 转融券余额, never
 * 融资余额. A claim about 融资余额 shares 截至8月2日, 余额 and 已降至 with
 * both figures; its own term (融资) stands nowhere near them, and theirs
 * (融券, 转融券) not in the claim: distinct terms, so the claim is
 * unsupported, never contradicted by 171亿元 (nor supported by an equal 212亿元). */
static void test_distinct_subjects(void **state)
{
	(void)state;
	judged j;
	judge_text(&j,
	           "截至8月2日，转融券余额已降至171亿元，较7月10日新规前降幅超过40%；"
	           "融券余额已降至212亿元，较新规前降幅超过30%。\n",
	           "截至8月2日，融资余额已降至212亿元。\n");
	assert_int_equal(j.cl.nfigs, 1);
	assert_int_equal(j.v[0].kind, AU_UNSUPPORTED);
	judged_free(&j);
}

/* corpus/text/finna-p3517.txt: a level (规模为44.12亿元), the level it is
 * compared with (43.15亿元) and the change (小幅提升了0.97亿元) in one
 * sentence. A claim of the change is about the change, and one of the
 * level about the level: in money a balance and its change are two
 * quantities. */
static void test_level_and_change(void **state)
{
	(void)state;
	judged j;
	judge_text(&j,
	           "易方达亚洲精选（QDII）规模为44.12亿元，较三季度末的43.15亿元，"
	           "小幅提升了0.97亿元。\n",
	           "易方达亚洲精选（QDII）规模较三季度末小幅提升了0.97亿元。\n\n"
	           "易方达亚洲精选（QDII）规模为44.12亿元。\n");
	assert_int_equal(j.cl.nfigs, 2);
	assert_int_equal(j.v[0].kind, AU_SUPPORTED);
	assert_string_equal(evidence_text(&j, 0), "小幅提升了0.97亿元");
	assert_int_equal(j.v[1].kind, AU_SUPPORTED);
	assert_string_equal(evidence_text(&j, 1), "44.12亿元");
	judged_free(&j);
}

/* corpus/text/finna-p1675.txt: 增幅比上年提高3.9个百分点 is the size of the
 * change of 人均可支配收入 (a size line of the audit lexicon), so a claim
 * about how much faster 人均可支配收入 grew is about it, not about the
 * change 同比增长9.1% whose subject it names. */
static void test_size_of_change(void **state)
{
	(void)state;
	judged j;
	judge_text(&j,
	           "尽管2021年受新冠肺炎疫情影响，该市地区生产总值依然达到了16355.32亿元人民币，"
	           "同比增长7.5%；人均可支配收入达到66140元，同比增长9.1%，"
	           "增幅比上年提高3.9个百分点。\n",
	           "该市人均可支配收入增幅比上年提高3.9个百分点。\n");
	assert_int_equal(j.cl.nfigs, 1);
	assert_int_equal(j.v[0].kind, AU_SUPPORTED);
	assert_string_equal(evidence_text(&j, 0), "比上年提高3.9个百分点");
	judged_free(&j);
}

/* corpus/html/hexo-nbd-20211012-margin-balance.md: 1240只 counts the stocks
 * with net margin buying; 66只 those whose net buying exceeds 10% of their
 * turnover (成交金额, a listed metric). A claim that names no metric is not
 * about the figure whose clause does, though its wording (融资净买入, where
 * the source of 1240只 writes 融资资金净买入) shares a rare bigram with it. */
static void test_unnamed_metric(void **state)
{
	(void)state;
	judged j;
	judge_text(&j,
	           "截至10月11日，沪深两市的融资融券余额为18582.47亿元，环比增加40.2亿元，"
	           "其中融资余额16995.67亿元，环比增加34.41亿元。\n\n"
	           "10月11日两市共有1240只个股有融资资金净买入。"
	           "共有66只股票融资净买入额占总成交金额比例超10%，其中卓越新能、三生国健、"
	           "东方园林排名前三，占比分别为28.89%、26.3%、26.21%。\n\n"
	           "从融资资金净买入金额来看，共有15只个股净买入金额超亿元，其中中泰化学、"
	           "荣盛石化、中兵红箭排名前三，买入金额分别为2.04亿元、2.03亿元、1.89亿元。\n",
	           "当天融资净买入的个股共1240只。\n\n"
	           "10月11日有1240只个股获融资净买入。\n");
	assert_int_equal(j.cl.nfigs, 2);
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(j.v[i].kind, AU_SUPPORTED);
		assert_string_equal(evidence_text(&j, i), "1240只");
	}
	judged_free(&j);
}

/* The verdict columns of the exporters read what is attached to a doc. */
static void test_verdict_columns(void **state)
{
	(void)state;
	ss_ruleset *rs = ss_ruleset_new();
	assert_int_equal(ss_ruleset_add_defaults(rs), SS_OK);
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	ss_options xo = {0};
	xo.format = SS_FORMAT_TEXT;
	ss_doc *doc = ss_doc_extract(rs, "c.txt", S("占比升至43%。"), &xo);
	assert_int_equal(ss_doc_fact_count(doc), 1);
	const ss_column *verdict = ss_column_find(S("verdict"));
	const ss_column *start = ss_column_find(S("evidence_start"));
	assert_non_null(verdict);
	assert_non_null(start);
	ss_buf b = SS_BUF_INIT;
	assert_true(ss_column_get(verdict, doc, 0, &b).is_null); /* nothing attached */
	ss_verdict v;
	memset(&v, 0, sizeof v);
	v.kind = SS_VERDICT_CONTRADICTED;
	v.verdict = "contradicted";
	v.doc = "s.md";
	v.start = 3428;
	ss_doc_set_verdicts(doc, &v);
	ss_field f = ss_column_get(verdict, doc, 0, &b);
	assert_string_equal(f.s, "contradicted");
	f = ss_column_get(start, doc, 0, &b);
	assert_string_equal(f.s, "3428");
	v.doc = NULL; /* unsupported: no evidence, null offsets */
	assert_true(ss_column_get(start, doc, 0, &b).is_null);
	assert_null(ss_doc_verdict(doc, 1));
	ss_buf_release(&b);
	ss_doc_free(doc);
	ss_ruleset_free(rs);
}

/* The public audit API: misuse is an error; verdicts outlive the index and
 * the documents; attach checks the fact count. The seed's 42% (line 62,
 * bytes [3428, 3431)) contradicts a claim of 43%. */
static void test_public_api(void **state)
{
	(void)state;
	ss_ruleset *rs = ss_ruleset_new();
	assert_int_equal(ss_ruleset_add_defaults(rs), SS_OK);
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	ss_verdicts *vs = (ss_verdicts *)1;
	assert_int_equal(ss_audit_judge(NULL, NULL, 0, NULL, 1, &vs), SS_ERR_USAGE);
	assert_null(vs);
	ss_audit *a = ss_audit_new();
	assert_non_null(a);
	assert_int_equal(ss_audit_set_tolerance(a, 1.5), SS_ERR_CONFIG);
	assert_int_equal(ss_audit_add_source(a, NULL), SS_ERR_USAGE);
	char *src;
	size_t len;
	assert_int_equal(ss_read_file("fixtures/nbd-financial-cloud-2021.md", &src, &len), 0);
	ss_doc *s = ss_doc_extract(rs, "seed.md", src, len, NULL);
	const ss_doc *claim = ss_doc_extract(rs, "c.txt", S("40岁以下高净值人群占比升至43%。"), NULL);
	assert_int_equal(ss_audit_judge(a, &claim, 1, NULL, 1, &vs), SS_ERR_USAGE); /* not finished */
	assert_int_equal(ss_audit_add_source(a, s), SS_OK);
	ss_doc_free(s);
	free(src);
	assert_int_equal(ss_audit_finish(a), SS_OK);
	assert_int_equal(ss_audit_add_source(a, claim), SS_ERR_USAGE); /* finished */
	assert_int_equal(ss_audit_source_count(a), 1);
	assert_int_equal(ss_audit_judge(a, &claim, 1, NULL, 2, &vs), SS_OK);
	ss_audit_free(a); /* the verdicts keep their own strings */
	assert_int_equal(ss_verdicts_count(vs), 1);
	assert_null(ss_verdicts_at(vs, 1));
	const ss_verdict *v = ss_verdicts_at(vs, 0);
	assert_int_equal(ss_verdict_kind_of(v), SS_VERDICT_CONTRADICTED);
	assert_string_equal(ss_verdict_name(v), "contradicted");
	assert_string_equal(ss_verdict_field(v), "value");
	assert_string_equal(ss_verdict_reason(v), "value: source says 42%, claim says 43%");
	assert_string_equal(ss_verdict_claim_text(v), "43%");
	assert_string_equal(ss_verdict_claim_value(v), "43");
	assert_string_equal(ss_verdict_value(v), "42");
	assert_string_equal(ss_verdict_unit(v), "%");
	assert_string_equal(ss_verdict_doc(v), "seed.md");
	size_t st, en;
	ss_verdict_span(v, &st, &en);
	assert_int_equal(st, 3428);
	assert_int_equal(en, 3431);
	assert_int_equal(ss_verdict_line(v), 62);
	assert_int_equal(ss_verdict_page(v), 0);
	assert_null(ss_verdict_box(v));
	assert_null(ss_verdict_claim_id(v));
	assert_int_equal(ss_verdicts_set_claim(vs, 0, "r1", 3, 7), SS_OK);
	assert_string_equal(ss_verdict_claim_id(v), "r1");
	assert_int_equal(ss_verdict_claim_line(v), 3);
	assert_int_equal(ss_verdicts_set_claim(vs, 1, "x", 1, 1), SS_ERR_USAGE);
	assert_int_equal(ss_verdicts_attach(vs, 1, (ss_doc *)claim), SS_ERR_USAGE);
	assert_int_equal(ss_verdicts_attach(vs, 0, (ss_doc *)claim), SS_OK);
	assert_ptr_equal(ss_doc_verdict(claim, 0), v);
	ss_doc_free((ss_doc *)claim);
	ss_verdicts_free(vs);
	ss_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_precision_written_places),
		cmocka_unit_test(test_precision_chinese_numerals),
		cmocka_unit_test(test_interval_exact_half_open),
		cmocka_unit_test(test_interval_qualifiers),
		cmocka_unit_test(test_interval_bounds_from_fact),
		cmocka_unit_test(test_interval_negative_change),
		cmocka_unit_test(test_interval_rescaled_money),
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_lexicon_errors),
		cmocka_unit_test(test_context_synonyms_meet),
		cmocka_unit_test(test_context_markets),
		cmocka_unit_test(test_context_weights_by_clause),
		cmocka_unit_test(test_period_parse),
		cmocka_unit_test(test_claims_sniff),
		cmocka_unit_test(test_claims_csv_rows_and_errors),
		cmocka_unit_test(test_claims_json_rows),
		cmocka_unit_test(test_doc_matches),
		cmocka_unit_test(test_seed_cases),
		cmocka_unit_test(test_verdict_reasons),
		cmocka_unit_test(test_ranking_by_own_clause),
		cmocka_unit_test(test_distinct_subjects),
		cmocka_unit_test(test_level_and_change),
		cmocka_unit_test(test_unnamed_metric),
		cmocka_unit_test(test_size_of_change),
		cmocka_unit_test(test_verdict_columns),
		cmocka_unit_test(test_public_api),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
