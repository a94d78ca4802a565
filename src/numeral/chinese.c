/*
 * chinese.c - ss_numeral_parse(): Arabic, Chinese and financial-capital
 * numerals, scale words and their mixtures (1.2万亿, 3万4000, 壹佰万).
 *
 * The input is cut into tokens (a run of Arabic digits, a Chinese digit, a
 * unit 十百千, a scale word 万亿, 零, 点) and read the way a person reads it:
 * split at the last occurrence of the largest scale word, the left part
 * counts that many times, the right part is what is left below it. Sums
 * are kept in a fixed array of decimal places (decimal.h), so every value
 * is exact and the work per number is bounded whatever the input.
 */
#include <pthread.h>
#include <string.h>

#include "numeral/decimal.h"
#include "numeral/numeral.h"
#include "util/util.h"

/* ---- tokens ------------------------------------------------------------ */

typedef enum {
	T_DIGIT,  /* 一..九, 壹..玖, 两: val 1..9 */
	T_ZERO,   /* 零 〇 */
	T_ARABIC, /* a run of [0-9,.]: s, len */
	T_UNIT,   /* 十 百 千 (拾 佰 仟): val is the exponent 1..3 */
	T_TENS,   /* 廿 卅 卌: val 2..4 tens */
	T_SCALE,  /* 万 亿 兆: val is the exponent 4, 8 or 12 */
	T_POINT,  /* 点 */
} tok_type;

typedef struct {
	tok_type type;
	int val;
	bool liang;    /* 两/俩: a count, never a digit after 点 */
	const char *s; /* T_ARABIC */
	size_t len;
	int ndigits;   /* T_ARABIC: digits, separators not counted */
	bool point;    /* T_ARABIC has a fraction */
} token;

typedef struct {
	token t[SS_NUMERAL_MAX_INPUT];
	int n;
} tokens;

/* The Chinese numeral characters, one table for the parser (type, value),
 * for the scan (cand: a candidate character that opens a window, see
 * rules/windows.c) and for the rules (cap: a financial capital, left out of
 * the rule loader's built-in classes, see ss_numeral_class). 半, 几 and 数 are
 * candidates that the approximate forms read (approx.c), no token of a
 * numeral; the traditional forms and 点 are tokens but open no window (the
 * text is normalised to simplified). */
