/* expand.c - {NAME} and {@TABLE} references (rules/README.md).
 *
 * The loader only checks a reference where it is written; the expansion
 * waits until every file of the set is in, so that a user's rule directory
 * can add words to a table or an alternative to a define and every rule
 * that uses it sees them. Each rule keeps a segment map from its expanded
 * pattern back to its pattern line, so that PCRE2's error offsets (found
 * later, by compile) still point into the rule file. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

bool ss_is_table_name(const char *s, size_t n)
{
	if (n == 0 || !(isalpha((unsigned char)s[0]) || s[0] == '_') || s[n - 1] == '.')
		return false;
	for (size_t i = 1; i < n; i++)
		if (!(isalnum((unsigned char)s[i]) || s[i] == '_' || (s[i] == '.' && s[i - 1] != '.')))
			return false;
	return true;
}

int ss_find_define(const ss_ruleset *rs, const char *s, size_t n)
{
	for (size_t i = 0; i + 1 < rs->ndefines; i += 2)
		if (rs->defines[i][0] == s[0] && strlen(rs->defines[i]) == n &&
		    memcmp(rs->defines[i], s, n) == 0)
			return (int)(i / 2);
	return -1;
}

/* Whether a reference to name[0..n) takes the words of table t: its own,
 * and for a name without a facet those of every facet (name.*) too. */
static bool table_covers(const char *name, size_t n, const char *t)
{
	if (t[0] != name[0] || strncmp(t, name, n))
		return false;
	return !t[n] || (t[n] == '.' && !memchr(name, '.', n));
}

bool ss_table_declared(const ss_ruleset *rs, const char *s, size_t n)
{
	for (size_t i = 0; i < rs->ntables; i++)
		if (table_covers(s, n, rs->tables[i]))
			return true;
	return false;
}

bool ss_ref_at(const char *p, size_t n, size_t k, size_t *ns, size_t *nl, bool *table)
{
	if (p[k] != '{')
		return false;
	bool t = k + 1 < n && p[k + 1] == '@';
	size_t s = k + 1 + t, e = s;
	while (e < n && (isalnum((unsigned char)p[e]) || p[e] == '_' || (t && p[e] == '.')))
		e++;
	if (e >= n || p[e] != '}' ||
	    !(t ? ss_is_table_name(p + s, e - s) : e > s && !isdigit((unsigned char)p[s])))
		return false;
	*ns = s;
	*nl = e - s;
	*table = t;
	return true;
}

/*
 * The next reference in p[*i..n): true with its '{' at *i, its name at
 * p[*ns..*ns+*nl) and *table set for {@TABLE}; false at the end.
 *
 * Escapes are skipped untouched, so \p{Han}, \x{4e00}, \g{num}, \k{q} and
 * \Q...\E never look like references; {3} and {1,2} are not names either.
 */
static bool next_ref(const char *p, size_t n, size_t *i, size_t *ns, size_t *nl, bool *table)
{
	for (size_t k = *i; k < n;) {
		if (p[k] == '\\' && k + 1 < n) {
			char e = p[k + 1];
			if (e == 'Q') {
				const char *q = NULL;
				for (size_t j = k + 2; j + 1 < n; j++)
					if (p[j] == '\\' && p[j + 1] == 'E') {
						q = p + j;
						break;
					}
				k = q ? (size_t)(q - p) + 2 : n;
			} else if (strchr("pPxogkN", e) && k + 2 < n && p[k + 2] == '{') {
				const char *q = memchr(p + k + 2, '}', n - k - 2);
				k = q ? (size_t)(q - p) + 1 : n;
			} else {
				k += 1 + (size_t)ss_utf8_len(p + k + 1, n - k - 1);
			}
			continue;
		}
		if (ss_ref_at(p, n, k, ns, nl, table)) {
			*i = k;
			return true;
		}
		k++;
	}
	return false;
}

