/* test_table.c - tables as rows of cells (text/table.c) and the figures of
 * their cells (facts/table.c), on small hand-made HTML, Markdown and text
 * tables. Each expected value is worked out from the table as written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "facts/facts.h"

#include "default_rules.h"

/* ---- the text stage ---- */

static void cell_is(const char *s, const ss_tables *t, size_t i, const char *want)
{
	assert_true(i < t->ncells);
	const ss_cell *c = &t->cells[i];
	assert_int_equal(c->end - c->start, strlen(want));
	assert_memory_equal(s + c->start, want, strlen(want));
}

static bool cell_text_is(const char *s, const ss_tables *t, size_t i, const char *want)
{
	const ss_cell *c = &t->cells[i];
	return c->end - c->start == strlen(want) && !memcmp(s + c->start, want, strlen(want));
}

static void test_cell_numbers(void **state)
{
	(void)state;
	static const char *const yes[] = {"0", "12", "1,234", "1,234.50", "-94,705.69", "+3.5",
	                                  "(142.8)", "(1,512)", "0.0200", "8474390037"};
	static const char *const no[] = {"", "-", "2024-12-04", "1,23", "12,3456", "1.", ".5",
	                                 "(12", "12%", "12亿", "2720A", ",123"};
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
		assert_true(ss_cell_is_number(yes[i], strlen(yes[i])));
	for (size_t i = 0; i < sizeof no / sizeof *no; i++)
		assert_false(ss_cell_is_number(no[i], strlen(no[i])));
}

/* The numbers ss_glued_split cuts run into, joined by '|'. */
static void glued_is(const char *run, const char *want)
{
	size_t cuts[16], n = ss_glued_split(run, 0, strlen(run), cuts, 16);
	char got[256] = "";
	for (size_t k = 0, from = 0; k < n; from = cuts[k++]) {
		if (k)
			strcat(got, "|");
		strncat(got, run + from, cuts[k] - from);
	}
	assert_string_equal(got, want);
}

static void test_glued_numbers(void **state)
{
	(void)state;
	glued_is("2,071,488,667.07-7.25%5,772,994,487.89-1.05%",
	         "2,071,488,667.07|-7.25%|5,772,994,487.89|-1.05%");
	/* a dropped trailing zero: the only well-formed cut */
	glued_is("5,730,900.47,577,810.28", "5,730,900.4|7,577,810.28");
	/* a lone 0 before the next number; four decimals of a per-share figure */
	glued_is("0182,378.28182,378.28-94,705.69", "0|182,378.28|182,378.28|-94,705.69");
	glued_is("0.0647-30.36%0.1699-17.04%", "0.0647|-30.36%|0.1699|-17.04%");
	/* -- is an empty cell */
	glued_is("-----150,956,664.73-184.84%", "--|--|-150,956,664.73|-184.84%");
	/* a range of a headline is no run of cells */
	glued_is("1240%-1483%", "");
	glued_is("2024", "");
}

/* The rows of a text of one line. */
static size_t rows_of(const char *s, ss_tables *t)
{
	ss_tables_find(s, strlen(s), t);
	return t->nrows;
}

/* What parts cells: two spaces (not at the ends), a tab, two pipes, or
 * numbers glued after a label with no punctuation of running text. */
static void test_what_parts_cells(void **state)
{
	(void)state;
	ss_tables t = {0};
	const char *s = "营业收入  100  200";
	assert_int_equal(rows_of(s, &t), 1);
	assert_int_equal(t.rows[0].ncells, 3);
	cell_is(s, &t, 0, "营业收入");
	cell_is(s, &t, 2, "200");
	s = "营业收入\t100";
	assert_int_equal(rows_of(s, &t), 1);
	cell_is(s, &t, 1, "100");
	assert_int_equal(rows_of("说明 文字 100", &t), 0);
	assert_int_equal(rows_of("  前后  ", &t), 0);
	assert_int_equal(rows_of("a|b 1", &t), 0);
	s = "同比增长1.5%2.5%3.5%";
	assert_int_equal(rows_of(s, &t), 1);
	assert_int_equal(t.rows[0].ncells, 4);
	cell_is(s, &t, 0, "同比增长");
	cell_is(s, &t, 3, "3.5%");
	assert_int_equal(rows_of("同比，增长1.5%2.5%3.5%", &t), 0);
	assert_int_equal(rows_of("同比。增长1.5%2.5%3.5%", &t), 0);
	assert_int_equal(rows_of("同比；增长1.5%2.5%3.5%", &t), 0);
	assert_int_equal(rows_of("同比;增长1.5%2.5%3.5%", &t), 0);
	ss_tables_release(&t);
}

/* The same wherever in a long line the two spaces, the tab or the pipes
 * stand (the line is read sixteen bytes at a time): at every offset, and a
 * lone space at every offset is none. */
static void test_parts_anywhere(void **state)
{
	(void)state;
	ss_tables t = {0};
	char s[128];
	for (size_t pad = 0; pad < 48; pad++) {
		memset(s, 'x', pad);
		strcpy(s + pad, "收入  100");
		assert_int_equal(rows_of(s, &t), 1);
		assert_int_equal(t.rows[0].ncells, 2);
		cell_is(s, &t, 1, "100");
		strcpy(s + pad, "收入\t100");
		assert_int_equal(rows_of(s, &t), 1);
		assert_int_equal(t.rows[0].ncells, 2);
		strcpy(s + pad, "收|入|100");
		assert_int_equal(rows_of(s, &t), 1);
		assert_int_equal(t.rows[0].ncells, 3);
		strcpy(s + pad, "收入 说明 文字 100");
		assert_int_equal(rows_of(s, &t), 0);
	}
	ss_tables_release(&t);
}

static void test_tab_rows_and_head(void **state)
{
	(void)state;
	/* a PDF's rows: blank lines between them, the unit line above */
	const char *s = "说明如下：\n\n单位:万元\n\n项目\t2023年\t2022年\n\n营业收入\t1,200\t\n\n"
	                "净利润\t(30)\t25\n\n后文一句。";
	ss_tables t = {0};
	ss_tables_find(s, strlen(s), &t);
	assert_int_equal(t.ntables, 1);
	assert_int_equal(t.tables[0].nrows, 3);
	assert_true(t.tables[0].header);
	/* the head: the 单位 line, not the sentence ending with a colon */
	const ss_table *tb = &t.tables[0];
	assert_memory_equal(s + tb->head_start, "单位:万元", strlen("单位:万元"));
	const ss_row *r = &t.rows[1];
	assert_int_equal(r->ncells, 3); /* the trailing tab parts an empty cell */
	cell_is(s, &t, r->cell, "营业收入");
	cell_is(s, &t, r->cell + 1, "1,200");
	cell_is(s, &t, r->cell + 2, "");
	cell_is(s, &t, t.rows[2].cell + 1, "(30)");
	ss_tables_release(&t);
}

