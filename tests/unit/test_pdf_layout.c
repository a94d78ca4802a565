/* test_pdf_layout.c - the PDF layout on text layers built by hand (poppler
 * is not involved): joining lines, page furniture, tables, positions, and
 * the wire format the child sends. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf.h"

/* ---- building a text layer: lines of text at (x, y), size pt type,
 * Chinese characters size wide, ASCII half that. ---- */

static ss_pdf_layer layer;

static void new_page(void)
{
	layer.pages = realloc(layer.pages, (layer.npages + 1) * sizeof *layer.pages);
	layer.pages[layer.npages++] = (ss_pdf_page){595, 842, NULL, 0};
	layer.pages_total = layer.npages;
}

static void glyph(uint32_t cp, float x0, float y0, float x1, float y1)
{
	ss_pdf_page *pg = &layer.pages[layer.npages - 1];
	pg->g = realloc(pg->g, (pg->n + 1) * sizeof *pg->g);
	pg->g[pg->n++] = (ss_pdf_glyph){cp, {x0, y0, x1, y1}};
}

/* One poppler line; returns its right edge. */
static float text_at(float x, float y, float size, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int w = ss_utf8_decode(s + i, n - i, &cp);
		float adv = cp >= 0x2E80 ? size : size / 2;
		glyph(cp, x, y, x + adv, y + size * 1.3f);
		x += adv;
		i += (size_t)w;
	}
	glyph('\n', x, y, x, y + size * 1.3f);
	return x;
}

static void layout(ss_pdf_text *t)
{
	ss_pdf_layout(&layer, t);
	ss_pdf_layer_release(&layer);
}

static void test_paragraph_joins(void **state)
{
	(void)state;
	new_page();
	/* Two full lines and a short one: one paragraph; a figure split at the
	 * line end is one figure. Then a gap: a new paragraph. */
	text_at(72, 100, 12, "本公司本年度营业收入合共为人民币一百亿元其中净利润为1,2");
	text_at(72, 116, 12, "34.5万元较上年增长百分之三而营业成本亦随之增加了不少，");
	text_at(72, 132, 12, "同比下降8%。");
	text_at(72, 170, 12, "第二段。");
	ss_pdf_text t;
	layout(&t);
	assert_string_equal(t.text, "本公司本年度营业收入合共为人民币一百亿元其中净利润为1,234.5万元较上年"
	                            "增长百分之三而营业成本亦随之增加了不少，同比下降8%。\n\n第二段。");
	ss_pdf_text_release(&t);
}

static void test_short_line_ends_paragraph(void **state)
{
	(void)state;
	new_page();
	/* A full line runs on into the next; a short one ends the paragraph,
	 * even with no more space below it than between lines. */
	text_at(72, 100, 12, "一二三四五六七八九十一二三四五六七八九十");
	text_at(72, 116, 12, "段落之末。");
	text_at(72, 132, 12, "正文一二三四五六七八九十一二三四五六七八");
	ss_pdf_text t;
	layout(&t);
	assert_string_equal(t.text, "一二三四五六七八九十一二三四五六七八九十段落之末。\n\n"
	                            "正文一二三四五六七八九十一二三四五六七八");
	ss_pdf_text_release(&t);
}

static void test_english_joins_with_space(void **state)
{
	(void)state;
	new_page();
	text_at(72, 100, 10, "Revenue for the year rose by");
	text_at(72, 113, 10, "5% to 3,2");
	text_at(72, 140, 10, "Wide line of text that sets the edge.");
	ss_pdf_text t;
	layout(&t);
	/* "by" reaches no edge here: the widest line sets it. */
	assert_non_null(strstr(t.text, "Revenue for the year rose by\n\n5% to 3,2"));
	ss_pdf_text_release(&t);

	new_page();
	text_at(72, 100, 10, "Revenue for the year rose by");
	text_at(72, 113, 10, "5% in all.");
	ss_pdf_text u;
	layout(&u);
	assert_string_equal(u.text, "Revenue for the year rose by 5% in all.");
	ss_pdf_text_release(&u);
}

static void test_same_row_phrase(void **state)
{
	(void)state;
	new_page();
	/* Poppler gives 《...》 set apart as a line of its own on the same row. */
	float x = text_at(72, 100, 12, "根据美国证券法");
	text_at(x - 2, 100, 12, "（经修订）");
	ss_pdf_text t;
	layout(&t);
	assert_string_equal(t.text, "根据美国证券法（经修订）");
	ss_pdf_text_release(&t);
}

