/* approx.c - the written forms that are not one number: approximate amounts
 * (3000多, 500余万, 十几万, 数十亿, 三四十万, 八九亿), 成 (两成 = 20%, 三成半,
 * 七成六), and yuan with jiao and fen (50元6角三分 = 50.63). */
#include <string.h>

#include "../util/util.h"
#include "numeral.h"

static bool starts(const char *s, size_t len, size_t i, const char *w)
{
	size_t n = strlen(w);
	return i + n <= len && memcmp(s + i, w, n) == 0;
}

/* The trailing scale word of s (万亿, 亿, 千万, 百万, 万), its length in *n. */
static int trailing_scale(const char *s, size_t len, size_t *n)
{
	static const struct {
		const char *w;
		int exp;
	} scales[] = {{"万亿", 12}, {"千万", 7}, {"百万", 6}, {"亿", 8}, {"万", 4}};
	for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++) {
		size_t wl = strlen(scales[i].w);
		if (len > wl && memcmp(s + len - wl, scales[i].w, wl) == 0) {
			*n = wl;
			return scales[i].exp;
		}
	}
	*n = 0;
	return 0;
}

/* X多 / X余: more than X, below X plus one step of its last non-zero place
 * (3000多: 3000 to 4000; 二百三十余: 230 to 240). */
static bool more_than(const char *s, size_t len, ss_number *lo, ss_number *hi)
{
	if (!ss_numeral_parse(s, len, lo) || strchr(lo->str, '.') || lo->value <= 0)
		return false;
	double step = 1;
	size_t n = strlen(lo->str);
	for (size_t i = n; i > 1 && lo->str[i - 1] == '0'; i--)
		step *= 10;
	ss_number_from_double(hi, lo->value + step);
	return true;
}

/* Replace the 3-byte character at i with rep into buf. */
static size_t splice(char *buf, const char *s, size_t len, size_t i, size_t w, const char *rep)
{
	size_t r = strlen(rep);
	memcpy(buf, s, i);
	memcpy(buf + i, rep, r);
	memcpy(buf + i + r, s + i + w, len - i - w);
	return len - w + r;
}

static const char *const cn_digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九"};

static int cn_digit_at(const char *s, size_t len, size_t i)
{
	if (starts(s, len, i, "两"))
		return 2;
	for (int d = 0; d < 9; d++)
		if (starts(s, len, i, cn_digits[d]))
			return d + 1;
	return 0;
}

/* 几 / 数 standing for a digit, or two neighbouring digits (三四十, 八九): a range. */
static bool placeholder(const char *s, size_t len, ss_number *lo, ss_number *hi)
{
	char a[SS_NUMERAL_MAX_INPUT + 8], b[SS_NUMERAL_MAX_INPUT + 8];
	for (size_t i = 0; i + 3 <= len; i += (size_t)ss_utf8_len(s + i, len - i)) {
		if (starts(s, len, i, "几") || starts(s, len, i, "数")) {
			/* Leading (几十, 数百) it is 2..9; after a unit (十几) it is 1..9. */
			const char *low = i == 0 ? "二" : "一";
			size_t na = splice(a, s, len, i, 3, low), nb = splice(b, s, len, i, 3, "九");
			return ss_numeral_parse(a, na, lo) && ss_numeral_parse(b, nb, hi);
		}
		int d1 = cn_digit_at(s, len, i), d2 = i + 6 <= len ? cn_digit_at(s, len, i + 3) : 0;
		if (d1 && d2 == d1 + 1) {
			size_t na = splice(a, s, len, i, 6, cn_digits[d1 - 1]);
			size_t nb = splice(b, s, len, i, 6, cn_digits[d2 - 1]);
			return ss_numeral_parse(a, na, lo) && ss_numeral_parse(b, nb, hi);
		}
	}
	return false;
}

