/* test_pdf_pipeline.c - the pipeline's hook for readers the caller supplies
 * (ss_options_set_readers), as the PDF reader uses it, with a fake raw
 * reader and no poppler: it takes its input before sanitise and decode,
 * its text becomes the source facts point into, its positions come back
 * through ss_doc_fact_page, and an error it reports fails the document. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts/facts.h"
#include "pipeline/pipeline.h" /* struct ss_options, set field by field */

static const char laid_out[] = "第一段。\n\n营收同比增长5%。";

static int fake_detect(const char *src, size_t len)
{
	return len >= 5 && !memcmp(src, "FAKE\0", 5) ? 3 : 0;
}

static unsigned fake_locate(const void *data, size_t start, size_t end, ss_buf *box)
{
	ss_buf_addf(box, "%zu,%zu", start, end);
	return 7;
}

static void fake_free(void *data) { free(data); }

static void fake_read(const char *name, const char *src, size_t len, ss_read_out *out,
                      ss_diag_sink *sink)
{
	if (len > 5 && src[5] == 'X') {
		ss_report(sink, SS_DIAG_ERROR, name, 0, 0, NULL, "cannot read it");
		return;
	}
	out->base = ss_xstrdup(laid_out);
	out->baselen = strlen(laid_out);
	ss_text_add_copy(out->text, out->base, 0, out->baselen);
	out->format = SS_FORMAT_PDF;
	out->extra->data = ss_xstrdup("positions");
	out->extra->free = fake_free;
	out->extra->locate = fake_locate;
}

static const ss_reader fake = {"fake", SS_FORMAT_PDF, fake_detect, fake_read, true};
static const ss_reader *const fakes[] = {&fake, NULL};

static ss_ruleset *rules(void)
{
	ss_ruleset *rs = ss_ruleset_new();
	assert_int_equal(ss_ruleset_add_defaults(rs), SS_OK);
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	return rs;
}

static void test_raw_reader_is_the_source(void **state)
{
	(void)state;
	ss_ruleset *rs = rules();
	/* NUL bytes that sanitise and decode would call binary */
	static const char input[] = "FAKE\0\0\0\0\0\0\0\0\0\0\0\0";
	ss_options o = {.format = SS_FORMAT_HTML, .readers = fakes};
	ss_doc *doc = ss_doc_extract(rs, "a.fake", input, sizeof input - 1, &o);
	assert_int_equal(ss_doc_status(doc), SS_OK);
	assert_int_equal(ss_doc_format(doc), SS_FORMAT_PDF);
	assert_int_equal(ss_doc_fact_count(doc), 1);
	const ss_fact *f = ss_doc_fact(doc, 0);
	/* start/end are offsets into the reader's text, lines counted there */
	const char *fig = strstr(laid_out, "同比增长5%");
	assert_int_equal(f->start, (size_t)(fig - laid_out));
	assert_int_equal(f->end, f->start + strlen("同比增长5%"));
	assert_int_equal(f->line, 3);
	assert_int_equal(f->column, 3);
	char box[32];
	assert_int_equal(ss_doc_fact_page(doc, 0, box, sizeof box), 7);
	char want[32];
	snprintf(want, sizeof want, "%zu,%zu", f->start, f->end);
	assert_string_equal(box, want);
	assert_int_equal(ss_doc_fact_page(doc, 1, box, sizeof box), 0); /* no such fact */
	assert_string_equal(box, "");
	ss_doc_free(doc);
	ss_ruleset_free(rs);
}

static void test_raw_reader_error_fails(void **state)
{
	(void)state;
	ss_ruleset *rs = rules();
	ss_options o = {.readers = fakes};
	ss_doc *doc = ss_doc_extract(rs, "b.fake", "FAKE\0X", 6, &o);
	assert_int_equal(ss_doc_status(doc), SS_ERR_INPUT);
	assert_int_equal(ss_doc_fact_count(doc), 0);
	ss_doc_free(doc);
	ss_ruleset_free(rs);
}

static void test_other_inputs_untouched(void **state)
{
	(void)state;
	ss_ruleset *rs = rules();
	ss_options o = {.readers = fakes};
	const char *text = "营收同比增长5%。";
	ss_doc *doc = ss_doc_extract(rs, "c.txt", text, strlen(text), &o);
	assert_int_equal(ss_doc_format(doc), SS_FORMAT_TEXT);
	assert_int_equal(ss_doc_fact_count(doc), 1);
	char box[8];
	assert_int_equal(ss_doc_fact_page(doc, 0, box, sizeof box), 0);
	ss_doc_free(doc);
	ss_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_raw_reader_is_the_source),
		cmocka_unit_test(test_raw_reader_error_fails),
		cmocka_unit_test(test_other_inputs_untouched),
	};
	return cmocka_run_group_tests_name("pdf_pipeline", tests, NULL, NULL);
}
