/* test_api.c - the public API as a program outside the library sees it
 * (statspan.h alone): status messages and the version, misuse as error
 * codes, the options context, the fact accessors and the public writer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "statspan.h"

static ss_ruleset *compiled;
static int ndiag;
static char last[256];

static void on_diag(void *ud, const ss_diag *d)
{
	(void)ud;
	ndiag++;
	snprintf(last, sizeof last, "%s", d->message);
}

static const char doc_text[] = "营收同比增长15%，约三成受访者，投资26194亿元。\n";

static void test_status_messages(void **state)
{
	(void)state;
	for (int c = 0; c < SS_STATUS__COUNT; c++) {
		const char *m = ss_strerror((ss_status)c);
		assert_non_null(m);
		assert_true(strlen(m) > 3);
		assert_string_not_equal(m, "unknown status");
		for (int d = 0; d < c; d++) /* one message each */
			assert_string_not_equal(m, ss_strerror((ss_status)d));
	}
	assert_string_equal(ss_strerror((ss_status)99), "unknown status");
	assert_string_equal(ss_strerror((ss_status)-1), "unknown status");
}

static void test_version(void **state)
{
	(void)state;
	char want[32];
	snprintf(want, sizeof want, "%d.%d.%d", SS_VERSION_MAJOR, SS_VERSION_MINOR,
	         SS_VERSION_PATCH);
	assert_string_equal(ss_version(), want);
	assert_string_equal(SS_VERSION, want);
	assert_int_equal(SS_VERSION_NUMBER,
	                 SS_VERSION_MAJOR * 10000 + SS_VERSION_MINOR * 100 + SS_VERSION_PATCH);
}

/* A rule set never compiled gives a document whose status says so, and a
 * message: not SS_OK with no facts. */
static void test_uncompiled_rule_set(void **state)
{
	(void)state;
	ss_ruleset *rs = ss_ruleset_new();
	assert_int_equal(ss_ruleset_add_defaults(rs), SS_OK);
	assert_false(ss_ruleset_is_compiled(rs));
	ss_options *o = ss_options_new();
	ss_options_set_diag(o, on_diag, NULL);
	ndiag = 0;
	ss_doc *doc = ss_doc_extract(rs, "a.txt", doc_text, strlen(doc_text), o);
	assert_int_equal(ss_doc_status(doc), SS_ERR_USAGE);
	assert_int_equal(ss_doc_fact_count(doc), 0);
	assert_int_equal(ndiag, 1);
	assert_non_null(strstr(last, "not compiled"));
	ss_doc_free(doc);
	assert_int_equal(ss_ruleset_compile(rs), SS_OK);
	assert_true(ss_ruleset_is_compiled(rs));
	doc = ss_doc_extract(rs, "a.txt", doc_text, strlen(doc_text), o);
	assert_int_equal(ss_doc_status(doc), SS_OK);
	assert_true(ss_doc_fact_count(doc) > 0);
	ss_doc_free(doc);
	/* adding to a compiled set is misuse too */
	assert_int_equal(ss_ruleset_add_buffer(rs, "late.rules", "", 0), SS_ERR_USAGE);
	ss_options_free(o);
	ss_ruleset_free(rs);
}

static void test_null_arguments(void **state)
{
	(void)state;
	ss_doc *doc = ss_doc_extract(NULL, "a", doc_text, strlen(doc_text), NULL);
	assert_int_equal(ss_doc_status(doc), SS_ERR_USAGE);
	ss_doc_free(doc);
	doc = ss_doc_extract(compiled, "a", NULL, 10, NULL);
	assert_int_equal(ss_doc_status(doc), SS_ERR_USAGE);
	ss_doc_free(doc);
	/* NULL with no length is an empty document, not misuse */
	doc = ss_doc_extract(compiled, NULL, NULL, 0, NULL);
	assert_int_equal(ss_doc_status(doc), SS_OK);
	assert_string_equal(ss_doc_name(doc), "-");
	ss_doc_free(doc);
	assert_int_equal(ss_ruleset_add_defaults(NULL), SS_ERR_USAGE);
	assert_int_equal(ss_ruleset_add_buffer(NULL, "x", "", 0), SS_ERR_USAGE);
	ss_ruleset *rs = ss_ruleset_new();
	assert_int_equal(ss_ruleset_add_buffer(rs, "x", NULL, 3), SS_ERR_USAGE);
	assert_int_equal(ss_ruleset_add_dir(rs, NULL), SS_ERR_USAGE);
	ss_ruleset_free(rs);
	assert_int_equal(ss_ruleset_compile(NULL), SS_ERR_USAGE);
	assert_int_equal(ss_options_set_kinds(NULL, 0), SS_ERR_USAGE);
	assert_null(ss_writer_new(NULL, stdout));
	assert_int_equal(ss_writer_write(NULL, NULL), SS_ERR_USAGE);
	ss_doc_free(NULL);
	ss_ruleset_free(NULL);
	ss_options_free(NULL);
	ss_writer_free(NULL);
}

