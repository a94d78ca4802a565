/* reader.c - PDF input as a reader of the pipeline (text/text.h): the text
 * layer laid out (read.c, layout.c) becomes the document's own base, the
 * source its facts point into, and its pages and glyph boxes the reader's
 * positions. The command hands it to the library through
 * ss_options_set_readers; the library never links it (poppler is GPL). */
#include <stdlib.h>

#include "../text/text.h"
#include "pdf.h"

static int pdf_detect(const char *src, size_t len)
{
	return ss_pdf_sniff(src, len) ? 3 : 0;
}

static void positions_free(void *data)
{
	ss_pdf_text_release(data);
	free(data);
}

static unsigned positions_locate(const void *data, size_t start, size_t end, ss_buf *box)
{
	uint32_t page;
	ss_pdf_locate(data, start, end, &page, box);
	return page;
}

static void pdf_read(const char *name, const char *src, size_t len, ss_read_out *out,
                     ss_diag_sink *sink)
{
	ss_pdf_text *t = ss_xcalloc(1, sizeof *t);
	char *msg, *warn;
	ss_pdf_error e = ss_pdf_read(src, len, t, &msg, &warn);
	if (warn)
		ss_report(sink, SS_DIAG_WARNING, name, 0, 0, NULL, "%s", warn);
	if (e != SS_PDF_OK)
		ss_report(sink, SS_DIAG_ERROR, name, 0, 0, NULL, "%s", msg);
	free(msg);
	free(warn);
	out->format = SS_FORMAT_PDF;
	if (e != SS_PDF_OK) {
		positions_free(t);
		return;
	}
	/* The text is its own source: copied byte for byte, mapped onto itself;
	 * its paragraphs are the layout's blank lines, as plain text has them. */
	out->base = t->text;
	out->baselen = t->len;
	t->text = NULL;
	ss_text_add_copy(out->text, out->base, 0, out->baselen);
	if (out->extra) {
		out->extra->data = t;
		out->extra->free = positions_free;
		out->extra->locate = positions_locate;
	} else {
		positions_free(t);
	}
}

static const ss_reader pdf_reader = {"pdf", SS_FORMAT_PDF, pdf_detect, pdf_read, true};

const ss_reader *const ss_pdf_readers[] = {&pdf_reader, NULL};
