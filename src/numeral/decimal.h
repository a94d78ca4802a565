/* decimal.h - the exact decimal accumulator chinese.c reads numbers into:
 * a fixed array of decimal places, so every value is exact and the work per
 * number is bounded. Inline, as the grammar adds a digit at a time. */
#ifndef SS_DECIMAL_H
#define SS_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Places 10^-DEC_LO .. 10^(DEC_N-DEC_LO-1); comfortably wider than the
 * SS_NUM_MAX characters a result may take, so only a result that could not
 * be written anyway falls outside. */
#define DEC_LO 60
#define DEC_N 128
#define DEC_NONE (-1000) /* dec_top() of zero */

typedef struct {
	unsigned char d[DEC_N]; /* d[i]: the digit of 10^(i - DEC_LO) */
} dec;

static inline void dec_zero(dec *x)
{
	memset(x->d, 0, sizeof x->d);
}

/* Add digit * 10^exp; false when it would leave the array. */
static inline bool dec_add_digit(dec *x, int digit, int exp)
{
	int i = exp + DEC_LO;

	if (digit == 0)
		return true;
	if (i < 0 || i >= DEC_N)
		return false;
	int carry = digit;
	for (; carry && i < DEC_N; i++) {
		int s = x->d[i] + carry;
		x->d[i] = (unsigned char)(s % 10);
		carry = s / 10;
	}
	return carry == 0;
}

static inline bool dec_add(dec *x, const dec *y)
{
	int carry = 0;

	for (int i = 0; i < DEC_N; i++) {
		int s = x->d[i] + y->d[i] + carry;
		x->d[i] = (unsigned char)(s % 10);
		carry = s / 10;
	}
	return carry == 0;
}

/* Multiply by 10^k, k >= 0; false when a digit would fall off the top. */
static inline bool dec_shift(dec *x, int k)
{
	for (int i = DEC_N - k; i < DEC_N; i++)
		if (i >= 0 && x->d[i])
			return false;
	if (k <= 0 || k >= DEC_N)
		return k >= 0; /* nothing moves, or zero stays zero */
	memmove(x->d + k, x->d, (size_t)(DEC_N - k));
	memset(x->d, 0, (size_t)k);
	return true;
}

/* The array is nearly all zeros around a figure's few digits: they are
 * passed over eight places at a time (DEC_N is a multiple of eight). */
static inline bool dec_zero8(const dec *x, int i)
{
	uint64_t w;
	memcpy(&w, x->d + i, 8);
	return w == 0;
}

/* The index of the highest non-zero place, -1 for zero. */
static inline int dec_high(const dec *x)
{
	int i = DEC_N;
	while (i >= 8 && dec_zero8(x, i - 8))
		i -= 8;
	while (i > 0 && !x->d[i - 1])
		i--;
	return i - 1;
}

/* The exponent of the highest non-zero place, DEC_NONE for zero. */
static inline int dec_top(const dec *x)
{
	int i = dec_high(x);
	return i < 0 ? DEC_NONE : i - DEC_LO;
}

static inline bool dec_has_frac(const dec *x)
{
	for (int i = 0; i < DEC_LO; i++)
		if (x->d[i])
			return true;
	return false;
}

/* Write x as digits (most significant first) and the exponent of the last. */
static inline size_t dec_digits(const dec *x, char *buf, long *exp)
{
	int hi = dec_high(x), lo = 0;
	size_t n = 0;

	if (hi < 0)
		hi = 0; /* zero is the digit 0 */
	while (lo + 8 <= hi && dec_zero8(x, lo))
		lo += 8;
	while (lo < hi && !x->d[lo])
		lo++;
	for (int i = hi; i >= lo; i--)
		buf[n++] = (char)('0' + x->d[i]);
	*exp = lo - DEC_LO;
	return n;
}

#endif
