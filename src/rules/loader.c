/* loader.c - parse rule files (rules/README.md describes the format).
 *
 * Line-based on purpose: every error can name file:line:col and show the line.
 * {NAME} and {@TABLE} references are checked here, while the line is at hand;
 * expand.c expands them once every file is loaded. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../numeral/numeral.h"
#include "rules.h"

typedef struct {
	ss_ruleset *rs;
	const char *file; /* owned by rs->files */
	unsigned lineno;
	const char *line; /* the current line, without its end of line */
	size_t linelen;
	char *excerpt; /* NUL-terminated copy of the current line */
	size_t errors;
	const char *last_table; /* of the last map line, owned by rs->tables */

	/* The rule being read; appended to rs->rules when the next block starts. */
	bool in_rule, have_kind, bad;
	ss_rule cur;
	char *rule_excerpt;
} loader;

/* Field names a rule accepts; used to tell "field outside a rule" from an
 * unknown directive. */
static const char *const field_keys[] = {"kind",      "unit",  "scale",   "value",
                                         "qualifier", "direction", "basis", "trigger",
                                         "needs",     "pattern",   "example", NULL};

/* Index of s[0..n) in a NULL-terminated name list (empty names never match), or -1. */
static int name_index(const char *const *names, const char *s, size_t n)
{
	for (int i = 0; names[i]; i++)
		if (names[i][0] && strlen(names[i]) == n && memcmp(names[i], s, n) == 0)
			return i;
	return -1;
}

/* The values the fact builder reads, named as the outputs name them (one
 * list, in facts/names.c, behind the public ss_*_name). */
typedef enum { EN_QUALIFIER, EN_DIRECTION, EN_BASIS, EN__NONE } enum_kind;

static const char *enum_name(enum_kind e, int i)
{
	switch (e) {
	case EN_QUALIFIER: return i < SS_QUAL__COUNT ? ss_qualifier_name((ss_qualifier)i) : NULL;
	case EN_DIRECTION:
		return i <= SS_DIR_TO ? ss_direction_name((ss_direction)i) : i == SS_DIR_SIGN ? "sign" : NULL;
	case EN_BASIS: return i <= SS_BASIS_QOQ ? ss_basis_name((ss_basis)i) : NULL;
	default: return NULL;
	}
}

/* Index of s[0..n) among the names of e (empty names never match), or -1. */
static int enum_index(enum_kind e, const char *s, size_t n)
{
	const char *name;
	for (int i = 0; (name = enum_name(e, i)) != NULL; i++)
		if (name[0] && strlen(name) == n && memcmp(name, s, n) == 0)
			return i;
	return -1;
}

