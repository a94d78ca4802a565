/* period.c - the period of a figure (2023年上半年, 截至3月末, 同期): one
 * anchored PCRE2 pattern, tried where a period word can begin, with a
 * per-document memo of its matches, since every figure of a sentence and
 * every character of a subject ask again. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <uchar.h>

#include "attach.h"

/* A period must name a time unit; the pattern alone also matches "" and "到". */
static bool is_period(const char *s, size_t a, size_t b);

/* The first characters of the period words (去年, 上半年, 截至, 本周, 一季度 ...),
 * a bit per code point; set once by period_init. */
static uint8_t period_leads[0x10000 / 8];

static pcre2_code *period_re;
static pthread_once_t period_once = PTHREAD_ONCE_INIT;

static void period_init(void)
{
	/* Fixed words first: the long alternative below also matches "". */
	static const char pat[] =
		"去年同期|上年同期|同期|本周|上周|当周|周[一二三四五六日]|本月|当月|当天|当日|今日|昨日|"
		"目前|当前|(?:未来)?[0-9一二三四五六七八九十]+个(?:月|交易日)内|"
		"(?:截至|截止)?报告期[内末]?|本期|期内|上一交易日|过去[0-9一二三四五六七八九十]+个交易日|"
		"(?:截至|截止|到)?"
		"(?:(?:[12][0-9]{3}|今|去|明|前|上|本)年(?:度|末|底|初)?)?"
		"(?:上半年|下半年|前?[一二三四1-4]季度|第[一二三四1-4]季度|[Qq][1-4]|"
		"[0-9]{1,2}(?:[-—~至][0-9]{1,2})?月份?(?:末|底|初|上旬|中旬|下旬)?|年初|年末|年底|全年|"
		"年内|前[一二三四五六七八九十0-9]{1,2}个?月)?(?:[0-9]{1,2}日)?";
	int err;
	PCRE2_SIZE off;
	/* Anchored at compile time: a match-time PCRE2_ANCHORED would bypass the JIT. */
	period_re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_ANCHORED,
	                          &err, &off, NULL);
	if (period_re)
		pcre2_jit_compile(period_re, PCRE2_JIT_COMPLETE);
	static const char leads[] = "去上同本当周今昨报期目过未截到明前第下全年一二三四五六七八九十两";
	for (size_t k = 0; k + 3 <= sizeof leads - 1; k += 3) {
		uint32_t cp;
		if (ss_utf8_decode(leads + k, 3, &cp) == 3)
			period_leads[cp >> 3] |= (uint8_t)(1u << (cp & 7));
	}
}

/* Whether a period can start at i: a digit or the first character of one of
 * the period words. Most characters of a sentence are none of these, so the
 * pattern is tried at few places. */
static inline bool can_start_period(const char *s, size_t end, size_t i)
{
	const unsigned char *t = (const unsigned char *)s + i;
	unsigned char c = t[0];
	if ((c >= '0' && c <= '9') || c == 'Q' || c == 'q')
		return true;
	if (c < 0xE0 || c >= 0xF0 || i + 3 > end || (t[1] & 0xC0) != 0x80 || (t[2] & 0xC0) != 0x80)
		return false;
	uint32_t cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(t[1] & 0x3F) << 6) | (t[2] & 0x3F);
	return period_leads[cp >> 3] & (1u << (cp & 7));
}

/* The character at s[i] when it is ASCII or a three-byte sequence (all the
 * characters of the period words are), else 0. */
static uint32_t char_bmp(const char *s, size_t len, size_t i)
{
	const unsigned char *t = (const unsigned char *)s + i;
	if (i >= len)
		return 0;
	if (t[0] < 0x80)
		return t[0];
	if ((t[0] & 0xF0) != 0xE0 || i + 3 > len || (t[1] & 0xC0) != 0x80 || (t[2] & 0xC0) != 0x80)
		return 0;
	return ((uint32_t)(t[0] & 0x0F) << 12) | ((uint32_t)(t[1] & 0x3F) << 6) | (t[2] & 0x3F);
}