static void test_pipe_and_aligned_rows(void **state)
{
	(void)state;
	const char *s = "| 指标 | 2024年报 |\n|---|---|\n| 股息率(%) | 66.94 |\n\n"
	                "一段文字，没有表格。\n主要数据\n营业收入    100.5   12.3%\n";
	ss_tables t = {0};
	ss_tables_find(s, strlen(s), &t);
	assert_int_equal(t.ntables, 2);
	assert_int_equal(t.tables[0].nrows, 2); /* the delimiter row is no row */
	assert_true(t.tables[0].header);
	cell_is(s, &t, t.rows[1].cell, "股息率(%)");
	cell_is(s, &t, t.rows[1].cell + 1, "66.94");
	/* two or more spaces part the cells of an aligned table */
	const ss_row *r = &t.rows[t.tables[1].row];
	assert_int_equal(r->ncells, 3);
	cell_is(s, &t, r->cell + 2, "12.3%");
	assert_false(t.tables[1].header);
	ss_tables_release(&t);
}

static void test_flattened_table(void **state)
{
	(void)state;
	/* a whole table as one line: empty cells before a name part its rows */
	const char *s = "| 营业额 | 44,780 | 14.6% | 78,383 | 74,018 | 80,838 | | | 销售成本 | (32,404) "
	                "| 13.5% | (57,480) | (54,442) | (62,542) | | | | 毛利 | 12,375 | 17.6% |\n";
	ss_tables t = {0};
	ss_tables_find(s, strlen(s), &t);
	assert_int_equal(t.ntables, 1);
	assert_int_equal(t.tables[0].nrows, 3);
	cell_is(s, &t, t.rows[1].cell, "销售成本");
	assert_int_equal(t.rows[1].ncells, 6);
	cell_is(s, &t, t.rows[2].cell, "毛利");
	cell_is(s, &t, t.rows[2].cell + 2, "17.6%");
	ss_tables_release(&t);
}

/* fixtures/eval/tc/tw-moneydj-is-016.txt: a statement flattened with one
 * empty cell between rows; a row ends in a number, the next opens with a
 * name, a section row is a name and empty cells. */
static void test_flattened_one_gap(void **state)
{
	(void)state;
	const char *s = "| 會計項目 | 114年第3季 | 113年第3季 | | | 金額 | % | 金額 | % | | 營業收入 "
	                "| | | | | | 營業收入合計 | 176,285,524 | 100.00 | 163,815,390 | 100.00 | "
	                "| 營業成本合計 | 167,409,385 | 94.96 | 155,180,943 | 94.73 | | 營業毛利 "
	                "| 8,876,139 | 5.04 | 8,634,447 | 5.27 |\n";
	ss_tables t = {0};
	ss_tables_find(s, strlen(s), &t);
	assert_int_equal(t.ntables, 1);
	const ss_row *r = &t.rows[t.tables[0].row];
	size_t n = t.tables[0].nrows, k = 0;
	while (k < n && !cell_text_is(s, &t, r[k].cell, "營業成本合計"))
		k++;
	assert_true(k + 1 < n);
	assert_int_equal(r[k].ncells, 5);
	cell_is(s, &t, r[k].cell + 2, "94.96");
	cell_is(s, &t, r[k + 1].cell, "營業毛利");
	assert_int_equal(r[k + 1].ncells, 5);
	ss_tables_release(&t);
}

/* fixtures/eval/tc/tw-moneydj-is-016.txt: where one empty cell parts
 * every row (each number before a name crosses one), it parts the head's
 * rows too; the title and the unit line ahead of the header are the
 * table's head, not rows. */
static void test_flattened_head(void **state)
{
	(void)state;
	const char *s = "| 民國114年第3季 | | 單位:新台幣仟元 | | 會計項目 | 114年第3季 | 113年第3季 | | "
	                "| 金額 | % | 金額 | % | | 營業收入 | | | | | | 營業收入合計 | 176,285,524 | "
	                "100.00 | 163,815,390 | 100.00 | | 營業成本合計 | 167,409,385 | 94.96 | "
	                "155,180,943 | 94.73 | | 營業毛利 | 8,876,139 | 5.04 | 8,634,447 | 5.27 |\n";
	ss_tables t = {0};
	ss_tables_find(s, strlen(s), &t);
	assert_int_equal(t.ntables, 1);
	const ss_table *tb = &t.tables[0];
	const char *head = "| 民國114年第3季 | | 單位:新台幣仟元";
	assert_int_equal(tb->head_end - tb->head_start, strlen(head));
	assert_memory_equal(s + tb->head_start, head, strlen(head));
	assert_true(tb->header);
	assert_int_equal(tb->nrows, 6);
	const ss_row *r = &t.rows[tb->row];
	assert_int_equal(r[0].ncells, 3);
	cell_is(s, &t, r[0].cell, "會計項目");
	assert_int_equal(r[1].ncells, 4);
	cell_is(s, &t, r[1].cell, "金額");
	cell_is(s, &t, r[1].cell + 3, "%");
	assert_int_equal(r[2].ncells, 1);
	cell_is(s, &t, r[2].cell, "營業收入");
	assert_int_equal(r[4].ncells, 5);
	cell_is(s, &t, r[4].cell, "營業成本合計");
	ss_tables_release(&t);
}

/* fixtures/eval/tc/hk-etnet-pl-018.txt: rows run on with no empty cell
 * between them (| 85,262,000 | 銷售成本 |); a name at every multiple of the
 * rows' width, figures and dashes between, starts a row. */
static void test_flattened_no_gap(void **state)
{
	(void)state;
	const char *s = "營業額 / 收益 | 79,721,000 | 11.489% | 71,506,000 | 85,262,000 | 銷售成本 | "
	                "(45,531,000) | 15.879% | (39,292,000) | (40,493,000) | | 毛利 | 34,190,000 | "
	                "6.134% | 32,214,000 | 44,769,000 | | 其他項目 | -- | -- | -- | (66,000) | 稅項 "
	                "| (4,869,000) | 22.398% | (3,978,000) | (9,230,000) |\n"
	                "每股盈利 (仙) | 665.000 | -- | 657.000 | 每股派息 (仙) | 375.000 | -- | 375.000 | "
	                "派息比率 (%) | 56.391% | -- | 57.078% |\n";
	ss_tables t = {0};
	ss_tables_find(s, strlen(s), &t);
	assert_int_equal(t.ntables, 1);
	assert_int_equal(t.tables[0].nrows, 8);
	static const char *const labels[] = {"營業額 / 收益", "銷售成本", "毛利", "其他項目",
	                                     "稅項", "每股盈利 (仙)", "每股派息 (仙)", "派息比率 (%)"};
	for (size_t k = 0; k < 8; k++) {
		const ss_row *r = &t.rows[t.tables[0].row + k];
		cell_is(s, &t, r->cell, labels[k]);
		assert_int_equal(r->ncells, k < 5 ? 5 : 4);
	}
	cell_is(s, &t, t.rows[1].cell + 2, "15.879%");
	/* names at irregular places, or with words between: one row */
	s = "| 甲 | 1 | 2 | 3 | 乙 | 4 | 5 | 丙 | 6 | 7 | 8 | 9 |\n";
	assert_int_equal(rows_of(s, &t), 1);
	s = "| 甲 | 1 | 說明 | 2 | 乙 | 3 | 說明 | 4 | 丙 | 5 | 說明 | 6 |\n";
	assert_int_equal(rows_of(s, &t), 1);
	ss_tables_release(&t);
}

