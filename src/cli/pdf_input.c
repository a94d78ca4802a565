/* pdf_input.c - a PDF among the inputs: its text layer laid out by src/pdf
 * (poppler, in a child process), that text through the library as plain
 * text, and each fact's page and boxes looked up from its text span. For a
 * PDF, start/end are offsets into the laid-out text, which is what
 * `--debug-spans` shows as the source. */
#include <stdlib.h>
#include <string.h>

#include "../pdf/pdf.h"
#include "cli.h"

ss_doc *ss_cli_pdf_doc(const ss_ruleset *rs, const char *name, const char *buf, size_t len,
                       const ss_extract_options *xo, ss_result *res, bool quiet,
                       ss_pdf_text *pt)
{
	char *msg = NULL, *warn = NULL;
	ss_pdf_error e = ss_pdf_read(buf, len, pt, &msg, &warn);
	if (warn && !quiet)
		ss_buf_addf(&res->err, "statspan: warning: %s: %s\n", name, warn);
	free(warn);
	if (e != SS_PDF_OK) {
		ss_buf_addf(&res->err, "statspan: error: %s: %s\n", name, msg);
		free(msg);
		res->failed = true;
		return NULL;
	}
	ss_extract_options o = *xo;
	o.format = SS_FORMAT_TEXT; /* the layout's paragraphs are blank-line separated */
	return ss_doc_extract(rs, name, pt->text, pt->len, &o);
}

void ss_cli_pdf_position(const ss_pdf_text *pt, const ss_fact *f, unsigned *page, ss_buf *box)
{
	uint32_t pg = 0;
	ss_pdf_locate(pt, f->start, f->end, &pg, box);
	*page = pg;
}