static void test_options(void **state)
{
	(void)state;
	ss_options *o = ss_options_new();
	assert_int_equal(ss_options_set_format(o, SS_FORMAT_HTML), SS_OK);
	assert_int_equal(ss_options_set_format(o, (ss_format)42), SS_ERR_CONFIG);
	assert_int_equal(ss_options_set_kinds(o, 1u << SS_KIND__COUNT), SS_ERR_CONFIG);
	assert_null(ss_options_currency(o));
	assert_int_equal(ss_options_set_currency(o, "HKD"), SS_OK);
	assert_string_equal(ss_options_currency(o), "HKD");
	assert_int_equal(ss_options_set_currency(o, "hkd"), SS_ERR_CONFIG);
	assert_int_equal(ss_options_set_currency(o, "HKDX"), SS_ERR_CONFIG);
	assert_string_equal(ss_options_currency(o), "HKD"); /* unchanged by a bad value */
	ss_options *c = ss_options_copy(o);
	assert_string_equal(ss_options_currency(c), "HKD");
	assert_int_equal(ss_options_set_currency(c, NULL), SS_OK);
	assert_null(ss_options_currency(c));
	ss_options_free(c);

	/* kinds: only percentages */
	assert_int_equal(ss_options_set_format(o, SS_FORMAT_TEXT), SS_OK);
	assert_int_equal(ss_options_set_kinds(o, 1u << SS_KIND_PERCENT), SS_OK);
	ss_doc *doc = ss_doc_extract(compiled, "a", doc_text, strlen(doc_text), o);
	assert_true(ss_doc_fact_count(doc) > 0);
	for (size_t i = 0; i < ss_doc_fact_count(doc); i++)
		assert_int_equal(ss_fact_kind(ss_doc_fact(doc, i)), SS_KIND_PERCENT);
	assert_int_equal(ss_doc_format(doc), SS_FORMAT_TEXT);
	ss_doc_free(doc);

	/* a match limit of 1 stops every rule: warnings naming them, no facts */
	assert_int_equal(ss_options_set_kinds(o, 0), SS_OK);
	assert_int_equal(ss_options_set_match_limit(o, 1), SS_OK);
	ss_options_set_diag(o, on_diag, NULL);
	ndiag = 0;
	doc = ss_doc_extract(compiled, "a", doc_text, strlen(doc_text), o);
	assert_int_equal(ss_doc_status(doc), SS_OK);
	assert_int_equal(ss_doc_fact_count(doc), 0);
	assert_true(ndiag > 0);
	assert_non_null(strstr(last, "match limit"));
	ss_doc_free(doc);
	/* 0 restores the default */
	assert_int_equal(ss_options_set_match_limit(o, 0), SS_OK);
	assert_int_equal(ss_options_set_depth_limit(o, 0), SS_OK);
	doc = ss_doc_extract(compiled, "a", doc_text, strlen(doc_text), o);
	assert_true(ss_doc_fact_count(doc) > 0);
	ss_doc_free(doc);
	ss_options_free(o);
}

static void test_fact_accessors(void **state)
{
	(void)state;
	ss_doc *doc = ss_doc_extract(compiled, "a.txt", doc_text, strlen(doc_text), NULL);
	assert_int_equal(ss_doc_fact_count(doc), 3);
	assert_null(ss_doc_fact(doc, 3));
	const ss_fact *f = ss_doc_fact(doc, 0); /* 同比增长15% */
	assert_int_equal(ss_fact_kind(f), SS_KIND_CHANGE);
	assert_true(ss_fact_value(f) == 15.0);
	assert_string_equal(ss_fact_value_str(f), "15");
	assert_string_equal(ss_fact_unit(f), "%");
	assert_int_equal(ss_fact_direction(f), SS_DIR_UP);
	assert_int_equal(ss_fact_basis(f), SS_BASIS_YOY);
	assert_int_equal(ss_fact_qualifier(f), SS_QUAL_EXACT);
	double v = -1; /* an exact figure is its own bounds */
	assert_true(ss_fact_low(f, &v));
	assert_true(v == 15.0);
	assert_string_equal(ss_fact_low_str(f), "15");
	assert_string_equal(ss_fact_high_str(f), "15");
	size_t s, e, tl;
	ss_fact_span(f, &s, &e);
	const char *t = ss_doc_text(doc, &tl);
	ss_tspan ts = ss_fact_text(f);
	assert_memory_equal(doc_text + s, t + ts.start, e - s);
	assert_memory_equal(doc_text + s, "同比增长15%", e - s);
	assert_int_equal(ss_fact_line(f), 1);
	assert_int_equal(ss_fact_column(f), 3); /* after 营收 */
	char *subj = ss_doc_span_str(doc, ss_fact_subject(f));
	assert_string_equal(subj, "营收");
	ss_free(subj);
	ss_tspan sent = ss_fact_sentence(f);
	assert_true(sent.start <= ts.start && ts.end <= sent.end);
	assert_non_null(ss_fact_rule(f));

	f = ss_doc_fact(doc, 1); /* 约三成 */
	assert_int_equal(ss_fact_kind(f), SS_KIND_PERCENT);
	assert_int_equal(ss_fact_qualifier(f), SS_QUAL_APPROX);
	assert_string_equal(ss_fact_value_str(f), "30");
	v = -1; /* an approximate one has none */
	assert_false(ss_fact_low(f, &v));
	assert_false(ss_fact_high(f, NULL));
	assert_true(v == -1);
	assert_null(ss_fact_low_str(f));
	assert_null(ss_fact_high_str(f));
	f = ss_doc_fact(doc, 2);
	assert_int_equal(ss_fact_kind(f), SS_KIND_MONEY);
	assert_string_equal(ss_fact_unit(f), "CNY");
	assert_string_equal(ss_fact_value_str(f), "2619400000000");
	ss_doc_free(doc);
}

