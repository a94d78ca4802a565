/* engine.c - match the compiled rules (compile.c) in the windows around
 * candidates (windows.c), each rule only where it can begin (starts.c). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

static int match_cmp(const void *a, const void *b)
{
	const ss_match *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	size_t lx = x->end - x->start, ly = y->end - y->start;
	if (lx != ly)
		return lx > ly ? -1 : 1; /* longest first */
	return x->rule < y->rule ? -1 : x->rule > y->rule; /* then the earlier rule */
}

static const char *limit_name(int rc)
{
	switch (rc) {
	case PCRE2_ERROR_MATCHLIMIT: return "match limit";
	case PCRE2_ERROR_DEPTHLIMIT: return "depth limit";
	case PCRE2_ERROR_HEAPLIMIT: return "heap limit";
	case PCRE2_ERROR_JIT_STACKLIMIT: return "JIT stack limit";
	default: return NULL;
	}
}

static void fill_groups(const ss_rule *r, const PCRE2_SIZE *ov, uint32_t pairs, ss_match *m)
{
	for (int g = 0; g < SS_G__COUNT; g++)
		m->gs[g] = m->ge[g] = SS_UNSET;
	/* the rule's own groups only: a rule has two or three of the ten */
	unsigned set = 0;
	for (unsigned i = 0; i < r->nglist; i++) {
		unsigned g = r->glist[i].g, n = r->glist[i].n;
		if (!(set >> g & 1) && n < pairs && ov[2 * n] != PCRE2_UNSET) {
			m->gs[g] = (ss_goff)ov[2 * n];
			m->ge[g] = (ss_goff)ov[2 * n + 1];
			set |= 1u << g;
		}
	}
}

/* Per-call state of a scan, so that threads can share the rule set. */
typedef struct {
	const ss_ruleset *rs;
	const char *text;
	size_t len;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	PCRE2_SIZE *ov;
	uint32_t pairs;
	size_t *next; /* per rule: no match starts before this; SIZE_MAX: disabled */
	ss_match *m;
	size_t nm, capm;
	ss_diag_sink *sink;
	const char *doc;
	/* The text's needed characters (ss_windows_find), the next one a window
	 * may begin at; the current window's, and the needs bits of each of
	 * those together with every later one in the window. */
	const ss_need_at *need;
	size_t nneed, need_next;
	const ss_need_at *occ;
	uint64_t *occ_after;
	size_t nocc, capafter;
	ss_pf_hits hits; /* where each rule may match (no prefilter: anywhere) */
	size_t *qs, capqs; /* run_starts' places */
} scan_state;

/* The needed characters of text[a, b) into st->occ / occ_after, from the
 * text's list; windows come in text order, so a does not go back. */
static void needs_window(scan_state *st, size_t a, size_t b)
{
	size_t k = st->need_next;
	while (k < st->nneed && st->need[k].at < a)
		k++;
	st->need_next = k;
	/* a text with no needed character has no list (NULL + 0 is undefined) */
	st->occ = st->nneed ? st->need + k : NULL;
	while (k < st->nneed && st->need[k].at < b)
		k++;
	st->nocc = k - st->need_next;
	ss_grow((void **)&st->occ_after, &st->capafter, st->nocc, sizeof *st->occ_after);
	uint64_t after = 0;
	for (size_t i = st->nocc; i-- > 0;)
		st->occ_after[i] = after |= st->occ[i].bit;
}

/* Whether rule r runs JIT-compiled, compiling it (a lazy rule: PCRE2's
 * compile too) and JIT-compiling it on its first try: a run
 * meets few rules in its first documents, and JIT-compiling all 41 default
 * rules was a third of start-up (28.7M of 86M instructions). Without JIT
 * support (some platforms) the interpreter does the same work. The rule set
 * is shared read-only but for this: threads that meet a rule at once wait
 * for one compile, and no match runs on a code the JIT is writing to. */