static void test_number_under_label(void **state)
{
	(void)state;
	const char *s = "上年同期每股收益(元)\n0.0200\n公告日期\n2023-01-30\n";
	ss_tables t = {0};
	ss_tables_find(s, strlen(s), &t);
	assert_int_equal(t.ntables, 1); /* a date under its label is no number */
	cell_is(s, &t, t.rows[0].cell, "上年同期每股收益(元)");
	cell_is(s, &t, t.rows[0].cell + 1, "0.0200");
	ss_tables_release(&t);
}

/* ---- figures of cells ---- */

static ss_doc *run(const char *src, ss_format fmt)
{
	ss_options *o = ss_options_new();
	ss_options_set_format(o, fmt);
	ss_doc *d = ss_doc_extract(rs, "t", src, strlen(src), o);
	ss_options_free(o);
	return d;
}

static const ss_fact *fact_with(const ss_doc *d, const char *src, const char *text, int nth)
{
	for (size_t i = 0; i < ss_doc_fact_count(d); i++) {
		const ss_fact *f = ss_doc_fact(d, i);
		size_t a, b;
		ss_fact_span(f, &a, &b);
		if (b - a == strlen(text) && !memcmp(src + a, text, b - a) && nth-- == 0)
			return f;
	}
	return NULL;
}

static void field_is(const ss_doc *d, ss_tspan sp, const char *want)
{
	char *got = ss_doc_span_str(d, sp);
	assert_string_equal(got, want);
	free(got);
}

static void check(const ss_doc *d, const char *src, const char *text, int nth, ss_kind kind,
                  const char *value, const char *unit, const char *subject, const char *period)
{
	const ss_fact *f = fact_with(d, src, text, nth);
	assert_non_null(f);
	assert_int_equal(ss_fact_kind(f), kind);
	assert_string_equal(ss_fact_value_str(f), value);
	assert_string_equal(ss_fact_unit(f), unit);
	field_is(d, ss_fact_subject(f), subject);
	field_is(d, ss_fact_period(f), period);
}

static void test_html_table(void **state)
{
	(void)state;
	const char *src = "<html><body><p>单位：万元</p><table>"
	                  "<tr><th>项目</th><th>2023年</th><th>本期比上年同期增减(%)</th></tr>"
	                  "<tr><td>营业收入</td><td>1,234.5</td><td>-3.2</td></tr>"
	                  "<tr><td>净利润</td><td>(142.8)</td><td>5</td></tr>"
	                  "<tr><td>股票代码</td><td>600000</td><td></td></tr>"
	                  "</table></body></html>";
	ss_doc *d = run(src, SS_FORMAT_HTML);
	/* 1,234.5 万元 = 12,345,000 CNY; (142.8) 万元 is negative */
	check(d, src, "1,234.5", 0, SS_KIND_MONEY, "12345000", "CNY", "营业收入", "2023年");
	check(d, src, "(142.8)", 0, SS_KIND_MONEY, "-1428000", "CNY", "净利润", "2023年");
	/* the change column: signed, its unit the header's (%), its period the
	 * first period word of the header */
	check(d, src, "-3.2", 0, SS_KIND_CHANGE, "-3.2", "%", "营业收入", "本期");
	assert_int_equal(ss_fact_direction(fact_with(d, src, "-3.2", 0)), SS_DIR_DOWN);
	assert_int_equal(ss_fact_direction(fact_with(d, src, "5", 0)), SS_DIR_UP);
	/* a code is no figure, and neither is the unit line */
	assert_null(fact_with(d, src, "600000", 0));
	assert_int_equal(ss_doc_fact_count(d), 4);
	ss_doc_free(d);
}

static void test_html_without_units(void **state)
{
	(void)state;
	/* a ticker table names no unit: its bare numbers are no facts */
	const char *src = "<html><body><table><tr><th>名称</th><th>最新价</th></tr>"
	                  "<tr><td>上证指数</td><td>3,051.2</td></tr></table></body></html>";
	ss_doc *d = run(src, SS_FORMAT_HTML);
	assert_int_equal(ss_doc_fact_count(d), 0);
	ss_doc_free(d);
}

static void test_markdown_table(void **state)
{
	(void)state;
	/* a header without its corner cell (its last cell empty) stands one left */
	const char *src = "| 2024年报 | 2023年报 | |\n|---|---|---|\n"
	                  "| 每股派息(税前)(元) | 0.18 | 0.32 |\n| 股息率(%) | 66.94 | - |\n"
	                  "| 转增比例 | 0.40 | - |\n";
	ss_doc *d = run(src, SS_FORMAT_MARKDOWN);
	check(d, src, "0.18", 0, SS_KIND_MONEY, "0.18", "CNY", "每股派息(税前)", "2024年报");
	check(d, src, "0.32", 0, SS_KIND_MONEY, "0.32", "CNY", "每股派息(税前)", "2023年报");
	check(d, src, "66.94", 0, SS_KIND_PERCENT, "66.94", "%", "股息率", "2024年报");
	assert_null(fact_with(d, src, "0.40", 0)); /* no unit named */
	assert_int_equal(ss_doc_fact_count(d), 3);
	ss_doc_free(d);
}

