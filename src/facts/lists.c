/* lists.c - what one sentence says of several things at once.
 *
 *   A、B和C分别为30%、40%和50%     each figure gets its own subject, in order;
 *   营收、净利分别增长5%、8%       and figures listed after a change's verb
 *                                 are changes too (8%: +8, like 5%);
 *   2016年、2017年，营收分别为…    each figure gets its own period, in order;
 *   《中国300家银行报告》           a report's title holds no statistics,
 *   https://…/10942234-5%E6%9C%88   nor does a web address, or an idiom
 *   走进千家万户                    built on numerals (table idiom).
 */
#include <string.h>
#include <strings.h>

#include "attach.h"
#include "lexicon.h"

static bool at(const char *s, size_t end, size_t i, const char *w)
{
	size_t n = strlen(w);
	return i + n <= end && memcmp(s + i, w, n) == 0;
}

bool ss_in_title(const char *norm, size_t sent_start, size_t pos)
{
	int depth = 0;
	if (pos > sent_start + SS_ATTACH_REACH)
		sent_start = ss_utf8_back(norm, pos - SS_ATTACH_REACH);
	for (size_t i = sent_start; i < pos; i++) {
		/* to the next lead byte of either mark */
		const char *m = memchr(norm + i, 0xE3, pos - i);
		if (!m)
			break;
		i = (size_t)(m - norm);
		if (at(norm, pos, i, "《"))
			depth++;
		else if (at(norm, pos, i, "》") && depth > 0)
			depth--;
	}
	return depth > 0;
}

/* A name built on a Chinese numeral, in quotation marks (“大气十条”,
 * “千人计划”, “十件事”): the quote is short, holds more than the figure, and
 * the figure has no Arabic digit (“增长50%” quotes a statistic). */
#define NAME_QUOTE_MAX 24 /* bytes: eight Chinese characters */

bool ss_in_name_quote(const char *norm, size_t len, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (norm[i] >= '0' && norm[i] <= '9')
			return false;
	size_t open = SIZE_MAX, close = SIZE_MAX;
	for (size_t i = a; i >= 3 && a - i < NAME_QUOTE_MAX; i--) {
		if (at(norm, a, i - 3, "“")) {
			open = i;
			break;
		}
		if (at(norm, a, i - 3, "”") || norm[i - 1] == '\n')
			return false;
	}
	for (size_t i = b; i + 3 <= len && i - b < NAME_QUOTE_MAX; i++) {
		if (at(norm, len, i, "”")) {
			close = i;
			break;
		}
		if (at(norm, len, i, "“") || norm[i] == '\n')
			return false;
	}
	return open != SIZE_MAX && close != SIZE_MAX && close - open <= NAME_QUOTE_MAX &&
	       (open < a || close > b);
}

/* The characters of a web address a figure can stand in: ASCII letters and
 * digits and the marks of a path or a query. Not the comma, semicolon or
 * parentheses, which the text stage makes of Chinese punctuation too
 * (（www.stcn.com）20%股权). */
static bool url_char(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
	       (c && strchr("-._~:/?#[]@&+=%", c));
}

#define URL_REACH 2048 /* bytes looked back for the address's opening */

bool ss_in_url(const char *norm, size_t a)
{
	if (!url_char((unsigned char)norm[a]) || a == 0 || !url_char((unsigned char)norm[a - 1]))
		return false;
	size_t r = a;
	while (r > 0 && a - r < URL_REACH && url_char((unsigned char)norm[r - 1]))
		r--;
	if (a - r >= 4 && !strncasecmp(norm + r, "www.", 4))
		return true;
	for (size_t i = r; i + 3 <= a; i++)
		if (!memcmp(norm + i, "://", 3))
			return true;
	return false;
}

#define IDIOM_BACK 3 /* characters an idiom may open before its figure */

/* Whether a word of the table id starts at p and ends past a, of up to
 * four characters: what the longest of them (ss_rules_word_at) tells, with
 * only the lengths that reach past a looked up, in that table alone. */