/* Which of them a table or a field name (n bytes) takes. */
static enum_kind enum_of(const char *s, size_t n)
{
	static const char *const names[] = {"qualifier", "direction", "basis", NULL};
	int i = name_index(names, s, n);
	return i < 0 ? EN__NONE : (enum_kind)i;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Report an error at line:col, with excerpt shown under it. */
static void vlerr_at(loader *L, unsigned lineno, const char *excerpt, unsigned col,
                    const char *fmt, va_list ap)
{
	ss_buf msg = SS_BUF_INIT;
	ss_buf_vaddf(&msg, fmt, ap);
	ss_report_excerpt(&L->rs->sink, SS_DIAG_ERROR, L->file, lineno, col, NULL, excerpt,
	                  "%s", msg.ptr ? msg.ptr : "");
	ss_buf_release(&msg);
	L->errors++;
	if (L->in_rule)
		L->bad = true;
}

static void lerr_at(loader *L, unsigned lineno, const char *excerpt, unsigned col,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void lerr_at(loader *L, unsigned lineno, const char *excerpt, unsigned col,
                    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlerr_at(L, lineno, excerpt, col, fmt, ap);
	va_end(ap);
}

/* Report an error at byte off of the current line, with the line as excerpt. */
static void lerr(loader *L, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void lerr(loader *L, size_t off, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	unsigned col = (unsigned)ss_utf8_count(L->line, off > L->linelen ? L->linelen : off) + 1;
	vlerr_at(L, L->lineno, L->excerpt, col, fmt, ap);
	va_end(ap);
}

/* Next whitespace-separated token of the current line from *pos. Returns its
 * length (0 at the end) and its offset in *start. */
static size_t next_token(loader *L, size_t *pos, size_t *start)
{
	size_t i = *pos;
	while (i < L->linelen && is_space(L->line[i]))
		i++;
	*start = i;
	while (i < L->linelen && !is_space(L->line[i]))
		i++;
	*pos = i;
	return i - *start;
}

/* Offset of the rest of the line after *pos, skipping leading white space. */
static size_t rest_of_line(loader *L, size_t pos)
{
	while (pos < L->linelen && is_space(L->line[pos]))
		pos++;
	return pos;
}

static bool is_ident(const char *s, size_t n)
{
	if (n == 0 || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!(isalnum((unsigned char)s[i]) || s[i] == '_'))
			return false;
	return true;
}

static bool is_rule_id(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '.' || s[i] == '-'))
			return false;
	return true;
}

/* ---- blocks ---------------------------------------------------------- */

static void add_define(ss_ruleset *rs, const char *name, size_t nl, ss_define_src src)
{
	ss_grow((void **)&rs->defines, &rs->capdefines, rs->ndefines + 2, sizeof(char *));
	size_t capsrc = rs->capdefines / 2;
	/* define_src grows in step with defines: realloc to the same capacity. */
	rs->define_src = ss_xrealloc(rs->define_src, (capsrc ? capsrc : 1) * sizeof(ss_define_src));
	rs->defines[rs->ndefines] = ss_xstrndup(name, nl);
	rs->defines[rs->ndefines + 1] = NULL;
	rs->define_src[rs->ndefines / 2] = src;
	rs->ndefines += 2;
}

/* define NAME REGEX, or (extend) extend NAME REGEX. */
static void do_define(loader *L, size_t pos, bool extend)
{
	size_t ns, nl = next_token(L, &pos, &ns);
	if (!nl) {
		lerr(L, pos, "define needs a NAME and a regex");
		return;
	}
	if (!is_ident(L->line + ns, nl)) {
		lerr(L, ns, "bad define name '%.*s' (letters, digits, _)", (int)nl, L->line + ns);
		return;
	}
	size_t rx = rest_of_line(L, pos);
	if (rx >= L->linelen) {
		lerr(L, rx, "empty define '%.*s'", (int)nl, L->line + ns);
		return;
	}
	ss_ruleset *rs = L->rs;
	int old = ss_find_define(rs, L->line + ns, nl);
	if (extend && old < 0) {
		lerr(L, ns, "extend '%.*s': no such define (extend adds to a define above it)",
		     (int)nl, L->line + ns);
		return;
	}
	if (!extend && old >= 0) {
		const ss_define_src *o = &rs->define_src[old];
		/* The same text again (two files sharing a define) is harmless. */
		if (strlen(o->raw) != L->linelen - rx || memcmp(o->raw, L->line + rx, L->linelen - rx))
			lerr(L, ns, "define '%.*s' already defined differently at %s:%u (use 'extend' "
			            "to add to it)", (int)nl, L->line + ns, o->file, o->line);
		return;
	}
	size_t errs = ss_refs_check(rs, L->file, L->lineno, L->excerpt, rx, L->linelen - rx);
	if (errs) {
		L->errors += errs;
		return;
	}
	ss_define_src src = {L->file, L->lineno, ss_xstrndup(L->line + rx, L->linelen - rx),
	                     ss_xstrdup(L->excerpt), rx, old, 0};
	if (extend) {
		ss_grow((void **)&rs->extends, &rs->capextends, rs->nextends + 1, sizeof *rs->extends);
		rs->extends[rs->nextends++] = src;
		return;
	}
	add_define(rs, L->line + ns, nl, src);
}

/* The built-in defines: the classes of Chinese numeral characters, from the
 * numeral parser's table, so that the rules, the windows and the parser
 * read one list. */
void ss_rules_builtins(ss_ruleset *rs)
{
	char cls[256];
	const char *name;
	for (size_t i = 0; (name = ss_numeral_class(i, cls, sizeof cls)) != NULL; i++) {
		if (ss_find_define(rs, name, strlen(name)) >= 0)
			continue;
		ss_define_src src = {"<built-in>", 0, ss_xstrdup(cls), ss_xstrdup(cls), 0, -1, 0};
		add_define(rs, name, strlen(name), src);
	}
}

/* Exactly n words from pos, into start[] and len[]; false after reporting
 * too few (usage says what is wanted) or one more (after says after what). */
static bool words(loader *L, size_t pos, size_t n, size_t *start, size_t *len,
                  const char *usage, const char *after)
{
	for (size_t k = 0; k < n; k++)
		if (!(len[k] = next_token(L, &pos, &start[k]))) {
			lerr(L, pos, "%s", usage);
			return false;
		}
	size_t xs, xl = next_token(L, &pos, &xs);
	if (xl)
		lerr(L, xs, "unexpected '%.*s' after %s", (int)xl, L->line + xs, after);
	return !xl;
}

/* table NAME: declare a lexicon table (declaring it again is harmless). */
static void do_table(loader *L, size_t pos)
{
	size_t ts, tl;
	if (!words(L, pos, 1, &ts, &tl, "table needs a NAME", "the table name"))
		return;
	if (!ss_is_table_name(L->line + ts, tl)) {
		lerr(L, ts, "bad table name '%.*s' (letters, digits, _, and '.' before a facet)",
		     (int)tl, L->line + ts);
		return;
	}
	ss_ruleset *rs = L->rs;
	for (size_t i = 0; i < rs->ntables; i++)
		if (strlen(rs->tables[i]) == tl && !memcmp(rs->tables[i], L->line + ts, tl))
			return;
	ss_grow((void **)&rs->tables, &rs->captables, rs->ntables + 1, sizeof *rs->tables);
	rs->tables[rs->ntables++] = ss_xstrndup(L->line + ts, tl);
}

/* FNV-1a of a map entry's table (before any facet) and word. */
static uint32_t map_hash(const char *t, size_t tl, const char *w, size_t wl)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < tl; i++)
		h = (h ^ (unsigned char)t[i]) * 16777619u;
	h = (h ^ 0xFF) * 16777619u;
	for (size_t i = 0; i < wl; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h;
}

