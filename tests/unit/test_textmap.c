/* test_textmap.c - the offset map and its checker: good maps pass, and every
 * kind of broken map is caught at its first bad byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "text/text.h"

static const char *src = "a&amp;b\r\nc";

/* "a&b\nc" plus a paragraph break, correctly mapped onto src. */
static void good(ss_text *t)
{
	ss_text_init(t);
	ss_text_add_copy(t, src, 0, 1);
	ss_text_add_unit(t, "&", 1, 1, 6);
	ss_text_add_copy(t, src, 6, 1);
	ss_text_add_unit(t, "\n", 1, 7, 9);
	ss_text_add_copy(t, src, 9, 1);
	ss_text_add_break(t, 10);
}

static void assert_bad_at(const ss_text *t, size_t want)
{
	size_t bad = 99;
	assert_false(ss_text_check(t, src, strlen(src), &bad));
	assert_int_equal(bad, want);
}

static void test_good_map(void **state)
{
	(void)state;
	ss_text t;
	good(&t);
	assert_string_equal(t.ptr, "a&b\nc\n\n");
	assert_true(ss_text_check(&t, src, strlen(src), NULL));
	uint32_t bs, be;
	ss_text_map(&t, 0, 3, &bs, &be);
	assert_int_equal(bs, 0);
	assert_int_equal(be, 7);
	ss_text_map(&t, 7, 7, &bs, &be); /* the end */
	assert_int_equal(bs, 10);
	ss_text_release(&t);
	ss_text_init(&t);
	assert_true(ss_text_check(&t, src, 0, NULL));
}

static void test_break_rules(void **state)
{
	(void)state;
	ss_text t;
	ss_text_init(&t);
	ss_text_add_break(&t, 0); /* nothing to end yet */
	assert_int_equal(t.len, 0);
	ss_text_add_copy(&t, src, 0, 1);
	ss_text_add_break(&t, 0); /* clamped to after 'a' */
	ss_text_add_break(&t, 5); /* already ends a paragraph */
	assert_string_equal(t.ptr, "a\n\n");
	assert_int_equal(t.start[1], 1);
	assert_true(ss_text_check(&t, src, strlen(src), NULL));
	ss_text_release(&t);
}

static void test_catches_wrong_copy(void **state)
{
	(void)state;
	ss_text t;
	good(&t);
	t.ptr[2] = 'x'; /* a copy that is not the base byte */
	assert_bad_at(&t, 2);
	ss_text_release(&t);
}

static void test_catches_backwards(void **state)
{
	(void)state;
	ss_text t;
	good(&t);
	t.start[4] = 3, t.end[4] = 4; /* 'c' mapped before the CR LF unit */
	t.ptr[4] = src[3];
	assert_bad_at(&t, 4);
	ss_text_release(&t);
}

static void test_catches_overlap(void **state)
{
	(void)state;
	ss_text t;
	good(&t);
	t.start[3] = 5; /* the "\n" unit starts inside the entity */
	assert_bad_at(&t, 3);
	ss_text_release(&t);
}

static void test_catches_out_of_range(void **state)
{
	(void)state;
	ss_text t;
	good(&t);
	t.end[4] = 40;
	assert_bad_at(&t, 4);
	ss_text_release(&t);
	good(&t);
	t.start[1] = 6, t.end[1] = 1; /* start after end */
	assert_bad_at(&t, 1);
	ss_text_release(&t);
}

static void test_catches_split_unit(void **state)
{
	(void)state;
	/* Two bytes of one multi-byte unit must be adjacent: a unit may not
	 * be shared by bytes that a different unit separates. */
	ss_text t;
	ss_text_init(&t);
	ss_text_add_unit(&t, "&", 1, 1, 6);
	ss_text_add_copy(&t, src, 6, 1);
	ss_text_add_unit(&t, "&", 1, 1, 6);
	assert_bad_at(&t, 2);
	ss_text_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_map),
		cmocka_unit_test(test_break_rules),
		cmocka_unit_test(test_catches_wrong_copy),
		cmocka_unit_test(test_catches_backwards),
		cmocka_unit_test(test_catches_overlap),
		cmocka_unit_test(test_catches_out_of_range),
		cmocka_unit_test(test_catches_split_unit),
	};
	return cmocka_run_group_tests_name("textmap", tests, NULL, NULL);
}