#define T_NONE ((tok_type)-1)
static const struct {
	uint32_t cp;
	tok_type type;
	int val;
	bool cand, cap;
} numeral_chars[] = {
	{0x96F6, T_ZERO, 0, 1, 0},  {0x3007, T_ZERO, 0, 1, 0},  /* 零 〇 */
	{0x4E00, T_DIGIT, 1, 1, 0}, {0x58F9, T_DIGIT, 1, 1, 1}, /* 一 壹 */
	{0x4E8C, T_DIGIT, 2, 1, 0}, {0x8D30, T_DIGIT, 2, 1, 1}, /* 二 贰 */
	{0x8CB3, T_DIGIT, 2, 0, 1}, {0x4E24, T_DIGIT, 2, 1, 0}, /* 貳 两 */
	{0x4FE9, T_DIGIT, 2, 1, 0},                          /* 俩 */
	{0x4E09, T_DIGIT, 3, 1, 0}, {0x53C1, T_DIGIT, 3, 1, 1}, /* 三 叁 */
	{0x53C3, T_DIGIT, 3, 0, 1},                          /* 參 */
	{0x56DB, T_DIGIT, 4, 1, 0}, {0x8086, T_DIGIT, 4, 1, 1}, /* 四 肆 */
	{0x4E94, T_DIGIT, 5, 1, 0}, {0x4F0D, T_DIGIT, 5, 1, 1}, /* 五 伍 */
	{0x516D, T_DIGIT, 6, 1, 0}, {0x9646, T_DIGIT, 6, 1, 1}, /* 六 陆 */
	{0x9678, T_DIGIT, 6, 0, 1},                          /* 陸 */
	{0x4E03, T_DIGIT, 7, 1, 0}, {0x67D2, T_DIGIT, 7, 1, 1}, /* 七 柒 */
	{0x516B, T_DIGIT, 8, 1, 0}, {0x634C, T_DIGIT, 8, 1, 1}, /* 八 捌 */
	{0x4E5D, T_DIGIT, 9, 1, 0}, {0x7396, T_DIGIT, 9, 1, 1}, /* 九 玖 */
	{0x5341, T_UNIT, 1, 1, 0},  {0x62FE, T_UNIT, 1, 1, 1},  /* 十 拾 */
	{0x767E, T_UNIT, 2, 1, 0},  {0x4F70, T_UNIT, 2, 1, 1},  /* 百 佰 */
	{0x5343, T_UNIT, 3, 1, 0},  {0x4EDF, T_UNIT, 3, 1, 1},  /* 千 仟 */
	{0x5EFF, T_TENS, 2, 1, 0},  {0x5345, T_TENS, 3, 1, 0},  /* 廿 卅 */
	{0x534C, T_TENS, 4, 0, 0},                           /* 卌 */
	{0x4E07, T_SCALE, 4, 1, 0}, {0x842C, T_SCALE, 4, 0, 0}, /* 万 萬 */
	{0x4EBF, T_SCALE, 8, 1, 0}, {0x5104, T_SCALE, 8, 0, 0}, /* 亿 億 */
	/* 兆 is 10^12 as Taiwan writes amounts (1兆485億元); it opens no
	 * window, since it stands in names (兆易创新) and in 兆瓦 */
	{0x5146, T_SCALE, 12, 0, 0},                         /* 兆 */
	{0x70B9, T_POINT, 0, 0, 0}, {0x9EDE, T_POINT, 0, 0, 0}, /* 点 點 */
	{0x534A, T_NONE, 0, 1, 0},  {0x51E0, T_NONE, 0, 1, 0},  /* 半 几 */
	{0x6570, T_NONE, 0, 1, 0},                           /* 数 */
};

#define NUMERAL_CHARS (sizeof numeral_chars / sizeof numeral_chars[0])

/* The table's places in the order of their code points, made once, so that
 * a character is looked up in a few steps rather than along the table (a
 * numeral's every Chinese character is). */
static unsigned char by_cp[NUMERAL_CHARS];
static pthread_once_t by_cp_once = PTHREAD_ONCE_INIT;

static void sort_by_cp(void)
{
	for (size_t i = 0; i < NUMERAL_CHARS; i++) {
		size_t k = i;
		for (; k > 0 && numeral_chars[by_cp[k - 1]].cp > numeral_chars[i].cp; k--)
			by_cp[k] = by_cp[k - 1];
		by_cp[k] = (unsigned char)i;
	}
}

/* Classify a Chinese code point; false when it is not part of a numeral. */
static bool classify(uint32_t cp, token *t)
{
	pthread_once(&by_cp_once, sort_by_cp);
	size_t lo = 0, hi = NUMERAL_CHARS;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (numeral_chars[by_cp[mid]].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == NUMERAL_CHARS || numeral_chars[by_cp[lo]].cp != cp ||
	    numeral_chars[by_cp[lo]].type == T_NONE)
		return false;
	size_t i = by_cp[lo];
	memset(t, 0, sizeof *t);
	t->type = numeral_chars[i].type;
	t->val = numeral_chars[i].val;
	t->liang = cp == 0x4E24 || cp == 0x4FE9;
	return true;
}

uint32_t ss_numeral_candidate(size_t i)
{
	for (size_t k = 0; k < sizeof numeral_chars / sizeof numeral_chars[0]; k++)
		if (numeral_chars[k].cand && i-- == 0)
			return numeral_chars[k].cp;
	return 0;
}

/* The built-in classes: the window candidates that are no capital, of
 * these token types; decimal leaves out 两 and 俩 (never a digit after 点);
 * zhao adds 兆, a scale word that opens no window (CN_NUMERAL_ZHAO: one class,
 * since an alternation repeated costs PCRE2 stack on long runs of numerals). */
