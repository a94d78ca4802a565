/* judge.c - one verdict per claim figure. The candidates are the source
 * figures of a comparable unit family that share words with the claim; they
 * are ranked by how much of the claim's context their sentence covers (rare
 * words weigh more), with subject and period as strong signals where both
 * sides have one. The best candidate is what the claim is about: if it is
 * not close enough, the claim is unsupported; otherwise its value, unit,
 * direction, qualifier and period decide between supported and contradicted.
 * The value never takes part in the ranking, so a figure cannot be found
 * "supported" by an equal number that stands for something else. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "index.h"

/* Below this a candidate is not about the same thing (tests/audit tunes it). */
#define MIN_SCORE 0.30
#define W_SUBJECT 0.30
#define W_PERIOD 0.30

void au_scratch_init(au_scratch *sc)
{
	memset(sc, 0, sizeof *sc);
}

void au_scratch_release(au_scratch *sc)
{
	free(sc->acc);
	free(sc->touched);
	free(sc->idf);
	memset(sc, 0, sizeof *sc);
}

const char *au_verdict_name(au_verdict_kind k)
{
	static const char *const names[] = {"supported", "contradicted", "unsupported"};
	return names[k];
}

const char *au_field_name(au_field f)
{
	static const char *const names[] = {"",          "value",   "qualifier", "unit",
	                                    "direction", "subject", "period"};
	return names[f];
}

bool au_doc_matches(const char *name, const char *cited)
{
	if (!strcmp(name, cited))
		return true;
	size_t n = strlen(name), c = strlen(cited);
	if (c < n && name[n - c - 1] == '/' && !strcmp(name + n - c, cited))
		return true;
	const char *bn = strrchr(name, '/'), *bc = strrchr(cited, '/');
	return !strcmp(bn ? bn + 1 : name, bc ? bc + 1 : cited);
}

/* A change that went up or down (not a level reached). */
static bool is_delta(const ss_fact *f)
{
	return f->kind == SS_KIND_CHANGE &&
	       (f->direction == SS_DIR_UP || f->direction == SS_DIR_DOWN);
}

/* Share of a's tokens (unweighted) that b holds; both sorted by id. */
static double cover(const au_token *a, size_t na, const au_token *b, size_t nb)
{
	if (!na)
		return 0;
	size_t i = 0, j = 0, hit = 0;
	while (i < na && j < nb) {
		if (a[i].id == b[j].id)
			hit++, i++, j++;
		else if (a[i].id < b[j].id)
			i++;
		else
			j++;
	}
	return (double)hit / (double)na;
}

/* Subject and period of candidate g against the claim: a bonus or penalty
 * added to its context score, and whether they conflict. */
static double signals(const au_store *src, const au_store *cl, const au_fig *c,
                      const au_fig *g, bool *pconf, bool *sconf)
{
	double adj = 0;
	*pconf = *sconf = false;
	const au_token *cs = cl->toks + c->stok, *gs = src->toks + g->stok;
	if (c->nstok && g->nstok) {
		double cov = fmax(cover(cs, c->nstok, gs, g->nstok), cover(gs, g->nstok, cs, c->nstok));
		adj += W_SUBJECT * cov;
		/* a subject the source sentence does not name at all is another one */
		if (cov == 0) {
			adj -= W_SUBJECT / 3;
			if (cover(cs, c->nstok, src->toks + g->tok, g->ntok) < 0.34)
				*sconf = true;
		}
	}
	if (c->years && g->years) {
		if (c->years & g->years)
			adj += W_PERIOD / 3;
		else
			adj -= W_PERIOD, *pconf = true;
	}
	if (c->subyear && g->subyear && !(c->years && g->years && !(c->years & g->years))) {
		if (c->subyear == g->subyear)
			adj += W_PERIOD / 6;
		else if (!c->years || !g->years || (c->years & g->years))
			adj -= W_PERIOD / 2, *pconf = true;
	}
	if (is_delta(&c->f) != is_delta(&g->f))
		adj -= 0.1;
	if (strcmp(c->f.unit, g->f.unit))
		adj -= 0.05;
	return adj;
}

