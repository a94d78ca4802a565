/* subject.c - a subject is a noun phrase: the words the subject finder
 * (attach.c) found for a figure, segmented with the word lexicon
 * (lexicon.c), lose what is no part of a noun phrase. Clause words around
 * the phrase go (天泽信息收获了: 天泽信息; 折算年率高:
 * 折算年率), and a clause that ends in its own verb is no subject at all
 * (按可比价格计算, 分季度看: the subject stands earlier). jieba's tags take a
 * few heads of financial noun phrases for verbs (收入, 增速); the rule set's
 * table `pos` says what such a word is here. */
#include <string.h>

#include "attach.h"
#include "lexicon.h"

#define PHRASE_TOKENS 96
#define PHRASE_CHARS 256 /* the segmenter cuts no more */

/* The part of speech of the token, the rule set's `pos` table first (*told:
 * the table makes it a verb). */
static ss_pos token_pos(const ss_attach *cx, const char *s, const ss_token *t, bool may,
                        bool *told)
{
	*told = false;
	if (may && cx->pos_table >= 0) {
		const char *v = ss_rules_lookup_id(cx->rs, cx->pos_table, s + t->start,
		                                   t->end - t->start);
		if (v && !strcmp(v, "noun"))
			return SS_POS_NOUN;
		if (v && !strcmp(v, "verb")) {
			*told = true;
			return SS_POS_VERB;
		}
		if (v && !strcmp(v, "time"))
			return SS_POS_TIME;
	}
	return t->pos;
}

/* Whether the token is the word w, a string literal (its length known
 * where it is written, so the compare is of that many bytes). */
#define is_text(s, t, w) is_text_n(s, t, w, sizeof w - 1)
static inline bool is_text_n(const char *s, const ss_token *t, const char *w, size_t n)
{
	return t->end - t->start == n && !memcmp(s + t->start, w, n);
}

/* Whether the token is one character, or two or more (the counts the
 * tests below ask for). */
static inline bool one_char(const char *s, const ss_token *t)
{
	return t->end > t->start && !ss_two_chars(s + t->start, t->end - t->start);
}

static bool two_chars(const char *s, const ss_token *t)
{
	return ss_two_chars(s + t->start, t->end - t->start);
}

/* Function words, which never end a noun phrase (整体毛利率或, 交付量则). */
static bool trailing_junk(ss_pos p, const char *s, const ss_token *t)
{
	switch (p) {
	case SS_POS_PART:
	case SS_POS_ADV:
	case SS_POS_CONJ:
	case SS_POS_PREP:
		return true;
	case SS_POS_MARK:
		return !is_text(s, t, ")");
	default:
		return false;
	}
}

/* Words that never open one: prepositions and conjunctions, a period word
 * (上月), a one-character pronoun (其, 该); 本港 and 各项 are part of what they
 * name, and so are adverbs (最终消费支出, 未分配利润). */
static bool leading_junk(ss_pos p, const char *s, const ss_token *t)
{
	switch (p) {
	case SS_POS_CONJ:
	case SS_POS_PREP:
	case SS_POS_TIME:
		return true;
	case SS_POS_PRON:
		return one_char(s, t);
	case SS_POS_MARK:
		return !is_text(s, t, "(");
	default:
		return false;
	}
}

static bool any_verb(const ss_pos *pos, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (pos[i] == SS_POS_VERB)
			return true;
	return false;
}

/* Whether the token is a run of lower-case ASCII letters (yoy, saar; an
 * upper-case CPI is a name). */
static bool letters(const char *s, const ss_token *t)
{
	for (size_t i = t->start; i < t->end; i++)
		if (!(s[i] >= 'a' && s[i] <= 'z'))
			return false;
	return t->end > t->start;
}

/* The character of three bytes at s[i], 0 for any other: what a compare
 * of three bytes with one tells, read once. */
