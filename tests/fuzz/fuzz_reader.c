/* fuzz_reader.c - raw bytes through the whole document pipeline: binary and
 * encoding checks, UTF-8 sanitising, format detection, the reader and every
 * text stage, the default rules and the facts. Checks the span invariant's
 * bounds and both offset maps on every input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline/pipeline.h"
#include "fuzz_common.h"

static ss_ruleset *rs;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	rs = ss_ruleset_new();
	FUZZ_ASSERT(ss_ruleset_add_defaults(rs) == SS_OK);
	FUZZ_ASSERT(ss_ruleset_compile(rs) == SS_OK);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_LEN)
		size = FUZZ_MAX_LEN;
	const char *buf = (const char *)data;
	/* Detection alone, on the raw bytes (the reader sees sanitised ones). */
	ss_format f = ss_detect_format(buf, size);
	FUZZ_ASSERT(f == SS_FORMAT_TEXT || f == SS_FORMAT_HTML || f == SS_FORMAT_MARKDOWN);

	/* The first byte picks the input format, so forced readings get fuzzed too. */
	ss_options *o = ss_options_new();
	ss_options_set_format(o, size ? (ss_format)(data[0] % 4) : SS_FORMAT_AUTO);
	ss_doc *doc = ss_doc_extract(rs, "fuzz", buf, size, o);
	ss_options_free(o);
	size_t bad;
	if (ss_doc_status(doc) == SS_OK) {
		/* The text maps into the sanitised source (bad bytes as '?'); a
		 * source read as GB18030 or UTF-16 maps into its conversion,
		 * which its spans go back from, and is not checked here. */
		char *clean;
		size_t nbad = ss_utf8_sanitize(buf, size, &clean, NULL);
		FUZZ_ASSERT(doc->text.len == 0 || ss_encoding_detect(buf, size, nbad) != SS_ENC_UTF8 ||
		            ss_text_check(&doc->text, clean, size, &bad));
		free(clean);
		FUZZ_ASSERT(doc->norm.len == 0 ||
		            ss_text_check(&doc->norm, doc->text.ptr, doc->text.len, &bad));
	}
	for (size_t i = 0; i < ss_doc_fact_count(doc); i++) {
		const ss_fact *fa = ss_doc_fact(doc, i);
		FUZZ_ASSERT(fa->start < fa->end && fa->end <= size);
		FUZZ_ASSERT(fa->text.start < fa->text.end && fa->text.end <= doc->text.len);
		FUZZ_ASSERT(fa->line >= 1 && fa->column >= 1);
		free(ss_doc_span_str(doc, fa->sentence));
		free(ss_doc_span_str(doc, fa->subject));
	}
	ss_doc_free(doc);
	return 0;
}
