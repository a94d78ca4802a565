/* build.c - from one rule match to one fact: the value through the numerals,
 * qualifier and bounds, direction and basis, then spans mapped back to the
 * source through both offset maps (normalised -> stripped -> source). */
#include <stdlib.h>
#include <string.h>

#include "../numeral/numeral.h"
#include "facts.h"

static bool group_set(const ss_match *m, ss_group g)
{
	return m->gs[g] != SS_UNSET && m->ge[g] > m->gs[g];
}

/* A table a fact is built with: its name, and its id, found once per
 * document so that each of a fact's lookups compares no table names, when
 * first needed (a document's figures may never ask some tables). */
typedef struct {
	const char *name;
	int id; /* TABLE_UNKNOWN until found */
} table_ref;

#define TABLE_UNKNOWN (-2)

typedef struct {
	table_ref unit, local, qualifier, direction, basis, quote, opening;
} build_tables;

/* (apart, so that the lookups that find the id known stay short) */
static __attribute__((noinline)) int table_find(const ss_ruleset *rs, table_ref *t)
{
	return t->id = ss_rules_table_id(rs, t->name);
}

static inline int table_id(const ss_ruleset *rs, table_ref *t)
{
	return __builtin_expect(t->id != TABLE_UNKNOWN, 1) ? t->id : table_find(rs, t);
}

/* ss_rules_lookup of the table t (which scans the maps by name before the
 * set is compiled). */
static const char *lookup(const ss_ruleset *rs, table_ref *t, const char *w, size_t n)
{
	return rs->lex ? ss_rules_lookup_id(rs, table_id(rs, t), w, n)
	               : ss_rules_lookup(rs, t->name, w, n);
}

/* lookup of a table whose id is found (by a lookup before, or at once) */
static __attribute__((noinline)) const char *lookup_known(const ss_ruleset *rs, const table_ref *t, const char *w, size_t n)
{
	return rs->lex ? ss_rules_lookup_id(rs, t->id, w, n) : ss_rules_lookup(rs, t->name, w, n);
}

/* lookup of a unit group, in a table found with the document (unit, local:
 * nearly every figure asks them) */
static const char *lookup_group(const ss_ruleset *rs, const table_ref *table, const char *norm,
                                const ss_match *m, ss_group g)
{
	if (!group_set(m, g))
		return NULL;
	return lookup_known(rs, table, norm + m->gs[g], m->ge[g] - m->gs[g]);
}

/* How a group's number was written. */
typedef enum { NUM_ONE, NUM_RANGE, NUM_MORE_THAN } num_form;

/* The number of a group: one number (1.2万亿, 一百二十), 成 (三成半), yuan with
 * jiao and fen, or an approximate amount (3000多, 十几万) with its upper
 * bound in *hi. Spaces inside (`4.9 万亿`) are layout, not digits. */
static bool parse_group(const char *norm, const ss_match *m, ss_group g, ss_number *n,
                        ss_number *hi, num_form *form)
{
	if (!group_set(m, g))
		return false;
	const char *s = norm + m->gs[g];
	size_t len = m->ge[g] - m->gs[g];
	char tmp[SS_NUMERAL_MAX_INPUT];
	if (memchr(s, ' ', len)) {
		size_t k = 0;
		for (size_t i = 0; i < len; i++) {
			if (s[i] == ' ')
				continue;
			if (k == sizeof tmp)
				return false;
			tmp[k++] = s[i];
		}
		s = tmp;
		len = k;
	}
	*form = NUM_ONE;
	if (ss_numeral_parse(s, len, n) || ss_numeral_parse_cheng(s, len, n) ||
	    ss_numeral_parse_money(s, len, n))
		return true;
	ss_number h;
	ss_approx_kind k;
	if (!ss_numeral_parse_approx(s, len, n, &h, &k))
		return false;
	if (hi)
		*hi = h;
	*form = k == SS_APPROX_MORE_THAN ? NUM_MORE_THAN : NUM_RANGE;
	return true;
}