static bool rule_jit(const ss_ruleset *rs, const ss_rule *r)
{
	ss_rule *w = (ss_rule *)r;
	unsigned char j = atomic_load_explicit(&w->jit, memory_order_acquire);
	if (j)
		return j == 1;
	pthread_mutex_t *lock = (pthread_mutex_t *)&rs->jit_lock;
	pthread_mutex_lock(lock);
	j = atomic_load_explicit(&w->jit, memory_order_relaxed);
	if (!j) {
		ss_rule_compile_now((ss_ruleset *)rs, w);
		j = pcre2_jit_compile(w->code, PCRE2_JIT_COMPLETE) == 0 ? 1 : 2;
		atomic_store_explicit(&w->jit, j, memory_order_release);
	}
	pthread_mutex_unlock(lock);
	return j == 1;
}

/*
 * Match rule ri from `from` up to `lim`, starts before `we`; a match is
 * recorded and next[ri] moved past it. Returns the match's start, or SIZE_MAX
 * when there is none (or the rule was stopped by a PCRE2 limit).
 */
#ifdef SS_SCAN_STATS
/* A debug build's counters (make CFLAGS+=-DSS_SCAN_STATS): each rule's
 * PCRE2 tries, matches and prefilter ends over the run, written at exit to
 * the file $SS_SCAN_STATS names. Single-threaded runs only (-j1). */
#define STAT_RULES 256
static size_t stat_tries[STAT_RULES], stat_matches[STAT_RULES], stat_ends[STAT_RULES];
static char *stat_id[STAT_RULES];
static size_t stat_n;
__attribute__((destructor)) static void stat_write(void)
{
	const char *fn = getenv("SS_SCAN_STATS");
	FILE *f = fn && stat_n ? fopen(fn, "w") : NULL;
	if (!f)
		return;
	size_t t = 0, m = 0, e = 0;
	for (size_t i = 0; i < stat_n; i++) {
		fprintf(f, "%-24s tries %8zu matches %7zu ends %8zu\n", stat_id[i], stat_tries[i],
		        stat_matches[i], stat_ends[i]);
		t += stat_tries[i], m += stat_matches[i], e += stat_ends[i];
	}
	fprintf(f, "total tries %zu matches %zu ends %zu\n", t, m, e);
	fclose(f);
}
static void stat_scan(const ss_ruleset *rs, const ss_pf_hits *h)
{
	for (; stat_n < rs->nrules && stat_n < STAT_RULES; stat_n++)
		stat_id[stat_n] = ss_xstrdup(rs->rules[stat_n].id);
	for (size_t i = 0; i < h->n && i < STAT_RULES; i++)
		stat_ends[i] += h->rule[i].n;
}
#define STAT(counter, ri) ((ri) < STAT_RULES ? (void)stat_##counter[ri]++ : (void)0)
#else
#define STAT(counter, ri) ((void)0)
#define stat_scan(rs, h) ((void)0)
#endif

static size_t try_rule(scan_state *st, size_t ri, size_t from, size_t we, size_t lim)
{
	const ss_rule *r = &st->rs->rules[ri];
	STAT(tries, ri);
	/* The JIT's own entry skips pcre2_match's checks, a third of a failed try. */
	int rc = rule_jit(st->rs, r) ? pcre2_jit_match(r->code, (PCRE2_SPTR)st->text, lim, from, 0, st->md,
	                                  st->mctx)
	                : pcre2_match(r->code, (PCRE2_SPTR)st->text, lim, from, PCRE2_NO_UTF_CHECK,
	                              st->md, st->mctx);
	if (rc == PCRE2_ERROR_NOMATCH)
		return SIZE_MAX;
	if (rc < 0) {
		const char *what = limit_name(rc);
		PCRE2_UCHAR msg[256];
		if (!what) {
			pcre2_get_error_message(rc, msg, sizeof msg);
			what = (const char *)msg;
		}
		ss_report(st->sink, SS_DIAG_WARNING, st->doc, 0, 0, r->id,
		          "rule '%s' stopped by PCRE2 (%s) in '%s'; the rule is skipped "
		          "for the rest of this document",
		          r->id, what, st->doc ? st->doc : "");
		st->next[ri] = SIZE_MAX;
		return SIZE_MAX;
	}
	size_t s = st->ov[0], e = st->ov[1];
	if (s >= we)
		return SIZE_MAX; /* starts beyond the window: another window's business */
	if (e <= s) {
		/* An empty match is no figure; step over one character. */
		st->next[ri] = s + (size_t)ss_utf8_len(st->text + s, st->len - s);
		return s;
	}
	STAT(matches, ri);
	ss_grow((void **)&st->m, &st->capm, st->nm + 1, sizeof *st->m);
	ss_match *x = &st->m[st->nm++];
	x->rule = r;
	x->start = s;
	x->end = e;
	fill_groups(r, st->ov, st->pairs, x);
	st->next[ri] = e;
	return s;
}

