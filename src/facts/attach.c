/* attach.c - best-effort subject of a figure, from its sentence (the period
 * is period.c's).
 *
 * Subject: a noun run right after the figure (`95%以上金融机构`, `近30%的金融
 * 机构受访者`, `近百家金融机构`); else the noun phrase that opens the clause
 * before it (`营业收入同比增长15%`, `净利润达3亿元`), going back one clause
 * when that one holds only a metric word (`…高净值人群成为中坚力量，占比升至42%`).
 * Words that end a noun run come from the lexicon tables `stop`, `metric`,
 * `direction`, `qualifier` and `basis` of the rule set, so they are data.
 */
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "lexicon.h"

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

/* Ends of the characters from s[i] (up to four, and only up to the longest
 * word length the lexicon has for the first of them), in ends; returns the
 * lexicon's length bits for that first character (bit n-1: n characters). */
static unsigned word_ends(const ss_attach *cx, const char *s, size_t end, size_t i,
                          size_t ends[4], size_t *n)
{
	/* ss_rules_word_lengths, without the call for a character below U+10000 */
	const uint8_t *first = cx->rs->lex_first;
	uint32_t cp;
	unsigned lens;
	if (first && i < end && ss_utf8_decode(s + i, end - i, &cp) && cp < 0x10000)
		lens = first[cp];
	else
		lens = ss_rules_word_lengths(cx->rs, s + i, end - i);
	lens &= 0x0F;
	size_t j = i;
	*n = 0;
	while (*n < 4 && (lens >> *n) && j < end) {
		j += (size_t)ss_norm_len(s + j, end - j);
		ends[(*n)++] = j;
	}
	return lens;
}

/* word_at, with the words looked up here. */
static size_t word_at_looked(const ss_attach *cx, const tabset *t, const char *s, size_t end,
                             size_t i)
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

/* Length in bytes of a lexicon word of one of the tables starting at s[i],
 * the longest of up to four characters; 0 when none. From the word cache
 * inline, which answers nearly all. */
static inline size_t word_at(const ss_attach *cx, const tabset *t, const char *s, size_t end,
                             size_t i)
{
	size_t n = 0;
	const ss_word_slot *w =
	    cx->words && s == cx->norm ? ss_word_cache_at(cx->words, i, end, &n) : NULL;
	if (!w)
		return word_at_looked(cx, t, s, end, i);
	while (n > 0) {
		n--;
		if ((w->lens & (1u << n)) && (w->bits[n] & t->mask))
			return w->end[n] - i;
	}
	return 0;
}

/* Whether a noun of the word lexicon longer than len bytes starts at p:
 * then the stop word there is the start of a noun (增加值, 增长率, 表示法). */
static bool longer_noun(const ss_attach *cx, const char *s, size_t end, size_t p, size_t len)
{
	/* the lexicon's words at p, as the segmenter's cache holds them */
	bool cached = s == cx->norm;
	if (cached && ss_seg_longer_noun(cx->seg, p, end, len))
		return true;
	size_t q = p;
	for (int k = 0; k < SS_LEX_MAXLEN && q < end; k++) {
		q += (size_t)ss_norm_len(s + q, end - q);
		ss_pos pos;
		if (q - p <= len)
			continue;
		if (!cached && ss_lex_word(s + p, q - p, &pos) && pos == SS_POS_NOUN)
			return true;
		/* or a noun of the table pos the dictionary lacks (年增率) */
		const char *v = cx->pos_table >= 0
		                    ? ss_rules_lookup_id(cx->rs, cx->pos_table, s + p, q - p)
		                    : NULL;
		if (v && !strcmp(v, "noun"))
			return true;
	}
	return false;
}

/* Whether the rule set's table pos makes the direction word s[p, p + len)
 * a noun (新增): before an amount or a count it names what is new
 * (新增订单214.57亿元), and the amount is no change. */
static bool noun_by_table(const ss_attach *cx, const char *s, size_t p, size_t len)
{
	const char *v = cx->pos_table >= 0 ? ss_rules_lookup_id(cx->rs, cx->pos_table, s + p, len)
	                                   : NULL;
	return v && !strcmp(v, "noun");
}

