/* tableunit.c - the unit of a table's column, row label or head (see
 * table.c): read by the grammar itself, `万元` being whatever the rules make
 * of `1万元`, so every unit the rules know works in a table too. */
#include <stdlib.h>
#include <string.h>

#include "../text/fold.h"
#include "tableunit.h"

/* The unit a probe found. */
static unit probe_unit(const probe *p)
{
	unit u = {.ok = true, .kind = p->kind, .scale = p->scale};
	memcpy(u.unit, p->unit, sizeof u.unit);
	memcpy(u.key, p->key, sizeof u.key);
	return u;
}

/* The facts the rules read from the n bytes of buf (taken). */
static ss_doc *read_alone(const tcx *cx, char *buf, size_t n)
{
	ss_doc *d = ss_doc_new("unit");
	ss_text_adopt(&d->text, buf, n);
	ss_normalize(&d->text, &d->norm);
	ss_fold_text(&d->norm);
	d->nsentences = ss_sentences_split(d->norm.ptr, d->norm.len, &d->sentences);
	ss_match *m = NULL;
	ss_diag_sink sink = {0};
	size_t nm = ss_rules_scan(cx->rs, d->norm.ptr, d->norm.len, &m, &sink, "unit");
	ss_linemap lines;
	ss_linemap_init(&lines, d->text.ptr, d->text.len);
	ss_facts_build(cx->rs, d, m, nm, d->text.ptr, d->text.len, &lines, 0, cx->doc->currency);
	ss_linemap_release(&lines);
	free(m);
	return d;
}

/* What the rules make of "1" + u: the first fact, when it starts the text. */
static void run_probe(const tcx *cx, const char *u, size_t n, probe *p)
{
	char *buf = ss_xmalloc(n + 2);
	buf[0] = '1';
	memcpy(buf + 1, u, n);
	buf[n + 1] = '\0';
	ss_doc *d = read_alone(cx, buf, n + 1);
	p->ok = false;
	if (d->nfacts && d->facts[0].start == 0 && d->facts[0].end > 1 &&
	    d->facts[0].qualifier == SS_QUAL_EXACT && d->facts[0].kind != SS_KIND_CHANGE) {
		p->ok = true;
		p->kind = d->facts[0].kind;
		memcpy(p->unit, d->facts[0].unit, sizeof p->unit);
		p->scale = d->facts[0].value;
		p->used = d->facts[0].end - 1;
	}
	ss_doc_free(d);
}

bool ss_tu_cell(tcx *cx, size_t a, size_t b, const unit *u, ss_fact *f)
{
	size_t kn = strlen(u->key);
	const char *s = cx->s;
	/* figures first (a sign, a bracket), words after them: never prose */
	if (!u->ok || !kn || u->scale != 1.0 || a >= b || b - a > UNIT_MAX ||
	    !((s[a] >= '0' && s[a] <= '9') || s[a] == '-' || s[a] == '+' || s[a] == '(') ||
	    !((unsigned char)s[b - 1] & 0x80))
		return false;
	char *buf = ss_xmalloc(b - a + kn + 1);
	memcpy(buf, s + a, b - a);
	memcpy(buf + (b - a), u->key, kn + 1);
	ss_doc *d = read_alone(cx, buf, b - a + kn);
	bool ok = d->nfacts == 1 && d->facts[0].start == 0 && d->facts[0].end == b - a + kn &&
	          d->facts[0].kind == u->kind;
	if (ok) {
		*f = d->facts[0];
		memcpy(f->unit, u->unit, sizeof f->unit);
		f->text = ss_doc_norm_to_text(cx->doc, a, b);
		f->subject = f->period = (ss_tspan){0, 0};
		f->period_from[0] = f->period_to[0] = '\0';
		f->rule_id = "table.cell";
	}
	ss_doc_free(d);
	return ok;
}