/* The power of ten of a trailing scale word (两到三万: the 万 is both ends'). */
static int scale_suffix(const char *s, size_t len)
{
	static const struct {
		const char *w;
		int exp;
	} sc[] = {{"万亿", 12}, {"兆", 12}, {"亿", 8}, {"千万", 7}, {"百万", 6}, {"万", 4}, {"千", 3}};
	for (size_t i = 0; i < sizeof sc / sizeof sc[0]; i++) {
		size_t n = strlen(sc[i].w);
		if (len > n && memcmp(s + len - n, sc[i].w, n) == 0)
			return sc[i].exp;
	}
	return 0;
}

static void set_copy(char *dst, size_t cap, const char *src, size_t n)
{
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static void set_bound(ss_fact *f, bool high, const ss_number *n)
{
	if (high) {
		f->has_high = 1;
		f->high = n->value;
		set_copy(f->high_str, sizeof f->high_str, n->str, strlen(n->str));
	} else {
		f->has_low = 1;
		f->low = n->value;
		set_copy(f->low_str, sizeof f->low_str, n->str, strlen(n->str));
	}
}

/* The value: a fixed one, num (÷ den for a fraction), times the rule's scale.
 * An approximate amount or a range fills *hi and sets *form. False when the
 * digits do not read as a number (then it is no figure). */
static bool match_value(const ss_rule *r, const char *norm, const ss_match *m, ss_number *v,
                        ss_number *hi, num_form *form)
{
	*form = NUM_ONE;
	if (r->value[0]) {
		if (!ss_numeral_parse(r->value, strlen(r->value), v))
			return false;
	} else if (!parse_group(norm, m, SS_G_NUM, v, hi, form)) {
		return false;
	}
	ss_number den;
	num_form df;
	if (parse_group(norm, m, SS_G_DEN, &den, NULL, &df)) {
		if (den.value == 0 || df != NUM_ONE || *form != NUM_ONE)
			return false;
		int pct = r->kind == SS_KIND_PERCENT || !strcmp(r->unit, "%") ? 2 : 0;
		size_t zeros = strspn(den.str + 1, "0");
		if (den.str[0] == '1' && den.str[1 + zeros] == '\0') {
			/* 百分之2.4, 千分之三: a power of ten divides exactly */
			ss_number_shift(v, pct - (int)zeros);
		} else if (!ss_number_div(v, &den, pct)) {
			double x = v->value / den.value * (pct ? 100.0 : 1.0);
			ss_number_from_double(v, x);
		}
	}
	if (group_set(m, SS_G_HI)) {
		num_form hf;
		if (*form != NUM_ONE || !parse_group(norm, m, SS_G_HI, hi, NULL, &hf) || hf != NUM_ONE)
			return false;
		int e = scale_suffix(norm + m->gs[SS_G_HI], m->ge[SS_G_HI] - m->gs[SS_G_HI]);
		if (e && !scale_suffix(norm + m->gs[SS_G_NUM], m->ge[SS_G_NUM] - m->gs[SS_G_NUM]))
			ss_number_shift(v, e);
		if (hi->value < v->value && hi->value < 0 && v->value < 0) {
			ss_number t = *v; /* -0.061%至-0.110%: falling below zero, [-0.110, -0.061] */
			*v = *hi;
			*hi = t;
		}
		if (hi->value < v->value)
			return false; /* 20-5: no range, a date or a score */
		*form = NUM_RANGE;
	}
	if (r->scale != 1.0) {
		ss_number_mul(v, r->scale);
		if (*form != NUM_ONE)
			ss_number_mul(hi, r->scale);
	}
	return true;
}

/* Bounds of the stated interval, on the magnitude; see SPEC's fact table. */
static void set_bounds(ss_fact *f, const ss_number *v, const ss_number *hi, num_form form)
{
	if (form == NUM_MORE_THAN) { /* 3000多: above 3000, below 4000 */
		set_bound(f, false, v);
		set_bound(f, true, hi);
		return;
	}
	bool has_hi = form == NUM_RANGE;
	switch (f->qualifier) {
	case SS_QUAL_EXACT:
		set_bound(f, false, v);
		set_bound(f, true, v);
		break;
	case SS_QUAL_NEARLY:
	case SS_QUAL_AT_MOST:
	case SS_QUAL_LESS_THAN:
		set_bound(f, true, v);
		break;
	case SS_QUAL_AT_LEAST:
	case SS_QUAL_MORE_THAN:
		set_bound(f, false, v);
		break;
	case SS_QUAL_RANGE:
		set_bound(f, false, v);
		if (has_hi)
			set_bound(f, true, hi);
		break;
	default: /* approx: no hard interval */
		break;
	}
}

/* A change that went down is negative, and so are its bounds (swapped). */
void ss_fact_negate(ss_fact *f)
{
	/* value as ss_number_from_double would set it (no -0), str as written */
	ss_number n = {f->value == 0 ? 0.0 : f->value, ""};
	set_copy(n.str, sizeof n.str, f->value_str, strlen(f->value_str));
	ss_number_negate(&n);
	f->value = n.value;
	set_copy(f->value_str, sizeof f->value_str, n.str, strlen(n.str));

	int hl = f->has_low, hh = f->has_high;
	ss_number lo = {f->low, ""}, hi = {f->high, ""};
	set_copy(lo.str, sizeof lo.str, f->low_str, strlen(f->low_str));
	set_copy(hi.str, sizeof hi.str, f->high_str, strlen(f->high_str));
	ss_number_negate(&lo);
	ss_number_negate(&hi);
	f->has_low = f->has_high = 0;
	f->low_str[0] = f->high_str[0] = '\0';
	f->low = f->high = 0;
	if (hh)
		set_bound(f, false, &hi);
	if (hl)
		set_bound(f, true, &lo);
}

/* A direction name of a rule or a map, "sign" among them (rules.h). */
static int direction_parse(const char *name, size_t len)
{
	if (len == 4 && memcmp(name, "sign", 4) == 0)
		return SS_DIR_SIGN;
	return ss_direction_parse(name, len);
}

/* The way a signed figure went: up or down when its value and its bounds
 * agree; none for zero, a range across it (-10%至20%) or a bound on the
 * size alone (变动幅度达20%以上 is a move of 20% either way). */
static int sign_direction(const ss_fact *f)
{
	if (f->qualifier != SS_QUAL_EXACT && f->qualifier != SS_QUAL_APPROX &&
	    f->qualifier != SS_QUAL_RANGE && f->value >= 0)
		return SS_DIR_NONE;
	double lo = f->has_low ? f->low : f->value, hi = f->has_high ? f->high : f->value;
	if (lo > 0 && hi > 0)
		return SS_DIR_UP;
	if (lo < 0 && hi < 0)
		return SS_DIR_DOWN;
	return SS_DIR_NONE;
}

/* The value of the longest word of table that group g begins with, or NULL. */
static const char *word_from(const ss_ruleset *rs, table_ref *table, const char *norm,
                             const ss_match *m, ss_group g)
{
	if (!group_set(m, g))
		return NULL;
	const char *w = norm + m->gs[g];
	size_t n = m->ge[g] - m->gs[g];
	while (n > 0 && w[0] == ' ') { /* 5% 左右: the layout before the word */
		w++;
		n--;
	}
	while (n > 0 && w[n - 1] == ' ')
		n--;
	const char *v = lookup(rs, table, w, n);
	/* Two words in one group (不超过约): the first speaks, what follows it
	 * only softens it; so the longest word of the table the group begins with. */
	for (size_t k = n; !v && k > 0;) {
		k = ss_utf8_back(w, k - 1);
		if (k > 0)
			v = lookup_known(rs, table, w, k);
	}
	return v;
}

static int enum_from(const ss_ruleset *rs, table_ref *table, const char *norm,
                     const ss_match *m, ss_group g, int (*parse)(const char *, size_t))
{
	const char *v = word_from(rs, table, norm, m, g);
	return v ? parse(v, strlen(v)) : -1;
}

/* A figure that reaches into an inline code span (is 39 `间`: the figure
 * in prose, the measure word quoted) straddles two texts; markup that falls
 * inside a figure otherwise (同比增长**15%**) strips to it. */
static bool straddles_code(const char *src, size_t start, size_t end, const char *text, size_t tlen)
{
	if (end - start == tlen && memcmp(src + start, text, tlen) == 0)
		return false;
	return memchr(src + start, '`', end - start) && !memchr(text, '`', tlen);
}

const ss_sentence *ss_doc_sentence_at(const ss_doc *doc, size_t pos)
{
	size_t lo = 0, hi = doc->nsentences;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (doc->sentences[mid].end <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < doc->nsentences && doc->sentences[lo].start <= pos)
		return &doc->sentences[lo];
	return NULL;
}

/* ss_doc_sentence_at for figures in text order: the sentence found last
 * (*hint) or the next one holds most, so those are looked at first. */
static const ss_sentence *sentence_near(const ss_doc *doc, size_t pos, size_t *hint)
{
	size_t h = *hint;
	for (size_t k = h; k < h + 2 && k < doc->nsentences; k++) {
		const ss_sentence *t = &doc->sentences[k];
		if (t->end > pos && (k == 0 || doc->sentences[k - 1].end <= pos)) {
			*hint = k;
			return t->start <= pos ? t : NULL;
		}
	}
	const ss_sentence *t = ss_doc_sentence_at(doc, pos);
	if (t)
		*hint = (size_t)(t - doc->sentences);
	return t;
}

/* Whether a word of the table quote (报, 收报) ends right before norm[pos],
 * a space apart at most. */
static bool quoted(const ss_ruleset *rs, table_ref *quote, const char *norm, size_t pos)
{
	if (pos > 0 && norm[pos - 1] == ' ')
		pos--;
	size_t b = pos;
	for (int k = 0; k < 2 && b > 0; k++) {
		b = ss_utf8_back(norm, b - 1);
		if (lookup(rs, quote, norm + b, pos - b))
			return true;
	}
	return false;
}

static bool build_one(const ss_ruleset *rs, build_tables *t, ss_doc *doc, const ss_match *m,
                      ss_fact *f)
{
	const ss_rule *r = m->rule;
	const char *norm = doc->norm.ptr;
	ss_number v, hi;
	num_form form;
	if (!match_value(r, norm, m, &v, &hi, &form))
		return false;

	memset(f, 0, sizeof *f);
	f->kind = r->kind;
	f->rule_id = r->id;
	f->value = v.value;
	set_copy(f->value_str, sizeof f->value_str, v.str, strlen(v.str));

	if (r->unit[0]) {
		set_copy(f->unit, sizeof f->unit, r->unit, strlen(r->unit));
	} else if (group_set(m, SS_G_LABEL)) {
		/* a label's unit (市值: 元, 总股本: 股); 元 is the document's currency */
		const char *u = word_from(rs, &t->unit, norm, m, SS_G_LABEL);
		if (!u)
			return false;
		if (lookup(rs, &t->local, u, strlen(u)))
			u = doc->currency;
		set_copy(f->unit, sizeof f->unit, u, strlen(u));
	} else if (group_set(m, SS_G_UNIT)) {
		const char *u = lookup_group(rs, &t->unit, norm, m, SS_G_UNIT);
		if (u && lookup_group(rs, &t->local, norm, m, SS_G_UNIT))
			u = doc->currency; /* a bare 元: the document's currency */
		if (u)
			set_copy(f->unit, sizeof f->unit, u, strlen(u));
		else
			set_copy(f->unit, sizeof f->unit, norm + m->gs[SS_G_UNIT],
			         m->ge[SS_G_UNIT] - m->gs[SS_G_UNIT]);
	}

	int q = r->qualifier;
	if (q < 0 && form == NUM_RANGE)
		q = SS_QUAL_RANGE;
	if (q < 0 && form == NUM_MORE_THAN)
		q = SS_QUAL_MORE_THAN;
	if (q < 0)
		q = enum_from(rs, &t->qualifier, norm, m, SS_G_Q3, ss_qualifier_parse);
	if (q < 0)
		q = enum_from(rs, &t->qualifier, norm, m, SS_G_Q2, ss_qualifier_parse);
	if (q < 0)
		q = enum_from(rs, &t->qualifier, norm, m, SS_G_Q, ss_qualifier_parse);
	f->qualifier = q < 0 ? SS_QUAL_EXACT : (ss_qualifier)q;
	set_bounds(f, &v, &hi, form);

	int d = r->direction >= 0 ? r->direction
	                          : enum_from(rs, &t->direction, norm, m, SS_G_DIR, direction_parse);
	bool by_sign = d == SS_DIR_SIGN;
	if (by_sign)
		d = sign_direction(f);
	f->direction = d < 0 ? SS_DIR_NONE : (ss_direction)d;
	int b = r->basis >= 0 ? r->basis : enum_from(rs, &t->basis, norm, m, SS_G_BASIS, ss_basis_parse);
	f->basis = b < 0 ? SS_BASIS_NONE : (ss_basis)b;
	if (f->kind == SS_KIND_CHANGE && f->direction == SS_DIR_DOWN && f->value > 0)
		ss_fact_negate(f);
	/* A change needs a way to go, unless its unit says it moved (0.3个百分点)
	 * or its words said it moved whichever way (变动幅度0%). */
	if (f->kind == SS_KIND_CHANGE && f->direction == SS_DIR_NONE && !by_sign &&
	    strcmp(f->unit, "pp") != 0 && strcmp(f->unit, "bp") != 0)
		return false;
	/* points quoted as a level (利差…，报89.590个基点) are no move */
	if (f->kind == SS_KIND_CHANGE && f->direction == SS_DIR_NONE && !by_sign &&
	    quoted(rs, &t->quote, norm, m->start))
		f->kind = SS_KIND_PERCENT;
	return true;
}

/* True when norm [a, b) holds a paragraph break or a full stop (。！？!?):
 * a period carries over a ； but not past the end of the statement. */
static bool crosses_statement(const char *norm, size_t a, size_t b)
{
	/* by the first byte: this runs over the text between figures */
	const unsigned char *t = (const unsigned char *)norm;
	for (size_t i = a; i < b; i++) {
		switch (t[i]) {
		case '!':
		case '?':
			return true;
		case '\n':
			if (i + 2 <= b && t[i + 1] == '\n')
				return true;
			break;
		case 0xE3: /* 。 */
			if (i + 3 <= b && !memcmp(t + i, "。", 3))
				return true;
			break;
		case 0xEF: /* ！ ？ */
			if (i + 3 <= b && (!memcmp(t + i, "！", 3) || !memcmp(t + i, "？", 3)))
				return true;
			break;
		default:
			break;
		}
	}
	return false;
}

/* Whether norm[a, b) holds only white space (ASCII, or the ideographic
 * space U+3000). */
static bool only_space(const char *norm, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++) {
		if (norm[i] == ' ' || norm[i] == '\n' || norm[i] == '\t' || norm[i] == '\r')
			continue;
		if (i + 3 <= b && !memcmp(norm + i, "\xE3\x80\x80", 3)) {
			i += 2;
			continue;
		}
		return false;
	}
	return true;
}