static uint32_t char3_at(const char *s, size_t i)
{
	const unsigned char *t = (const unsigned char *)s + i;
	if ((t[0] & 0xF0) != 0xE0 || (t[1] & 0xC0) != 0x80 || (t[2] & 0xC0) != 0x80)
		return 0;
	return ((uint32_t)(t[0] & 0x0F) << 12) | ((uint32_t)(t[1] & 0x3F) << 6) | (t[2] & 0x3F);
}

/* Whether the character at s[i] is a numeral or the 第 / 前 of an ordinal
 * (第四季, 前三月, 22年). */
static bool numeral_at(const char *s, size_t i)
{
	if (s[i] >= '0' && s[i] <= '9')
		return true;
	switch (char3_at(s, i)) {
	case 0x4E00: /* 一 */
	case 0x4E8C: /* 二 */
	case 0x4E09: /* 三 */
	case 0x56DB: /* 四 */
	case 0x4E94: /* 五 */
	case 0x516D: /* 六 */
	case 0x4E03: /* 七 */
	case 0x516B: /* 八 */
	case 0x4E5D: /* 九 */
	case 0x5341: /* 十 */
	case 0x4E24: /* 两 */
	case 0x96F6: /* 零 */
	case 0x3007: /* 〇 */
	case 0x7B2C: /* 第 */
	case 0x524D: /* 前 */
		return true;
	default:
		return false;
	}
}

/* Whether the token ends in a time unit of the table time_unit (季, 月份,
 * 财年, 个月) written after a numeral (第四季, 22 年) or opening the phrase
 * (个月: its number stood before it); from: where the phrase starts. A
 * unit may span words (个 月): every character from there is tried. */
/* Whether a time unit opens at u in the token: -1 none, else 1 when it
 * ends the period (it opens the phrase, or follows a numeral), 0 not. */
static int unit_at(const ss_attach *cx, const ss_token *t, size_t from, size_t u)
{
	const char *s = cx->norm;
	if (!ss_rules_lookup_id(cx->rs, cx->time_unit, s + u, t->end - u))
		return -1;
	if (u == from)
		return 1;
	size_t p = ss_utf8_back(s, u - 1);
	return p >= from && numeral_at(s, p);
}

static bool period_end_walk(const ss_attach *cx, const ss_token *t, size_t from)
{
	const char *s = cx->norm;
	if (cx->time_unit < 0)
		return false;
	for (size_t u = from; u < t->end; u += (size_t)ss_norm_len(s + u, t->end - u)) {
		int r = unit_at(cx, t, from, u);
		if (r >= 0)
			return r;
	}
	return false;
}

/* The characters of a phrase that may open a word of the table time_unit:
 * those that pass the first-character test of ss_rules_lookup_id (the same
 * test at every length once the character is whole), found once for all
 * the tokens period_end asks of, in order. n is SIZE_MAX when there are
 * more than at holds. */
typedef struct {
	size_t n, at[PHRASE_CHARS];
} unit_starts;

static void unit_starts_of(const ss_attach *cx, size_t from, size_t to, unit_starts *u)
{
	const ss_ruleset *rs = cx->rs;
	const char *s = cx->norm;
	u->n = 0;
	if (cx->time_unit < 0 || !rs || (size_t)cx->time_unit >= rs->lex_ntables)
		return;
	for (size_t p = from; p < to; p += (size_t)ss_norm_len(s + p, to - p)) {
		/* a lead of three bytes that is no whole character: its key
		 * depends on the length, which the lookup then tells */
		bool whole = ((unsigned char)s[p] & 0xF0) != 0xE0 || ss_norm_len(s + p, to - p) == 3;
		if (whole && !ss_lex_first_in(rs, cx->time_unit, ss_lex_first_key(s + p, to - p)))
			continue;
		if (u->n == PHRASE_CHARS) {
			u->n = SIZE_MAX;
			return;
		}
		u->at[u->n++] = p;
	}
}

/* period_end_walk, trying only the characters us (unit_starts_of from
 * from) holds. */