/* run_probe through the document's cache (a table's few units recur). */
const probe *ss_tu_probe(tcx *cx, const char *u, size_t n)
{
	for (size_t i = 0; i < cx->ncache; i++)
		if (strlen(cx->cache[i].key) == n && !memcmp(cx->cache[i].key, u, n))
			return &cx->cache[i];
	size_t slot = cx->ncache < sizeof cx->cache / sizeof *cx->cache
	                  ? cx->ncache++
	                  : sizeof cx->cache / sizeof *cx->cache - 1;
	probe *q = &cx->cache[slot];
	memcpy(q->key, u, n);
	q->key[n] = '\0';
	run_probe(cx, u, n, q);
	return q;
}

/* The unit written as s[a, b) (万元, 人民币万元, %, 元/股, 股); .ok false when
 * the rules read no unit from all of it. */
unit ss_tu_read(tcx *cx, size_t a, size_t b)
{
	unit r = {0};
	ss_th_trim(cx->s, &a, &b);
	if (a >= b || b - a > UNIT_MAX)
		return r;
	probe p0 = *ss_tu_probe(cx, cx->s + a, b - a); /* a copy: the cache may turn over */
	const probe *p = &p0;
	if (!p->ok)
		return r;
	size_t used = p->used;
	if (used < b - a && cx->s[a + used] == '/')
		used = b - a; /* 元/股: money per share */
	if (used < b - a && p->kind == SS_KIND_MONEY) {
		/* 人民币万元: the currency, then the amount's unit */
		unit rest = ss_tu_read(cx, a + used, b);
		if (!rest.ok || rest.kind != SS_KIND_MONEY)
			return r;
		rest.scale *= p->scale;
		memcpy(rest.unit, p->unit, sizeof rest.unit);
		memcpy(rest.key, p->key, sizeof rest.key);
		return rest;
	}
	if (used < b - a)
		return r;
	r.ok = true;
	r.kind = p->kind;
	memcpy(r.unit, p->unit, sizeof r.unit);
	r.scale = p->scale;
	memcpy(r.key, p->key, sizeof r.key);
	return r;
}

/* A trailing "(…)" of s[a, b): its inside, and where it opens. */
bool ss_tu_paren(const char *s, size_t a, size_t b, size_t *in_a, size_t *in_b,
                           size_t *open)
{
	if (b <= a || s[b - 1] != ')')
		return false;
	for (size_t i = b - 1; i > a; i--)
		if (s[i - 1] == '(') {
			*open = i - 1;
			*in_a = i;
			*in_b = b - 1;
			return true;
		}
	return false;
}

/* A currency, then its scale in brackets (港元(千$), 人民币(百万)): the
 * bracket's words, a dollar sign after them dropped, before the currency
 * that ends s[a, open) read as one unit (千港元). *cut is where the
 * currency begins; .ok false when the bracket holds no scale. */
static unit scaled_currency(tcx *cx, size_t a, size_t open, size_t ia, size_t ib, size_t *cut)
{
	unit u = {0};
	const char *s = cx->s;
	while (ib > ia && (s[ib - 1] == '$' || sp(s[ib - 1])))
		ib--;
	while (ia < ib && sp(s[ia]))
		ia++;
	size_t ce = open;
	while (ce > a && sp(s[ce - 1]))
		ce--;
	size_t ws = ce;
	while (ws > a && !sp(s[ws - 1]))
		ws--;
	if (ia >= ib || ws >= ce || ib - ia + ce - ws > UNIT_MAX)
		return u;
	char buf[UNIT_MAX + 1];
	memcpy(buf, s + ia, ib - ia);
	/* the longest tail of the last word that is a currency (2024/06港元) */
	for (size_t cs = ws; cs < ce; cs += char_len(s, cs, ce)) {
		size_t n = ib - ia + ce - cs;
		memcpy(buf + (ib - ia), s + cs, ce - cs);
		const probe *p = ss_tu_probe(cx, buf, n);
		if (p->ok && p->kind == SS_KIND_MONEY && p->used == n && p->scale != 1.0) {
			*cut = cs;
			return probe_unit(p);
		}
	}
	return u;
}

/* The unit a label or header names: a trailing (元), (%), a currency and
 * its scale (港元(千$)), or a word of cell_unit_word at its end
 * (发售股份数目). *cut is where the name ends. */
