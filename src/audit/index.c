/* index.c - the figures of a set of documents, copied out of their ss_doc
 * (so a document can be freed as soon as it is added) with their context
 * tokens, and for the sources the postings: for each (unit family, token),
 * the figures whose sentence holds it. A claim then touches only the
 * figures that share a word with it, of a family it can be compared with. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "index.h"

void au_store_init(au_store *s, const au_lexicon *lx, double tol)
{
	memset(s, 0, sizeof *s);
	s->lx = lx;
	s->tol = tol;
	ss_buf_addc(&s->strings, '\0'); /* offset 0 is the empty string */
}

void au_store_release(au_store *s)
{
	for (size_t i = 0; i < s->ndocs; i++)
		free(s->docs[i]);
	free(s->docs);
	free(s->figs);
	free(s->toks);
	ss_buf_release(&s->strings);
	free(s->doc_first);
	free(s->tidf);
	free(s->doc_toks);
	free(s->doc_tok_first);
	au_postings *p = s->post;
	if (p) {
		free(p->e);
		free(p->fam);
		free(p);
	}
	memset(s, 0, sizeof *s);
}

static uint32_t add_str(au_store *s, const char *p, size_t n)
{
	if (!n)
		return 0;
	uint32_t off = (uint32_t)s->strings.len;
	ss_buf_add(&s->strings, p, n);
	ss_buf_addc(&s->strings, '\0');
	return off;
}

static uint32_t add_span(au_store *s, const ss_doc *doc, ss_tspan sp)
{
	if (sp.end <= sp.start)
		return 0;
	char *t = ss_doc_span_str(doc, sp);
	uint32_t off = add_str(s, t, strlen(t));
	free(t);
	return off;
}

static void add_lead(au_store *s, const ss_doc *doc, const char *text);

/* A rise or fall written in 倍 is one in percent: 增长3.6倍 is +360%, and
 * 同比增6倍 the title's way of saying the body's 同比增601%. (A level
 * written in 倍, 是去年的3倍, is a multiple, not a change, and stays.) */
static bool as_percent(ss_fact *f)
{
	if (f->kind != SS_KIND_CHANGE || strcmp(f->unit, "x") ||
	    (f->direction != SS_DIR_UP && f->direction != SS_DIR_DOWN))
		return false;
	f->value *= 100;
	f->low *= 100;
	f->high *= 100;
	strcpy(f->unit, "%");
	return true;
}

/* The subject whose words weigh as fact i's own in its context: its
 * subject, unless that is only the size of a change (增幅比1-10月份提升2.0个
 * 百分点): then the size is of what the figure before it in the sentence
 * measures (营业收入), whose subject stands for it. */
static ss_tspan weighed_subject(const au_lexicon *lx, const ss_doc *doc, const char *text,
                                size_t i)
{
	const ss_fact *f = ss_doc_fact(doc, i);
	ss_tspan subj = f->subject;
	if (subj.end <= subj.start ||
	    !au_lexicon_is_size(lx, text + subj.start, subj.end - subj.start))
		return subj;
	for (size_t k = i; k-- > 0;) {
		const ss_fact *p = ss_doc_fact(doc, k);
		if (p->sentence.start != f->sentence.start || p->sentence.end != f->sentence.end)
			break;
		if (p->subject.end > p->subject.start &&
		    !au_lexicon_is_size(lx, text + p->subject.start, p->subject.end - p->subject.start))
			return p->subject;
	}
	return subj;
}

