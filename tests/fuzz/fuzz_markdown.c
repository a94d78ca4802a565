/* fuzz_markdown.c - YAML front matter and the Markdown stage (md4c): the
 * front matter is parsed from the start of the input, the rest read as
 * Markdown at its base, and the offset map is checked against the input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "text/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_LEN)
		size = FUZZ_MAX_LEN;
	char *src;
	ss_utf8_sanitize((const char *)data, size, &src, NULL);

	ss_text t;
	ss_meta m = {0};
	ss_diag_sink sink = {0};
	ss_text_init(&t);
	size_t body = ss_frontmatter_parse("fuzz", src, size, &t, &m, &sink);
	FUZZ_ASSERT(body <= size);
	ss_markdown_to_text(src + body, size - body, (uint32_t)body, &t);
	size_t bad = 0;
	FUZZ_ASSERT(ss_text_check(&t, src, size, &bad));
	ss_text_release(&t);
	ss_meta_release(&m);

	/* The whole input as Markdown, no front matter. */
	ss_text_init(&t);
	ss_markdown_to_text(src, size, 0, &t);
	FUZZ_ASSERT(ss_text_check(&t, src, size, &bad));
	ss_text_release(&t);
	free(src);
	return 0;
}