static bool char_in(uint32_t c, const char16_t *set)
{
	for (; *set; set++)
		if (c == *set)
			return true;
	return false;
}

/* [0-9一二三四五六七八九十] */
static bool is_numeral(uint32_t c)
{
	switch (c) {
	case u'一': case u'二': case u'三': case u'四': case u'五':
	case u'六': case u'七': case u'八': case u'九': case u'十':
		return true;
	default:
		return c >= '0' && c <= '9';
	}
}

/* True when the period pattern surely matches only "" at p, so PCRE2 need
 * not run: most digits are figures (338亿元) and most lead characters start
 * no period (上市). It looks at the character that every non-empty match
 * needs next, read off the pattern in period_init, which it must follow.
 * False when unsure. */
static bool period_surely_empty(const char *s, size_t len, size_t p)
{
	/* After a first character, what a word starting with it needs next. */
	static const struct {
		char16_t lead;
		const char16_t *next;
	} words[] = {
		{u'去', u"年"},         {u'上', u"年周一半"},       {u'同', u"期"},   {u'本', u"周月期年"},
		{u'当', u"周月天日前"}, {u'周', u"一二三四五六日"}, {u'今', u"日年"}, {u'昨', u"日"},
		{u'目', u"前"},         {u'未', u"来"},             {u'截', u"至止"}, {u'报', u"告"},
		{u'期', u"内"},         {u'过', u"去"},             {u'明', u"年"},   {u'下', u"半"},
		{u'全', u"年"},         {u'年', u"初末底内"},       {u'第', u"一二三四1234"},
		{u'前', u"年一二三四五六七八九十0123456789"},       {u'两', u""},
	};
	uint32_t c = char_bmp(s, len, p);
	if (is_numeral(c)) {
		/* [0-9一…十]+个(月|交易日)内, 2021年, 3季度, 10月, 1-3月, 5日 and the
		 * like: the run of numerals is followed by one of these. A long run
		 * is left to PCRE2, or each of its positions would walk all of it. */
		size_t q = p;
		for (int n = 0; is_numeral(c); n++) {
			if (n == 16)
				return false;
			q += c < 0x80 ? 1 : 3;
			c = char_bmp(s, len, q);
		}
		return !char_in(c, u"个年月日季-—~至");
	}
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
		if (c == words[k].lead)
			return !char_in(char_bmp(s, len, p + 3), words[k].next);
	return false; /* 到 alone matches; Q1 is rare */
}

/* Slots of the memo at most (16 bytes each). */
#define MEMO_MAX ((size_t)1 << 15)

static size_t memo_hash(size_t key, size_t cap)
{
	return (size_t)((key * 0x9E3779B97F4A7C15u) >> 16) & (cap - 1);
}

/* The memo slot of position p: its own, or the empty one to fill. */
static period_memo *memo_slot(ss_attach *cx, size_t p)
{
	/* The memo is a cache: forgetting it changes no result. Figures come in
	 * text order and ask only near themselves, so past a bound it starts
	 * again empty rather than grow with the document (on a fact-dense
	 * text it took more than a byte for each byte of the text). */
	if (cx->memo_n * 2 >= cx->memo_cap && cx->memo_cap >= MEMO_MAX) {
		memset(cx->memo, 0, cx->memo_cap * sizeof *cx->memo);
		cx->memo_n = 0;
	}
	if (cx->memo_n * 2 >= cx->memo_cap) {
		size_t cap = cx->memo_cap ? cx->memo_cap * 2 : 32;
		period_memo *m = ss_xcalloc(cap, sizeof *m);
		for (size_t k = 0; k < cx->memo_cap; k++) {
			if (!cx->memo[k].key)
				continue;
			size_t h = memo_hash(cx->memo[k].key, cap);
			while (m[h].key)
				h = (h + 1) & (cap - 1);
			m[h] = cx->memo[k];
		}
		free(cx->memo);
		cx->memo = m;
		cx->memo_cap = cap;
	}
	size_t h = memo_hash(p + 1, cx->memo_cap);
	while (cx->memo[h].key && cx->memo[h].key != p + 1)
		h = (h + 1) & (cx->memo_cap - 1);
	return &cx->memo[h];
}