/* A stop word at p: any word of the stop table, or a direction or basis word
 * of two or more characters (a lone 增 or 占 starts nouns too: 增值税, 占用税). */
static bool stop_at_looked(const ss_attach *cx, const char *s, size_t end, size_t p);

/* stop_at from the slot w of p, worked out (and kept when far). */
static bool stop_at_slot(const ss_attach *cx, const char *s, size_t end, size_t p, ss_word_slot *w,
                         bool far)
{
	size_t n = 0;
	if (!ss_word_cache_ends(w, p, end, &n))
		return stop_at_looked(cx, s, end, p);
	bool stop = false;
	while (n > 0) {
		if (!(w->lens & (1u << --n)))
			continue;
		size_t len = w->end[n] - p;
		/* the tables of stop_at_looked's in, by their bits: stop (in & 1),
		 * direction alone (in == 2), any */
		const tabset *st = &cx->stop;
		unsigned bits = w->bits[n];
		bool stop_word = bits & st->bit[0], any = bits & st->mask;
		bool direction = !stop_word && (bits & st->bit[1]) && !(bits & st->bit[2]);
		if (direction && cx->level && noun_by_table(cx, s, p, len))
			break;
		if (stop_word || (any && len > 3)) {
			stop = !longer_noun(cx, s, end, p, len);
			break;
		}
	}
	if (far)
		w->stop[cx->level ? 1 : 0] = stop;
	return stop;
}

/* Asked at every character of a noun run: the answer kept in the slot is
 * read inline. */
static inline bool stop_at(const ss_attach *cx, const char *s, size_t end, size_t p)
{
	ss_word_cache *c = cx->words;
	if (!c || s != cx->norm || p >= end || end > c->len)
		return stop_at_looked(cx, s, end, p);
	ss_word_slot *w = ss_word_cache_slot(c, p);
	/* with the next SS_LEX_MAXLEN characters inside end, nothing here
	 * depends on end: the answer is the offset's (and end cuts none of
	 * the slot's characters) */
	bool far = ss_word_cache_far(c, w, end);
	int8_t memo = w->stop[cx->level ? 1 : 0];
	if (far && memo >= 0)
		return memo;
	return stop_at_slot(cx, s, end, p, w, far);
}

/* stop_at, with the words looked up here. */
static bool stop_at_looked(const ss_attach *cx, const char *s, size_t end, size_t p)
{
	size_t ends[4], n;
	unsigned lens = word_ends(cx, s, end, p, ends, &n);
	while (n > 0) {
		if (!(lens & (1u << --n)))
			continue;
		size_t len = ends[n] - p;
		unsigned in = ss_rules_word_tables(cx->rs, cx->stop.id, cx->stop.n, s + p, len);
		if (in == 2 && cx->level && noun_by_table(cx, s, p, len))
			return false;
		if ((in & 1) || (in && len > 3))
			return !longer_noun(cx, s, end, p, len);
	}
	return false;
}

/* A run of nouns from i forward: CJK and Latin letters (and, when digits is
 * set, digits and the list marks of a named group), up to a stop word. */
static bool is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* Whether a word of the segmentation of [i, p + a few characters) runs
 * across p; the word in *t. */
static bool word_across(const ss_attach *cx, size_t end, size_t i, size_t p, ss_token *t)
{
	const char *s = cx->norm;
	size_t r = p;
	for (int k = 0; k < SS_LEX_MAXLEN && r < end; k++)
		r += (size_t)ss_norm_len(s + r, end - r);
	return ss_segment_across(cx->seg, i, r, p, t);
}

/* Whether p falls inside a word of the segmentation of [i, p + a few
 * characters) that is no function word or verb: a stop word there is the
 * end of a longer word begun before it (会计准则: 则, 北向资金: 向), not a
 * word of its own (主要因为, 转为, 参与 keep their stop word; a noun of
 * the table pos across it, 参与率, does not). The word must lead on to
 * more words (书报、文具): before a number (收盘报7.1837) the stop word is
 * the figure's verb. */