static void map_slot(ss_ruleset *rs, size_t i)
{
	const ss_map_entry *m = &rs->maps[i];
	size_t k = map_hash(m->base, strlen(m->base), m->word, strlen(m->word)) & (rs->map_nslots - 1);
	while (rs->map_slots[k])
		k = (k + 1) & (rs->map_nslots - 1);
	rs->map_slots[k] = (uint32_t)i + 1;
}

/* Index the last map entry (rebuilding the index when it fills up), so that
 * each map line is checked against the others in one probe. */
static void map_index(ss_ruleset *rs)
{
	if (2 * rs->nmaps > rs->map_nslots) {
		free(rs->map_slots);
		rs->map_nslots = rs->map_nslots ? 2 * rs->map_nslots : 512;
		rs->map_slots = ss_xcalloc(rs->map_nslots, sizeof *rs->map_slots);
		for (size_t i = 0; i + 1 < rs->nmaps; i++)
			map_slot(rs, i);
	}
	map_slot(rs, rs->nmaps - 1);
}

static void do_map(loader *L, size_t pos)
{
	size_t st[3], ln[3];
	if (!words(L, pos, 3, st, ln, "map needs TABLE WORD VALUE",
	           "the value of map (comments go on lines of their own)"))
		return;
	size_t ts = st[0], tl = ln[0], ws = st[1], wl = ln[1], vs = st[2], vl = ln[2];
	const char *t = L->line + ts, *v = L->line + vs;
	ss_ruleset *rs = L->rs;
	/* Lines of one table come together: try the last one's first. */
	bool declared = L->last_table && strlen(L->last_table) == tl && !memcmp(L->last_table, t, tl);
	for (size_t i = 0; i < rs->ntables && !declared; i++)
		if (strlen(rs->tables[i]) == tl && !memcmp(rs->tables[i], t, tl)) {
			declared = true;
			L->last_table = rs->tables[i];
		}
	if (!declared) {
		lerr(L, ts, "unknown table '%.*s' (declare it with 'table %.*s'; rules/README.md "
		            "lists the tables)", (int)tl, t, (int)tl, t);
		return;
	}
	/* Lookups name the table before any facet: qualifier.before is qualifier. */
	const char *dot = memchr(t, '.', tl);
	size_t bl = dot ? (size_t)(dot - t) : tl;
	enum_kind e = enum_of(t, bl);
	if (e != EN__NONE && enum_index(e, v, vl) < 0) {
		lerr(L, vs, "unknown %.*s '%.*s'", (int)bl, t, (int)vl, v);
		return;
	}
	uint32_t h = map_hash(t, bl, L->line + ws, wl);
	size_t k = h & (rs->map_nslots - 1);
	for (; rs->map_nslots && rs->map_slots[k]; k = (k + 1) & (rs->map_nslots - 1)) {
		ss_map_entry *m = &rs->maps[rs->map_slots[k] - 1];
		if (strlen(m->base) == bl && !memcmp(m->base, t, bl) && strlen(m->word) == wl &&
		    !memcmp(m->word, L->line + ws, wl)) {
			if (strlen(m->value) != vl || memcmp(m->value, v, vl)) {
				lerr(L, ws, "'%.*s' already mapped in %s to '%s' at %s:%u", (int)wl,
				     L->line + ws, m->table, m->value, m->file, m->line);
				return;
			}
			if (strlen(m->table) == tl && !memcmp(m->table, t, tl))
				return; /* the same entry again; in another facet it joins that one too */
		}
	}
	ss_grow((void **)&rs->maps, &rs->capmaps, rs->nmaps + 1, sizeof *rs->maps);
	rs->maps[rs->nmaps++] =
		(ss_map_entry){ss_xstrndup(t, tl), ss_xstrndup(t, bl), ss_xstrndup(L->line + ws, wl),
		               ss_xstrndup(v, vl), L->file, L->lineno};
	map_index(rs);
}