/* The end of the period pattern's match at p (anchored) in norm cut at b,
 * or PM_NONE. A match of the text running on to the end of the document is
 * kept per position; the pattern has no lookaround and no end anchor, so
 * when that match ends by b it is also the match of the text cut at b, and
 * when there is none, the cut text has none either. */
static size_t period_match(ss_attach *cx, size_t p, size_t b)
{
	if (!cx->md) {
		cx->md = pcre2_match_data_create(1, NULL);
		if (!cx->md)
			ss_xmalloc(SIZE_MAX); /* aborts with the out-of-memory message */
	}
	period_memo *slot = memo_slot(cx, p);
	if (!slot->key && period_surely_empty(cx->norm, cx->len, p)) {
		slot->key = p + 1;
		slot->end = p;
		cx->memo_n++;
	} else if (!slot->key) {
		/* norm is valid UTF-8 (the rule scan relies on it too) */
		int rc = pcre2_match(period_re, (PCRE2_SPTR)cx->norm, cx->len, p, PCRE2_NO_UTF_CHECK,
		                     cx->md, NULL);
		slot->key = p + 1;
		slot->end = rc > 0                        ? pcre2_get_ovector_pointer(cx->md)[1]
		            : rc == PCRE2_ERROR_NOMATCH ? PM_NONE
		                                        : PM_RETRY;
		cx->memo_n++;
	}
	size_t e = slot->end;
	if (e == PM_NONE)
		return PM_NONE;
	/* A cut inside a character is left to the checked match below, which
	 * fails it as it always did. */
	if (e != PM_RETRY && e <= b && (b >= cx->len || ((unsigned char)cx->norm[b] & 0xC0) != 0x80))
		return e;
	int rc = pcre2_match(period_re, (PCRE2_SPTR)cx->norm, b, p, 0, cx->md, NULL);
	return rc > 0 ? pcre2_get_ovector_pointer(cx->md)[1] : PM_NONE;
}

size_t ss_period_end(const char *s, size_t len, size_t p, bool quick)
{
	pthread_once(&period_once, period_init);
	if (quick && period_surely_empty(s, len, p))
		return p;
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	int rc = md ? pcre2_match(period_re, (PCRE2_SPTR)s, len, p, 0, md, NULL) : -1;
	size_t e = rc > 0 ? pcre2_get_ovector_pointer(md)[1] : SIZE_MAX;
	pcre2_match_data_free(md);
	return e;
}

/* End of the period that starts exactly at a (a when there is none). */
size_t ss_period_at(ss_attach *cx, size_t a, size_t b)
{
	/* Called at every character of a subject: most are no period's start. */
	if (!period_re || a >= b || !can_start_period(cx->norm, b, a))
		return a;
	size_t e = period_match(cx, a, b);
	return e != PM_NONE && e > a && is_period(cx->norm, a, e) ? e : a;
}

static bool is_period(const char *s, size_t a, size_t b)
{
	/* Any of 年 季度 月 Q q 同期 周 天 日 期 (同期 holds 期), in one pass: the
	 * CJK marks all lead with E5 or E6. */
	static const char marks[] = "年月周天日期";
	const unsigned char *t = (const unsigned char *)s;
	for (size_t p = a; p < b; p++) {
		if (t[p] == 'Q' || t[p] == 'q')
			return true;
		if ((t[p] != 0xE5 && t[p] != 0xE6) || p + 3 > b)
			continue;
		for (size_t k = 0; k + 3 < sizeof marks; k += 3)
			if (!memcmp(s + p, marks + k, 3))
				return true;
		if (p + 6 <= b && !memcmp(s + p, "季度", 6))
			return true;
	}
	return false;
}

