/* period.c - the period of a figure (2023年上半年, 截至3月末, 同期): the
 * rule set's period pattern (define PERIOD, rules/period.rules), tried where
 * a period can begin, with a per-document memo of its matches, since every
 * figure of a sentence and every character of a subject ask again. */
#include <stdlib.h>
#include <string.h>
#include <uchar.h>

#include "attach.h"

/* A period must name a time unit (a word of period_mark); the pattern alone
 * also matches "" and "到". */
static bool is_period(ss_attach *cx, size_t a, size_t b);

/* True when the period pattern surely matches only "" at p, so PCRE2 need
 * not run: most lead characters start no period (上市). False when unsure. */
static bool period_surely_empty(const ss_ruleset *rs, const char *s, size_t len, size_t p)
{
	uint32_t c = ss_char_bmp(s, len, p);
	if (!c && p < len)
		return rs->period_all ? false : true; /* past U+FFFF: no lead */
	size_t w = c < 0x80 ? 1 : 3;
	return ss_period_surely_empty(rs, c, ss_char_bmp(s, len, p + w));
}

/* Slots of the memo at most (24 bytes each). Positions this many bytes
 * apart share one, and are seldom both asked while either is wanted: on
 * the news text 18 more PCRE2 tries in 24.4k than with no bound. */
#define MEMO_MAX ((size_t)1 << 9)

/* The memo slot of position p: its own, or the one to fill in its place.
 * The memo is a cache: forgetting it changes no result. Figures come in
 * text order and ask only near themselves, so a slot is that of the
 * positions a multiple of the memo's size apart, the latest kept: no
 * probing, and what is asked at once sits close together. */
static period_memo *memo_slot(ss_attach *cx, size_t p)
{
	if (!cx->memo_cap) {
		size_t cap = 32;
		/* a slot for every 32 bytes: a short text asks a few places
		 * (on 3,000 news files 27 more PCRE2 tries in 10.3k than with a
		 * slot for every eight, and 1.3M instructions fewer clearing) */
		while (cap < MEMO_MAX && cap <= cx->len / 32)
			cap *= 2;
		cx->memo = ss_xcalloc(cap, sizeof *cx->memo);
		cx->memo_cap = cap;
	}
	return &cx->memo[p & (cx->memo_cap - 1)];
}

/* The end of the period pattern's match at p (anchored) in norm cut at b,
 * or PM_NONE, is period_cut of period_full. A match of the text running on
 * to the end of the document is kept per position. Before b both texts
 * hold the same characters, and the pattern has no end anchor, so when that
 * match ends by b it is also the match of the text cut at b, and when there
 * is none, the cut text has none either; unless a lookahead reads the
 * character at b (末季(?!调) cut before 调), which the cut text does not
 * have. */
static size_t period_full(ss_attach *cx, size_t p);
static size_t period_pcre(ss_attach *cx, size_t p);
static size_t period_cut(ss_attach *cx, size_t p, size_t e, size_t b);

/* The memo's end of the match at p over the text running on to the end of
 * the document: an end, PM_NONE or PM_RETRY. */
static size_t period_full(ss_attach *cx, size_t p)
{
	/* Most places surely match only "": told without the memo, which is
	 * kept for what PCRE2 found. */
	if (period_surely_empty(cx->rs, cx->norm, cx->len, p))
		return p;
	return period_pcre(cx, p);
}

/* period_full at p where the period pattern may match more than "". */
static size_t period_pcre(ss_attach *cx, size_t p)
{
	if (!cx->md) {
		cx->md = pcre2_match_data_create(1, NULL);
		if (!cx->md)
			ss_xmalloc(SIZE_MAX); /* aborts with the out-of-memory message */
	}
	const pcre2_code *re = cx->rs->period_code;
	period_memo *slot = memo_slot(cx, p);
	if (slot->key != p + 1) {
		/* norm is valid UTF-8 (the rule scan relies on it too), so the
		 * JIT's own entry does, without pcre2_match's checks of its
		 * arguments; a pattern the JIT did not take goes the long way */
		int rc = pcre2_jit_match(re, (PCRE2_SPTR)cx->norm, cx->len, p, 0, cx->md, NULL);
		if (rc == PCRE2_ERROR_JIT_BADOPTION)
			rc = pcre2_match(re, (PCRE2_SPTR)cx->norm, cx->len, p, PCRE2_NO_UTF_CHECK,
			                 cx->md, NULL);
		slot->key = p + 1;
		slot->mark = -1;
		slot->end = rc > 0                        ? pcre2_get_ovector_pointer(cx->md)[1]
		            : rc == PCRE2_ERROR_NOMATCH ? PM_NONE
		                                        : PM_RETRY;
	}
	return slot->end;
}