/* Rule r's alphabet (alphabet.c), NULL for anything. */
static const uint64_t *rule_alphabet(const ss_ruleset *rs, const ss_rule *r)
{
	ss_rule *w = (ss_rule *)r;
	if (atomic_load_explicit(&w->alpha_read, memory_order_acquire))
		return w->alpha;
	/* Read on first use, as the JIT compiles (rule_jit): a run pays only
	 * for the rules it meets. */
	pthread_mutex_t *lock = (pthread_mutex_t *)&rs->jit_lock;
	pthread_mutex_lock(lock);
	if (!atomic_load_explicit(&w->alpha_read, memory_order_relaxed)) {
		size_t i = (size_t)(r - rs->rules);
		uint64_t *a = NULL;
		if (!w->pattern || w->anywhere)
			a = NULL;
		else if (i < ss_alpha_builtin_count && ss_alpha_builtin_keys[i] == ss_rule_key(w))
			/* as the build read it (2.8M instructions to read them all) */
			a = ss_alpha_builtin_all[i]
			        ? NULL
			        : ss_alphabet_from_ranges(ss_alpha_builtin_ranges + 2 * ss_alpha_builtin_at[i],
			                                  ss_alpha_builtin_at[i + 1] - ss_alpha_builtin_at[i]);
		else
			a = ss_pattern_alphabet(w->pattern);
		if (a) {
			a = ss_xrealloc(a, 2 * SS_ALPHA_WORDS * sizeof *a);
			uint64_t *begin = a + SS_ALPHA_WORDS;
			memset(begin, 0, SS_ALPHA_WORDS * sizeof *begin);
			size_t ri = (size_t)(r - rs->rules), words = rs->start_words;
			for (size_t i = 0; i < rs->nstart_cps; i++) {
				uint32_t cp = rs->start_cps[i];
				if (rs->start_rules[(size_t)rs->start_class[cp] * words + ri / 64] >> (ri % 64) & 1)
					begin[cp >> 6] |= 1ull << (cp & 63);
			}
		}
		w->alpha = a;
		atomic_store_explicit(&w->alpha_read, 1, memory_order_release);
	}
	pthread_mutex_unlock(lock);
	return w->alpha;
}

/* Whether rule ri may begin at the character cp at p (its start set, and a
 * rule that cannot go on a number not begun inside one), with a needed
 * character of its at or after p (*k: the first needed one at or after p). */
static bool may_begin(const scan_state *st, size_t ri, size_t p, uint32_t cp, size_t *k)
{
	const ss_ruleset *rs = st->rs;
	uint8_t cls = cp < 0x10000 ? rs->start_class[cp] : 0;
	size_t w = ri / 64;
	uint64_t bit = 1ull << (ri % 64);
	if (!cls || !(rs->start_rules[(size_t)cls * rs->start_words + w] & bit))
		return false;
	const unsigned char *t = (const unsigned char *)st->text;
	if (cp - '0' < 10 && p > 0 && ((unsigned)(t[p - 1] - '0') < 10 || t[p - 1] == '.') &&
	    !(rs->digit_cont[w] & bit))
		return false;
	uint64_t need = rs->rules[ri].needs_mask;
	if (!need)
		return true;
	while (*k < st->nocc && st->occ[*k].at < p)
		(*k)++;
	return *k < st->nocc && (need & st->occ_after[*k]);
}

