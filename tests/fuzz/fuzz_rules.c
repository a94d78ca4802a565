/* fuzz_rules.c - the rule-file loader and compiler on any bytes: a broken
 * file must come back as SS_ERR_CONFIG with a diagnostic, never a crash.
 * A file that loads and compiles is run over a short text, so the engine
 * meets fuzzed patterns under its match limits too. */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "statspan.h"

static size_t ndiag;

static void diag(void *ud, const ss_diag *d)
{
	FUZZ_ASSERT(d->message != NULL);
	ndiag++;
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
		size_t total;
		ss_ruleset_test(rs, &total);
	}
	ss_ruleset_free(rs);
	return 0;
}