/* Report an error at character column col of a line. */
static void ref_error(ss_ruleset *rs, const char *file, unsigned lineno, const char *line,
                      size_t off, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static void ref_error(ss_ruleset *rs, const char *file, unsigned lineno, const char *line,
                      size_t off, const char *fmt, ...)
{
	ss_buf msg = SS_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ss_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	ss_report_excerpt(&rs->sink, SS_DIAG_ERROR, file, lineno,
	                  (unsigned)ss_utf8_count(line, off) + 1, NULL, line, "%s",
	                  msg.ptr ? msg.ptr : "");
	ss_buf_release(&msg);
}

size_t ss_refs_check(ss_ruleset *rs, const char *file, unsigned lineno, const char *line,
                     size_t at, size_t n)
{
	size_t errors = 0, i = 0, ns, nl;
	bool table;
	while (next_ref(line + at, n, &i, &ns, &nl, &table)) {
		const char *name = line + at + ns;
		if (table && !ss_table_declared(rs, name, nl)) {
			ref_error(rs, file, lineno, line, at + i,
			          "unknown table {@%.*s} (a table is declared with 'table NAME' "
			          "before its use)", (int)nl, name);
			errors++;
		} else if (!table && ss_find_define(rs, name, nl) < 0) {
			ref_error(rs, file, lineno, line, at + i,
			          "unknown {%.*s} (a define must come before its use)", (int)nl, name);
			errors++;
		}
		i = ns + nl + 1;
	}
	return errors;
}

/* ---- expansion ------------------------------------------------------- */

/* Where the text being expanded was written. */
typedef struct {
	ss_ruleset *rs;
	const char *file;
	unsigned lineno;
	const char *line; /* the whole line */
	int depth;
	size_t *errors;
} where;

static bool expand(where *w, size_t at, size_t n, ss_buf *out, ss_rule *r);

/* Bytes [off, off+len) of r's pattern came from byte at of its line. */
static void add_seg(ss_rule *r, size_t off, size_t len, const char *line, size_t at, int define)
{
	if (!r || len == 0)
		return;
	ss_grow((void **)&r->segs, &r->capsegs, r->nsegs + 1, sizeof *r->segs);
	r->segs[r->nsegs++] = (ss_patseg){off, len, (unsigned)ss_utf8_count(line, at) + 1, define};
}

typedef struct {
	const char *s;
	size_t chars;
} word;

/* Order of the words of an alternation: longest first (so that 人民币元 is
 * tried before 人民币), then by bytes, so that the pattern is the same
 * whatever order the files wrote them in. */
static int word_cmp(const void *a, const void *b)
{
	const word *x = a, *y = b;
	if (x->chars != y->chars)
		return x->chars > y->chars ? -1 : 1;
	return strcmp(x->s, y->s);
}

static void add_quoted(ss_buf *out, const char *s, size_t n, bool in_class)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80 && (in_class ? ispunct(c) : strchr("\\^$.|?*+()[]{}", c) != NULL))
			ss_buf_add(out, "\\", 1);
		ss_buf_add(out, s + i, 1);
	}
}

/* Whether two words whose first characters differ, c being one of them,
 * can never match at one place: c has no other case (a table may be used
 * under (?i)) and the word is not empty. */
static bool caseless_apart(const char *s, size_t n, uint32_t *c)
{
	int cl = n ? ss_utf8_decode(s, n, c) : 0;
	if (cl <= 0)
		return false;
	if (*c < 0x80)
		return !isalpha((int)*c);
	return (*c >= 0x2E80 && *c <= 0x9FFF) || (*c >= 0xF900 && *c <= 0xFAFF) ||
	       (*c >= 0xAC00 && *c <= 0xD7AF);
}

/* A word's part still to be written: bytes [s, s + n). */
typedef struct {
	const char *s;
	size_t n;
} tail;

/* The words t[0..n) as an alternation that PCRE2 tries in the same order
 * as the plain one, w1|w2|..., but with the words that share a first
 * character under one branch (美(?:元|金)|港(?:元|币)): a failed try costs
 * one test a first character instead of one a word (313 currency words
 * made every failed try after a number cost about 1,500 instructions).
 * Words with different first characters never match at one place, so
 * moving one past another changes nothing; a word that may (an empty rest,
 * a letter with another case) is a barrier nothing moves across. */
