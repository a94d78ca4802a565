/* test_markdown.c - Markdown to text: markers never leak, figures stay
 * contiguous, every byte maps back to the source. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "helpers.h"
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

/* Convert src and check the map; the caller releases t. */
static void md(ss_text *t, const char *src)
{
	ss_text_init(t);
	ss_markdown_to_text(src, strlen(src), 0, t);
	size_t bad = 0;
	assert_true(ss_text_check(t, src, strlen(src), &bad));
}

static void assert_md(const char *src, const char *want)
{
	ss_text t;
	md(&t, src);
	assert_string_equal(t.ptr ? t.ptr : "", want);
	ss_text_release(&t);
}

static void test_paragraphs(void **state)
{
	(void)state;
	assert_md("", "");
	assert_md("增长5%。\n\n下降3%。\n", "增长5%。\n\n下降3%。\n\n");
}

static void test_emphasis(void **state)
{
	(void)state;
	const char *src = "规模达**4.9 万亿元**，*同比*增长**12%**。";
	ss_text t;
	md(&t, src);
	assert_string_equal(t.ptr, "规模达4.9 万亿元，同比增长12%。\n\n");
	assert_exact_span(&t, src, "4.9 万亿元");
	assert_exact_span(&t, src, "12%");
	ss_text_release(&t);
}

static void test_link(void **state)
{
	(void)state;
	const char *src = "据[新华社](http://www.news.cn/a.htm \"t\")报道，增长[5%](#x)。";
	ss_text t;
	md(&t, src);
	assert_string_equal(t.ptr, "据新华社报道，增长5%。\n\n");
	assert_exact_span(&t, src, "新华社");
	assert_exact_span(&t, src, "5%");
	ss_text_release(&t);
}

static void test_image(void **state)
{
	(void)state;
	assert_md("前![图 1 增长5%](img/a.png)后", "前后\n\n");
	assert_md("![](a.png)\n\n正文", "正文\n\n");
}

static void test_heading(void **state)
{
	(void)state;
	const char *src = "# 陆家嘴财经早餐 2024年8月1日\n\n## 热点聚焦\n正文 70 个基点";
	ss_text t;
	md(&t, src);
	assert_string_equal(t.ptr, "陆家嘴财经早餐 2024年8月1日\n\n热点聚焦\n\n正文 70 个基点\n\n");
	assert_exact_span(&t, src, "70 个基点");
	ss_text_release(&t);
}

static void test_list(void **state)
{
	(void)state;
	const char *src = "1. 维持在 5.25% 至 5.5% 不变。\n\n2. 降息 70 个基点。\n- 涨 2.06%\n";
	ss_text t;
	md(&t, src);
	assert_string_equal(t.ptr, "维持在 5.25% 至 5.5% 不变。\n\n降息 70 个基点。\n\n涨 2.06%\n\n");
	assert_exact_span(&t, src, "5.25% 至 5.5%");
	assert_exact_span(&t, src, "70 个基点");
	ss_text_release(&t);
}

/* A soft break is the source's own newline (CRLF: the pair as one unit). */
static void test_soft_break(void **state)
{
	(void)state;
	const char *src = "第一行\n第二行";
	ss_text t;
	md(&t, src);
	assert_string_equal(t.ptr, "第一行\n第二行\n\n");
	assert_int_equal(unit_start(&t, 9), 9);
	assert_int_equal(unit_end(&t, 9), 10);
	ss_text_release(&t);

	src = "a  \r\nb";
	md(&t, src);
	assert_string_equal(t.ptr, "a\nb\n\n");
	assert_int_equal(unit_start(&t, 1), 3);
	assert_int_equal(unit_end(&t, 1), 5);
	ss_text_release(&t);
}

