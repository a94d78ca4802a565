/* starts.c - the characters each rule's matches can begin with.
 *
 * An unanchored search tries a rule at every character of a window, and a
 * rule that opens with optional qualifier words (近|约|超过|...) costs a walk
 * through all of them at each one. Knowing the characters a match of the
 * rule can begin with, the scan tries the rule (compiled anchored) only where
 * one of them stands: the same matches, at a fraction of the tries.
 *
 * The set is found by asking PCRE2 itself: a partial match (PCRE2_PARTIAL_HARD)
 * of the rule against a subject of one character c succeeds exactly when
 * some text starting with c could match. Only the characters the pattern
 * writes (and the ASCII ones its escapes and ranges name) are asked; a
 * pattern that could begin with anything else (".", "[^...]", \x{...}, \h,
 * \p{..}, a range of non-ASCII characters, caseless matching, a positive
 * lookbehind or a word boundary, which a one-character subject cannot judge)
 * is marked to start anywhere and is searched as before. */
#include <stdlib.h>
#include <string.h>

#include "rules.h"

/* Escapes after which a pattern still matches only ASCII or literal text. */
static const char plain_escapes[] = "dswtnrfea";

static void ascii_add(uint8_t *set, uint32_t lo, uint32_t hi)
{
	for (uint32_t c = lo; set && c <= hi && c < 0x80; c++)
		set[c >> 3] |= (uint8_t)(1u << (c & 7));
}

/* The ASCII characters an escape \e (one of plain_escapes, or punctuation)
 * stands for. */
static void ascii_escape(uint8_t *set, unsigned char e)
{
	switch (e) {
	case 'd': ascii_add(set, '0', '9'); break;
	case 's': ascii_add(set, '\t', '\r'), ascii_add(set, ' ', ' '); break;
	case 'w':
		ascii_add(set, '0', '9'), ascii_add(set, 'A', 'Z'), ascii_add(set, 'a', 'z');
		ascii_add(set, '_', '_');
		break;
	case 't': ascii_add(set, '\t', '\t'); break;
	case 'n': ascii_add(set, '\n', '\n'); break;
	case 'r': ascii_add(set, '\r', '\r'); break;
	case 'f': ascii_add(set, '\f', '\f'); break;
	case 'e': ascii_add(set, 0x1B, 0x1B); break;
	case 'a': ascii_add(set, 0x07, 0x07); break;
	default: ascii_add(set, e, e);
	}
}

size_t ss_pattern_skip(const char *p, size_t n, size_t i)
{
	if (p[i] == '\\')
		return i + 2 < n ? i + 2 : n;
	if (p[i] != '[')
		return i + 1;
	size_t k = i + 1;
	if (k < n && p[k] == '^')
		k++;
	if (k < n && p[k] == ']')
		k++; /* a leading ] is a member */
	while (k < n && p[k] != ']')
		k += p[k] == '\\' ? 2 : 1;
	return k < n ? k + 1 : n;
}

size_t ss_pattern_group_end(const char *p, size_t n, size_t i)
{
	int depth = 0;
	for (; i < n; i = ss_pattern_skip(p, n, i))
		if (p[i] == '(')
			depth++;
		else if (p[i] == ')' && --depth == 0)
			return i + 1;
	return 0;
}

size_t ss_pattern_top_bars(const char *p, size_t n, size_t *bars, size_t cap)
{
	int depth = 0;
	size_t nb = 0;
	for (size_t i = 0; i < n; i = ss_pattern_skip(p, n, i)) {
		if (p[i] == '(') {
			depth++;
		} else if (p[i] == ')') {
			depth--;
		} else if (p[i] == '|' && depth == 0) {
			if (nb < cap)
				bars[nb] = i;
			nb++;
		}
	}
	return nb;
}

/* The end of a group the pattern opens with and cannot do without: not
 * optional, no lookaround, consuming a character, and no
 * alternative at the top beside it. Its matches begin where that group's
 * do, whatever stands after it (the [^，。] of an object after a verb is no
 * start). 0 when there is none. */
