/*
 * numeral.h - turning the digits of a figure into a value: Arabic (1,234.5),
 * Chinese (一百二十三, 两, 廿), financial capitals (壹佰), scale words (万,
 * 亿, 万亿), in any mix (1.2万亿, 3万4000). The exact decimal is kept as
 * written so that 48.97 never prints as 48.969999.
 */
#ifndef SS_NUMERAL_H
#define SS_NUMERAL_H

#include <stdbool.h>
#include <stddef.h>

#define SS_NUM_MAX 48 /* room for an exact decimal; longer numbers are refused */

typedef struct {
	double value;
	char str[SS_NUM_MAX]; /* exact decimal, no exponent, no trailing zeros after '.' */
} ss_number;

/* Parse the whole of s[0..len) (ASCII digits, as the normalised text has them;
 * ',' thousands separators; a leading '-' or '负'; Chinese digits and
 * units; a trailing scale word). Returns false when it is not one number. */
bool ss_numeral_parse(const char *s, size_t len, ss_number *out);

/* Set n from a double (for computed values such as 1/3), shortest decimal
 * that reads back as the same double. */
void ss_number_from_double(ss_number *n, double v);

/* Multiply by 10^k exactly (shifting the decimal point of str). */
void ss_number_shift(ss_number *n, int k);

/* Multiply by a factor (for 成 = 10, ...); exact when factor is a power of ten. */
void ss_number_mul(ss_number *n, double factor);

/* Negate (for a change that went down). */
void ss_number_negate(ss_number *n);

#endif
