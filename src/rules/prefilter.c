/* prefilter.c - the places where a rule can match, for the whole text at
 * once, from a Vectorscan (Hyperscan) database of every rule's pattern in
 * prefilter mode: what the library cannot match exactly (lookarounds,
 * possessive quantifiers) it loosens, so it reports a superset of the ends
 * of the rule's matches. The scan then skips a rule in a window where it
 * reported no end: PCRE2 would find nothing there. Built only when
 * pkg-config finds libhs (SS_HAVE_HS); without it every rule is tried as
 * before. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

#ifdef SS_HAVE_HS
#include <hs.h>

struct ss_prefilter {
	hs_database_t *db;
	unsigned long serial; /* which database a thread's scratch was grown for */
};

static _Atomic unsigned long serials;

/* The pattern without group names (Vectorscan refuses a name used twice,
 * which PCRE2_DUPNAMES allows; captures mean nothing to a prefilter). */
static char *unnamed(const char *p)
{
	char *o = ss_xmalloc(strlen(p) + 1), *d = o;
	for (const char *s = p; *s;) {
		if (s[0] == '\\' && s[1]) {
			*d++ = *s++;
			*d++ = *s++;
		} else if (s[0] == '(' && s[1] == '?' && s[2] == '<' && isalpha((unsigned char)s[3]) &&
		           strchr(s, '>')) {
			memcpy(d, "(?:", 3);
			d += 3;
			s = strchr(s, '>') + 1;
		} else {
			*d++ = *s++;
		}
	}
	*d = '\0';
	return o;
}

ss_prefilter *ss_prefilter_build(const ss_ruleset *rs)
{
	if (rs->nrules == 0 || rs->nrules > UINT32_MAX)
		return NULL;
	const char **pats = ss_xcalloc(rs->nrules, sizeof *pats);
	unsigned *flags = ss_xcalloc(rs->nrules, sizeof *flags);
	unsigned *ids = ss_xcalloc(rs->nrules, sizeof *ids);
	for (size_t i = 0; i < rs->nrules; i++) {
		pats[i] = unnamed(rs->rules[i].pattern);
		/* UCP: \d \s \w wider than PCRE2's ASCII ones, a superset still.
		 * No empty matches: they are no figures (and would be reported at
		 * every byte). */
		flags[i] = HS_FLAG_PREFILTER | HS_FLAG_UTF8 | HS_FLAG_UCP;
		ids[i] = (unsigned)i;
	}
	hs_database_t *db = NULL;
	hs_compile_error_t *err = NULL;
	int rc = hs_compile_multi(pats, flags, ids, (unsigned)rs->nrules, HS_MODE_BLOCK, NULL, &db,
	                          &err);
	for (size_t i = 0; i < rs->nrules; i++)
		free((char *)pats[i]);
	free(pats);
	free(flags);
	free(ids);
	if (rc != HS_SUCCESS) {
		/* A pattern it cannot take: the scan runs without it, as before. */
		hs_free_compile_error(err);
		return NULL;
	}
	ss_prefilter *pf = ss_xcalloc(1, sizeof *pf);
	pf->db = db;
	pf->serial = ++serials;
	return pf;
}

void ss_prefilter_free(ss_prefilter *pf)
{
	if (!pf)
		return;
	hs_free_database(pf->db);
	free(pf);
}

/* One scratch a thread, grown to fit every database it scans with: the
 * growing is asked once a database (it costs as much as scanning 10 KB). */
static _Thread_local hs_scratch_t *scratch;
static _Thread_local unsigned long scratch_serial;

static int on_hit(unsigned id, unsigned long long from, unsigned long long to,
                  unsigned flags, void *ctx)
{
	ss_pf_hits *h = ctx;
	ss_pf_ends *e = &h->rule[id];
	/* Ends come in order; a repeat says nothing new. */
	if (e->n && e->end[e->n - 1] >= to)
		return 0;
	ss_grow((void **)&e->end, &e->cap, e->n + 1, sizeof *e->end);
	e->end[e->n++] = (size_t)to;
	return 0;
}

bool ss_prefilter_scan(const ss_prefilter *pf, const char *text, size_t len, size_t nrules,
                       ss_pf_hits *h)
{
	memset(h, 0, sizeof *h);
	if (!pf || len > UINT32_MAX)
		return false;
	if (scratch_serial != pf->serial) {
		if (hs_alloc_scratch(pf->db, &scratch) != HS_SUCCESS)
			return false;
		scratch_serial = pf->serial;
	}
	h->rule = ss_xcalloc(nrules, sizeof *h->rule);
	h->n = nrules;
	if (hs_scan(pf->db, text, (unsigned)len, 0, scratch, on_hit, h) != HS_SUCCESS) {
		ss_pf_hits_release(h);
		return false;
	}
	return true;
}

#else

ss_prefilter *ss_prefilter_build(const ss_ruleset *rs)
{
	return NULL;
}

void ss_prefilter_free(ss_prefilter *pf)
{
}

bool ss_prefilter_scan(const ss_prefilter *pf, const char *text, size_t len, size_t nrules,
                       ss_pf_hits *h)
{
	memset(h, 0, sizeof *h);
	return false;
}

#endif

void ss_pf_hits_release(ss_pf_hits *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->rule[i].end);
	free(h->rule);
	memset(h, 0, sizeof *h);
}

bool ss_pf_may_match(ss_pf_hits *h, size_t ri, size_t ws, size_t lim)
{
	if (!h->rule)
		return true;
	ss_pf_ends *e = &h->rule[ri];
	/* Windows come in text order: ends at or before this one's start are
	 * no use to any later window either. A match starting in [ws, ...)
	 * that is no empty one ends after ws. */
	while (e->next < e->n && e->end[e->next] <= ws)
		e->next++;
	return e->next < e->n && e->end[e->next] <= lim;
}
