/* fuzz_html.c - the HTML text stage (libxml2's parser under our SAX
 * callbacks) with its offset map: the map checker runs on every input, at a
 * non-zero base too (the body after front matter). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "text/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_LEN)
		size = FUZZ_MAX_LEN;
	/* The stage takes valid UTF-8 (the reader sanitises first). */
	char *src;
	ss_utf8_sanitize((const char *)data, size, &src, NULL);

	ss_text t;
	ss_meta m = {0};
	ss_text_init(&t);
	ss_html_to_text(src, size, 0, &t, &m);
	size_t bad = 0;
	FUZZ_ASSERT(ss_text_check(&t, src, size, &bad));
	ss_text_release(&t);
	ss_meta_release(&m);

	/* The same bytes as the body of a file with a 7-byte prefix. */
	if (size > 7) {
		ss_text_init(&t);
		ss_html_to_text(src + 7, size - 7, 7, &t, NULL);
		FUZZ_ASSERT(ss_text_check(&t, src, size, &bad));
		ss_text_release(&t);
	}
	free(src);
	return 0;
}
