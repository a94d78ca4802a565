/* api.c - the public audit API (include/statspan.h): an index of source
 * documents, claims judged against it, verdicts read through accessors.
 * A thin layer over the stores (index.c) and the judge (judge.c, run.c):
 * verdicts keep copies of every string they show, so that they outlive the
 * index and the documents they came from. */
#include <stdlib.h>
#include <string.h>

#include "audit.h"

struct ss_audit {
	au_lexicon *lx;
	double tol;
	au_store src;
	bool finished;
};

struct ss_verdicts {
	ss_verdict *v;
	size_t n;
	size_t *doc_first; /* verdicts of claims document d: [doc_first[d], doc_first[d+1]) */
	size_t ndocs;
	char **owned;      /* every string the verdicts show, freed with them */
	size_t nowned, owned_cap;
};

ss_audit *ss_audit_new(void)
{
	ss_diag_sink sink = {NULL, NULL, 0, 0};
	au_lexicon *lx = au_lexicon_default(&sink);
	if (!lx)
		return NULL;
	ss_audit *a = ss_xcalloc(1, sizeof *a);
	a->lx = lx;
	a->tol = SS_AUDIT_TOLERANCE;
	au_store_init(&a->src, lx, a->tol);
	return a;
}

void ss_audit_free(ss_audit *a)
{
	if (!a)
		return;
	au_store_release(&a->src);
	au_lexicon_free(a->lx);
	free(a);
}

ss_status ss_audit_set_tolerance(ss_audit *a, double share)
{
	if (!a)
		return SS_ERR_USAGE;
	if (!(share >= 0 && share < 1))
		return SS_ERR_CONFIG;
	a->tol = a->src.tol = share;
	return SS_OK;
}

ss_status ss_audit_add_source(ss_audit *a, const ss_doc *doc)
{
	if (!a || !doc || a->finished)
		return SS_ERR_USAGE;
	au_store_add_doc(&a->src, doc, ss_doc_name(doc), false);
	return SS_OK;
}

ss_status ss_audit_finish(ss_audit *a)
{
	if (!a)
		return SS_ERR_USAGE;
	if (!a->finished)
		au_index_finish(&a->src);
	a->finished = true;
	return SS_OK;
}

size_t ss_audit_source_count(const ss_audit *a) { return a ? a->src.ndocs : 0; }
size_t ss_audit_figure_count(const ss_audit *a) { return a ? a->src.nfigs : 0; }

/* A copy of s[0..n) that lives as long as vs. */
static const char *keep(ss_verdicts *vs, const char *s, size_t n)
{
	if (!s)
		return NULL;
	char *c = ss_xmalloc(n + 1);
	memcpy(c, s, n);
	c[n] = '\0';
	ss_grow((void **)&vs->owned, &vs->owned_cap, vs->nowned + 1, sizeof *vs->owned);
	vs->owned[vs->nowned++] = c;
	return c;
}

static const char *keeps(ss_verdicts *vs, const char *s)
{
	return s ? keep(vs, s, strlen(s)) : NULL;
}

/* The value a figure was compared as: as written, unless a rise in 倍 was
 * turned into % (then the number compared). */
static const char *fig_value(ss_verdicts *vs, const au_fig *g)
{
	if (!g->scaled)
		return keeps(vs, g->f.value_str);
	char num[40];
	snprintf(num, sizeof num, "%.15g", g->f.value);
	return keeps(vs, num);
}

static void fill(ss_verdicts *vs, ss_verdict *v, const au_store *src, const au_store *cl,
                 const au_fig *c, au_verdict *av)
{
	v->kind = (ss_verdict_kind)av->kind;
	v->verdict = au_verdict_name(av->kind);
	v->field = av->field ? au_field_name(av->field) : NULL;
	v->reason = keeps(vs, av->reason);
	v->claim_doc = c->doc;
	v->claim_fact = c->fact;
	v->claim_text = keeps(vs, au_str(cl, c->text));
	v->claim_value = fig_value(vs, c);
	v->claim_unit = keeps(vs, c->f.unit);
	v->claim_line = c->f.line;
	v->claim_column = c->f.column;
	if (av->evidence < 0)
		return;
	const au_fig *e = &src->figs[av->evidence];
	v->doc = keeps(vs, src->docs[e->doc]);
	v->source = e->doc;
	v->text = keeps(vs, au_str(src, e->text));
	v->value = fig_value(vs, e);
	v->unit = keeps(vs, e->f.unit);
	v->sentence = keeps(vs, au_str(src, e->sentence));
	v->line = e->f.line;
	v->column = e->f.column;
	v->start = e->f.start;
	v->end = e->f.end;
	v->page = e->page;
	v->box = e->page ? keeps(vs, au_str(src, e->box)) : NULL;
	v->score = av->score;
	snprintf(v->score_str, sizeof v->score_str, "%.3f", av->score);
}

