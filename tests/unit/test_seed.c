/* test_seed.c - the seed document end to end: every statistic in it right in
 * kind, value, unit, qualifier, bounds, direction and subject, spans exact,
 * and nothing from its HTML comments, dates, years or version numbers.
 * Expected values were read off the document by hand. */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "statspan.h"
#include "util/util.h"

#define SEED "fixtures/nbd-financial-cloud-2021.md"

typedef struct {
	const char *text;
	ss_kind kind;
	const char *value;
	const char *unit;
	ss_qualifier qual;
	const char *low, *high; /* NULL: open */
	ss_direction dir;
	const char *subject;
	const char *period; /* "" for none */
} want;

/* In document order: the abstract, then the body. */
static const want seed[] = {
	{"95%以上", SS_KIND_PERCENT, "95", "%", SS_QUAL_AT_LEAST, "95", NULL, SS_DIR_NONE, "金融机构", ""},
	{"近30%", SS_KIND_PERCENT, "30", "%", SS_QUAL_NEARLY, NULL, "30", SS_DIR_NONE, "金融机构受访者", ""},
	{"70%", SS_KIND_PERCENT, "70", "%", SS_QUAL_EXACT, "70", "70", SS_DIR_NONE, "金融机构", ""},
	{"42%", SS_KIND_PERCENT, "42", "%", SS_QUAL_EXACT, "42", "42", SS_DIR_TO, "40岁以下高净值人群", "2021年"},
	{"43%", SS_KIND_PERCENT, "43", "%", SS_QUAL_EXACT, "43", "43", SS_DIR_TO,
	 "董监高、职业经理人（非董监高）、专业人士群体", "2021年"},
	{"近百家", SS_KIND_COUNT, "100", "家", SS_QUAL_NEARLY, NULL, "100", SS_DIR_NONE, "金融机构", ""},
	{"95%以上", SS_KIND_PERCENT, "95", "%", SS_QUAL_AT_LEAST, "95", NULL, SS_DIR_NONE, "金融机构", ""},
	{"近30%", SS_KIND_PERCENT, "30", "%", SS_QUAL_NEARLY, NULL, "30", SS_DIR_NONE, "金融机构受访者", ""},
	{"70%", SS_KIND_PERCENT, "70", "%", SS_QUAL_EXACT, "70", "70", SS_DIR_NONE, "金融机构", ""},
};

typedef struct {
	ss_ruleset *rs;
	ss_doc *doc;
	char *src;
	size_t len;
} fixture;

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof *fx);
	if (ss_read_file(SEED, &fx->src, &fx->len) != 0)
		return -1;
	fx->rs = ss_ruleset_new();
	if (ss_ruleset_add_defaults(fx->rs) != SS_OK || ss_ruleset_compile(fx->rs) != SS_OK)
		return -1;
	fx->doc = ss_doc_extract(fx->rs, SEED, fx->src, fx->len, NULL);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	ss_doc_free(fx->doc);
	ss_ruleset_free(fx->rs);
	free(fx->src);
	free(fx);
	return 0;
}

static void check_str(const char *want, ss_tspan span, const ss_doc *doc)
{
	char *got = ss_doc_span_str(doc, span);
	assert_string_equal(got, want);
	free(got);
}

static void test_seed_has_nine_facts(void **state)
{
	fixture *fx = *state;
	assert_int_equal(ss_doc_fact_count(fx->doc), sizeof seed / sizeof seed[0]);
}

static void test_seed_every_field(void **state)
{
	fixture *fx = *state;
	size_t n = ss_doc_fact_count(fx->doc);
	for (size_t i = 0; i < n && i < sizeof seed / sizeof seed[0]; i++) {
		const ss_fact *f = ss_doc_fact(fx->doc, i);
		const want *w = &seed[i];
		check_str(w->text, ss_fact_text(f), fx->doc);
		assert_int_equal(ss_fact_kind(f), w->kind);
		assert_string_equal(ss_fact_value_str(f), w->value);
		assert_string_equal(ss_fact_unit(f), w->unit);
		assert_int_equal(ss_fact_qualifier(f), w->qual);
		assert_int_equal(ss_fact_low(f, NULL), w->low != NULL);
		if (w->low)
			assert_string_equal(ss_fact_low_str(f), w->low);
		assert_int_equal(ss_fact_high(f, NULL), w->high != NULL);
		if (w->high)
			assert_string_equal(ss_fact_high_str(f), w->high);
		assert_int_equal(ss_fact_direction(f), w->dir);
		check_str(w->subject, ss_fact_subject(f), fx->doc);
		check_str(w->period, ss_fact_period(f), fx->doc);
	}
}

/* The span invariant: no markup falls inside these figures, so the source
 * bytes are exactly the text, and line/column point at them. */
static void test_seed_spans_exact(void **state)
{
	fixture *fx = *state;
	for (size_t i = 0; i < ss_doc_fact_count(fx->doc); i++) {
		const ss_fact *f = ss_doc_fact(fx->doc, i);
		size_t n = strlen(seed[i].text), fs, fe;
		ss_fact_span(f, &fs, &fe);
		assert_int_equal(fe - fs, n);
		assert_memory_equal(fx->src + fs, seed[i].text, n);
		ss_linemap lm;
		ss_linemap_init(&lm, fx->src, fx->len);
		unsigned line, col;
		ss_linemap_locate(&lm, fx->src, fx->len, fs, &line, &col);
		ss_linemap_release(&lm);
		assert_int_equal(ss_fact_line(f), line);
		assert_int_equal(ss_fact_column(f), col);
	}
	/* The abstract's first figure is on line 48 of the file. */
	assert_int_equal(ss_fact_line(ss_doc_fact(fx->doc, 0)), 48);
}

static void test_seed_nothing_from_comments(void **state)
{
	fixture *fx = *state;
	size_t len;
	const char *text = ss_doc_text(fx->doc, &len);
	assert_null(memmem(text, len, "乐视", strlen("乐视")));
	assert_null(memmem(text, len, "-0.3%", 5));
	assert_null(memmem(text, len, "+0.3%", 5));
	assert_null(memmem(text, len, "摄图网", strlen("摄图网")));
}

static void test_seed_metadata(void **state)
{
	fixture *fx = *state;
	assert_string_equal(ss_doc_title(fx->doc), "未来金融云有四大价值体系");
	assert_string_equal(ss_doc_author(fx->doc), "每经网");
	/* `date: Invalid Date` is no date: the page's own time element is. */
	assert_non_null(ss_doc_date(fx->doc));
	assert_non_null(strstr(ss_doc_date(fx->doc), "2021-07-13"));
	assert_int_equal(ss_doc_category_count(fx->doc), 3);
	assert_string_equal(ss_doc_category(fx->doc, 2), "重磅原创");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_has_nine_facts),
		cmocka_unit_test(test_seed_every_field),
		cmocka_unit_test(test_seed_spans_exact),
		cmocka_unit_test(test_seed_nothing_from_comments),
		cmocka_unit_test(test_seed_metadata),
	};
	return cmocka_run_group_tests_name("seed", tests, setup, teardown);
}