/* Whether a comma or semicolon stands in norm[a, b). */
static bool crosses_clause(const char *norm, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (norm[i] == ',' || norm[i] == ';')
			return true;
	return false;
}

/* The items of a list after the figure f, its unit written ahead of the
 * list by a label (营业收入分别为4.8亿、2.86亿、5.14亿): figures of f's kind,
 * unit, subject and period, each exact (listitems.c). */
static void list_items(const ss_ruleset *rs, ss_doc *doc, const ss_fact *f, size_t num,
                       size_t head_end, size_t limit, const char *src, size_t len,
                       const ss_linemap *lines, ss_linepos *where, size_t **fs, size_t *capf,
                       size_t **fe, size_t *cape, size_t first)
{
	size_t a[LIST_ITEMS_MAX], b[LIST_ITEMS_MAX];
	size_t n = ss_list_items(rs, doc->norm.ptr, num, head_end, limit, a, b, LIST_ITEMS_MAX);
	for (size_t k = 0; k < n; k++) {
		ss_number v;
		if (!ss_numeral_parse(doc->norm.ptr + a[k], b[k] - a[k], &v))
			return;
		ss_fact g = *f;
		g.value = g.low = g.high = v.value;
		g.has_low = g.has_high = 1;
		g.qualifier = SS_QUAL_EXACT;
		set_copy(g.value_str, sizeof g.value_str, v.str, strlen(v.str));
		set_copy(g.low_str, sizeof g.low_str, v.str, strlen(v.str));
		set_copy(g.high_str, sizeof g.high_str, v.str, strlen(v.str));
		g.text = ss_doc_norm_to_text(doc, a[k], b[k]);
		uint32_t s, e;
		ss_text_map(&doc->text, g.text.start, g.text.end, &s, &e);
		g.start = s;
		g.end = e;
		if (src && straddles_code(src, s, e, doc->text.ptr + g.text.start,
		                          g.text.end - g.text.start))
			return;
		ss_linemap_locate_next(lines, src, len, g.start, where, &g.line, &g.column);
		size_t at = doc->nfacts - first;
		ss_grow((void **)fs, capf, at + 1, sizeof **fs);
		ss_grow((void **)fe, cape, at + 1, sizeof **fe);
		(*fs)[at] = a[k];
		(*fe)[at] = b[k];
		ss_grow((void **)&doc->facts, &doc->capfacts, doc->nfacts + 1, sizeof g);
		doc->facts[doc->nfacts++] = g;
	}
}