#define CN_ALL (1u << T_ZERO | 1u << T_DIGIT | 1u << T_TENS | 1u << T_UNIT | 1u << T_SCALE)
static const struct {
	const char *name;
	unsigned types; /* bits of tok_type */
	bool decimal, zhao;
} numeral_sets[] = {
	{"CN_DIGIT", 1u << T_ZERO | 1u << T_DIGIT | 1u << T_TENS, false, false},
	{"CN_UNIT", 1u << T_UNIT | 1u << T_SCALE, false, false},
	{"CN_NUMERAL", CN_ALL, false, false},
	{"CN_NUMERAL_ZHAO", CN_ALL, false, true},
	{"CN_DECIMAL", 1u << T_ZERO | 1u << T_DIGIT, true, false},
};

const char *ss_numeral_class(size_t i, char *out, size_t cap)
{
	if (i >= sizeof numeral_sets / sizeof numeral_sets[0] || cap < 3)
		return NULL;
	size_t n = 0;
	out[n++] = '[';
	for (size_t k = 0; k < sizeof numeral_chars / sizeof numeral_chars[0]; k++) {
		uint32_t cp = numeral_chars[k].cp;
		bool zhao = numeral_sets[i].zhao && cp == 0x5146;
		if ((!numeral_chars[k].cand && !zhao) || numeral_chars[k].cap ||
		    numeral_chars[k].type == T_NONE || !(numeral_sets[i].types >> numeral_chars[k].type & 1) ||
		    (numeral_sets[i].decimal && (cp == 0x4E24 || cp == 0x4FE9)))
			continue;
		char u[4];
		int w = ss_utf8_encode(cp, u);
		if (n + (size_t)w + 2 > cap)
			return NULL;
		memcpy(out + n, u, (size_t)w);
		n += (size_t)w;
	}
	out[n++] = ']';
	out[n] = 0;
	return numeral_sets[i].name;
}

bool ss_numeral_is_char(uint32_t cp)
{
	token t;
	return classify(cp, &t);
}

/* Check an Arabic run: 0 | [1-9][0-9]* | [1-9][0-9]{0,2}(,[0-9]{3})+,
 * then an optional .[0-9]+. Fills ndigits and point. */
static bool arabic_ok(token *t)
{
	const char *s = t->s;
	size_t len = t->len, i = 0, group = 0;
	bool commas = false;

	if (s[0] < '0' || s[0] > '9')
		return false;
	if (s[0] == '0' && len > 1 && s[1] != '.')
		return false; /* leading zero */
	t->ndigits = 0;
	for (; i < len && s[i] != '.'; i++) {
		if (s[i] == ',') {
			/* the first group 1-3 digits, every later one exactly 3 */
			if (commas ? group != 3 : group > 3)
				return false;
			commas = true;
			group = 0;
		} else {
			group++;
			t->ndigits++;
		}
	}
	if (group == 0 || (commas && group != 3))
		return false;
	t->point = i < len;
	if (t->point) {
		if (++i == len)
			return false;
		for (; i < len; i++) {
			if (s[i] < '0' || s[i] > '9')
				return false;
			t->ndigits++;
		}
	}
	return true;
}

/* Cut s[0..len) into tokens; false on anything that is not a numeral. */
static bool tokenize(const char *s, size_t len, tokens *tk)
{
	size_t i = 0;

	tk->n = 0;
	while (i < len) {
		token *t = &tk->t[tk->n];
		unsigned char c = (unsigned char)s[i];
		if (c == '.' && tk->n > 0 && tk->t[tk->n - 1].type != T_ARABIC && i + 1 < len &&
		    !(s[i + 1] >= '0' && s[i + 1] <= '9')) {
			/* 三十九.五, 〇.五: the full-width point of a Chinese numeral
			 * (width-normalised to '.') is its 点 */
			memset(t, 0, sizeof *t);
			t->type = T_POINT;
			i++;
		} else if ((c >= '0' && c <= '9') || c == ',' || c == '.') {
			size_t j = i;
			while (j < len && ((s[j] >= '0' && s[j] <= '9') || s[j] == ',' || s[j] == '.'))
				j++;
			memset(t, 0, sizeof *t);
			t->type = T_ARABIC;
			t->s = s + i;
			t->len = j - i;
			if (!arabic_ok(t))
				return false;
			i = j;
		} else {
			uint32_t cp;
			int n = ss_utf8_decode(s + i, len - i, &cp);
			if (n == 0 || !classify(cp, t))
				return false;
			i += (size_t)n;
		}
		tk->n++;
	}
	return tk->n > 0;
}

