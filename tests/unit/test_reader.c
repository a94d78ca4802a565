/* test_reader.c - format detection and the dispatch of a document. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "helpers.h"
#include <stdlib.h>
#include <string.h>

#include "statspan.h"
#include "text/text.h"

static const char hexo[] =
	"\n---\ntitle: '1-4月证券交易印花税1250亿元 比上年同期增长21.9%'\n"
	"categories: \n - 金融\n - 财联社\nauthor: 财联社\n"
	"date: Tue, 17 May 2022 06:44:15 GMT\n---\n\n"
	"<div>   \n<div class=\"m-b-10\"><p>印花税收入1909亿元，比上年同期增长19.3%。</p>\n"
	"<!-- <p>注释里的12%</p> -->\n</div></div>\n";

static const char jekyll[] =
	"---\nlayout: post\ntitle: 陆家嘴财经早餐 2024年8月1日 星期四\ncategories: wind\n---\n\n\n"
	"# 陆家嘴财经早餐 2024年8月1日 星期四\n\n## 热点聚焦\n"
	"1. 将联邦基金利率目标区间维持在 5.25% 至 5.5% 不变。\n\n"
	"2. 美联储今年会降息 70 个基点。\n";

static void test_detect_table(void **state)
{
	(void)state;
	static const struct {
		const char *src;
		ss_format want;
	} cases[] = {
		{"<!DOCTYPE html>\n<html><head></head><body>x</body></html>", SS_FORMAT_HTML},
		{"  <!DOCTYPE HTML PUBLIC \"-//W3C//DTD XHTML 1.0\">", SS_FORMAT_HTML},
		{"\xEF\xBB\xBF<html lang=\"zh\">", SS_FORMAT_HTML},
		{"<!-- [ published at 2018-04-12 ] -->\n<!DOCTYPE html>", SS_FORMAT_HTML},
		{"<script>document.location.href='x'</script>", SS_FORMAT_HTML},
		{"<div class=\"a\">正文</div>", SS_FORMAT_HTML},
		{"<p>增长5%</p>", SS_FORMAT_HTML},
		{"标题\n<p>a</p><p>b</p><p>c</p><p>d</p><br><br><br><br>", SS_FORMAT_HTML},
		{hexo, SS_FORMAT_MARKDOWN},
		{jekyll, SS_FORMAT_MARKDOWN},
		{"# 标题\n\n正文", SS_FORMAT_MARKDOWN},
		{"据[新华社](http://x.cn)报道", SS_FORMAT_MARKDOWN},
		{"规模达**4.9 万亿元**。", SS_FORMAT_MARKDOWN},
		{"迈克生物披露定增结果，募集资金总额为15.74亿元。\n", SS_FORMAT_TEXT},
		{"1. 检辩双方同意。\n2. 没有申请。\n3. 不申请鉴定。\n", SS_FORMAT_TEXT},
		{"苏A95**1的车，苏A85**1的车", SS_FORMAT_TEXT},
		{"#话题# 增长5%", SS_FORMAT_TEXT},
		{"a < b 且 c > d", SS_FORMAT_TEXT},
		{"---\n", SS_FORMAT_TEXT},
		{"", SS_FORMAT_TEXT},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		ss_format got = ss_detect_format(cases[i].src, strlen(cases[i].src));
		if (got != cases[i].want)
			fail_msg("case %zu: got %d, want %d", i, (int)got, (int)cases[i].want);
	}
}

static void test_read_plain_is_a_copy(void **state)
{
	(void)state;
	const char *src = "第一段 5%。\r\n\r\n第二段\n";
	ss_text t;
	ss_meta m = {0};
	ss_text_init(&t);
	ss_format f = ss_read_document("a.txt", src, strlen(src), SS_FORMAT_AUTO, &t, &m, NULL);
	assert_int_equal(f, SS_FORMAT_TEXT);
	assert_int_equal(t.len, strlen(src));
	assert_memory_equal(t.ptr, src, t.len);
	for (size_t i = 0; i < t.len; i++) {
		assert_int_equal(unit_start(&t, i), i);
		assert_int_equal(unit_end(&t, i), i + 1);
	}
	assert_null(m.title);
	ss_text_release(&t);
	ss_meta_release(&m);
}

static void test_read_plain_bom(void **state)
{
	(void)state;
	const char *src = "\xEF\xBB\xBF增长5%";
	ss_text t;
	ss_meta m = {0};
	ss_text_init(&t);
	ss_read_document("a.txt", src, strlen(src), SS_FORMAT_AUTO, &t, &m, NULL);
	assert_string_equal(t.ptr, "增长5%");
	assert_int_equal(unit_start(&t, 0), 3);
	ss_text_release(&t);
}

/* Posts and pages saved one after another in one file (issue 16): a
 * Markdown post is read as Markdown up to the first page, the pages that
 * follow as HTML. Read as Markdown, the script after the blank line and
 * the comment (a byte-order mark before "<script>": no HTML block to
 * Markdown) was a paragraph of text. */
