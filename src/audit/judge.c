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
#include "lexicon.h"

/* Below this a candidate is not about the same thing (tests/audit tunes it). */
#define MIN_SCORE 0.50
#define W_SUBJECT 0.30
#define W_FOREIGN 0.10
#define W_METRIC 0.50
/* A concept token this heavy stands in the figure's subject or own clause
 * (2 for a concept, times 3: context.c). */
#define NEAR 6.0f
/* Candidates kept from the context ranking for the finer signals. */
#define TOP 64
/* How many postings a claim token walks at most, once the rarest are
 * walked; a token with no more than COMMON is always walked. */
#define BUDGET 4096
#define COMMON 64
/* The weight of a claim token found elsewhere in the figure's document. */
#define DOC_WEIGHT 1.0
/* How much better a context must fit to overrule the subject and period. */
#define AMBIGUOUS 0.15
#define W_PERIOD 0.30
/* A level beside a change: in money and counts a balance and its change
 * are two quantities (余额 and 环比增加); a growth rate is often written as
 * a level (增速5%), so in percent they differ less. */
#define W_FLOW 0.30
#define W_DELTA 0.10
/* A listed metric only the source names: weaker than two in conflict. */
#define W_UNNAMED_METRIC 0.10
/* Two subjects that each leave at least this share of their weight unnamed
 * by the other side are distinct terms; the penalty takes such a candidate
 * below MIN_SCORE unless its context fits beyond doubt. */
#define DISTINCT 0.5
#define W_DISTINCT 1.0
/* the weight of a token in a figure's own clause (context.c) */
#define W_TOP 3.0f

void au_scratch_init(au_scratch *sc)
{
	memset(sc, 0, sizeof *sc);
}

void au_scratch_release(au_scratch *sc)
{
	free(sc->acc);
	free(sc->touched);
	free(sc->idf);
	free(sc->defer);
	free(sc->order);
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

/* The weight of a token that cnt of nfam figures hold: rare tokens weigh
 * more; one that no source holds weighs as a rare one, half, as it can tell
 * no two candidates apart and would only drown the ones that match. */
double au_idf(double nfam, size_t cnt)
{
	return log(1 + nfam / (double)(cnt ? cnt + 1 : 2)) * (cnt ? 1 : 0.5);
}

/* Share of a's tokens, weighted by rarity (aw[i] for a[i]), that b holds
 * with at least weight minw; both sorted by id. */
static double cover(const au_token *a, const float *aw, size_t na, const au_token *b, size_t nb,
                    float minw)
{
	double hit = 0, all = 0;
	for (size_t i = 0, j = 0; i < na; i++) {
		all += aw[i];
		while (j < nb && b[j].id < a[i].id)
			j++;
		if (j < nb && b[j].id == a[i].id && b[j].w >= minw)
			hit += aw[i];
	}
	return all > 0 ? hit / all : 0;
}

/* Whether the metrics named by the two figures (in their subject or their
 * own clause) are listed metrics with none in common: 营业收入 against
 * 利润总额. */
static bool metric_conflict(const au_lexicon *lx, const au_token *a, size_t na,
                            const au_token *b, size_t nb)
{
	bool any_a = false, any_b = false;
	for (size_t i = 0, j = 0; i < na || j < nb;) {
		bool ma = i < na && a[i].w >= NEAR && au_lexicon_is_metric(lx, a[i].id);
		bool mb = j < nb && b[j].w >= NEAR && au_lexicon_is_metric(lx, b[j].id);
		any_a |= ma;
		any_b |= mb;
		if (i < na && j < nb && a[i].id == b[j].id) {
			if (ma && mb)
				return false;
			i++, j++;
		} else if (j >= nb || (i < na && a[i].id < b[j].id)) {
			i++;
		} else {
			j++;
		}
	}
	return any_a && any_b;
}

static bool has_token(const au_token *t, size_t n, uint32_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && t[lo].id == id;
}

static bool has_id(const uint32_t *t, size_t n, uint32_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && t[lo] == id;
}

/* The share of the claim's subject (weighted by rarity) that g's document
 * never names near g: not in its sentence, its subject, its title or lead. */
static double unnamed_share(const au_store *src, const au_store *cl, const au_fig *c,
                            const float *cidf, const au_fig *g)
{
	const au_token *cs = cl->toks + c->stok;
	const uint32_t *dt = src->doc_toks + src->doc_tok_first[g->doc];
	size_t nd = src->doc_tok_first[g->doc + 1] - src->doc_tok_first[g->doc];
	double miss = 0, all = 0;
	for (uint32_t i = 0; i < c->nstok; i++) {
		uint32_t id = cs[i].id;
		all += cidf[i];
		if (!has_token(src->toks + g->tok, g->ntok, id) &&
		    !has_token(src->toks + g->stok, g->nstok, id) && !has_id(dt, nd, id))
			miss += cidf[i];
	}
	return all > 0 ? miss / all : 0;
}

/* Whether tokens t[0..n) hold a listed metric of at least weight minw. */
static bool names_metric(const au_lexicon *lx, const au_token *t, size_t n, float minw)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].w >= minw && au_lexicon_is_metric(lx, t[i].id))
			return true;
	return false;
}