static size_t leading_group(const char *p, size_t n)
{
	if (n < 2 || p[0] != '(' || p[1] == '*' || ss_pattern_top_bars(p, n, NULL, 0) ||
	    (p[1] == '?' && (p[2] == '=' || p[2] == '!' || (p[2] == '<' && (p[3] == '=' || p[3] == '!')))))
		return 0;
	size_t k = ss_pattern_group_end(p, n, 0);
	if (!k || (k < n && (p[k] == '?' || p[k] == '*' || p[k] == '{')))
		return 0;
	/* it consumes a character (a group of lookarounds alone consumes none,
	 * though it matches nothing of the empty subject either) */
	return ss_pattern_min_chars(p, k) > 0 ? k : 0;
}

static bool scan_anywhere(const char *p, uint8_t ascii[16]);

bool ss_pattern_starts_anywhere(const char *p, uint8_t ascii[16])
{
	if (!scan_anywhere(p, ascii))
		return false;
	/* what the whole pattern cannot tell, the group it opens with may
	 * (PCRE2 is asked then, so only here) */
	size_t lead = leading_group(p, strlen(p));
	if (!lead || !p[lead])
		return true;
	char *g = ss_xmalloc(lead + 1);
	memcpy(g, p, lead);
	g[lead] = '\0';
	bool any = ss_pattern_starts_anywhere(g, ascii);
	free(g);
	return any;
}

static bool scan_anywhere(const char *p, uint8_t ascii[16])
{
	bool in_class = false;
	uint32_t prev = 0; /* the last literal of the open class, for ranges */
	if (ascii)
		memset(ascii, 0, 16);
	for (size_t i = 0, n = strlen(p); i < n;) {
		uint32_t cp;
		int cl = ss_utf8_decode(p + i, n - i, &cp);
		if (!cl || cp >= 0x10000)
			return true;
		if (cp == '\\') {
			if (i + 1 >= n)
				return true;
			unsigned char e = (unsigned char)p[i + 1];
			if (e == 'k' && i + 2 < n && (p[i + 2] == '<' || p[i + 2] == '{')) {
				/* \k<name>: a back reference repeats what its group,
				 * written earlier, matched; it never begins a match */
				const char *close = strchr(p + i + 3, p[i + 2] == '<' ? '>' : '}');
				if (!close)
					return true;
				prev = 0;
				i = (size_t)(close - p) + 1;
				continue;
			}
			if (e == 'K') { /* \K moves the start it reports, not where it is tried */
				i += 2;
				continue;
			}
			if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || (e >= '0' && e <= '9'))
				if (!strchr(plain_escapes, e))
					return true;
			ascii_escape(ascii, e);
			prev = e;
			i += 2;
			continue;
		}
		ascii_add(ascii, cp, cp);
		if (in_class) {
			if (cp == ']') {
				in_class = false;
			} else if (cp == '-' && prev && i + 1 < n && p[i + 1] != ']') {
				uint32_t hi;
				if (!ss_utf8_decode(p + i + 1, n - i - 1, &hi) || hi >= 0x80 || prev >= 0x80)
					return true; /* a range over non-ASCII characters */
				ascii_add(ascii, prev, hi);
			} else if (cp == '[' && p[i + 1] == ':') {
				ascii_add(ascii, 0, 0x7F); /* [:alpha:] and the like */
			}
			prev = cp;
			i += (size_t)cl;
			continue;
		}
		if (cp == '(' && (!strncmp(p + i, "(?<!", 4) || !strncmp(p + i, "(?!", 3) ||
		                  !strncmp(p + i, "(?=", 3))) {
			/* A start character is asked of PCRE2 with nothing before it
			 * (could_start). A lookahead that opens by looking behind, or
			 * at a word boundary, can then fail where text before it
			 * would let it pass ((?!(?<!%)) asks for a '%' before): such
			 * a pattern may begin anywhere. (A negative lookbehind's own
			 * body needs text before, so it fails there, and the
			 * lookbehind passes, whatever the body holds.) */
			size_t k = ss_pattern_group_end(p, n, i);
			if (k == 0)
				return true;
			/* A negative lookbehind only forbids what stands before a
			 * match ((?<![^%]): after a '%'); whatever it holds, a
			 * match begins with a character of the rest. */
			if (p[i + 2] == '<') {
				i = k;
				continue;
			}
			size_t j = i + 3;
			while (j + 1 < k && p[j] == '(' && (p[j + 1] != '?' || (j + 2 < k && p[j + 2] == ':')))
				j += p[j + 1] == '?' ? 3 : 1;
			if (!strncmp(p + j, "(?<=", 4) || !strncmp(p + j, "(?<!", 4) ||
			    !strncmp(p + j, "\\b", 2) || !strncmp(p + j, "\\B", 2))
				return true;
		}
		switch (cp) {
		case '.':
			return true;
		case '[':
			if (p[i + 1] == '^')
				return true;
			in_class = true;
			prev = 0;
			if (p[i + 1] == ']') /* "[]...]": a literal ']' first */
				i++;
			break;
		case '(':
			if (p[i + 1] == '*')
				return true; /* (*UCP) and other verbs */
			if (p[i + 1] == '?') {
				if (!strncmp(p + i + 2, "<=", 2))
					return true;
				/* option letters: (?i), (?x-i:...) */
				for (size_t k = i + 2; k < n && p[k] != ')' && p[k] != ':'; k++) {
					if (p[k] == 'i')
						return true;
					if (!(p[k] >= 'a' && p[k] <= 'z') && p[k] != '-' && p[k] != '^')
						break;
				}
			}
			break;
		}
		i += (size_t)cl;
	}
	return false;
}