/* The match at p in the text cut at b, from e as period_full gave it. */
static size_t period_cut(ss_attach *cx, size_t p, size_t e, size_t b)
{
	/* A cut inside a character is left to the checked match below, which
	 * fails it as it always did. */
	if (e == PM_NONE || (e != PM_RETRY && e <= b &&
	                     (b >= cx->len || ((unsigned char)cx->norm[b] & 0xC0) != 0x80))) {
		const ss_ruleset *rs = cx->rs;
		uint32_t c = b < cx->len ? ss_char_bmp(cx->norm, cx->len, b) : 0;
		if (b >= cx->len || (!rs->period_ahead_any &&
		                     !(c && (rs->period_ahead[c >> 3] >> (c & 7) & 1))))
			return e;
	}
	if (!cx->md) {
		cx->md = pcre2_match_data_create(1, NULL);
		if (!cx->md)
			ss_xmalloc(SIZE_MAX);
	}
	int rc = pcre2_match(cx->rs->period_code, (PCRE2_SPTR)cx->norm, b, p, 0, cx->md, NULL);
	return rc > 0 ? pcre2_get_ovector_pointer(cx->md)[1] : PM_NONE;
}

size_t ss_period_end(const ss_ruleset *rs, const char *s, size_t len, size_t p, bool quick)
{
	if (!rs->period_code)
		return SIZE_MAX;
	if (quick && period_surely_empty(rs, s, len, p))
		return p;
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	int rc = md ? pcre2_match(rs->period_code, (PCRE2_SPTR)s, len, p, 0, md, NULL) : -1;
	size_t e = rc > 0 ? pcre2_get_ovector_pointer(md)[1] : SIZE_MAX;
	pcre2_match_data_free(md);
	return e;
}

static bool period_inside(ss_attach *cx, size_t a, size_t b);

size_t ss_period_from(ss_attach *cx, size_t a, size_t b)
{
	/* the text cut at b, its own two characters at a, surely begins no
	 * period: no match, nor its cut, is asked for */
	if (period_surely_empty(cx->rs, cx->norm, b, a))
		return a;
	/* when the character after the lead is whole before b (or there is
	 * none), the whole text's two characters are these: PCRE2 is asked */
	size_t q = a + ((unsigned char)cx->norm[a] < 0x80 ? 1 : 3);
	bool same = q >= cx->len || q + (size_t)ss_utf8_len(cx->norm + q, cx->len - q) <= b;
	size_t e = period_cut(cx, a, same ? period_pcre(cx, a) : period_full(cx, a), b);
	return e != PM_NONE && e > a && is_period(cx, a, e) && !period_inside(cx, a, e) ? e : a;
}

/* Whether a word of the tables ids[0..n) starts at p and ends by b: its
 * length, else 0. */
static size_t word_in(const ss_attach *cx, const int *ids, size_t n, size_t p, size_t b)
{
	return n == 1 ? ss_word_at(cx->rs, ids[0], cx->norm, b, p)
	              : ss_rules_word_at(cx->rs, ids, n, cx->norm, b, p);
}

/* 以前年度 is earlier years, not 前年度: a word of period_inside that begins
 * one character before the period [a, b) and runs into it, or begins with it
 * and runs past it (今日头条, 当前位置), makes it none. */
static bool period_inside(ss_attach *cx, size_t a, size_t b)
{
	int t = cx->period_inside;
	if (t < 0)
		return false;
	size_t p = a > 0 ? ss_utf8_back(cx->norm, a - 1) : a;
	return (p < a && word_in(cx, &t, 1, p, b) > a - p) || word_in(cx, &t, 1, a, cx->len) > b - a;
}