/* Whether rule ri's match may begin at q with the character cp (n bytes)
 * and the one after it, within the subject PCRE2 reads (up to lim): what
 * the pattern's pairs allow (pairs.c). Half the tries that the start sets
 * and alphabets let through failed on their first two characters. */
static bool pair_begins(const scan_state *st, size_t ri, size_t q, size_t n, uint32_t cp,
                        size_t lim)
{
	const ss_ruleset *rs = st->rs;
	const ss_rule *r = &rs->rules[ri];
	if (!r->pairs)
		return true;
	const unsigned char *t = (const unsigned char *)st->text;
	uint32_t after = q > 0 && ((unsigned)(t[q - 1] - '0') < 10 || t[q - 1] == '.')
	                     ? SS_PAIR_AFTER_NUM
	                     : 0;
	size_t b = q + n;
	if (b < lim) {
		uint32_t c2;
		int n2 = ss_utf8_decode(st->text + b, lim - b, &c2);
		if (!n2)
			return true; /* cut by lim: PCRE2 will say */
		if (c2 < 0x10000 && ss_pair_may(rs, ri, cp, c2 | after))
			return true;
	}
	/* (a second character is wanted, and there is none, or not this one) */
	return r->pairs_alone && ss_pair_may(rs, ri, cp, SS_PAIR_ALONE | after);
}

/* The run before e of characters of alphabet a (of rule ri, rule_alphabet)
 * back to p at most: the characters in it before stop that can begin a
 * match (its start set) into st->qs, last first; how many. A try begun
 * before the run meets a character no match of the rule consumes before
 * its first end. A byte that is no UTF-8 passes: the scan's text always
 * is. */
static size_t run_starts(scan_state *st, const uint64_t *a, size_t p, size_t e, size_t stop)
{
	const unsigned char *t = (const unsigned char *)st->text;
	const uint64_t *begin = a + SS_ALPHA_WORDS;
	size_t q = e, n = 0;
	while (q > p) {
		size_t b, word;
		unsigned bit;
		if (t[q - 1] < 0x80) {
			b = q - 1;
			word = t[b] >> 6;
			bit = t[b] & 63;
		} else if (q - p >= 3 && (t[q - 3] & 0xF0) == 0xE0) {
			/* a character of three bytes, as Chinese text is nearly all:
			 * its first two bytes pick its word of the alphabet, the last
			 * its bit, with no decoding */
			b = q - 3;
			word = ((t[b] & 0x0F) << 6) | (t[b + 1] & 0x3F);
			bit = t[b + 2] & 0x3F;
		} else {
			b = q - 1;
			while (b > p && (t[b] & 0xC0) == 0x80)
				b--;
			uint32_t cp;
			if (ss_utf8_decode(st->text + b, q - b, &cp) != (int)(q - b)) {
				q = b;
				continue;
			}
			if (cp >= 0x10000)
				cp = SS_ALPHA_ASTRAL;
			word = cp >> 6;
			bit = cp & 63;
		}
		if (!(a[word] >> bit & 1))
			break;
		if (b < stop && (begin[word] >> bit & 1)) {
			if (n == st->capqs)
				ss_grow((void **)&st->qs, &st->capqs, n + 1, sizeof *st->qs);
			st->qs[n++] = b;
		}
		q = b;
	}
	return n;
}

/* Whether the anchored rule ri is tried from the prefilter's ends: it has
 * ends and an alphabet. Then a try begun at p, whose first end after p is
 * e, can only succeed when text[p, e) is all of the alphabet, so the tries
 * stand in the run of the alphabet's characters before each end; only
 * those are read, not every character of the window. */
