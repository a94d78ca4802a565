/* perioddate.c - a period as written (2018年1-10月份, 2022Q1, 今年上半年,
 * 截至二月底) as ISO dates, relative periods resolved against the document's
 * date. What each word means is data: the table period_meaning of
 * rules/period.rules; this file only reads the tokens in order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "../numeral/numeral.h"

/* ---- days ------------------------------------------------------------- */

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int ss_days_in_month(int y, int m)
{
	static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap(y) ? 29 : dm[(m - 1) % 12];
}

/* Days since 1970-01-01 of a civil date (H. Hinnant's well-known formula). */
static long day_number(ss_ymd d)
{
	int y = d.y - (d.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153u * (unsigned)(d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + (unsigned)d.d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static ss_ymd from_day_number(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	ss_ymd r;
	r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	r.y = (int)(yoe + era * 400) + (r.m <= 2);
	return r;
}

static ss_ymd add_days(ss_ymd d, long n) { return from_day_number(day_number(d) + n); }

/* 1 Monday .. 7 Sunday (1970-01-01 was a Thursday). */
static int weekday(ss_ymd d)
{
	long n = day_number(d);
	return (int)(((n % 7 + 7) % 7 + 3) % 7) + 1;
}

static ss_ymd ymd(int y, int m, int d)
{
	ss_ymd r = {y, m, d};
	return r;
}

static bool ymd_valid(ss_ymd d)
{
	return d.y >= 1000 && d.y <= 9999 && d.m >= 1 && d.m <= 12 && d.d >= 1 &&
	       d.d <= ss_days_in_month(d.y, d.m);
}

/* An RFC 2822 date as feeds and front matter write it: Mon, 15 Nov 2021. */
static bool rfc2822(const char *s, ss_ymd *out)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	int d, y;
	char mon[4];
	const char *p = strchr(s, ',');
	if (sscanf(p ? p + 1 : s, "%d %3s %d", &d, mon, &y) != 3)
		return false;
	for (int m = 0; m < 12; m++)
		if (!strncmp(months + 3 * m, mon, 3)) {
			*out = ymd(y, m + 1, d);
			return ymd_valid(*out);
		}
	return false;
}

bool ss_ymd_parse(const char *s, ss_ymd *out)
{
	if (!s || !*s)
		return false; /* most documents have no date: no sscanf for it */
	if (rfc2822(s, out))
		return true;
	/* 2021-11-15, 2021/11/15 10:20, 2021年11月15日: the first three numbers */
	int v[3] = {0, 0, 0}, n = 0;
	for (const char *p = s; *p && n < 3;) {
		if (*p >= '0' && *p <= '9') {
			long x = strtol(p, (char **)&p, 10);
			v[n++] = x > 9999 ? 0 : (int)x;
		} else {
			p++;
		}
	}
	ss_ymd d = ymd(v[0], v[1], v[2]);
	if (n < 3 || !ymd_valid(d))
		return false;
	*out = d;
	return true;
}

void ss_ymd_format(ss_ymd d, char out[11])
{
	/* YYYY-MM-DD by hand: every fact with a period writes two, and
	 * snprintf cost more than reading the period. */
	unsigned y = (unsigned)d.y % 10000, m = (unsigned)d.m % 100, dd = (unsigned)d.d % 100;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + dd / 10);
	out[9] = (char)('0' + dd % 10);
	out[10] = '\0';
}

/* ---- tokens ----------------------------------------------------------- */

/* What a word of period_meaning means (its value, read once per call). */
typedef enum {
	T_NONE, T_NUM, T_YEAR, T_QUARTER, T_QPREFIX, T_MONTH, T_DAY, T_YEARREL, T_MONTHREL,
	T_DAYREL, T_WEEKREL, T_WEEKDAY, T_MONTHS, T_DAYS, T_FIRST, T_NTH, T_END, T_START,
	T_SINCE, T_UNTIL, T_TO, T_SKIP, T_LAST, T_ROC, T_QUARTERREL
} tok_kind;

#define M(name) name, sizeof name - 1
static const struct {
	const char *name;
	size_t len;
	tok_kind kind;
	bool arg; /* a number follows the name (yearrel-1) */
} MEANINGS[] = {
	{M("year"), T_YEAR, false},       {M("quarter"), T_QUARTER, false}, {M("qprefix"), T_QPREFIX, false},
	{M("month"), T_MONTH, false},     {M("day"), T_DAY, false},         {M("yearrel"), T_YEARREL, true},
	{M("monthrel"), T_MONTHREL, true}, {M("dayrel"), T_DAYREL, true},   {M("weekrel"), T_WEEKREL, true},
	{M("weekday"), T_WEEKDAY, true},  {M("months"), T_MONTHS, true},   {M("days"), T_DAYS, true},
	{M("first"), T_FIRST, false},     {M("nth"), T_NTH, false},         {M("end"), T_END, false},
	{M("start"), T_START, false},     {M("since"), T_SINCE, false},     {M("until"), T_UNTIL, false},
	{M("to"), T_TO, false},           {M("skip"), T_SKIP, false},       {M("last"), T_LAST, false},
	{M("roc"), T_ROC, false},         {M("quarterrel"), T_QUARTERREL, true},
};
#undef M

typedef struct {
	tok_kind kind;
	int a, b; /* the number; months1-6: 1, 6 */
	int digits; /* T_NUM: how many ASCII digits */
} token;

/* A decimal integer as sscanf's %d reads it: blanks, a sign, digits. The
 * end of it, or NULL when no digit follows. */
static const char *scan_int(const char *r, int *v)
{
	while (*r == ' ' || (*r >= '\t' && *r <= '\r'))
		r++;
	bool neg = *r == '-';
	if (*r == '-' || *r == '+')
		r++;
	if (*r < '0' || *r > '9')
		return NULL;
	long x = 0;
	while (*r >= '0' && *r <= '9' && x < 100000000)
		x = x * 10 + (*r++ - '0');
	*v = (int)(neg ? -x : x);
	return r;
}

/* sscanf(r, "%d-%d", a, b) for the values of period_meaning, without its
 * cost (it came to a third of reading a period): how many it read. */
static int scan_range(const char *r, int *a, int *b)
{
	const char *p = scan_int(r, a);
	if (!p)
		return 0;
	if (*p != '-')
		return 1;
	return scan_int(p + 1, b) ? 2 : 1;
}

static bool meaning(const char *v, token *t)
{
	for (size_t i = 0; i < sizeof MEANINGS / sizeof *MEANINGS; i++) {
		size_t n = MEANINGS[i].len;
		if (v[0] != MEANINGS[i].name[0] || strncmp(v, MEANINGS[i].name, n) != 0)
			continue;
		const char *r = v + n;
		if (!MEANINGS[i].arg && *r)
			continue;
		if (MEANINGS[i].arg && scan_range(r, &t->a, &t->b) < 1)
			continue;
		if (MEANINGS[i].arg && !strchr(r + 1, '-'))
			t->b = t->a;
		t->kind = MEANINGS[i].kind;
		return true;
	}
	return false;
}

/* Chinese digits of a month or quarter (十二, 二): they come in runs the
 * numerals read. */
static size_t cn_digits(const char *s, size_t len, size_t i)
{
	size_t j = i;
	while (j < len) {
		uint32_t c;
		int w = ss_utf8_decode(s + j, len - j, &c);
		if (w <= 1 || !ss_numeral_is_char(c) || c == 0x4E07 || c == 0x4EBF) /* 万 亿 */
			break;
		j += (size_t)w;
	}
	return j - i;
}

/* Four Chinese digits with no 十 among them (二零一三, 二〇二五) are a year
 * written digit by digit; the numerals would read 二零一三 as a sum. */
static bool cn_year(const char *s, size_t n, int *year)
{
	static const uint32_t digit[10] = {0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
	                                   0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};
	int v = 0, count = 0;
	for (size_t j = 0; j < n;) {
		uint32_t c;
		int w = ss_utf8_decode(s + j, n - j, &c);
		if (w <= 0)
			return false;
		int d = c == 0x3007 || c == 0x25CB ? 0 : -1; /* 〇 ○ */
		for (int k = 0; k < 10 && d < 0; k++)
			if (digit[k] == c)
				d = k;
		if (d < 0)
			return false;
		v = v * 10 + d;
		count++;
		j += (size_t)w;
	}
	if (count != 4)
		return false;
	*year = v;
	return true;
}

/* The token at s[i]: its length, 0 when the text holds none there. */
static size_t next_token(const ss_ruleset *rs, int table, const char *s, size_t len, size_t i,
                         token *t)
{
	memset(t, 0, sizeof *t);
	if (s[i] >= '0' && s[i] <= '9') {
		size_t j = i;
		int v = 0;
		while (j < len && s[j] >= '0' && s[j] <= '9' && j - i < 5)
			v = v * 10 + (s[j++] - '0'); /* s is no C string: no atoi */
		t->kind = T_NUM;
		t->a = t->b = v;
		t->digits = (int)(j - i);
		return j - i;
	}
	size_t w = ss_rules_word_at(rs, &table, 1, s, len, i);
	if (w) {
		const char *v = ss_rules_lookup_id(rs, table, s + i, w);
		return v && meaning(v, t) ? w : 0;
	}
	size_t n = cn_digits(s, len, i);
	if (cn_year(s + i, n, &t->a)) { /* 二零一三: a year read digit by digit */
		t->kind = T_NUM;
		t->b = t->a;
		t->digits = 4;
		return n;
	}
	ss_number num;
	if (n && ss_numeral_parse(s + i, n, &num) && num.value >= 0 && num.value < 100) {
		t->kind = T_NUM;
		t->a = t->b = (int)num.value;
		return n;
	}
	return 0;
}

/* ---- reading a period ------------------------------------------------- */

/* What the tokens said, before the year is known. */
typedef struct {
	int year, year_rel; /* year 0: none; year_rel INT32_MIN: none */
	bool has_rel;
	int m0, m1;         /* months, 0 when none */
	int d0, d1;         /* days, 0 when none */
	bool end, start, since, until, last, roc;
	int last_months;    /* 最近3个月 */
	int month_rel, day_rel, week_rel, wday, quarter_rel;
	bool has_month_rel, has_day_rel, has_week_rel, has_quarter_rel;
} reading;

/* table: the id of period_meaning */
static bool read_tokens(const ss_ruleset *rs, int table, const char *s, size_t len, reading *r)
{
	if (table < 0)
		return false;
	token tk[32];
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		if (s[i] == ' ') {
			i++; /* 7 月 31 日 */
			continue;
		}
		token t;
		size_t w = next_token(rs, table, s, len, i, &t);
		if (!w || n == sizeof tk / sizeof *tk)
			return false; /* a word no table knows: leave the dates unknown */
		if (t.kind != T_SKIP)
			tk[n++] = t;
		i += w;
	}
	memset(r, 0, sizeof *r);
	bool first = false, nth = false;
	for (size_t k = 0; k < n; k++) {
		token *t = &tk[k];
		/* a number, or a range of them (1-10), then what it counts */
		if (t->kind == T_NUM) {
			int lo = t->a, hi = t->a, digits = t->digits;
			if (k + 2 < n && tk[k + 1].kind == T_TO && tk[k + 2].kind == T_NUM) {
				hi = tk[k + 2].a;
				k += 2;
			}
			if (k + 1 < n && tk[k + 1].kind == T_QPREFIX && k + 2 < n && tk[k + 2].kind == T_NUM) {
				/* 22Q1, 2022Q1 */
				r->year = digits == 2 ? 2000 + lo : lo;
				lo = hi = tk[k + 2].a;
				k += 2;
				if (lo < 1 || lo > 4)
					return false;
				r->m0 = 3 * lo - 2, r->m1 = 3 * lo;
				continue;
			}
			if (k + 1 >= n)
				return false;
			token *u = &tk[++k];
			if (u->kind == T_YEAR) {
				r->year = r->roc || digits == 3 ? lo + 1911 : digits == 2 ? 2000 + lo : lo;
				if (lo != hi)
					return false;
			} else if (u->kind == T_QUARTER) {
				if (lo < 1 || hi > 4 || lo > hi)
					return false;
				r->m0 = first ? 1 : 3 * lo - 2;
				r->m1 = 3 * hi;
			} else if (u->kind == T_MONTH) {
				if (lo < 1 || hi > 12 || lo > hi)
					return false;
				if (r->last) {
					r->last_months = lo;
				} else {
					r->m0 = first ? 1 : lo;
					r->m1 = hi;
				}
			} else if (u->kind == T_DAY) {
				if (lo < 1 || hi > 31 || lo > hi)
					return false;
				r->d0 = lo, r->d1 = hi;
			} else {
				return false;
			}
			first = nth = false;
			continue;
		}
		switch (t->kind) {
		case T_QPREFIX: /* Q1 */
			if (k + 1 >= n || tk[k + 1].kind != T_NUM || tk[k + 1].a < 1 || tk[k + 1].a > 4)
				return false;
			k++;
			r->m0 = 3 * tk[k].a - 2, r->m1 = 3 * tk[k].a;
			break;
		case T_YEARREL: r->has_rel = true, r->year_rel = t->a; break;
		case T_MONTHREL: r->has_month_rel = true, r->month_rel = t->a; break;
		case T_QUARTERREL: r->has_quarter_rel = true, r->quarter_rel = t->a; break;
		case T_DAYREL: r->has_day_rel = true, r->day_rel = t->a; break;
		case T_WEEKREL: r->has_week_rel = true, r->week_rel = t->a; break;
		case T_WEEKDAY: r->wday = t->a; break;
		case T_MONTHS: r->m0 = t->a, r->m1 = t->b; break;
		case T_DAYS: r->d0 = t->a, r->d1 = t->b; break;
		case T_FIRST: first = true; break;
		case T_NTH: nth = true; break;
		case T_END: r->end = true; break;
		case T_START: r->start = true; break;
		case T_SINCE: r->since = true; break;
		case T_UNTIL: r->until = true; break;
		case T_LAST: r->last = true; break;
		case T_ROC: r->roc = true; break;
		case T_YEAR: /* 年 after 今 or 去 is in the word; alone it adds nothing */ break;
		default: return false;
		}
	}
	(void)nth;
	return true;
}

