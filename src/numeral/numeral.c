/*
 * numeral.c - the exact decimal behind every figure: canonical formatting
 * without exponent, shortest round-trip from a double, exact shifts by powers
 * of ten. Parsing of written numerals is in chinese.c.
 *
 * A number is held as its decimal string; the double is only ever derived
 * from that string (correctly rounded by strtod), never the other way round,
 * so 48.97 stays 48.97 whatever arithmetic the callers do on scale words.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numeral/numeral.h"

/* Longest unsigned decimal kept: one byte stays free for a '-' so that
 * negating never truncates, one for the NUL. */
#define NUM_BODY (SS_NUM_MAX - 2)

/* Most significant digits a caller hands to digits_value(); more than a
 * double can tell apart, so dropping the rest changes nothing that matters. */
#define VALUE_DIGITS 64

/* Powers of ten a double holds exactly. */
static const double pow10_exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* The double nearest d[0..nd) * 10^e. Up to 15 digits and 10^22 both
 * operands are exact, so one multiplication or division rounds once, to
 * what strtod gives (Clinger's fast path); it spares a snprintf and a
 * strtod for nearly every figure. Otherwise the digits go to strtod as
 * "DDDeE", with no radix character, so the caller's LC_NUMERIC cannot
 * change it. */
static double digits_value(bool neg, const char *d, size_t nd, long e)
{
	char buf[VALUE_DIGITS + 32];

	if (nd == 0)
		return 0.0;
	if (nd <= 15 && e >= -22 && e <= 22) {
		uint64_t m = 0;
		for (size_t i = 0; i < nd; i++)
			m = m * 10 + (uint64_t)(d[i] - '0');
		double v = (double)m; /* below 2^53: exact */
		v = e >= 0 ? v * pow10_exact[e] : v / pow10_exact[-e];
		return neg ? -v : v;
	}
	if (nd > VALUE_DIGITS) {
		e += (long)(nd - VALUE_DIGITS);
		nd = VALUE_DIGITS;
	}
	snprintf(buf, sizeof buf, "%s%.*se%ld", neg ? "-" : "", (int)nd, d, e);
	return strtod(buf, NULL);
}

/* Write the canonical decimal of d[0..nd) * 10^e (no leading or trailing
 * zeros in d, nd > 0) into out, which has room for NUM_BODY + 2 bytes. The
 * caller has checked that it fits. */
static void write_decimal(char *out, bool neg, const char *d, size_t nd, long e)
{
	long ip = (long)nd + e; /* digits before the point */
	char *p = out;

	if (neg)
		*p++ = '-';
	if (ip <= 0) {
		*p++ = '0';
		*p++ = '.';
		for (long i = 0; i < -ip; i++)
			*p++ = '0';
		memcpy(p, d, nd);
		p += nd;
	} else if (e >= 0) {
		memcpy(p, d, nd);
		p += nd;
		for (long i = 0; i < e; i++)
			*p++ = '0';
	} else {
		memcpy(p, d, (size_t)ip);
		p += ip;
		*p++ = '.';
		memcpy(p, d + ip, nd - (size_t)ip);
		p += nd - (size_t)ip;
	}
	*p = '\0';
}

/*
 * Set n to +-d[0..nd) * 10^e.
 *
 * Arguments:
 *   d, nd   ASCII digits, leading and trailing zeros allowed
 *   e       decimal exponent of the last digit
 *   exact   refuse rather than round when the decimal does not fit
 *
 * Returns: false (n untouched) only when exact and it does not fit. When not
 * exact, a decimal with too many fraction places is rounded half up in str,
 * one too large for str leaves str empty; value is always the double nearest
 * the unrounded number.
 */
static bool set_digits(ss_number *n, bool neg, const char *d, size_t nd, long e, bool exact)
{
	while (nd > 0 && d[0] == '0') {
		d++;
		nd--;
	}
	while (nd > 0 && d[nd - 1] == '0') {
		nd--;
		e++;
	}
	if (nd == 0) {
		n->value = 0.0;
		strcpy(n->str, "0");
		return true;
	}
	long ip = (long)nd + e;
	long fd = e < 0 ? -e : 0;
	long width = (ip > 0 ? ip : 1) + (fd > 0 ? 1 + fd : 0);
	if (width <= NUM_BODY) {
		write_decimal(n->str, neg, d, nd, e);
		n->value = digits_value(neg, d, nd, e);
		return true;
	}
	if (exact)
		return false;
	n->value = digits_value(neg, d, nd, e);
	if (ip > NUM_BODY) {
		n->str[0] = '\0';
		return true;
	}
	/* Too many fraction places: keep what fits and round the rest. */
	long keep_fd = NUM_BODY - (ip > 0 ? ip : 1) - 1;
	if (keep_fd < 0)
		keep_fd = 0;
	long keep = (long)nd - (fd - keep_fd); /* digits of d that survive */
	char r[VALUE_DIGITS + 2];
	size_t rn = 0;
	if (keep < 0 || (size_t)keep > VALUE_DIGITS) {
		/* Below half a unit of the last kept place (or absurdly long). */
		strcpy(n->str, "0");
		return true;
	}
	r[0] = '0'; /* room for a carry */
	memcpy(r + 1, d, (size_t)keep);
	rn = (size_t)keep + 1;
	if (d[keep] >= '5') {
		size_t i = rn;
		while (i > 0 && r[i - 1] == '9')
			r[--i] = '0';
		if (i > 0)
			r[i - 1]++;
	}
	double v = n->value;
	set_digits(n, neg, r, rn, -keep_fd, false);
	n->value = v;
	return true;
}

bool ss_number_set_decimal(ss_number *n, bool neg, const char *digits, size_t nd, long exp)
{
	for (size_t i = 0; i < nd; i++)
		if (digits[i] < '0' || digits[i] > '9')
			return false;
	/* Bound the exponent so that nd + exp cannot overflow below. */
	if (exp > 4 * SS_NUM_MAX || exp < -(long)nd - 4 * SS_NUM_MAX)
		return false;
	ss_number tmp;
	if (!set_digits(&tmp, neg, digits, nd, exp, true))
		return false;
	*n = tmp;
	return true;
}

/* Split a canonical str into sign, digits and exponent. Returns false when
 * str is empty or not a plain decimal. */
static bool split_str(const char *s, bool *neg, char *d, size_t *nd, long *e)
{
	size_t n = 0;
	long frac = 0;
	bool point = false;

	*neg = false;
	if (*s == '-') {
		*neg = true;
		s++;
	}
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s == '.' && !point) {
			point = true;
		} else if (*s >= '0' && *s <= '9' && n < SS_NUM_MAX) {
			d[n++] = *s;
			if (point)
				frac++;
		} else {
			return false;
		}
	}
	*nd = n;
	*e = -frac;
	return n > 0;
}