uint32_t au_store_add_doc(au_store *s, const ss_doc *doc, const char *name, bool claims)
{
	ss_grow((void **)&s->docs, &s->docs_cap, s->ndocs + 1, sizeof *s->docs);
	uint32_t d = (uint32_t)s->ndocs++;
	s->docs[d] = ss_xstrdup(name);
	size_t tl;
	const char *text = ss_doc_text(doc, &tl);
	size_t n = ss_doc_fact_count(doc);
	ss_grow((void **)&s->figs, &s->figs_cap, s->nfigs + n, sizeof *s->figs);
	for (size_t i = 0; i < n; i++) {
		const ss_fact *f = ss_doc_fact(doc, i);
		au_fig *g = &s->figs[s->nfigs++];
		memset(g, 0, sizeof *g);
		g->doc = d;
		g->f = *f;
		g->fact = (uint32_t)i;
		char box[512];
		g->page = ss_doc_fact_page(doc, i, box, sizeof box);
		if (g->page)
			g->box = add_str(s, box, strlen(box));
		g->scaled = as_percent(&g->f);
		f = &g->f;
		g->famkey = au_family_key(f->kind, f->unit);
		const char *ft = text + f->text.start;
		size_t fl = f->text.end - f->text.start;
		g->iv = claims ? au_claim_interval(f, ft, fl, s->tol) : au_source_interval(f, ft, fl);
		g->text = add_str(s, ft, fl);
		g->subject = add_span(s, doc, f->subject);
		g->period = add_span(s, doc, f->period);
		g->sentence = add_span(s, doc, f->sentence);
		/* the context: the sentence, around the figure's bytes in it */
		ss_tspan se = f->sentence;
		if (se.end <= se.start || f->text.start < se.start || f->text.end > se.end)
			se = f->text;
		size_t ss = 0, sse = 0;
		ss_tspan subj = weighed_subject(s->lx, doc, text, i);
		if (subj.end > subj.start && subj.start >= se.start && subj.end <= se.end)
			ss = subj.start - se.start, sse = subj.end - se.start;
		g->tok = (uint32_t)s->ntoks;
		au_context_tokens(s->lx, text + se.start, se.end - se.start, f->text.start - se.start,
		                  f->text.end - se.start, ss, sse, &s->toks, &s->ntoks, &s->toks_cap);
		g->ntok = (uint32_t)(s->ntoks - g->tok);
		g->stok = (uint32_t)s->ntoks;
		if (f->subject.end > f->subject.start)
			au_phrase_tokens(s->lx, text + f->subject.start, f->subject.end - f->subject.start,
			                 &s->toks, &s->ntoks, &s->toks_cap);
		g->nstok = (uint32_t)(s->ntoks - g->stok);
		au_period_parse(text + f->period.start, f->period.end - f->period.start, &g->years,
		                &g->subyear);
	}
	if (!claims)
		add_lead(s, doc, text);
	return d;
}

/* The tokens of a document's title and its first two sentences with
 * figures (where an article names its entity and period once, for the
 * figures further down), for au_judge's document context. */
static void add_lead(au_store *s, const ss_doc *doc, const char *text)
{
	ss_buf lead = SS_BUF_INIT;
	if (ss_doc_title(doc))
		ss_buf_adds(&lead, ss_doc_title(doc));
	ss_tspan last = {0, 0};
	size_t taken = 0;
	for (size_t i = 0; i < ss_doc_fact_count(doc) && taken < 2; i++) {
		ss_tspan se = ss_doc_fact(doc, i)->sentence;
		if (se.end <= se.start || (se.start == last.start && se.end == last.end))
			continue;
		ss_buf_addc(&lead, '\n');
		ss_buf_add(&lead, text + se.start, se.end - se.start);
		last = se;
		taken++;
	}
	au_token *t = NULL;
	size_t nt = 0, cap = 0;
	if (lead.len)
		au_phrase_tokens(s->lx, lead.ptr, lead.len, &t, &nt, &cap);
	ss_grow((void **)&s->doc_tok_first, &s->doc_tok_cap, s->ndocs + 1,
	        sizeof *s->doc_tok_first);
	ss_grow((void **)&s->doc_toks, &s->doc_toks_cap, s->ndoc_toks + nt + 1, sizeof *s->doc_toks);
	s->doc_tok_first[s->ndocs - 1] = s->ndoc_toks;
	for (size_t i = 0; i < nt; i++)
		s->doc_toks[s->ndoc_toks++] = t[i].id;
	s->doc_tok_first[s->ndocs] = s->ndoc_toks;
	free(t);
	ss_buf_release(&lead);
}