bool ss_numeral_parse_approx(const char *s, size_t len, ss_number *lo, ss_number *hi,
                             ss_approx_kind *kind)
{
	if (len == 0 || len > SS_NUMERAL_MAX_INPUT)
		return false;
	size_t sl;
	int exp = trailing_scale(s, len, &sl);
	size_t base = len - sl;
	bool ok = false;
	if (base > 3 && (starts(s, base, base - 3, "多") || starts(s, base, base - 3, "余"))) {
		ok = more_than(s, base - 3, lo, hi);
		*kind = SS_APPROX_MORE_THAN;
	} else if (base > 1 && (s[base - 1] == '+')) {
		ok = more_than(s, base - 1, lo, hi);
		*kind = SS_APPROX_MORE_THAN;
	} else {
		ok = placeholder(s, base, lo, hi);
		*kind = SS_APPROX_RANGE;
	}
	if (ok && exp) {
		ss_number_shift(lo, exp);
		ss_number_shift(hi, exp);
	}
	return ok;
}

bool ss_numeral_parse_cheng(const char *s, size_t len, ss_number *out)
{
	size_t i = 0;
	while (i + 3 <= len && !starts(s, len, i, "成"))
		i += (size_t)ss_utf8_len(s + i, len - i);
	if (i + 3 > len)
		return false;
	ss_number tens;
	if (i == 3 && starts(s, len, 0, "半")) {
		ss_number_from_double(&tens, 0.5);
	} else if (!ss_numeral_parse(s, i, &tens) || tens.value > 10) {
		return false;
	}
	ss_number_mul(&tens, 10);
	size_t rest = i + 3;
	if (rest == len) {
		*out = tens;
		return true;
	}
	double add;
	if (len - rest == 3 && starts(s, len, rest, "半"))
		add = 5;
	else if (len - rest == 3 && cn_digit_at(s, len, rest))
		add = cn_digit_at(s, len, rest);
	else if (len - rest == 1 && s[rest] >= '1' && s[rest] <= '9')
		add = s[rest] - '0';
	else
		return false;
	if (strchr(tens.str, '.'))
		return false;
	ss_number_from_double(out, tens.value + add);
	return true;
}

/* One digit of jiao or fen: Arabic, Chinese or a financial capital. */
static int small_digit(const char *s, size_t len, size_t i, size_t *w)
{
	static const char *const caps[] = {"壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
	if (i < len && s[i] >= '0' && s[i] <= '9') {
		*w = 1;
		return s[i] - '0';
	}
	*w = 3;
	if (starts(s, len, i, "零") || starts(s, len, i, "〇"))
		return 0;
	int d = cn_digit_at(s, len, i);
	if (d)
		return d;
	for (int k = 0; k < 9; k++)
		if (starts(s, len, i, caps[k]))
			return k + 1;
	*w = 0;
	return -1;
}

bool ss_numeral_parse_money(const char *s, size_t len, ss_number *out)
{
	size_t i = 0;
	while (i + 3 <= len && !starts(s, len, i, "元") && !starts(s, len, i, "圆"))
		i += (size_t)ss_utf8_len(s + i, len - i);
	if (i == 0 || i + 3 > len || !ss_numeral_parse(s, i, out))
		return false;
	size_t p = i + 3;
	int jiao = 0, fen = 0;
	size_t w;
	if (starts(s, len, p, "整"))
		p += 3;
	int d = p < len ? small_digit(s, len, p, &w) : -1;
	if (d >= 0 && (starts(s, len, p + w, "角") || starts(s, len, p + w, "毛"))) {
		jiao = d;
		p += w + 3;
		d = p < len ? small_digit(s, len, p, &w) : -1;
	}
	if (d >= 0 && starts(s, len, p + w, "分")) {
		fen = d;
		p += w + 3;
	}
	if (p != len)
		return false;
	if (!jiao && !fen)
		return true;
	if (strchr(out->str, '.') || strchr(out->str, '-'))
		return false;
	char digits[SS_NUM_MAX + 4];
	size_t n = strlen(out->str);
	if (n + 2 >= sizeof digits)
		return false;
	memcpy(digits, out->str, n);
	digits[n] = (char)('0' + jiao);
	digits[n + 1] = (char)('0' + fen);
	return ss_number_set_decimal(out, false, digits, n + 2, -2);
}