static bool word_past(const ss_ruleset *rs, int id, const char *s, size_t len, size_t p,
                      size_t a)
{
	if (p >= len)
		return false;
	/* most places open like no word of the table, which its first
	 * characters tell before any length is looked up (a lead byte that
	 * is no whole character has no key) */
	if ((ss_utf8_len(s + p, len - p) == 3 || ((unsigned char)s[p] & 0xF0) != 0xE0) &&
	    id >= 0 && (size_t)id < rs->lex_ntables && rs->lex_first_of &&
	    !ss_lex_first_in(rs, id, ss_lex_first_key(s + p, len - p)))
		return false;
	unsigned lens = ss_rules_word_lengths(rs, s + p, len - p) & 0x0F;
	size_t q = p;
	for (unsigned n = 0; lens >> n && n < 4 && q < len; n++) {
		q += (size_t)ss_utf8_len(s + q, len - q);
		if (q > a && (lens >> n & 1) && ss_rules_lookup_id(rs, id, s + p, q - p))
			return true;
	}
	return false;
}

bool ss_in_idiom(const ss_ruleset *rs, int id, const char *norm, size_t len, size_t a)
{
	if (id < 0)
		return false;
	size_t p = a;
	for (int k = 0; k <= IDIOM_BACK; k++) {
		if (word_past(rs, id, norm, len, p, a))
			return true;
		if (p == 0)
			break;
		p = ss_utf8_back(norm, p - 1);
	}
	return false;
}

/* Length of a list joint at i (a word of the table joint: 、 和 及 与 以及
 * 或; or a space), 0 if none; a comma parts clauses, not the items of a list. */
static size_t joint_at(const ss_ruleset *rs, int joint, const char *s, size_t end, size_t i)
{
	if (i < end && s[i] == ' ')
		return 1;
	return ss_word_at(rs, joint, s, end, i);
}

/* Only joints between a and b: the figures there form one list. */
static bool only_joints(const ss_ruleset *rs, int joint, const char *s, size_t a, size_t b)
{
	while (a < b) {
		size_t w = joint_at(rs, joint, s, b, a);
		if (!w)
			return false;
		a += w;
	}
	return true;
}

/* Split the names before 分别 at the joints; returns the count (up to max). */
static size_t split_names(const ss_ruleset *rs, int joint, const char *s, size_t a, size_t b,
                          size_t *ns, size_t *ne, size_t max)
{
	size_t n = 0, start = a;
	for (size_t i = a; i <= b && n < max;) {
		size_t w = i < b ? joint_at(rs, joint, s, b, i) : 1;
		if (w && s[i] != ' ') {
			if (i > start) {
				ns[n] = start;
				ne[n++] = i;
			}
			i += w;
			start = i;
		} else {
			i += i < b ? (size_t)ss_utf8_len(s + i, b - i) : 1;
		}
	}
	return n;
}

#define LIST_MAX 16

/* The end of a listed name: where a word of the tables list_close or basis
 * starts (移动通信基站设备等绿色智能产品产量同比: 移动通信基站设备). */
static size_t name_end(const ss_ruleset *rs, const int *close, const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i += (size_t)ss_utf8_len(s + i, b - i))
		if (i > a && ss_rules_word_at(rs, close, 2, s, b, i))
			return i;
	return b;
}

/* The end of a listed name before the predicate that closes its clause
 * (东方园林排名前三: 东方园林): the first verb of two characters or more
 * after two characters (a verb of one is often half of a name: 荣盛石化). */
static size_t before_verb(const char *s, size_t a, size_t b)
{
	ss_token tok[32];
	size_t n = ss_segment(s, a, b, tok, 32);
	for (size_t i = 1; i < n; i++)
		if (tok[i].pos == SS_POS_VERB && ss_utf8_count(s + tok[i].start, tok[i].end - tok[i].start) >= 2 &&
		    ss_utf8_count(s + a, tok[i].start - a) >= 2)
			return tok[i].start;
	return b;
}

