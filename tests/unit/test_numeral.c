/*
 * test_numeral.c - unit tests of the ss_number API. The grammar of written
 * numerals is covered case by case in tests/table/numerals.test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "numeral/numeral.h"

static ss_number parse_ok(const char *s)
{
	ss_number n;
	assert_true(ss_numeral_parse(s, strlen(s), &n));
	return n;
}

static void test_parse_keeps_precision(void **state)
{
	(void)state;
	ss_number n = parse_ok("48.97");
	assert_string_equal(n.str, "48.97");
	assert_true(n.value == 48.97);
	n = parse_ok("1.2万亿");
	assert_string_equal(n.str, "1200000000000");
	assert_true(n.value == 1.2e12);
}

static void test_parse_not_nul_terminated(void **state)
{
	(void)state;
	ss_number n;
	/* only s[0..len) counts: "12" of "123" */
	assert_true(ss_numeral_parse("123", 2, &n));
	assert_string_equal(n.str, "12");
	assert_false(ss_numeral_parse("123", 0, &n));
}

static void test_parse_failure_leaves_out(void **state)
{
	(void)state;
	ss_number n = parse_ok("7");
	assert_false(ss_numeral_parse("1,23", 4, &n));
	assert_string_equal(n.str, "7");
}

static void test_shift(void **state)
{
	(void)state;
	ss_number n = parse_ok("48.97");
	ss_number_shift(&n, 4);
	assert_string_equal(n.str, "489700");
	assert_true(n.value == 489700);
	ss_number_shift(&n, -7);
	assert_string_equal(n.str, "0.04897");
	assert_true(n.value == 0.04897);
	ss_number_shift(&n, 0);
	assert_string_equal(n.str, "0.04897");
	n = parse_ok("-2.5");
	ss_number_shift(&n, -2);
	assert_string_equal(n.str, "-0.025");
	n = parse_ok("0");
	ss_number_shift(&n, 30);
	assert_string_equal(n.str, "0");
}

/* Exact division (fractions): a quotient that comes out is exact, one that
 * does not is rounded half up at SS_NUM_DIV_DIGITS significant digits. */
static void test_div(void **state)
{
	(void)state;
	ss_number n = parse_ok("1"), d = parse_ok("6");
	assert_true(ss_number_div(&n, &d, 2));
	assert_string_equal(n.str, "16.66666666666667"); /* 100/6 */
	n = parse_ok("1"), d = parse_ok("8");
	assert_true(ss_number_div(&n, &d, 2));
	assert_string_equal(n.str, "12.5");
	n = parse_ok("2"), d = parse_ok("3");
	assert_true(ss_number_div(&n, &d, 0));
	assert_string_equal(n.str, "0.6666666666666667");
	n = parse_ok("-1"), d = parse_ok("7");
	assert_true(ss_number_div(&n, &d, 2));
	assert_string_equal(n.str, "-14.28571428571429"); /* 14.285714285714285714... */
	n = parse_ok("1.5"), d = parse_ok("0.3");
	assert_true(ss_number_div(&n, &d, 0));
	assert_string_equal(n.str, "5");
	n = parse_ok("99999999999999995"), d = parse_ok("100000000000000000");
	assert_false(ss_number_div(&n, &d, 0)); /* a divisor of 18 digits: refused */
	/* 99999999999999999.5 keeps 16 digits: rounded up, carried to 10^17 */
	n = parse_ok("199999999999999999"), d = parse_ok("2");
	assert_true(ss_number_div(&n, &d, 0));
	assert_string_equal(n.str, "100000000000000000");
	n = parse_ok("5"), d = parse_ok("0");
	assert_false(ss_number_div(&n, &d, 0));
	assert_string_equal(n.str, "5"); /* untouched */
	/* 9999999999999999.666...: sixteen nines and the rest rounded up */
	n = parse_ok("29999999999999999"), d = parse_ok("3");
	assert_true(ss_number_div(&n, &d, 0));
	assert_string_equal(n.str, "10000000000000000");
	/* a quotient of 17 exact digits is kept whole (no rounding when it comes out) */
	n = parse_ok("24691357802469134"), d = parse_ok("2");
	assert_true(ss_number_div(&n, &d, 0));
	assert_string_equal(n.str, "12345678901234567");
}