/* The value of an Arabic token. */
static bool arabic_value(const token *t, dec *x)
{
	size_t dot = t->len;
	int place;

	dec_zero(x);
	for (size_t i = 0; i < t->len; i++)
		if (t->s[i] == '.')
			dot = i;
	place = 0;
	for (size_t i = dot; i-- > 0;) {
		if (t->s[i] == ',')
			continue;
		if (!dec_add_digit(x, t->s[i] - '0', place++))
			return false;
	}
	place = -1;
	for (size_t i = dot + 1; i < t->len; i++)
		if (!dec_add_digit(x, t->s[i] - '0', place--))
			return false;
	return true;
}

static bool single_digit(const token *t)
{
	return t->type == T_DIGIT ||
	       (t->type == T_ARABIC && t->len == 1 && t->s[0] != '0');
}

static int single_digit_value(const token *t)
{
	return t->type == T_DIGIT ? t->val : t->s[0] - '0';
}

/* ---- grammar ----------------------------------------------------------- */

/* May a unit of place exp follow one of place prev (99: none yet)? Places
 * go down one at a time, and 零 stands for the ones skipped: 一千零二十,
 * not 一千二十 nor 一百零五十. */
static bool place_ok(int exp, int prev, bool zero)
{
	if (prev == 99)
		return true;
	return zero ? exp <= prev - 2 : exp == prev - 1;
}

/*
 * A section: what stands between scale words (一千零五, 3千, 二十, 4000).
 *
 * Arguments:
 *   t[a..b)  the tokens, no T_SCALE or T_POINT among them
 *   first    t[a] is the first token of the number (a bare unit may start it)
 *
 * Returns: false when the tokens are not a well-formed section.
 */
static bool parse_section(const token *t, int a, int b, bool first, dec *out)
{
	int prev = 99;      /* exponent of the last unit; 99 before any */
	int pending = -1;   /* index of a digit waiting for its unit */
	bool zero = false;  /* 零 seen since the last unit */
	bool closed = false; /* a decimal coefficient (1.5千) ends the section */

	dec_zero(out);
	if (a >= b || t[b - 1].type == T_ZERO)
		return false;
	for (int i = a; i < b; i++) {
		const token *k = &t[i];
		if (closed)
			return false;
		switch (k->type) {
		case T_ZERO:
			/* a filler for skipped places: only after a unit with a
			 * place to skip below it (not 十零), once */
			if (pending >= 0 || prev == 99 || prev < 2 || t[i - 1].type == T_ZERO)
				return false;
			zero = true;
			break;
		case T_DIGIT:
		case T_ARABIC:
			if (pending >= 0)
				return false; /* 一一, 二〇二一, 3五 */
			pending = i;
			break;
		case T_TENS:
			if (pending >= 0 || !place_ok(1, prev, zero))
				return false;
			if (!dec_add_digit(out, k->val, 1))
				return false;
			prev = 1;
			zero = false;
			break;
		case T_UNIT:
			if (!place_ok(k->val, prev, zero))
				return false; /* 十十, 十百, 一百零五十, 一千二十 */
			if (pending < 0) {
				if (!(first && i == a))
					return false;
				if (!dec_add_digit(out, 1, k->val))
					return false;
			} else if (t[pending].type == T_DIGIT) {
				if (!dec_add_digit(out, t[pending].val, k->val))
					return false;
			} else {
				/* An Arabic coefficient of a unit is below ten:
				 * 3千, 1.5千; 30千 is not how anyone writes. */
				dec c;
				int top;
				if (!arabic_value(&t[pending], &c))
					return false;
				top = dec_top(&c);
				if (top == DEC_NONE || top >= 1)
					return false;
				if (!dec_shift(&c, k->val) || !dec_add(out, &c))
					return false;
				closed = t[pending].point;
			}
			pending = -1;
			zero = false;
			prev = k->val;
			break;
		default:
			return false;
		}
	}
	if (pending < 0)
		return true;
	if (prev == 99) {
		/* the section is one number */
		if (t[pending].type == T_DIGIT)
			return dec_add_digit(out, t[pending].val, 0);
		return arabic_value(&t[pending], out);
	}
	if (!single_digit(&t[pending]))
		return false; /* 3千45: ambiguous */
	/* 一百零五 = 105, but 一百五 = 150: without 零 the digit takes the
	 * place right below the last unit. */
	return dec_add_digit(out, single_digit_value(&t[pending]), zero ? 0 : prev - 1);
}

