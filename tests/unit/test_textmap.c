/* test_textmap.c - the offset map and its checker: good maps pass, and every
 * kind of broken map is caught at its first bad byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "text/text.h"
#include "helpers.h"

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
	assert_int_equal(unit_start(&t, 1), 1);
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

/* The runs of good(): a, &amp;, b, CR LF, c, the break. */
enum { R_A, R_AMP, R_B, R_CRLF, R_C, R_BREAK, R__COUNT };

static void test_runs(void **state)
{
	(void)state;
	ss_text t;
	good(&t);
	assert_int_equal(t.nruns, R__COUNT);
	assert_int_equal(t.runs[R_AMP].n, 5);
	assert_int_equal(t.runs[R_BREAK].n, 0);
	ss_text_release(&t);
	/* Copies that go on where the last stopped are one run, however long;
	 * so are the bytes of one unit, added apart. */
	ss_text_init(&t);
	ss_text_add_copy(&t, src, 0, 1);
	ss_text_add_copy(&t, src, 1, 5);
	ss_text_add_copy(&t, src, 6, 1);
	assert_int_equal(t.nruns, 1);
	ss_text_add_copy(&t, src, 9, 1); /* skips the CR LF: a new run */
	assert_int_equal(t.nruns, 2);
	ss_text_add_unit(&t, "\n", 1, 10, 10);
	ss_text_add_unit(&t, "\n", 1, 10, 10);
	assert_int_equal(t.nruns, 3);
	assert_true(ss_text_check(&t, src, strlen(src), NULL));
	assert_int_equal(unit_start(&t, 6), 6);
	assert_int_equal(unit_end(&t, 6), 7);
	assert_int_equal(unit_start(&t, 7), 9);
	assert_int_equal(unit_end(&t, 7), 10);
	assert_int_equal(unit_start(&t, 9), 10);
	assert_int_equal(unit_end(&t, 9), 10);
	assert_int_equal(ss_text_base_end(&t), 10);
	ss_text_release(&t);
	/* A copy and a unit in one call: the copy goes on the run before it,
	 * the unit is a run of its own, and an empty copy adds nothing. */
	ss_text_init(&t);
	ss_text_add_copy(&t, src, 0, 1);
	ss_text_add_copy_unit(&t, src, 1, 0, "&", 1, 1, 6);
	ss_text_add_copy_unit(&t, src, 6, 1, "\n", 1, 7, 9);
	ss_text_add_copy_unit(&t, src, 9, 1, "xyz", 3, 10, 10);
	assert_string_equal(t.ptr, "a&b\ncxyz");
	assert_int_equal(t.nruns, 6);
	assert_true(ss_text_check(&t, src, strlen(src), NULL));
	assert_int_equal(unit_start(&t, 1), 1);
	assert_int_equal(unit_end(&t, 1), 6);
	assert_int_equal(unit_start(&t, 3), 7);
	assert_int_equal(unit_end(&t, 3), 9);
	assert_int_equal(unit_start(&t, 6), 10);
	assert_int_equal(unit_end(&t, 8), 10);
	ss_text_release(&t);
}

static void test_truncate_and_move(void **state)
{
	(void)state;
	ss_text t;
	good(&t);
	ss_text_truncate(&t, 4); /* "a&b\n" */
	assert_string_equal(t.ptr, "a&b\n");
	assert_int_equal(t.nruns, R_C);
	assert_int_equal(ss_text_base_end(&t), 9);
	assert_true(ss_text_check(&t, src, strlen(src), NULL));
	ss_text_release(&t);
	/* The break's second byte alone moves: its run is split. */
	good(&t);
	ss_text_move_synthetic(&t, 6, 7, 10);
	assert_int_equal(t.nruns, R__COUNT + 1);
	assert_true(ss_text_check(&t, src, strlen(src), NULL));
	ss_text_move_synthetic(&t, 5, 7, 9);
	assert_int_equal(unit_start(&t, 5), 9);
	assert_int_equal(unit_start(&t, 6), 9);
	assert_int_equal(unit_start(&t, 4), 9); /* 'c' is no synthetic byte */
	ss_text_release(&t);
}