static void test_text_tables(void **state)
{
	(void)state;
	const char *src = "发售股份数目\t28,205,000\n\n所得款项总额\t345.5百万港元\n\n"
	                  "上年同期每股收益(元)\n0.0600\n";
	ss_doc *d = run(src, SS_FORMAT_TEXT);
	/* the label's unit word: shares */
	check(d, src, "28,205,000", 0, SS_KIND_COUNT, "28205000", "股", "发售股份数目", "");
	/* a cell's own figure keeps its unit and takes the row label */
	check(d, src, "345.5百万港元", 0, SS_KIND_MONEY, "345500000", "HKD", "所得款项总额", "");
	/* the label's period word is the period, the rest the subject */
	check(d, src, "0.0600", 0, SS_KIND_MONEY, "0.06", "CNY", "每股收益", "上年同期");
	ss_doc_free(d);

	/* rows of months, columns of metrics: the other way round */
	src = "年/月  营收(亿元)  月增率(%)\n2024/10  11.12  15.33\n2024/9  9.64  -12.12\n";
	d = run(src, SS_FORMAT_TEXT);
	check(d, src, "11.12", 0, SS_KIND_MONEY, "1112000000", "CNY", "营收", "2024/10");
	check(d, src, "-12.12", 0, SS_KIND_CHANGE, "-12.12", "%", "月增率", "2024/9");
	assert_int_equal(ss_fact_direction(fact_with(d, src, "15.33", 0)), SS_DIR_UP);
	ss_doc_free(d);

	/* a row whose numbers run together: the cells, with the sign of each */
	src = "一、营业收入(元)1,000.50-7.25%2,000.00\n";
	d = run(src, SS_FORMAT_TEXT);
	check(d, src, "1,000.50", 0, SS_KIND_MONEY, "1000.5", "CNY", "营业收入", "");
	check(d, src, "-7.25%", 0, SS_KIND_PERCENT, "-7.25", "%", "营业收入", "");
	check(d, src, "2,000.00", 0, SS_KIND_MONEY, "2000", "CNY", "营业收入", "");
	assert_int_equal(ss_doc_fact_count(d), 3);
	ss_doc_free(d);

	/* and a header whose cells run together, parted at its years */
	src = "利润表\n2024年中报2023年年报2022年年报\n营业收入(元)1.001,000.502.00\n";
	d = run(src, SS_FORMAT_TEXT);
	check(d, src, "1.00", 0, SS_KIND_MONEY, "1", "CNY", "营业收入", "2024年中报");
	check(d, src, "1,000.50", 0, SS_KIND_MONEY, "1000.5", "CNY", "营业收入", "2023年年报");
	check(d, src, "2.00", 0, SS_KIND_MONEY, "2", "CNY", "营业收入", "2022年年报");
	ss_doc_free(d);

	/* a header of words run together, parted at its words: a comparison
	 * (比上年同期增减) belongs to the period before it, a change word after a
	 * plain period opens a column of its own */
	src = "主要会计数据\n 本报告期本报告期比上年同期 增减年初至报告期末年初至报告期末比上 "
	      "年同期增减\n营业收入(元)1,000.50-7.25%2,000.00-1.05%\n";
	d = run(src, SS_FORMAT_TEXT);
	check(d, src, "1,000.50", 0, SS_KIND_MONEY, "1000.5", "CNY", "营业收入", "本报告期");
	check(d, src, "-7.25%", 0, SS_KIND_CHANGE, "-7.25", "%", "营业收入", "本报告期");
	check(d, src, "2,000.00", 0, SS_KIND_MONEY, "2000", "CNY", "营业收入", "年初至报告期末");
	check(d, src, "-1.05%", 0, SS_KIND_CHANGE, "-1.05", "%", "营业收入", "年初至报告期末");
	assert_int_equal(ss_fact_direction(fact_with(d, src, "-1.05%", 0)), SS_DIR_DOWN);
	ss_doc_free(d);
	src = "单位：万元\n本报告期上年同期增减变动幅度(%)\n营业收入\t12\t10\t20.00\n";
	d = run(src, SS_FORMAT_TEXT);
	check(d, src, "12", 0, SS_KIND_MONEY, "120000", "CNY", "营业收入", "本报告期");
	check(d, src, "10", 0, SS_KIND_MONEY, "100000", "CNY", "营业收入", "上年同期");
	check(d, src, "20.00", 0, SS_KIND_CHANGE, "20", "%", "营业收入", "本报告期");
	ss_doc_free(d);
	/* a subheading row between rows of the same columns keeps the header */
	src = "利润表\n2024年中报2023年年报2022年年报\n营业收入(元)1.001,000.502.00\n六、每股收益\n"
	      "基本每股收益(元)0.550.730.34\n";
	d = run(src, SS_FORMAT_TEXT);
	check(d, src, "0.55", 0, SS_KIND_MONEY, "0.55", "CNY", "基本每股收益", "2024年中报");
	check(d, src, "0.34", 0, SS_KIND_MONEY, "0.34", "CNY", "基本每股收益", "2022年年报");
	ss_doc_free(d);
	/* a note column named on a line above: its small integers are notes */
	src = "单位：百万元\n附注四\n2024年度\t2023年度\n营业收入\t12\t44,134\t46,083\n"
	      "九、每股收益\n基本每股收益(人民币元)\t48\n";
	d = run(src, SS_FORMAT_TEXT);
	assert_null(fact_with(d, src, "12", 0));
	assert_null(fact_with(d, src, "48", 0));
	assert_non_null(fact_with(d, src, "44,134", 0));
	ss_doc_free(d);
	/* 附注4 is a footnote's mark, no note column */
	src = "单位：人\n附注4\n组别\t人数\n总计\t497\n";
	d = run(src, SS_FORMAT_TEXT);
	assert_non_null(fact_with(d, src, "497", 0));
	ss_doc_free(d);
	/* an HK results table: 與去年中期 比較 (traditional, folded) holds changes */
	src = "2025/06 - 中期 | 與去年中期 比較 | 2024/06 | |\n營業額 | 1,461,540 | 19.448% | 1,223,581 |\n"
	      "毛利 | 241,848 | -5.958% | 228,250 |\n";
	d = run(src, SS_FORMAT_TEXT);
	check(d, src, "19.448%", 0, SS_KIND_CHANGE, "19.448", "%", "營業額", "2025/06 - 中期");
	assert_int_equal(ss_fact_direction(fact_with(d, src, "-5.958%", 0)), SS_DIR_DOWN);
	ss_doc_free(d);
	/* words the lexicon does not know: no header */
	src = "主要会计数据\n本报告期净利润上年同期\n营业收入(元)1,000.50-7.25%2,000.00\n";
	d = run(src, SS_FORMAT_TEXT);
	check(d, src, "1,000.50", 0, SS_KIND_MONEY, "1000.5", "CNY", "营业收入", "");
	ss_doc_free(d);
}

static void test_unit_line_currency(void **state)
{
	(void)state;
	const char *src = "单位:万元 币种:美元\n项目  本报告期  上年同期\n收入  12  10\n";
	ss_doc *d = run(src, SS_FORMAT_TEXT);
	check(d, src, "12", 0, SS_KIND_MONEY, "120000", "USD", "收入", "本报告期");
	check(d, src, "10", 0, SS_KIND_MONEY, "100000", "USD", "收入", "上年同期");
	assert_int_equal(ss_doc_fact_count(d), 2);
	ss_doc_free(d);
}

/* A currency, then its scale in brackets (港元(千$), 人民幣(百萬)): the
 * amount's unit is the scale of that currency. */