/* Subject and period of candidate g against the claim: a bonus or penalty
 * added to its context score, whether they conflict, and whether g is
 * about another thing (another metric or term, a level for a change). */
static double signals(const au_store *src, const au_store *cl, const au_fig *c,
                      const float *cidf, const au_fig *g, bool *pconf, bool *sconf,
                      bool *other)
{
	double adj = 0;
	*pconf = *sconf = *other = false;
	const au_token *cs = cl->toks + c->stok, *gs = src->toks + g->stok;
	const float *gw = src->tidf + g->stok;
	if (c->nstok) {
		/* how much of the claim's subject the source names as its subject,
		 * or in the figure's own clause (a subject is often cut short: 中部
		 * for 中部地区实际使用外资 in a list with 分别) */
		double cov = fmax(cover(cs, cidf, c->nstok, gs, g->nstok, 0),
		                  cover(cs, cidf, c->nstok, src->toks + g->tok, g->ntok, W_TOP));
		adj += W_SUBJECT * cov;
		/* a subject the source sentence does not name at all is another one */
		if (g->nstok && cov == 0 && cover(cs, cidf, c->nstok, src->toks + g->tok, g->ntok, 0) < 0.34)
			*sconf = true;
	}
	if (g->nstok) {
		/* and, lightly (a source's subject is often longer than a claim's),
		 * what the source's subject names that the claim never mentions:
		 * 西部 for a claim about 中部 */
		adj -= W_FOREIGN * (1 - cover(gs, gw, g->nstok, cl->toks + c->tok, c->ntok, 0));
	}
	if (metric_conflict(src->lx, cl->toks + c->tok, c->ntok, src->toks + g->tok, g->ntok))
		adj -= W_METRIC, *other = true;
	/* a metric the source figure is about (its subject or own clause) while
	 * the claim names none at all: 66只股票融资净买入额占总成交金额比例 for a
	 * claim of 1240只个股获融资净买入 */
	else if (names_metric(src->lx, src->toks + g->tok, g->ntok, NEAR) &&
	         !names_metric(src->lx, cl->toks + c->tok, c->ntok, 0))
		adj -= W_UNNAMED_METRIC;
	if (c->nstok && g->nstok) {
		/* two distinct terms: the claim's subject names what the source's
		 * document does not near g, and the source's subject what the claim
		 * does not (融券余额 against 融资融券余额 or 融资余额, whose shared
		 * 两市 and 余额 are the generic part): a figure of another term, as
		 * for two listed metrics, but found without a list */
		double unnamed = unnamed_share(src, cl, c, cidf, g);
		double foreign = 1 - fmax(cover(gs, gw, g->nstok, cl->toks + c->tok, c->ntok, 0),
		                          cover(gs, gw, g->nstok, cs, c->nstok, 0));
		if (unnamed >= DISTINCT && foreign >= DISTINCT)
			adj -= W_DISTINCT, *other = true;
	}
	if (c->years && g->years) {
		if (c->years & g->years)
			adj += W_PERIOD / 3;
		else
			adj -= W_PERIOD, *pconf = true;
	}
	/* the part below the year is written too many ways (1-5月, 前5个月,
	 * and a comparison base 同期 is sometimes taken for it) to call a
	 * difference a conflict: an equal one only ranks higher */
	if (c->subyear && c->subyear == g->subyear)
		adj += W_PERIOD / 6;
	if (is_delta(&c->f) != is_delta(&g->f)) {
		bool percent = au_unit_family(c->f.kind, c->f.unit) == AU_FAM_PERCENT;
		adj -= percent ? W_DELTA : W_FLOW;
		*other |= !percent;
	}
	if (strcmp(c->f.unit, g->f.unit))
		adj -= 0.05;
	return adj;
}

static int span_cmp(const void *a, const void *b)
{
	const au_span *x = a, *y = b;
	return x->n < y->n ? -1 : x->n > y->n;
}