void ss_number_from_double(ss_number *n, double v)
{
	char buf[64], d[24];
	size_t nd = 0;
	long e = 0;

	if (!isfinite(v)) {
		n->value = v;
		n->str[0] = '\0';
		return;
	}
	if (v == 0) {
		n->value = 0.0;
		strcpy(n->str, "0");
		return;
	}
	/* 15 significant digits always read back for a value first written
	 * with 15 or fewer, so the first precision that round-trips is the
	 * shortest that matters. */
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
		/* Digits, then 'e' and the exponent; skip the sign and whatever
		 * radix character the locale uses. */
		const char *p = buf;
		nd = 0;
		for (; *p && *p != 'e' && *p != 'E'; p++)
			if (*p >= '0' && *p <= '9' && nd < sizeof d)
				d[nd++] = *p;
		e = (*p ? strtol(p + 1, NULL, 10) : 0) - (long)(nd - 1);
		if (digits_value(v < 0, d, nd, e) == v)
			break;
	}
	set_digits(n, v < 0, d, nd, e, false);
	n->value = v;
}

void ss_number_shift(ss_number *n, int k)
{
	char d[SS_NUM_MAX];
	size_t nd;
	long e;
	bool neg;

	if (k == 0)
		return;
	if (!split_str(n->str, &neg, d, &nd, &e)) {
		ss_number_from_double(n, n->value * pow(10, k));
		return;
	}
	set_digits(n, neg, d, nd, e + k, false);
}