static bool is_period(ss_attach *cx, size_t a, size_t b)
{
	/* Asked again for every figure and subject that reaches a: the answer
	 * for the match kept at a is kept with it. */
	period_memo *slot = cx->memo_cap ? memo_slot(cx, a) : NULL;
	if (slot && slot->key == a + 1 && slot->end == b && slot->mark >= 0)
		return slot->mark;
	bool yes = false;
	for (size_t p = a; p < b && !yes; p += (size_t)ss_utf8_len(cx->norm + p, b - p))
		yes = word_in(cx, &cx->period_mark, 1, p, b) != 0;
	if (slot && slot->key == a + 1 && slot->end == b)
		slot->mark = yes;
	return yes;
}

/* Not every time in a sentence is the figure's period: 比2019年1—10月份增长
 * names the base of a comparison, and a single day (8月20日公告) is an event
 * date, unless it closes a balance (截至10月11日). */
/* Whether a word of period_base (比 较 与 同, and so 相比 对比) ends at a. */
static bool base_before(const ss_attach *cx, size_t start, size_t a)
{
	size_t p = a;
	for (int k = 0; k < 4 && p > start; k++) {
		p = ss_utf8_back(cx->norm, p - 1);
		if (word_in(cx, &cx->period_base, 1, p, a) == a - p)
			return true;
	}
	return false;
}

bool ss_period_is_day(const ss_attach *cx, size_t a, size_t b)
{
	const char *s = cx->norm;
	bool day = b >= a + 4 && memcmp(s + b - 3, "日", 3) == 0 && s[b - 4] >= '0' && s[b - 4] <= '9';
	if (!day)
		return false;
	size_t until = word_in(cx, &cx->period_until, 1, a, b); /* 截至's 至 is none */
	if (until)
		return false;
	/* 2018年1月1日―2018年12月31日 is a span of days, no single one: one
	 * pass for the separators ― — - ~ 至 到, each by its first byte */
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = a + 1; i < b; i++) { /* 到15日: 到 opens it */
		unsigned c = u[i];
		if (c == '-' || c == '~')
			return false;
		if (i + 3 <= b &&
		    ((c == 0xE2 && u[i + 1] == 0x80 && (u[i + 2] == 0x95 || u[i + 2] == 0x94)) ||
		     (c == 0xE8 && !memcmp(s + i, "至", 3)) || (c == 0xE5 && !memcmp(s + i, "到", 3))))
			return false;
	}
	return true;
}

/* A clock time after a dateline's day: 15:00, 9时30分, 9点. Its length at
 * p (spaces before it included), else 0. */
static size_t clock_at(const char *s, size_t p, size_t end)
{
	size_t q = p;
	while (q < end && s[q] == ' ')
		q++;
	size_t d = q;
	while (q < end && s[q] >= '0' && s[q] <= '9')
		q++;
	if (q == d || q - d > 2)
		return 0;
	if (q < end && s[q] == ':') {
		size_t m = ++q;
		while (q < end && s[q] >= '0' && s[q] <= '9')
			q++;
		return q - m == 2 ? q - p : 0;
	}
	if (q + 3 <= end && (!memcmp(s + q, "时", 3) || !memcmp(s + q, "点", 3))) {
		q += 3;
		size_t m = q;
		while (q < end && s[q] >= '0' && s[q] <= '9')
			q++;
		if (q > m && q + 3 <= end && !memcmp(s + q, "分", 3))
			q += 3;
		else
			q = m;
		return q - p;
	}
	return 0;
}

#define LEAD_IN_MAX 12 /* characters of a lead-in before a dateline */