static void add_factored(ss_buf *out, tail *t, size_t n)
{
	bool *used = ss_xcalloc(n ? n : 1, sizeof *used);
	tail *sub = ss_xcalloc(n ? n : 1, sizeof *sub);
	bool first = true;
	for (size_t k = 0; k < n; k++) {
		if (used[k])
			continue;
		ss_buf_adds(out, first ? "" : "|");
		first = false;
		uint32_t c, d;
		if (!caseless_apart(t[k].s, t[k].n, &c)) {
			add_quoted(out, t[k].s, t[k].n, false);
			continue;
		}
		size_t cl = (size_t)ss_utf8_len(t[k].s, t[k].n), ns = 0;
		for (size_t j = k; j < n; j++) {
			if (used[j])
				continue;
			if (!caseless_apart(t[j].s, t[j].n, &d))
				break; /* a barrier */
			if (d != c)
				continue;
			used[j] = true;
			sub[ns++] = t[j];
		}
		/* the branch's words share at least c, often more (人民币元|人民币) */
		size_t common = cl;
		for (bool same = ns > 1; same;) {
			size_t next = sub[0].n > common ? (size_t)ss_utf8_len(sub[0].s + common,
			                                                      sub[0].n - common)
			                                : 0;
			same = next > 0;
			for (size_t j = 1; j < ns && same; j++)
				same = sub[j].n >= common + next &&
				       !memcmp(sub[j].s + common, sub[0].s + common, next);
			common += same ? next : 0;
		}
		add_quoted(out, t[k].s, common, false);
		for (size_t j = 0; j < ns; j++)
			sub[j] = (tail){sub[j].s + common, sub[j].n - common};
		if (ns == 1) {
			add_quoted(out, sub[0].s, sub[0].n, false);
			continue;
		}
		tail *mine = ss_xmalloc(ns * sizeof *mine);
		memcpy(mine, sub, ns * sizeof *mine);
		ss_buf_adds(out, "(?:");
		add_factored(out, mine, ns);
		ss_buf_adds(out, ")");
		free(mine);
	}
	free(sub);
	free(used);
}

/* From this many words on, a table's alternation has a guard. */
#define SS_GUARD_WORDS 8

/* The alternation of table name[0..nl), made (see ss_table_alternation). */
static size_t make_alternation(const ss_ruleset *rs, const char *name, size_t nl, ss_buf *out)
{
	word *words = NULL;
	size_t nw = 0, cap = 0;
	for (size_t i = 0; i < rs->nmaps; i++) {
		if (!table_covers(name, nl, rs->maps[i].table))
			continue;
		ss_grow((void **)&words, &cap, nw + 1, sizeof *words);
		const char *s = rs->maps[i].word;
		words[nw++] = (word){s, ss_utf8_count(s, strlen(s))};
	}
	if (nw > 1)
		qsort(words, nw, sizeof *words, word_cmp);
	size_t singles = 0, alts = 0;
	/* Before many words, a class of their first characters: a place where
	 * none stands (most, after a number) fails at one test. */
	ss_buf firsts = SS_BUF_INIT;
	/* each first character once, in the words' order: a set of them keyed
	 * by their bytes (the currency table's hundreds of words were compared
	 * with every earlier one) */
	size_t nslots = 16;
	while (nslots < 2 * nw)
		nslots *= 2;
	uint64_t *slots = ss_xcalloc(nslots, sizeof *slots);
	for (size_t i = 0; i < nw; i++) {
		size_t cl = (size_t)ss_utf8_len(words[i].s, strlen(words[i].s));
		uint64_t key = 1ull << 40 | (uint64_t)cl << 32;
		for (size_t k = 0; k < cl; k++)
			key |= (uint64_t)(unsigned char)words[i].s[k] << (8 * k);
		size_t h = (size_t)(key * 0x9E3779B97F4A7C15ull >> 40) & (nslots - 1);
		while (slots[h] && slots[h] != key)
			h = (h + 1) & (nslots - 1);
		if (!slots[h]) {
			slots[h] = key;
			add_quoted(&firsts, words[i].s, cl, true);
		}
	}
	free(slots);
	bool guard = nw >= SS_GUARD_WORDS && firsts.len;
	if (guard) {
		ss_buf_adds(out, "(?=[");
		ss_buf_add(out, firsts.ptr, firsts.len);
		ss_buf_adds(out, "])(?:");
	}
	ss_buf_release(&firsts);
	tail *multi = ss_xcalloc(nw ? nw : 1, sizeof *multi);
	for (size_t i = 0; i < nw; i++) {
		if (i > 0 && !strcmp(words[i].s, words[i - 1].s))
			continue;
		if (words[i].chars == 1) {
			singles++;
			continue;
		}
		multi[alts++] = (tail){words[i].s, strlen(words[i].s)};
	}
	add_factored(out, multi, alts);
	free(multi);
	if (singles) {
		ss_buf_adds(out, alts ? "|" : "");
		ss_buf_adds(out, singles > 1 ? "[" : "");
		for (size_t i = 0; i < nw; i++)
			if (words[i].chars == 1 && (i == 0 || strcmp(words[i].s, words[i - 1].s)))
				add_quoted(out, words[i].s, strlen(words[i].s), singles > 1);
		ss_buf_adds(out, singles > 1 ? "]" : "");
	}
	if (guard)
		ss_buf_adds(out, ")");
	free(words);
	return alts + singles;
}