static bool inside_word(const ss_attach *cx, size_t end, size_t i, size_t p)
{
	const char *s = cx->norm;
	ss_token t;
	if (!word_across(cx, end, i, p, &t))
		return false;
	/* a longer noun from the same start (参与率 over the verb 参与) */
	if (t.start < p && longer_noun(cx, s, end, t.start, t.end - t.start))
		return true;
	if (t.pos == SS_POS_CONJ || t.pos == SS_POS_PREP || t.pos == SS_POS_ADV ||
	    t.pos == SS_POS_PART || t.pos == SS_POS_VERB)
		return false;
	int w;
	uint32_t c = t.end < end ? char_at(s, end, t.end, &w) : 0;
	return is_cjk(c) || is_alpha(c) || c == 0x3001 /* 、 */;
}

/* Words (table amount) that make the digits before them an amount
 * (299万平米), which ends a subject rather than naming it (科创50, 10年期国债
 * keep theirs). */
static bool amount_follows(const ss_attach *cx, const char *s, size_t end, size_t p)
{
	while (p < end && (is_digit((unsigned char)s[p]) || s[p] == '.' || s[p] == ','))
		p++;
	return p < end && word_at(cx, &cx->amount, s, end, p);
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
			                       amount_follows(cx, s, end, p)));
		if (!ok)
			break;
		if (!(backward && c == 0x7684 /* 的 */) && stop_at(cx, s, end, p) &&
		    !(p > i && inside_word(cx, end, i, p)))
			break;
		p += (size_t)w;
		chars++;
	}
	return p;
}

/* Trim words of the tables (metric nouns: 占比, 规模; closing verbs: 达, 为)
 * off the end of [a, b). */
static size_t trim_walk(const ss_attach *cx, const tabset *t, const char *s, size_t a, size_t b);

/* A function of the tables and [a, b) of the norm text alone, often asked
 * again at once (clause_subject trims the clause, clean_subject the same
 * run): the last answer is kept. */
static size_t trim_words(ss_attach *cx, const tabset *t, size_t a, size_t b)
{
	if (cx->trim_t != t || cx->trim_a != a + 1 || cx->trim_b != b) {
		cx->trim_to = trim_walk(cx, t, cx->norm, a, b);
		cx->trim_t = t;
		cx->trim_a = a + 1;
		cx->trim_b = b;
	}
	return cx->trim_to;
}

static size_t trim_walk(const ss_attach *cx, const tabset *t, const char *s, size_t a, size_t b)
{
	bool again = true;
	while (again && b > a) {
		again = false;
		/* A word is at most four characters, so only the last four starts
		 * before b can end there; they are tried in the order of a walk
		 * from a, on its grid. */
		size_t last[4], n = 0;
		for (size_t p = a; p < b; p += (size_t)ss_norm_len(s + p, b - p))
			last[n++ % 4] = p;
		for (size_t k = n > 4 ? n - 4 : 0; k < n; k++) {
			size_t p = last[k % 4], w = word_at(cx, t, s, b, p);
			if (!w || p + w != b)
				continue;
			/* not the end of a word of the lexicon begun before it (广达,
			 * a name; 净利润达 is none) */
			size_t q = p > a ? ss_utf8_back(s, p - 1) : p;
			if (!(q < p && ss_lex_word(s + q, b - q, NULL))) {
				b = p;
				again = true;
				break;
			}
		}
	}
	return b;
}


/* Skip a clause's opening words that are no subject: 其中, 据..., a period. */
static size_t skip_opening_walk(ss_attach *cx, const char *s, size_t a, size_t b);

/* A function of [a, b) alone, asked for a clause by the search and then
 * at once again by clause_subject: the last answer is kept. */
static size_t skip_opening(ss_attach *cx, const char *s, size_t a, size_t b)
{
	if (cx->skip_a != a + 1 || cx->skip_b != b) {
		cx->skip_to = skip_opening_walk(cx, s, a, b);
		cx->skip_a = a + 1;
		cx->skip_b = b;
	}
	return cx->skip_to;
}

static size_t skip_opening_walk(ss_attach *cx, const char *s, size_t a, size_t b)
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
		size_t p = ss_period_at(cx, a, b);
		if (p > a) {
			a = p;
			continue;
		}
		return a;
	}
}

/* Whether [a, b) holds only words of the tables stop and tail (则维持为):
 * a clause with no word of its own to name, which does not end the search
 * for the subject. */