static bool dates_one(const ss_ruleset *rs, int table, const char *s, size_t len,
                      const ss_ymd *ref, ss_ymd *from, ss_ymd *to)
{
	reading r;
	if (!rs || !read_tokens(rs, table, s, len, &r))
		return false;
	bool known = ref && ymd_valid(*ref);
	ss_ymd f, t;
	if (r.has_day_rel || r.has_week_rel || r.wday || r.last_months || r.has_month_rel ||
	    r.has_quarter_rel) {
		if (!known)
			return false;
		if (r.has_quarter_rel) {
			/* 本季度, 上季度: the document's quarter, or one before it */
			int q = (ref->m - 1) / 3 + r.quarter_rel, y = ref->y;
			while (q < 0)
				q += 4, y--;
			while (q > 3)
				q -= 4, y++;
			f = ymd(y, 3 * q + 1, 1);
			t = ymd(y, 3 * q + 3, ss_days_in_month(y, 3 * q + 3));
		} else if (r.has_day_rel) {
			f = t = add_days(*ref, r.day_rel);
		} else if (r.has_week_rel || r.wday) {
			ss_ymd mon = add_days(*ref, 1 - weekday(*ref) + 7 * (r.has_week_rel ? r.week_rel : 0));
			if (r.wday) {
				/* 周一: the latest such day up to the document's date */
				f = add_days(*ref, -((weekday(*ref) - r.wday + 7) % 7));
				t = f;
			} else {
				f = mon;
				t = add_days(mon, 6);
			}
		} else if (r.last_months) {
			t = *ref;
			int m = ref->m - r.last_months, y = ref->y;
			while (m < 1)
				m += 12, y--;
			int d = ref->d > ss_days_in_month(y, m) ? ss_days_in_month(y, m) : ref->d;
			f = add_days(ymd(y, m, d), 1);
		} else {
			int m = ref->m + r.month_rel, y = ref->y;
			while (m < 1)
				m += 12, y--;
			while (m > 12)
				m -= 12, y++;
			f = ymd(y, m, 1);
			t = ymd(y, m, ss_days_in_month(y, m));
		}
	} else {
		int y = r.year;
		bool guessed = false;
		if (!y && r.has_rel) {
			if (!known)
				return false;
			y = ref->y + r.year_rel;
		} else if (!y) {
			/* 10月份, 前三季度: the document's year, or the one before when
			 * that part of the year had not begun by the document's date */
			if (!known || (!r.m0 && !r.d0))
				return false;
			y = ref->y;
			guessed = true;
		}
		int m0 = r.m0 ? r.m0 : 1, m1 = r.m1 ? r.m1 : (r.m0 ? r.m0 : 12);
		if (r.end && !r.d0)
			m0 = m1; /* 年末, 3月末: the last day of it */
		if (r.start && !r.d0)
			m1 = m0;
		if (guessed && (m0 > ref->m || (m0 == ref->m && r.d0 > ref->d)))
			y--;
		if (y < 1000 || y > 9999)
			return false;
		f = ymd(y, m0, 1);
		t = ymd(y, m1, ss_days_in_month(y, m1));
		if (r.d0) {
			if (!r.m0 || r.m0 != m1)
				return false; /* a day needs its month */
			f.d = r.d0;
			t.d = r.d1 < t.d ? r.d1 : t.d; /* 下旬 is days21-31 of every month */
		} else if (r.end) {
			f = t;
		} else if (r.start) {
			t = f;
		}
	}
	if (r.until)
		f = t; /* 截至10月19日: a balance at that day */
	if (r.since) {
		/* 今年以来: from its start to the document's date */
		if (!known || day_number(*ref) < day_number(f))
			return false;
		t = *ref;
	}
	if (!ymd_valid(f) || !ymd_valid(t) || day_number(f) > day_number(t))
		return false;
	*from = f;
	*to = t;
	return true;
}

