/* prefilter.c - the places where a rule can match, for the whole text at
 * once, from Vectorscan (Hyperscan) databases of the rules' patterns in
 * prefilter mode: what the library cannot match exactly (lookarounds,
 * possessive quantifiers) it loosens, so it reports a superset of the ends
 * of the rule's matches. The scan then skips a rule in a window where it
 * reported no end: PCRE2 would find nothing there.
 *
 * Compiling the built-in rules takes seconds, so their database is made at
 * build time (scripts/builtingen.c) and read back here: each built-in rule's
 * pattern has a key, and while the rule set's first rules have the keys the
 * database was made from, that database serves them and only the rules after
 * them (--rules DIR) are compiled, into a second one. A directory that
 * changes a built-in rule (extend) compiles everything. A pattern Vectorscan
 * refuses is tried everywhere, as without a prefilter. Built only when
 * pkg-config finds libhs (SS_HAVE_HS); without it every rule is tried as
 * before. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

#ifdef SS_HAVE_HS
#include <dlfcn.h>
#include <hs.h>

struct ss_prefilter {
	hs_database_t *db[2]; /* the built-in database (or everything), the rest */
	bool *open;           /* per rule: in no database, may match anywhere */
	/* per rule: the rule whose ends it reads, an earlier one that gave
	 * Vectorscan the same piece (the three count rules' measure words,
	 * the four '%'), else itself */
	uint32_t *same;
	size_t nrules;
	unsigned long serial; /* which databases a thread's scratch was grown for */
};

static _Atomic unsigned long serials;

/* One scratch a thread, grown to fit every database it scans with: the
 * growing is asked once a prefilter (it costs as much as scanning 10 KB).
 * A key's destructor frees it when the thread ends. */
static _Thread_local hs_scratch_t *scratch;
static _Thread_local unsigned long scratch_serial;
static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;

static void scratch_free(void *s)
{
	hs_free_scratch(s);
}

static void scratch_key_make(void)
{
	pthread_key_create(&scratch_key, scratch_free);
}

/* Grow this thread's scratch for db. */
static bool scratch_fit(const hs_database_t *db)
{
	pthread_once(&scratch_once, scratch_key_make);
	if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS)
		return false;
	pthread_setspecific(scratch_key, scratch);
	return true;
}

/* Every pattern is compiled with these flags: UTF-8 without UCP, so \d \w
 * \s and their negations are PCRE2's ASCII ones. No empty matches: they are
 * no figures (and would be reported at every byte). */
#define PF_FLAGS (HS_FLAG_PREFILTER | HS_FLAG_UTF8)

/* The scan. Vectorscan 5.4.9 loses matches in some of its vector code,
 * which it picks at run time by the CPU:
 *   - the AVX-512 scan, matches of a class followed by a literal ([0-9]%)
 *     in the last partial vector of a text longer than one;
 *   - the AVX2 and AVX-512 scans, matches of a bounded repeat followed by a
 *     starred class and a literal (2{1,3}\s*x in a2bbbbbbbbbbbbbb2x) once
 *     the repeat's character stood 14 bytes or more before.
 * The scan in use is first shown texts where those happen; if it misses,
 * the next of the library's scans (a fat build exports them: AVX2, SSE4.2,
 * SSE3) that finds them all takes over, and if none does there is no
 * prefilter: every rule is tried everywhere, slower but whole. */
static const char *const probe_patterns[] = {"[0-9]%", "2{1,3}\\s*x"};
#define NPROBES (sizeof probe_patterns / sizeof *probe_patterns)
typedef hs_error_t (*scan_fn)(const hs_database_t *, const char *, unsigned, unsigned,
                              hs_scratch_t *, match_event_handler, void *);
static scan_fn scanner;
static pthread_once_t scanner_once = PTHREAD_ONCE_INIT;

static int probe_hit(unsigned id, unsigned long long from, unsigned long long to,
                     unsigned flags, void *ctx)
{
	if (id < NPROBES)
		((unsigned *)ctx)[id]++;
	return 0;
}