static bool only_stop_words(const ss_attach *cx, const char *s, size_t a, size_t b)
{
	while (a < b) {
		size_t w = word_at(cx, &cx->stop, s, b, a);
		if (!w)
			w = word_at(cx, &cx->tail, s, b, a);
		if (!w)
			return false;
		a += w;
	}
	return true;
}

/* Where a quantity that closes the clause [a, b) and is no figure starts:
 * digits and up to four characters of a unit (市场交易电量17023.1亿千瓦时,
 * 施工面积为103,550万平米), not a period (10月11日); b when none. */
static size_t quantity_start(ss_attach *cx, const char *s, size_t a, size_t b)
{
	size_t q = b;
	int units = 0;
	while (q > a && units < 4) {
		size_t p = ss_utf8_back(s, q - 1);
		int w;
		if (!is_cjk(char_at(s, b, p, &w)))
			break;
		q = p;
		units++;
	}
	size_t d = q;
	while (d > a && (is_digit((unsigned char)s[d - 1]) || s[d - 1] == '.' || s[d - 1] == ','))
		d--;
	if (!units || d == q || d == a || !is_digit((unsigned char)s[d]) || ss_period_at(cx, d, b) > d)
		return b;
	/* a time (9时, 6年新高) or a rank (第5位) is none, by its first unit
	 * character (千瓦时 is a unit); nor is the end of a range (86-98点): a
	 * name or verb stands right before the digits */
	static const char *const times[] = {"年", "月", "日", "时", "周", "天", "位", "名"};
	for (size_t k = 0; k < sizeof times / sizeof *times; k++)
		if (!memcmp(s + q, times[k], 3))
			return b;
	int w;
	size_t before = ss_utf8_back(s, d - 1);
	uint32_t c = char_at(s, d, before, &w);
	return (is_cjk(c) || is_alpha(c)) && memcmp(s + before, "第", 3) ? d : b;
}

/* A comma, semicolon or colon at s[i] (i < b); a comma between digits
 * groups thousands (103,550万平米). */
static bool clause_sep(const char *s, size_t i, size_t b)
{
	if (s[i] == ',' && i > 0 && i + 1 < b && is_digit((unsigned char)s[i - 1]) &&
	    is_digit((unsigned char)s[i + 1]))
		return false;
	return s[i] == ',' || s[i] == ';' || s[i] == ':';
}

/* Where the clause that ends at b opens, not before start: past the last
 * clause_sep before b. Most bytes are none of its three marks, which one
 * test tells. */
static size_t clause_open(const char *s, size_t start, size_t b, size_t end)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	size_t a = b;
	while (a > start) {
#ifdef __SSE2__
		/* sixteen bytes at once while none of them is a mark */
		if (a - start >= 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + a - 16));
			__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')),
			                                      _mm_cmpeq_epi8(v, _mm_set1_epi8(';'))),
			                         _mm_cmpeq_epi8(v, _mm_set1_epi8(':')));
			if (!_mm_movemask_epi8(m)) {
				a -= 16;
				continue;
			}
		}
#endif
		/* eight bytes at once while none of them is a mark: v - ones &
		 * ~v & highs is 0 when no byte of v is 0 (and may be not when
		 * one is, which the bytes then tell) */
		if (a - start >= 8) {
			uint64_t x;
			memcpy(&x, s + a - 8, 8);
			uint64_t c = x ^ (',' * ones), m = x ^ (';' * ones), o = x ^ (':' * ones);
			if (((((c - ones) & ~c) | ((m - ones) & ~m) | ((o - ones) & ~o)) & highs) == 0) {
				a -= 8;
				continue;
			}
		}
		char c = s[a - 1];
		if ((c == ',' || c == ';' || c == ':') && clause_sep(s, a - 1, end))
			break;
		a--;
	}
	return a;
}

/* The subject opening the clause [a, b), or false. */
/* The noun phrase [a, e) cleaned: a period inside or closing it, and the
 * words that close it (净利润达: 达), removed. */