static bool has_scale(const token *t, int a, int b, int val)
{
	for (int i = a; i < b; i++)
		if (t[i].type == T_SCALE && t[i].val == val)
			return true;
	return false;
}

/*
 * A whole integer part, scale words included (一万五千亿, 3万4000, 1.2万亿).
 *
 * Arguments:
 *   t[a..b)  tokens, no T_POINT among them
 *   first    t[a] is the first token of the number
 *
 * Returns: false when the tokens are not one number.
 */
static bool parse_int(const token *t, int a, int b, bool first, dec *out)
{
	int pos = -1, scale = 0;

	if (a >= b)
		return false;
	/* Split at the last occurrence of the largest scale word: in
	 * 一万五千亿 the 亿 scales all of 一万五千, and in 三亿四千万 the 万
	 * belongs to the part below 亿. */
	for (int i = b - 1; i >= a && pos < 0; i--)
		if (t[i].type == T_SCALE && t[i].val == 12)
			pos = i;
	for (int i = b - 1; i >= a && pos < 0; i--)
		if (t[i].type == T_SCALE && t[i].val == 8)
			pos = i;
	for (int i = b - 1; i >= a && pos < 0; i--)
		if (t[i].type == T_SCALE && t[i].val == 4)
			pos = i;
	if (pos < 0)
		return parse_section(t, a, b, first, out);
	scale = t[pos].val;

	/* the multiplicand */
	if (pos == a) {
		/* 亿万, 一亿万: 万 with nothing to scale; a bare 万 only alone
		 * or scaled itself (万亿), never as 万三 */
		if (!first || pos + 1 < b)
			return false;
		dec_zero(out);
		dec_add_digit(out, 1, 0);
	} else {
		/* 四万万 is 4e8, but 亿亿 is not a way to write 1e16, and
		 * a 万 inside the multiplicand of 万 must end it (not 两万〇壹万) */
		if (scale >= 8 && (has_scale(t, a, pos, 8) || has_scale(t, a, pos, 12)))
			return false;
		if (scale == 4 && has_scale(t, a, pos, 4) && t[pos - 1].type != T_SCALE)
			return false;
		if (!parse_int(t, a, pos, first, out))
			return false;
		if (dec_top(out) == DEC_NONE)
			return false; /* 零万 */
	}
	int c = pos + 1;
	if (c < b && dec_has_frac(out))
		return false; /* 1.5万3000 */
	if (c < b && scale == 4 && pos > a && t[pos - 1].type == T_SCALE)
		return false; /* 四万万二: which place would 二 be? */
	if (!dec_shift(out, scale))
		return false;
	if (c == b)
		return true;

	/* the part below the scale word */
	dec low;
	if (t[c].type == T_SCALE)
		return false; /* 亿万 */
	if (b - c == 1 && single_digit(&t[c])) {
		/* 13万2, 一万三: the digit is the place right below */
		return dec_add_digit(out, single_digit_value(&t[c]), scale - 1);
	}
	if (b - c == 1 && t[c].type == T_ARABIC) {
		/* 3万4000 fills the places below 万; 3万400 could mean 30400
		 * or 34000, so it is refused (3万零400 is clear). */
		if (t[c].point || t[c].ndigits != scale)
			return false;
		return arabic_value(&t[c], &low) && dec_add(out, &low);
	}
	bool zero = t[c].type == T_ZERO;
	if (zero) {
		c++;
		if (c == b || t[c].type == T_ZERO)
			return false;
	}
	if (!parse_int(t, c, b, false, &low))
		return false;
	/* below the scale; after 零 at least one place is skipped
	 * (一万零三百, not 一万零三千) */
	if (dec_top(&low) >= scale - (zero ? 1 : 0))
		return false;
	/* in Chinese, places below go on without a gap unless 零 says so
	 * (一万零一十, not 一万一十); Arabic numbers are written as they come
	 * (3亿500万), single digits are read like Chinese ones */
	if (!zero && !(t[c].type == T_ARABIC && t[c].ndigits > 1) &&
	    dec_top(&low) != scale - 1)
		return false;
	return dec_add(out, &low);
}