static void test_currency_then_scale(void **state)
{
	(void)state;
	const char *src = "2025/06 - 中期 港元(千$) | 與去年中期 比較 | 2024/06 港元(千$) |\n"
	                  "營業額 | 1,461,540 | 19.448% | 1,223,581 |\n"
	                  "銷售成本 | (1,219,692) | 22.541% | (995,331) |\n";
	ss_doc *d = run(src, SS_FORMAT_TEXT);
	check(d, src, "1,461,540", 0, SS_KIND_MONEY, "1461540000", "HKD", "營業額", "2025/06 - 中期");
	check(d, src, "(995,331)", 0, SS_KIND_MONEY, "-995331000", "HKD", "銷售成本", "2024/06");
	check(d, src, "22.541%", 0, SS_KIND_CHANGE, "22.541", "%", "銷售成本", "2025/06 - 中期");
	assert_int_equal(ss_doc_fact_count(d), 6);
	ss_doc_free(d);
	src = "項目 | 2024年 人民幣(百萬) | 2023年 人民幣(百萬) |\n收益 | 1,234 | 1,000 |\n";
	d = run(src, SS_FORMAT_TEXT);
	check(d, src, "1,234", 0, SS_KIND_MONEY, "1234000000", "CNY", "收益", "2024年");
	ss_doc_free(d);
	/* a row of dashes after figures names no columns: the header holds on */
	src = "2025/06 - 中期 港元(千$) | 與去年中期 比較 | 2024/06 港元(千$) | ||\n"
	      "稅項 | (18,821) | -0.064% | (18,833) | |\n"
	      "已終止經營業務溢利 | -- | -- | -- | |\n"
	      "非控股權益 | (3,664) | 123.687% | (1,638) | |\n"
	      "股東應佔溢利 | 15,429 | -17.093% | 18,610 |\n";
	d = run(src, SS_FORMAT_TEXT);
	/* a row without the header's trailing empty cells stands as it does */
	check(d, src, "18,610", 0, SS_KIND_MONEY, "18610000", "HKD", "股東應佔溢利", "2024/06");
	check(d, src, "-17.093%", 0, SS_KIND_CHANGE, "-17.093", "%", "股東應佔溢利", "2025/06 - 中期");
	check(d, src, "(3,664)", 0, SS_KIND_MONEY, "-3664000", "HKD", "非控股權益", "2025/06 - 中期");
	check(d, src, "123.687%", 0, SS_KIND_CHANGE, "123.687", "%", "非控股權益", "2025/06 - 中期");
	ss_doc_free(d);
	/* brackets with no scale in them name no unit */
	src = "項目 | 2024年 港元(附註) | 2023年 港元(附註) |\n收益 | 1,234 | 1,000 |\n";
	d = run(src, SS_FORMAT_TEXT);
	assert_null(fact_with(d, src, "1,234", 0));
	ss_doc_free(d);
}

/* A header of bare years (2018 | 2017, as Hong Kong reports write it) names
 * the periods of its columns: it is no row of figures, and its years are
 * no amounts. A row of numbers that are no run of years stays a row. */
static void test_years_header(void **state)
{
	(void)state;
	const char *src = "單位：港幣千元\n項目  2018  2017  變動(%)\n"
	                  "營業額  2,254,170  2,113,258  +6.7\n毛利  267,467  196,065  +36.4\n";
	ss_doc *d = run(src, SS_FORMAT_TEXT);
	check(d, src, "2,254,170", 0, SS_KIND_MONEY, "2254170000", "HKD", "營業額", "2018");
	check(d, src, "2,113,258", 0, SS_KIND_MONEY, "2113258000", "HKD", "營業額", "2017");
	check(d, src, "+6.7", 0, SS_KIND_CHANGE, "6.7", "%", "營業額", "2018");
	check(d, src, "196,065", 0, SS_KIND_MONEY, "196065000", "HKD", "毛利", "2017");
	assert_null(fact_with(d, src, "2018", 0));
	assert_int_equal(ss_doc_fact_count(d), 6);
	ss_doc_free(d);
	/* the years over a row of units, its corner empty */
	src = "財務概要\n項目  2018  2017  變動\n  港幣千元  港幣千元  %\n"
	      "營業額  2,254,170  2,113,258  +6.7\n每股基本虧損(港仙)  (0.45)  (3.56)  -87.3\n";
	d = run(src, SS_FORMAT_TEXT);
	check(d, src, "2,254,170", 0, SS_KIND_MONEY, "2254170000", "HKD", "營業額", "2018");
	check(d, src, "+6.7", 0, SS_KIND_CHANGE, "6.7", "%", "營業額", "2018");
	check(d, src, "(3.56)", 0, SS_KIND_MONEY, "-0.0356", "HKD", "每股基本虧損", "2017");
	check(d, src, "-87.3", 0, SS_KIND_CHANGE, "-87.3", "%", "每股基本虧損", "2018");
	ss_doc_free(d);
	/* years that do not follow each other are figures of a row */
	src = "單位：家\n項目  本期  上期\n門店數  2018  1996\n";
	d = run(src, SS_FORMAT_TEXT);
	check(d, src, "2018", 0, SS_KIND_COUNT, "2018", "家", "門店數", "本期");
	ss_doc_free(d);
}

/* A report's highlights flattened onto one line with single spaces, English
 * and Chinese side by side (Hong Kong annual reports read as text): two
 * tables, each under its years and its row of units, every row a label and
 * as many figures as the others. */
#define HIGHLIGHTS                                                                             \
	"FINANCIAL HIGHLIGHTS 財務摘要 For the year ended 31 March 截至三月三十一日止年度 "       \
	"2021 2020 % 二零二一年 二零二零年 Change HK$'000 HK$'000 % 港幣千元 港幣千元 變動 "      \
	"Operations 業務 Revenue 收入 1,250,000 1,000,000 +25.1 Gross profit 毛利 300,500 "   \
	"280,000 +7.3 EBITDA (Note) EBITDA (附註) 150,000 120,000 +25 Profit for the year "   \
	"本年度溢利 (12,000) 40,000 N/A Basic earnings per share (HK cents) 每股基本盈利(港仙) " \
	"(1.25) 4.00 N/A Earnings per share (HK cents) 每股盈利(港仙) Basic 基本 5.63 (0.45) "  \
	"N/A Diluted 攤薄 5.22 (0.45) N/A Note: unaudited. At 31 March 三月三十一日 2021 2020 " \
	"% 二零二一年 二零二零年 Change HK$'000 HK$'000 % 港幣千元 港幣千元 變動 Total assets "  \
	"資產總值 5,000,000 4,800,000 +4.2 Total equity 權益總額 2,100,000 2,000,000 +5 Net "  \
	"asset value per share (HK$) 每股資產淨值(港元) 1.05 1.00 +5 Gearing ratio 負債比率 "    \
	"40.5% 45.0% –4.5pp 附註：本年度數字未經審核。\n"