size_t ss_dateline_start(const ss_attach *cx, size_t p, size_t a, bool lead_in)
{
	const char *s = cx->norm;
	while (p < a && (s[p] == ' ' || s[p] == '\n' || s[p] == '\t'))
		p++;
	/* after a list number: 3. 7 月 31 日，A 股… */
	size_t q = p;
	while (q < a && s[q] >= '0' && s[q] <= '9')
		q++;
	if (q > p && q < a && (s[q] == '.' || s[q] == ')')) {
		for (q++; q < a && s[q] == ' ';)
			q++;
		p = q;
	}
	/* after a lead-in closed by a colon (每经AI快讯：10月15日，…) */
	for (size_t i = p, n = 0; lead_in && i < a && n <= LEAD_IN_MAX;
	     i += (size_t)ss_utf8_len(s + i, a - i), n++) {
		if (s[i] == ',' || s[i] == ';')
			break;
		if (s[i] == ':') {
			p = i + 1;
			while (p < a && s[p] == ' ')
				p++;
			break;
		}
	}
	for (size_t w; p < a && (w = word_in(cx, &cx->dateline_open, 1, p, a));)
		p += w; /* 于2017年12月31日，… */
	return p;
}

/* A dateline: a day opening its sentence and closed by a comma (10月11日，
 * 两市融资余额…) is the time of what the sentence reports. The words of
 * dateline_open may stand before the day (于, 北京时间), and a clock time and
 * the words of dateline_close after it (早盘, 15:00). */
static bool is_dateline(const ss_attach *cx, const ss_sentence *sent, size_t a, size_t b)
{
	const char *s = cx->norm;
	size_t p = ss_dateline_start(cx, sent->start, a, true);
	if (p != a || b >= sent->end)
		return false;
	size_t e = b + clock_at(s, b, sent->end);
	for (size_t w; e < sent->end && (w = word_in(cx, &cx->dateline_close, 1, e, sent->end));)
		e += w + clock_at(s, e + w, sent->end);
	return e < sent->end && (s[e] == ',' || (e + 3 <= sent->end && !memcmp(s + e, "，", 3)));
}

static bool clause_break(const char *s, size_t a, size_t b);

/* 对比2021年第三季按年升7%: a basis word right after the time names the
 * change's own base, so the time is the figure's, not the base. */
static bool own_basis(const ss_attach *cx, size_t a, size_t b, size_t fs, size_t end)
{
	int t = cx->basis;
	size_t w = t >= 0 && b <= fs ? word_in(cx, &t, 1, b, end) : 0;
	/* the figure itself begins with the basis or two characters after it
	 * (按年升7%, 同比增长7%): a figure before the time keeps it a base. Only
	 * a year-on-year basis: 比2020年四季度环比增长0.6% restates the base. */
	if (!w || fs > b + w + 6 || clause_break(cx->norm, b, fs))
		return false;
	const char *v = ss_rules_lookup_id(cx->rs, t, cx->norm + b, w);
	if (!v || strcmp(v, "yoy"))
		return false;
	/* and only for a part of a year: 较去年同比增近50% restates it too */
	ss_ymd any = {2000, 12, 31}, f, e;
	return ss_period_dates(cx->rs, cx->norm + a, b - a, &any, &f, &e) &&
	       !(f.m == 1 && f.d == 1 && e.m == 12 && e.d == 31);
}

/* Whether norm [a, b) holds a comma, a colon or a full stop. */
static bool clause_break(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (s[i] == ',' || s[i] == ';' || s[i] == ':' ||
		    (i + 3 <= b && (!memcmp(s + i, "，", 3) || !memcmp(s + i, "；", 3) ||
		                    !memcmp(s + i, "。", 3) || !memcmp(s + i, "：", 3) ||
		                    !memcmp(s + i, "、", 3))))
			return true;
	return false;
}

/* A place of a sentence the walk for a figure stops at: a title mark (《 》)
 * or a lead, a character a period may start with. What the walk asks of a
 * period starting at a lead depends on the match there alone, so it is
 * kept for the sentence's next figures. */
enum { C_LEAD, C_OPEN, C_CLOSE };
enum { K_END = 1, K_BASE = 2, K_DAY = 4, K_INSIDE = 8, K_MARK = 16, K_COMP = 32, K_CUT = 64 };
struct period_cand {
	size_t at;
	size_t end;     /* period_full at at (K_END) */
	size_t base_at; /* base_place (K_BASE) */
	size_t cut;     /* the match cut at the sentence's end (K_CUT) */
	uint32_t cp;              /* the character there, of w bytes */
	uint8_t w, kind, known, val; /* val: the answers K_DAY, K_INSIDE, K_MARK, K_COMP */
	bool digit_prev;             /* a digit stands just before it */
};