static void test_page_furniture(void **state)
{
	(void)state;
	for (int p = 1; p <= 4; p++) {
		char num[16], body[64];
		snprintf(num, sizeof num, "- %d -", p);
		snprintf(body, sizeof body, "第%d页正文。", p);
		new_page();
		text_at(72, 30, 9, p % 2 ? "某银行2024年年度报告" : "某银行2024年年度报告");
		text_at(72, 200, 12, body);
		text_at(290, 810, 9, num);
	}
	ss_pdf_text t;
	layout(&t);
	assert_string_equal(t.text, "第1页正文。\n\n第2页正文。\n\n第3页正文。\n\n第4页正文。");
	assert_int_equal(t.npages, 4);
	ss_pdf_text_release(&t);

	/* A first-page top line that does not come back is text. */
	new_page();
	text_at(72, 30, 9, "香港交易所对本公告的内容概不负责。");
	text_at(72, 200, 12, "正文。");
	ss_pdf_text u;
	layout(&u);
	assert_string_equal(u.text, "香港交易所对本公告的内容概不负责。\n\n正文。");
	ss_pdf_text_release(&u);
}

static void test_text_runs_across_pages(void **state)
{
	(void)state;
	new_page();
	text_at(72, 100, 12, "一二三四五六七八九十一二三四五六七八九十");
	text_at(72, 116, 12, "一二三四五六七八九十一二三四五六七八增长");
	new_page();
	text_at(72, 100, 12, "5%。");
	ss_pdf_text t;
	layout(&t);
	assert_non_null(strstr(t.text, "增长5%。"));
	uint32_t page;
	ss_buf box = SS_BUF_INIT;
	const char *f = strstr(t.text, "增长5%");
	/* Boxes stay on the figure's first page. */
	assert_int_equal(ss_pdf_locate(&t, (size_t)(f - t.text), (size_t)(f - t.text) + 8, &page,
	                               &box), 1);
	assert_int_equal(page, 1);
	assert_string_equal(box.ptr, "288.00,116.00,312.00,131.60");
	ss_buf_release(&box);
	ss_pdf_text_release(&t);
}

static void test_table_rows(void **state)
{
	(void)state;
	new_page();
	/* Poppler's order: a column at a time; the layout gives rows. */
	text_at(72, 100, 10, "项目");
	text_at(72, 120, 10, "营业收入");
	text_at(72, 140, 10, "净利润");
	text_at(250, 100, 10, "2024年");
	text_at(250, 120, 10, "146,695");
	text_at(250, 140, 10, "44,508");
	text_at(400, 100, 10, "2023年");
	text_at(400, 120, 10, "164,699");
	text_at(400, 140, 10, "46,455");
	ss_pdf_text t;
	layout(&t);
	assert_string_equal(t.text, "项目\t2024年\t2023年\n\n营业收入\t146,695\t164,699\n\n"
	                            "净利润\t44,508\t46,455\n\n");
	ss_pdf_text_release(&t);
}

static void test_cells_in_one_line(void **state)
{
	(void)state;
	new_page();
	/* Poppler's one line for a whole row, cells run together. */
	float x = text_at(72, 100, 10, "营业收入");
	ss_pdf_page *pg = &layer.pages[0];
	pg->n--; /* that line goes on */
	(void)x;
	text_at(250, 100, 10, "3,382,696");
	pg = &layer.pages[0];
	pg->n--;
	text_at(330, 100, 10, "58.6%");
	ss_pdf_text t;
	layout(&t);
	assert_string_equal(t.text, "营业收入\t3,382,696\t58.6%\n\n");
	ss_pdf_text_release(&t);
}

static void test_positions(void **state)
{
	(void)state;
	new_page();
	text_at(100, 50, 10, "增长 5%");
	ss_pdf_text t;
	layout(&t);
	assert_string_equal(t.text, "增长 5%");
	/* Every byte of a glyph points at it; the space is the layout's. */
	assert_int_equal(t.glyph[0], 0);
	assert_int_equal(t.glyph[2], 0);
	assert_int_equal(t.glyph[3], 1);
	assert_int_equal(t.glyph[6], SS_PDF_NONE);
	assert_int_equal(t.glyph[7], 2);
	assert_int_equal(t.pos[2].page, 1);
	uint32_t page;
	ss_buf box = SS_BUF_INIT;
	assert_int_equal(ss_pdf_locate(&t, 0, t.len, &page, &box), 1);
	assert_string_equal(box.ptr, "100.00,50.00,135.00,63.00"); /* 10+10+5+5+5 pt */
	box.len = 0;
	assert_int_equal(ss_pdf_locate(&t, 6, 7, &page, &box), 0); /* the space alone */
	assert_int_equal(page, 0);
	ss_buf_release(&box);
	ss_pdf_text_release(&t);
}