unit ss_tu_named(tcx *cx, size_t a, size_t b, size_t *cut)
{
	unit u = {0};
	*cut = b;
	size_t ia, ib, open;
	if (ss_tu_paren(cx->s, a, b, &ia, &ib, &open)) {
		u = ss_tu_read(cx, ia, ib);
		if (u.ok)
			*cut = open;
		else
			u = scaled_currency(cx, a, open, ia, ib, cut);
		return u;
	}
	for (size_t i = a; i < b; i += char_len(cx->s, i, b)) {
		size_t n = word_at(cx, cx->unit_word, i, b);
		if (n && i + n == b) {
			const char *v = ss_rules_lookup_id(cx->rs, cx->unit_word, cx->s + i, n);
			size_t vl = strlen(v);
			const probe *p = vl <= UNIT_MAX ? ss_tu_probe(cx, v, vl) : NULL;
			return p && p->ok && p->used == vl ? probe_unit(p) : u;
		}
	}
	return u;
}

/* The table's unit from its head and first row: a unit line (单位：万元 币种：
 * 美元), a line that is only a unit (人民币万元, (亿)), or a header unit word
 * (股份数目) when the head names only one. */
unit ss_tu_table(tcx *cx, size_t a, size_t b, spans *lines)
{
	unit u = {0}, cur = {0};
	const char *s = cx->s;
	for (size_t i = a; i < b; i += char_len(s, i, b)) {
		size_t n = word_at(cx, cx->mark, i, b);
		if (!n)
			continue;
		const char *what = ss_rules_lookup_id(cx->rs, cx->mark, s + i, n);
		size_t e = i + n;
		while (e < b && s[e] == ' ')
			e++;
		if (e < b && s[e] == ':')
			e++;
		else if (e + 3 <= b && !memcmp(s + e, "：", 3))
			e += 3;
		size_t ua = e;
		while (e < b && !sp(s[e]) && s[e] != '|' && s[e] != ',' && s[e] != ';' && s[e] != ')')
			e++;
		unit got = ss_tu_read(cx, ua, e);
		if (got.ok) {
			if (!strcmp(what, "currency") && got.kind == SS_KIND_MONEY)
				memcpy(cur.unit, got.unit, sizeof cur.unit), cur.ok = true;
			else
				u = got;
			if (lines->n < 8) {
				lines->a[lines->n] = i;
				lines->b[lines->n++] = e;
			}
		}
		i = e > i ? e - 1 : i;
	}
	if (!u.ok) { /* a line that is only a unit */
		for (size_t i = a; i < b && !u.ok;) {
			const char *nl = memchr(s + i, '\n', b - i);
			size_t e = nl ? (size_t)(nl - s) : b, la = i, lb = e;
			ss_th_trim(s, &la, &lb);
			size_t ia = la, ib = lb, open;
			if (lb > la && lb - la <= UNIT_MAX && s[la] == '(' &&
			    ss_tu_paren(s, la, lb, &ia, &ib, &open) && open == la)
				u = ss_tu_read(cx, ia, ib);
			else if (lb > la && lb - la <= UNIT_MAX)
				u = ss_tu_read(cx, la, lb);
			if (u.ok && u.kind == SS_KIND_COUNT)
				u.ok = false; /* a caption such as 1家, not a unit */
			i = e + 1;
		}
	}
	if (!u.ok) { /* a header's unit word, when there is one kind of it */
		size_t ws, we;
		for (size_t i = a; i < b && find_word(cx, cx->unit_word, i, b, &ws, &we); i = we) {
			const char *v = ss_rules_lookup_id(cx->rs, cx->unit_word, s + ws, we - ws);
			const probe *p = strlen(v) <= UNIT_MAX ? ss_tu_probe(cx, v, strlen(v)) : NULL;
			if (!p || !p->ok)
				continue;
			if (u.ok && strcmp(u.unit, p->unit)) {
				u.ok = false;
				break;
			}
			u = probe_unit(p);
		}
	}
	if (u.ok && cur.ok && u.kind == SS_KIND_MONEY)
		memcpy(u.unit, cur.unit, sizeof u.unit);
	return u;
}