static bool clean_subject(ss_attach *cx, const char *s, size_t a, size_t e,
                          bool trim_verb, bool touching, size_t *ss, size_t *se)
{
	a = skip_opening(cx, s, a, e);
	/* 江苏银行2017年净利润: the metric after the period is the subject; a
	 * period closing the words (收益率周四) is no part of it. */
	for (size_t p = a; p < e; p += (size_t)ss_norm_len(s + p, e - p)) {
		size_t pe = ss_period_at(cx, p, e);
		/* only a year or a quarter: 美油9月合约 names a contract */
		bool yearly = pe > p && (contains(s, p, pe, "年") || contains(s, p, pe, "季"));
		if (yearly && pe < e && ss_two_chars(s + pe, e - pe)) {
			a = pe;
			break;
		}
		if (pe > p && pe == e && p > a) {
			e = trim_words(cx, &cx->modifier, a, p);
			break;
		}
	}
	/* 净利润达3亿元: the 达 is the figure's verb. A change holds its own verb,
	 * so there the word before it ends a name (英伟达跌5%). */
	e = trim_words(cx, trim_verb ? &cx->tail : &cx->modifier, a, e);
	if (!ss_two_chars(s + a, e - a) || !ss_subject_phrase(cx, &a, &e, touching))
		return false;
	*ss = a;
	*se = e;
	return true;
}

/* Whether the segmentation of [a, b) holds a noun. */
static bool has_noun(ss_attach *cx, size_t a, size_t b)
{
	ss_token tok[SUBJECT_MAX_CHARS];
	size_t n = ss_segment_cached(cx->seg, a, b, tok, SUBJECT_MAX_CHARS);
	for (size_t i = 0; i < n; i++)
		if (tok[i].pos == SS_POS_NOUN)
			return true;
	return false;
}

/* The subject in the clause [a, b). When the clause runs up to the figure
 * (touching), the noun phrase right before it wins (江苏银行实现营业收入338亿元:
 * 营业收入); otherwise the clause's opening phrase (…人群成为中坚力量，占比升至
 * 42%: 40岁以下高净值人群). */
static bool clause_subject(ss_attach *cx, const char *s, size_t a, size_t b,
                           bool touching, bool trim_verb, size_t *ss, size_t *se)
{
	a = skip_opening(cx, s, a, b);
	size_t run_a = SIZE_MAX; /* noun_run from a, once read */
	if (touching) {
		/* the run may stop at the figure's closing verb (净利润为): the
		 * clause's end less it, read when a run stops short of b */
		size_t bt = SIZE_MAX;
		size_t p = a;
		/* the run before a joint word that ends one (贷款与垫款总额: 与) */
		size_t run_s = SIZE_MAX, joined = SIZE_MAX;
		size_t prev_s = SIZE_MAX, prev_e = SIZE_MAX, aux_end = SIZE_MAX;
		while (p < b) {
			size_t e = noun_run(cx, s, b, p, true);
			if (p == a)
				run_a = e;
			if (e != b && e > p && bt == SIZE_MAX)
				bt = trim_words(cx, &cx->tail, a, b);
			if (e == b || (e == bt && e > p)) {
				/* 特斯拉在2022年可以轻松交付150万辆: after a modal, words
				 * with no noun are the predicate */
				if (aux_end == p && prev_e != SIZE_MAX && !has_noun(cx, p, e) &&
				    clean_subject(cx, s, prev_s, prev_e, trim_verb, true, ss, se))
					return true;
				/* 贷款与垫款总额上升0.7%: both nouns the joint joins */
				if (joined == p && clean_subject(cx, s, run_s, e, trim_verb, true, ss, se) &&
				    *ss == run_s)
					return true;
				if (p > a && clean_subject(cx, s, p, e, trim_verb, true, ss, se))
					return true;
				break;
			}
			if (e > p) {
				/* a joint of its own, not the end of a verb (参与) */
				ss_token t;
				size_t j = word_at(cx, &cx->joint, s, b, e);
				if (j && word_across(cx, b, p, e, &t))
					j = 0;
				run_s = p;
				joined = j && ss_two_chars(s + p, e - p) ? e + j : SIZE_MAX;
				prev_s = p;
				prev_e = e;
				p = e;
				continue;
			}
			/* a stop word or a mark: step over it */
			size_t w = word_at(cx, &cx->stop, s, b, p);
			const char *v = w && prev_e != SIZE_MAX
			                    ? ss_rules_lookup_id(cx->rs, cx->stop.id[0], s + p, w)
			                    : NULL;
			aux_end = v && !strcmp(v, "aux") ? p + w : SIZE_MAX;
			p += w ? w : (size_t)ss_norm_len(s + p, b - p);
		}
	}
	if (run_a == SIZE_MAX)
		run_a = noun_run(cx, s, b, a, true);
	return clean_subject(cx, s, a, run_a, trim_verb, touching, ss, se);
}

