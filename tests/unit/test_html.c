/* test_html.c - HTML to text through libxml2: visible text only, entities
 * mapped to their "&...;", block elements as paragraph breaks, and a map
 * that passes the checker on every input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "text/text.h"

/* Convert src (at base 0) and check the map; the caller releases t and m. */
static void html(ss_text *t, ss_meta *m, const char *src)
{
	ss_text_init(t);
	memset(m, 0, sizeof *m);
	ss_html_to_text(src, strlen(src), 0, t, m);
	size_t bad = 0;
	assert_true(ss_text_check(t, src, strlen(src), &bad));
}

static void meta_free(ss_meta *m)
{
	free(m->title);
	free(m->date);
	free(m->author);
	free(m->source);
}

static const char *text_of(const ss_text *t)
{
	return t->ptr ? t->ptr : "";
}

static void assert_html(const char *src, const char *want)
{
	ss_text t;
	ss_meta m;
	html(&t, &m, src);
	assert_string_equal(text_of(&t), want);
	ss_text_release(&t);
	meta_free(&m);
}

/* needle is in the text and maps to source bytes [bs, be) equal to want. */
static void assert_maps_to(const ss_text *t, const char *src, const char *needle,
                           const char *want)
{
	const char *p = strstr(text_of(t), needle);
	assert_non_null(p);
	uint32_t bs, be;
	ss_text_map(t, (size_t)(p - t->ptr), (size_t)(p - t->ptr) + strlen(needle), &bs, &be);
	assert_int_equal(be - bs, strlen(want));
	assert_memory_equal(src + bs, want, strlen(want));
}

static void test_empty(void **state)
{
	(void)state;
	assert_html("", "");
	assert_html("<html><body></body></html>", "");
	assert_html("<!-- only a comment -->", "");
}

static void test_blocks_break(void **state)
{
	(void)state;
	assert_html("<div>增长5%</div><div>下降3%</div>", "增长5%\n\n下降3%\n\n");
	assert_html("<p>a</p>\n  <p>b<br>c</p>", "a\n\nb\n\nc\n\n");
	assert_html("<ul><li>一</li><li>二</li></ul><table><tr><td>x</td><td>y</td></tr></table>",
	            "一\n\n二\n\nx\ty\n\n");
	/* a row of simple cells is one line, cells a tab apart, an empty cell
	 * too; a cell holding a block keeps its row as paragraphs (layout) */
	assert_html("<table><tr><th>a</th><th></th><th>b</th></tr><tr><td>1</td><td>2</td>"
	            "<td>3</td></tr></table>",
	            "a\t\tb\n\n1\t2\t3\n\n");
	assert_html("<table><tr><td><p>a</p></td><td>b</td></tr></table>", "a\n\nb\n\n");
}

static void test_inline_keeps_figure(void **state)
{
	(void)state;
	const char *src = "<p>规模达<b>4.9</b>万亿元，<span>同比</span>增长<em>12%</em>。</p>";
	ss_text t;
	ss_meta m;
	html(&t, &m, src);
	assert_string_equal(text_of(&t), "规模达4.9万亿元，同比增长12%。\n\n");
	/* Markup inside the figure: the span covers it. */
	assert_maps_to(&t, src, "4.9万亿元", "4.9</b>万亿元");
	assert_maps_to(&t, src, "12%", "12%");
	ss_text_release(&t);
	meta_free(&m);
}

static void test_entities(void **state)
{
	(void)state;
	const char *src = "<p>A&amp;B&nbsp;&#x4e00;&#20013;&lt;5%&gt; &ldquo;x&rdquo;</p>";
	ss_text t;
	ss_meta m;
	html(&t, &m, src);
	assert_string_equal(text_of(&t), "A&B\xC2\xA0一中<5%> “x”\n\n");
	assert_maps_to(&t, src, "&", "&amp;");
	assert_maps_to(&t, src, "\xC2\xA0", "&nbsp;");
	assert_maps_to(&t, src, "一", "&#x4e00;");
	assert_maps_to(&t, src, "中", "&#20013;");
	assert_maps_to(&t, src, "<5%>", "&lt;5%&gt;");
	assert_maps_to(&t, src, "“x”", "&ldquo;x&rdquo;");
	ss_text_release(&t);
	meta_free(&m);
}