static double accumulate_cited(const au_store *src, au_scratch *sc, const au_fig *c,
                               const au_token *ct, const char *only_doc, double denom);

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
	ss_grow((void **)&sc->defer, &sc->defer_cap, c->ntok + 1, sizeof *sc->defer);
	double nfam = (double)au_family_count(src, c->famkey);
	double denom = 0;
	const au_token *ct = cl->toks + c->tok;
	const au_postings *p = src->post;
	/* every token's postings; then the rarest are walked first, up to a
	 * budget, and the common rest are deferred: added to the kept
	 * candidates only (deferred_context). A walk over most figures for a
	 * word most figures hold would buy little. */
	ss_grow((void **)&sc->order, &sc->order_cap, c->ntok + 1, sizeof *sc->order);
	for (uint32_t k = 0; k < c->ntok; k++) {
		size_t cnt, at = au_postings_find(src, c->famkey, ct[k].id, &cnt);
		sc->idf[k] = au_idf(nfam, cnt);
		denom += sc->idf[k] * ct[k].w * W_TOP;
		sc->defer[k] = true;
		sc->order[k] = (au_span){at, cnt, k};
	}
	if (only_doc)
		return accumulate_cited(src, sc, c, ct, only_doc, denom);
	qsort(sc->order, c->ntok, sizeof *sc->order, span_cmp);
	size_t walked = 0;
	for (uint32_t i = 0; i < c->ntok; i++) {
		const au_span *o = &sc->order[i];
		if (walked > BUDGET && o->n > COMMON)
			break;
		walked += o->n;
		uint32_t k = o->tok;
		sc->defer[k] = false;
		double idf = sc->idf[k];
		for (size_t e = o->at; e < o->at + o->n; e++) {
			uint32_t g = p->e[e].fig;
			if (sc->acc[g] == 0)
				sc->touched[sc->ntouched++] = g;
			sc->acc[g] += (float)(idf * ct[k].w * p->e[e].w);
		}
	}
	return denom;
}