/* Whether scan finds the one match of probe pattern id in text[0, n). */
static bool probe_finds(scan_fn scan, const hs_database_t *db, hs_scratch_t *s, unsigned id,
                        const char *text, size_t n)
{
	unsigned hits[NPROBES] = {0};
	if (scan(db, text, (unsigned)n, 0, s, probe_hit, hits) != HS_SUCCESS)
		return false;
	for (unsigned k = 0; k < NPROBES; k++)
		if (hits[k] != (k == id))
			return false;
	return true;
}

static bool scan_finds(scan_fn scan, const hs_database_t *db, hs_scratch_t *s)
{
	char text[160];
	for (size_t pre = 56; pre < 120; pre++)
		for (size_t post = 1; post <= 4; post++) {
			memset(text, 'a', pre);
			memcpy(text + pre, "15%", 3);
			memset(text + pre + 3, 'b', post);
			if (!probe_finds(scan, db, s, 0, text, pre + 3 + post))
				return false;
		}
	for (size_t gap = 1; gap < 80; gap++) {
		text[0] = 'a';
		text[1] = '2';
		memset(text + 2, 'b', gap);
		memcpy(text + 2 + gap, "2x", 2);
		if (!probe_finds(scan, db, s, 1, text, gap + 4))
			return false;
	}
	return true;
}

/* Made by the Vectorscan that runs it: a serialised database names its
 * version, and another one's would not read back. */
static bool same_version(const unsigned char *bytes, size_t len)
{
	char *info = NULL;
	if (!len || hs_serialized_database_info((const char *)bytes, len, &info) != HS_SUCCESS)
		return false;
	bool same = strncmp(info, "Version: ", 9) == 0 &&
	            strncmp(info + 9, hs_version(), strcspn(info + 9, " ")) == 0;
	free(info);
	return same;
}

/* The probe's patterns, for any x86-64 machine; serialised at build time
 * (ss_hs_probe_db) so that start-up does not pay Vectorscan's compile. */
static hs_database_t *probe_compile(void)
{
	hs_platform_info_t any = {.tune = HS_TUNE_FAMILY_GENERIC, .cpu_features = 0};
	hs_database_t *db = NULL;
	hs_compile_error_t *err = NULL;
	unsigned flags[NPROBES], ids[NPROBES];
	for (unsigned k = 0; k < NPROBES; k++) {
		flags[k] = PF_FLAGS;
		ids[k] = k;
	}
	if (hs_compile_multi(probe_patterns, flags, ids, NPROBES, HS_MODE_BLOCK, &any, &db, &err) !=
	    HS_SUCCESS) {
		hs_free_compile_error(err);
		return NULL;
	}
	return db;
}

static void scanner_pick(void)
{
	hs_database_t *db = NULL;
	hs_scratch_t *s = NULL;
	if (!same_version(ss_hs_probe_db, ss_hs_probe_len) ||
	    hs_deserialize_database((const char *)ss_hs_probe_db, ss_hs_probe_len, &db) !=
	        HS_SUCCESS)
		db = probe_compile();
	if (!db)
		return;
	if (hs_alloc_scratch(db, &s) == HS_SUCCESS) {
		static const char *const fallbacks[] = {"avx2_hs_scan", "corei7_hs_scan",
		                                        "core2_hs_scan"};
		if (scan_finds(hs_scan, db, s))
			scanner = hs_scan;
		for (size_t k = 0; !scanner && k < sizeof fallbacks / sizeof *fallbacks; k++) {
			scan_fn f = (scan_fn)dlsym(RTLD_DEFAULT, fallbacks[k]);
			if (f && scan_finds(f, db, s))
				scanner = f;
		}
	}
	hs_free_scratch(s);
	hs_free_database(db);
}

bool ss_prefilter_probe_serialize(char **bytes, size_t *len)
{
	hs_database_t *db = probe_compile();
	char *b = NULL;
	size_t n = 0;
	bool ok = db && hs_serialize_database(db, &b, &n) == HS_SUCCESS;
	hs_free_database(db);
	*bytes = ok ? ss_xmalloc(n) : NULL;
	*len = ok ? n : 0;
	if (ok)
		memcpy(*bytes, b, n);
	free(b);
	return ok;
}