static bool period_end(const ss_attach *cx, const ss_token *t, size_t from, const unit_starts *us)
{
	if (us->n == SIZE_MAX)
		return period_end_walk(cx, t, from);
	for (size_t k = 0; k < us->n && us->at[k] < t->end; k++) {
		int r = unit_at(cx, t, from, us->at[k]);
		if (r >= 0)
			return r;
	}
	return false;
}

/* An aspect mark (了, 过, 着) after a verb makes the words up to it a
 * clause (记者开了一场新闻发布会, 天泽信息收获了). */
static inline bool aspect(const char *s, const ss_token *t)
{
	return is_text(s, t, "了") || is_text(s, t, "过") || is_text(s, t, "着");
}

/* Whether the last character of a and the word b make a word (税收 入:
 * 收入), which then is what the text says. */
static bool ends_word(const char *s, const ss_token *a, const ss_token *b)
{
	size_t last = ss_utf8_back(s, a->end - 1);
	return ss_lex_word(s + last, b->end - last, NULL);
}

static bool is_verb(ss_pos p)
{
	return p == SS_POS_VERB || p == SS_POS_ADJ;
}

/* Whether a word of the table pos (one the rule set has) may open at the
 * token t, by the test of its first character ss_rules_lookup_id makes:
 * the same for the token and for the words merged from it once that
 * character is whole in it (where it is not, true, and the lookups tell). */
static bool pos_may(const ss_attach *cx, const ss_token *t)
{
	const char *w = cx->norm + t->start;
	size_t len = t->end - t->start;
	if (!len)
		return false;
	if (((unsigned char)w[0] & 0xF0) == 0xE0 && len < 3)
		return true;
	return ss_lex_first_in(cx->rs, cx->pos_table, ss_lex_first_key(w, len));
}

/* Joins the words the segmenter cut that the rule set's table pos names
 * (营收, 纯利: jieba's dictionary lacks them), up to three tokens; returns
 * the new count, and in may[] pos_may of each token left. */
static size_t merge_words(const ss_attach *cx, ss_token *tok, size_t n, bool *may)
{
	/* a table the rule set has: else no lookup finds a word */
	const ss_ruleset *rs = cx->rs;
	bool table = rs && cx->pos_table >= 0 && (size_t)cx->pos_table < rs->lex_ntables;
	size_t out = 0;
	for (size_t i = 0; i < n;) {
		size_t take = 1;
		bool m = table && pos_may(cx, &tok[i]);
		for (size_t k = 3; m && k >= 2; k--)
			if (i + k <= n && ss_rules_lookup_id(cx->rs, cx->pos_table, cx->norm + tok[i].start,
			                                     tok[i + k - 1].end - tok[i].start)) {
				take = k;
				break;
			}
		tok[out] = tok[i];
		tok[out].end = tok[i + take - 1].end;
		may[out] = m;
		out++;
		i += take;
	}
	return out;
}

/* Whether the word w (a string literal) stands at s[i], before e: its
 * length is known where it is written, so no strlen at every character. */
#define text_at(s, i, e, w) text_at_n(s, i, e, w, sizeof w - 1)
static inline bool text_at_n(const char *s, size_t i, size_t e, const char *w, size_t n)
{
	return i + n <= e && !memcmp(s + i, w, n);
}

/* The end of the longest word of the table id (up to twelve characters)
 * that starts at a and ends by e; a when none. */
static size_t table_prefix(const ss_attach *cx, int id, size_t a, size_t e)
{
	/* ss_rules_lookup_id first tests the key of the word's first character,
	 * the same for every length once that character is whole: when no word
	 * of the table opens so, none of the lengths is one */
	const ss_ruleset *rs = cx->rs;
	if (id < 0 || a >= e || !rs || (size_t)id >= rs->lex_ntables)
		return a;
	const char *w = cx->norm + a;
	if (((unsigned char)w[0] & 0xF0) != 0xE0
	        ? !ss_lex_first_in(rs, id, ss_lex_first_key(w, 1))
	        : ss_norm_len(w, e - a) == 3 && !ss_lex_first_in(rs, id, ss_lex_first_key(w, 3)))
		return a;
	size_t best = a, p = a;
	for (int k = 0; id >= 0 && k < 12 && p < e; k++) {
		p += (size_t)ss_norm_len(cx->norm + p, e - p);
		if (ss_rules_lookup_id(cx->rs, id, cx->norm + a, p - a))
			best = p;
	}
	return best;
}

