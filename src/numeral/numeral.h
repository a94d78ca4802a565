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
#include <stdint.h>

#define SS_NUM_MAX 48 /* room for an exact decimal; longer numbers are refused */

typedef struct {
	double value;
	char str[SS_NUM_MAX]; /* exact decimal, no exponent, no trailing zeros after '.' */
} ss_number;

/* Inputs longer than this many bytes are refused at once: no number whose
 * decimal fits in SS_NUM_MAX is written that long, and the cap keeps hostile
 * input (a million digits, ten thousand 万) cheap to turn down. */
#define SS_NUMERAL_MAX_INPUT 512

/* Parse the whole of s[0..len) (ASCII digits, as the normalised text has them;
 * ',' thousands separators; a leading '-' or '负'; Chinese digits and
 * units; a trailing scale word). Returns false when it is not one number.
 *
 * Decisions worth knowing (tests/table/numerals.test has the cases):
 *  - Grouping must be exact (1,234 yes, 1,23 and 1234,567 no); no leading
 *    zeros (007), no bare point (.5, 5.), no exponent.
 *  - A single digit after a scale word or unit is one place lower:
 *    13万2 = 132000, 一百二 = 120, 一亿二 = 120000000. After 零 it is units:
 *    一百零五 = 105. An Arabic literal after 万/亿 must fill the places
 *    (3万4000 yes, 3万400 is ambiguous and refused, 3万零400 yes).
 *  - Chinese places go down without a gap unless 零 marks it: 一千零二十,
 *    一万零一十 (一千二十, 一万一十, 一百零五十 are refused). Multi-digit
 *    Arabic parts need no 零: 3亿500万 = 305000000.
 *  - A bare unit only at the very start: 十五, 百 (近百家), 千, 万, 万亿.
 *  - An Arabic number before 百/千 (and 万/亿) counts that magnitude, as
 *    tables and research notes write it: 2360百万 = 2360000000, 850千.
 *  - 兆 is 10^12 (Taiwan: 1兆485億 = 1048500000000).
 *  - Digits read one by one only before a point: 七二九.二 = 729.2 (the
 *    full-width point, width-normalised); 三十九.五 = 39.5.
 *  - 四万万 = 4e8 and 万亿 = 1e12, but 亿万 (a figure of speech) and 亿亿 are
 *    refused.
 *  - 点 is a decimal point after Chinese digits only (一百二十点五, 二点五亿);
 *    3点5 is a time of day, not a number.
 *  - str is canonical: no sign for zero, no trailing zeros after the point
 *    ("2.50" gives "2.5"), so equal numbers compare equal as strings.
 *  - Traditional forms (萬 億 貳 參 陸 點 負) count; 元/圆/整 do not. */
bool ss_numeral_parse(const char *s, size_t len, ss_number *out);

/* Set n to (neg ? -1 : 1) * digits[0..nd) * 10^exp exactly (digits are ASCII
 * '0'..'9', leading and trailing zeros allowed). Returns false, leaving n
 * untouched, when a character is not a digit or the decimal would not fit
 * in SS_NUM_MAX - 2 characters (one byte is kept for a sign). */
bool ss_number_set_decimal(ss_number *n, bool neg, const char *digits, size_t nd,
                           long exp);

/* True for a code point that can stand inside a Chinese numeral (digits,
 * financial capitals, 十百千万亿 and their capitals, 廿卅卌, 零〇, 点), for
 * rules that need to find where a numeral ends. */
bool ss_numeral_is_char(uint32_t cp);

/* The i-th Chinese numeral character that opens a scan window (the simplified
 * and financial numerals, 半, 几, 数), 0 past the last. One table with the
 * parser's (chinese.c). */
uint32_t ss_numeral_candidate(size_t i);

/* The i-th class of Chinese numeral characters that the rule loader offers
 * as a built-in define (CN_DIGIT 零〇一…九廿卅, CN_UNIT 十百千万亿, CN_NUMERAL
 * both, CN_NUMERAL_ZHAO both and 兆, CN_DECIMAL the digits after 点), from
 * the same table: its name,
 * with out set to "[...]"; NULL past the last (or when cap is too small). */
const char *ss_numeral_class(size_t i, char *out, size_t cap);

/* Set n from a double (for computed values such as 1/3), shortest decimal
 * that reads back as the same double, written without exponent. A decimal
 * too long for str is rounded in its last fraction places (value keeps the
 * double); when |v| >= 1e46, or v is not finite, str is "" (no figure is
 * that large; callers fall back to value). */
void ss_number_from_double(ss_number *n, double v);

/* Multiply by 10^k exactly (shifting the decimal point of str); value is
 * then the double nearest the new str. Out of room: as ss_number_from_double. */
void ss_number_shift(ss_number *n, int k);

/* Multiply by a factor (for 成 = 10, ...); exact when factor is a power of
 * ten (1e-22 .. 1e22, either sign), else through the double. */
void ss_number_mul(ss_number *n, double factor);

/* Divide by den and multiply by 10^k (三分之一 in percent: k = 2) in exact
 * decimal arithmetic: a quotient that comes out is exact (八分之一 is
 * 12.5), one that does not is rounded half up to SS_NUM_DIV_DIGITS
 * significant digits (六分之一 is 16.66666666666667, not the double's
 * 16.666666666666664). False, n untouched, when den is zero, longer than
 * 17 digits or either str is empty. */
#define SS_NUM_DIV_DIGITS 16
bool ss_number_div(ss_number *n, const ss_number *den, int k);

/* Negate (for a change that went down). */
void ss_number_negate(ss_number *n);

/* ---- forms that are not one number (approx.c) ---- */

typedef enum { SS_APPROX_RANGE, SS_APPROX_MORE_THAN } ss_approx_kind;

/* An approximate amount: X多 / X余 / X+ (more than X, below X plus one step
 * of its last place: 3000多 is 3000..4000, 500余万 is 5000000..6000000), or
 * a range written with 几 / 数 or two neighbouring digits (十几 = 11..19,
 * 几十 = 20..90, 数百万, 三四十万 = 300000..400000, 八九亿). A trailing scale
 * word applies to both bounds. False when s is none of these. */
bool ss_numeral_parse_approx(const char *s, size_t len, ss_number *lo, ss_number *hi,
                             ss_approx_kind *kind);

/* 成 as a percentage: 两成 = 20, 三成半 = 35, 七成六 = 76, 半成 = 5. */
bool ss_numeral_parse_cheng(const char *s, size_t len, ss_number *out);

/* Yuan with jiao and fen: 50元6角三分 = 50.63, 壹佰万元整 = 1000000,
 * 壹佰壹拾万贰仟陆佰壹拾肆元陆角 = 1102614.6. s runs from the number to the
 * end of the last unit (元, 角 or 分; 整 allowed after 元). */
bool ss_numeral_parse_money(const char *s, size_t len, ss_number *out);

#endif
