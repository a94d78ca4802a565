/* read_linked.c - poppler linked into the program (the PDF test tools):
 * the child calls it directly. */
#include "pdf.h"

const char *ss_pdf_unsupported(void) { return NULL; }

int ss_pdf_child_run(const char *buf, size_t len, int fd)
{
	return ss_pdf_poppler_run(buf, len, fd);
}