static void test_empty_layer(void **state)
{
	(void)state;
	ss_pdf_text t;
	layout(&t);
	assert_int_equal(t.len, 0);
	assert_string_equal(t.text, "");
	ss_pdf_text_release(&t);
	new_page();
	glyph(' ', 0, 0, 1, 1);
	glyph('\n', 0, 0, 0, 0);
	layout(&t);
	assert_int_equal(t.len, 0);
	ss_pdf_text_release(&t);
}

static void test_wire_round_trip(void **state)
{
	(void)state;
	ss_pdf_glyph g[2] = {{0x589E, {1, 2, 3, 4}}, {'\n', {3, 2, 3, 4}}};
	ss_buf b = SS_BUF_INIT;
	ss_pdf_wire_begin(&b);
	ss_pdf_wire_pages(&b, 7);
	ss_pdf_wire_page(&b, 595, 842, g, 2);
	ss_pdf_layer l = {0};
	char *msg;
	bool cut;
	assert_int_equal(ss_pdf_wire_parse(b.ptr, b.len, &l, &msg, &cut), SS_PDF_OK);
	assert_false(cut);
	assert_int_equal(l.npages, 1);
	assert_int_equal(l.pages_total, 7);
	assert_int_equal(l.pages[0].n, 2);
	assert_int_equal(l.pages[0].g[0].cp, 0x589E);
	assert_true(l.pages[0].g[0].r.y1 == 4);
	ss_pdf_layer_release(&l);

	/* Cut short: the complete pages stay, the rest is noted. */
	assert_int_equal(ss_pdf_wire_parse(b.ptr, b.len - 3, &l, &msg, &cut), SS_PDF_OK);
	assert_true(cut);
	assert_int_equal(l.npages, 0);
	ss_pdf_layer_release(&l);

	ss_pdf_wire_error(&b, SS_PDF_ERR_ENCRYPTED, "needs a password");
	assert_int_equal(ss_pdf_wire_parse(b.ptr, b.len, &l, &msg, &cut), SS_PDF_ERR_ENCRYPTED);
	assert_string_equal(msg, "needs a password");
	free(msg);
	ss_pdf_layer_release(&l);
	assert_int_equal(ss_pdf_wire_parse("%PDF-1.4", 8, &l, &msg, &cut), SS_PDF_ERR_DAMAGED);
	ss_buf_release(&b);
}

static void test_wire_cleans(void **state)
{
	(void)state;
	/* A NUL, a surrogate and a NaN box from a hostile child. */
	float nan = __builtin_nanf("");
	ss_pdf_glyph g[3] = {{0, {0, 0, 1, 1}}, {0xD800, {0, 0, 1, 1}}, {'A', {nan, 0, 1, 1}}};
	ss_buf b = SS_BUF_INIT;
	ss_pdf_wire_begin(&b);
	ss_pdf_wire_page(&b, 595, 842, g, 3);
	ss_pdf_layer l = {0};
	char *msg;
	bool cut;
	assert_int_equal(ss_pdf_wire_parse(b.ptr, b.len, &l, &msg, &cut), SS_PDF_OK);
	assert_int_equal(l.pages[0].g[0].cp, ' ');
	assert_int_equal(l.pages[0].g[1].cp, 0xFFFD);
	assert_true(l.pages[0].g[2].r.x0 == 0);
	ss_pdf_layer_release(&l);
	ss_buf_release(&b);
}

static void test_sniff(void **state)
{
	(void)state;
	assert_true(ss_pdf_sniff("%PDF-1.7\n", 9));
	assert_true(ss_pdf_sniff("\r\n  %PDF-1.4", 12));
	assert_false(ss_pdf_sniff("a text about %PDF-1.4", 21));
	assert_false(ss_pdf_sniff("营收增长5% %PD", 17));
	assert_false(ss_pdf_sniff("  %PDF", 6));
	assert_false(ss_pdf_sniff("", 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paragraph_joins),
		cmocka_unit_test(test_short_line_ends_paragraph),
		cmocka_unit_test(test_english_joins_with_space),
		cmocka_unit_test(test_same_row_phrase),
		cmocka_unit_test(test_page_furniture),
		cmocka_unit_test(test_text_runs_across_pages),
		cmocka_unit_test(test_table_rows),
		cmocka_unit_test(test_cells_in_one_line),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_empty_layer),
		cmocka_unit_test(test_wire_round_trip),
		cmocka_unit_test(test_wire_cleans),
		cmocka_unit_test(test_sniff),
	};
	return cmocka_run_group_tests_name("pdf_layout", tests, NULL, NULL);
}