/* Whether text starting with the one character s (n bytes) could match r. */
static bool could_start(const ss_rule *r, pcre2_match_data *md, const char *s, size_t n)
{
	int rc = pcre2_match(r->code, (PCRE2_SPTR)s, n, 0,
	                     PCRE2_PARTIAL_HARD | PCRE2_NO_JIT | PCRE2_NO_UTF_CHECK, md, NULL);
	return rc >= 0 || rc == PCRE2_ERROR_PARTIAL;
}

/* Find the class of a rule membership vector, adding it when new. */
static uint8_t class_of(ss_ruleset *rs, const uint64_t *vec)
{
	size_t w = rs->start_words;
	for (size_t c = 1; c < rs->nstart_classes; c++)
		if (!memcmp(rs->start_rules + c * w, vec, w * sizeof *vec))
			return (uint8_t)c;
	if (rs->nstart_classes == 256)
		return 255; /* merged into the last class: more tries, same matches */
	size_t c = rs->nstart_classes++;
	rs->start_rules = ss_xrealloc(rs->start_rules, rs->nstart_classes * w * sizeof *vec);
	memcpy(rs->start_rules + c * w, vec, w * sizeof *vec);
	return (uint8_t)c;
}

/* What working out one rule's start set needs, shared by the rules. */
typedef struct {
	pcre2_match_data *md;
	/* 1 + the last rule a character was asked about: patterns repeat their
	 * characters (every define is expanded), and each is asked once. */
	uint32_t *asked;
} start_ctx;

/* Append to *cps the code points (below U+10000) a match of rule ri can
 * begin with, asking PCRE2; *dcont: whether it can begin at a digit that
 * follows a digit or '.'. */