/* 与去年同期相比，营收增长12%: a change with no basis of its own takes the
 * one a clause of its own before it is (a word of the table basis, with at
 * most a word of opening before it), between the figure before and it. */
static ss_basis clause_basis(const ss_ruleset *rs, build_tables *t, const char *s,
                             size_t lo, size_t a)
{
	size_t c = a;
	while (c > lo && s[c - 1] != ',' && s[c - 1] != ';' && s[c - 1] != ':')
		c--;
	if (c <= lo + 1 || s[c - 1] != ',')
		return SS_BASIS_NONE;
	size_t q = c - 1, p = q;
	while (p > lo && s[p - 1] != ',' && s[p - 1] != ';' && s[p - 1] != ':' && s[p - 1] != '\n')
		p--;
	while (p < q && s[p] == ' ')
		p++;
	for (int k = 0; k < 2 && p < q; k++) {
		const char *v = lookup(rs, &t->basis, s + p, q - p);
		int b = v ? ss_basis_parse(v, strlen(v)) : -1;
		if (b >= 0)
			return (ss_basis)b;
		int opening = table_id(rs, &t->opening);
		size_t w = opening >= 0 ? ss_rules_word_at(rs, &opening, 1, s, q, p) : 0;
		if (!w)
			break;
		p += w;
	}
	return SS_BASIS_NONE;
}

