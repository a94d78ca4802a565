/* test_export.c - the exporters: JSONL that jansson reads back field for field
 * (escapes, exact decimals, nulls), CSV quoting, the formula guard of CSV and
 * TSV, and the column table (--columns lists, title and date). */
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

/* Export src (format fmt_in) in format fmt with columns cols (NULL: the
 * standard ones) into a malloc'd string. */
static char *export_cols(ss_ruleset *rs, const char *fmt, const ss_colset *cols, ss_format fmt_in,
                         const char *src)
{
	ss_options *xo = ss_options_new();
	ss_options_set_format(xo, fmt_in);
	ss_doc *doc = ss_doc_extract(rs, "a\"b.txt", src, strlen(src), xo);
	ss_options_free(xo);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	ss_export e;
	ss_export_start(&e, ss_exporter_find(fmt), cols, out, false);
	ss_export_doc(&e, doc);
	ss_export_end(&e);
	fclose(out);
	ss_doc_free(doc);
	return buf;
}

static char *export(ss_ruleset *rs, const char *fmt, const char *src)
{
	return export_cols(rs, fmt, NULL, SS_FORMAT_TEXT, src);
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

/* Issue 14 item 2: a guard only where a spreadsheet would evaluate the cell. */
static void test_formula_cells(void **state)
{
	(void)state;
	static const char *const data[] = {"-0.3%", "+5", "-", "=", "=5", "-12.5", "5%", "abc", "", NULL};
	static const char *const formulas[] = {"=HYPERLINK(\"http://x\")", "@SUM(A1)", "-2+3",
	                                       "\t=1", "\r=1", "-16.1亿美元", "+-5", "-5.", "--",
	                                       NULL};
	for (size_t i = 0; data[i]; i++)
		assert_false(ss_cell_is_formula(data[i], strlen(data[i])));
	for (size_t i = 0; formulas[i]; i++)
		assert_true(ss_cell_is_formula(formulas[i], strlen(formulas[i])));
}

static void test_guard_csv_and_tsv(void **state)
{
	(void)state;
	ss_ruleset *rs = rules();
	/* the figure -0.3% as text is left alone; a sentence that starts with
	 * @SUM( is guarded in both formats */
	const char *src = "@SUM(1)增长-0.3%";
	char *c = export(rs, "csv", src), *t = export(rs, "tsv", src);
	assert_non_null(strstr(c, ",-0.3%,"));
	assert_null(strstr(c, "'-0.3%"));
	assert_non_null(strstr(c, ",\"'@SUM(1)增长-0.3%\","));
	assert_non_null(strstr(t, "\t-0.3%\t"));
	assert_non_null(strstr(t, "\t'@SUM(1)增长-0.3%\t"));
	free(c);
	free(t);
	ss_ruleset_free(rs);
}

static void test_column_lists(void **state)
{
	(void)state;
	ss_colset set;
	assert_null(ss_colset_parse(&set, "text, value,title ,date"));
	assert_int_equal(set.n, 4);
	assert_string_equal(set.col[0]->name, "text");
	assert_string_equal(set.col[3]->name, "date");
	char *msg = ss_colset_parse(&set, "text,vlaue");
	assert_non_null(msg);
	assert_non_null(strstr(msg, "unknown column 'vlaue'"));
	assert_non_null(strstr(msg, "title, date"));
	free(msg);
	msg = ss_colset_parse(&set, "text,,value");
	assert_non_null(strstr(msg, "empty column name"));
	free(msg);
	msg = ss_colset_parse(&set, "text,text");
	assert_non_null(strstr(msg, "'text' named twice"));
	free(msg);
	/* the default set is SPEC's 23 columns, period_from and period_to right
	 * after period, page and box after end, without title and date */
	const ss_colset *d = ss_colset_default();
	assert_int_equal(d->n, 23);
	assert_string_equal(d->col[0]->name, "doc");
	assert_string_equal(d->col[12]->name, "period");
	assert_string_equal(d->col[13]->name, "period_from");
	assert_string_equal(d->col[14]->name, "period_to");
	assert_string_equal(d->col[17]->name, "end");
	assert_string_equal(d->col[18]->name, "page");
	assert_string_equal(d->col[19]->name, "box");
	assert_string_equal(d->col[20]->name, "line");
	assert_string_equal(d->col[22]->name, "rule");
	assert_int_equal(ss_ncolumns, 44); /* and title, date, region, audit's 18 verdict columns */
}

/* Runs of other columns one after another, the same set again among them,
 * and a set of the same length in another order: each writes its own keys. */
static void test_runs_of_other_columns(void **state)
{
	(void)state;
	ss_ruleset *rs = rules();
	static const char *const lists[] = {"doc,value", "value,doc", "doc,value", "text",
	                                    "doc,value,unit", "value,doc"};
	static const char *const want[] = {
		"{\"doc\":\"a\\\"b.txt\",\"value\":5}\n", "{\"value\":5,\"doc\":\"a\\\"b.txt\"}\n",
		"{\"doc\":\"a\\\"b.txt\",\"value\":5}\n", "{\"text\":\"5%\"}\n",
		"{\"doc\":\"a\\\"b.txt\",\"value\":5,\"unit\":\"%\"}\n",
		"{\"value\":5,\"doc\":\"a\\\"b.txt\"}\n"};
	for (size_t k = 0; k < sizeof lists / sizeof *lists; k++) {
		ss_colset set;
		assert_null(ss_colset_parse(&set, lists[k]));
		char *s = export_cols(rs, "jsonl", &set, SS_FORMAT_TEXT, "占比5%");
		assert_string_equal(s, want[k]);
		free(s);
	}
	ss_ruleset_free(rs);
}

static void test_title_and_date_columns(void **state)
{
	(void)state;
	ss_ruleset *rs = rules();
	ss_colset set;
	assert_null(ss_colset_parse(&set, "title,date,text"));
	const char *md = "---\ntitle: 'T, 标题'\ndate: 2022-05-17\n---\n\n正文增长5%。\n";
	char *c = export_cols(rs, "csv", &set, SS_FORMAT_MARKDOWN, md);
	assert_non_null(strstr(c, "title,date,text\r\n"));
	assert_non_null(strstr(c, "\"T, 标题\",2022-05-17,增长5%\r\n"));
	free(c);
	char *j = export_cols(rs, "jsonl", &set, SS_FORMAT_TEXT, "增长5%");
	assert_string_equal(j, "{\"title\":null,\"date\":null,\"text\":\"增长5%\"}\n");
	free(j);
	ss_ruleset_free(rs);
}

/* The sentence field of the first fact of text src, as jansson reads it
 * back from JSONL (malloc'd). */
static char *sentence_of(ss_ruleset *rs, const char *src)
{
	char *s = export(rs, "jsonl", src);
	char *nl = strchr(s, '\n');
	assert_non_null(nl);
	json_error_t err;
	json_t *f = json_loadb(s, (size_t)(nl - s), 0, &err);
	assert_non_null(f);
	char *r = strdup(json_string_value(json_object_get(f, "sentence")));
	json_decref(f);
	free(s);
	return r;
}

/* Strings are escaped sixteen or eight bytes at a time where none needs
 * it, and a long string's last bytes are checked as the sixteen that end
 * it: a quote or a backslash at any place of a block, two in one block, or
 * one in the bytes after the last whole block, reads back as it was, for
 * strings of every length up to three blocks. */
static void test_escapes_at_every_place(void **state)
{
	(void)state;
	ss_ruleset *rs = rules();
	const char marks[] = {'"', '\\'};
	for (size_t m = 0; m < sizeof marks; m++)
		for (size_t len = 1; len <= 48; len++)
			for (size_t k = 0; k < len; k++) {
				char src[80], want[80];
				memset(src, 'a', len);
				src[k] = marks[m];
				if (k % 3 == 0)
					src[(k * 7 + 5) % len] = marks[1 - m];
				strcpy(src + len, "增长5%");
				strcpy(want, src);
				char *got = sentence_of(rs, src);
				assert_string_equal(got, want);
				free(got);
			}
	ss_ruleset_free(rs);
}

/* Spans are folded eight bytes at a time where no white space can start: a
 * run of blanks (ASCII, U+3000, U+00A0) at any place is one space, and
 * 、 (whose lead byte U+3000 shares) is kept. */
static void test_fold_at_every_place(void **state)
{
	(void)state;
	ss_ruleset *rs = rules();
	const char *blanks[] = {"  ", "\xe3\x80\x80", "\xc2\xa0 ", "\t"};
	for (size_t m = 0; m < sizeof blanks / sizeof *blanks; m++)
		for (size_t k = 1; k < 18; k++) {
			char src[96], want[96];
			memset(src, 'b', k);
			strcpy(src + k, blanks[m]);
			memset(src + strlen(src), 'c', 18 - k);
			strcpy(src + k + strlen(blanks[m]) + 18 - k, "增长5%");
			memset(want, 'b', k);
			want[k] = ' ';
			memset(want + k + 1, 'c', 18 - k);
			strcpy(want + 19, "增长5%");
			char *got = sentence_of(rs, src);
			assert_string_equal(got, want);
			free(got);
		}
	char *got = sentence_of(rs, "bbbbbbb\xe3\x80\x81" "ccccccccc增长5%");
	assert_string_equal(got, "bbbbbbb\xe3\x80\x81" "ccccccccc增长5%");
	free(got);
	ss_ruleset_free(rs);
}

/* Columns of held strings (cstr) give the string get gives, NULL exactly
 * when get's field is null (id: the string, '#' and num); and JSONL, which
 * keeps what it wrote for the last few of them, writes each fact's own:
 * the kinds and units in turn are more than it keeps. */
static const char *const mixed = "营收增长12%，利润3亿元，员工500人，面积20平方米，"
                                  "股价下降1.5元，占比三分之一，回购30万股，增长12%。";

static void test_held_strings(void **state)
{
	(void)state;
	ss_ruleset *rs = rules();
	ss_doc *doc = ss_doc_extract(rs, "m.txt", mixed, strlen(mixed), NULL);
	size_t n = ss_doc_fact_count(doc);
	assert_true(n >= 6);
	ss_buf scratch = SS_BUF_INIT;
	size_t held = 0;
	for (size_t c = 0; c < ss_ncolumns; c++) {
		const ss_column *col = &ss_columns[c];
		if (!col->cstr)
			continue;
		held++;
		for (size_t i = 0; i < n; i++) {
			const char *s = col->cstr(doc, i, ss_doc_fact(doc, i));
			ss_field v = ss_column_get(col, doc, i, &scratch);
			if (col->num) {
				/* joined: the string, '#', the number (id) */
				bool null = false;
				char want[64];
				snprintf(want, sizeof want, "%s#%zu", s,
				         col->num(doc, i, ss_doc_fact(doc, i), &null));
				assert_false(null);
				assert_string_equal(v.s, want);
				continue;
			}
			assert_int_equal(s == NULL, v.is_null);
			if (s) {
				assert_int_equal(strlen(s), v.len);
				assert_memory_equal(s, v.s, v.len);
			}
		}
	}
	assert_true(held >= 10);
	ss_buf_release(&scratch);

	char *out = export(rs, "jsonl", mixed);
	const char *line = out;
	for (size_t i = 0; i < n; i++) {
		const char *nl = strchr(line, '\n');
		assert_non_null(nl);
		json_error_t err;
		json_t *f = json_loadb(line, (size_t)(nl - line), 0, &err);
		assert_non_null(f);
		const ss_fact *x = ss_doc_fact(doc, i);
		assert_string_equal(json_string_value(json_object_get(f, "kind")),
		                    ss_kind_name(ss_fact_kind(x)));
		assert_string_equal(json_string_value(json_object_get(f, "unit")), ss_fact_unit(x));
		assert_string_equal(json_string_value(json_object_get(f, "rule")), ss_fact_rule(x));
		char id[32];
		snprintf(id, sizeof id, "a\"b.txt#%zu", i + 1); /* export()'s name */
		assert_string_equal(json_string_value(json_object_get(f, "id")), id);
		json_decref(f);
		line = nl + 1;
	}
	assert_string_equal(line, "");
	free(out);

	/* CSV and TSV keep what they wrote too: each row its own kind and
	 * unit, the quoted name on every one */
	ss_colset set;
	assert_null(ss_colset_parse(&set, "kind,unit,doc"));
	for (int tsv = 0; tsv < 2; tsv++) {
		ss_buf want = SS_BUF_INIT;
		ss_buf_adds(&want, tsv ? "kind\tunit\tdoc\n" : "kind,unit,doc\r\n");
		for (size_t i = 0; i < n; i++) {
			const ss_fact *x = ss_doc_fact(doc, i);
			ss_buf_addf(&want, tsv ? "%s\t%s\ta\"b.txt\n" : "%s,%s,\"a\"\"b.txt\"\r\n",
			            ss_kind_name(ss_fact_kind(x)), ss_fact_unit(x));
		}
		out = export_cols(rs, tsv ? "tsv" : "csv", &set, SS_FORMAT_TEXT, mixed);
		assert_string_equal(out, want.ptr);
		free(out);
		ss_buf_release(&want);
	}
	ss_doc_free(doc);
	ss_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jsonl_reads_back),
		cmocka_unit_test(test_json_document),
		cmocka_unit_test(test_csv_quotes_and_formulas),
		cmocka_unit_test(test_formula_cells),
		cmocka_unit_test(test_guard_csv_and_tsv),
		cmocka_unit_test(test_column_lists),
		cmocka_unit_test(test_title_and_date_columns),
		cmocka_unit_test(test_runs_of_other_columns),
		cmocka_unit_test(test_escapes_at_every_place),
		cmocka_unit_test(test_fold_at_every_place),
		cmocka_unit_test(test_held_strings),
	};
	return cmocka_run_group_tests_name("export", tests, NULL, NULL);
}
