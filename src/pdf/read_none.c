/* read_none.c - the child's side when poppler-glib was not installed at
 * build time: PDF input is reported as not built (see ss_pdf_read). */
#include "pdf.h"

const char *ss_pdf_unsupported(void)
{
	return "this statspan was built without PDF support (install libpoppler-glib-dev and "
	       "poppler-data, then rebuild)";
}

int ss_pdf_child_run(const char *buf, size_t len, int fd)
{
	return 1;
}