/* What the prefilter looks for, for a rule: the cheapest piece of every
 * match (factor.c) that Vectorscan takes and that cannot match empty, else
 * the whole pattern. */
static char *piece_of(const char *pattern)
{
	char *f = ss_pattern_factor(pattern);
	char *own = f ? ss_hs_loosened(f) : NULL;
	free(f);
	hs_expr_info_t *info = NULL;
	hs_compile_error_t *err = NULL;
	bool ok = own && !ss_hs_end_assertion(own) &&
	          hs_expression_info(own, PF_FLAGS, &info, &err) == HS_SUCCESS && info &&
	          info->min_width > 0 && !info->matches_at_eod && !info->matches_only_at_eod;
	free(info);
	if (err)
		hs_free_compile_error(err);
	if (ok)
		return own;
	free(own);
	return ss_hs_loosened(pattern);
}

/* Compile rules [from, to) of rs into one database; a pattern refused is
 * left out (open), and the others are compiled again without it. NULL when
 * none is left. */
static hs_database_t *compile_range(const ss_ruleset *rs, size_t from, size_t to, bool *open,
                                    uint32_t *same)
{
	/* Generic: for any x86-64 Vectorscan runs on (a database made at build
	 * time may run on another machine, or under valgrind), and one that the
	 * SSE scans can read when the probe turns the vector ones down (it
	 * scans no slower than one made for this host). */
	hs_platform_info_t any = {.tune = HS_TUNE_FAMILY_GENERIC, .cpu_features = 0};
	size_t n = to - from;
	const char **pats = ss_xcalloc(n ? n : 1, sizeof *pats);
	unsigned *flags = ss_xcalloc(n ? n : 1, sizeof *flags);
	unsigned *ids = ss_xcalloc(n ? n : 1, sizeof *ids);
	char **own = ss_xcalloc(n ? n : 1, sizeof *own);
	for (size_t i = 0; i < n; i++) {
		own[i] = piece_of(rs->rules[from + i].pattern);
		if (!own[i] || ss_hs_end_assertion(own[i]))
			open[from + i] = true;
	}
	/* A piece given once: Vectorscan's work and its callbacks were a
	 * sixteenth of the scan more for each copy. */
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i && !open[from + i]; j++)
			if (!open[from + j] && same[from + j] == from + j && !strcmp(own[i], own[j])) {
				same[from + i] = (uint32_t)(from + j);
				break;
			}
#ifdef SS_SCAN_STATS
	/* a debug build's listing of what Vectorscan is given */
	if (getenv("SS_PF_DUMP"))
		for (size_t i = 0; i < n; i++)
			fprintf(stderr, "PF %s %s\n", rs->rules[from + i].id, open[from + i] ? "(open)" : own[i]);
#endif
	hs_database_t *db = NULL;
	for (;;) {
		unsigned k = 0;
		for (size_t i = 0; i < n; i++) {
			if (open[from + i] || same[from + i] != from + i)
				continue;
			pats[k] = own[i];
			flags[k] = PF_FLAGS;
			ids[k++] = (unsigned)(from + i);
		}
		if (!k)
			break;
		hs_compile_error_t *err = NULL;
		if (hs_compile_multi(pats, flags, ids, k, HS_MODE_BLOCK, &any, &db,
		                     &err) ==
		    HS_SUCCESS)
			break;
		int bad = err ? err->expression : -1;
		hs_free_compile_error(err);
		db = NULL;
		if (bad < 0 || (unsigned)bad >= k) {
			/* Not one pattern's fault: no prefilter for any of them. */
			for (size_t i = 0; i < n; i++)
				open[from + i] = true;
			break;
		}
		open[ids[bad]] = true;
	}
	/* a rule reading the ends of one refused is refused too */
	for (size_t i = 0; i < n; i++)
		if (same[from + i] != from + i && open[same[from + i]]) {
			open[from + i] = true;
			same[from + i] = (uint32_t)(from + i);
		}
	for (size_t i = 0; i < n; i++)
		free(own[i]);
	free(own);
	free(pats);
	free(flags);
	free(ids);
	return db;
}

/* The build-time database, when it was made for the rule set's first
 * ss_hs_builtin_count rules as they are now and this machine can run it. */