static int post_cmp(const void *a, const void *b)
{
	const au_posting *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->fig < y->fig ? -1 : x->fig > y->fig;
}

static int fam_cmp(const void *a, const void *b)
{
	const au_famcount *x = a, *y = b;
	return x->famkey < y->famkey ? -1 : x->famkey > y->famkey;
}

void au_index_finish(au_store *s)
{
	/* figures are added document by document: doc d's start where the
	 * first figure of a document >= d stands */
	s->doc_first = ss_xcalloc(s->ndocs + 1, sizeof *s->doc_first);
	size_t at = 0;
	for (size_t d = 0; d <= s->ndocs; d++) {
		while (at < s->nfigs && s->figs[at].doc < d)
			at++;
		s->doc_first[d] = (uint32_t)at;
	}

	au_postings *p = ss_xcalloc(1, sizeof *p);
	size_t total = 0;
	for (size_t i = 0; i < s->nfigs; i++)
		total += s->figs[i].ntok;
	p->e = ss_xmalloc((total ? total : 1) * sizeof *p->e);
	for (size_t i = 0; i < s->nfigs; i++) {
		const au_fig *g = &s->figs[i];
		for (uint32_t k = 0; k < g->ntok; k++) {
			const au_token *t = &s->toks[g->tok + k];
			p->e[p->n++] = (au_posting){((uint64_t)g->famkey << 32) | t->id, (uint32_t)i, t->w};
		}
	}
	qsort(p->e, p->n, sizeof *p->e, post_cmp);
	/* figures per family, for the weight of a token */
	size_t cap = 0;
	for (size_t i = 0; i < s->nfigs; i++) {
		uint32_t fk = s->figs[i].famkey;
		size_t j = 0;
		while (j < p->nfam && p->fam[j].famkey != fk)
			j++;
		if (j == p->nfam) {
			ss_grow((void **)&p->fam, &cap, p->nfam + 1, sizeof *p->fam);
			p->fam[p->nfam++] = (au_famcount){fk, 0};
		}
		p->fam[j].count++;
	}
	if (p->nfam)
		qsort(p->fam, p->nfam, sizeof *p->fam, fam_cmp);
	s->post = p;
	/* the weights of the subject tokens, once */
	s->tidf = ss_xcalloc(s->ntoks ? s->ntoks : 1, sizeof *s->tidf);
	for (size_t i = 0; i < s->nfigs; i++) {
		const au_fig *g = &s->figs[i];
		double nfam = (double)au_family_count(s, g->famkey);
		for (uint32_t k = 0; k < g->nstok; k++) {
			size_t cnt;
			au_postings_find(s, g->famkey, s->toks[g->stok + k].id, &cnt);
			s->tidf[g->stok + k] = (float)au_idf(nfam, cnt);
		}
	}
}

/* The first posting of e[0..n) whose key is key or above. */
static size_t first_at_least(const au_posting *e, size_t n, uint64_t key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (e[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t au_postings_find(const au_store *s, uint32_t famkey, uint32_t tok, size_t *count)
{
	const au_postings *p = s->post;
	uint64_t key = ((uint64_t)famkey << 32) | tok;
	size_t lo = first_at_least(p->e, p->n, key);
	/* the run of key ends where the next key up begins */
	*count = key == UINT64_MAX ? p->n - lo : first_at_least(p->e + lo, p->n - lo, key + 1);
	return lo;
}

size_t au_family_count(const au_store *s, uint32_t famkey)
{
	const au_postings *p = s->post;
	size_t lo = 0, hi = p->nfam;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->fam[mid].famkey < famkey)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < p->nfam && p->fam[lo].famkey == famkey ? p->fam[lo].count : 0;
}