static void rule_starts(const ss_ruleset *rs, size_t ri, start_ctx *c, uint32_t **cps,
                        size_t *n, size_t *cap, bool *dcont)
{
	const ss_rule *r = &rs->rules[ri];
	size_t n0 = *n;
	/* The ASCII characters the pattern writes or names, then every other
	 * character it writes. */
	const char *pat = r->pattern;
	size_t plen = strlen(pat);
	uint8_t ascii[16];
	ss_pattern_starts_anywhere(pat, ascii);
	/* A character written right after another non-ASCII literal (士 of
	 * 瑞士法郎) follows it in every match, so no match begins with it: only
	 * the first characters of the words of a table are asked, which keeps a
	 * table of hundreds of currency names cheap. In a class, or after an
	 * escape or any ASCII syntax, it is asked. */
	bool in_class = false, after_literal = false;
	for (size_t k = 0; k < 0x80 + plen;) {
		uint32_t cp;
		char one[4];
		size_t cl = 1;
		if (k < 0x80) {
			cp = (uint32_t)k;
			one[0] = (char)k;
			k++;
			if (!(ascii[cp >> 3] >> (cp & 7) & 1))
				continue;
		} else {
			size_t at = k - 0x80;
			/* what a negative assertion holds ((?!不变|交), (?<![第每])) is
			 * never a match's first character */
			size_t past = !in_class && (!strncmp(pat + at, "(?!", 3) ||
			                            !strncmp(pat + at, "(?<!", 4))
			                  ? ss_pattern_group_end(pat, plen, at)
			                  : 0;
			if (past) {
				k = 0x80 + past;
				after_literal = false;
				continue;
			}
			int d = ss_utf8_decode(pat + at, plen - at, &cp);
			if (!d) {
				k++;
				continue;
			}
			k += (size_t)d;
			bool follows = after_literal && !in_class;
			after_literal = cp >= 0x80 && !in_class;
			if (cp == '\\' && at + 1 < plen) {
				k++; /* the escaped character: never a class edge */
				continue;
			}
			if (cp == '[' && !in_class)
				in_class = true;
			else if (cp == ']' && in_class)
				in_class = false;
			if (cp < 0x80 || cp >= 0x10000 || follows)
				continue;
			cl = (size_t)d;
			memcpy(one, pat + at, cl);
		}
		if (c->asked[cp] == ri + 1)
			continue;
		c->asked[cp] = (uint32_t)ri + 1;
		if (!could_start(r, c->md, one, cl))
			continue;
		ss_grow((void **)cps, cap, *n + 1, sizeof **cps);
		(*cps)[(*n)++] = cp;
	}
	/* Inside a number (a digit after a digit or '.') most rules cannot begin:
	 * ARABIC looks behind for both. Whether this one can, asked of every
	 * such pair whose digit begins it at all. */
	*dcont = false;
	for (size_t i = n0; i < *n && !*dcont; i++) {
		if ((*cps)[i] - '0' >= 10)
			continue;
		for (const char *prev = "0123456789."; *prev && !*dcont; prev++) {
			const char two[2] = {*prev, (char)(*cps)[i]};
			int rc = pcre2_match(r->code, (PCRE2_SPTR)two, 2, 1,
			                     PCRE2_PARTIAL_HARD | PCRE2_NO_JIT | PCRE2_NO_UTF_CHECK, c->md,
			                     NULL);
			*dcont = rc >= 0 || rc == PCRE2_ERROR_PARTIAL;
		}
	}
}

static void ctx_init(start_ctx *c)
{
	c->asked = ss_xcalloc(0x10000, sizeof *c->asked);
	c->md = pcre2_match_data_create(1, NULL);
	if (!c->md)
		ss_xmalloc(SIZE_MAX);
}

static void ctx_release(start_ctx *c)
{
	pcre2_match_data_free(c->md);
	free(c->asked);
}

size_t ss_rule_starts(const ss_ruleset *rs, size_t ri, uint32_t **cps, bool *dcont)
{
	start_ctx c;
	/* single-threaded (the build, the tests): a lazy rule compiled here */
	ss_rule_compile_now((ss_ruleset *)rs, &rs->rules[ri]);
	ctx_init(&c);
	size_t n = 0, cap = 0;
	*cps = NULL;
	rule_starts(rs, ri, &c, cps, &n, &cap, dcont);
	ctx_release(&c);
	return n;
}

