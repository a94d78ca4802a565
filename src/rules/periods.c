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
#include "rules.h"

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
	rs->period_lead = ss_xcalloc(0x10000, 1);
	rs->period_all = ss_pattern_starts_anywhere(pat, NULL) ||
	                 !ss_pattern_leads(pat, rs->period_lead, &rs->period_next, &rs->period_next_at);
	return SS_OK;
}