static bool end_driven(scan_state *st, size_t ri)
{
	return ss_pf_next_end(&st->hits, ri) != SIZE_MAX &&
	       rule_alphabet(st->rs, &st->rs->rules[ri]) != NULL;
}

/* The tries of the end-driven rule ri in the window [ws, we) (lim: where
 * matches must end): the same tries, in the same order, that the walk over
 * every character makes for it (scan_window). */
static void drive_rule(scan_state *st, size_t ri, size_t ws, size_t we, size_t lim)
{
	const uint64_t *a = rule_alphabet(st->rs, &st->rs->rules[ri]);
	size_t k_occ = 0;
	size_t p = st->next[ri] > ws ? st->next[ri] : ws;
	while (p < we && st->next[ri] != SIZE_MAX && ss_pf_may_match(&st->hits, ri, p, lim)) {
		size_t e = ss_pf_next_end(&st->hits, ri);
		size_t stop = e < we ? e : we;
		for (size_t i = run_starts(st, a, p, e, stop); i-- > 0;) {
			size_t q = st->qs[i];
			if (st->next[ri] > q)
				continue; /* inside a match */
			uint32_t cp;
			int n = ss_utf8_decode(st->text + q, st->len - q, &cp);
			if (n && may_begin(st, ri, q, cp, &k_occ) &&
			    pair_begins(st, ri, q, (size_t)n, cp, lim)) {
				try_rule(st, ri, q, we, lim);
				if (st->next[ri] == SIZE_MAX)
					return;
			}
		}
		p = e > st->next[ri] ? e : st->next[ri];
	}
}

/* The rules the scan asks in each window of w[0, nw): start_words words a
 * window, a rule's bit set where the prefilter saw an end of it in (s,
 * lim] (ss_pf_may_match), or everywhere when it cannot tell. Read off each
 * rule's ends in one pass, not asked of every rule in every window (most
 * rules have no end in most windows). */
static uint64_t *window_rules(const scan_state *st, const ss_window *w, size_t nw)
{
	const ss_ruleset *rs = st->rs;
	size_t words = rs->start_words;
	uint64_t *m = ss_xcalloc(nw * words, sizeof *m);
	for (size_t ri = 0; ri < rs->nrules; ri++) {
		uint64_t bit = 1ull << (ri % 64);
		uint64_t *col = m + ri / 64;
		const ss_pf_ends *e = st->hits.rule ? &st->hits.rule[ri] : NULL;
		if (!e || e->open) {
			for (size_t k = 0; k < nw; k++)
				col[k * words] |= bit;
			continue;
		}
		/* Windows start and end in text order, and the ends come so: k is
		 * the first window that may hold an end (lim at or past it), set
		 * the first after those marked. */
		size_t k = 0, set = 0;
		for (size_t j = 0; j < e->n; j++) {
			size_t end = e->end[j];
			if (w[k].lim < end) {
				/* ahead by doubling steps, then halving: a rule with few
				 * ends passes most windows */
				size_t lo = k, hi = k + 1, step = 1;
				while (hi < nw && w[hi].lim < end) {
					lo = hi;
					step *= 2;
					hi = lo + step < nw ? lo + step : nw;
				}
				while (hi - lo > 1) {
					size_t mid = lo + (hi - lo) / 2;
					if (w[mid].lim < end)
						lo = mid;
					else
						hi = mid;
				}
				k = hi;
				if (k == nw)
					break;
			}
			size_t x = k > set ? k : set;
			for (; x < nw && w[x].s < end; x++)
				col[x * words] |= bit;
			set = x;
		}
	}
	return m;
}

/* One window: each anchored rule at each character that can begin it, in
 * text order (so a rule's first match from a position is what an unanchored
 * search would find): from the prefilter's ends where it can be
 * (drive_rule), else by a walk over the window's characters for all such
 * rules at once; the rules that may begin anywhere by search. */