ss_status ss_audit_judge(const ss_audit *a, const ss_doc *const *claims, size_t n,
                         const char *const *cited, int jobs, ss_verdicts **out)
{
	if (out)
		*out = NULL;
	if (!a || !a->finished || !out || (n && !claims))
		return SS_ERR_USAGE;
	for (size_t d = 0; d < n; d++)
		if (!claims[d])
			return SS_ERR_USAGE;
	au_store cl;
	au_store_init(&cl, a->lx, a->tol);
	ss_verdicts *vs = ss_xcalloc(1, sizeof *vs);
	vs->ndocs = n;
	vs->doc_first = ss_xcalloc(n + 1, sizeof *vs->doc_first);
	for (size_t d = 0; d < n; d++) {
		vs->doc_first[d] = cl.nfigs;
		au_store_add_doc(&cl, claims[d], ss_doc_name(claims[d]), true);
	}
	vs->doc_first[n] = cl.nfigs;
	vs->n = cl.nfigs;
	const char **fig_cited = NULL;
	if (cited) {
		fig_cited = ss_xcalloc(vs->n + 1, sizeof *fig_cited);
		for (size_t i = 0; i < vs->n; i++)
			fig_cited[i] = cited[cl.figs[i].doc];
	}
	au_verdict *av = ss_xcalloc(vs->n + 1, sizeof *av);
	au_judge_all(&a->src, &cl, fig_cited, av, jobs);
	vs->v = ss_xcalloc(vs->n + 1, sizeof *vs->v);
	for (size_t i = 0; i < vs->n; i++) {
		fill(vs, &vs->v[i], &a->src, &cl, &cl.figs[i], &av[i]);
		free(av[i].reason);
	}
	free(av);
	free(fig_cited);
	au_store_release(&cl);
	*out = vs;
	return SS_OK;
}

void ss_verdicts_free(ss_verdicts *vs)
{
	if (!vs)
		return;
	for (size_t i = 0; i < vs->nowned; i++)
		free(vs->owned[i]);
	free(vs->owned);
	free(vs->doc_first);
	free(vs->v);
	free(vs);
}

size_t ss_verdicts_count(const ss_verdicts *vs) { return vs ? vs->n : 0; }

const ss_verdict *ss_verdicts_at(const ss_verdicts *vs, size_t i)
{
	return vs && i < vs->n ? &vs->v[i] : NULL;
}

ss_status ss_verdicts_set_claim(ss_verdicts *vs, size_t i, const char *id, unsigned line,
                                unsigned column)
{
	if (!vs || i >= vs->n)
		return SS_ERR_USAGE;
	vs->v[i].claim_id = keeps(vs, id);
	vs->v[i].claim_line = line;
	vs->v[i].claim_column = column;
	return SS_OK;
}

ss_status ss_verdicts_attach(const ss_verdicts *vs, size_t d, ss_doc *doc)
{
	if (!vs || !doc || d >= vs->ndocs ||
	    vs->doc_first[d + 1] - vs->doc_first[d] != ss_doc_fact_count(doc))
		return SS_ERR_USAGE;
	ss_doc_set_verdicts(doc, vs->v + vs->doc_first[d]);
	return SS_OK;
}

/* ---- one verdict's fields ---- */

ss_verdict_kind ss_verdict_kind_of(const ss_verdict *v) { return v->kind; }
const char *ss_verdict_name(const ss_verdict *v) { return v->verdict; }
const char *ss_verdict_field(const ss_verdict *v) { return v->field; }
const char *ss_verdict_reason(const ss_verdict *v) { return v->reason; }
size_t ss_verdict_claim_doc(const ss_verdict *v) { return v->claim_doc; }
size_t ss_verdict_claim_fact(const ss_verdict *v) { return v->claim_fact; }
const char *ss_verdict_claim_text(const ss_verdict *v) { return v->claim_text; }
const char *ss_verdict_claim_value(const ss_verdict *v) { return v->claim_value; }
const char *ss_verdict_claim_unit(const ss_verdict *v) { return v->claim_unit; }
const char *ss_verdict_claim_id(const ss_verdict *v) { return v->claim_id; }
unsigned ss_verdict_claim_line(const ss_verdict *v) { return v->claim_line; }
unsigned ss_verdict_claim_column(const ss_verdict *v) { return v->claim_column; }
const char *ss_verdict_doc(const ss_verdict *v) { return v->doc; }
size_t ss_verdict_source(const ss_verdict *v) { return v->source; }
const char *ss_verdict_text(const ss_verdict *v) { return v->text; }
const char *ss_verdict_value(const ss_verdict *v) { return v->value; }
const char *ss_verdict_unit(const ss_verdict *v) { return v->unit; }
const char *ss_verdict_sentence(const ss_verdict *v) { return v->sentence; }
unsigned ss_verdict_line(const ss_verdict *v) { return v->line; }
unsigned ss_verdict_column(const ss_verdict *v) { return v->column; }
unsigned ss_verdict_page(const ss_verdict *v) { return v->page; }
const char *ss_verdict_box(const ss_verdict *v) { return v->box; }
double ss_verdict_score(const ss_verdict *v) { return v->score; }

void ss_verdict_span(const ss_verdict *v, size_t *start, size_t *end)
{
	if (start)
		*start = v->start;
	if (end)
		*end = v->end;
}