/* Not every time in a sentence is the figure's period: 比2019年1—10月份增长
 * names the base of a comparison, and a single day (8月20日公告) is an event
 * date, unless it closes a balance (截至10月11日). */
static bool period_counts(const char *s, size_t start, size_t a, size_t b, bool change)
{
	/* 相比前三季度25%: a level after the period is that period's. The base
	 * words are 比 较 与 同 相比 对比, and the last two end in 比. */
	if (change && a >= start + 3) {
		const char *w = s + a - 3;
		if (!memcmp(w, "比", 3) || !memcmp(w, "较", 3) || !memcmp(w, "与", 3) ||
		    !memcmp(w, "同", 3))
			return false;
	}
	bool day = b >= a + 3 && memcmp(s + b - 3, "日", 3) == 0 && b >= a + 4 &&
	           s[b - 4] >= '0' && s[b - 4] <= '9';
	bool until = b - a >= 6 && (memcmp(s + a, "截至", 6) == 0 || memcmp(s + a, "截止", 6) == 0);
	return !day || until;
}

void ss_attach_period(ss_attach *cx, const ss_sentence *sent, size_t fs, size_t fe, bool change,
                      size_t *ps, size_t *pe)
{
	const char *s = cx->norm;
	*ps = *pe = 0;
	if (!period_re)
		return;
	/* Only so far around the figure: a sentence of megabytes (a page with no
	 * punctuation) must not make every figure scan all of it. */
	size_t from = fs > sent->start + SS_ATTACH_REACH ? ss_utf8_back(s, fs - SS_ATTACH_REACH)
	                                                 : sent->start;
	size_t to = sent->end - fe > SS_ATTACH_REACH ? ss_utf8_back(s, fe + SS_ATTACH_REACH) : sent->end;
	size_t off = from, best_s = 0, best_e = 0;
	bool before = false, found = false;
	int depth = 0; /* 《...》 titles hold years that are no period */
	while (off < to) {
		/* Most characters are plain CJK that start no period: one decode
		 * tells them, the title marks and the period leads apart. */
		uint32_t cp;
		int n = ss_utf8_decode(s + off, to - off, &cp);
		size_t w;
		bool lead;
		if (n == 1) {
			w = 1;
			lead = (cp >= '0' && cp <= '9') || cp == 'Q' || cp == 'q';
		} else if (n == 3) {
			w = 3;
			if (cp == 0x300A || cp == 0x300B) { /* 《 》 */
				depth += cp == 0x300A ? 1 : (depth > 0 ? -1 : 0);
				off += 3;
				continue;
			}
			lead = period_leads[cp >> 3] & (1u << (cp & 7));
		} else {
			w = n ? (size_t)n : 1;
			lead = can_start_period(s, to, off);
		}
		bool digit_before = off > from && s[off - 1] >= '0' && s[off - 1] <= '9';
		size_t b = !lead || depth || digit_before || (off >= fs && off < fe)
		               ? PM_NONE
		               : period_match(cx, off, to);
		/* An empty match counts for nothing, whatever period_counts says. */
		if (b != PM_NONE && b > off) {
			size_t a = off; /* the pattern is anchored */
			if (!period_counts(s, from, a, b, change)) {
				off = b;
				continue;
			}
			if (b <= fs && is_period(s, a, b)) {
				best_s = a, best_e = b, before = true, found = true;
				off = b;
				continue;
			}
			if (a >= fe && is_period(s, a, b) && !before) {
				best_s = a, best_e = b, found = true;
				break;
			}
		}
		off += w;
	}
	if (found) {
		*ps = best_s;
		*pe = best_e;
	}
}

void ss_period_prepare(void)
{
	pthread_once(&period_once, period_init);
}
