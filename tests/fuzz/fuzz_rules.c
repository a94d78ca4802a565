/* fuzz_rules.c - the rule-file loader and compiler on any bytes: a broken
 * file must come back as SS_ERR_CONFIG with a diagnostic, never a crash.
 * A file that loads and compiles is run over a short text, so the engine
 * meets fuzzed patterns under its match limits too; and the rules tried only
 * at their start characters (starts.c) must find what a search of every
 * position finds. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "rules/rules.h"
#include "statspan.h"
#include "text/text.h"

static size_t ndiag;

static void diag(void *ud, const ss_diag *d)
{
	FUZZ_ASSERT(d->message != NULL);
	ndiag++;
}

/* The same file compiled to search every position finds the same matches. */
static void same_as_search(const ss_ruleset *rs, const uint8_t *rules, size_t n, const char *text,
                           size_t len)
{
	char *clean;
	ss_utf8_sanitize(text, len, &clean, NULL);
	ss_ruleset *all = ss_ruleset_new();
	ss_ruleset_set_diag(all, diag, NULL);
	all->search_all = true;
	FUZZ_ASSERT(ss_ruleset_add_buffer(all, "fuzz.rules", (const char *)rules, n) == SS_OK);
	FUZZ_ASSERT(ss_ruleset_compile(all) == SS_OK);
	ss_match *a, *b;
	/* A search spends more of PCRE2's match limit per call than a try at
	 * one place: where a limit stopped either, they may differ. */
	ss_diag_sink sa = {NULL, NULL, 0, 0}, sb = {NULL, NULL, 0, 0};
	size_t na = ss_rules_scan(rs, clean, len, &a, &sa, "t");
	size_t nb = ss_rules_scan(all, clean, len, &b, &sb, "t");
	bool limited = sa.warnings || sb.warnings;
	FUZZ_ASSERT(limited || na == nb);
	for (size_t i = 0; !limited && i < na; i++) {
		FUZZ_ASSERT(a[i].start == b[i].start && a[i].end == b[i].end);
		FUZZ_ASSERT(strcmp(a[i].rule->id, b[i].rule->id) == 0);
	}
	free(a);
	free(b);
	free(clean);
	ss_ruleset_free(all);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 16384)
		size = 16384;
	ss_ruleset *rs = ss_ruleset_new();
	ss_ruleset_set_diag(rs, diag, NULL);
	ndiag = 0;
	ss_status st = ss_ruleset_add_buffer(rs, "fuzz.rules", (const char *)data, size);
	if (st == SS_OK)
		st = ss_ruleset_compile(rs);
	if (st != SS_OK)
		FUZZ_ASSERT(ndiag > 0); /* refused, and said why */
	if (st == SS_OK) {
		static const char doc[] = "2021年营收增长15%，约三成受访者认为，近百家机构、20亿美元。";
		ss_doc *d = ss_doc_extract(rs, "t.txt", doc, sizeof doc - 1, NULL);
		ss_doc_free(d);
		same_as_search(rs, data, size, doc, sizeof doc - 1);
		same_as_search(rs, data, size, (const char *)data, size);
		size_t total;
		ss_ruleset_test(rs, &total);
	}
	ss_ruleset_free(rs);
	return 0;
}
