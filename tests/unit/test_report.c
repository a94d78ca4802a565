/* test_report.c - the xlsx and html formats through the library: a workbook
 * comes out as a zip whether there is a stream or not, and a failed input has
 * its row; the report holds a document's text so that no markup in it can
 * end its script element, and places figures in UTF-16 units. (The cells
 * themselves are read back by tests/xlsx, the page by tests/browser.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "statspan.h"

static ss_ruleset *rules(void)
{
	ss_ruleset *rs = ss_ruleset_new();
	assert_int_equal(ss_ruleset_add_defaults(rs), SS_OK);
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	return rs;
}

/* Export one text document (and a failed input) in fmt; the bytes in *len. */
static char *export(const char *fmt, const char *src, size_t *len)
{
	ss_ruleset *rs = rules();
	ss_options *xo = ss_options_new();
	ss_options_set_format(xo, SS_FORMAT_TEXT);
	ss_doc *doc = ss_doc_extract(rs, "a.txt", src, strlen(src), xo);
	ss_options_free(xo);
	char *buf = NULL;
	FILE *out = open_memstream(&buf, len);
	ss_export e;
	ss_export_begin(&e, ss_exporter_find(fmt), out, false);
	ss_export_doc(&e, doc);
	ss_export_failed(&e, "gone.md", "cannot open 'gone.md': No such file or directory");
	ss_export_end(&e);
	assert_null(e.error);
	fclose(out);
	ss_doc_free(doc);
	ss_ruleset_free(rs);
	return buf;
}

static void test_xlsx_is_a_zip(void **state)
{
	(void)state;
	size_t len;
	char *s = export("xlsx", "营收增长15%。", &len);
	assert_true(len > 1000);
	assert_memory_equal(s, "PK\3\4", 4);
	assert_true(ss_exporter_find("xlsx")->needs & SS_FMT_BINARY);
	free(s);

	/* Without a stream, the workbook is left in the buffer. */
	ss_export e;
	ss_export_begin(&e, ss_exporter_find("xlsx"), NULL, false);
	ss_export_end(&e);
	assert_null(e.error);
	assert_true(e.buf.len > 1000);
	assert_memory_equal(e.buf.ptr, "PK\3\4", 4);
	ss_buf_release(&e.buf);
}

/* The text between the document's script tags. */
static char *doc_json(const char *page)
{
	const char *p = strstr(page, "class=\"ssdoc\" data-name=\"a.txt\"");
	assert_non_null(p);
	p = strchr(p, '>') + 1;
	const char *end = strstr(p, "</script>");
	assert_non_null(end);
	return strndup(p, (size_t)(end - p));
}

static void test_html_text_cannot_end_its_script(void **state)
{
	(void)state;
	size_t len;
	char *s = export("html", "</script><script>alert(1)</script><!-- 占比30% & 更多", &len);
	char *j = doc_json(s);
	/* the document's own markup stays inside the JSON string, escaped */
	assert_null(strstr(j, "<"));
	assert_null(strstr(j, "&"));
	assert_non_null(strstr(j, "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"));
	assert_non_null(strstr(j, "\\u0026"));
	free(j);
	/* the failed input is listed with its message */
	assert_non_null(strstr(s, "data-name=\"gone.md\" data-n=\"0\" data-status=\"failed\" "
	                          "data-message=\"cannot open 'gone.md': No such file or "
	                          "directory\">{}</script>"));
	/* the page around the documents is the template's */
	assert_non_null(strstr(s, "<!DOCTYPE html>"));
	assert_non_null(strstr(s, "</html>"));
	assert_null(strstr(s, "<!--statspan:documents-->"));
	free(s);
}

static void test_html_offsets_in_utf16(void **state)
{
	(void)state;
	size_t len;
	/* 𠀀 (U+20000) is two UTF-16 units, 中 one: 30% starts at unit 3 */
	char *s = export("html", "𠀀中30%的企业", &len);
	char *j = doc_json(s);
	assert_non_null(strstr(j, "\"facts\":[\n[3,6,"));
	free(j);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xlsx_is_a_zip),
		cmocka_unit_test(test_html_text_cannot_end_its_script),
		cmocka_unit_test(test_html_offsets_in_utf16),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