/* After 点: digits, then an optional scale (千, 万, 千万, 亿, 万亿...).
 * Adds the fraction to out and scales the whole. */
static bool parse_fraction(const token *t, int a, int b, dec *out)
{
	int i = a, place = -1, shift = 0;

	for (; i < b && (t[i].type == T_ZERO || (t[i].type == T_DIGIT && !t[i].liang)); i++)
		if (!dec_add_digit(out, t[i].val, place--))
			return false;
	if (i == a)
		return false; /* 二点, 二点万 */
	if (i < b && t[i].type == T_UNIT) {
		/* 三点五千万, but not 百点一千 */
		for (int k = 0; k < a; k++)
			if (t[k].type == T_UNIT || t[k].type == T_TENS)
				return false;
		shift += t[i++].val;
	}
	if (i < b && t[i].type == T_SCALE && t[i].val == 4)
		shift += t[i++].val;
	if (i < b && t[i].type == T_SCALE && t[i].val == 8)
		shift += t[i++].val;
	if (i < b && t[i].type == T_SCALE && t[i].val == 12 && shift == 0)
		shift += t[i++].val;
	if (i != b)
		return false;
	return dec_shift(out, shift);
}

/* An Arabic number before a magnitude of tables, 百万 / 千万 / 千 (2360百万元,
 * 850千元): the number is a count of that unit, whatever its size. */
static bool parse_magnitude(const token *t, int n, dec *out)
{
	if (n < 2 || n > 3 || t[0].type != T_ARABIC || t[1].type != T_UNIT || t[1].val < 2 ||
	    (n == 3 && t[2].type != T_SCALE))
		return false;
	return arabic_value(&t[0], out) && dec_top(out) != DEC_NONE &&
	       dec_shift(out, t[1].val + (n == 3 ? t[2].val : 0));
}

/* Digits read one by one before a point (七二九.二亿 is 729.2亿): a form of
 * tables and Taiwanese releases. Only before a point, since a bare 二〇二一
 * is a year; the first digit is no zero and 两 is never one of them. */
static bool parse_positional(const token *t, int n, dec *out)
{
	dec_zero(out);
	if (n < 2 || t[0].type != T_DIGIT)
		return false;
	for (int i = 0; i < n; i++) {
		if ((t[i].type != T_DIGIT && t[i].type != T_ZERO) || t[i].liang)
			return false;
		if (!dec_add_digit(out, t[i].val, n - 1 - i))
			return false;
	}
	return true;
}

/* The same digits before scale words (一八八一亿 is 1881亿, as Taiwanese
 * papers write amounts): at least three of them, since two (三四亿) are
 * the approximate 3 to 4亿. */
static bool parse_positional_scaled(const token *t, int n, dec *out)
{
	int k = n, e = 0;

	while (k > 0 && t[k - 1].type == T_SCALE)
		e += t[--k].val;
	return k < n && k >= 3 && parse_positional(t, k, out) && dec_shift(out, e);
}

/* Digits of a plain Arabic number read straight into the result: at most
 * this many, well inside the accumulator's places either side of the point
 * even scaled by 10^12, so that the general reading could not refuse it. */
#define PLAIN_MAX 30

/* The scale words ending s[0..len) after its Arabic run at j: one (亿), or
 * 万 then 亿 (万亿); their power of ten, else -1. */
