/* test_listitems.c - the items of a list whose unit is written once, ahead
 * of it (facts/listitems.c): the spans ss_list_items finds, and the facts a
 * document gets from them. Each expected value is worked out by hand. And
 * whether a figure stands inside an idiom (facts/lists.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "statspan.h"
#include "facts/facts.h"
#include "rules/rules.h"

#include "default_rules.h"

/* The items after the first figure fig of t, joined by '|'. */
static const char *items_of(const char *t, const char *fig)
{
	static char out[256];
	const char *p = strstr(t, fig);
	assert_non_null(p);
	size_t num = (size_t)(p - t), a[8], b[8];
	size_t n = ss_list_items(rs, t, num, num + strlen(fig), strlen(t), a, b, 8);
	out[0] = '\0';
	for (size_t k = 0; k < n; k++) {
		if (k)
			strcat(out, "|");
		strncat(out, t + a[k], b[k] - a[k]);
	}
	return out;
}

static void test_items(void **state)
{
	(void)state;
	assert_string_equal(items_of("营收分别为4.8亿、2.86亿和5.14亿，", "4.8亿"), "2.86亿|5.14亿");
	/* a sign, a scale of two characters, the end of the text */
	assert_string_equal(items_of("净利润7173.77万、-5839.46万、1.2万亿", "7173.77万"),
	                    "-5839.46万|1.2万亿");
	/* a word after an item may be its own unit: the list stops before it */
	assert_string_equal(items_of("市值440亿、300亿股", "440亿"), "");
	assert_string_equal(items_of("市值440亿、300亿、20亿美元", "440亿"), "300亿");
	/* an item without a scale word, or a first figure without one */
	assert_string_equal(items_of("市值440亿、300", "440亿"), "");
	assert_string_equal(items_of("数量为440、300亿", "440"), "");
	/* a comma parts clauses, not the items of a list */
	assert_string_equal(items_of("市值440亿，300亿", "440亿"), "");
}

static const ss_fact *fact_at(const ss_doc *d, const char *src, const char *text)
{
	const char *p = strstr(src, text);
	for (size_t i = 0; p && i < ss_doc_fact_count(d); i++) {
		const ss_fact *f = ss_doc_fact(d, i);
		size_t a, b;
		ss_fact_span(f, &a, &b);
		if (a == (size_t)(p - src) && b - a == strlen(text))
			return f;
	}
	return NULL;
}

static void test_facts(void **state)
{
	(void)state;
	const char *src = "2012年至2014年，公司营业收入分别为4.8亿、2.86亿、-1.5亿，";
	ss_doc *d = ss_doc_extract(rs, "t", src, strlen(src), NULL);
	assert_int_equal(ss_doc_fact_count(d), 3);
	const ss_fact *f = fact_at(d, src, "2.86亿");
	assert_non_null(f);
	assert_int_equal(ss_fact_kind(f), SS_KIND_MONEY);
	assert_string_equal(ss_fact_value_str(f), "286000000");
	assert_string_equal(ss_fact_unit(f), "CNY");
	assert_int_equal(ss_fact_qualifier(f), SS_QUAL_EXACT);
	char *subj = ss_doc_span_str(d, ss_fact_subject(f));
	assert_non_null(strstr(subj, "营业收入"));
	free(subj);
	f = fact_at(d, src, "-1.5亿");
	assert_non_null(f);
	assert_string_equal(ss_fact_value_str(f), "-150000000");
	ss_doc_free(d);
}

/* ss_in_idiom at every offset is what the longest word of the table idiom
 * opening up to three characters before it tells (ss_rules_word_at): one
 * running past the offset. */
static void test_in_idiom(void **state)
{
	(void)state;
	const char *t = "走进千家万户，成千上万人看百家号，万人迷与三番五次，千家万";
	size_t len = strlen(t), inside = 0;
	int id = ss_rules_table_id(rs, "idiom");
	assert_true(id >= 0);
	for (size_t a = 0; a <= len; a++) {
		bool want = false;
		size_t p = a;
		for (int k = 0; k <= 3 && !want; k++) {
			size_t w = ss_rules_word_at(rs, &id, 1, t, len, p);
			want = w && p + w > a;
			if (p == 0)
				break;
			p = ss_utf8_back(t, p - 1);
		}
		assert_int_equal(ss_in_idiom(rs, id, t, len, a), want);
		inside += want;
	}
	assert_true(inside > 20);
	/* the last 千家万 is no idiom: cut short by the end */
	assert_false(ss_in_idiom(rs, id, t, len, len - 3));
	assert_false(ss_in_idiom(rs, -1, t, len, 6));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_items),
		cmocka_unit_test(test_facts),
		cmocka_unit_test(test_in_idiom),
	};
	return cmocka_run_group_tests_name("listitems", tests, setup, teardown);
}