/* Where a base offset begins in the text: the first byte whose unit starts
 * at or after it. */
static void test_at(void **state)
{
	(void)state;
	ss_text t;
	good(&t); /* a, &amp; (1-6), b, CR LF (7-9), c, the break at 10 */
	static const size_t want[] = {0, 1, 2, 2, 2, 2, 2, 3, 4, 4, 5, 7, 7};
	for (uint32_t pos = 0; pos < sizeof want / sizeof *want; pos++)
		assert_int_equal(ss_text_at(&t, pos), want[pos]);
	ss_text_release(&t);
	ss_text_init(&t);
	assert_int_equal(ss_text_at(&t, 0), 0);
	ss_text_add_copy(&t, src, 3, 4); /* "mp;b": a copy that starts late */
	assert_int_equal(ss_text_at(&t, 0), 0);
	assert_int_equal(ss_text_at(&t, 5), 2);
	assert_int_equal(ss_text_at(&t, 7), 4);
	ss_text_release(&t);
}

/* Lookups in any order find each byte's unit: a map of 3,000 runs (a copy
 * of three bytes, then one unit of two source bytes for one text byte, in
 * turn), read forwards, backwards and at random, twice from two maps in
 * turn. Each byte's unit is known by construction. */
static void unit_want(size_t i, uint32_t *s, uint32_t *e)
{
	size_t k = i / 4, r = i % 4; /* 4 text bytes, 5 source bytes a pair */
	*s = (uint32_t)(5 * k + (r < 3 ? r : 3));
	*e = r < 3 ? *s + 1 : *s + 2;
}

static void many_runs(ss_text *t, size_t pairs)
{
	static char base[5 * 1500];
	memset(base, 'a', sizeof base);
	ss_text_init(t);
	for (size_t k = 0; k < pairs; k++) {
		ss_text_add_copy(t, base, (uint32_t)(5 * k), 3);
		ss_text_add_unit(t, "&", 1, (uint32_t)(5 * k + 3), (uint32_t)(5 * k + 5));
	}
}

static void check_unit(const ss_text *t, size_t i)
{
	uint32_t s, e, ws, we;
	unit_want(i, &ws, &we);
	ss_text_map(t, i, i + 1, &s, &e);
	assert_int_equal(s, ws);
	assert_int_equal(e, we);
}

static void test_lookup_any_order(void **state)
{
	(void)state;
	ss_text t, u;
	many_runs(&t, 1500);
	many_runs(&u, 40);
	assert_int_equal(t.nruns, 3000);
	size_t n = t.len;
	for (size_t i = 0; i < n; i++)
		check_unit(&t, i);
	for (size_t i = n; i-- > 0;)
		check_unit(&t, i);
	uint32_t x = 12345;
	for (int k = 0; k < 20000; k++) {
		x = x * 1103515245u + 12345u;
		check_unit(&t, (x >> 8) % n);
		check_unit(&u, (x >> 4) % u.len);
	}
	/* a span from one run into a far one */
	uint32_t s, e;
	ss_text_map(&t, 5, n, &s, &e); /* byte 5: the second pair's 'a' at 6 */
	assert_int_equal(s, 6);
	assert_int_equal(e, 5 * 1500);
	ss_text_release(&t);
	ss_text_release(&u);
}

/* The same over a map whose runs are far from evenly spread (the search
 * guesses where a byte's run is from their spread): long copies among
 * runs of single units, each byte's unit read from a table made as the
 * map was. */