/* Whether the lead cp, followed at q by a character that ends by b, surely
 * begins no period there, in the text cut at b as in the whole (the walk
 * would pass it over for every figure): the lead and the character after
 * it tell, and both are in the cut text. */
static bool lead_dead(const ss_attach *cx, size_t q, size_t b, uint32_t cp)
{
	uint32_t next = ss_char_bmp(cx->norm, cx->len, q);
	size_t nw = next < 0x80 ? 1 : 3;
	return next && q + nw <= b && ss_period_surely_empty(cx->rs, cp, next);
}

static bool digit_at(const unsigned char *u, size_t i) { return u[i] >= '0' && u[i] <= '9'; }

/* The places of the sentence [a, b), into cx->cand. With whole (a
 * sentence no longer than a figure's reach, whose every figure's walk runs
 * over all of it), a lead there that the walk would pass over for each
 * figure is left out. */
static void cands_find(ss_attach *cx, size_t a, size_t b, bool whole)
{
	const char *s = cx->norm;
	const ss_ruleset *rs = cx->rs;
	const unsigned char *u = (const unsigned char *)s;
	const uint8_t *lead = rs->period_lead;
	size_t end3 = b >= 2 ? b - 2 : 0; /* off < end3: three bytes are left */
	cx->ncand = 0;
	for (size_t off = a; off < b;) {
		/* Three-byte characters, most of the text, and ASCII ones that
		 * are neither a lead nor a title mark are passed over here: norm
		 * is valid UTF-8 (the rule scan relies on it too), so a
		 * three-byte character is its lead byte's four bits and two
		 * continuations' six. */
		if (!rs->period_all)
			for (;;) {
				if (off < end3 && (u[off] & 0xF0) == 0xE0) {
					uint32_t c = (u[off] & 0x0Fu) << 12 | (u[off + 1] & 0x3Fu) << 6 |
					             (u[off + 2] & 0x3Fu);
					if (lead[c] || (c | 1) == 0x300B)
						break;
					off += 3;
				} else if (off < b && u[off] < 0x80 &&
				           (!lead[u[off]] || (whole && off > a && digit_at(u, off - 1)))) {
					off++; /* (a lead right after a digit is left out below) */
				} else {
					break;
				}
			}
		if (off >= b)
			break;
		/* one decode tells the title marks and the leads apart */
		uint32_t cp;
		int n = ss_utf8_decode(s + off, b - off, &cp);
		size_t w = n ? (size_t)n : 1;
		int kind = -1;
		if (n == 3 && (cp == 0x300A || cp == 0x300B))
			kind = cp == 0x300A ? C_OPEN : C_CLOSE;
		else if (rs->period_all || ((n == 1 || n == 2 || n == 3) && rs->period_lead[cp]))
			kind = C_LEAD;
		bool digit_prev = off > 0 && s[off - 1] >= '0' && s[off - 1] <= '9';
		/* the walk passes over a lead after a digit, but at its start */
		if (kind == C_LEAD && whole && digit_prev && off > a)
			kind = -1;
		if (kind == C_LEAD && whole && !rs->period_all && (n == 1 || n == 3) && cp &&
		    lead_dead(cx, off + (size_t)n, b, cp))
			kind = -1;
		if (kind >= 0) {
			if (cx->ncand == cx->capcand)
				ss_grow((void **)&cx->cand, &cx->capcand, cx->ncand + 1, sizeof *cx->cand);
			struct period_cand *c = &cx->cand[cx->ncand++];
			memset(c, 0, sizeof *c);
			c->at = off;
			c->cp = cp;
			c->w = (uint8_t)n;
			c->kind = (uint8_t)kind;
			c->digit_prev = digit_prev;
		}
		off += w;
	}
	cx->cand_from = a;
	cx->cand_to = b;
	cx->have_cand = true;
}

/* The answers for the match [c->at, b) when b is the match kept at c (then
 * they are kept too), else worked out. */
static bool cand_keeps(const struct period_cand *c, size_t b)
{
	return c && (c->known & K_END) && c->end == b;
}