void ss_facts_build(const ss_ruleset *rs, ss_doc *doc, const ss_match *m, size_t nm,
                    const char *src, size_t len, const ss_linemap *lines, unsigned kinds,
                    const char *currency)
{
	ss_doc_set_currency(doc, rs, currency);
	if (!nm)
		return; /* no figure: nothing to attach, date or list (most small texts) */
	ss_period_carry carry;
	ss_period_carry_init(&carry, doc);
	ss_linepos where = {0, 0, 0};
	size_t capf = nm + 1, cape = nm + 1;
	size_t *fs = ss_xcalloc(capf, sizeof *fs), *fe = ss_xcalloc(cape, sizeof *fe);
	size_t first = doc->nfacts;
	ss_attach *cx = ss_attach_new(rs, doc->norm.ptr, doc->norm.len);
	int idiom = ss_rules_table_id(rs, "idiom");
	build_tables tabs = {{"unit", ss_rules_table_id(rs, "unit")},
	                     {"local", ss_rules_table_id(rs, "local")},
	                     {"qualifier", TABLE_UNKNOWN}, {"direction", TABLE_UNKNOWN},
	                     {"basis", TABLE_UNKNOWN},     {"quote", TABLE_UNKNOWN},
	                     {"opening", TABLE_UNKNOWN}};
	size_t hint = 0, last_ss = 0, last_se = 0, last_ps = 0, last_pe = 0;
	ss_tspan last_sentence = {0, 0}, last_period = {0, 0};
	char last_from[sizeof ((ss_fact *)0)->period_from] = "",
	     last_to[sizeof ((ss_fact *)0)->period_to] = ""; /* an empty period's */
	for (size_t i = 0; i < nm; i++) {
		ss_fact f;
		if (!build_one(rs, &tabs, doc, &m[i], &f))
			continue;
		const ss_sentence *in = sentence_near(doc, m[i].start, &hint);
		if (in && ss_in_title(doc->norm.ptr, in->start, m[i].start))
			continue;
		if (ss_in_name_quote(doc->norm.ptr, doc->norm.len, m[i].start, m[i].end) ||
		    ss_in_url(doc->norm.ptr, m[i].start) ||
		    ss_in_idiom(rs, idiom, doc->norm.ptr, doc->norm.len, m[i].start))
			continue;
		if (kinds && !(kinds & (1u << f.kind)))
			continue;
		/* A label that gave the unit (流通市值:440.10亿) is the subject's, not
		 * the figure's. */
		size_t ts = m[i].start, at = m[i].start;
		if (m[i].gs[SS_G_LABEL] == ts && m[i].ge[SS_G_LABEL] < m[i].end)
			ts = at = m[i].ge[SS_G_LABEL];
		/* A level reached (升至42%): the verb is its direction, not its figure,
		 * nor is a forecast's year between them (提升至2027年预测16.6%). */
		if (f.direction == SS_DIR_TO && m[i].gs[SS_G_DIR] == ts && m[i].ge[SS_G_DIR] < m[i].end) {
			ts = m[i].ge[SS_G_DIR];
			/* the figure opens at its qualifier, or at 百 of 百分之八十一 */
			size_t first = SS_UNSET;
			const ss_group opens[] = {SS_G_Q, SS_G_DEN, SS_G_NUM};
			for (size_t k = 0; k < sizeof opens / sizeof *opens; k++) {
				size_t g = m[i].gs[opens[k]];
				if (g != SS_UNSET && (first == SS_UNSET || g < first))
					first = g;
			}
			if (first != SS_UNSET && first > ts && first < m[i].end)
				ts = first;
		}
		f.text = ss_doc_norm_to_text(doc, ts, m[i].end);
		uint32_t s, e;
		ss_text_map(&doc->text, f.text.start, f.text.end, &s, &e);
		f.start = s;
		f.end = e;
		if (src && straddles_code(src, s, e, doc->text.ptr + f.text.start, f.text.end - f.text.start))
			continue;
		ss_linemap_locate_next(lines, src, len, f.start, &where, &f.line, &f.column);

		const ss_sentence *sent = in;
		if (sent) {
			/* A sentence of megabytes (no punctuation at all) is shown only
			 * around the figure, or every fact would carry all of it. */
			size_t ss0 = sent->start, se0 = sent->end;
			if (m[i].start > ss0 + SS_ATTACH_REACH)
				ss0 = ss_utf8_back(doc->norm.ptr, m[i].start - SS_ATTACH_REACH);
			if (se0 > m[i].end + SS_ATTACH_REACH)
				se0 = ss_utf8_back(doc->norm.ptr, m[i].end + SS_ATTACH_REACH);
			/* the figures of a sentence share it: mapped once */
			if (ss0 != last_ss || se0 != last_se) {
				last_ss = ss0, last_se = se0;
				last_sentence = ss_doc_norm_to_text(doc, ss0, se0);
			}
			f.sentence = last_sentence;
			size_t a, b;
			size_t lo = i > 0 ? m[i - 1].end : 0;
			size_t hi = i + 1 < nm ? m[i + 1].start : doc->norm.len;
			ss_attach_subject(cx, sent, at, m[i].end, lo, hi, f.kind,
			                  &a, &b);
			f.subject = ss_doc_norm_to_text(doc, a, b);
			if (f.kind == SS_KIND_CHANGE && f.basis == SS_BASIS_NONE)
				f.basis = clause_basis(rs, &tabs, doc->norm.ptr,
				                       lo > sent->start ? lo : sent->start, ts);
			/* from the figure's text: a period before it in the match counts */
			ss_nspan per;
			ss_attach_period(cx, sent, ts, m[i].end, f.kind == SS_KIND_CHANGE, &per.start,
			                 &per.end);
			ss_period_carry_apply(&carry, cx, sent, ts, m[i].end, &per);
			/* a period carried is the figure before's too: mapped and
			 * read once */
			if (per.start != last_ps || per.end != last_pe) {
				last_ps = per.start, last_pe = per.end;
				last_period = ss_doc_norm_to_text(doc, per.start, per.end);
				ss_period_fill_dates(&carry, rs, doc->norm.ptr, per, &f);
				memcpy(last_from, f.period_from, sizeof last_from);
				memcpy(last_to, f.period_to, sizeof last_to);
			} else {
				memcpy(f.period_from, last_from, sizeof f.period_from);
				memcpy(f.period_to, last_to, sizeof f.period_to);
			}
			f.period = last_period;
		}
		/* 余额X亿元，环比增加Y亿元: a figure with no subject of its own measures
		 * what the figure before it in the statement measured (国内生产总值X亿元，
		 * 按可比价格计算，同比增长6.7%), or in the line before when only white
		 * space parts them (an infographic's 中央企业232755.9亿元 / 同比增长24.9%). */
		if (f.subject.end <= f.subject.start && doc->nfacts > 0 &&
		    i > 0 && m[i].start - m[i - 1].end <= SS_ATTACH_REACH &&
		    (!crosses_statement(doc->norm.ptr, m[i - 1].end, m[i].start) ||
		     only_space(doc->norm.ptr, m[i - 1].end, m[i].start))) {
			const ss_fact *prev = &doc->facts[doc->nfacts - 1];
			/* across a clause, only onto a figure of the same kind or the
			 * change of a level: a count's 企业数量 is no amount of money
			 * (贷款254.76万笔、9534.85亿元 is one list) */
			if (prev->subject.end > prev->subject.start &&
			    (prev->kind == f.kind || prev->kind == SS_KIND_CHANGE ||
			     f.kind == SS_KIND_CHANGE ||
			     !crosses_clause(doc->norm.ptr, m[i - 1].end, m[i].start)))
				f.subject = prev->subject;
		}
		ss_grow((void **)&fs, &capf, doc->nfacts - first + 1, sizeof *fs);
		ss_grow((void **)&fe, &cape, doc->nfacts - first + 1, sizeof *fe);
		fs[doc->nfacts - first] = m[i].start;
		fe[doc->nfacts - first] = m[i].end;
		ss_grow((void **)&doc->facts, &doc->capfacts, doc->nfacts + 1, sizeof f);
		doc->facts[doc->nfacts++] = f;
		if (m[i].gs[SS_G_LABEL] != SS_UNSET && m[i].ge[SS_G_LABEL] <= m[i].gs[SS_G_NUM] &&
		    m[i].ge[SS_G_NUM] == m[i].end)
			list_items(rs, doc, &f, m[i].gs[SS_G_NUM], m[i].end,
			           i + 1 < nm ? m[i + 1].start : doc->norm.len, src, len, lines, &where,
			           &fs, &capf, &fe, &cape, first);
	}
	if (first == 0)
		ss_facts_lists(rs, cx, doc, fs, fe);
	ss_attach_free(cx);
	ss_period_carry_release(&carry);
	free(fs);
	free(fe);
}
