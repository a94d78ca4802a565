/* test_export.c - the exporters: JSONL that jansson reads back field for field
 * (escapes, exact decimals, nulls), CSV quoting and formula guarding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
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

/* Export src (plain text) in format fmt into a malloc'd string. */
static char *export(ss_ruleset *rs, const char *fmt, const char *src)
{
	ss_extract_options xo = {.format = SS_FORMAT_TEXT};
	ss_doc *doc = ss_doc_extract(rs, "a\"b.txt", src, strlen(src), &xo);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	ss_export e;
	ss_export_begin(&e, ss_exporter_find(fmt), out, false);
	ss_export_doc(&e, doc);
	ss_export_end(&e);
	fclose(out);
	ss_doc_free(doc);
	return buf;
}

static void test_jsonl_reads_back(void **state)
{
	(void)state;
	ss_ruleset *rs = rules();
	char *s = export(rs, "jsonl", "他说\"营收\\利润\"占比48.97%，三分之一的企业。");
	json_error_t err;
	char *nl = strchr(s, '\n');
	assert_non_null(nl);
	json_t *f = json_loadb(s, (size_t)(nl - s), 0, &err);
	assert_non_null(f);
	assert_string_equal(json_string_value(json_object_get(f, "doc")), "a\"b.txt");
	assert_string_equal(json_string_value(json_object_get(f, "text")), "48.97%");
	/* the exact decimal, not 48.969999... */
	assert_non_null(strstr(s, "\"value\":48.97,"));
	assert_true(json_is_null(json_object_get(f, "direction")));
	assert_non_null(strstr(json_string_value(json_object_get(f, "sentence")), "\"营收\\利润\""));
	json_decref(f);
	/* 1/3 in percent: the shortest decimal that reads back as the double */
	assert_non_null(strstr(nl + 1, "\"value\":33.33333333333333,"));
	free(s);
	ss_ruleset_free(rs);
}

static void test_json_document(void **state)
{
	(void)state;
	ss_ruleset *rs = rules();
	char *s = export(rs, "json", "占比5%");
	json_error_t err;
	json_t *j = json_loads(s, 0, &err);
	assert_non_null(j);
	json_t *d = json_array_get(json_object_get(j, "documents"), 0);
	assert_string_equal(json_string_value(json_object_get(d, "format")), "text");
	assert_int_equal(json_array_size(json_object_get(d, "facts")), 1);
	json_decref(j);
	free(s);
	ss_ruleset_free(rs);
}

static void test_csv_quotes_and_formulas(void **state)
{
	(void)state;
	ss_ruleset *rs = rules();
	char *s = export(rs, "csv", "=收入,\"利润\"下降5%");
	/* CRLF rows; a field with a comma or quote is quoted, quotes doubled;
	 * a sentence starting with = is kept from running as a formula */
	assert_non_null(strstr(s, "\r\n"));
	assert_non_null(strstr(s, "\"'=收入,\"\"利润\"\"下降5%\""));
	assert_non_null(strstr(s, ",-5,%,"));
	free(s);
	ss_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jsonl_reads_back),
		cmocka_unit_test(test_json_document),
		cmocka_unit_test(test_csv_quotes_and_formulas),
	};
	return cmocka_run_group_tests_name("export", tests, NULL, NULL);
}
