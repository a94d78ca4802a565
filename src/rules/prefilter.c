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

/* Whether a pattern asserts something of where the subject ends ($, \z,
 * \Z, \b, \B outside a class): PCRE2 is given the text up to a window's
 * limit, Vectorscan the whole text, so they can disagree there. Such a rule
 * is tried everywhere, as without a prefilter. */
static bool end_assertion(const char *p)
{
	bool cls = false;
	for (; *p; p++) {
		if (*p == '\\' && p[1]) {
			if (!cls && strchr("zZbB", p[1]))
				return true;
			p++;
		} else if (cls) {
			cls = *p != ']';
		} else if (*p == '[') {
			cls = true;
			if (p[1] == '^')
				p++;
			if (p[1] == ']')
				p++; /* a leading ] is a member */
		} else if (*p == '$') {
			return true;
		}
	}
	return false;
}

/* The names of a pattern's capture groups by number, as unnamed() finds
 * them in its first pass and uses them in its second. */
typedef struct {
	const char *name[256]; /* group number -> its name (not terminated), or NULL */
	size_t len[256];
	const char *body[256]; /* what the group holds: body[i] .. body_end[i] */
	const char *body_end[256];
	int n;
	bool bad; /* a form renumbering would get wrong: (?| or too many groups */
} group_names;

/* Whether a group's body can stand for what the group matched, copied where
 * a reference to it stands: no groups of its own (they would renumber the
 * rest), no references, no lookarounds (they would look at other text). */
static bool copyable(const char *b, const char *e)
{
	if (!b || !e)
		return false;
	for (const char *s = b; s < e; s++) {
		if (*s == '\\' && s + 1 < e) {
			s++;
			if (isdigit((unsigned char)*s) || *s == 'k' || *s == 'g')
				return false;
		} else if (*s == '(' && (s + 2 >= e || s[1] != '?' || (s[2] != ':' && s[2] != '='))) {
			/* (?=: a table's guard, which only looks at the group's own
			 * first character */
			return false;
		}
	}
	return true;
}

/* Length of the name at p ending with close, 0 when there is none. */
static size_t name_len(const char *p, char close)
{
	size_t n = 0;
	while (isalnum((unsigned char)p[n]) || p[n] == '_')
		n++;
	return n && p[n] == close ? n : 0;
}

/* At p a named group opens ((?<n>, (?'n', (?P<n>): the name's start and
 * length, and the length of the opening. */
static size_t named_open(const char *p, const char **name, size_t *nl)
{
	size_t skip = p[2] == 'P' ? 3 : 2; /* past "(?" or "(?P" */
	char open = p[skip], close = open == '<' ? '>' : '\'';
	if ((open != '<' && open != '\'') || !isalpha((unsigned char)p[skip + 1]))
		return 0;
	*nl = name_len(p + skip + 1, close);
	*name = p + skip + 1;
	return *nl ? skip + 1 + *nl + 1 : 0;
}

/* At p a reference by name (\k<n> \k'n' \k{n} \g{n} (?P=n)): the name and
 * the reference's length; 0 when p holds none. */
static size_t named_ref(const char *p, const char **name, size_t *nl)
{
	size_t at;
	char close;
	if (p[0] == '\\' && p[1] == 'k' && (p[2] == '<' || p[2] == '\'' || p[2] == '{')) {
		close = p[2] == '<' ? '>' : p[2] == '{' ? '}' : '\'';
		at = 3;
	} else if (p[0] == '\\' && p[1] == 'g' && p[2] == '{' && isalpha((unsigned char)p[3])) {
		close = '}';
		at = 3;
	} else if (!strncmp(p, "(?P=", 4)) {
		close = ')';
		at = 4;
	} else {
		return 0;
	}
	*name = p + at;
	*nl = name_len(p + at, close);
	return *nl ? at + *nl + 1 : 0;
}

