/* test_frontmatter.c - YAML front matter: fields, dates, title spans,
 * broken YAML. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "helpers.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

typedef struct {
	int n;
	unsigned line, column;
	char msg[256];
} diags;

static void on_diag(void *ud, const ss_diag *d)
{
	diags *g = ud;
	if (g->n++ == 0) {
		g->line = d->line;
		g->column = d->column;
		strncpy(g->msg, d->message ? d->message : "", sizeof g->msg - 1);
	}
}

typedef struct {
	ss_text t;
	ss_meta m;
	diags d;
	ss_diag_sink sink;
	size_t n;
} fm_run;

static void parse(fm_run *r, const char *src)
{
	memset(r, 0, sizeof *r);
	ss_text_init(&r->t);
	r->sink.fn = on_diag;
	r->sink.userdata = &r->d;
	r->n = ss_frontmatter_parse("t.md", src, strlen(src), &r->t, &r->m, &r->sink);
	size_t bad = 0;
	assert_true(ss_text_check(&r->t, src, strlen(src), &bad));
}

static void done(fm_run *r)
{
	ss_text_release(&r->t);
	ss_meta_release(&r->m);
}

static void test_none(void **state)
{
	(void)state;
	fm_run r;
	parse(&r, "# heading\n\ntext\n");
	assert_int_equal(r.n, 0);
	assert_null(r.m.title);
	assert_int_equal(r.t.len, 0);
	done(&r);
}

static void test_unclosed_is_not_front_matter(void **state)
{
	(void)state;
	fm_run r;
	parse(&r, "---\ntitle: x\nno end here\n");
	assert_int_equal(r.n, 0);
	done(&r);
}

/* The seed's header, as Hexo writes it: a blank line first. */
static const char seed[] =
	"\n---\n"
	"title: '未来金融云有四大价值体系'\n"
	"categories: \n - 金融\n - 每经网\n - 重磅原创\n"
	"headimg: 'https://picsum.photos/400/300?random=4372'\n"
	"author: 每经网\n"
	"comments: false\n"
	"date: Invalid Date\n"
	"---\n\n<div>body</div>\n";

static void test_seed_header(void **state)
{
	(void)state;
	fm_run r;
	parse(&r, seed);
	assert_int_equal(r.n, (size_t)(strstr(seed, "\n\n<div>") - seed) + 1);
	assert_string_equal(r.m.title, "未来金融云有四大价值体系");
	assert_string_equal(r.m.author, "每经网");
	assert_null(r.m.date);
	assert_int_equal(r.m.ncategories, 3);
	assert_string_equal(r.m.categories[0], "金融");
	assert_string_equal(r.m.categories[1], "每经网");
	assert_string_equal(r.m.categories[2], "重磅原创");
	assert_string_equal(r.t.ptr, "未来金融云有四大价值体系\n\n");
	assert_exact_span(&r.t, seed, "未来金融云有四大价值体系");
	assert_int_equal(r.d.n, 0);
	done(&r);
}