/* The context score of every candidate, into sc->acc; returns the claim's
 * own weight (the denominator). */
static double accumulate(const au_store *src, au_scratch *sc, const au_store *cl,
                         const au_fig *c, const char *only_doc)
{
	size_t nf = src->nfigs;
	if (sc->cap < nf) {
		free(sc->acc);
		free(sc->touched);
		sc->acc = ss_xcalloc(nf ? nf : 1, sizeof *sc->acc);
		sc->touched = ss_xmalloc((nf ? nf : 1) * sizeof *sc->touched);
		sc->cap = nf;
	}
	sc->ntouched = 0;
	ss_grow((void **)&sc->idf, &sc->idf_cap, c->ntok + 1, sizeof *sc->idf);
	double nfam = (double)au_family_count(src, c->famkey);
	double denom = 0;
	const au_token *ct = cl->toks + c->tok;
	const au_postings *p = src->post;
	for (uint32_t k = 0; k < c->ntok; k++) {
		size_t cnt, at = au_postings_find(src, c->famkey, ct[k].id, &cnt);
		double idf = log((nfam + 1) / ((double)cnt + 0.5));
		if (idf < 0.1)
			idf = 0.1;
		sc->idf[k] = idf;
		denom += idf * ct[k].w;
		if (only_doc)
			continue;
		for (size_t e = at; e < at + cnt; e++) {
			uint32_t g = p->e[e].fig;
			if (sc->acc[g] == 0)
				sc->touched[sc->ntouched++] = g;
			sc->acc[g] += (float)(idf * fmin(ct[k].w, p->e[e].w));
		}
	}
	if (!only_doc)
		return denom;
	/* a cited source: every figure of its documents, scored by a merge */
	for (size_t d = 0; d < src->ndocs; d++) {
		if (!au_doc_matches(src->docs[d], only_doc))
			continue;
		for (uint32_t g = src->doc_first[d]; g < src->doc_first[d + 1]; g++) {
			const au_fig *f = &src->figs[g];
			if (f->famkey != c->famkey)
				continue;
			const au_token *ft = src->toks + f->tok;
			double s = 0;
			for (uint32_t i = 0, j = 0; i < c->ntok && j < f->ntok;) {
				if (ct[i].id == ft[j].id) {
					s += sc->idf[i] * fmin(ct[i].w, ft[j].w);
					i++, j++;
				} else if (ct[i].id < ft[j].id) {
					i++;
				} else {
					j++;
				}
			}
			sc->acc[g] = (float)(s > 0 ? s : 1e-9);
			sc->touched[sc->ntouched++] = g;
		}
	}
	return denom;
}

/* The claim and source intervals on one scale: pp and bp as points, and a
 * signed change beside a level as its size. */
static void comparable(const au_fig *c, const au_fig *g, au_interval *ci, au_interval *gi)
{
	*ci = c->iv;
	*gi = g->iv;
	double cs = au_points_scale(c->f.unit), gs = au_points_scale(g->f.unit);
	if (cs && gs) {
		ci->lo *= cs, ci->hi *= cs;
		gi->lo *= gs, gi->hi *= gs;
	}
	if (is_delta(&c->f) != is_delta(&g->f)) {
		if (ci->hi <= 0)
			*ci = (au_interval){-ci->hi, -ci->lo};
		if (gi->hi <= 0)
			*gi = (au_interval){-gi->hi, -gi->lo};
	}
}

static bool is_bound(ss_qualifier q, int *side)
{
	switch (q) {
	case SS_QUAL_AT_LEAST:
	case SS_QUAL_MORE_THAN:
		*side = 1;
		return true;
	case SS_QUAL_AT_MOST:
	case SS_QUAL_LESS_THAN:
		*side = -1;
		return true;
	default:
		*side = 0;
		return false;
	}
}

static char *say(const char *field, const char *s, const char *sx, const char *c,
                 const char *cx)
{
	ss_buf b = SS_BUF_INIT;
	ss_buf_addf(&b, "%s: source says %s", field, s);
	if (sx)
		ss_buf_addf(&b, " (%s)", sx);
	ss_buf_addf(&b, ", claim says %s", c);
	if (cx)
		ss_buf_addf(&b, " (%s)", cx);
	size_t n;
	return ss_buf_detach(&b, &n);
}