static hs_database_t *builtin_db(const ss_ruleset *rs, bool *open, uint32_t *same)
{
	size_t nb = ss_hs_builtin_count;
	if (!nb || nb > rs->nrules || !ss_hs_builtin_len)
		return NULL;
	for (size_t i = 0; i < nb; i++)
		if (ss_hs_builtin_keys[i] && ss_hs_builtin_keys[i] != ss_rule_key(&rs->rules[i]))
			return NULL;
	hs_database_t *db = NULL;
	if (!same_version(ss_hs_builtin_db, ss_hs_builtin_len) || hs_deserialize_database((const char *)ss_hs_builtin_db, ss_hs_builtin_len,
	                                     &db) != HS_SUCCESS)
		return NULL;
	/* The platform it was made for (instruction set) must be this one's. */
	if (hs_valid_platform() != HS_SUCCESS || !scratch_fit(db)) {
		hs_free_database(db);
		return NULL;
	}
	for (size_t i = 0; i < nb; i++) {
		open[i] = ss_hs_builtin_keys[i] == 0;
		same[i] = ss_hs_builtin_same[i];
	}
	return db;
}

static ss_prefilter *build(const ss_ruleset *rs, bool builtin)
{
	pthread_once(&scanner_once, scanner_pick);
	if (!scanner || rs->nrules == 0 || rs->nrules > UINT32_MAX)
		return NULL;
	ss_prefilter *pf = ss_xcalloc(1, sizeof *pf);
	pf->open = ss_xcalloc(rs->nrules, sizeof *pf->open);
	pf->same = ss_xcalloc(rs->nrules, sizeof *pf->same);
	for (size_t i = 0; i < rs->nrules; i++)
		pf->same[i] = (uint32_t)i;
	pf->nrules = rs->nrules;
	size_t done = 0;
	if (builtin && (pf->db[0] = builtin_db(rs, pf->open, pf->same)))
		done = ss_hs_builtin_count;
	hs_database_t *rest = done < rs->nrules
	                          ? compile_range(rs, done, rs->nrules, pf->open, pf->same)
	                          : NULL;
	if (done)
		pf->db[1] = rest;
	else
		pf->db[0] = rest;
	if (!pf->db[0]) {
		ss_prefilter_free(pf);
		return NULL;
	}
	pf->serial = ++serials;
	return pf;
}

ss_prefilter *ss_prefilter_build(const ss_ruleset *rs)
{
	return build(rs, true);
}

ss_prefilter *ss_prefilter_compile_generic(const ss_ruleset *rs)
{
	return build(rs, false);
}

void ss_prefilter_free(ss_prefilter *pf)
{
	if (!pf)
		return;
	for (int i = 0; i < 2; i++)
		if (pf->db[i])
			hs_free_database(pf->db[i]);
	free(pf->open);
	free(pf->same);
	free(pf);
}

bool ss_prefilter_covers(const ss_prefilter *pf, size_t ri)
{
	return pf && ri < pf->nrules && !pf->open[ri];
}

bool ss_prefilter_serialize(const ss_prefilter *pf, char **bytes, size_t *len, uint64_t **keys,
                            uint32_t **same, const ss_ruleset *rs)
{
	*bytes = NULL;
	*len = 0;
	*keys = NULL;
	*same = NULL;
	if (!pf || pf->db[1] || pf->nrules != rs->nrules)
		return false;
	char *b = NULL;
	size_t n = 0;
	if (hs_serialize_database(pf->db[0], &b, &n) != HS_SUCCESS)
		return false;
	*keys = ss_xcalloc(rs->nrules, sizeof **keys);
	for (size_t i = 0; i < rs->nrules; i++)
		(*keys)[i] = pf->open[i] ? 0 : ss_rule_key(&rs->rules[i]);
	*same = ss_xmalloc(rs->nrules * sizeof **same);
	memcpy(*same, pf->same, rs->nrules * sizeof **same);
	*bytes = ss_xmalloc(n);
	memcpy(*bytes, b, n);
	free(b);
	*len = n;
	return true;
}