/* A cited source: every figure of its documents, scored by a merge. */
static double accumulate_cited(const au_store *src, au_scratch *sc, const au_fig *c,
                               const au_token *ct, const char *only_doc, double denom)
{
	for (uint32_t k = 0; k < c->ntok; k++)
		sc->defer[k] = false;
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
					s += sc->idf[i] * ct[i].w * ft[j].w;
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

/* The deferred (common) claim tokens that g holds. */
static double deferred_context(const au_store *src, const au_scratch *sc, const au_store *cl,
                               const au_fig *c, const au_fig *g)
{
	const au_token *ct = cl->toks + c->tok, *gt = src->toks + g->tok;
	double s = 0;
	for (uint32_t i = 0, j = 0; i < c->ntok && j < g->ntok; i++) {
		if (!sc->defer[i])
			continue;
		while (j < g->ntok && gt[j].id < ct[i].id)
			j++;
		if (j < g->ntok && gt[j].id == ct[i].id)
			s += sc->idf[i] * ct[i].w * gt[j].w;
	}
	return s;
}

/* Claim tokens that g's own sentence lacks but its document's title or lead
 * has (the entity named once at the top, the period in the dateline), at
 * the weight of the far end of a sentence. */
static double doc_context(const au_store *src, const au_scratch *sc, const au_store *cl,
                          const au_fig *c, const au_fig *g)
{
	const au_token *ct = cl->toks + c->tok, *gt = src->toks + g->tok;
	const uint32_t *dt = src->doc_toks + src->doc_tok_first[g->doc];
	size_t nd = src->doc_tok_first[g->doc + 1] - src->doc_tok_first[g->doc];
	double s = 0;
	for (uint32_t i = 0, j = 0, d = 0; i < c->ntok; i++) {
		while (j < g->ntok && gt[j].id < ct[i].id)
			j++;
		if (j < g->ntok && gt[j].id == ct[i].id)
			continue;
		while (d < nd && dt[d] < ct[i].id)
			d++;
		if (d < nd && dt[d] == ct[i].id)
			s += sc->idf[i] * ct[i].w * DOC_WEIGHT;
	}
	return s;
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
	/* both ends of a rounded value are half open (shrunk a hair at the
	 * top): 42% [41.5, 42.5) and 43% [42.5, 43.5) do not meet, so no eps */
	bool inside = au_source_is_bound(gf) ? gi.lo >= ci.lo - eps && gi.hi <= ci.hi + eps
	                                     : gi.lo < ci.hi && ci.lo < gi.hi;
	if (!inside) {
		bool disjoint = !au_source_is_bound(gf) || gi.hi < ci.lo - eps || gi.lo > ci.hi + eps;
		int cs, gs;
		bool cb = is_bound(cf->qualifier, &cs), gb = is_bound(gf->qualifier, &gs);
		/* two bounds of the same side (超10% against 超过20%) differ in
		 * value; otherwise a bound against something else is the qualifier */
		bool same_side = cb && gb && cs == gs;
		if (!same_side &&
		    (!disjoint || (cb && gb) || (cb && !gb && cf->value == gf->value))) {
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

static float prior_of(const au_prior *prior, size_t nprior, uint32_t doc)
{
	float b = 0;
	for (size_t i = 0; i < nprior; i++)
		if (prior[i].doc == doc)
			b += prior[i].bonus;
	return b;
}

void au_judge(const au_store *src, au_scratch *sc, const au_store *cl, const au_fig *c,
              const char *only_doc, const au_prior *prior, size_t nprior, au_verdict *v)
{
	memset(v, 0, sizeof *v);
	v->kind = AU_UNSUPPORTED;
	v->evidence = -1;
	if (!src->nfigs || !src->post)
		return;
	double denom = accumulate(src, sc, cl, c, only_doc);
	/* the TOP best by context alone; the rest are no rivals */
	uint32_t top[TOP];
	double topctx[TOP];
	float topprior[TOP]; /* the part of topctx that is prior */
	size_t ntop = 0;
	for (size_t i = 0; i < sc->ntouched; i++) {
		uint32_t g = sc->touched[i];
		double ctx = denom > 0 ? sc->acc[g] / denom : 0;
		sc->acc[g] = 0; /* ready for the next claim */
		float pb = nprior ? prior_of(prior, nprior, src->figs[g].doc) : 0;
		ctx += pb;
		if (ntop == TOP && ctx <= topctx[TOP - 1])
			continue;
		size_t k = ntop < TOP ? ntop++ : TOP - 1;
		while (k > 0 && topctx[k - 1] < ctx) {
			top[k] = top[k - 1];
			topctx[k] = topctx[k - 1];
			topprior[k] = topprior[k - 1];
			k--;
		}
		top[k] = g;
		topctx[k] = ctx;
		topprior[k] = pb;
	}
	sc->ntouched = 0;
	double nfam = (double)au_family_count(src, c->famkey);
	float cidf[256]; /* the weights of the claim's subject tokens */
	au_fig cs = *c;
	if (cs.nstok > 256)
		cs.nstok = 256;
	c = &cs;
	for (uint32_t k = 0; k < c->nstok; k++) {
		size_t cnt;
		au_postings_find(src, c->famkey, cl->toks[c->stok + k].id, &cnt);
		cidf[k] = (float)au_idf(nfam, cnt);
	}
	for (size_t i = 0; i < ntop; i++)
		topctx[i] += denom > 0 ? (doc_context(src, sc, cl, c, &src->figs[top[i]]) +
		                          deferred_context(src, sc, cl, c, &src->figs[top[i]])) / denom
		                       : 0;
	long best = -1;
	double best_score = -HUGE_VAL, best_ctx = 0, best_prior = 0;
	bool best_p = false, best_s = false;
	for (size_t i = 0; i < ntop; i++) {
		bool pc, scf, oth;
		double s = topctx[i] + signals(src, cl, c, cidf, &src->figs[top[i]], &pc, &scf, &oth);
		if (s > best_score) {
			best = top[i];
			best_score = s;
			best_ctx = topctx[i];
			best_prior = topprior[i];
			best_p = pc;
			best_s = scf;
		}
	}
	/* a prior helps choose among candidates, never makes one close enough */
	if (best < 0 || best_score - best_prior < MIN_SCORE)
		return;
	/* The subject and period signals may rank a figure above one whose
	 * context fits the claim clearly better (and is about no other thing).
	 * When that figure would support the claim and the better-fitting one
	 * would not, the evidence is ambiguous: the claim is judged on the
	 * better-fitting one, so that a subject taken for the claim's never
	 * makes an equal number that stands for something else support it. */
	bool pc, scf, oth = true;
	if (ntop && top[0] != (uint32_t)best && topctx[0] > best_ctx + AMBIGUOUS)
		signals(src, cl, c, cidf, &src->figs[top[0]], &pc, &scf, &oth);
	if (!oth) {
		au_verdict a, b;
		memset(&a, 0, sizeof a);
		memset(&b, 0, sizeof b);
		compare(src, cl, c, &src->figs[best], best_p, best_s, &a);
		compare(src, cl, c, &src->figs[top[0]], pc, scf, &b);
		bool swap = a.kind == AU_SUPPORTED && b.kind != AU_SUPPORTED;
		free(a.reason);
		free(b.reason);
		if (swap) {
			best = top[0];
			best_p = pc;
			best_s = scf;
		}
	}
	v->evidence = best;
	v->score = best_score - best_prior;
	compare(src, cl, c, &src->figs[best], best_p, best_s, v);
}