/* The start set of built-in rule ri as the build worked it out, when its
 * pattern is the one it was worked out for. */
static bool builtin_starts(const ss_ruleset *rs, size_t ri, const uint32_t **cps, size_t *n,
                           bool *dcont)
{
	if (ri >= ss_starts_builtin_count ||
	    ss_starts_builtin_keys[ri] != ss_rule_key(&rs->rules[ri]))
		return false;
	*cps = ss_starts_builtin_cps + ss_starts_builtin_at[ri];
	*n = ss_starts_builtin_at[ri + 1] - ss_starts_builtin_at[ri];
	*dcont = ss_starts_builtin_dcont[ri];
	return true;
}

void ss_starts_build(ss_ruleset *rs)
{
	free(rs->start_cps);
	rs->start_cps = NULL;
	rs->nstart_cps = 0;
	free(rs->start_class);
	free(rs->start_rules);
	free(rs->digit_cont);
	size_t w = (rs->nrules + 63) / 64;
	rs->start_words = w ? w : 1;
	w = rs->start_words;
	rs->start_class = ss_xcalloc(0x10000, 1);
	rs->start_rules = ss_xcalloc(w, sizeof *rs->start_rules);
	rs->digit_cont = ss_xcalloc(w, sizeof *rs->digit_cont);
	rs->nstart_classes = 1; /* class 0: begins no rule */
	/* The membership vector of each character that begins some rule, keyed
	 * by code point. */
	uint32_t *cps = NULL;
	uint64_t *vecs = NULL;
	size_t ncps = 0, capcps = 0;
	uint32_t *slot = ss_xcalloc(0x10000, sizeof *slot); /* 1 + index into cps, or 0 */
	start_ctx c = {NULL, NULL};
	uint32_t *mine = NULL;
	size_t capmine = 0;
	for (size_t ri = 0; ri < rs->nrules; ri++) {
		const ss_rule *r = &rs->rules[ri];
		if ((!r->code && !r->lazy) || r->anywhere)
			continue;
		const uint32_t *set;
		size_t n = 0;
		bool dcont;
		/* The built-in rules' sets come from the build (a third of
		 * start-up was these partial matches); a rule of --rules DIR, or
		 * one a directory changed, is asked here. */
		if (!builtin_starts(rs, ri, &set, &n, &dcont)) {
			ss_rule_compile_now(rs, &rs->rules[ri]);
			if (!c.md)
				ctx_init(&c);
			rule_starts(rs, ri, &c, &mine, &n, &capmine, &dcont);
			set = mine;
		}
		for (size_t i = 0; i < n; i++) {
			uint32_t cp = set[i];
			if (!slot[cp]) {
				ss_grow((void **)&cps, &capcps, ncps + 1, sizeof *cps);
				vecs = ss_xrealloc(vecs, (ncps + 1) * w * sizeof *vecs);
				memset(vecs + ncps * w, 0, w * sizeof *vecs);
				cps[ncps] = cp;
				slot[cp] = (uint32_t)++ncps;
			}
			vecs[(slot[cp] - 1) * w + ri / 64] |= 1ull << (ri % 64);
		}
		if (dcont)
			rs->digit_cont[ri / 64] |= 1ull << (ri % 64);
	}
	for (size_t i = 0; i < ncps; i++)
		rs->start_class[cps[i]] = class_of(rs, vecs + i * w);
	/* kept: what begins each rule is read off them again (engine.c) */
	rs->start_cps = cps;
	rs->nstart_cps = ncps;
	cps = NULL;
	/* A class merged into 255 must hold the rules of everything merged. */
	if (rs->nstart_classes == 256)
		for (size_t i = 0; i < ncps; i++)
			if (rs->start_class[cps[i]] == 255)
				for (size_t k = 0; k < w; k++)
					rs->start_rules[255 * w + k] |= vecs[i * w + k];
	if (c.md)
		ctx_release(&c);
	free(mine);
	free(slot);
	free(cps);
	free(vecs);
}