/* The pattern with its named groups made plain numbered ones (Vectorscan
 * refuses a name used twice, which PCRE2_DUPNAMES allows) and references by
 * name made a copy of what the groups hold, (?:元|美元|...) for \k<unit>, or
 * else references by number. A copy matches whatever the group did, so the
 * ends found stay a superset; Vectorscan's own stand-in for a reference
 * matches almost anything, and money.arabic's \k<unit> had it report
 * 717,479 ends in 2 MB of text. NULL for a pattern this cannot rewrite. */
static char *unnamed(const char *p)
{
	group_names g = {.n = 0};
	for (int pass = 0; pass < 2; pass++) {
		ss_buf o = SS_BUF_INIT;
		int num = 0, depth = 0;
		int stack[256]; /* the group number of each open parenthesis, 0 for others */
		bool cls = false;
		for (const char *s = p; *s;) {
			const char *name;
			size_t nl, k;
			if (s[0] == '\\' && s[1] == 'Q') {
				const char *e = strstr(s + 2, "\\E");
				k = e ? (size_t)(e + 2 - s) : strlen(s);
				ss_buf_add(&o, s, k);
				s += k;
			} else if (!cls && (k = named_ref(s, &name, &nl))) {
				bool copy = true;
				int alts = 0;
				for (int i = 1; i <= g.n; i++)
					if (g.name[i] && g.len[i] == nl && !memcmp(g.name[i], name, nl))
						copy = copy && copyable(g.body[i], g.body_end[i]), alts++;
				ss_buf_adds(&o, "(?:");
				for (int i = 1, a = 0; i <= g.n; i++) {
					if (!g.name[i] || g.len[i] != nl || memcmp(g.name[i], name, nl))
						continue;
					ss_buf_adds(&o, a++ ? "|" : "");
					if (copy)
						ss_buf_add(&o, g.body[i], (size_t)(g.body_end[i] - g.body[i]));
					else
						ss_buf_addf(&o, "\\%d", i);
				}
				if (pass && !alts)
					g.bad = true;
				ss_buf_adds(&o, ")");
				s += k;
			} else if (s[0] == '\\' && s[1] == 'K' && !cls) {
				s += 2; /* \K moves where a match is said to start; its end stays */
			} else if (s[0] == '\\' && s[1]) {
				ss_buf_add(&o, s, 2);
				s += 2;
			} else if (cls) {
				if (s[0] == '[' && s[1] == ':' && strstr(s, ":]")) {
					k = (size_t)(strstr(s, ":]") + 2 - s);
					ss_buf_add(&o, s, k);
					s += k;
					continue;
				}
				cls = *s != ']';
				ss_buf_add(&o, s++, 1);
			} else if (*s == '[') {
				cls = true;
				k = 1 + (s[1] == '^');
				if (s[k] == ']')
					k++; /* a leading ] is a member */
				ss_buf_add(&o, s, k);
				s += k;
			} else if (s[0] == '(' && s[1] == '?' && (k = named_open(s, &name, &nl))) {
				if (++num >= 256) {
					g.bad = true;
					break;
				}
				g.name[num] = name;
				g.len[num] = nl;
				ss_buf_adds(&o, "(");
				s += k;
				g.body[num] = s;
				stack[depth++] = num;
			} else if (s[0] == '(' && s[1] != '?' && s[1] != '*') {
				if (++num >= 256) {
					g.bad = true;
					break;
				}
				ss_buf_add(&o, s++, 1);
				g.body[num] = s;
				stack[depth++] = num;
			} else {
				if (s[0] == '(' && s[1] == '?' && s[2] == '|')
					g.bad = true; /* branch reset: numbers repeat */
				if (*s == '(')
					stack[depth++] = 0;
				else if (*s == ')' && depth > 0 && stack[--depth] > 0)
					g.body_end[stack[depth]] = s;
				ss_buf_add(&o, s++, 1);
			}
			if (depth == 256) {
				g.bad = true;
				break;
			}
		}
		g.n = num;
		if (pass == 1 && !g.bad)
			return o.ptr ? o.ptr : ss_xstrdup("");
		ss_buf_release(&o);
		if (g.bad)
			return NULL;
	}
	return NULL;
}