static bool cand_answer(struct period_cand *c, size_t b, int k, bool v)
{
	if (cand_keeps(c, b)) {
		c->known |= (uint8_t)k;
		if (v)
			c->val |= (uint8_t)k;
	}
	return v;
}

static bool cand_known(const struct period_cand *c, size_t b, int k, bool *v)
{
	if (!cand_keeps(c, b) || !(c->known & k))
		return false;
	*v = (c->val & k) != 0;
	return true;
}

/* base_before(cx, start, a) for the sentence sent: the last place the walk
 * back from a passed before the base word it found (+ 1), or 0; a window
 * from start sees that word when that place lies after start. */
static size_t base_place(const ss_attach *cx, const ss_sentence *sent, size_t a)
{
	size_t p = a;
	const uint8_t *first = cx->rs->lex_first;
	for (int k = 0; k < 4 && p > sent->start; k++) {
		size_t q = ss_utf8_back(cx->norm, p - 1);
		/* the longest word at q is k + 1 characters long only where the
		 * lexicon has a word of that length starting with q's character */
		uint32_t cp;
		int n = ss_utf8_decode(cx->norm + q, a - q, &cp);
		bool may = !first || !n || cp >= 0x10000 || (first[cp] >> k & 1);
		if (may && word_in(cx, &cx->period_base, 1, q, a) == a - q)
			return p + 1;
		p = q;
	}
	return 0;
}

static bool cand_base_before(ss_attach *cx, const ss_sentence *sent, struct period_cand *c,
                             size_t start, size_t a)
{
	if (!c || c->at != a)
		return base_before(cx, start, a);
	if (!(c->known & K_BASE)) {
		c->base_at = base_place(cx, sent, a);
		c->known |= K_BASE;
	}
	return c->base_at && c->base_at - 1 > start;
}

static bool cand_is_period(ss_attach *cx, struct period_cand *c, size_t a, size_t b)
{
	bool v;
	if (cand_known(c, b, K_MARK, &v))
		return v;
	return cand_answer(c, b, K_MARK, is_period(cx, a, b));
}

/* Whether the match [a, b) counts as the figure's period (what depends on
 * the match alone is kept in c). 相比前三季度25%: a level right after the
 * period is that period's; a change after it measures from it, and so does
 * a level in a later clause (比上年增长44.25%、营业利润3.80亿元). 以前年度
 * is earlier years, not 前年 (period_inside). */
static bool cand_counts(ss_attach *cx, const ss_sentence *sent, struct period_cand *c,
                        size_t start, size_t a, size_t b, size_t fs, bool change)
{
	if (cand_base_before(cx, sent, c, start, a) &&
	    (change || (b <= fs && clause_break(cx->norm, b, fs))) &&
	    !own_basis(cx, a, b, fs, sent->end))
		return false;
	bool inside;
	if (!cand_known(c, b, K_INSIDE, &inside))
		inside = cand_answer(c, b, K_INSIDE, period_inside(cx, a, b));
	if (inside)
		return false;
	bool day;
	if (!cand_known(c, b, K_DAY, &day))
		day = cand_answer(c, b, K_DAY, ss_period_is_day(cx, a, b));
	return !day || is_dateline(cx, sent, a, b);
}

/* period_surely_empty at the lead c, from the character kept with it. */
static bool cand_surely_empty(const ss_attach *cx, const struct period_cand *c)
{
	if (cx->rs->period_all)
		return false;
	if ((c->w != 1 && c->w != 3) || !c->cp)
		return true; /* ss_char_bmp gives 0: past U+FFFF or two bytes, no lead */
	return ss_period_surely_empty(cx->rs, c->cp, ss_char_bmp(cx->norm, cx->len, c->at + c->w));
}