/* Whether the clause [a, b) can be one listed name: no opening word (一方面
 * and the words of the table opening), no pronoun, number or time word
 * (其次是浙江省, 报告期各期). */
static bool name_clause(const ss_ruleset *rs, const char *s, size_t a, size_t b)
{
	int opening = ss_rules_table_id(rs, "opening");
	if (ss_rules_word_at(rs, &opening, 1, s, b, a))
		return false;
	ss_token tok[32];
	size_t n = ss_segment(s, a, b, tok, 32);
	for (size_t i = 0; i < n; i++)
		if (tok[i].pos == SS_POS_PRON || tok[i].pos == SS_POS_NUM || tok[i].pos == SS_POS_TIME)
			return false;
	return n > 0;
}

/* The names a 分别 list before mark enumerates, from the clause [p, mark)
 * split at the joints, and when that holds fewer than k, the clauses before
 * it one name each (新能源汽车,工业机器人,挖掘、铲土运输机械,集成电路产量
 * 同比分别增长…): exactly k names, or 0. sent: the sentence's start; lo:
 * the end of the figure before the list, which no name crosses. */
static size_t list_names(const ss_ruleset *rs, int joint, const int *close, const char *s,
                         size_t sent, size_t lo, size_t p, size_t mark, size_t k, size_t *ns,
                         size_t *ne)
{
	size_t tmp_s[LIST_MAX], tmp_e[LIST_MAX];
	size_t n = split_names(rs, joint, s, p, mark, tmp_s, tmp_e, LIST_MAX);
	if (n == 0 || n > k)
		return 0;
	/* 其中A、B、C排名前三，占比分别为…: one metric before 分别, and the
	 * clause before it names exactly k things, each up to its predicate */
	if (n == 1 && k > 1 && p > sent + 1 && p - 1 > lo && s[p - 1] == ',') {
		size_t a = p - 1;
		while (a > sent && a > lo && s[a - 1] != ',' && s[a - 1] != ';' && s[a - 1] != ':')
			a--;
		if (split_names(rs, joint, s, a, p - 1, ns, ne, LIST_MAX) == k) {
			/* no period among them (2016年、2017年，中海沃邦实现的营业收入分别…) */
			int opening = ss_rules_table_id(rs, "opening");
			size_t x = 0;
			for (; x < k; x++) {
				ne[x] = before_verb(s, ns[x], name_end(rs, close, s, ns[x], ne[x]));
				size_t q = ns[x]; /* past 其中, which name_phrase takes off */
				for (size_t w; q < ne[x] && (w = ss_rules_word_at(rs, &opening, 1, s, ne[x], q));)
					q += w;
				if (!name_clause(rs, s, q, ne[x]))
					break;
			}
			if (x == k)
				return k;
		}
	}
	size_t have = k - n; /* the clauses before fill ns[0, have) from the right */
	for (size_t x = 0; x < n; x++) {
		ns[have + x] = tmp_s[x];
		ne[have + x] = tmp_e[x];
	}
	size_t b = p;
	while (have > 0) {
		if (b <= sent || b <= lo || s[b - 1] != ',')
			return 0;
		size_t a = b - 1;
		while (a > sent && a > lo && s[a - 1] != ',' && s[a - 1] != ';' && s[a - 1] != ':')
			a--;
		if (a >= b - 1 || !name_clause(rs, s, a, b - 1))
			return 0;
		have--;
		ns[have] = a;
		ne[have] = b - 1;
		b = a;
	}
	for (size_t x = 0; x < k; x++)
		ne[x] = name_end(rs, close, s, ns[x], ne[x]);
	return k;
}

/* Whether norm [a, b) holds no end of a statement (。, ! or ?, as norm writes
 * ！？, or a line break): a ; parts clauses of one statement. */
static bool one_statement(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (s[i] == '\n' || s[i] == '!' || s[i] == '?' || at(s, b, i, "。"))
			return false;
	return true;
}