void ss_rule_release(ss_rule *r)
{
	free(r->id);
	free(r->pattern);
	free(r->pattern_text);
	free(r->segs);
	free(r->trigger);
	free(r->needs);
	free(r->alpha);
	if (r->code)
		pcre2_code_free(r->code);
	for (size_t i = 0; i < r->nexamples; i++) {
		free(r->examples[i].input);
		free(r->examples[i].expect);
	}
	free(r->examples);
	memset(r, 0, sizeof *r);
}

/* Close the rule being read: keep it when complete, drop it after an error. */
static void finish_rule(loader *L)
{
	if (!L->in_rule)
		return;
	ss_rule *r = &L->cur;
	if (!L->bad && !L->have_kind)
		lerr_at(L, r->line, L->rule_excerpt, 1, "rule '%s' has no kind", r->id);
	else if (!L->bad && !r->pattern_text)
		lerr_at(L, r->line, L->rule_excerpt, 1, "rule '%s' has no pattern", r->id);
	if (L->bad) {
		ss_rule_release(r);
	} else {
		ss_ruleset *rs = L->rs;
		ss_grow((void **)&rs->rules, &rs->caprules, rs->nrules + 1, sizeof *rs->rules);
		rs->rules[rs->nrules++] = *r;
	}
	free(L->rule_excerpt);
	L->rule_excerpt = NULL;
	L->in_rule = L->bad = L->have_kind = false;
	memset(&L->cur, 0, sizeof L->cur);
}

/* Check the id of a rule line; false after reporting what is wrong with it. */
static bool check_rule_line(loader *L, size_t pos, size_t *is, size_t *il)
{
	*il = next_token(L, &pos, is);
	size_t xs, xl = next_token(L, &pos, &xs);
	const char *id = L->line + *is;
	if (!*il) {
		lerr(L, pos, "rule needs an id");
		return false;
	}
	if (xl) {
		lerr(L, xs, "unexpected '%.*s' after the rule id", (int)xl, L->line + xs);
		return false;
	}
	if (!is_rule_id(id, *il)) {
		lerr(L, *is, "bad rule id '%.*s' (letters, digits, '.', '_', '-')", (int)*il, id);
		return false;
	}
	for (size_t i = 0; i < L->rs->nrules; i++) {
		const ss_rule *o = &L->rs->rules[i];
		if (strlen(o->id) == *il && !memcmp(o->id, id, *il)) {
			lerr(L, *is, "duplicate rule id '%.*s' (first defined at %s:%u)", (int)*il, id,
			     o->file, o->line);
			return false;
		}
	}
	return true;
}