/* A period of numerals and time words alone closed by 的 (二零一三年十一月的,
 * 今年5月的, 该月的, 首十一个月的): the end of its 的, else a. */
static size_t period_of(const char *s, size_t a, size_t e)
{
	size_t p = a, n = 0;
	bool unit = false, count = false, first = false;
	while (p < e) {
		/* the character, when it is whole before e */
		uint32_t c = p + 3 <= e ? char3_at(s, p) : 0;
		/* a count of months is a period only after 首 or 前 (首5个月的);
		 * 12个月的拆息 is a tenor */
		count |= c == 0x4E2A /* 个 */;
		first |= c == 0x9996 /* 首 */ || c == 0x524D /* 前 */;
		bool ok = numeral_at(s, p);
		if (!ok)
			switch (c) {
			case 0x5E74: /* 年 */
			case 0x6708: /* 月 */
			case 0x5B63: /* 季 */
			case 0x5EA6: /* 度 */
			case 0x4EFD: /* 份 */
			case 0x4E2A: /* 个 */
			case 0x4ECA: /* 今 */
			case 0x53BB: /* 去 */
			case 0x672C: /* 本 */
			case 0x8BE5: /* 该 */
			case 0x5F53: /* 当 */
			case 0x540C: /* 同 */
			case 0x4E0A: /* 上 */
			case 0x9996: /* 首 */
				ok = true;
			}
		if (!ok)
			break;
		unit = c == 0x5E74 /* 年 */ || c == 0x6708 /* 月 */ || c == 0x5B63 /* 季 */ ||
		       c == 0x5EA6 /* 度 */ || c == 0x4EFD /* 份 */;
		p += (size_t)ss_norm_len(s + p, e - p);
		n++;
	}
	return n >= 2 && unit && (!count || first) && text_at(s, p, e, "的") ? p + 3 : a;
}

/* Whether [q, e) is a bracket whose words open with one of the table gloss
 * (包括贸易融资, 不含税): a note on what the figure covers. */
static bool gloss_bracket(const ss_attach *cx, int gloss, size_t q, size_t e)
{
	const char *s = cx->norm;
	return s[q] == '(' && s[e - 1] == ')' && q + 1 < e - 1 &&
	       table_prefix(cx, gloss, q + 1, e - 1) > q + 1;
}