/* The periods a 分别 list enumerates (2015年、2016年和2017年，营收分别为…):
 * the clause before the list's clause [p, …), split at the joints, is
 * exactly k periods and nothing else. Returns k, or 0. */
static size_t list_periods(ss_attach *cx, int joint, const char *s, size_t sent, size_t lo,
                           size_t p, size_t k, size_t *ps, size_t *pe)
{
	if (p <= sent + 1 || p - 1 <= lo || s[p - 1] != ',')
		return 0;
	size_t a = p - 1;
	while (a > sent && a > lo && s[a - 1] != ',' && s[a - 1] != ';' && s[a - 1] != ':')
		a--;
	if (split_names(cx->rs, joint, s, a, p - 1, ps, pe, LIST_MAX) != k)
		return 0;
	for (size_t x = 0; x < k; x++)
		if (ss_period_at(cx, ps[x], pe[x]) != pe[x])
			return 0;
	return k;
}

/* A listed name loses the clause's opening words (其中港元存款), a
 * preposition opening it (在香港使用的贷款) and what subject.c takes off a
 * subject as no part of what is measured (a gloss, 在9月份); a name that
 * would be left empty stays as written. */
static void name_phrase(ss_attach *cx, size_t *pa, size_t *pe)
{
	size_t a = *pa, e = *pe;
	for (size_t w; a < e && (w = ss_rules_word_at(cx->rs, cx->opening.id, cx->opening.n,
	                                              cx->norm, e, a));)
		a += w;
	ss_token tok[32];
	if (a < e && ss_segment_cached(cx->seg, a, e, tok, 32) >= 1 && tok[0].pos == SS_POS_PREP &&
	    tok[0].end < e)
		a = tok[0].end;
	if (a < e && ss_subject_clean(cx, &a, &e)) {
		*pa = a;
		*pe = e;
	}
}