static void find_subject(ss_attach *cx, const ss_sentence *sent, size_t fs, size_t fe,
                         size_t lo, size_t hi, ss_kind kind, size_t *ss, size_t *se);

/* Whether a word of the table id, of any length, starts at p and ends by b. */
static bool table_word_starts(const ss_attach *cx, int id, size_t p, size_t b)
{
	/* a table of stop_at's, with no word of five characters or more from
	 * p: the word cache's slot tells */
	const tabset *st = &cx->stop;
	for (size_t k = 0; cx->words && p < b && b <= cx->len && k < st->n; k++) {
		size_t n;
		ss_word_slot *w;
		if (st->id[k] != id || !st->bit[k])
			continue;
		w = ss_word_cache_slot(cx->words, p);
		if (w->lens_all >> 4 || !ss_word_cache_ends(w, p, b, &n))
			break;
		for (size_t j = 0; j < n; j++)
			if ((w->lens & (1u << j)) && (w->bits[j] & st->bit[k]))
				return true;
		return false;
	}
	const char *s = cx->norm;
	unsigned lens = p < b ? ss_rules_word_lengths(cx->rs, s + p, b - p) : 0;
	size_t q = p;
	/* bit c - 1: a word of c characters; bit 7: of eight or more */
	for (unsigned c = 1; q < b && (c >= 8 ? lens & 0x80 : lens >> (c - 1)); c++) {
		q += (size_t)ss_norm_len(s + q, b - q);
		if ((lens & (1u << (c < 8 ? c - 1 : 7))) && ss_rules_lookup_id(cx->rs, id, s + p, q - p))
			return true;
	}
	return false;
}

/* A clause [a, b) that opens with the size of a change, a noun of the table
 * direction (涨幅, 降幅; jieba tags them nouns, 增长 a verb), after at most
 * one character of time (现涨幅收窄至12.62%): the figure measures that size
 * (增幅比1-10月份提升2.0个百分点), not the subject of the clause before. */
static bool size_subject(ss_attach *cx, const char *s, size_t a, size_t b, size_t *ss,
                         size_t *se)
{
	int direction = cx->stop.id[1];
	/* the size is a word of direction at a or after one character: none
	 * there, and the clause needs no cutting */
	if (direction < 0 || (!table_word_starts(cx, direction, a, b) &&
	                      (a + 3 >= b || !table_word_starts(cx, direction, a + 3, b))))
		return false;
	ss_token tok[4];
	size_t n = ss_segment_cached(cx->seg, a, b, tok, 4);
	size_t k = n >= 2 && tok[0].end - tok[0].start == 3 &&
	                   (tok[0].pos == SS_POS_TIME || tok[0].pos == SS_POS_ADV)
	               ? 1
	               : 0;
	if (k >= n || tok[k].pos != SS_POS_NOUN ||
	    !ss_rules_lookup_id(cx->rs, direction, s + tok[k].start, tok[k].end - tok[k].start))
		return false;
	*ss = tok[k].start;
	*se = tok[k].end;
	return true;
}

/* What is left of a range of years or months once the period took its end
 * (2016-2017年M2: "2016-") is no subject: digits and dashes only. */
static bool only_number(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '~' || s[i] == ' '))
			return false;
	return true;
}

void ss_attach_subject(ss_attach *cx, const ss_sentence *sent, size_t fs, size_t fe, size_t lo,
                       size_t hi, ss_kind kind, size_t *ss, size_t *se)
{
	find_subject(cx, sent, fs, fe, lo, hi, kind, ss, se);
	cx->level = false;
	if (*se > *ss && only_number(cx->norm, *ss, *se))
		*ss = *se = 0;
}