static void scan_window(scan_state *st, const ss_window *win, const uint64_t *cand,
                        uint64_t *allowed)
{
	const ss_ruleset *rs = st->rs;
	size_t ws = win->s, we = win->e, lim = win->lim, words = rs->start_words;
	uint64_t any = 0;
	for (size_t k = 0; k < words; k++)
		any |= cand[k];
	if (!any)
		return; /* the prefilter saw no rule's match end here */
	st->nocc = 0;
	if (rs->needs_index)
		needs_window(st, ws, lim);
	uint64_t present = st->nocc ? st->occ_after[0] : 0;
	bool any_anchored = false, any_driven = false;
	memset(allowed, 0, 2 * words * sizeof *allowed);
	uint64_t *driven = allowed + words;
	for (size_t kw = 0; kw < words; kw++)
	for (uint64_t cbits = cand[kw]; cbits; cbits &= cbits - 1) {
		size_t ri = kw * 64 + (size_t)__builtin_ctzll(cbits);
		const ss_rule *r = &rs->rules[ri];
		if (st->next[ri] == SIZE_MAX || (r->needs_mask && !(r->needs_mask & present)) ||
		    !ss_pf_may_match(&st->hits, ri, ws, lim))
			continue; /* disabled, or none of what every match of it holds is here,
			           * or the prefilter saw no match of it end here */
		if (!r->anywhere) {
			if (end_driven(st, ri)) {
				driven[ri / 64] |= 1ull << (ri % 64);
				any_driven = true;
			} else {
				allowed[ri / 64] |= 1ull << (ri % 64);
				any_anchored = true;
			}
			continue;
		}
		pcre2_set_offset_limit(st->mctx, we - 1); /* no start at or past the window end */
		size_t from = st->next[ri] > ws ? st->next[ri] : ws;
		while (from < we && ss_pf_may_match(&st->hits, ri, from, lim) &&
		       try_rule(st, ri, from, we, lim) != SIZE_MAX)
			from = st->next[ri];
	}
	for (size_t k = 0; any_driven && k < words; k++)
		for (uint64_t bits = driven[k]; bits; bits &= bits - 1)
			drive_rule(st, k * 64 + (size_t)__builtin_ctzll(bits), ws, we, lim);
	if (!any_anchored)
		return;
	const unsigned char *t = (const unsigned char *)st->text;
	size_t k_occ = 0;
	for (size_t p = ws; p < we;) {
		uint32_t cp;
		int n = ss_utf8_decode(st->text + p, st->len - p, &cp);
		size_t cl = n ? (size_t)n : 1;
		uint8_t cls = n && cp < 0x10000 ? rs->start_class[cp] : 0;
		if (cls) {
			const uint64_t *rules = rs->start_rules + (size_t)cls * words;
			bool in_number = cp - '0' < 10 && p > 0 &&
			                 ((unsigned)(t[p - 1] - '0') < 10 || t[p - 1] == '.');
			/* A match from p holds a needed character at or after p. */
			while (k_occ < st->nocc && st->occ[k_occ].at < p)
				k_occ++;
			uint64_t after = k_occ < st->nocc ? st->occ_after[k_occ] : 0;
			for (size_t k = 0; k < words; k++) {
				uint64_t bits = rules[k] & allowed[k];
				if (in_number)
					bits &= rs->digit_cont[k];
				while (bits) {
					size_t ri = k * 64 + (size_t)__builtin_ctzll(bits);
					bits &= bits - 1;
					uint64_t need = rs->rules[ri].needs_mask;
					/* A match from p ends after p: the prefilter saw such an
					 * end by lim, or has none for the rule (most tries past
					 * a window's last figure). */
					if (st->next[ri] <= p && (!need || (need & after)) &&
					    ss_pf_may_match(&st->hits, ri, p, lim) &&
					    pair_begins(st, ri, p, cl, cp, lim))
						try_rule(st, ri, p, we, lim);
				}
			}
		}
		p += cl;
	}
}