static void test_bad_entities(void **state)
{
	(void)state;
	/* Unknown and broken references come out as written, never misplaced. */
	ss_text t;
	ss_meta m;
	html(&t, &m, "<p>a &bogus; b &#xZZ; c & d &amp e</p>");
	assert_non_null(strstr(text_of(&t), "a &bogus"));
	assert_non_null(strstr(text_of(&t), "c & d"));
	ss_text_release(&t);
	meta_free(&m);
}

static void test_dropped(void **state)
{
	(void)state;
	assert_html("<p>a<!-- 乐视20亿美元 -->b</p><script>var x = '5%';</script>"
	            "<style>p { width: 95%; }</style><noscript>开启JS</noscript>"
	            "<template><p>7%</p></template><p title=\"8%\">c</p>",
	            "ab\n\nc\n\n");
}

/* The seed's commented-out markup must not reach the text at all. */
static void test_seed_comments(void **state)
{
	(void)state;
	const char *src =
		"<div class=\"g-article-top\">\n<h1>\n"
		"  <!-- <a href=\"#\">乐视20亿美元收购美最大智能电视商Vizio</a> -->\n"
		"  未来金融云四大价值体系\n</h1>\n"
		"<p class=\"u-time\"><span class=\"source\">每日经济新闻</span>\n"
		"<span class=\"time\">\n  2021-07-13 21:07:43\n</span></p>\n"
		"<!-- div class=\"typeTags\">\n"
		"  <a href=\"\" class=\"typeTag tagColor3\">贵州茅台 <abbr class=\"lows\">-0.3%</abbr> </a>\n"
		"</div -->\n"
		"<p>● 95%以上金融机构都认识到了数字化转型的重要性。</p></div>";
	ss_text t;
	ss_meta m;
	html(&t, &m, src);
	assert_null(strstr(text_of(&t), "乐视"));
	assert_null(strstr(text_of(&t), "-0.3%"));
	assert_non_null(strstr(text_of(&t), "未来金融云四大价值体系\n\n"));
	assert_maps_to(&t, src, "95%以上", "95%以上");
	assert_string_equal(m.date, "2021-07-13 21:07:43");
	ss_text_release(&t);
	meta_free(&m);
}

static void test_crlf(void **state)
{
	(void)state;
	const char *src = "<html>\r\n<body>\r\n<p>同比\r\n增长5%</p>\r\n<p>下降3%</p>\r\n</body></html>\r\n";
	ss_text t;
	ss_meta m;
	html(&t, &m, src);
	assert_non_null(strstr(text_of(&t), "同比"));
	assert_maps_to(&t, src, "增长5%", "增长5%");
	assert_maps_to(&t, src, "下降3%", "下降3%");
	ss_text_release(&t);
	meta_free(&m);
}

/* Chunks that hold line ends (after an inline element, so that they are
 * not a paragraph's leading white space): each line end is the source's own
 * bytes, a CRLF too (the normalisation makes it one line end later). */
static void test_line_end_chunks(void **state)
{
	(void)state;
	const char *src = "<p>甲<b>乙</b>\n丙\n丁</p><p>戊<b>己</b>\r\n庚</p>";
	ss_text t;
	ss_meta m;
	html(&t, &m, src);
	assert_string_equal(text_of(&t), "甲乙\n丙\n丁\n\n戊己\r\n庚\n\n");
	assert_maps_to(&t, src, "\n丙\n丁", "\n丙\n丁");
	assert_maps_to(&t, src, "己\r\n庚", "己</b>\r\n庚");
	ss_text_release(&t);
	meta_free(&m);
}

static void test_title_and_h1(void **state)
{
	(void)state;
	const char *src = "<html><head><title>\n +18.3%！一季度成绩单 - 新闻 \n</title>"
	                  "<meta name=\"author\" content=\"每经网\">"
	                  "<meta property=\"og:site_name\" content=\"每日经济新闻\">"
	                  "<meta name=\"pubdate\" content=\"2021-04-16 12:58\"></head>"
	                  "<body><h1>同比增长18.3%</h1><p>正文</p></body></html>";
	ss_text t;
	ss_meta m;
	html(&t, &m, src);
	assert_string_equal(text_of(&t), "+18.3%！一季度成绩单 - 新闻\n\n同比增长18.3%\n\n正文\n\n");
	assert_maps_to(&t, src, "+18.3%", "+18.3%");
	assert_string_equal(m.title, "+18.3%！一季度成绩单 - 新闻");
	assert_string_equal(m.author, "每经网");
	assert_string_equal(m.source, "每日经济新闻");
	assert_string_equal(m.date, "2021-04-16 12:58");
	ss_text_release(&t);
	meta_free(&m);
}

