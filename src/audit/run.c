/* run.c - judging a whole set of claims: a first pass on each figure alone,
 * then a second in which the documents that support the figures around it
 * weigh in (the other figures of its sentence most, the claims as a whole a
 * little). A claim names its entity once; the source's sentence often does
 * not name it at all, so this is how 营收增长7.58% in a sentence about
 * 江苏银行 finds 江苏银行's report among a thousand others that say 营业收入
 * and 同比增长. */
#include <pthread.h>
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

/* One thread's share of a pass: figures [from, to), priors or not. */
typedef struct {
	const au_store *src, *cl;
	const char *const *cited;
	au_verdict *out;
	const au_verdict *first; /* the first pass's verdicts, for the second */
	const au_prior *global;
	size_t nglobal, from, to;
} pass_job;

static void *run_pass(void *arg)
{
	pass_job *j = arg;
	au_scratch sc;
	au_scratch_init(&sc);
	au_prior *prior = NULL;
	size_t nprior = 0, pcap = 0;
	const au_store *cl = j->cl;
	for (size_t i = j->from; i < j->to; i++) {
		const char *cited = j->cited ? j->cited[i] : NULL;
		if (!j->first) {
			au_judge(j->src, &sc, cl, &cl->figs[i], cited, NULL, 0, &j->out[i]);
			continue;
		}
		nprior = 0;
		for (size_t k = 0; k < j->nglobal; k++)
			add_prior(&prior, &nprior, &pcap, j->global[k].doc, j->global[k].bonus);
		/* siblings: the figures before and after it in the same sentence */
		for (size_t k = i; k-- > 0 && same_sentence(&cl->figs[k], &cl->figs[i]);)
			if (j->first[k].kind == AU_SUPPORTED)
				add_prior(&prior, &nprior, &pcap, j->src->figs[j->first[k].evidence].doc,
				          W_SIBLING);
		for (size_t k = i + 1; k < cl->nfigs && same_sentence(&cl->figs[k], &cl->figs[i]); k++)
			if (j->first[k].kind == AU_SUPPORTED)
				add_prior(&prior, &nprior, &pcap, j->src->figs[j->first[k].evidence].doc,
				          W_SIBLING);
		if (!nprior)
			continue; /* nothing would change: out[i] keeps the first verdict */
		au_judge(j->src, &sc, cl, &cl->figs[i], cited, prior, nprior, &j->out[i]);
	}
	free(prior);
	au_scratch_release(&sc);
	return NULL;
}

/* Run a pass over every figure on up to jobs threads (each with its own
 * scratch; the stores are only read). */
static void pass(pass_job *proto, int jobs)
{
	size_t n = proto->cl->nfigs;
	if (jobs < 1)
		jobs = 1;
	if ((size_t)jobs > n / 64 + 1)
		jobs = (int)(n / 64 + 1); /* a thread for a handful of claims costs more */
	pass_job *jb = ss_xcalloc((size_t)jobs, sizeof *jb);
	pthread_t *t = ss_xcalloc((size_t)jobs, sizeof *t);
	for (int k = 0; k < jobs; k++) {
		jb[k] = *proto;
		jb[k].from = n * (size_t)k / (size_t)jobs;
		jb[k].to = n * (size_t)(k + 1) / (size_t)jobs;
	}
	int started = 0;
	for (int k = 1; k < jobs; k++, started++)
		if (pthread_create(&t[k], NULL, run_pass, &jb[k]) != 0)
			break;
	run_pass(&jb[0]);
	/* a thread that could not start: its share runs here */
	for (int k = started + 1; k < jobs; k++)
		run_pass(&jb[k]);
	for (int k = 1; k <= started; k++)
		pthread_join(t[k], NULL);
	free(t);
	free(jb);
}

void au_judge_all(const au_store *src, const au_store *cl, const char *const *cited,
                  au_verdict *out, int jobs)
{
	size_t n = cl->nfigs;
	pass_job job = {src, cl, cited, out, NULL, NULL, 0, 0, n};
	pass(&job, jobs);

	/* the documents that support the claims at large */
	uint32_t *support = ss_xcalloc(src->ndocs + 1, sizeof *support);
	size_t nsupported = 0;
	for (size_t i = 0; i < n; i++)
		if (out[i].kind == AU_SUPPORTED) {
			support[src->figs[out[i].evidence].doc]++;
			nsupported++;
		}
	au_prior *global = NULL;
	size_t nglobal = 0, gcap = 0;
	for (size_t d = 0; d < src->ndocs && nsupported; d++) {
		double share = (double)support[d] / (double)nsupported;
		if (share >= MIN_SHARE)
			add_prior(&global, &nglobal, &gcap, (uint32_t)d, (float)(W_CLAIMS * share));
	}
	/* the second pass: the first one's verdicts decide the priors only */
	au_verdict *first = ss_xmalloc((n ? n : 1) * sizeof *first);
	memcpy(first, out, n * sizeof *first);
	job.first = first;
	job.global = global;
	job.nglobal = nglobal;
	pass(&job, jobs);
	for (size_t i = 0; i < n; i++)
		if (out[i].reason != first[i].reason)
			free(first[i].reason);
	free(first);
	free(global);
	free(support);
}