static int on_hit(unsigned id, unsigned long long from, unsigned long long to,
                  unsigned flags, void *ctx)
{
	ss_pf_hits *h = ctx;
	ss_pf_ends *e = &h->rule[id];
	to += h->base;
	/* Ends come in order (stretch after stretch); a repeat says nothing new. */
	if (e->open || (e->n && e->end[e->n - 1] >= to))
		return 0;
	if (!h->budget) {
		free(e->end);
		*e = (ss_pf_ends){.open = true};
		return 0;
	}
	h->budget--;
	ss_grow((void **)&e->end, &e->cap, e->n + 1, sizeof *e->end);
	e->end[e->n++] = (uint32_t)to;
	return 0;
}

bool ss_prefilter_scan(const ss_prefilter *pf, const char *text, size_t len, size_t nrules,
                       ss_pf_hits *h, const ss_window *w, size_t nw)
{
	memset(h, 0, sizeof *h);
	if (!pf || len > UINT32_MAX || nrules != pf->nrules)
		return false;
	if (scratch_serial != pf->serial) {
		for (int i = 0; i < 2; i++)
			if (pf->db[i] && !scratch_fit(pf->db[i]))
				return false;
		scratch_serial = pf->serial;
	}
	h->rule = ss_xcalloc(nrules, sizeof *h->rule);
	h->n = nrules;
	/* at most a byte a byte of the text (four for an end, one end for every
	 * four bytes), while ordinary text keeps one for every 14 */
	h->budget = len / 4 + 1024;
	for (size_t i = 0; i < nrules; i++)
		h->rule[i].open = pf->open[i];
	/* A scan's tries begin in a window and its matches end by the window's
	 * limit, and every end the scan reads is of such a match, so the text
	 * between windows need not be read (a fifth of news text): windows that
	 * touch or overlap make one stretch, which keeps the ends in order. A
	 * rule's pattern (or piece) read from a stretch's start loses only
	 * matches that begin before it, and may gain some (^ holds there), which
	 * only adds tries. */
	ss_window whole = {0, len, len};
	if (!w) {
		w = &whole;
		nw = 1;
	}
	for (int i = 0; i < 2; i++) {
		if (!pf->db[i])
			continue;
		for (size_t k = 0; k < nw;) {
			size_t a = w[k].s, b = w[k].lim;
			while (++k < nw && w[k].s <= b)
				if (w[k].lim > b)
					b = w[k].lim;
			h->base = a;
			if (scanner(pf->db[i], text + a, (unsigned)(b - a), 0, scratch, on_hit, h) !=
			    HS_SUCCESS) {
				ss_pf_hits_release(h);
				return false;
			}
		}
	}
	for (size_t i = 0; i < nrules; i++)
		if (pf->same[i] != i) {
			h->rule[i] = h->rule[pf->same[i]];
			h->rule[i].borrowed = true;
		}
	return true;
}

#else

ss_prefilter *ss_prefilter_build(const ss_ruleset *rs)
{
	return NULL;
}

ss_prefilter *ss_prefilter_compile_generic(const ss_ruleset *rs)
{
	return NULL;
}

void ss_prefilter_free(ss_prefilter *pf)
{
}

bool ss_prefilter_covers(const ss_prefilter *pf, size_t ri)
{
	return false;
}

bool ss_prefilter_serialize(const ss_prefilter *pf, char **bytes, size_t *len, uint64_t **keys,
                            uint32_t **same, const ss_ruleset *rs)
{
	*bytes = NULL;
	*len = 0;
	*keys = NULL;
	*same = NULL;
	return false;
}

bool ss_prefilter_probe_serialize(char **bytes, size_t *len)
{
	*bytes = NULL;
	*len = 0;
	return false;
}

bool ss_prefilter_scan(const ss_prefilter *pf, const char *text, size_t len, size_t nrules,
                       ss_pf_hits *h, const ss_window *w, size_t nw)
{
	memset(h, 0, sizeof *h);
	return false;
}

#endif

void ss_pf_hits_release(ss_pf_hits *h)
{
	for (size_t i = 0; i < h->n; i++)
		if (!h->rule[i].borrowed)
			free(h->rule[i].end);
	free(h->rule);
	memset(h, 0, sizeof *h);
}
