/* compile.c - compile rules with PCRE2 (a built-in rule from the code the
 * build serialised), their groups resolved by name, and what the scan
 * (engine.c) needs made once: the needed characters and the candidates. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

const char *const ss_group_names[SS_G__COUNT] = {"num", "hi",  "den", "q",
                                                 "q2",  "unit", "dir", "basis", "q3",
                                                 "label"};

static int map_cmp(const void *a, const void *b)
{
	const ss_map_entry *x = a, *y = b;
	int c = strcmp(x->base, y->base);
	if (!c)
		c = strcmp(x->word, y->word);
	return c ? c : strcmp(x->table, y->table);
}

/* Column in the rule file of byte off of r's expanded pattern; *define is set
 * to the define the offset falls in, or -1. */
static unsigned map_column(const ss_rule *r, size_t off, int *define)
{
	*define = -1;
	for (size_t i = 0; i < r->nsegs; i++) {
		const ss_patseg *s = &r->segs[i];
		if (off < s->off || off >= s->off + s->len)
			continue;
		if (s->define != SS_SEG_TEXT) {
			*define = s->define;
			return s->col;
		}
		return s->col + (unsigned)ss_utf8_count(r->pattern + s->off, off - s->off);
	}
	/* At (or past) the end: just after the last character of the line. */
	return (unsigned)ss_utf8_count(r->pattern_text, strlen(r->pattern_text)) + 1;
}

/* Column of the named group `name` in r's pattern line, for a message about it. */
static unsigned group_column(const ss_rule *r, const char *name)
{
	char pat[64];
	snprintf(pat, sizeof pat, "<%s>", name);
	const char *p = strstr(r->pattern_text, pat);
	if (!p) {
		snprintf(pat, sizeof pat, "'%s'", name);
		p = strstr(r->pattern_text, pat);
	}
	if (!p)
		return r->pattern_col;
	/* back to the "(" of "(?<name>", "(?P<name>" or "(?'name'" */
	for (const char *lead = "P?("; *lead && p > r->pattern_text; lead++)
		if (p[-1] == *lead)
			p--;
	return (unsigned)ss_utf8_count(r->pattern_text, (size_t)(p - r->pattern_text)) + 1;
}

