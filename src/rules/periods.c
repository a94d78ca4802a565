/* periods.c - the period grammar: the define PERIOD of the rule files
 * (rules/period.rules), compiled anchored with the rules, and where it can
 * match more than "".
 *
 * The fact builder tries the pattern at many characters of every sentence,
 * and it matches "" everywhere, so knowing where it surely matches nothing
 * more saves most of those tries: the characters that can begin a longer
 * match (the leads), which may come second after each, and which leads are
 * a match alone (到) are read off the expanded pattern (follow.c). Whatever
 * a user's files add (a word, an extend), the sets follow; a pattern the
 * analysis cannot read is simply tried everywhere. */
#include <string.h>

#include "rules.h"

/* The members of the class whose first member is p[j] into bits: the
 * index past its ']', or 0 when it holds more than literals and ranges. */
static size_t class_bits(const char *p, size_t j, uint8_t *bits)
{
	for (bool first = true; p[j] && (p[j] != ']' || first); first = false) {
		uint32_t lo, hi;
		int n = p[j] == '\\' ? 0 : ss_utf8_decode(p + j, strnlen(p + j, 4), &lo);
		if (!n)
			return 0;
		j += (size_t)n;
		hi = lo;
		if (p[j] == '-' && p[j + 1] && p[j + 1] != ']') {
			int m = p[j + 1] == '\\' ? 0 : ss_utf8_decode(p + j + 1, strnlen(p + j + 1, 4), &hi);
			if (!m || hi < lo)
				return 0;
			j += 1 + (size_t)m;
		}
		if (hi >= 0x10000)
			return 0;
		for (uint32_t c = lo; c <= hi; c++)
			bits[c >> 3] |= (uint8_t)(1u << (c & 7));
	}
	return p[j] == ']' ? j + 1 : 0;
}

/* Into bits (a bit a code point below U+10000) the characters the
 * pattern's negative lookaheads may read, or *any when that is not told by
 * literals and classes alone (a negated class, an escape, a dot or a group
 * of its own inside one) or the pattern asserts about the subject's end ($,
 * \b, \B, \z, \Z): where such a character follows a cut, the text cut
 * there may match other than the whole text (末季(?!调) cut before 调).
 * Extra bits only cost tries. A positive lookahead is read as the guard of
 * what follows it, as the expansion of a table writes one (its words' first
 * characters): through it a match goes on to read the character it read,
 * so at a cut it can only fail, in the whole text as in the cut one. */
static void ahead_chars(const char *p, uint8_t *bits, bool *any)
{
	int in_ahead = 0; /* groups open inside a lookahead */
	bool neg = false;  /* the lookahead is a negative one: recorded */
	bool in_class = false;
	*any = false;
	for (size_t i = 0; p[i];) {
		unsigned char c = (unsigned char)p[i];
		size_t n = (size_t)ss_utf8_len(p + i, strnlen(p + i, 4));
		if (c == '\\') {
			if (!p[i + 1] || (in_ahead && neg) || (!in_class && strchr("bBzZ", p[i + 1]))) {
				*any = true;
				return;
			}
			i += 1 + (size_t)ss_utf8_len(p + i + 1, strnlen(p + i + 1, 4));
			continue;
		}
		if (in_class) {
			in_class = c != ']';
		} else if (c == '[' && in_ahead && neg) {
			/* a class of literals and ranges: its members */
			size_t j = p[i + 1] == '^' ? 0 : class_bits(p, i + 1, bits);
			if (!j) {
				*any = true;
				return;
			}
			i = j;
			continue;
		} else if (c == '[') {
			in_class = true;
			i += p[i + 1] == '^' ? 2 : 1;
			if (p[i] == ']')
				i++; /* a ']' first is a member */
			continue;
		} else if (c == '(' && in_ahead) {
			if (p[i + 1] == '?' && p[i + 2] != ':') {
				*any = true;
				return;
			}
			in_ahead++;
			i += p[i + 1] == '?' ? 3 : 1;
			continue;
		} else if (c == '(' && p[i + 1] == '?' && (p[i + 2] == '=' || p[i + 2] == '!')) {
			in_ahead = 1;
			neg = p[i + 2] == '!';
			i += 3;
			continue;
		} else if (c == ')' && in_ahead) {
			in_ahead--;
		} else if ((c == '$' && (!in_ahead || neg)) || (c == '.' && in_ahead && neg)) {
			*any = true;
			return;
		} else if (in_ahead && neg) {
			uint32_t cp;
			if (!ss_utf8_decode(p + i, n, &cp) || cp >= 0x10000) {
				*any = true;
				return;
			}
			bits[cp >> 3] |= (uint8_t)(1u << (cp & 7));
		}
		i += n;
	}
}

ss_status ss_period_compile(ss_ruleset *rs)
{
	if (rs->period_code)
		return SS_OK; /* compiled before */
	int d = ss_find_define(rs, "PERIOD", 6);
	if (d < 0 || !rs->defines[2 * d + 1])
		return SS_OK; /* a rule set without periods */
	const char *pat = rs->defines[2 * d + 1];
	const ss_define_src *src = &rs->define_src[d];
	int err;
	PCRE2_SIZE eoff;
	/* Anchored at compile time: a match-time PCRE2_ANCHORED would bypass
	 * the JIT. */
	rs->period_code = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
	                                PCRE2_UTF | PCRE2_ANCHORED, &err, &eoff, NULL);
	if (!rs->period_code) {
		PCRE2_UCHAR text[256];
		pcre2_get_error_message(err, text, sizeof text);
		ss_report_excerpt(&rs->sink, SS_DIAG_ERROR, src->file, src->line,
		                  (unsigned)ss_utf8_count(src->excerpt, src->at) + 1, "PERIOD",
		                  src->excerpt, "%s (in {PERIOD})", (char *)text);
		return SS_ERR_CONFIG;
	}
	pcre2_jit_compile(rs->period_code, PCRE2_JIT_COMPLETE);
	rs->period_ahead = ss_xcalloc(0x10000 / 8, 1);
	ahead_chars(pat, rs->period_ahead, &rs->period_ahead_any);
	rs->period_lead = ss_xcalloc(0x10000, 1);
	rs->period_all = ss_pattern_starts_anywhere(pat, NULL) ||
	                 !ss_pattern_leads(pat, rs->period_lead, &rs->period_next, &rs->period_next_at);
	return SS_OK;
}
