/* hspattern.c - a rule's pattern rewritten for Vectorscan, which has no
 * names, back references or lookarounds: what it is given stands for every
 * match PCRE2 can make of the rule (prefilter.c compiles it). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

/* Whether a pattern asserts something of where the subject ends ($, \z,
 * \Z, \b, \B outside a class): PCRE2 is given the text up to a window's
 * limit, Vectorscan the whole text, so they can disagree there. Such a rule
 * is tried everywhere, as without a prefilter. */
bool ss_hs_end_assertion(const char *p)
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
	bool drop = ss_hs_end_assertion(la) && la != p;
	la[body] = saved;
	if (drop)
		memmove(la, la + body, strlen(la + body) + 1);
	else
		la[2] = ':';
}

/* What Vectorscan is given for a rule's pattern (expanded): names
 * dropped, a trailing lookahead read as a group. */
char *ss_hs_loosened(const char *pattern)
{
	char *own = unnamed(pattern);
	if (own)
		trailing_lookahead(own);
	return own;
}
