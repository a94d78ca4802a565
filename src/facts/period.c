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

/* A place in a sentence where a period may start (a lead character
 * outside 《…》 with no digit just before it) and the end of the period
 * pattern's match there, cut at the sentence's end (PM_NONE: none). */
struct period_cand {
	size_t at, end;
};

/* The best period of a figure so far, as the walk over its sentence finds it. */
typedef struct {
	size_t s, e;
	bool before, found;
} period_best;

enum { P_NEXT, P_SKIP, P_DONE };

/* Weigh the match [a, b) (b > a) for the figure [fs, fe) whose window
 * starts at from: P_SKIP to go on after it, P_NEXT to go on at the next
 * character, P_DONE when the period is found. */
static int weigh(const char *s, size_t from, size_t fs, size_t fe, bool change, size_t a,
                 size_t b, period_best *best)
{
	if (!period_counts(s, from, a, b, change))
		return P_SKIP;
	if (b <= fs && is_period(s, a, b)) {
		*best = (period_best){a, b, true, true};
		return P_SKIP;
	}
	if (a >= fe && is_period(s, a, b) && !best->before) {
		best->s = a, best->e = b, best->found = true;
		return P_DONE;
	}
	return P_NEXT;
}

/* Walk the window [from, to) character by character, calling fn at each
 * place a period may start; fn returns how far to go on (an offset), or
 * SIZE_MAX to stop. */
typedef size_t (*period_step)(ss_attach *cx, size_t off, size_t to, void *ctx);

static void walk(ss_attach *cx, size_t from, size_t to, period_step fn, void *ctx)
{
	const char *s = cx->norm;
	size_t off = from;
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
		size_t next = lead && !depth && !digit_before ? fn(cx, off, to, ctx) : off + w;
		if (next == SIZE_MAX)
			break;
		off = next > off ? next : off + w;
	}
}

/* The walk for one figure. */
typedef struct {
	size_t from, fs, fe;
	bool change;
	period_best best;
} figure_walk;

static size_t figure_step(ss_attach *cx, size_t off, size_t to, void *ctx)
{
	figure_walk *fw = ctx;
	if (off >= fw->fs && off < fw->fe)
		return off; /* the figure's own digits */
	size_t b = period_match(cx, off, to);
	if (b == PM_NONE || b <= off)
		return off;
	int r = weigh(cx->norm, fw->from, fw->fs, fw->fe, fw->change, off, b, &fw->best);
	return r == P_DONE ? SIZE_MAX : r == P_SKIP ? b : off;
}

static size_t collect_step(ss_attach *cx, size_t off, size_t to, void *ctx)
{
	ss_grow((void **)&cx->cand, &cx->capcand, cx->ncand + 1, sizeof *cx->cand);
	cx->cand[cx->ncand++] = (struct period_cand){off, period_match(cx, off, to)};
	return off;
}

/* The same walk over the places found once for the sentence [from, to)
 * (the figure's window): a match passed over moves the walk past its end,
 * as figure_step does. */
static void figure_cands(ss_attach *cx, figure_walk *fw, size_t to)
{
	if (!cx->have_cand || cx->cand_from != fw->from || cx->cand_to != to) {
		cx->ncand = 0;
		cx->cand_from = fw->from;
		cx->cand_to = to;
		walk(cx, fw->from, to, collect_step, NULL);
		cx->have_cand = true;
	}
	size_t off = fw->from;
	for (size_t k = 0; k < cx->ncand; k++) {
		const struct period_cand *c = &cx->cand[k];
		if (c->at < off || (c->at >= fw->fs && c->at < fw->fe) || c->end == PM_NONE ||
		    c->end <= c->at)
			continue;
		int r = weigh(cx->norm, fw->from, fw->fs, fw->fe, fw->change, c->at, c->end, &fw->best);
		if (r == P_DONE)
			break;
		if (r == P_SKIP)
			off = c->end;
	}
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
	figure_walk fw = {from, fs, fe, change, {0, 0, false, false}};
	if (from == sent->start && to == sent->end) {
		/* The whole sentence: its places are found once for all its figures. */
		figure_cands(cx, &fw, to);
	} else {
		walk(cx, from, to, figure_step, &fw);
	}
	if (fw.best.found) {
		*ps = fw.best.s;
		*pe = fw.best.e;
	}
}

void ss_period_prepare(void)
{
	pthread_once(&period_once, period_init);
}