static void do_rule(loader *L, size_t pos)
{
	size_t is, il;
	bool ok = check_rule_line(L, pos, &is, &il);
	/* A refused rule is still read (and its fields checked), then dropped,
	 * so that its fields are not reported again as outside a rule. */
	L->in_rule = true;
	L->bad = !ok;
	L->have_kind = false;
	ss_rule *r = &L->cur;
	memset(r, 0, sizeof *r);
	r->id = ss_xstrndup(L->line + is, il);
	r->file = L->file;
	r->line = L->lineno;
	r->scale = 1;
	r->qualifier = r->direction = r->basis = -1;
	L->rule_excerpt = ss_xstrdup(L->excerpt);
}

/* Parse a finite, non-empty decimal number filling v[0..n). */
static bool parse_number(const char *v, size_t n, double *out)
{
	char tmp[64];
	if (n == 0 || n >= sizeof tmp)
		return false;
	memcpy(tmp, v, n);
	tmp[n] = '\0';
	char *end;
	*out = strtod(tmp, &end);
	return *end == '\0' && isfinite(*out) && (isdigit((unsigned char)tmp[0]) || tmp[0] == '-' ||
	                                          tmp[0] == '+' || tmp[0] == '.');
}

static void do_field(loader *L, size_t pos)
{
	size_t ks, kl = next_token(L, &pos, &ks);
	const char *k = L->line + ks;
	if (!L->in_rule) {
		lerr(L, ks, "'%.*s' outside a rule (a rule starts with an unindented 'rule ID' line)",
		     (int)kl, k);
		return;
	}
	ss_rule *r = &L->cur;
	size_t vs = rest_of_line(L, pos), vl = L->linelen - vs;
	const char *v = L->line + vs;
#define KEY(s) (kl == sizeof(s) - 1 && !memcmp(k, s, kl))
	if (KEY("pattern")) {
		if (r->pattern_text) {
			lerr(L, ks, "a second pattern for rule '%s' (first at line %u)", r->id,
			     r->pattern_line);
			return;
		}
		if (!vl) {
			lerr(L, vs, "empty pattern");
			return;
		}
		size_t errs = ss_refs_check(L->rs, L->file, L->lineno, L->excerpt, vs, vl);
		r->pattern_line = L->lineno;
		r->pattern_col = (unsigned)ss_utf8_count(L->line, vs) + 1;
		r->pattern_at = vs;
		r->pattern_text = ss_xstrdup(L->excerpt);
		if (errs) {
			L->errors += errs;
			L->bad = true;
		}
		return;
	}
	if (KEY("example")) {
		/* The last "=>" splits: expectations never contain one, inputs might. */
		const char *arrow = NULL;
		for (size_t i = 0; i + 1 < vl; i++)
			if (v[i] == '=' && v[i + 1] == '>')
				arrow = v + i;
		if (!arrow) {
			lerr(L, vs, "example needs 'INPUT => EXPECTED' (or '=> none')");
			return;
		}
		size_t il = (size_t)(arrow - v);
		while (il > 0 && is_space(v[il - 1]))
			il--;
		const char *e = arrow + 2, *end = v + vl;
		while (e < end && is_space(*e))
			e++;
		if (il == 0) {
			lerr(L, vs, "example has no input before '=>'");
			return;
		}
		if (e == end) {
			lerr(L, (size_t)(arrow - L->line), "example has nothing after '=>' (use '=> none')");
			return;
		}
		/* Each expectation is field=value, unless the whole is "none". */
		if (!(end - e == 4 && !memcmp(e, "none", 4))) {
			for (const char *t = e; t < end;) {
				const char *te = t;
				while (te < end && !is_space(*te))
					te++;
				const char *eq = memchr(t, '=', (size_t)(te - t));
				if (!eq || eq == t) {
					lerr(L, (size_t)(t - L->line), "expected field=value, not '%.*s'",
					     (int)(te - t), t);
					return;
				}
				t = te;
				while (t < end && is_space(*t))
					t++;
			}
		}
		ss_grow((void **)&r->examples, &r->capexamples, r->nexamples + 1, sizeof *r->examples);
		r->examples[r->nexamples++] = (ss_example){
			ss_xstrndup(v, il), ss_xstrndup(e, (size_t)(end - e)), L->lineno};
		return;
	}
	bool known = false;
	for (int i = 0; field_keys[i]; i++)
		known |= strlen(field_keys[i]) == kl && !memcmp(field_keys[i], k, kl);
	if (!known) {
		lerr(L, ks, "unknown key '%.*s' (kind unit scale value qualifier direction basis "
		            "trigger needs pattern example)",
		     (int)kl, k);
		return;
	}
	if (!vl) {
		lerr(L, vs, "'%.*s' needs a value", (int)kl, k);
		return;
	}
	if (KEY("needs")) {
		/* Worked out from the pattern now (needs.c): a list by hand could
		 * only lose matches. Accepted so that older rule files still load. */
		ss_report_excerpt(&L->rs->sink, SS_DIAG_WARNING, L->file, L->lineno,
		                  (unsigned)ss_utf8_count(L->line, ks) + 1, NULL, L->excerpt,
		                  "'needs' is ignored: it is worked out from the pattern");
		return;
	}
	if (KEY("trigger")) {
		/* Only ASCII and 3-byte characters: those are what the tables cover. */
		for (size_t i = 0; i < vl;) {
			int cl = ss_utf8_len(v + i, vl - i);
			if (is_space(v[i]) || (cl != 1 && cl != 3)) {
				lerr(L, vs + i, "%.*s characters must be ASCII or 3-byte UTF-8 "
				                "characters, without spaces", (int)kl, k);
				return;
			}
			i += (size_t)cl;
		}
		char **slot = &r->trigger;
		if (*slot) {
			lerr(L, ks, "duplicate '%.*s' in rule '%s'", (int)kl, k, r->id);
			return;
		}
		*slot = ss_xstrndup(v, vl);
		return;
	}
	/* The remaining fields take one word. */
	size_t p2 = vs, ts, tl = next_token(L, &p2, &ts);
	size_t xs, xl = next_token(L, &p2, &xs);
	(void)ts;
	if (xl) {
		lerr(L, xs, "unexpected '%.*s' after the value of '%.*s'", (int)xl, L->line + xs,
		     (int)kl, k);
		return;
	}
	vl = tl;
	if (KEY("kind")) {
		if (L->have_kind) {
			lerr(L, ks, "duplicate 'kind' in rule '%s'", r->id);
			return;
		}
		int kind = ss_kind_parse(v, vl);
		if (kind < 0) {
			ss_buf known = SS_BUF_INIT;
			for (int i = 0; i < SS_KIND__COUNT; i++)
				ss_buf_addf(&known, "%s%s", i ? ", " : "", ss_kind_name((ss_kind)i));
			lerr(L, vs, "unknown kind '%.*s' (%s)", (int)vl, v, known.ptr);
			ss_buf_release(&known);
			return;
		}
		r->kind = (ss_kind)kind;
		L->have_kind = true;
	} else if (KEY("unit")) {
		if (vl >= sizeof r->unit) {
			lerr(L, vs, "unit longer than %zu bytes", sizeof r->unit - 1);
			return;
		}
		if (r->unit[0]) {
			lerr(L, ks, "duplicate 'unit' in rule '%s'", r->id);
			return;
		}
		memcpy(r->unit, v, vl);
		r->unit[vl] = '\0';
	} else if (KEY("scale")) {
		double d;
		if (!parse_number(v, vl, &d) || d == 0) {
			lerr(L, vs, "scale must be a non-zero number, not '%.*s'", (int)vl, v);
			return;
		}
		r->scale = d;
	} else if (KEY("value")) {
		double d;
		if (vl >= sizeof r->value || !parse_number(v, vl, &d)) {
			lerr(L, vs, "value must be a number, not '%.*s'", (int)vl, v);
			return;
		}
		memcpy(r->value, v, vl);
		r->value[vl] = '\0';
	} else {
		enum_kind e = enum_of(k, kl);
		int *slot = e == EN_QUALIFIER ? &r->qualifier
		            : e == EN_DIRECTION ? &r->direction
		                                : &r->basis;
		int i = enum_index(e, v, vl);
		if (i < 0) {
			lerr(L, vs, "unknown %.*s '%.*s'", (int)kl, k, (int)vl, v);
			return;
		}
		if (*slot >= 0) {
			lerr(L, ks, "duplicate '%.*s' in rule '%s'", (int)kl, k, r->id);
			return;
		}
		*slot = i;
	}
#undef KEY
}

