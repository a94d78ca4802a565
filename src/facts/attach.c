/* attach.c - best-effort subject and period of a figure, from its sentence.
 *
 * Subject: a noun run right after the figure (`95%以上金融机构`, `近30%的金融
 * 机构受访者`, `近百家金融机构`); else the noun phrase that opens the clause
 * before it (`营业收入同比增长15%`, `净利润达3亿元`), going back one clause
 * when that one holds only a metric word (`…高净值人群成为中坚力量，占比升至42%`).
 * Words that end a noun run come from the lexicon tables `stop`, `metric`,
 * `direction`, `qualifier` and `basis` of the rule set, so they are data.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <uchar.h>

#include "facts.h"

#define SUBJECT_MAX_CHARS 48

/* Whether the bytes w occur in s[a, b). */
static bool contains(const char *s, size_t a, size_t b, const char *w)
{
	size_t n = strlen(w);
	for (size_t p = a; p + n <= b; p++)
		if (memcmp(s + p, w, n) == 0)
			return true;
	return false;
}

static bool is_cjk(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

static bool is_alpha(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A three-byte sequence that is valid whatever its two continuation bytes are
 * (lead E1..EC, EE, EF: no overlong, no surrogate): most CJK text. */
static inline bool plain3(const unsigned char *t, size_t avail)
{
	return t[0] >= 0xE1 && t[0] != 0xED && t[0] <= 0xEF && avail >= 3 && (t[1] & 0xC0) == 0x80 &&
	       (t[2] & 0xC0) == 0x80;
}

/* ss_utf8_len(s + i, end - i), without the call for ASCII and plain CJK:
 * these run at every character of a sentence. */
static inline size_t char_len(const char *s, size_t end, size_t i)
{
	const unsigned char *t = (const unsigned char *)s + i;
	if (i < end && t[0] < 0x80)
		return 1;
	if (i < end && plain3(t, end - i))
		return 3;
	return (size_t)ss_utf8_len(s + i, end - i);
}

static inline uint32_t char_at(const char *s, size_t end, size_t i, int *w)
{
	const unsigned char *t = (const unsigned char *)s + i;
	if (i < end && t[0] < 0x80) {
		*w = 1;
		return t[0];
	}
	if (i < end && plain3(t, end - i)) {
		*w = 3;
		return ((uint32_t)(t[0] & 0x0F) << 12) | ((uint32_t)(t[1] & 0x3F) << 6) | (t[2] & 0x3F);
	}
	uint32_t c;
	*w = ss_utf8_decode(s + i, end - i, &c);
	if (!*w) {
		*w = 1;
		return 0xFFFD;
	}
	return c;
}

/* The lexicon tables attachment reads, by id: resolved once per document,
 * so that a lookup compares no table names. */
typedef struct {
	int id[3];
	size_t n;
} tabset;

/* A period match already tried at a position: its end, or one of these. */
#define PM_NONE SIZE_MAX        /* no match */
#define PM_RETRY (SIZE_MAX - 1) /* PCRE2 failed otherwise: match again each time */

typedef struct {
	size_t key; /* position + 1; 0 for an empty slot */
	size_t end;
} period_memo;

struct ss_attach {
	const ss_ruleset *rs;
	const char *norm;
	size_t len;
	tabset stop, metric, tail, modifier, opening;
	/* The period pattern's match at each position tried so far, with the
	 * subject running to the end of the document. Every figure of a sentence
	 * walks the same characters, and a subject tries every one of its own. */
	pcre2_match_data *md;
	period_memo *memo;
	size_t memo_cap, memo_n; /* a power of two, or 0 */
};

static pthread_once_t period_once = PTHREAD_ONCE_INIT;
static void period_init(void);

static tabset tables(int a, int b, int c)
{
	tabset t = {{a, b, c}, c != -2 ? 3 : b != -2 ? 2 : 1};
	return t;
}

ss_attach *ss_attach_new(const ss_ruleset *rs, const char *norm, size_t len)
{
	pthread_once(&period_once, period_init); /* here, not at every period tried */
	ss_attach *cx = ss_xcalloc(1, sizeof *cx);
	cx->rs = rs;
	cx->norm = norm;
	cx->len = len;
	int stop = ss_rules_table_id(rs, "stop"), direction = ss_rules_table_id(rs, "direction"),
	    basis = ss_rules_table_id(rs, "basis"), metric = ss_rules_table_id(rs, "metric"),
	    tail = ss_rules_table_id(rs, "tail"), modifier = ss_rules_table_id(rs, "modifier"),
	    opening = ss_rules_table_id(rs, "opening");
	/* stop first: stop_at tells a stop word by bit 0 (-2: no more tables) */
	cx->stop = tables(stop, direction, basis);
	cx->metric = tables(metric, -2, -2);
	cx->tail = tables(metric, tail, modifier);
	cx->modifier = tables(metric, modifier, -2);
	cx->opening = tables(opening, -2, -2);
	return cx;
}

void ss_attach_free(ss_attach *cx)
{
	if (!cx)
		return;
	if (cx->md)
		pcre2_match_data_free(cx->md);
	free(cx->memo);
	free(cx);
}

/* Ends of the characters from s[i] (up to four, and only up to the longest
 * word length the lexicon has for the first of them), in ends; returns the
 * lexicon's length bits for that first character (bit n-1: n characters). */
static unsigned word_ends(const ss_attach *cx, const char *s, size_t end, size_t i,
                          size_t ends[4], size_t *n)
{
	/* ss_rules_word_lengths, without the call for ASCII and plain CJK */
	const unsigned char *t = (const unsigned char *)s + i;
	const uint8_t *first = cx->rs->lex_first;
	unsigned lens;
	if (first && i < end && t[0] < 0x80)
		lens = first[t[0]];
	else if (first && i < end && plain3(t, end - i))
		lens = first[((uint32_t)(t[0] & 0x0F) << 12) | ((uint32_t)(t[1] & 0x3F) << 6) |
		             (t[2] & 0x3F)];
	else
		lens = ss_rules_word_lengths(cx->rs, s + i, end - i);
	lens &= 0x0F;
	size_t j = i;
	*n = 0;
	while (*n < 4 && (lens >> *n) && j < end) {
		j += char_len(s, end, j);
		ends[(*n)++] = j;
	}
	return lens;
}

/* Length in bytes of a lexicon word of one of the tables starting at s[i],
 * the longest of up to four characters; 0 when none. */
static size_t word_at(const ss_attach *cx, const tabset *t, const char *s, size_t end, size_t i)
{
	size_t ends[4], n;
	unsigned lens = word_ends(cx, s, end, i, ends, &n);
	while (n > 0) {
		if (!(lens & (1u << --n)))
			continue;
		size_t len = ends[n] - i;
		if (ss_rules_word_tables(cx->rs, t->id, t->n, s + i, len))
			return len;
	}
	return 0;
}

/* A stop word at p: any word of the stop table, or a direction or basis word
 * of two or more characters (a lone 增 or 占 starts nouns too: 增值税, 占用税). */
static bool stop_at(const ss_attach *cx, const char *s, size_t end, size_t p)
{
	size_t ends[4], n;
	unsigned lens = word_ends(cx, s, end, p, ends, &n);
	while (n > 0) {
		if (!(lens & (1u << --n)))
			continue;
		size_t len = ends[n] - p;
		unsigned in = ss_rules_word_tables(cx->rs, cx->stop.id, cx->stop.n, s + p, len);
		if ((in & 1) || (in && len > 3))
			return true;
	}
	return false;
}

/* A run of nouns from i forward: CJK and Latin letters (and, when digits is
 * set, digits and the list marks of a named group), up to a stop word. */
static bool is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* Characters that make the digits before them an amount (299万平米), which
 * ends a subject rather than naming it (科创50, 10年期国债 keep theirs). */
static bool amount_follows(const char *s, size_t end, size_t p)
{
	static const char *const units[] = {"万", "亿", "千", "百", "平", "吨", "元", "人",
	                                    "家", "只", "个", "股", "户", "辆", "名", "米", NULL};
	while (p < end && (is_digit((unsigned char)s[p]) || s[p] == '.' || s[p] == ','))
		p++;
	for (size_t i = 0; units[i]; i++)
		if (p + strlen(units[i]) <= end && !memcmp(s + p, units[i], strlen(units[i])))
			return true;
	return false;
}

/* A run of nouns from i forward: CJK and Latin letters (a space between two
 * Latin words too: Beyond Meat), up to a stop word. Backward runs (the words
 * before a figure) also take digits, the list mark 、, brackets and 的
 * (归属于上市公司股东的净利润); forward ones end at 的. */
static size_t noun_run(const ss_attach *cx, const char *s, size_t end, size_t i, bool backward)
{
	size_t p = i, chars = 0;
	while (p < end && chars < SUBJECT_MAX_CHARS) {
		int w;
		uint32_t c = char_at(s, end, p, &w);
		bool ok = is_cjk(c) || is_alpha(c);
		/* A space or hyphen inside a name (Beyond Meat, CAC-40, 科创 50, 万得全 A). */
		if (!ok && (c == ' ' || c == '-') && p > i && p + 1 < end &&
		    (is_alpha((unsigned char)s[p + 1]) || is_digit((unsigned char)s[p + 1]))) {
			uint32_t prev = 0;
			size_t q = ss_utf8_back(s, p - 1);
			int pw;
			prev = char_at(s, end, q, &pw);
			ok = is_alpha(prev) || (backward && (is_cjk(prev) || is_digit(prev)));
		}
		/* 哈格里夫斯-兰斯当, 马克·吐温: the joints of a transcribed name */
		if (!ok && backward && (c == '-' || c == 0xB7) && p > i && p + 3 <= end) {
			int pw, nw;
			uint32_t prev = char_at(s, end, ss_utf8_back(s, p - 1), &pw);
			uint32_t next = char_at(s, end, p + (size_t)w, &nw);
			ok = is_cjk(prev) && is_cjk(next);
		}
		if (!ok && backward)
			ok = c == 0x3001 /* 、 */ || c == '(' || c == ')' || c == '.' ||
			     (is_digit(c) && !((p == i || !is_digit((unsigned char)s[p - 1])) &&
			                       amount_follows(s, end, p)));
		if (!ok)
			break;
		if (stop_at(cx, s, end, p) && !(backward && c == 0x7684 /* 的 */))
			break;
		p += (size_t)w;
		chars++;
	}
	return p;
}

/* Trim words of the tables (metric nouns: 占比, 规模; closing verbs: 达, 为)
 * off the end of [a, b). */
static size_t trim_words(const ss_attach *cx, const tabset *t, const char *s,
                         size_t a, size_t b)
{
	bool again = true;
	while (again && b > a) {
		again = false;
		/* A word is at most four characters, so only the last four starts
		 * before b can end there; they are tried in the order of a walk
		 * from a, on its grid. */
		size_t last[4], n = 0;
		for (size_t p = a; p < b; p += char_len(s, b, p))
			last[n++ % 4] = p;
		for (size_t k = n > 4 ? n - 4 : 0; k < n; k++) {
			size_t p = last[k % 4], w = word_at(cx, t, s, b, p);
			if (w && p + w == b) {
				b = p;
				again = true;
				break;
			}
		}
	}
	return b;
}

static size_t period_at(ss_attach *cx, size_t a, size_t b);

/* Skip a clause's opening words that are no subject: 其中, 据..., a period. */
static size_t skip_opening(ss_attach *cx, const char *s, size_t a, size_t b)
{
	for (;;) {
		/* Spaces, bullets and circled numbers (● ③) open no subject. */
		while (a < b) {
			int w;
			uint32_t c = char_at(s, b, a, &w);
			if (is_cjk(c) || is_alpha(c) || is_digit(c) || c == '(')
				break;
			a += (size_t)w;
		}
		size_t w = word_at(cx, &cx->opening, s, b, a);
		if (w) {
			a += w;
			continue;
		}
		/* List numbering (1. 2、 3)) opens an item, it is no subject. */
		size_t q = a;
		while (q < b && s[q] >= '0' && s[q] <= '9')
			q++;
		if (q > a && q < b && (s[q] == '.' || s[q] == ')') && (q + 1 >= b || s[q + 1] < '0' || s[q + 1] > '9')) {
			a = q + 1;
			continue;
		}
		if (q > a && q + 3 <= b && memcmp(s + q, "、", 3) == 0) {
			a = q + 3;
			continue;
		}
		/* A leading period (2021年, 10月11日, 前三季度) is no subject. */
		size_t p = period_at(cx, a, b);
		if (p > a) {
			a = p;
			continue;
		}
		return a;
	}
}

static bool clause_sep(const char *s, size_t i)
{
	return s[i] == ',' || s[i] == ';' || s[i] == ':';
}

/* The subject opening the clause [a, b), or false. */
/* The noun phrase [a, e) cleaned: a period inside or closing it, and the
 * words that close it (净利润达: 达), removed. */
static bool clean_subject(ss_attach *cx, const char *s, size_t a, size_t e,
                          bool trim_verb, size_t *ss, size_t *se)
{
	a = skip_opening(cx, s, a, e);
	/* 江苏银行2017年净利润: the metric after the period is the subject; a
	 * period closing the words (收益率周四) is no part of it. */
	for (size_t p = a; p < e; p += char_len(s, e, p)) {
		size_t pe = period_at(cx, p, e);
		/* only a year or a quarter: 美油9月合约 names a contract */
		bool yearly = pe > p && (contains(s, p, pe, "年") || contains(s, p, pe, "季"));
		if (yearly && pe < e && ss_utf8_count(s + pe, e - pe) >= 2) {
			a = pe;
			break;
		}
		if (pe > p && pe == e && p > a) {
			e = trim_words(cx, &cx->modifier, s, a, p);
			break;
		}
	}
	/* 净利润达3亿元: the 达 is the figure's verb. A change holds its own verb,
	 * so there the word before it ends a name (英伟达跌5%). */
	e = trim_words(cx, trim_verb ? &cx->tail : &cx->modifier, s, a, e);
	if (ss_utf8_count(s + a, e - a) < 2)
		return false;
	*ss = a;
	*se = e;
	return true;
}

/* The subject in the clause [a, b). When the clause runs up to the figure
 * (touching), the noun phrase right before it wins (江苏银行实现营业收入338亿元:
 * 营业收入); otherwise the clause's opening phrase (…人群成为中坚力量，占比升至
 * 42%: 40岁以下高净值人群). */
static bool clause_subject(ss_attach *cx, const char *s, size_t a, size_t b,
                           bool touching, bool trim_verb, size_t *ss, size_t *se)
{
	a = skip_opening(cx, s, a, b);
	if (touching) {
		size_t p = a;
		while (p < b) {
			size_t e = noun_run(cx, s, b, p, true);
			if (e == b) {
				if (p > a && clean_subject(cx, s, p, e, trim_verb, ss, se))
					return true;
				break;
			}
			if (e > p) {
				p = e;
				continue;
			}
			/* a stop word or a mark: step over it */
			size_t w = word_at(cx, &cx->stop, s, b, p);
			p += w ? w : char_len(s, b, p);
		}
	}
	return clean_subject(cx, s, a, noun_run(cx, s, b, a, true), trim_verb, ss, se);
}

void ss_attach_subject(ss_attach *cx, const ss_sentence *sent, size_t fs, size_t fe, size_t lo,
                       size_t hi, ss_kind kind, size_t *ss, size_t *se)
{
	const char *s = cx->norm;
	*ss = *se = 0;
	/* A subject never holds another figure: stay between the neighbours. */
	size_t start = lo > sent->start ? lo : sent->start;
	size_t end = hi < sent->end ? hi : sent->end;
	if (fs > start + SS_ATTACH_REACH)
		start = ss_utf8_back(s, fs - SS_ATTACH_REACH);
	if (end > fe + SS_ATTACH_REACH)
		end = ss_utf8_back(s, fe + SS_ATTACH_REACH);
	/* Forward: the figure modifies the noun after it. */
	size_t p = fe;
	if (p + 3 <= end && memcmp(s + p, "的", 3) == 0)
		p += 3;
	size_t e = noun_run(cx, s, end, p, false);
	if (ss_utf8_count(s + p, e - p) >= 2 && (p > fe || kind == SS_KIND_COUNT ||
	                                         kind == SS_KIND_PERCENT)) {
		*ss = p;
		*se = trim_words(cx, &cx->metric, s, p, e);
		if (*se > *ss)
			return;
	}
	/* Backward: the clause before the figure; earlier clauses (up to four) only
	 * while the later ones hold no more than a metric word or a comparison
	 * (…人群成为中坚力量，占比升至42%; CAC40指数报收于5452点，比前一交易日下跌
	 * 0.64点，跌幅为0.01%). */
	size_t b = fs;
	for (int tries = 0; tries < 4 && b > start; tries++) {
		size_t a = b;
		while (a > start && !clause_sep(s, a - 1))
			a--;
		/* 比2019年1—10月份增长14%: a comparison names the base, not the subject */
		size_t o = skip_opening(cx, s, a, b);
		bool base = (b - o >= 3 && (!memcmp(s + o, "比", 3) || !memcmp(s + o, "较", 3))) ||
		            (b - o >= 6 && !memcmp(s + o, "相比", 6));
		if (!base && clause_subject(cx, s, a, b, b == fs, kind != SS_KIND_CHANGE || b != fs,
		                            ss, se))
			return;
		if (!base && ss_utf8_count(s + o, trim_words(cx, &cx->metric, s, o, b) - o) >= 2)
			break;
		b = a > start ? a - 1 : a;
	}
	*ss = *se = 0;
}

/* ---- period ---- */

/* A period must name a time unit; the pattern alone also matches "" and "到". */
static bool is_period(const char *s, size_t a, size_t b);

/* The first characters of the period words (去年, 上半年, 截至, 本周, 一季度 ...),
 * a bit per code point; set once by period_init. */
static uint8_t period_leads[0x10000 / 8];

static pcre2_code *period_re;

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

static size_t memo_hash(size_t key, size_t cap)
{
	return (size_t)((key * 0x9E3779B97F4A7C15u) >> 16) & (cap - 1);
}

/* The memo slot of position p: its own, or the empty one to fill. */
static period_memo *memo_slot(ss_attach *cx, size_t p)
{
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
static size_t period_at(ss_attach *cx, size_t a, size_t b)
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
		const unsigned char *t = (const unsigned char *)s + off;
		size_t w;
		bool lead;
		if (t[0] < 0x80) {
			w = 1;
			lead = (t[0] >= '0' && t[0] <= '9') || t[0] == 'Q' || t[0] == 'q';
		} else if (plain3(t, to - off)) {
			w = 3;
			uint32_t cp = ((uint32_t)(t[0] & 0x0F) << 12) | ((uint32_t)(t[1] & 0x3F) << 6) |
			              (t[2] & 0x3F);
			if (cp == 0x300A || cp == 0x300B) { /* 《 》 */
				depth += cp == 0x300A ? 1 : (depth > 0 ? -1 : 0);
				off += 3;
				continue;
			}
			lead = period_leads[cp >> 3] & (1u << (cp & 7));
		} else {
			w = char_len(s, to, off);
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