/* The doubles a caller writes for the inverses of pow10_exact (1e-3 is not
 * 10^-3, but it is what "divide by 1000" means). */
static const double pow10_neg[] = {1e0,   1e-1,  1e-2,  1e-3,  1e-4,  1e-5,
                                   1e-6,  1e-7,  1e-8,  1e-9,  1e-10, 1e-11,
                                   1e-12, 1e-13, 1e-14, 1e-15, 1e-16, 1e-17,
                                   1e-18, 1e-19, 1e-20, 1e-21, 1e-22};

void ss_number_mul(ss_number *n, double factor)
{
	double a = fabs(factor);

	for (int k = 0; k <= 22; k++) {
		if (a == pow10_exact[k] || a == pow10_neg[k]) {
			ss_number_shift(n, a >= 1 ? k : -k);
			if (factor < 0)
				ss_number_negate(n);
			return;
		}
	}
	ss_number_from_double(n, n->value * factor);
}

void ss_number_negate(ss_number *n)
{
	size_t len = strnlen(n->str, SS_NUM_MAX);

	n->value = -n->value;
	if (len == 0)
		return;
	if (strcmp(n->str, "0") == 0) {
		n->value = 0.0; /* no negative zero, in str or value */
		return;
	}
	if (n->str[0] == '-') {
		memmove(n->str, n->str + 1, len); /* the NUL comes along */
	} else if (len + 2 <= SS_NUM_MAX) {
		memmove(n->str + 1, n->str, len + 1);
		n->str[0] = '-';
	} else {
		/* A str filled in by hand, longer than ours ever are. */
		ss_number_from_double(n, n->value);
	}
}

bool ss_number_div(ss_number *n, const ss_number *den, int k)
{
	char a[SS_NUM_MAX], b[SS_NUM_MAX], q[SS_NUM_DIV_DIGITS + 3];
	size_t na, nb, nq = 0, i = 0;
	long ea, eb;
	bool nega, negb;

	if (!split_str(n->str, &nega, a, &na, &ea) || !split_str(den->str, &negb, b, &nb, &eb))
		return false;
	/* the divisor as an integer; its digits bounded so that the remainder
	 * times ten fits (no one writes a denominator of 18 digits) */
	uint64_t d = 0, r = 0;
	for (size_t j = 0; j < nb; j++) {
		if (nb > 17)
			return false;
		d = d * 10 + (uint64_t)(b[j] - '0');
	}
	if (d == 0)
		return false;
	/* Long division of a's digits, then zeros, until it comes out or the
	 * digits run past SS_NUM_DIV_DIGITS (then rounded half up). */
	long e = ea - eb + k;
	while (i < na || (r != 0 && nq <= SS_NUM_DIV_DIGITS)) {
		r = r * 10 + (uint64_t)(i < na ? a[i] - '0' : 0);
		if (i >= na)
			e--;
		i++;
		char c = (char)('0' + r / d);
		r %= d;
		if (nq > 0 || c != '0')
			q[nq++] = c;
		if (nq > SS_NUM_DIV_DIGITS + 1)
			return false;
	}
	/* the quotient's last digit stands at 10^e */
	if (nq == 0) {
		q[nq++] = '0';
	} else if (nq > SS_NUM_DIV_DIGITS && r != 0) {
		bool up = q[--nq] >= '5';
		e++;
		for (size_t j = nq; up && j-- > 0;) {
			if (q[j] == '9') {
				q[j] = '0';
			} else {
				q[j]++;
				up = false;
			}
		}
		if (up) { /* 9.99…95 rounds to 10 */
			memmove(q + 1, q, nq);
			q[0] = '1';
			nq++;
		}
	}
	return ss_number_set_decimal(n, nega != negb, q, nq, e);
}