void ss_facts_lists(const ss_ruleset *rs, ss_attach *cx, ss_doc *doc, const size_t *fs,
                    const size_t *fe)
{
	if (doc->nfacts < 2)
		return; /* no list */
	const char *s = doc->norm.ptr;
	int joint = ss_rules_table_id(rs, "joint");
	int close[2] = {ss_rules_table_id(rs, "list_close"), ss_rules_table_id(rs, "basis")};
	/* the names of the last list: a list of as many figures later in its
	 * sentence with no names of its own (M2及M3分别升0.7%及0.8%,按年分别升
	 * 9.4%及9.3%) enumerates them again */
	size_t prev_s[LIST_MAX], prev_e[LIST_MAX], prev_k = 0, prev_sent = SIZE_MAX;
	/* the same for the periods of the last list (…；净利润分别为A、B和C) */
	size_t per_s[LIST_MAX], per_e[LIST_MAX], per_k = 0, per_end = 0;
	ss_period_carry dates; /* for the periods' dates, set up when first needed */
	bool dates_ready = false;
	for (size_t i = 0; i < doc->nfacts;) {
		/* the figures after the i-th, joined by list marks only */
		size_t j = i + 1;
		while (j < doc->nfacts && j - i < LIST_MAX && only_joints(rs, joint, s, fe[j - 1], fs[j]))
			j++;
		size_t k = j - i;
		if (k < 2) {
			i++;
			continue;
		}
		/* A change's verb reaches the plain figures listed after it, also
		 * where the changes follow the amounts they move with nothing
		 * between (…1,142.1百萬港元分別減少16.1%及23.9%). */
		const ss_fact *verb = NULL;
		for (size_t x = i; x < j; x++) {
			ss_fact *g = &doc->facts[x];
			if (g->kind == SS_KIND_CHANGE) {
				verb = g;
			} else if (verb && g->kind == SS_KIND_PERCENT && g->direction == SS_DIR_NONE &&
			           !strcmp(g->unit, verb->unit)) {
				g->kind = SS_KIND_CHANGE;
				g->direction = verb->direction;
				g->basis = verb->basis;
				if (verb->direction == SS_DIR_DOWN && g->value > 0)
					ss_fact_negate(g);
			}
		}
		/* 分别 before the first figure, in the same clause */
		const ss_sentence *in = ss_doc_sentence_at(doc, fs[i]);
		size_t sent = in ? in->start : 0;
		if (fs[i] > sent + SS_ATTACH_REACH)
			sent = ss_utf8_back(s, fs[i] - SS_ATTACH_REACH);
		size_t p = fs[i], mark = SIZE_MAX;
		while (p > sent && s[p - 1] != ',' && s[p - 1] != ';' && s[p - 1] != ':')
			p--;
		/* the figure's own match may hold it (分别下降5%) */
		for (size_t q = p; q < fe[i] && mark == SIZE_MAX; q++)
			if (at(s, fe[i], q, "分别"))
				mark = q;
		if (mark != SIZE_MAX) {
			size_t ns[LIST_MAX], ne[LIST_MAX];
			size_t lo = i > 0 ? fe[i - 1] : 0;
			size_t n = list_names(rs, joint, close, s, sent, lo, p, mark, k, ns, ne);
			if (n == 0 && prev_k == k && prev_sent == (in ? in->start : 0) &&
			    split_names(rs, joint, s, p, mark, ns, ne, LIST_MAX) < k) {
				memcpy(ns, prev_s, sizeof ns);
				memcpy(ne, prev_e, sizeof ne);
				n = k;
			}
			/* names that are all periods (2014年度和2015年度分别实现营业收入…)
			 * enumerate the figures' periods; the subject is the clause's */
			size_t ps[LIST_MAX], pe[LIST_MAX], np = 0;
			for (size_t x = 0; n == k && x < k; x++) {
				size_t a = ns[x], e = ne[x];
				name_phrase(cx, &a, &e);
				if (a >= e || ss_period_at(cx, a, e) != e)
					break;
				ps[x] = a;
				pe[x] = e;
				np = x + 1;
			}
			if (np == k) {
				n = 0;
			} else {
				np = 0;
			}
			if (n == k) {
				for (size_t x = 0; x < k; x++) {
					size_t a = ns[x], e = ne[x];
					name_phrase(cx, &a, &e);
					doc->facts[i + x].subject = ss_doc_norm_to_text(doc, a, e);
				}
				memcpy(prev_s, ns, sizeof ns);
				memcpy(prev_e, ne, sizeof ne);
				prev_k = k;
				prev_sent = in ? in->start : 0;
			}
			if (np != k)
				np = list_periods(cx, joint, s, sent, lo, p, k, ps, pe);
			if (np == k) {
				memcpy(per_s, ps, sizeof ps);
				memcpy(per_e, pe, sizeof pe);
				per_k = k;
				per_end = fe[j - 1];
			} else if (per_k == k && one_statement(s, per_end, fs[i])) {
				/* a later list takes them only where its figures carry the
				 * last of them (no period of their own) */
				ss_tspan last = ss_doc_norm_to_text(doc, per_s[k - 1], per_e[k - 1]);
				size_t x = 0;
				for (; x < k; x++) {
					ss_tspan t = doc->facts[i + x].period;
					if (t.start != last.start || t.end != last.end)
						break;
				}
				if (x == k) {
					memcpy(ps, per_s, sizeof ps);
					memcpy(pe, per_e, sizeof pe);
					np = k;
				}
			}
			if (np == k) {
				if (!dates_ready) {
					ss_period_carry_init(&dates, doc);
					dates_ready = true;
				}
				for (size_t x = 0; x < k; x++) {
					ss_fact *g = &doc->facts[i + x];
					g->period = ss_doc_norm_to_text(doc, ps[x], pe[x]);
					ss_period_fill_dates(&dates, rs, s, (ss_nspan){ps[x], pe[x]}, g);
				}
			}
		}
		i = j;
	}
}