static void test_dates(void **state)
{
	(void)state;
	static const struct {
		const char *line;
		const char *want;
	} cases[] = {
		{"date: Invalid Date", NULL},
		{"date: TBD", NULL},
		{"date: 2021", NULL},
		{"date: 2021-07-13 21:07:43", "2021-07-13 21:07:43"},
		{"date: Mon, 15 Nov 2021 02:21:34 GMT", "Mon, 15 Nov 2021 02:21:34 GMT"},
		{"date: '2021年7月13日'", "2021年7月13日"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char src[256];
		snprintf(src, sizeof src, "---\n%s\n---\nbody\n", cases[i].line);
		fm_run r;
		parse(&r, src);
		if (cases[i].want)
			assert_string_equal(r.m.date, cases[i].want);
		else
			assert_null(r.m.date);
		done(&r);
	}
}

static void test_quoted_title_span(void **state)
{
	(void)state;
	const char *src = "---\ntitle: '1-4月证券交易印花税1250亿元 比上年同期增长21.9%'\n---\n";
	fm_run r;
	parse(&r, src);
	assert_string_equal(r.t.ptr, "1-4月证券交易印花税1250亿元 比上年同期增长21.9%\n\n");
	assert_exact_span(&r.t, src, "1250亿元");
	assert_exact_span(&r.t, src, "21.9%");
	/* The quotes are not part of the title. */
	uint32_t bs, be;
	ss_text_map(&r.t, 0, 1, &bs, &be);
	assert_int_equal(bs, strchr(src, '\'') - src + 1);
	done(&r);
}

static void test_unquoted_title_span(void **state)
{
	(void)state;
	const char *src = "---\nlayout: post\ntitle: 陆家嘴财经早餐 2024年8月1日\n---\n";
	fm_run r;
	parse(&r, src);
	assert_string_equal(r.m.title, "陆家嘴财经早餐 2024年8月1日");
	assert_string_equal(r.t.ptr, "陆家嘴财经早餐 2024年8月1日\n\n");
	assert_exact_span(&r.t, src, "陆家嘴财经早餐 2024年8月1日");
	done(&r);
}

/* An escape: the value differs from its bytes; the equal ends still map as
 * copies, the escape as one unit. */
static void test_escaped_title(void **state)
{
	(void)state;
	const char *src = "---\ntitle: \"营收\\t增长5%\"\n---\n";
	fm_run r;
	parse(&r, src);
	assert_string_equal(r.m.title, "营收\t增长5%");
	assert_exact_span(&r.t, src, "增长5%");
	assert_exact_span(&r.t, src, "营收");
	const char *tab = strchr(r.t.ptr, '\t');
	uint32_t bs, be;
	ss_text_map(&r.t, (size_t)(tab - r.t.ptr), (size_t)(tab - r.t.ptr) + 1, &bs, &be);
	assert_memory_equal(src + bs, "\\t", 2);
	assert_int_equal(be - bs, 2);
	done(&r);
}

static void test_folded_title(void **state)
{
	(void)state;
	const char *src = "---\ntitle: 净利润增长\n  12.5%\nauthor: x\n---\n";
	fm_run r;
	parse(&r, src);
	assert_string_equal(r.m.title, "净利润增长 12.5%");
	assert_exact_span(&r.t, src, "12.5%");
	assert_exact_span(&r.t, src, "净利润增长");
	done(&r);
}

static void test_categories_scalar(void **state)
{
	(void)state;
	fm_run r;
	parse(&r, "---\ncategories: wind\nsource: 新华社\n---\n");
	assert_int_equal(r.m.ncategories, 1);
	assert_string_equal(r.m.categories[0], "wind");
	assert_string_equal(r.m.source, "新华社");
	assert_null(r.m.title);
	assert_int_equal(r.t.len, 0);
	done(&r);
}

static void test_categories_flow_list(void **state)
{
	(void)state;
	fm_run r;
	parse(&r, "---\ncategories: [金融, 深度]\ntags:\n - a\n - b\n---\n");
	assert_int_equal(r.m.ncategories, 2);
	assert_string_equal(r.m.categories[1], "深度");
	done(&r);
}

static void test_broken_yaml_reported(void **state)
{
	(void)state;
	const char *src = "---\ntitle: ok 5%\nauthor: a: b\n---\nbody 7%\n";
	fm_run r;
	parse(&r, src);
	assert_int_equal(r.d.n, 1);
	assert_int_equal(r.d.line, 3);
	assert_true(r.d.column > 0);
	assert_non_null(strstr(r.d.msg, "front matter"));
	assert_int_equal(r.sink.warnings, 1);
	/* The block is still skipped: its end was found. */
	assert_int_equal(r.n, (size_t)(strstr(src, "body") - src));
	done(&r);
}

static void test_broken_yaml_body_still_read(void **state)
{
	(void)state;
	const char *src = "---\ntitle: 'unclosed\n---\n正文增长7%\n";
	ss_text t;
	ss_meta m = {0};
	diags d = {0};
	ss_diag_sink sink = {on_diag, &d, 0, 0};
	ss_text_init(&t);
	ss_read_document("t.md", src, strlen(src), SS_FORMAT_AUTO, &t, &m, &sink);
	assert_int_equal(d.n, 1);
	assert_true(d.line >= 2);
	assert_exact_span(&t, src, "正文增长7%");
	assert_null(strstr(t.ptr, "unclosed"));
	ss_text_release(&t);
	ss_meta_release(&m);
}

static void test_crlf(void **state)
{
	(void)state;
	const char *src = "\r\n---\r\ntitle: \"同比增长15%\"\r\ndate: 2021-07-13\r\n"
	                  "categories:\r\n - 金融\r\n---\r\n正文\r\n";
	fm_run r;
	parse(&r, src);
	assert_int_equal(r.n, (size_t)(strstr(src, "正文") - src));
	assert_string_equal(r.m.title, "同比增长15%");
	assert_string_equal(r.m.date, "2021-07-13");
	assert_int_equal(r.m.ncategories, 1);
	assert_exact_span(&r.t, src, "同比增长15%");
	done(&r);
}

static void test_bom(void **state)
{
	(void)state;
	const char *src = "\xEF\xBB\xBF---\ntitle: 标题\n---\n";
	fm_run r;
	parse(&r, src);
	assert_string_equal(r.m.title, "标题");
	assert_exact_span(&r.t, src, "标题");
	done(&r);
}

/* Fuzz find: a quoted title whose only raw byte (a folded newline) differs
 * from the value (a space) must not become a one-byte "copy" unit. */
static void test_folded_one_byte_title(void **state)
{
	static const char *const cases[] = {
		"---\ntitle: '\n'\n---\n",
		"---\ntitle: \"a\n\"\n---\n",
		"---\ntitle: \"\\t\"\n---\n",
		"---\ntitle: '\u589e\u957f\n5%'\n---\n",
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		fm_run r;
		parse(&r, cases[i]); /* checks the map */
		done(&r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_none),
		cmocka_unit_test(test_unclosed_is_not_front_matter),
		cmocka_unit_test(test_seed_header),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_quoted_title_span),
		cmocka_unit_test(test_unquoted_title_span),
		cmocka_unit_test(test_escaped_title),
		cmocka_unit_test(test_folded_title),
		cmocka_unit_test(test_categories_scalar),
		cmocka_unit_test(test_categories_flow_list),
		cmocka_unit_test(test_broken_yaml_reported),
		cmocka_unit_test(test_broken_yaml_body_still_read),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_folded_one_byte_title),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