/* ---- the file -------------------------------------------------------- */

/* Copy of line[0..n) with invalid UTF-8 shown as U+FFFD, for an excerpt. */
static char *clean_excerpt(const char *s, size_t n)
{
	ss_buf b = SS_BUF_INIT;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int cl = ss_utf8_decode(s + i, n - i, &cp);
		if (cl == 0 || cp == 0) {
			ss_buf_adds(&b, "\xEF\xBF\xBD");
			i++;
		} else {
			ss_buf_add(&b, s + i, (size_t)cl);
			i += (size_t)cl;
		}
	}
	ss_buf_add(&b, "", 0);
	return ss_buf_detach(&b, NULL);
}

/* Refuse a file with bytes that are not UTF-8 (or NUL), naming the first. */
static bool check_utf8(loader *L, const char *buf, size_t len)
{
	size_t ls = 0;
	unsigned lineno = 1;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int cl = ss_utf8_decode(buf + i, len - i, &cp);
		if (cl && cp != 0) {
			if (cp == '\n') {
				ls = i + 1;
				lineno++;
			}
			i += (size_t)cl;
			continue;
		}
		size_t le = ls;
		while (le < len && buf[le] != '\n')
			le++;
		if (le > ls && buf[le - 1] == '\r')
			le--;
		char *ex = clean_excerpt(buf + ls, le - ls);
		ss_report_excerpt(&L->rs->sink, SS_DIAG_ERROR, L->file, lineno,
		                  (unsigned)ss_utf8_count(buf + ls, i - ls) + 1, NULL, ex,
		                  cl ? "NUL byte in rule file" : "invalid UTF-8 in rule file");
		free(ex);
		L->errors++;
		return false;
	}
	return true;
}