static void test_meta_not_overwritten(void **state)
{
	(void)state;
	const char *src = "<title>页面标题</title><meta name=\"author\" content=\"b\"><p>x</p>";
	ss_text t;
	ss_text_init(&t);
	ss_meta m = {0};
	m.title = strdup("前言标题");
	m.author = strdup("a");
	ss_html_to_text(src, strlen(src), 0, &t, &m);
	assert_string_equal(m.title, "前言标题");
	assert_string_equal(m.author, "a");
	ss_text_release(&t);
	meta_free(&m);
}

static void test_declared_gb2312(void **state)
{
	(void)state;
	/* The bytes are UTF-8 whatever the page says. */
	const char *src = "<html><head><meta http-equiv=\"Content-Type\" "
	                  "content=\"text/html; charset=gb2312\"></head>"
	                  "<body><p>纽约油价１３日上涨０．２８美元</p></body></html>";
	ss_text t;
	ss_meta m;
	html(&t, &m, src);
	assert_string_equal(text_of(&t), "纽约油价１３日上涨０．２８美元\n\n");
	assert_maps_to(&t, src, "０．２８美元", "０．２８美元");
	ss_text_release(&t);
	meta_free(&m);
}

static void test_base_offset(void **state)
{
	(void)state;
	/* A body after front matter: the map points into the whole file. */
	const char *file = "---\ntitle: x\n---\n<p>增长5%</p>";
	size_t body = strlen("---\ntitle: x\n---\n");
	ss_text t;
	ss_text_init(&t);
	ss_meta m = {0};
	ss_html_to_text(file + body, strlen(file) - body, (uint32_t)body, &t, &m);
	assert_true(ss_text_check(&t, file, strlen(file), NULL));
	assert_maps_to(&t, file, "增长5%", "增长5%");
	ss_text_release(&t);
	meta_free(&m);
}

static void test_broken_html(void **state)
{
	(void)state;
	ss_text t;
	ss_meta m;
	html(&t, &m, "<p>a<b>b<i>c</p></b>d</div></div><p <p>e<<>>f</ta ble>&;");
	ss_text_release(&t);
	meta_free(&m);
	html(&t, &m, "</p></p><td>1</tr>2<li>3");
	assert_non_null(strstr(text_of(&t), "1"));
	ss_text_release(&t);
	meta_free(&m);
}

/* Issue 10 class 8: libxml2 recovers "<1-4月..." as text only after it has
 * read the text, so the paragraph it opens for it (an implied <p>, with the
 * cursor past the text) must not push the text's map beyond its bytes. */
static void test_recovered_text_after_implied_block(void **state)
{
	(void)state;
	static const char *const figures[] = {"1909亿元", "比上年同期增长19.3%"};
	const char *src = "<\n<1-4月累计印花税收入1909亿元，比上年同期增长19.3%。</p>\n<p>x</p>\n";
	ss_text t;
	ss_meta m;
	html(&t, &m, src);
	for (size_t i = 0; i < sizeof figures / sizeof *figures; i++)
		assert_exact_span(&t, src, figures[i]);
	ss_text_release(&t);
	meta_free(&m);
	/* The same behind front matter, at a base offset, as a Hexo post reads. */
	const char *post = "---\ntitle: x\n---\n\n<\n<1-4月收入1909亿元。</p>\n";
	size_t body = strlen("---\ntitle: x\n---\n");
	ss_text_init(&t);
	memset(&m, 0, sizeof m);
	ss_html_to_text(post + body, strlen(post) - body, (uint32_t)body, &t, &m);
	size_t bad = 0;
	assert_true(ss_text_check(&t, post, strlen(post), &bad));
	assert_exact_span(&t, post, "1909亿元");
	ss_text_release(&t);
	meta_free(&m);
}

static void test_deep_nesting(void **state)
{
	(void)state;
	size_t depth = 100000;
	const char *open = "<div>", *close = "</div>", *mid = "深层5%";
	size_t n = depth * (strlen(open) + strlen(close)) + strlen(mid) + 32;
	char *src = malloc(n), *p = src;
	for (size_t i = 0; i < depth; i++)
		p = stpcpy(p, open);
	p = stpcpy(p, mid);
	for (size_t i = 0; i < depth; i++)
		p = stpcpy(p, close);
	p = stpcpy(p, "<p>之后6%</p>");
	ss_text t;
	ss_meta m;
	html(&t, &m, src);
	assert_non_null(strstr(text_of(&t), "之后6%"));
	ss_text_release(&t);
	meta_free(&m);
	free(src);
}