bool ss_subject_clean(ss_attach *cx, size_t *pa, size_t *pe)
{
	const char *s = cx->norm;
	size_t a = *pa, e = *pe;
	int gloss = cx->gloss;
	/* the rest of a number the subject was cut from (3个交易日诺瓦瓦克斯市值,
	 * 每10股派现, 6个月内减持): its measure word or time unit, and what the
	 * table number_rest keeps with it */
	if (a < e && a > 0 && s[a - 1] >= '0' && s[a - 1] <= '9') {
		/* only whole words: 股指期货 and 个月期国库 stay as written */
		ss_token tok[8];
		size_t nt = ss_segment_cached(cx->seg, a, e, tok, 8), k = 0;
		size_t w = table_prefix(cx, cx->time_unit, a, e);
		size_t m = table_prefix(cx, cx->measure, a, e);
		size_t r = table_prefix(cx, cx->number_rest, a, e);
		w = w > m ? w : m;
		w = w > r ? w : r;
		while (k < nt && tok[k].end < w)
			k++;
		size_t was = a;
		while (k < nt && tok[k].end == w && w < e) {
			a = w;
			w = table_prefix(cx, cx->number_rest, a, e);
			k++;
			/* a tenor names the thing with its number (3个月期国库现金定存) */
			const char *v =
			    w > a ? ss_rules_lookup_id(cx->rs, cx->number_rest, s + a, w - a) : NULL;
			if (v && !strcmp(v, "keep")) {
				a = was;
				break;
			}
		}
	}
	for (bool again = true; again && a < e;) {
		again = false;
		size_t was_a = a, was_e = e;
		/* how the series is adjusted (未经调整的, 经季节因素调整的): no
		 * part of what it measures */
		size_t p0 = ss_period_at(cx, a, e); /* 7月份未经调整的: after its period */
		size_t adj = table_prefix(cx, cx->adjustment, p0, e);
		if (adj > p0)
			a = text_at(s, adj, e, "的") ? adj + 3 : adj;
		/* a period before 的 (二零一三年十一月的零售业总销货价值): the period's */
		a = period_of(s, a, e);
		/* X的临时估计: the estimate is of X */
		for (size_t p = a; p + 3 < e; p += (size_t)ss_norm_len(s + p, e - p))
			if (p > a && text_at(s, p, e, "的") && cx->status >= 0 &&
			    ss_rules_lookup_id(cx->rs, cx->status, s + p + 3, e - p - 3)) {
				e = p;
				break;
			}
		/* a bracket left open by the figure (百货公司货品(零售量), or one
		 * that notes what is covered (贷款(包括贸易融资)) */
		size_t q = e;
		for (const char *b = memchr(s + a, '(', e - a); b;
		     b = memchr(b + 1, '(', (size_t)(s + e - b - 1)))
			q = (size_t)(b - s);
		if (q < e && ((q > a && !memchr(s + q, ')', e - q)) ||
		              (s[e - 1] == ')' && gloss_bracket(cx, gloss, q, e))))
			e = q;
		/* 在 and the period closing the phrase (贷款在9月份) */
		for (size_t p = a; p < e; p += (size_t)ss_norm_len(s + p, e - p))
			if (p > a && text_at(s, p, e, "在") && ss_period_at(cx, p + 3, e) == e && e > p + 3) {
				e = p;
				break;
			}
		again = a != was_a || e != was_e;
	}
	*pa = a;
	*pe = e;
	return e > a;
}