static void test_read_post_then_pages(void **state)
{
	(void)state;
	static const char file[] =
		"---\ntitle: 早报\n---\n\n# 早报\n\n利润**增长5%**。\n"
		"<!DOCTYPE html>\n<html><head><title>页</title></head><body>\n"
		"<p>营收增长15%。</p>\n\n<!-- c -->\n\xEF\xBB\xBF<script>\nvar t = \"10万只小龙虾\";\n</script>\n"
		"</body></html>\n<html>\n<body><div>净利润3亿元</div></body></html>\n";
	ss_text t;
	ss_meta m = {0};
	ss_text_init(&t);
	ss_format f = ss_read_document("p.md", file, strlen(file), SS_FORMAT_AUTO, &t, &m, NULL);
	assert_int_equal(f, SS_FORMAT_MARKDOWN);
	assert_true(ss_text_check(&t, file, strlen(file), NULL));
	assert_non_null(strstr(t.ptr, "利润增长5%。"));
	assert_null(strstr(t.ptr, "**"));
	assert_non_null(strstr(t.ptr, "营收增长15%。"));
	assert_non_null(strstr(t.ptr, "净利润3亿元"));
	assert_null(strstr(t.ptr, "10万只"));
	assert_null(strstr(t.ptr, "<"));
	assert_string_equal(m.title, "早报"); /* the front matter's, not the page's */
	assert_exact_span(&t, file, "营收增长15%。");
	ss_text_release(&t);
	ss_meta_release(&m);
}

/* Hexo: front matter over HTML; the body goes to the HTML stage. */
static void test_read_hexo(void **state)
{
	(void)state;
	ss_text t;
	ss_meta m = {0};
	ss_text_init(&t);
	ss_format f = ss_read_document("h.md", hexo, strlen(hexo), SS_FORMAT_AUTO, &t, &m, NULL);
	assert_int_equal(f, SS_FORMAT_HTML);
	size_t bad = 0;
	assert_true(ss_text_check(&t, hexo, strlen(hexo), &bad));
	assert_string_equal(m.title, "1-4月证券交易印花税1250亿元 比上年同期增长21.9%");
	assert_string_equal(m.author, "财联社");
	assert_int_equal(m.ncategories, 2);
	assert_non_null(m.date);
	/* The title is the first paragraph. */
	assert_int_equal(strncmp(t.ptr, "1-4月证券交易印花税1250亿元 比上年同期增长21.9%\n\n",
	                         strlen("1-4月证券交易印花税1250亿元 比上年同期增长21.9%\n\n")),
	                 0);
	assert_exact_span(&t, hexo, "21.9%");
	assert_exact_span(&t, hexo, "增长19.3%");
	assert_null(strstr(t.ptr, "title:"));
	assert_null(strstr(t.ptr, "<p>"));
	ss_text_release(&t);
	ss_meta_release(&m);
}

static void test_read_jekyll(void **state)
{
	(void)state;
	ss_text t;
	ss_meta m = {0};
	ss_text_init(&t);
	ss_format f = ss_read_document("j.md", jekyll, strlen(jekyll), SS_FORMAT_AUTO, &t, &m, NULL);
	assert_int_equal(f, SS_FORMAT_MARKDOWN);
	size_t bad = 0;
	assert_true(ss_text_check(&t, jekyll, strlen(jekyll), &bad));
	assert_string_equal(m.title, "陆家嘴财经早餐 2024年8月1日 星期四");
	assert_int_equal(m.ncategories, 1);
	assert_null(m.date);
	assert_string_equal(t.ptr, "陆家嘴财经早餐 2024年8月1日 星期四\n\n"
	                           "陆家嘴财经早餐 2024年8月1日 星期四\n\n热点聚焦\n\n"
	                           "将联邦基金利率目标区间维持在 5.25% 至 5.5% 不变。\n\n"
	                           "美联储今年会降息 70 个基点。\n\n");
	assert_exact_span(&t, jekyll, "5.25% 至 5.5%");
	assert_exact_span(&t, jekyll, "70 个基点");
	ss_text_release(&t);
	ss_meta_release(&m);
}

/* --format-in text: the front matter is text like the rest. */
static void test_read_forced_text(void **state)
{
	(void)state;
	ss_text t;
	ss_meta m = {0};
	ss_text_init(&t);
	ss_format f = ss_read_document("j.md", jekyll, strlen(jekyll), SS_FORMAT_TEXT, &t, &m, NULL);
	assert_int_equal(f, SS_FORMAT_TEXT);
	assert_string_equal(t.ptr, jekyll);
	assert_null(m.title);
	ss_text_release(&t);
}