const char *ss_table_alternation(ss_ruleset *rs, const char *name, size_t nl)
{
	for (size_t i = 0; i < rs->nalts; i++)
		if (strlen(rs->alts[i].name) == nl && !memcmp(rs->alts[i].name, name, nl))
			return rs->alts[i].text;
	ss_buf b = SS_BUF_INIT;
	size_t nw = make_alternation(rs, name, nl, &b);
	ss_grow((void **)&rs->alts, &rs->capalts, rs->nalts + 1, sizeof *rs->alts);
	rs->alts[rs->nalts++] = (ss_table_alt){ss_xstrndup(name, nl), nw ? ss_buf_detach(&b, NULL) : NULL};
	ss_buf_release(&b);
	return rs->alts[rs->nalts - 1].text;
}

/* Whether t is exactly one character class, "[...]". */
static bool one_class(const char *t)
{
	size_t i = 1, n = strlen(t);
	if (n < 3 || t[0] != '[')
		return false;
	if (t[i] == '^')
		i++;
	if (t[i] == ']')
		i++; /* a ']' first is a literal */
	for (; i < n; i++) {
		if (t[i] == '\\') {
			i++;
		} else if (t[i] == '[' && t[i + 1] == ':') {
			const char *e = strstr(t + i, ":]");
			if (!e)
				return false;
			i = (size_t)(e - t) + 1;
		} else if (t[i] == ']') {
			return i == n - 1;
		}
	}
	return false;
}

/* The expansion of define d (its own regex, then each extension as one more
 * alternative), made once; NULL after an error (reported once). */
static const char *define_text(where *w, size_t ref_off, int d)
{
	ss_ruleset *rs = w->rs;
	ss_define_src *src = &rs->define_src[d];
	const char *name = rs->defines[2 * d];
	if (src->state == 2)
		return rs->defines[2 * d + 1];
	if (src->state == 3)
		return NULL;
	if (src->state == 1 || w->depth >= SS_DEFINE_DEPTH) {
		ref_error(rs, w->file, w->lineno, w->line, ref_off,
		          src->state == 1 ? "{%s} uses itself" : "{%s}: defines nested too deep",
		          name);
		(*w->errors)++;
		return NULL;
	}
	src->state = 1;
	ss_buf ex = SS_BUF_INIT;
	where in = {rs, src->file, src->line, src->excerpt, w->depth + 1, w->errors};
	bool ok = expand(&in, src->at, strlen(src->raw), &ex, NULL);
	for (size_t i = 0; ok && i < rs->nextends; i++) {
		const ss_define_src *x = &rs->extends[i];
		if (x->of != d)
			continue;
		ss_buf_add(&ex, "|", 1);
		where xw = {rs, x->file, x->line, x->excerpt, w->depth + 1, w->errors};
		ok = expand(&xw, x->at, strlen(x->raw), &ex, NULL);
	}
	if (!ok) {
		ss_buf_release(&ex);
		src->state = 3;
		return NULL;
	}
	if (!ex.ptr)
		ss_buf_add(&ex, "", 0);
	rs->defines[2 * d + 1] = ss_buf_detach(&ex, NULL);
	src->state = 2;
	return rs->defines[2 * d + 1];
}