/* Sort a window's matches m[0, n) as match_cmp orders them. The windows'
 * matches start in disjoint ranges in text order, so sorting each window's
 * few (rule by rule, each in text order) sorts them all: insertion for the
 * usual handful, qsort for a long window (a table of figures). */
static void sort_window(ss_match *m, size_t n)
{
	if (n > 16) {
		qsort(m, n, sizeof *m, match_cmp);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		if (match_cmp(&m[i - 1], &m[i]) <= 0)
			continue;
		ss_match x = m[i];
		size_t j = i;
		for (; j > 0 && match_cmp(&m[j - 1], &x) > 0; j--)
			m[j] = m[j - 1];
		m[j] = x;
	}
}

size_t ss_rules_scan(const ss_ruleset *rs, const char *text, size_t len, ss_match **out,
                     ss_diag_sink *sink, const char *doc)
{
	return ss_rules_scan_limited(rs, text, len, out, sink, doc, 0, 0);
}

size_t ss_rules_scan_limited(const ss_ruleset *rs, const char *text, size_t len,
                             ss_match **out, ss_diag_sink *sink, const char *doc,
                             uint32_t match_limit, uint32_t depth_limit)
{
	*out = NULL;
	if (!rs || !rs->compiled || rs->nrules == 0 || len == 0)
		return 0;
	size_t nw, nneed;
	ss_need_at *need;
	ss_window *w = ss_windows_find(rs, text, len, &nw, &need, &nneed);
	if (!nw) {
		free(need);
		return 0;
	}

	scan_state st = {.rs = rs, .text = text, .len = len, .sink = sink, .doc = doc,
	                 .need = need, .nneed = nneed};
	st.md = pcre2_match_data_create(rs->ovec_pairs, NULL);
	if (!st.md)
		ss_xmalloc(SIZE_MAX);
	/* The match context is copied: its offset limit changes with each window. */
	st.mctx = pcre2_match_context_copy(rs->mctx);
	if (!st.mctx)
		ss_xmalloc(SIZE_MAX);
	if (match_limit)
		pcre2_set_match_limit(st.mctx, match_limit);
	if (depth_limit)
		pcre2_set_depth_limit(st.mctx, depth_limit);
	st.ov = pcre2_get_ovector_pointer(st.md);
	st.pairs = pcre2_get_ovector_count(st.md);
	st.next = ss_xcalloc(rs->nrules, sizeof *st.next);
	ss_prefilter_scan(rs->prefilter, text, len, rs->nrules, &st.hits, w, nw);
	stat_scan(rs, &st.hits);
	uint64_t *allowed = ss_xcalloc(2 * rs->start_words, sizeof *allowed);
	uint64_t *cand = window_rules(&st, w, nw);
	for (size_t wi = 0; wi < nw; wi++) {
		size_t first = st.nm;
		scan_window(&st, &w[wi], cand + wi * rs->start_words, allowed);
		if (st.nm > first) /* (st.m is NULL until a match) */
			sort_window(st.m + first, st.nm - first);
	}
	pcre2_match_data_free(st.md);
	pcre2_match_context_free(st.mctx);
	free(st.next);
	free(need);
	free(st.occ_after);
	free(st.qs);
	ss_pf_hits_release(&st.hits);
	free(allowed);
	free(cand);
	free(w);
	ss_match *m = st.m;
	size_t nm = st.nm;

	/* Leftmost, then longest, then earliest rule (sorted window by window);
	 * drop what overlaps a kept match. */
	size_t kept = 0, end = 0;
	for (size_t i = 0; i < nm; i++) {
		if (kept && m[i].start < end)
			continue;
		end = m[i].end;
		m[kept++] = m[i];
	}
	if (!kept) {
		free(m);
		return 0;
	}
	*out = m;
	return kept;
}
