/* run.c - judging a whole set of claims: a first pass on each figure alone,
 * then a second in which the documents that support the figures around it
 * weigh in (the other figures of its sentence most, the claims as a whole a
 * little). A claim names its entity once; the source's sentence often does
 * not name it at all, so this is how 营收增长7.58% in a sentence about
 * 江苏银行 finds 江苏银行's report among a thousand others that say 营业收入
 * and 同比增长. */
#include <stdlib.h>
#include <string.h>

#include "audit.h"

/* The bonus of a document that supports another figure of the same
 * sentence, and (times its share of the supported figures) one that
 * supports the claims at large. Small beside a matching context (1 and
 * more), large beside the spread of near-equal candidates. */
#define W_SIBLING 0.30f
#define W_CLAIMS 0.15f
/* Below this share of the supported figures a document gets no bonus. */
#define MIN_SHARE 0.2

static bool same_sentence(const au_fig *a, const au_fig *b)
{
	return a->doc == b->doc && a->f.sentence.start == b->f.sentence.start &&
	       a->f.sentence.end == b->f.sentence.end;
}

static void add_prior(au_prior **p, size_t *n, size_t *cap, uint32_t doc, float bonus)
{
	for (size_t i = 0; i < *n; i++)
		if ((*p)[i].doc == doc) {
			if ((*p)[i].bonus < bonus)
				(*p)[i].bonus = bonus;
			return;
		}
	ss_grow((void **)p, cap, *n + 1, sizeof **p);
	(*p)[(*n)++] = (au_prior){doc, bonus};
}

void au_judge_all(const au_store *src, const au_store *cl, const char *const *cited,
                  au_verdict *out)
{
	au_scratch sc;
	au_scratch_init(&sc);
	size_t n = cl->nfigs;
	for (size_t i = 0; i < n; i++)
		au_judge(src, &sc, cl, &cl->figs[i], cited ? cited[i] : NULL, NULL, 0, &out[i]);

	/* the documents that support the claims at large */
	uint32_t *support = ss_xcalloc(src->ndocs + 1, sizeof *support);
	size_t nsupported = 0;
	for (size_t i = 0; i < n; i++)
		if (out[i].kind == AU_SUPPORTED) {
			support[src->figs[out[i].evidence].doc]++;
			nsupported++;
		}
	au_prior *global = NULL, *prior = NULL;
	size_t nglobal = 0, gcap = 0, nprior = 0, pcap = 0;
	for (size_t d = 0; d < src->ndocs && nsupported; d++) {
		double share = (double)support[d] / (double)nsupported;
		if (share >= MIN_SHARE)
			add_prior(&global, &nglobal, &gcap, (uint32_t)d, (float)(W_CLAIMS * share));
	}
	/* the second pass: the first one's verdicts decide the priors only */
	au_verdict *first = ss_xmalloc((n ? n : 1) * sizeof *first);
	memcpy(first, out, n * sizeof *first);
	for (size_t i = 0; i < n; i++) {
		nprior = 0;
		for (size_t k = 0; k < nglobal; k++)
			add_prior(&prior, &nprior, &pcap, global[k].doc, global[k].bonus);
		/* siblings: the figures before and after it in the same sentence */
		for (size_t j = i; j-- > 0 && same_sentence(&cl->figs[j], &cl->figs[i]);)
			if (first[j].kind == AU_SUPPORTED)
				add_prior(&prior, &nprior, &pcap, src->figs[first[j].evidence].doc, W_SIBLING);
		for (size_t j = i + 1; j < n && same_sentence(&cl->figs[j], &cl->figs[i]); j++)
			if (first[j].kind == AU_SUPPORTED)
				add_prior(&prior, &nprior, &pcap, src->figs[first[j].evidence].doc, W_SIBLING);
		if (!nprior)
			continue; /* nothing would change */
		au_verdict v;
		au_judge(src, &sc, cl, &cl->figs[i], cited ? cited[i] : NULL, prior, nprior, &v);
		out[i] = v;
	}
	for (size_t i = 0; i < n; i++)
		if (out[i].reason != first[i].reason)
			free(first[i].reason);
	free(first);
	free(prior);
	free(global);
	free(support);
	au_scratch_release(&sc);
}