static void find_subject(ss_attach *cx, const ss_sentence *sent, size_t fs, size_t fe,
                         size_t lo, size_t hi, ss_kind kind, size_t *ss, size_t *se)
{
	const char *s = cx->norm;
	*ss = *se = 0;
	cx->level = kind == SS_KIND_MONEY || kind == SS_KIND_COUNT;
	/* A subject never holds another figure: stay between the neighbours. */
	size_t start = lo > sent->start ? lo : sent->start;
	size_t end = hi < sent->end ? hi : sent->end;
	if (fs > start + SS_ATTACH_REACH)
		start = ss_utf8_back(s, fs - SS_ATTACH_REACH);
	if (end > fe + SS_ATTACH_REACH)
		end = ss_utf8_back(s, fe + SS_ATTACH_REACH);
	/* Forward: the figure modifies the noun after it. */
	size_t p = fe;
	/* 的, or 之 as Hong Kong and Taiwan write it (798百萬港元之票據) */
	if (p + 3 <= end && (memcmp(s + p, "的", 3) == 0 || memcmp(s + p, "之", 3) == 0))
		p += 3;
	/* the run only where it may be the subject: after 的, or after a
	 * count or a percentage */
	size_t e = p > fe || kind == SS_KIND_COUNT || kind == SS_KIND_PERCENT
	               ? noun_run(cx, s, end, p, false)
	               : p;
	if (ss_two_chars(s + p, e - p)) {
		*ss = p;
		/* 0%-0.25%区间: the range a figure gives names nothing after it */
		*se = trim_words(cx, &cx->forward_metric, p, e);
		cx->forward = true;
		bool ok = *se > *ss && ss_subject_phrase(cx, ss, se, true);
		cx->forward = false;
		if (ok)
			return;
	}
	/* Backward: the clause before the figure; earlier clauses (up to four) only
	 * while the later ones hold no more than a metric word or a comparison
	 * (…人群成为中坚力量，占比升至42%; CAC40指数报收于5452点，比前一交易日下跌
	 * 0.64点，跌幅为0.01%). */
	size_t b = fs;
	bool touching = true, past_stop = false;
	for (int tries = 0; tries < 4 && b > start; tries++) {
		/* a space before the figure keeps it touching (派发现金红利 1元) */
		while (touching && b > start && s[b - 1] == ' ')
			b--;
		size_t a = clause_open(s, start, b, end);
		/* 净利润为:4600万元: the words before a colon that closes on the
		 * figure run up to it */
		if (touching && a == b && a > start && s[a - 1] == ':') {
			b = a - 1;
			a = clause_open(s, start, b, end);
		}
		/* past a clause of stop words only, an earlier clause cut short by
		 * the figure before (突破4万亿元大关，达到4.32万亿元; 降低5个BP，降至
		 * 2.15%) holds that figure's words, not this one's subject */
		if (past_stop && a == lo && lo > sent->start)
			break;
		/* 比2019年1—10月份增长14%: a comparison names the base, not the subject */
		size_t o = skip_opening(cx, s, a, b);
		bool base = o < b && word_at(cx, &cx->compare, s, b, o);
		cx->predicate = false;
		if (touching && !base && size_subject(cx, s, o, b, ss, se))
			return;
		/* 完成市场交易电量17023.1亿千瓦时，同比增长41.6%: the change is of the
		 * quantity that closes the clause before, named right before it */
		size_t q = touching || base ? b : quantity_start(cx, s, a, b);
		if (q < b && q > a && clause_subject(cx, s, a, q, true, true, ss, se))
			return;
		if (!base && clause_subject(cx, s, a, b, touching, kind != SS_KIND_CHANGE || !touching,
		                            ss, se))
			return;
		touching = false;
		/* a clause of its own (按可比价格计算) does not end the search */
		past_stop = !base && !cx->predicate && only_stop_words(cx, s, o, b);
		if (!base && !cx->predicate && !past_stop &&
		    ss_two_chars(s + o, trim_words(cx, &cx->metric, o, b) - o))
			break;
		b = a > start ? a - 1 : a;
	}
	*ss = *se = 0;
}
