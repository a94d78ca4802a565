/* fuzz_pdf.c - the PDF reader's own code on text-layer data: the wire
 * parser (what a crashed or hostile poppler child sends) and the layout
 * (lines, furniture, tables, joins) over whatever it accepts, then the
 * positions of random spans. Poppler itself is not fuzzed here. Checks that
 * the text is valid UTF-8, that every byte's glyph exists and that a
 * glyph's bytes are one character, and that boxes name a real page. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_LEN)
		size = FUZZ_MAX_LEN;
	/* Raw bytes become a wire stream; the magic is given so that the
	 * fuzzer spends its time on the records. */
	size_t ml = strlen(SS_PDF_MAGIC);
	char *buf = malloc(size + ml);
	memcpy(buf, SS_PDF_MAGIC, ml);
	memcpy(buf + ml, data, size);
	ss_pdf_layer l = {0};
	char *msg = NULL;
	bool cut;
	ss_pdf_wire_parse(buf, size + ml, &l, &msg, &cut);
	free(msg);
	free(buf);

	ss_pdf_text t;
	ss_pdf_layout(&l, &t);
	FUZZ_ASSERT(t.text && t.text[t.len] == '\0');
	FUZZ_ASSERT(t.npages == l.npages);
	for (size_t i = 0; i < t.len;) {
		uint32_t cp;
		int w = ss_utf8_decode_any(t.text + i, t.len - i, &cp);
		FUZZ_ASSERT(w > 0);
		for (int k = 0; k < w; k++) {
			FUZZ_ASSERT(t.glyph[i + k] == t.glyph[i]);
			FUZZ_ASSERT(t.glyph[i] == SS_PDF_NONE || t.glyph[i] < t.npos);
		}
		/* a glyph is one character: the next byte starts another */
		FUZZ_ASSERT(i + w >= t.len || t.glyph[i] == SS_PDF_NONE || t.glyph[i + w] != t.glyph[i]);
		i += (size_t)w;
	}
	for (size_t i = 0; i < t.npos; i++)
		FUZZ_ASSERT(t.pos[i].page >= 1 && t.pos[i].page <= l.npages);
	/* Positions of spans picked by the input's first bytes. */
	for (size_t k = 0; k + 1 < size && k < 16; k += 2) {
		size_t a = t.len ? data[k] * 131u % (t.len + 1) : 0;
		size_t b = a + data[k + 1] % 64;
		uint32_t page;
		ss_buf box = SS_BUF_INIT;
		size_t n = ss_pdf_locate(&t, a, b, &page, &box);
		FUZZ_ASSERT(page <= l.npages);
		FUZZ_ASSERT((n == 0) == (page == 0));
		ss_buf_release(&box);
	}
	ss_pdf_text_release(&t);
	ss_pdf_layer_release(&l);
	return 0;
}