static void test_lookup_uneven(void **state)
{
	(void)state;
	static char base[1000000];
	static uint32_t want_s[200000], want_e[200000];
	memset(base, 'a', sizeof base);
	ss_text t;
	ss_text_init(&t);
	uint32_t b = 0, x = 99;
	while (t.len + 5000 < sizeof want_s / sizeof *want_s && b + 10000 < sizeof base) {
		x = x * 1103515245u + 12345u;
		size_t n = (x >> 16) % 40 == 0 ? 1 + (x >> 8) % 4000 : 1 + (x >> 8) % 3;
		if ((x >> 4) % 2) { /* a copy of n bytes */
			for (size_t k = 0; k < n; k++)
				want_s[t.len + k] = b + (uint32_t)k, want_e[t.len + k] = b + (uint32_t)k + 1;
			ss_text_add_copy(&t, base, b, n);
			b += (uint32_t)n + 1; /* a byte left out: a new run each time */
		} else { /* one unit of two bytes for n bytes */
			n = n > 4 ? 4 : n;
			for (size_t k = 0; k < n; k++)
				want_s[t.len + k] = b, want_e[t.len + k] = b + 2;
			ss_text_add_unit(&t, "xxxx", n, b, b + 2);
			b += 2;
		}
	}
	assert_true(t.nruns > 5000);
	for (int k = 0; k < 50000; k++) {
		x = x * 1103515245u + 12345u;
		size_t i = k % 5 == 0 ? (x >> 8) % t.len : (size_t)(k * 7) % t.len;
		uint32_t s, e;
		ss_text_map(&t, i, i + 1, &s, &e);
		assert_int_equal(s, want_s[i]);
		assert_int_equal(e, want_e[i]);
	}
	ss_text_release(&t);
}

static void test_catches_backwards(void **state)
{
	(void)state;
	ss_text t;
	good(&t);
	t.runs[R_C].b = 3; /* 'c' mapped before the CR LF unit */
	t.ptr[4] = src[3];
	assert_bad_at(&t, 4);
	ss_text_release(&t);
}

static void test_catches_overlap(void **state)
{
	(void)state;
	ss_text t;
	good(&t);
	t.runs[R_CRLF].b = 5; /* the "\n" unit starts inside the entity */
	assert_bad_at(&t, 3);
	ss_text_release(&t);
}

static void test_catches_out_of_range(void **state)
{
	(void)state;
	ss_text t;
	good(&t);
	t.runs[R_C].n = 31; /* 'c' as the unit [9, 40) */
	assert_bad_at(&t, 4);
	ss_text_release(&t);
	good(&t);
	t.runs[R_A].b = 10; /* a copy past the end of the base */
	assert_bad_at(&t, 0);
	ss_text_release(&t);
}

static void test_catches_bad_runs(void **state)
{
	(void)state;
	ss_text t;
	good(&t);
	t.runs[R_CRLF].t = 2; /* the run of 'b' holds no byte */
	assert_bad_at(&t, 2);
	ss_text_release(&t);
	good(&t);
	t.runs[R_AMP].t = 0; /* runs out of order */
	assert_bad_at(&t, 0);
	ss_text_release(&t);
	good(&t);
	t.nruns--; /* the break's bytes read as more of the copy of 'c' */
	assert_bad_at(&t, 4);
	ss_text_release(&t);
	good(&t);
	t.runs[R_CRLF].n = 1; /* a one-byte unit that is no copy: "\n" for '\r' */
	assert_bad_at(&t, 3);
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
		cmocka_unit_test(test_runs),
		cmocka_unit_test(test_truncate_and_move),
		cmocka_unit_test(test_at),
		cmocka_unit_test(test_lookup_any_order),
		cmocka_unit_test(test_lookup_uneven),
		cmocka_unit_test(test_catches_backwards),
		cmocka_unit_test(test_catches_overlap),
		cmocka_unit_test(test_catches_out_of_range),
		cmocka_unit_test(test_catches_bad_runs),
		cmocka_unit_test(test_catches_split_unit),
	};
	return cmocka_run_group_tests_name("textmap", tests, NULL, NULL);
}