static void test_spaced_rows(void **state)
{
	(void)state;
	ss_tables t = {0};
	const char *s = HIGHLIGHTS;
	rows_of(s, &t);
	assert_int_equal(t.ntables, 2);
	/* the years, the units, then the rows, and a parent over two of them */
	assert_int_equal(t.tables[0].nrows, 2 + 5 + 1 + 2);
	assert_int_equal(t.tables[1].nrows, 2 + 4);
	const ss_row *r = &t.rows[t.tables[0].row + 2];
	assert_int_equal(r->ncells, 4);
	cell_is(s, &t, r->cell, "收入");
	cell_is(s, &t, r->cell + 3, "+25.1");
	cell_is(s, &t, t.rows[t.tables[0].row + 4].cell, "EBITDA (附註)");
	r = &t.rows[t.tables[0].row + 6];
	cell_is(s, &t, r->cell, "每股基本盈利(港仙)");
	cell_is(s, &t, r->cell + 3, "N/A");
	r = &t.rows[t.tables[0].row + 7];
	assert_int_equal(r->ncells, 1);
	cell_is(s, &t, r->cell, "每股盈利(港仙)");
	cell_is(s, &t, t.rows[t.tables[0].row + 8].cell, "基本");
	r = &t.rows[t.tables[1].row];
	cell_is(s, &t, r->cell + 1, "2021");
	cell_is(s, &t, t.rows[t.tables[1].row + 1].cell + 3, "變動");
	cell_is(s, &t, t.rows[t.tables[1].row + 4].cell, "每股資產淨值(港元)");
	/* running text with figures between its words is no such table */
	const char *prose = "The group's revenue was 1,250 1,000 and 980 in the three years, "
	                    "收入 1,250 1,000 980，毛利 300 280 250，溢利 12 40 38，"
	                    "資產 5,000 4,800 4,500，from 2019 2020 2021 onwards.\n";
	assert_int_equal(rows_of(prose, &t), 0);
	ss_tables_release(&t);
}

static void test_spaced_highlights(void **state)
{
	(void)state;
	const char *src = HIGHLIGHTS;
	ss_doc *d = run(src, SS_FORMAT_TEXT);
	check(d, src, "1,250,000", 0, SS_KIND_MONEY, "1250000000", "HKD", "收入", "2021");
	check(d, src, "1,000,000", 0, SS_KIND_MONEY, "1000000000", "HKD", "收入", "2020");
	check(d, src, "+25.1", 0, SS_KIND_CHANGE, "25.1", "%", "收入", "2021");
	check(d, src, "(12,000)", 0, SS_KIND_MONEY, "-12000000", "HKD", "溢利", "2021");
	check(d, src, "(1.25)", 0, SS_KIND_MONEY, "-0.0125", "HKD", "每股基本盈利", "2021");
	check(d, src, "4.00", 0, SS_KIND_MONEY, "0.04", "HKD", "每股基本盈利", "2020");
	check(d, src, "4,800,000", 0, SS_KIND_MONEY, "4800000000", "HKD", "資產總值", "2020");
	check(d, src, "1.05", 0, SS_KIND_MONEY, "1.05", "HKD", "每股資產淨值", "2021");
	check(d, src, "+5", 1, SS_KIND_CHANGE, "5", "%", "每股資產淨值", "2021");
	/* a label's note named in brackets is no row to skip */
	check(d, src, "150,000", 0, SS_KIND_MONEY, "150000000", "HKD", "EBITDA", "2021");
	/* rows under a parent that names their unit (每股盈利(港仙): 基本, 攤薄) */
	check(d, src, "5.63", 0, SS_KIND_MONEY, "0.0563", "HKD", "基本", "2021");
	check(d, src, "(0.45)", 1, SS_KIND_MONEY, "-0.0045", "HKD", "攤薄", "2020");
	/* an en dash opening a cell is its figure's sign */
	check(d, src, "–4.5pp", 0, SS_KIND_CHANGE, "-4.5", "pp", "負債比率", "2021");
	check(d, src, "45.0%", 0, SS_KIND_PERCENT, "45", "%", "負債比率", "2020");
	assert_null(fact_with(d, src, "2021", 0));
	assert_null(fact_with(d, src, "N/A", 0));
	/* 3 + 3 + 3 + 2 + 2 + 2 + 2 in the first table, 3 + 3 + 3 + 3 in the second */
	assert_int_equal(ss_doc_fact_count(d), 29);
	ss_doc_free(d);
	/* an interim's: the change column headed Change over a % of the units */
	src = "截至六月三十日止六個月 Six months ended 30 June 2024 2023 Change 二零二四年 二零二三年 "
	      "變動 RMB'000 RMB'000 % 人民幣千元 人民幣千元 % Revenue 收入 1,234,567 1,000,000 23.5 "
	      "Gross profit 毛利 234,567 200,000 17.3 Profit attributable to owners of the Company "
	      "本公司擁有人應佔溢利 12,345 10,000 23.4 Basic earnings per share (RMB cents) "
	      "每股基本盈利(人民幣分) 1.23 1.00 23.0\n";
	d = run(src, SS_FORMAT_TEXT);
	check(d, src, "23.5", 0, SS_KIND_CHANGE, "23.5", "%", "收入", "2024");
	check(d, src, "12,345", 0, SS_KIND_MONEY, "12345000", "CNY", "本公司擁有人應佔溢利", "2024");
	check(d, src, "1.23", 0, SS_KIND_MONEY, "0.0123", "CNY", "每股基本盈利", "2024");
	assert_int_equal(ss_doc_fact_count(d), 12);
	ss_doc_free(d);
	/* a row a line, the cells still single spaces apart */
	src = "財務摘要\n2021 2020 % 二零二一年 二零二零年 Change HK$'000 HK$'000 % 港幣千元 港幣千元 "
	      "變動\nRevenue 收入 1,250,000 1,000,000 +25.1\nGross profit 毛利 300,500 280,000 "
	      "+7.3\nTotal equity 權益總額 2,100,000 2,000,000 +5\n\n其後一段正文，毛利率為30%。\n";
	d = run(src, SS_FORMAT_TEXT);
	check(d, src, "1,000,000", 0, SS_KIND_MONEY, "1000000000", "HKD", "收入", "2020");
	check(d, src, "+7.3", 0, SS_KIND_CHANGE, "7.3", "%", "毛利", "2021");
	check(d, src, "2,100,000", 0, SS_KIND_MONEY, "2100000000", "HKD", "權益總額", "2021");
	/* the prose after the blank line is no row */
	assert_int_equal(ss_fact_kind(fact_with(d, src, "30%", 0)), SS_KIND_PERCENT);
	assert_int_equal(ss_doc_fact_count(d), 10);
	ss_doc_free(d);
	/* five years, HK$ million */
	src = "FIVE-YEAR FINANCIAL SUMMARY 五年財務概要 2022 2021 2020 2019 2018 HK$ million HK$ "
	      "million HK$ million HK$ million HK$ million 港幣百萬元 港幣百萬元 港幣百萬元 港幣百萬元 "
	      "港幣百萬元 Revenue 收入 1,200 1,100 1,000 900 800 Total assets 資產總值 5,000 4,800 "
	      "4,600 4,400 4,200 Total equity 權益總額 2,500 2,400 2,300 2,200 2,100\n";
	d = run(src, SS_FORMAT_TEXT);
	check(d, src, "800", 0, SS_KIND_MONEY, "800000000", "HKD", "收入", "2018");
	check(d, src, "4,600", 0, SS_KIND_MONEY, "4600000000", "HKD", "資產總值", "2020");
	assert_int_equal(ss_doc_fact_count(d), 15);
	ss_doc_free(d);
}