static void test_shift_out_of_room(void **state)
{
	(void)state;
	ss_number n = parse_ok("3");
	/* 3e50 has no decimal in 46 characters: str empty, value kept */
	ss_number_shift(&n, 50);
	assert_string_equal(n.str, "");
	assert_true(n.value == 3e50);
	/* back from the double */
	ss_number_shift(&n, -50);
	assert_string_equal(n.str, "3");

	/* 1.5e-50 rounds to the 44 fraction places there is room for */
	n = parse_ok("1.5");
	ss_number_shift(&n, -50);
	assert_string_equal(n.str, "0");
	assert_true(n.value == 1.5e-50);
	n = parse_ok("6");
	ss_number_shift(&n, -45);
	assert_string_equal(n.str, "0.00000000000000000000000000000000000000000001");
}

static void test_mul(void **state)
{
	(void)state;
	ss_number n = parse_ok("3.5");
	ss_number_mul(&n, 10); /* 三成五 = 35% */
	assert_string_equal(n.str, "35");
	ss_number_mul(&n, 0.01);
	assert_string_equal(n.str, "0.35");
	ss_number_mul(&n, -1000);
	assert_string_equal(n.str, "-350");
	ss_number_mul(&n, 1);
	assert_string_equal(n.str, "-350");

	/* not a power of ten: through the double, shortest decimal */
	n = parse_ok("48.97");
	ss_number_mul(&n, 2);
	assert_string_equal(n.str, "97.94");
	n = parse_ok("1");
	ss_number_mul(&n, 1.0 / 3);
	assert_string_equal(n.str, "0.3333333333333333");
	ss_number_mul(&n, 0);
	assert_string_equal(n.str, "0");
}

static void test_mul_exact_beyond_double(void **state)
{
	(void)state;
	/* exact where the double is not: 17 significant digits survive */
	ss_number n = parse_ok("12345678901234567.1");
	ss_number_mul(&n, 100);
	assert_string_equal(n.str, "1234567890123456710");
}

static void test_negate(void **state)
{
	(void)state;
	ss_number n = parse_ok("83.23");
	ss_number_negate(&n);
	assert_string_equal(n.str, "-83.23");
	assert_true(n.value == -83.23);
	ss_number_negate(&n);
	assert_string_equal(n.str, "83.23");
	assert_true(n.value == 83.23);

	/* no negative zero */
	n = parse_ok("0");
	ss_number_negate(&n);
	assert_string_equal(n.str, "0");
	assert_false(signbit(n.value));

	/* the longest decimal still has room for its sign */
	const char *big = "1234567890123456789012345678901234567890123456";
	n = parse_ok(big);
	ss_number_negate(&n);
	assert_int_equal(strlen(n.str), 47);
	assert_true(n.str[0] == '-');
	assert_string_equal(n.str + 1, big);
}

static void test_from_double(void **state)
{
	(void)state;
	ss_number n;
	ss_number_from_double(&n, 0.1);
	assert_string_equal(n.str, "0.1");
	ss_number_from_double(&n, 48.97);
	assert_string_equal(n.str, "48.97");
	ss_number_from_double(&n, 1.0 / 3);
	assert_string_equal(n.str, "0.3333333333333333");
	ss_number_from_double(&n, 0.1 + 0.2); /* needs 17 digits */
	assert_string_equal(n.str, "0.30000000000000004");
	ss_number_from_double(&n, -2.5);
	assert_string_equal(n.str, "-2.5");
	ss_number_from_double(&n, -0.0);
	assert_string_equal(n.str, "0");
	/* no exponent, large or small */
	ss_number_from_double(&n, 1.2e12);
	assert_string_equal(n.str, "1200000000000");
	ss_number_from_double(&n, 1e21);
	assert_string_equal(n.str, "1000000000000000000000");
	ss_number_from_double(&n, 5e-7);
	assert_string_equal(n.str, "0.0000005");
	ss_number_from_double(&n, 123456789.125);
	assert_string_equal(n.str, "123456789.125");
}