/* The formats are the library's table (xlsx and html too); each one writes
 * through the writer,
 * and rendering a document apart gives the bytes ss_writer_write adds. */
static void test_writer_formats(void **state)
{
	(void)state;
	size_t n = ss_writer_format_count();
	assert_true(n >= 6);
	assert_null(ss_writer_format_name(n));
	const char *want[] = {"json", "jsonl", "csv", "tsv", "xlsx", "html"};
	for (size_t k = 0; k < 6; k++) {
		size_t i = 0;
		while (i < n && strcmp(ss_writer_format_name(i), want[k]))
			i++;
		assert_true(i < n);
	}
	assert_null(ss_writer_new("xml", NULL));
	ss_doc *doc = ss_doc_extract(compiled, "a.txt", doc_text, strlen(doc_text), NULL);
	for (size_t i = 0; i < n; i++) {
		ss_writer *w = ss_writer_new(ss_writer_format_name(i), NULL);
		assert_non_null(w);
		assert_int_equal(ss_writer_write(w, doc), SS_OK);
		assert_int_equal(ss_writer_finish(w), SS_OK);
		assert_int_equal(ss_writer_finish(w), SS_ERR_USAGE);
		assert_int_equal(ss_writer_write(w, doc), SS_ERR_USAGE);
		size_t len;
		char *all = ss_writer_detach(w, &len);
		assert_true(len > 2);
		if (ss_writer_is_binary(w)) /* a workbook: a zip file */
			assert_memory_equal(all, "PK", 2);
		else
			assert_non_null(strstr(all, "26194"));
		size_t rl;
		char *one = ss_writer_render(w, doc, &rl);
		if (ss_writer_is_whole_run(w))
			assert_null(one);
		else /* a header (if any) and then exactly the rendered records */
			assert_memory_equal(all + len - rl, one, rl);
		ss_free(one);
		ss_free(all);
		ss_writer_free(w);
	}
	ss_doc_free(doc);
}

static void test_writer_columns_and_stream(void **state)
{
	(void)state;
	ss_doc *doc = ss_doc_extract(compiled, "a.txt", doc_text, strlen(doc_text), NULL);
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	ss_writer *w = ss_writer_new("csv", fp);
	assert_int_equal(ss_writer_set_columns(w, "kind,vlaue"), SS_ERR_CONFIG);
	assert_non_null(strstr(ss_writer_error(w), "unknown column 'vlaue'"));
	assert_int_equal(ss_writer_set_columns(w, "kind, value,unit"), SS_OK);
	assert_null(ss_writer_error(w));
	assert_int_equal(ss_writer_set_bom(w, 1), SS_OK);
	assert_int_equal(ss_writer_write(w, doc), SS_OK);
	assert_int_equal(ss_writer_set_columns(w, "kind"), SS_ERR_USAGE); /* started */
	assert_null(ss_writer_detach(w, NULL)); /* a stream's bytes are not kept */
	assert_int_equal(ss_writer_finish(w), SS_OK);
	ss_writer_free(w);
	fclose(fp);
	assert_string_equal(buf, "\xEF\xBB\xBFkind,value,unit\r\n"
	                         "change,15,%\r\npercent,30,%\r\nmoney,2619400000000,CNY\r\n");
	free(buf);
	ss_doc_free(doc);
	assert_non_null(strstr(ss_writer_column_names(), "sentence"));
}

int main(void)
{
	compiled = ss_ruleset_new();
	ss_ruleset_add_defaults(compiled);
	ss_ruleset_compile(compiled);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_messages),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_uncompiled_rule_set),
		cmocka_unit_test(test_null_arguments),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_fact_accessors),
		cmocka_unit_test(test_writer_formats),
		cmocka_unit_test(test_writer_columns_and_stream),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	ss_ruleset_free(compiled);
	return rc;
}