/* Two rows of names over the figures: the lower one names each column's
 * unit (金額 | %), the table's unit line the amounts', the upper one the
 * periods, each written once over its two columns. */
static void test_unit_subheader(void **state)
{
	(void)state;
	const char *src = "單位:新台幣仟元\n會計項目 | 114年第3季 | | 113年第3季 | |\n"
	                  " | 金額 | % | 金額 | % |\n"
	                  "營業收入合計 | 176,285,524 | 100.00 | 163,815,390 | 100.00 |\n"
	                  "營業成本合計 | 167,409,385 | 94.96 | 155,180,943 | 94.73 |\n";
	ss_doc *d = run(src, SS_FORMAT_TEXT);
	check(d, src, "176,285,524", 0, SS_KIND_MONEY, "176285524000", "TWD", "營業收入合計", "114年第3季");
	check(d, src, "94.96", 0, SS_KIND_PERCENT, "94.96", "%", "營業成本合計", "114年第3季");
	check(d, src, "155,180,943", 0, SS_KIND_MONEY, "155180943000", "TWD", "營業成本合計", "113年第3季");
	check(d, src, "94.73", 0, SS_KIND_PERCENT, "94.73", "%", "營業成本合計", "113年第3季");
	assert_int_equal(ss_doc_fact_count(d), 8);
	ss_doc_free(d);
}

/* fixtures/eval/tc/tw-moneydj-is-016.txt, flattened: four periods
 * written once each over the two columns they span (金額 | %), the
 * header's corner (會計項目) over the labels, the unit line in the head. */
static void test_flattened_spanning_periods(void **state)
{
	(void)state;
	const char *src = "| 民國114年第3季 | | 單位:新台幣仟元 | | 會計項目 | 114年第3季 | 113年第3季 | "
	                  "本期累計 | 去年同期累計 | | | 金額 | % | 金額 | % | 金額 | % | 金額 | % | | "
	                  "營業收入合計 | 176,285,524 | 100.00 | 163,815,390 | 100.00 | 519,897,249 | "
	                  "100.00 | 448,480,153 | 100.00 | | 營業成本合計 | 167,409,385 | 94.96 | "
	                  "155,180,943 | 94.73 | 492,105,721 | 94.65 | 425,218,379 | 94.81 | | 營業毛利 | "
	                  "8,876,139 | 5.04 | 8,634,447 | 5.27 | 27,791,528 | 5.35 | 23,261,774 | 5.19 |\n";
	ss_doc *d = run(src, SS_FORMAT_TEXT);
	check(d, src, "176,285,524", 0, SS_KIND_MONEY, "176285524000", "TWD", "營業收入合計",
	      "114年第3季");
	check(d, src, "100.00", 0, SS_KIND_PERCENT, "100", "%", "營業收入合計", "114年第3季");
	check(d, src, "163,815,390", 0, SS_KIND_MONEY, "163815390000", "TWD", "營業收入合計",
	      "113年第3季");
	check(d, src, "100.00", 1, SS_KIND_PERCENT, "100", "%", "營業收入合計", "113年第3季");
	check(d, src, "519,897,249", 0, SS_KIND_MONEY, "519897249000", "TWD", "營業收入合計",
	      "本期累計");
	check(d, src, "100.00", 2, SS_KIND_PERCENT, "100", "%", "營業收入合計", "本期累計");
	check(d, src, "448,480,153", 0, SS_KIND_MONEY, "448480153000", "TWD", "營業收入合計",
	      "去年同期累計");
	check(d, src, "100.00", 3, SS_KIND_PERCENT, "100", "%", "營業收入合計", "去年同期累計");
	check(d, src, "94.81", 0, SS_KIND_PERCENT, "94.81", "%", "營業成本合計", "去年同期累計");
	check(d, src, "492,105,721", 0, SS_KIND_MONEY, "492105721000", "TWD", "營業成本合計",
	      "本期累計");
	check(d, src, "5.19", 0, SS_KIND_PERCENT, "5.19", "%", "營業毛利", "去年同期累計");
	assert_int_equal(ss_doc_fact_count(d), 24);
	ss_doc_free(d);
}

/* fixtures/eval/tc/hk-etnet-pl-018.txt: a percent takes the label of its
 * own row when rows run on without an empty cell between them. */
static void test_flattened_no_gap_labels(void **state)
{
	(void)state;
	const char *src = "營業額 / 收益 | 79,721,000 | 11.489% | 71,506,000 | 85,262,000 | 銷售成本 | "
	                  "(45,531,000) | 15.879% | (39,292,000) | (40,493,000) | 稅項 | (4,869,000) | "
	                  "22.398% | (3,978,000) | (9,230,000) |\n";
	ss_doc *d = run(src, SS_FORMAT_TEXT);
	check(d, src, "11.489%", 0, SS_KIND_PERCENT, "11.489", "%", "營業額 / 收益", "");
	check(d, src, "15.879%", 0, SS_KIND_PERCENT, "15.879", "%", "銷售成本", "");
	check(d, src, "22.398%", 0, SS_KIND_PERCENT, "22.398", "%", "稅項", "");
	ss_doc_free(d);
}

/* A data page's table flattened with no empty cell: a title, a header of
 * names, records opening with a date; the figures carry scale words of
 * their own (0.85亿~0.95亿) and take the column's unit (元), the subject the
 * record's name, the period the record's date or the column's (上年同期). */
static const char *const records_src =
	"某某科技(300000)业绩预告 | 截止日期 | 预测指标 | 预测数值(元) | 预告类型 | 上年同期值(元) "
	"| 2023-12-31 | 营业收入 | 0.85亿~0.95亿 | 预增 | 7,123.5万 | 2023-12-31 | 归母净利润 | "
	"3200万 | 扭亏 | -2.1亿 |\n";