static int plain_scale(const char *s, size_t j, size_t len)
{
	int v[2], n = 0;
	while (j < len && n < 2) {
		uint32_t cp;
		token t;
		int w = ss_utf8_decode(s + j, len - j, &cp);
		if (!w || !classify(cp, &t) || t.type != T_SCALE)
			return -1;
		v[n++] = t.val;
		j += (size_t)w;
	}
	if (j < len || (n == 2 && (v[0] != 4 || v[1] != 8)))
		return -1;
	return n == 0 ? 0 : n == 1 ? v[0] : 12;
}

/* s[0..len), the whole number but its sign, when it is one Arabic run
 * (1,234.5: most figures), maybe scaled (15.74亿): its value into out, as
 * the tokens would give it; false to leave it to them, which then refuse
 * it or read it the same. */
static bool parse_plain(const char *s, size_t len, bool neg, ss_number *out)
{
	if (len == 0 || len > PLAIN_MAX + 18)
		return false;
	size_t run = 0;
	while (run < len && ((s[run] >= '0' && s[run] <= '9') || s[run] == ',' || s[run] == '.'))
		run++;
	int scale = run && run < len ? plain_scale(s, run, len) : 0;
	if (!run || scale < 0)
		return false;
	token t = {.type = T_ARABIC, .s = s, .len = run};
	if (!arabic_ok(&t) || t.ndigits > PLAIN_MAX)
		return false;
	/* the digits as written, the point's place as the exponent: the number
	 * drops the zeros at either end as it drops those of the accumulator */
	char digits[PLAIN_MAX];
	size_t nd = 0;
	long frac = 0;
	bool point = false, nonzero = false;
	for (size_t i = 0; i < run; i++) {
		if (s[i] == '.')
			point = true;
		else if (s[i] != ',') {
			digits[nd++] = s[i];
			frac += point;
			nonzero |= s[i] != '0';
		}
	}
	/* a scale word scales nothing of zero (0万): refused */
	if (scale && !nonzero)
		return false;
	return ss_number_set_decimal(out, neg, digits, nd, scale - frac);
}

bool ss_numeral_parse(const char *s, size_t len, ss_number *out)
{
	static _Thread_local tokens tk;
	bool neg = false;
	size_t i = 0;
	int point = -1;
	dec x;

	if (len == 0 || len > SS_NUMERAL_MAX_INPUT)
		return false;
	/* 半百 (half a hundred) is 50; 半 alone is left to the rules (一半, 半成). */
	if (len == 6 && memcmp(s, "半百", 6) == 0) {
		ss_number_from_double(out, 50);
		return true;
	}
	if (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-';
		i = 1;
	} else if (len >= 3 && (memcmp(s, "负", 3) == 0 || memcmp(s, "負", 3) == 0)) {
		neg = true;
		i = 3;
	}
	if (parse_plain(s + i, len - i, neg, out))
		return true;
	if (!tokenize(s + i, len - i, &tk))
		return false;
	const token *t = tk.t;
	int n = tk.n;
	for (int k = 0; k < n; k++) {
		if (t[k].type == T_POINT) {
			if (point >= 0)
				return false;
			point = k;
		}
	}
	if (point < 0) {
		if (n == 1 && t[0].type == T_ZERO) {
			dec_zero(&x); /* 零 alone */
		} else if (!parse_int(t, 0, n, true, &x) && !parse_magnitude(t, n, &x) &&
		           !parse_positional_scaled(t, n, &x)) {
			return false;
		}
	} else {
		/* 一百二十点五: Chinese on both sides (3点5 is a time of day) */
		for (int k = 0; k < point; k++)
			if (t[k].type == T_ARABIC)
				return false;
		if (point == 1 && t[0].type == T_ZERO)
			dec_zero(&x);
		else if (!parse_int(t, 0, point, true, &x) && !parse_positional(t, point, &x))
			return false;
		if (has_scale(t, 0, point, 4) || has_scale(t, 0, point, 8) ||
		    has_scale(t, 0, point, 12)) {
			/* 一万二点五万 is no number; 一万二点五 is too odd to guess */
			return false;
		}
		if (!parse_fraction(t, point + 1, n, &x))
			return false;
	}

	char digits[DEC_N];
	long exp;
	size_t nd = dec_digits(&x, digits, &exp);
	return ss_number_set_decimal(out, neg, digits, nd, exp);
}