/* Compare claim c with the source figure g it is about. */
static void compare(const au_store *src, const au_store *cl, const au_fig *c, const au_fig *g,
                    bool pconf, bool sconf, au_verdict *v)
{
	const char *ct = au_str(cl, c->text), *gt = au_str(src, g->text);
	const ss_fact *cf = &c->f, *gf = &g->f;
	v->kind = AU_CONTRADICTED;
	bool cp = au_points_scale(cf->unit) != 0, gp = au_points_scale(gf->unit) != 0;
	if (strcmp(cf->unit, gf->unit) && (cp != gp || au_unit_family(cf->kind, cf->unit) ==
	                                                     AU_FAM_MONEY)) {
		v->field = AU_FIELD_UNIT;
		v->reason = say("unit", gt, gf->unit, ct, cf->unit);
		return;
	}
	if (is_delta(cf) && is_delta(gf) && cf->direction != gf->direction) {
		v->field = AU_FIELD_DIRECTION;
		v->reason = say("direction", gt, ss_direction_name(gf->direction), ct,
		                ss_direction_name(cf->direction));
		return;
	}
	au_interval ci, gi;
	comparable(c, g, &ci, &gi);
	double eps = 1e-9 * fmax(1, fmax(isfinite(ci.lo) ? fabs(ci.lo) : 0,
	                                 isfinite(ci.hi) ? fabs(ci.hi) : 0));
	bool inside = gi.lo >= ci.lo - eps && gi.hi <= ci.hi + eps;
	if (!inside) {
		bool disjoint = gi.hi < ci.lo - eps || gi.lo > ci.hi + eps;
		int cs, gs;
		bool cb = is_bound(cf->qualifier, &cs), gb = is_bound(gf->qualifier, &gs);
		if (!disjoint || (cb && gb && cs != gs) || (cb && !gb && cf->value == gf->value)) {
			v->field = AU_FIELD_QUALIFIER;
			v->reason = say("qualifier", gt, ss_qualifier_name(gf->qualifier), ct,
			                ss_qualifier_name(cf->qualifier));
		} else {
			v->field = AU_FIELD_VALUE;
			v->reason = say("value", gt, NULL, ct, NULL);
		}
		return;
	}
	if (pconf) {
		v->field = AU_FIELD_PERIOD;
		v->reason = say("period", au_str(src, g->period), NULL, au_str(cl, c->period), NULL);
		return;
	}
	if (sconf) {
		v->field = AU_FIELD_SUBJECT;
		v->reason = say("subject", au_str(src, g->subject), NULL, au_str(cl, c->subject), NULL);
		return;
	}
	v->kind = AU_SUPPORTED;
}

void au_judge(const au_store *src, au_scratch *sc, const au_store *cl, const au_fig *c,
              const char *only_doc, au_verdict *v)
{
	memset(v, 0, sizeof *v);
	v->kind = AU_UNSUPPORTED;
	v->evidence = -1;
	if (!src->nfigs || !src->post)
		return;
	double denom = accumulate(src, sc, cl, c, only_doc);
	long best = -1;
	double best_score = -HUGE_VAL;
	bool best_p = false, best_s = false;
	for (size_t i = 0; i < sc->ntouched; i++) {
		uint32_t g = sc->touched[i];
		double ctx = denom > 0 ? sc->acc[g] / denom : 0;
		sc->acc[g] = 0; /* ready for the next claim */
		bool pc, scf;
		double s = ctx + signals(src, cl, c, &src->figs[g], &pc, &scf);
		if (s > best_score || (s == best_score && (long)g < best)) {
			best = g;
			best_score = s;
			best_p = pc;
			best_s = scf;
		}
	}
	sc->ntouched = 0;
	if (best < 0 || best_score < MIN_SCORE)
		return;
	v->evidence = best;
	v->score = best_score;
	compare(src, cl, c, &src->figs[best], best_p, best_s, v);
}