bool ss_subject_phrase(ss_attach *cx, size_t *pa, size_t *pe, bool own_verb)
{
	bool bracketed = *pe > *pa && cx->norm[*pe - 1] == '('; /* the figure stands in it */
	if (!ss_subject_clean(cx, pa, pe))
		return false;
	const char *s = cx->norm;
	ss_token tok[PHRASE_TOKENS];
	ss_pos pos[PHRASE_TOKENS];
	bool may[PHRASE_TOKENS];
	size_t n = merge_words(cx, tok, ss_segment_cached(cx->seg, *pa, *pe, tok, PHRASE_TOKENS), may);
	if (!n)
		return false;
	bool told[PHRASE_TOKENS]; /* the table pos makes it a verb */
	for (size_t i = 0; i < n; i++)
		pos[i] = token_pos(cx, s, &tok[i], may[i], &told[i]);
	size_t lo = 0, hi = n;
	/* A figure in brackets after a clause (申购户数创新高(约120万户)) counts
	 * what the clause is about: the nouns before its first verb, when words
	 * follow that verb (前3季表现(…) is a noun phrase ending in one). */
	if (own_verb && bracketed && n >= 3)
		for (size_t i = 1; i + 1 < n; i++)
			if (pos[i] == SS_POS_VERB && !told[i]) {
				if (pos[i - 1] == SS_POS_NOUN)
					hi = i;
				break;
			}
	/* A clause causing the figure (晶片供应改善令销量): what it acts on,
	 * after the word of the table cause, is the subject. */
	for (size_t i = hi > 1 ? hi - 1 : 0; cx->cause >= 0 && i-- > lo + 1;)
		if (ss_rules_lookup_id(cx->rs, cx->cause, s + tok[i].start, tok[i].end - tok[i].start)) {
			lo = i + 1;
			break;
		}
	/* Trailing function words, and a verb with its aspect mark. */
	while (hi > lo) {
		if (hi - lo >= 2 && aspect(s, &tok[hi - 1]) && is_verb(pos[hi - 2]))
			hi -= 2;
		/* a function word of one character only after a word: 哔哩哔哩 is
		 * no word of the lexicon, and its last 哩 no particle */
		else if (trailing_junk(pos[hi - 1], s, &tok[hi - 1]) &&
		         (two_chars(s, &tok[hi - 1]) ||
		          (hi - lo >= 2 && two_chars(s, &tok[hi - 2]))))
			hi--;
		/* nor a place word of one character after nouns (生鲜电商企业中:
		 * among them); after a verb it closes a clause of time
		 * (扣除留抵退税因素后), see below */
		else if (pos[hi - 1] == SS_POS_PLACE && one_char(s, &tok[hi - 1]) && hi - lo >= 2 &&
		         two_chars(s, &tok[hi - 2]) && !any_verb(pos, lo, hi - 1))
			hi--;
		else
			break;
	}
	/* A gloss in lower-case Latin letters closing the phrase is no part of
	 * it (实质GDP年增率(yoy)); a name (居民消费价格(CPI)), a code (腾讯控股
	 * (00700)) or a unit (每股收益(元)) stays. */
	if (hi - lo >= 4 && is_text(s, &tok[hi - 1], ")") && is_text(s, &tok[hi - 3], "(") &&
	    letters(s, &tok[hi - 2]))
		hi -= 3;
	/* A verb the table pos names (拉动, 概估: the lexicon lacks it, takes
	 * it for a noun, or for a verb that may head a noun) before the figure
	 * is the figure's; after 的 it is a noun (PM2.5污染的贡献). */
	if (own_verb && hi - lo >= 2 && told[hi - 1] && !is_text(s, &tok[hi - 2], "的"))
		hi--;
	/* The figure's own verb of one character after a noun (目标价续, 比重料);
	 * not after a character of its own, which may be half of a word the
	 * lexicon lacks (营收: 营 收). */
	if (own_verb && hi - lo >= 2 && pos[hi - 1] == SS_POS_VERB && one_char(s, &tok[hi - 1]) &&
	    pos[hi - 2] == SS_POS_NOUN && two_chars(s, &tok[hi - 2]) &&
	    !ends_word(s, &tok[hi - 2], &tok[hi - 1]))
		hi--;
	/* the words after the last verb with an aspect mark inside */
	for (size_t i = hi; i-- > lo + 1;)
		if (aspect(s, &tok[i]) && is_verb(pos[i - 1])) {
			lo = i + 1;
			break;
		}
	/* Words that open with a preposition and end in a verb (按自然口径计算,
	 * 从结构看), or a clause apart from the figure that ends in a verb of one
	 * character (分季度看), say how, they name nothing: the subject stands
	 * earlier. jieba
	 * takes many heads of noun phrases for verbs (投入, 减值, 率), so a verb
	 * alone is no sign. */
	if (hi > lo && pos[hi - 1] == SS_POS_VERB &&
	    (pos[lo] == SS_POS_PREP || (!own_verb && one_char(s, &tok[hi - 1]) && hi - lo > 1))) {
		cx->predicate = true;
		return false;
	}
	/* 扣除留抵退税因素后, 停牌时: a verb's clause closed by 后, 时 or 前 says
	 * when, it names nothing either. */
	if (hi - lo >= 2 && one_char(s, &tok[hi - 1]) &&
	    (is_text(s, &tok[hi - 1], "后") || is_text(s, &tok[hi - 1], "时") ||
	     is_text(s, &tok[hi - 1], "前"))) {
		for (size_t i = lo; i + 1 < hi; i++)
			if (pos[i] == SS_POS_VERB) {
				cx->predicate = true;
				return false;
			}
	}
	/* A figure before its noun (十余家金融业者未公布元月营收) counts the noun:
	 * an adverb and a verb after it open the predicate. */
	if (cx->forward)
		for (size_t i = lo + 1; i < hi; i++)
			if (pos[i] == SS_POS_ADV && i + 1 < hi && pos[i + 1] == SS_POS_VERB &&
			    tok[i].start - tok[lo].start >= 6) {
				hi = i;
				break;
			}
	/* A numbered period inside the phrase (长汽2021财年第四季纯利, 本港7月份
	 * 存款总额, 3个月共有研究报告): the metric after it is the subject,
	 * unless a character of its own follows, bound to the unit (两年期英债,
	 * 1个月期品种: a tenor). */
	unit_starts us; /* found at the first token that needs them */
	us.n = 0;
	bool have_us = false;
	for (size_t i = hi > lo ? hi - 1 : lo; i-- > lo;) {
		size_t j = i + 1; /* over a space (第一季 GDP) */
		if (j + 1 < hi && is_text(s, &tok[j], " "))
			j++;
		if (pos[j] == SS_POS_NOUN && two_chars(s, &tok[j]) &&
		    tok[hi - 1].end - tok[j].start >= 3) {
			if (!have_us) {
				unit_starts_of(cx, tok[lo].start, tok[hi - 1].end, &us);
				have_us = true;
			}
			if (period_end(cx, &tok[i], tok[lo].start, &us)) {
				lo = j;
				break;
			}
		}
	}
	/* A verb of two or more characters opening the phrase, with at least
	 * three words after it that no 的 ties to a head (统计上市柜公司元月营收,
	 * 我国发放住房公积金个人住房贷款): the words after it are the object the
	 * figure measures. With fewer words after it the verb is often part of
	 * the noun (结算额, 采购经理指数, 控股企业增加值); before anything but a
	 * noun of two characters or more it modifies (质押式债券回购利率,
	 * 归属于上市公司股东的净利润, 加权平均净资产收益率). */
	{
		size_t v = lo;
		if (v < hi && pos[v] == SS_POS_PRON)
			v++;
		bool tied = false;
		for (size_t i = v; i < hi; i++)
			tied |= is_text(s, &tok[i], "的");
		if (!tied && v + 3 < hi && pos[v] == SS_POS_VERB && two_chars(s, &tok[v]) &&
		    pos[v + 1] == SS_POS_NOUN && two_chars(s, &tok[v + 1]))
			lo = v + 1;
	}
	/* Leading: function words, a period word, and a verb with its aspect mark
	 * or a preposition (抵销了在香港使用的贷款). */
	while (lo < hi) {
		if (leading_junk(pos[lo], s, &tok[lo])) {
			lo++;
			continue;
		}

		if (is_verb(pos[lo]) && lo + 1 < hi &&
		    (aspect(s, &tok[lo + 1]) || pos[lo + 1] == SS_POS_PREP)) {
			lo += 2;
			continue;
		}
		break;
	}
	/* A number with no noun or verb names nothing (第二季, 连续七个月); a
	 * verb alone may name a metric (预盈, 净投放), and a name the lexicon
	 * lacks may be made of any words (好未来) */
	bool head = false, number = false;
	for (size_t i = lo; i < hi; i++) {
		number |= pos[i] == SS_POS_NUM;
		head |= pos[i] != SS_POS_NUM && pos[i] != SS_POS_ADV && pos[i] != SS_POS_ADJ &&
		        pos[i] != SS_POS_DIST && pos[i] != SS_POS_MARK;
	}
	/* the figure's own verb alone (服务净出口则贡献1.6个百分点: 贡献) */
	if (lo >= hi || (number && !head) || (own_verb && hi - lo == 1 && told[lo]))
		return false;
	size_t a = tok[lo].start, e = tok[hi - 1].end;
	if (!ss_two_chars(s + a, e - a))
		return false;
	*pa = a;
	*pe = e;
	return true;
}