bool ss_period_within(const ss_ruleset *rs, const char *a, size_t alen, const char *b,
                      size_t blen, const ss_ymd *ref)
{
	/* Without the document's date, any year will do for two periods that
	 * both name none: 一季度 lies within 前三季度 in every year. */
	ss_ymd any = ymd(2000, 12, 31);
	const ss_ymd *at = ref && ymd_valid(*ref) ? ref : &any;
	ss_ymd af, at2, bf, bt;
	if (!ss_period_dates(rs, a, alen, at, &af, &at2) || !ss_period_dates(rs, b, blen, at, &bf, &bt))
		return false;
	return day_number(af) >= day_number(bf) && day_number(at2) <= day_number(bt) &&
	       (day_number(af) != day_number(bf) || day_number(at2) != day_number(bt));
}

/* A span between two periods that have dates of their own
 * (2018年1月1日―2018年12月31日): from the first's first day to the second's
 * last; else the period read as one. */
bool ss_period_dates(const ss_ruleset *rs, const char *s, size_t len, const ss_ymd *ref,
                     ss_ymd *from, ss_ymd *to)
{
	return ss_period_dates_in(rs, rs ? ss_rules_table_id(rs, "period_meaning") : -1, s, len, ref,
	                          from, to);
}

bool ss_period_dates_in(const ss_ruleset *rs, int table, const char *s, size_t len,
                        const ss_ymd *ref, ss_ymd *from, ss_ymd *to)
{
	static const struct {
		const char *s;
		size_t len;
	} seps[] = {{"―", 3}, {"—", 3}, {"-", 1}, {"~", 1}, {"至", 3}, {"到", 3}};
	for (size_t i = 1; rs && i < len; i++) {
		/* the first bytes of the separators: ― and — E2, - ~, 至 E8, 到 E5 */
		unsigned char c = (unsigned char)s[i];
		if (c != 0xE2 && c != '-' && c != '~' && c != 0xE8 && c != 0xE5)
			continue;
		for (size_t k = 0; k < sizeof seps / sizeof *seps; k++) {
			size_t w = seps[k].len;
			if (i + w >= len || memcmp(s + i, seps[k].s, w))
				continue;
			ss_ymd f0, t0, f1, t1;
			if (dates_one(rs, table, s, i, ref, &f0, &t0) &&
			    dates_one(rs, table, s + i + w, len - i - w, ref, &f1, &t1) &&
			    day_number(f0) <= day_number(t1)) {
				*from = f0;
				*to = t1;
				return true;
			}
		}
	}
	return dates_one(rs, table, s, len, ref, from, to);
}
