/* read_poppler.c - the child's side of PDF input: poppler-glib opens the
 * PDF from memory and every page's text and glyph boxes go down the pipe.
 * The only file that calls poppler; built when poppler-glib is installed,
 * into the plugin statspan-pdf.so that the command's PDF child opens
 * (read_plugin.c), and linked directly into the PDF test tools
 * (read_linked.c). */
#include <errno.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pdf.h"

/* Write all of b to fd and empty it; false when the parent has gone. */
static bool flush(ss_buf *b, int fd)
{
	size_t off = 0;
	while (off < b->len) {
		ssize_t n = write(fd, b->ptr + off, b->len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		off += (size_t)n;
	}
	b->len = 0;
	return true;
}

/* The glyphs of one page: poppler_page_get_text() and its layout, one
 * rectangle per character of that text (poppler builds both from the same
 * word list). Should the counts ever differ, the characters past the
 * rectangles get an empty box, which no figure's box can hold. */
static ss_pdf_glyph *page_glyphs(PopplerPage *pg, size_t *n)
{
	char *text = poppler_page_get_text(pg);
	PopplerRectangle *rects = NULL;
	guint nrects = 0;
	if (!poppler_page_get_text_layout(pg, &rects, &nrects))
		nrects = 0;
	size_t tl = text ? strlen(text) : 0, cap = 0, k = 0;
	ss_pdf_glyph *g = NULL;
	for (size_t i = 0; i < tl;) {
		uint32_t cp;
		int w = ss_utf8_decode(text + i, tl - i, &cp);
		if (w == 0) {
			cp = 0xFFFD;
			w = 1;
		}
		ss_grow((void **)&g, &cap, k + 1, sizeof *g);
		g[k].cp = cp;
		if (k < nrects)
			g[k].r = (ss_pdf_rect){(float)rects[k].x1, (float)rects[k].y1, (float)rects[k].x2,
			                       (float)rects[k].y2};
		else
			g[k].r = (ss_pdf_rect){0, 0, 0, 0};
		k++;
		i += (size_t)w;
	}
	g_free(rects);
	g_free(text);
	*n = k;
	return g;
}

/* poppler-glib logs poppler's complaints at the info level, which glib
 * drops: they go to standard error, where the parent looks for the ones a
 * user can act on (a missing poppler-data). */
static void log_to_stderr(const gchar *domain, GLogLevelFlags level, const gchar *msg,
                          gpointer data)
{
	size_t n = strlen(msg);
	if (write(2, msg, n) == (ssize_t)n)
		(void)!write(2, "\n", 1);
}

SS_PDF_PLUGIN_API int ss_pdf_poppler_run(const char *buf, size_t len, int fd)
{
	g_log_set_handler("Poppler", G_LOG_LEVEL_MASK, log_to_stderr, NULL);
	ss_buf b = SS_BUF_INIT;
	ss_pdf_wire_begin(&b);
	GBytes *bytes = g_bytes_new_static(buf, len);
	GError *err = NULL;
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &err);
	if (!doc) {
		bool enc = err && err->domain == POPPLER_ERROR && err->code == POPPLER_ERROR_ENCRYPTED;
		ss_pdf_wire_error(&b, enc ? SS_PDF_ERR_ENCRYPTED : SS_PDF_ERR_DAMAGED,
		                  err && err->message ? err->message : "poppler cannot open it");
		flush(&b, fd);
		return 0;
	}
	int npages = poppler_document_get_n_pages(doc);
	ss_pdf_wire_pages(&b, npages > 0 ? (uint32_t)npages : 0);
	if (!flush(&b, fd))
		return 1;
	for (int p = 0; p < npages && p < SS_PDF_MAX_PAGES; p++) {
		PopplerPage *pg = poppler_document_get_page(doc, p);
		if (!pg) {
			ss_pdf_wire_page(&b, 0, 0, NULL, 0);
		} else {
			double w = 0, h = 0;
			size_t n;
			poppler_page_get_size(pg, &w, &h);
			ss_pdf_glyph *g = page_glyphs(pg, &n);
			ss_pdf_wire_page(&b, (float)w, (float)h, g, n);
			free(g);
			g_object_unref(pg);
		}
		if (!flush(&b, fd))
			return 1;
	}
	return 0;
}