/* The first place of cx->cand at or after pos. */
static size_t cand_first(const ss_attach *cx, size_t pos)
{
	size_t lo = 0, hi = cx->ncand;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cx->cand[mid].at < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void ss_attach_period(ss_attach *cx, const ss_sentence *sent, size_t fs, size_t fe, bool change,
                      size_t *ps, size_t *pe)
{
	const char *s = cx->norm;
	*ps = *pe = 0;
	if (!cx->rs->period_code)
		return;
	/* Only so far around the figure: a sentence of megabytes (a page with no
	 * punctuation) must not make every figure scan all of it. */
	size_t from = fs > sent->start + SS_ATTACH_REACH ? ss_utf8_back(s, fs - SS_ATTACH_REACH)
	                                                 : sent->start;
	/* (a figure may run past its sentence's end: a stray byte ends one) */
	size_t to = fe < sent->end && sent->end - fe > SS_ATTACH_REACH
	                ? ss_utf8_back(s, fe + SS_ATTACH_REACH)
	                : sent->end;
	/* The places of the sentence are found once for all its figures; the
	 * walk of each goes from place to place, as it went character by
	 * character over its window: a place passed over by a match is skipped,
	 * as the walk stepped past the match. */
	bool whole = sent->end - sent->start <= SS_ATTACH_REACH;
	/* (a figure starting far past its sentence's end, a match running on,
	 * walks from within the sentence: every place, then) */
	bool drop = whole && from == sent->start;
	if (!cx->have_cand || cx->cand_from != sent->start || cx->cand_to != sent->end ||
	    (whole && !drop))
		cands_find(cx, sent->start, sent->end, drop);
	size_t off = from, best_s = 0, best_e = 0;
	bool before = false, found = false;
	int depth = 0; /* 《...》 titles hold years that are no period */
	for (size_t k = from > sent->start ? cand_first(cx, from) : 0; k < cx->ncand; k++) {
		struct period_cand *c = &cx->cand[k];
		size_t a = c->at;
		if (a >= to)
			break;
		if (a < off)
			continue;
		if (c->kind != C_LEAD) {
			depth += c->kind == C_OPEN ? 1 : (depth > 0 ? -1 : 0);
			off = a + 3;
			continue;
		}
		off = a + 1; /* the next place is past this character */
		if (depth || (c->digit_prev && a > from) || (a >= fs && a < fe))
			continue;
		if (!(c->known & K_END)) {
			c->end = cand_surely_empty(cx, c) ? a : period_pcre(cx, a);
			c->known |= K_END;
		}
		/* the match cut at the sentence's end (matched again when it runs
		 * past it): once for the sentence, not for each figure */
		size_t b;
		if (to != sent->end) {
			b = period_cut(cx, a, c->end, to);
		} else {
			if (!(c->known & K_CUT)) {
				c->cut = period_cut(cx, a, c->end, to);
				c->known |= K_CUT;
			}
			b = c->cut;
		}
		/* An empty match counts for nothing, whatever period_counts says. */
		if (b == PM_NONE || b <= a)
			continue;
		if (!cand_counts(cx, sent, c, from, a, b, fs, change)) {
			/* 较2019年同期增长12.4%: the 同期 after a base is the base too */
			size_t w2 = change && cand_base_before(cx, sent, c, from, a)
			                ? word_in(cx, &cx->period_comparison, 1, b, to)
			                : 0;
			off = b + w2;
			continue;
		}
		if (b <= fs && cand_is_period(cx, c, a, b)) {
			best_s = a, best_e = b, before = true, found = true;
			off = b;
			continue;
		}
		/* After the figure, 上年同期 (同比增长15%，上年同期为10%) and a
		 * time after 比 or 较 (…，较2019年同期增长30.3%) belong to what
		 * follows; before it (去年同期增长8%) they are its time. */
		bool comp = false;
		if (a >= fe && !cand_known(c, b, K_COMP, &comp))
			comp = cand_answer(c, b, K_COMP,
			                   word_in(cx, &cx->period_comparison, 1, a, b) == b - a);
		bool base = a >= fe && (comp || cand_base_before(cx, sent, c, from, a));
		/* and a time in a later clause is that clause's (…报0.426%，
		 * 1月份累涨约22.8个基点) */
		if (a >= fe && !base && !before && !clause_break(s, fe, a) &&
		    cand_is_period(cx, c, a, b)) {
			best_s = a, best_e = b, found = true;
			break;
		}
	}
	if (found) {
		*ps = best_s;
		*pe = best_e;
	}
}
