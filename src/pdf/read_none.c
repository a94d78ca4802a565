/* read_none.c - the child's side when poppler-glib was not installed at
 * build time: PDF input is reported as not built (see ss_pdf_read). */
#include "pdf.h"

bool ss_pdf_supported(void) { return false; }

int ss_pdf_child_run(const char *buf, size_t len, int fd)
{
	return 1;
}