static void test_entity(void **state)
{
	(void)state;
	const char *src = "A&amp;B 5&#37; &yen;3";
	ss_text t;
	md(&t, src);
	assert_string_equal(t.ptr, "A&B 5% \xC2\xA5" "3\n\n");
	/* "&" stands for the whole "&amp;". */
	assert_int_equal(unit_start(&t, 1), 1);
	assert_int_equal(unit_end(&t, 1), 6);
	const char *pct = strchr(t.ptr, '%');
	assert_int_equal(unit_start(&t, pct - t.ptr), strstr(src, "&#37;") - src);
	assert_int_equal(unit_end(&t, pct - t.ptr), strstr(src, "&#37;") - src + 5);
	ss_text_release(&t);
}

static void test_inline_html_dropped(void **state)
{
	(void)state;
	const char *src = "增长<span class=\"x\">5%</span><br/>完";
	ss_text t;
	md(&t, src);
	assert_string_equal(t.ptr, "增长5%完\n\n");
	assert_exact_span(&t, src, "5%");
	ss_text_release(&t);
}

static void test_code(void **state)
{
	(void)state;
	assert_md("值为 `3.5%` 。", "值为 3.5% 。\n\n");
	const char *src = "```\nx = 1\ny = 2\n```\n";
	ss_text t;
	md(&t, src);
	assert_string_equal(t.ptr, "x = 1\ny = 2\n\n\n");
	ss_text_release(&t);
}

static void test_table(void **state)
{
	(void)state;
	assert_md("| 指标 | 同比 |\n|---|---|\n| 营收 | 5% |\n", "指标\t同比\n\n营收\t5%\n\n");
	/* an empty cell keeps its place */
	assert_md("| a | | b |\n|---|---|---|\n", "a\t\tb\n\n");
}

static void test_escape(void **state)
{
	(void)state;
	const char *src = "\\*注：增长 5%";
	ss_text t;
	md(&t, src);
	assert_string_equal(t.ptr, "*注：增长 5%\n\n");
	assert_int_equal(unit_start(&t, 0), 1);
	ss_text_release(&t);
}

/* An HTML block inside Markdown is read by the HTML stage, offsets kept. */
static void test_html_block(void **state)
{
	(void)state;
	const char *src = "前言\n\n<table>\n<tr><td>营收增长5%</td></tr>\n</table>\n\n后记\n";
	ss_text t;
	md(&t, src);
	assert_exact_span(&t, src, "营收增长5%");
	assert_exact_span(&t, src, "后记");
	assert_null(strstr(t.ptr, "<td>"));
	ss_text_release(&t);
}

/* A body after front matter: the map points into the whole file. */
static void test_base_offset(void **state)
{
	(void)state;
	const char *file = "---\nx: 1\n---\n**增长 5%**\n";
	size_t body = (size_t)(strstr(file, "**") - file);
	ss_text t;
	ss_text_init(&t);
	ss_markdown_to_text(file + body, strlen(file) - body, (uint32_t)body, &t);
	size_t bad = 0;
	assert_true(ss_text_check(&t, file, strlen(file), &bad));
	assert_string_equal(t.ptr, "增长 5%\n\n");
	assert_exact_span(&t, file, "增长 5%");
	ss_text_release(&t);
}

/* A lone CR ends a line for md4c too: the text after it keeps its own bytes
 * (the break used to be mapped to the next LF, and the text between became
 * zero-width; a fuzz find). */
static void test_lone_cr_line_ends(void **state)
{
	(void)state;
	const char *src = "# 标题\r增长5%\r下降3%\r\n上涨2%\n";
	ss_text t;
	md(&t, src);
	assert_exact_span(&t, src, "增长5%");
	assert_exact_span(&t, src, "下降3%");
	assert_exact_span(&t, src, "上涨2%");
	ss_text_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paragraphs),
		cmocka_unit_test(test_emphasis),
		cmocka_unit_test(test_link),
		cmocka_unit_test(test_image),
		cmocka_unit_test(test_heading),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_soft_break),
		cmocka_unit_test(test_entity),
		cmocka_unit_test(test_inline_html_dropped),
		cmocka_unit_test(test_code),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_html_block),
		cmocka_unit_test(test_base_offset),
		cmocka_unit_test(test_lone_cr_line_ends),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