ss_status ss_rules_load(ss_ruleset *rs, const char *name, const char *buf, size_t len)
{
	ss_grow((void **)&rs->files, &rs->capfiles, rs->nfiles + 1, sizeof(char *));
	rs->files[rs->nfiles] = ss_xstrdup(name ? name : "<rules>");
	loader L = {.rs = rs, .file = rs->files[rs->nfiles++]};
	if (!check_utf8(&L, buf, len)) {
		rs->load_errors += L.errors;
		return SS_ERR_CONFIG;
	}
	char *folded = ss_rules_fold(buf, len, &len);
	buf = folded;
	size_t pos = 0;
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		pos = 3; /* a byte order mark some editors add */
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - buf) : len;
		L.lineno++;
		L.line = buf + pos;
		L.linelen = end - pos;
		pos = end + 1;
		/* Trailing white space (and the \r of CRLF) is never meaningful. */
		while (L.linelen > 0 && (is_space(L.line[L.linelen - 1]) || L.line[L.linelen - 1] == '\r'))
			L.linelen--;
		size_t first = rest_of_line(&L, 0);
		if (first == L.linelen || L.line[first] == '#')
			continue;
		L.excerpt = ss_xstrndup(L.line, L.linelen);
		if (first > 0) {
			do_field(&L, 0);
		} else {
			size_t p = 0, ws, wl = next_token(&L, &p, &ws);
			const char *w = L.line;
			if (wl == 4 && !memcmp(w, "rule", 4)) {
				finish_rule(&L);
				do_rule(&L, p);
			} else if (wl == 6 && !memcmp(w, "define", 6)) {
				finish_rule(&L);
				do_define(&L, p, false);
			} else if (wl == 6 && !memcmp(w, "extend", 6)) {
				finish_rule(&L);
				do_define(&L, p, true);
			} else if (wl == 5 && !memcmp(w, "table", 5)) {
				finish_rule(&L);
				do_table(&L, p);
			} else if (wl == 3 && !memcmp(w, "map", 3)) {
				finish_rule(&L);
				do_map(&L, p);
			} else {
				finish_rule(&L);
				if (name_index(field_keys, w, wl) >= 0)
					lerr(&L, 0, "'%.*s' outside a rule (fields are indented under a "
					            "'rule ID' line)",
					     (int)wl, w);
				else
					lerr(&L, 0, "unknown directive '%.*s' (table, map, define, extend, rule)",
					     (int)wl, w);
			}
		}
		free(L.excerpt);
		L.excerpt = NULL;
	}
	finish_rule(&L);
	free(folded);
	rs->load_errors += L.errors;
	return L.errors ? SS_ERR_CONFIG : SS_OK;
}