static void test_meta_release(void **state)
{
	(void)state;
	ss_meta m = {0};
	m.title = strdup("t");
	m.categories = malloc(sizeof *m.categories);
	m.categories[0] = strdup("c");
	m.ncategories = 1;
	ss_meta_release(&m);
	assert_null(m.title);
	assert_null(m.categories);
	assert_int_equal(m.ncategories, 0);
	ss_meta_release(&m); /* twice is harmless */
}

/* One reader per input format, found by format; detection through the
 * table. */
static void test_reader_table(void **state)
{
	(void)state;
	assert_null(ss_reader_for(SS_FORMAT_AUTO));
	static const ss_format formats[] = {SS_FORMAT_TEXT, SS_FORMAT_HTML, SS_FORMAT_MARKDOWN};
	for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
		const ss_reader *r = ss_reader_for(formats[i]);
		assert_non_null(r);
		assert_int_equal(r->format, formats[i]);
		assert_string_equal(r->name, ss_format_name(formats[i]));
		size_t n = 0;
		for (size_t k = 0; ss_readers[k]; k++)
			n += ss_readers[k]->format == formats[i];
		assert_int_equal(n, 1);
	}
	assert_ptr_equal(ss_reader_detect("<p>x</p>", 8), ss_reader_for(SS_FORMAT_HTML));
	assert_ptr_equal(ss_reader_detect("纯文本", strlen("纯文本")), ss_reader_for(SS_FORMAT_TEXT));
}

/* The same at the size of a real concatenation (a Hexo post, then 2,000
 * pages, half a megabyte; detection sniffs only the start): every page is read as
 * HTML, none of the markup or scripts reaches the text as Markdown would
 * leave it. */
static void test_read_post_then_many_pages(void **state)
{
	(void)state;
	static const char post[] = "---\ntitle: 早报\n---\n\n# 早报\n\n利润**增长5%**。\n";
	static const char page[] =
		"<!DOCTYPE html>\n<html><head><title>页</title><style>p{x:1}</style></head><body>\n"
		"<div class=\"nav\"><a href=\"/\">首页</a></div>\n"
		"<p>营收增长<b>15%</b>。</p>\n<script>\nvar t = \"10万只小龙虾\";\n</script>\n"
		"</body></html>\n";
	ss_buf b = SS_BUF_INIT;
	ss_buf_adds(&b, post);
	for (int i = 0; i < 2000; i++)
		ss_buf_adds(&b, page);
	ss_text t;
	ss_meta m = {0};
	ss_text_init(&t);
	ss_format f = ss_read_document("p.md", b.ptr, b.len, SS_FORMAT_AUTO, &t, &m, NULL);
	assert_int_equal(f, SS_FORMAT_MARKDOWN);
	assert_true(ss_text_check(&t, b.ptr, b.len, NULL));
	assert_non_null(strstr(t.ptr, "利润增长5%。"));
	size_t pages = 0;
	for (const char *p = t.ptr; (p = strstr(p, "营收增长15%。")); p++)
		pages++;
	assert_int_equal(pages, 2000);
	assert_null(strstr(t.ptr, "<"));
	assert_null(strstr(t.ptr, "10万只"));
	assert_null(strstr(t.ptr, "x:1"));
	assert_null(strstr(t.ptr, "**"));
	ss_text_release(&t);
	ss_meta_release(&m);
	ss_buf_release(&b);
}

/* A reader that knows more than the map (as a PDF reader knows pages)
 * hands it over through out->extra; the format it reports is kept. */
static void fake_free(void *data)
{
	free(data);
}

static void fake_read(const char *name, const char *src, size_t len, ss_read_out *out,
                      ss_diag_sink *sink)
{
	ss_text_add_copy(out->text, src, 0, len);
	out->extra->data = strdup("page 1");
	out->extra->free = fake_free;
}

static void test_reader_extra_positions(void **state)
{
	(void)state;
	const ss_reader fake = {"fake", SS_FORMAT_TEXT, NULL, fake_read, false};
	ss_text t;
	ss_meta m = {0};
	ss_read_extra extra = {0};
	ss_read_out out = {&t, &m, &extra, SS_FORMAT_AUTO, NULL, 0, NULL};
	ss_text_init(&t);
	assert_int_equal(ss_reader_read(&fake, "a.pdf", "增长5%", strlen("增长5%"), &out, NULL),
	                 SS_FORMAT_TEXT);
	assert_string_equal(t.ptr, "增长5%");
	assert_string_equal(extra.data, "page 1");
	extra.free(extra.data);
	ss_text_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detect_table),
		cmocka_unit_test(test_read_plain_is_a_copy),
		cmocka_unit_test(test_read_plain_bom),
		cmocka_unit_test(test_read_hexo),
		cmocka_unit_test(test_read_post_then_pages),
		cmocka_unit_test(test_read_post_then_many_pages),
		cmocka_unit_test(test_read_jekyll),
		cmocka_unit_test(test_read_forced_text),
		cmocka_unit_test(test_meta_release),
		cmocka_unit_test(test_reader_table),
		cmocka_unit_test(test_reader_extra_positions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