static void test_from_double_round_trips(void **state)
{
	(void)state;
	ss_number n;
	srand(42);
	for (int i = 0; i < 2000; i++) {
		double v = (rand() / (double)RAND_MAX - 0.5) * pow(10, rand() % 30 - 10);
		ss_number_from_double(&n, v);
		assert_null(strchr(n.str, 'e'));
		assert_true(strtod(n.str, NULL) == v);
	}
}

static void test_from_double_not_finite(void **state)
{
	(void)state;
	ss_number n;
	ss_number_from_double(&n, INFINITY);
	assert_string_equal(n.str, "");
	ss_number_from_double(&n, NAN);
	assert_string_equal(n.str, "");
	ss_number_from_double(&n, 1e300);
	assert_string_equal(n.str, "");
	assert_true(n.value == 1e300);
}

static void test_set_decimal(void **state)
{
	(void)state;
	ss_number n;
	assert_true(ss_number_set_decimal(&n, false, "0012300", 7, -4));
	assert_string_equal(n.str, "1.23");
	assert_true(ss_number_set_decimal(&n, true, "5", 1, 3));
	assert_string_equal(n.str, "-5000");
	assert_false(ss_number_set_decimal(&n, false, "1x", 2, 0));
	assert_false(ss_number_set_decimal(&n, false, "1", 1, 46));
	assert_false(ss_number_set_decimal(&n, false, "1", 1, -1000000));
	assert_false(ss_number_set_decimal(&n, false, "1", 1, 1000000));
}

/* The value of a decimal is the double strtod reads from it, whether it takes
 * the short path (up to 15 digits, 10^±22) or strtod itself. */
static void test_set_decimal_value_as_strtod(void **state)
{
	(void)state;
	ss_number n;
	char d[24], buf[64];
	srand(7);
	for (int i = 0; i < 20000; i++) {
		size_t nd = 1 + (size_t)(rand() % 18);
		for (size_t k = 0; k < nd; k++)
			d[k] = (char)('0' + rand() % 10);
		d[0] = (char)('1' + rand() % 9); /* zero is "0", never -0 */
		long e = rand() % 60 - 30;
		bool neg = rand() % 2;
		if (!ss_number_set_decimal(&n, neg, d, nd, e))
			continue; /* too wide to write */
		snprintf(buf, sizeof buf, "%s%.*se%ld", neg ? "-" : "", (int)nd, d, e);
		double v = strtod(buf, NULL);
		assert_memory_equal(&n.value, &v, sizeof v);
	}
}

static void test_is_char(void **state)
{
	(void)state;
	assert_true(ss_numeral_is_char(0x4E07));  /* 万 */
	assert_true(ss_numeral_is_char(0x58F9));  /* 壹 */
	assert_true(ss_numeral_is_char(0x3007));  /* 〇 */
	assert_false(ss_numeral_is_char(0x5143)); /* 元 */
	assert_false(ss_numeral_is_char('5'));
	/* The scan's candidates come from the same table: the 35 simplified and
	 * financial numerals with 半 几 数, not the traditional forms nor 点. */
	size_t n = 0;
	bool half = false, point = false, wan_trad = false;
	for (uint32_t cp; (cp = ss_numeral_candidate(n)) != 0; n++) {
		half |= cp == 0x534A;
		point |= cp == 0x70B9;
		wan_trad |= cp == 0x842C;
		assert_true(ss_numeral_is_char(cp) || cp == 0x534A || cp == 0x51E0 || cp == 0x6570);
	}
	assert_int_equal(n, 35);
	assert_true(half);
	assert_false(point);
	assert_false(wan_trad);
	assert_false(ss_numeral_is_char(0x534A)); /* 半 is no token of a numeral */
}