/* A positive lookahead that ends the pattern, X(?=Y), made a plain group,
 * X(?:Y), in place: Vectorscan's prefilter would drop it, and two default
 * rules are a bare number followed by one (every number was a hit). The
 * end moves from after X to after Y, which PCRE2 needs inside the subject
 * it is given, a window's limit: an end in (window start, limit] still
 * stands for every match the window can hold. A lookahead that asserts
 * the subject's end (the label rules' (?=\s|...|$)) is dropped instead:
 * PCRE2 sees a window's limit as the end, Vectorscan the text's, and the
 * rule was tried everywhere (13,092 tries for 5 matches in 2 MB). */

/* The positive lookahead that ends p[0..n), also inside groups that end it
 * ((?:X(?=Y))), or NULL. */
static char *last_lookahead(char *p, size_t n)
{
	size_t depth = 0;
	char *last = NULL; /* the last group's opening at depth 0 */
	bool cls = false;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\\' && i + 1 < n) {
			i++;
		} else if (cls) {
			cls = p[i] != ']';
		} else if (p[i] == '[') {
			cls = true;
			if (p[i + 1] == '^')
				i++;
			if (p[i + 1] == ']')
				i++;
		} else if (p[i] == '(') {
			if (depth++ == 0)
				last = p + i;
		} else if (p[i] == ')') {
			if (depth == 0)
				return NULL;
			if (--depth == 0 && i + 1 == n && last) {
				if (!strncmp(last, "(?=", 3))
					return last;
				/* a group that ends the pattern: its own last item */
				size_t skip = !strncmp(last, "(?:", 3) ? 3 : last[1] != '?' && last[1] != '*' ? 1 : 0;
				return skip ? last_lookahead(last + skip, (size_t)(p + i - last) - skip) : NULL;
			}
		} else if (p[i] == '|' && depth == 0) {
			return NULL; /* an alternative may end elsewhere */
		}
	}
	return NULL;
}

static void trailing_lookahead(char *p)
{
	char *la = last_lookahead(p, strlen(p));
	if (!la)
		return;
	/* what closes the groups around it, after its own ')' */
	size_t body = ss_pattern_group_end(la, strlen(la), 0);
	char saved = la[body];
	la[body] = '\0';
	bool drop = end_assertion(la) && la != p;
	la[body] = saved;
	if (drop)
		memmove(la, la + body, strlen(la + body) + 1);
	else
		la[2] = ':';
}

/* What Vectorscan is given for a rule's pattern (expanded): names
 * dropped, a trailing lookahead read as a group. */
static char *loosened(const char *pattern)
{
	char *own = unnamed(pattern);
	if (own)
		trailing_lookahead(own);
	return own;
}

/* What the prefilter looks for, for a rule: the cheapest piece of every
 * match (factor.c) that Vectorscan takes and that cannot match empty, else
 * the whole pattern. */
static char *piece_of(const char *pattern)
{
	char *f = ss_pattern_factor(pattern);
	char *own = f ? loosened(f) : NULL;
	free(f);
	hs_expr_info_t *info = NULL;
	hs_compile_error_t *err = NULL;
	bool ok = own && !end_assertion(own) &&
	          hs_expression_info(own, PF_FLAGS, &info, &err) == HS_SUCCESS && info &&
	          info->min_width > 0 && !info->matches_at_eod && !info->matches_only_at_eod;
	free(info);
	if (err)
		hs_free_compile_error(err);
	if (ok)
		return own;
	free(own);
	return loosened(pattern);
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
		if (!own[i] || end_assertion(own[i]))
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