static void rule_error(ss_ruleset *rs, const ss_rule *r, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void rule_error(ss_ruleset *rs, const ss_rule *r, unsigned col, const char *fmt, ...)
{
	ss_buf msg = SS_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ss_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	ss_report_excerpt(&rs->sink, SS_DIAG_ERROR, r->file, r->pattern_line, col, r->id,
	                  r->pattern_text, "%s", msg.ptr ? msg.ptr : "");
	ss_buf_release(&msg);
}

/* Fill r->group and r->group_alt from the pattern's name table. Returns false
 * after reporting a name that is not one of ss_group_names. */
static bool resolve_groups(ss_ruleset *rs, ss_rule *r)
{
	for (int g = 0; g < SS_G__COUNT; g++) {
		r->group[g] = -1;
		for (int k = 0; k < SS_GROUP_ALTS; k++)
			r->group_alt[g][k] = -1;
	}
	uint32_t count = 0, size = 0;
	PCRE2_SPTR table = NULL;
	pcre2_pattern_info(r->code, PCRE2_INFO_NAMECOUNT, &count);
	pcre2_pattern_info(r->code, PCRE2_INFO_NAMEENTRYSIZE, &size);
	pcre2_pattern_info(r->code, PCRE2_INFO_NAMETABLE, &table);
	bool ok = true;
	for (uint32_t i = 0; i < count; i++) {
		const unsigned char *e = table + (size_t)i * size;
		int num = (e[0] << 8) | e[1];
		const char *name = (const char *)e + 2;
		int g = 0;
		while (g < SS_G__COUNT && strcmp(ss_group_names[g], name) != 0)
			g++;
		if (g == SS_G__COUNT) {
			ss_buf known = SS_BUF_INIT;
			for (int k = 0; k < SS_G__COUNT; k++)
				ss_buf_addf(&known, "%s%s", k ? " " : "", ss_group_names[k]);
			rule_error(rs, r, group_column(r, name), "unknown group name '%s' (%s)", name,
			           known.ptr);
			ss_buf_release(&known);
			ok = false;
			continue;
		}
		if (r->group[g] < 0) {
			r->group[g] = num;
			continue;
		}
		int k = 0;
		while (k < SS_GROUP_ALTS && r->group_alt[g][k] >= 0)
			k++;
		if (k == SS_GROUP_ALTS) {
			rule_error(rs, r, group_column(r, name),
			           "group '%s' used more than %d times", name, SS_GROUP_ALTS + 1);
			ok = false;
			continue;
		}
		r->group_alt[g][k] = num;
	}
	r->nglist = 0;
	for (int g = 0; g < SS_G__COUNT; g++)
		for (int k = -1; k < SS_GROUP_ALTS; k++) {
			int n = k < 0 ? r->group[g] : r->group_alt[g][k];
			if (n < 0)
				break;
			r->glist[r->nglist].g = (uint8_t)g;
			r->glist[r->nglist++].n = (uint16_t)n;
		}
	return ok;
}

/* Give every character some rule `needs` a bit (64 at most; past that the
 * rules needing the others are simply always tried). A rule the prefilter
 * has ends of needs none: it is skipped where no match of it ends, which
 * spares more, and listing its characters as the windows are cut cost
 * more than they spared (10.7M instructions of 893M on 3 MB of text). */
static void build_needs(ss_ruleset *rs)
{
	int nbits = 0;
	free(rs->needs_index);
	rs->needs_index = NULL;
	for (size_t i = 0; i < rs->nrules; i++) {
		ss_rule *r = &rs->rules[i];
		r->needs_mask = 0;
		if (!r->needs || ss_prefilter_covers(rs->prefilter, i))
			continue;
		if (!rs->needs_index)
			rs->needs_index = ss_xcalloc(0x10000, 1);
		uint64_t mask = 0;
		bool all = true;
		for (size_t k = 0, n = strlen(r->needs); k < n;) {
			uint32_t cp;
			int cl = ss_utf8_decode(r->needs + k, n - k, &cp);
			k += cl ? (size_t)cl : 1;
			if (!cl || cp >= 0x10000) {
				all = false;
				continue;
			}
			if (!rs->needs_index[cp] && nbits < 64)
				rs->needs_index[cp] = (uint8_t)(++nbits);
			if (rs->needs_index[cp])
				mask |= 1ull << (rs->needs_index[cp] - 1);
			else
				all = false;
		}
		r->needs_mask = all ? mask : 0;
	}
}

/* UTF but not UCP: \d, \w, \s stay ASCII, so a full-width digit that
 * escaped normalisation never reaches the numeral parser. DUPNAMES: a define
 * holding (?<num>...) may be used twice. USE_OFFSET_LIMIT: the scan stops
 * start positions at the end of a window. A rule with a known start set is
 * anchored at compile time (a match-time PCRE2_ANCHORED would bypass the
 * JIT): the scan tries it only where it can begin. */
static uint32_t compile_options(const ss_rule *r)
{
	return PCRE2_UTF | PCRE2_DUPNAMES | PCRE2_USE_OFFSET_LIMIT |
	       (r->anywhere ? 0 : PCRE2_ANCHORED);
}

static pcre2_code *compile_pattern(const ss_ruleset *rs, const ss_rule *r, int *err,
                                   PCRE2_SIZE *eoff)
{
	return pcre2_compile((PCRE2_SPTR)r->pattern, PCRE2_ZERO_TERMINATED, compile_options(r), err,
	                     eoff, NULL);
}

/* Built-in rule r as the build compiled it (ss_rules_builtin_code), NULL
 * when it cannot be read back: a PCRE2 of another version, or other
 * options than this run compiles with (search_all). */
static pcre2_code *builtin_code(const ss_ruleset *rs, const ss_rule *r)
{
	size_t i = (size_t)(r - rs->rules);
	if (i >= ss_rules_builtin_count || ss_rules_builtin_keys[i] != ss_rule_key(r) ||
	    ss_rules_builtin_code_at[i] == ss_rules_builtin_code_at[i + 1])
		return NULL;
	pcre2_code *c = NULL;
	if (pcre2_serialize_decode(&c, 1, ss_rules_builtin_code + ss_rules_builtin_code_at[i],
	                           NULL) != 1)
		return NULL;
	uint32_t opts = 0;
	pcre2_pattern_info(c, PCRE2_INFO_ARGOPTIONS, &opts);
	if (opts != compile_options(r)) {
		pcre2_code_free(c);
		return NULL;
	}
	return c;
}

void ss_rule_compile_now(ss_ruleset *rs, ss_rule *r)
{
	if (r->code)
		return;
	/* Read back, not compiled: 45 compiles were 18.5M instructions of a
	 * run over 3 MB. */
	r->code = builtin_code(rs, r);
	if (r->code) {
		resolve_groups(rs, r);
		return;
	}
	int err;
	PCRE2_SIZE eoff;
	/* The build compiled this very pattern: only memory can fail it. */
	r->code = compile_pattern(rs, r, &err, &eoff);
	if (!r->code)
		ss_xmalloc(SIZE_MAX); /* aborts with the out-of-memory message */
	resolve_groups(rs, r);
}

void ss_rules_compile_lazy(ss_ruleset *rs)
{
	for (size_t i = 0; i < rs->nrules; i++)
		if (rs->rules[i].lazy)
			ss_rule_compile_now(rs, &rs->rules[i]);
}

ss_status ss_rules_compile(ss_ruleset *rs)
{
	if (rs->load_errors)
		return SS_ERR_CONFIG; /* already reported, one by one */
	/* Expanded now that every file is in: a later file may have grown a
	 * table or a define. */
	size_t resolve_errors = ss_rules_resolve(rs);
	if (resolve_errors) {
		rs->load_errors += resolve_errors;
		return SS_ERR_CONFIG;
	}
	for (size_t i = 0; i < rs->nrules; i++) {
		free(rs->rules[i].alpha);
		rs->rules[i].alpha = NULL;
		atomic_store(&rs->rules[i].alpha_read, 0);
	}
	if (rs->nmaps > 1)
		qsort(rs->maps, rs->nmaps, sizeof *rs->maps, map_cmp);
	ss_lexicon_build(rs);
	if (!rs->mctx) {
		rs->mctx = pcre2_match_context_create(NULL);
		if (!rs->mctx)
			ss_xmalloc(SIZE_MAX); /* aborts with the out-of-memory message */
		pcre2_set_match_limit(rs->mctx, SS_MATCH_LIMIT);
		pcre2_set_depth_limit(rs->mctx, SS_DEPTH_LIMIT);
		pcre2_set_heap_limit(rs->mctx, SS_HEAP_LIMIT_KIB);
	}
	rs->ovec_pairs = 1;
	size_t errors = 0;
	for (size_t i = 0; i < rs->nrules; i++) {
		ss_rule *r = &rs->rules[i];
		if (r->code || r->lazy)
			continue;
		int err;
		PCRE2_SIZE eoff;
		/* A built-in rule's answer is the build's: it kept no start set
		 * (key 0) for one that may begin anywhere (2.1M instructions). */
		if (rs->search_all)
			r->anywhere = true;
		else if (i < ss_rules_builtin_count && i < ss_starts_builtin_count &&
		         ss_rules_builtin_keys[i] == ss_rule_key(r))
			r->anywhere = ss_starts_builtin_keys[i] == 0;
		else
			r->anywhere = ss_pattern_starts_anywhere(r->pattern, NULL);
		/* A built-in rule as the build checked it: compiled on its first
		 * try (43 compiles were a quarter of start-up, 12.7M instructions). */
		if (i < ss_rules_builtin_count &&
		    ss_rules_builtin_keys[i] == ss_rule_key(r) &&
		    (ss_rules_builtin_num[i] || r->value[0])) {
			r->lazy = true;
			if (ss_rules_builtin_pairs[i] > rs->ovec_pairs)
				rs->ovec_pairs = ss_rules_builtin_pairs[i];
			continue;
		}
		r->code = compile_pattern(rs, r, &err, &eoff);
		if (!r->code) {
			PCRE2_UCHAR text[256];
			pcre2_get_error_message(err, text, sizeof text);
			int d;
			unsigned col = map_column(r, eoff, &d);
			if (d >= 0)
				rule_error(rs, r, col, "%s (in {%s}, defined at %s:%u)", (char *)text,
				           rs->defines[2 * d], rs->define_src[d].file, rs->define_src[d].line);
			else if (d == SS_SEG_TABLE)
				rule_error(rs, r, col, "%s (in a table's words)", (char *)text);
			else
				rule_error(rs, r, col, "%s", (char *)text);
			errors++;
			continue;
		}
		if (!resolve_groups(rs, r)) {
			errors++;
			continue;
		}
		if (r->group[SS_G_NUM] < 0 && !r->value[0]) {
			rule_error(rs, r, r->pattern_col,
			           "rule '%s' has no (?<num>...) group and no fixed value", r->id);
			errors++;
			continue;
		}
		uint32_t cap = 0;
		pcre2_pattern_info(r->code, PCRE2_INFO_CAPTURECOUNT, &cap);
		if (cap + 1 > rs->ovec_pairs)
			rs->ovec_pairs = cap + 1;
	}
	if (!errors) {
		ss_starts_build(rs);
		ss_pairs_build(rs);
		if (!rs->search_all && !rs->no_prefilter)
			rs->prefilter = ss_prefilter_build(rs);
		build_needs(rs);
		ss_candidates_build(rs); /* marks the needed characters too */
	}
	if (!errors && ss_period_compile(rs) != SS_OK)
		errors++;
	return errors ? SS_ERR_CONFIG : SS_OK;
}