static void test_long_text(void **state)
{
	(void)state;
	/* libxml2 hands long runs over in pieces; they must join up exactly. */
	size_t n = 20000;
	char *src = malloc(n * 5 + 64), *p = src;
	p = stpcpy(p, "<p>");
	for (size_t i = 0; i < n; i++)
		p = stpcpy(p, i % 7 == 0 ? "\r\n" : i % 5 == 0 ? "&amp;" : "中");
	p = stpcpy(p, "</p>");
	ss_text t;
	ss_meta m;
	html(&t, &m, src);
	for (size_t i = 0; i < t.len; i++)
		assert_true(unit_end(&t, i) - unit_start(&t, i) == 1 || (src[unit_start(&t, i)] == '&' && t.ptr[i] == '&') ||
		            unit_start(&t, i) == unit_end(&t, i));
	ss_text_release(&t);
	meta_free(&m);
	free(src);
}

/* White space is layout next to a break the reader made, text next to line
 * ends the page wrote: after a break (and after white space taken back
 * before one) it is dropped, after a cell's tab or a <pre>'s own blank line
 * it is kept. */
static void test_white_space_at_breaks(void **state)
{
	(void)state;
	assert_html("<p>a</p>\n\n<p> \n</p>  <p>b</p>", "a\n\nb\n\n");
	assert_html("<div>x \n</div><span> y</span>", "x\n\ny\n\n");
	assert_html("<p>a</p><b> </b><i> z</i>", "a\n\nz\n\n");
	assert_html("x<br>\n\n<br> y", "x\n\ny\n\n");
	assert_html("<table><tr><td>a</td><td> b </td></tr></table>", "a\t b\n\n");
	assert_html("<table><tr><td>1</td> <td> </td><td>2</td></tr></table>", "1\n\n2\n\n");
	assert_html("<td>a</td><td><p>b</p></td> c", "a\t\n\nb\n\nc\n\n");
	assert_html("<pre>a\n\n<b> c</b></pre>", "a\n\n c\n\n");
}

/* Element names are looked up once per page and kept by their interned
 * pointer: a page of more names than the cache holds, each name met again
 * after the others, still gets each name's own kind (inline, block, cell,
 * row, skipped, title, meta, time). */
static void test_many_names(void **state)
{
	(void)state;
	enum { NAMES = 300 };
	char *src = malloc(64 * 1024), *want = malloc(16 * 1024);
	size_t n = 0, w = 0;
	n += (size_t)sprintf(src + n, "<html><head><title>题</title></head><body>");
	w += (size_t)sprintf(want + w, "题\n\n");
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < NAMES; i++) {
			n += (size_t)sprintf(src + n, "<u%d>a</u%d><p>b</p>", i, i);
			w += (size_t)sprintf(want + w, "a\n\nb\n\n");
			if (i % 50 == 0) {
				n += (size_t)sprintf(src + n, "<table><tr><td>1</td><td>2</td></tr></table>"
				                              "<script>x</script><style>y</style>");
				w += (size_t)sprintf(want + w, "1\t2\n\n");
			}
		}
	n += (size_t)sprintf(src + n, "<meta name=\"author\" content=\"某某\">"
	                              "<time>2021-07-13</time></body></html>");
	w += (size_t)sprintf(want + w, "2021-07-13\n\n");
	assert_true(n < 64 * 1024 && w < 16 * 1024);
	ss_text t;
	ss_meta m;
	html(&t, &m, src);
	assert_string_equal(text_of(&t), want);
	assert_string_equal(m.title, "题");
	assert_string_equal(m.author, "某某");
	assert_string_equal(m.date, "2021-07-13");
	ss_text_release(&t);
	meta_free(&m);
	free(src);
	free(want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_blocks_break),
		cmocka_unit_test(test_inline_keeps_figure),
		cmocka_unit_test(test_entities),
		cmocka_unit_test(test_bad_entities),
		cmocka_unit_test(test_dropped),
		cmocka_unit_test(test_seed_comments),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_line_end_chunks),
		cmocka_unit_test(test_title_and_h1),
		cmocka_unit_test(test_meta_not_overwritten),
		cmocka_unit_test(test_declared_gb2312),
		cmocka_unit_test(test_base_offset),
		cmocka_unit_test(test_broken_html),
		cmocka_unit_test(test_recovered_text_after_implied_block),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_long_text),
		cmocka_unit_test(test_many_names),
		cmocka_unit_test(test_white_space_at_breaks),
	};
	return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