/* Hostile inputs are turned down, and quickly. */
static void test_hostile_lengths(void **state)
{
	(void)state;
	ss_number n;
	size_t big = 1000000;
	char *s = malloc(big * 3 + 1);
	assert_non_null(s);
	clock_t t0 = clock();

	memset(s, '9', big);
	assert_false(ss_numeral_parse(s, big, &n));

	for (size_t i = 0; i < 10000; i++)
		memcpy(s + 3 * i, "万", 3);
	assert_false(ss_numeral_parse(s, 30000, &n));
	for (size_t i = 0; i < 10000; i++)
		memcpy(s + 3 * i, "一", 3);
	assert_false(ss_numeral_parse(s, 30000, &n));

	/* just under the input cap: the worst the grammar can be made to do */
	const char *units[] = {"万", "亿", "十", "零", "一", "点"};
	for (size_t u = 0; u < 6; u++) {
		for (size_t i = 0; i < SS_NUMERAL_MAX_INPUT / 3; i++)
			memcpy(s + 3 * i, units[u], 3);
		assert_false(ss_numeral_parse(s, SS_NUMERAL_MAX_INPUT / 3 * 3, &n));
	}
	for (size_t i = 0; i < SS_NUMERAL_MAX_INPUT / 6; i++)
		memcpy(s + 6 * i, "一万", 6);
	assert_false(ss_numeral_parse(s, SS_NUMERAL_MAX_INPUT / 6 * 6, &n));
	/* 四万万万...: legal in form, too large in value */
	memcpy(s, "四", 3);
	for (size_t i = 1; i < SS_NUMERAL_MAX_INPUT / 3; i++)
		memcpy(s + 3 * i, "万", 3);
	assert_false(ss_numeral_parse(s, SS_NUMERAL_MAX_INPUT / 3 * 3, &n));

	/* a truncated UTF-8 sequence and stray bytes */
	assert_false(ss_numeral_parse("\xe4\xb8", 2, &n));
	assert_false(ss_numeral_parse("1\0002", 3, &n));
	assert_false(ss_numeral_parse("\xff", 1, &n));

	free(s);
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
}

/* Decimal text with a 1 in the places 10^hi and 10^lo (lo <= hi) and 0s
 * between: canonical, so it reads back as itself. */
static void two_ones(char *out, int hi, int lo)
{
	char *d = out;
	if (hi < 0) {
		*d++ = '0';
		*d++ = '.';
		for (int e = -1; e > hi; e--)
			*d++ = '0';
	}
	for (int e = hi; e >= lo; e--) {
		if (e == -1 && hi >= 0)
			*d++ = '.';
		*d++ = e == hi || e == lo ? '1' : '0';
	}
	*d = '\0';
}

/* The accumulator's places are read eight at a time past zeros: a figure's
 * first and last digit at every place around those blocks, on both sides
 * of the point, and zero. */
static void test_parse_every_place(void **state)
{
	(void)state;
	char text[64];
	for (int hi = -14; hi <= 30; hi++)
		for (int lo = -14; lo <= hi; lo++) {
			if ((hi < 0 ? 1 - lo : hi + 1 + (lo < 0 ? 1 - lo : 0)) > 40)
				continue;
			two_ones(text, hi, lo);
			ss_number n;
			if (!ss_numeral_parse(text, strlen(text), &n))
				fail_msg("'%s' refused", text);
			if (strcmp(n.str, text))
				fail_msg("'%s' read as '%s'", text, n.str);
		}
	ss_number n = parse_ok("0");
	assert_string_equal(n.str, "0");
	n = parse_ok("零");
	assert_string_equal(n.str, "0");
	n = parse_ok("一千万亿");
	assert_string_equal(n.str, "1000000000000000");
	n = parse_ok("八千零一万亿");
	assert_string_equal(n.str, "8001000000000000");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_keeps_precision),
		cmocka_unit_test(test_parse_every_place),
		cmocka_unit_test(test_parse_not_nul_terminated),
		cmocka_unit_test(test_parse_failure_leaves_out),
		cmocka_unit_test(test_shift),
		cmocka_unit_test(test_shift_out_of_room),
		cmocka_unit_test(test_div),
		cmocka_unit_test(test_mul),
		cmocka_unit_test(test_mul_exact_beyond_double),
		cmocka_unit_test(test_negate),
		cmocka_unit_test(test_from_double),
		cmocka_unit_test(test_from_double_round_trips),
		cmocka_unit_test(test_from_double_not_finite),
		cmocka_unit_test(test_set_decimal),
		cmocka_unit_test(test_set_decimal_value_as_strtod),
		cmocka_unit_test(test_is_char),
		cmocka_unit_test(test_hostile_lengths),
	};
	return cmocka_run_group_tests_name("numeral", tests, NULL, NULL);
}