/*
 * Expand the references of a regex written at w->line[at..at+n) into out;
 * r, when not NULL, receives the segment map (see ss_patseg). Each expansion
 * is wrapped in (?:...) so that a quantifier after it applies to all of it.
 * Returns false after an error (reported).
 */
static bool expand(where *w, size_t at, size_t n, ss_buf *out, ss_rule *r)
{
	const char *p = w->line + at;
	size_t lit = 0, lit_out = out->len, i = 0, ns, nl;
	bool table;
	while (next_ref(p, n, &i, &ns, &nl, &table)) {
		ss_buf_add(out, p + lit, i - lit);
		add_seg(r, lit_out, i - lit, w->line, at + lit, SS_SEG_TEXT);
		size_t eo = out->len;
		int d = -1;
		bool bare = false;
		if (table) {
			ss_buf_adds(out, "(?:");
			const char *alt = ss_table_alternation(w->rs, p + ns, nl);
			if (alt) {
				ss_buf_adds(out, alt);
			} else {
				ref_error(w->rs, w->file, w->lineno, w->line, at + i,
				          "table {@%.*s} has no words", (int)nl, p + ns);
				(*w->errors)++;
				return false;
			}
		} else {
			d = ss_find_define(w->rs, p + ns, nl);
			const char *t = d >= 0 ? define_text(w, at + i, d) : NULL;
			if (!t)
				return false;
			/* A class is one item already: (?:[...])* would cost PCRE2 a
			 * backtracking frame per character repeated. */
			bare = one_class(t);
			if (!bare)
				ss_buf_adds(out, "(?:");
			ss_buf_adds(out, t);
		}
		if (!bare)
			ss_buf_adds(out, ")");
		add_seg(r, eo, out->len - eo, w->line, at + i, table ? SS_SEG_TABLE : d);
		if (out->len > SS_PATTERN_MAX) {
			ref_error(w->rs, w->file, w->lineno, w->line, at + i,
			          "the expansion of {%s%.*s} makes this pattern longer than %zu bytes",
			          table ? "@" : "", (int)nl, p + ns, SS_PATTERN_MAX);
			(*w->errors)++;
			return false;
		}
		i = ns + nl + 1;
		lit = i;
		lit_out = out->len;
	}
	ss_buf_add(out, p + lit, n - lit);
	add_seg(r, lit_out, n - lit, w->line, at + lit, SS_SEG_TEXT);
	return true;
}

size_t ss_rules_resolve(ss_ruleset *rs)
{
	size_t errors = 0;
	/* Every define, used or not: a broken one is reported either way. */
	for (size_t d = 0; d < rs->ndefines / 2; d++) {
		const ss_define_src *src = &rs->define_src[d];
		where w = {rs, src->file, src->line, src->excerpt, 0, &errors};
		if (src->state == 0)
			define_text(&w, src->at, (int)d);
	}
	for (size_t i = 0; i < rs->nrules; i++) {
		ss_rule *r = &rs->rules[i];
		if (r->pattern || !r->pattern_text)
			continue;
		where w = {rs, r->file, r->pattern_line, r->pattern_text, 0, &errors};
		ss_buf ex = SS_BUF_INIT;
		r->nsegs = 0;
		if (!expand(&w, r->pattern_at, strlen(r->pattern_text) - r->pattern_at, &ex, r)) {
			ss_buf_release(&ex);
			continue;
		}
		if (!ex.ptr)
			ss_buf_add(&ex, "", 0);
		r->pattern = ss_buf_detach(&ex, NULL);
		r->key = ss_pattern_key(r->pattern);
	}
	if (!errors)
		ss_needs_build(rs);
	for (size_t i = 0; i < rs->nalts; i++) {
		free(rs->alts[i].name);
		free(rs->alts[i].text);
	}
	free(rs->alts);
	rs->alts = NULL;
	rs->nalts = rs->capalts = 0;
	return errors;
}