static void test_flattened_records(void **state)
{
	(void)state;
	const char *s = records_src;
	ss_tables t = {0};
	ss_tables_find(s, strlen(s), &t);
	assert_int_equal(t.ntables, 1);
	assert_int_equal(t.tables[0].nrows, 3);
	const ss_row *r = &t.rows[t.tables[0].row];
	cell_is(s, &t, r[0].cell, "截止日期");
	assert_int_equal(r[0].ncells, 5);
	cell_is(s, &t, r[1].cell, "2023-12-31");
	cell_is(s, &t, r[2].cell + 4, "-2.1亿");
	/* the title is the head */
	const char *title = "某某科技(300000)业绩预告";
	assert_int_equal(t.tables[0].head_end - t.tables[0].head_start, strlen(title));
	ss_tables_release(&t);
	/* the same cells with an empty one among them are no such records */
	const char *gap = "标题 | 截止日期 | 预测指标 | 预测数值(元) | 2023-12-31 | 营业收入 | | "
	                  "2023-12-31 | 营业收入 | 12 | 13 | 14 |\n";
	ss_tables_find(gap, strlen(gap), &t);
	assert_true(t.ntables == 0 || t.rows[t.tables[0].row].ncells != 3);
	ss_tables_release(&t);
}

static void test_records_figures(void **state)
{
	(void)state;
	const char *src = records_src;
	ss_doc *d = run(src, SS_FORMAT_TEXT);
	check(d, src, "0.85亿~0.95亿", 0, SS_KIND_MONEY, "85000000", "CNY", "营业收入", "2023-12-31");
	const ss_fact *f = fact_with(d, src, "0.85亿~0.95亿", 0);
	assert_int_equal(ss_fact_qualifier(f), SS_QUAL_RANGE);
	assert_string_equal(ss_fact_high_str(f), "95000000");
	check(d, src, "7,123.5万", 0, SS_KIND_MONEY, "71235000", "CNY", "营业收入", "上年同期值");
	check(d, src, "3200万", 0, SS_KIND_MONEY, "32000000", "CNY", "归母净利润", "2023-12-31");
	check(d, src, "-2.1亿", 0, SS_KIND_MONEY, "-210000000", "CNY", "归母净利润", "上年同期值");
	/* the code in the title and the dates are no figures */
	assert_int_equal(ss_doc_fact_count(d), 4);
	ss_doc_free(d);
}

/* ss_facts_tables finds the facts of a cell by their order in the text,
 * which it sorts only when the facts are not in it already: facts handed
 * over reversed take the same subjects and periods, and the same are
 * dropped, as those in text order. */
static ss_doc *doc_with(const char *src, const ss_doc *from, bool reversed)
{
	ss_doc *e = ss_doc_new("t");
	size_t len = strlen(src);
	ss_text_add_copy(&e->text, src, 0, len);
	ss_text_add_copy(&e->norm, e->text.ptr, 0, len);
	ss_tables_find(e->norm.ptr, len, &e->tables);
	size_t n = ss_doc_fact_count(from);
	e->facts = calloc(n + 1, sizeof *e->facts);
	e->capfacts = n + 1;
	for (size_t i = 0; i < n; i++) {
		ss_fact f = *ss_doc_fact(from, i);
		f.subject = f.period = (ss_tspan){0, 0};
		f.table_cell = false;
		e->facts[reversed ? n - 1 - i : i] = f;
	}
	e->nfacts = n;
	ss_linemap lines;
	ss_linemap_init(&lines, src, len);
	ss_facts_tables(rs, e, &e->tables, src, len, &lines, 0);
	ss_linemap_release(&lines);
	return e;
}

static int by_text(const void *x, const void *y)
{
	const ss_fact *a = x, *b = y;
	return (a->text.start > b->text.start) - (a->text.start < b->text.start);
}

static void test_facts_out_of_order(void **state)
{
	(void)state;
	const char *src = "单位:万元\n"
	                  "项目 | 2023年 | 2022年 | 同比增减 |\n"
	                  "营业收入 | 1,234.5 | 1,000.0 | 23.45% |\n"
	                  "净利润 | 120.5 | 100.0 | 20.50% |\n"
	                  "基本每股收益(元) 48 | 0.25 | 0.20 | 25.00% |\n";
	ss_doc *d = run(src, SS_FORMAT_TEXT);
	assert_true(ss_doc_fact_count(d) >= 6);
	assert_true(d->norm.len == strlen(src) && !memcmp(d->norm.ptr, src, strlen(src)));
	ss_doc *in = doc_with(src, d, false), *back = doc_with(src, d, true);
	assert_int_equal(in->nfacts, back->nfacts);
	qsort(back->facts, back->nfacts, sizeof *back->facts, by_text);
	size_t told = 0;
	for (size_t i = 0; i < in->nfacts; i++) {
		const ss_fact *a = &in->facts[i], *b = &back->facts[i];
		assert_int_equal(a->text.start, b->text.start);
		assert_int_equal(a->subject.start, b->subject.start);
		assert_int_equal(a->subject.end, b->subject.end);
		assert_int_equal(a->period.start, b->period.start);
		assert_int_equal(a->period.end, b->period.end);
		assert_int_equal(a->table_cell, b->table_cell);
		told += a->subject.end > a->subject.start && a->table_cell;
	}
	/* the cells' figures took their row and column */
	assert_true(told >= 6);
	ss_doc_free(in);
	ss_doc_free(back);
	ss_doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cell_numbers),
		cmocka_unit_test(test_glued_numbers),
		cmocka_unit_test(test_what_parts_cells),
		cmocka_unit_test(test_parts_anywhere),
		cmocka_unit_test(test_tab_rows_and_head),
		cmocka_unit_test(test_pipe_and_aligned_rows),
		cmocka_unit_test(test_flattened_table),
		cmocka_unit_test(test_flattened_one_gap),
		cmocka_unit_test(test_flattened_head),
		cmocka_unit_test(test_flattened_no_gap),
		cmocka_unit_test(test_number_under_label),
		cmocka_unit_test(test_html_table),
		cmocka_unit_test(test_html_without_units),
		cmocka_unit_test(test_markdown_table),
		cmocka_unit_test(test_text_tables),
		cmocka_unit_test(test_unit_line_currency),
		cmocka_unit_test(test_currency_then_scale),
		cmocka_unit_test(test_unit_subheader),
		cmocka_unit_test(test_years_header),
		cmocka_unit_test(test_spaced_rows),
		cmocka_unit_test(test_spaced_highlights),
		cmocka_unit_test(test_flattened_spanning_periods),
		cmocka_unit_test(test_flattened_no_gap_labels),
		cmocka_unit_test(test_flattened_records),
		cmocka_unit_test(test_records_figures),
		cmocka_unit_test(test_facts_out_of_order),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
