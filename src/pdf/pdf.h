/*
 * pdf.h - PDF input: the text layer of a PDF, read through poppler, laid
 * out as one text in reading order, with the page and glyph box of every
 * byte of it.
 *
 * Poppler is GPL, libstatspan is not: this module is built beside the
 * library, only the command line links it, and only read_poppler.c calls
 * poppler at all (built when poppler-glib is installed; without it
 * ss_pdf_read() says that PDF support was not built). The layout and the
 * wire format below are plain C, unit-tested and fuzzed without poppler.
 *
 * Poppler runs in a child process (fork, with CPU time and address space
 * limits) that sends the text layer over a pipe in the wire format, so that
 * a hostile PDF (a decompression bomb, a page that never ends, a crash in
 * the parser) costs bounded time and memory and takes nothing else down.
 */
#ifndef SS_PDF_H
#define SS_PDF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/util.h"

/* A rectangle in PDF points, origin at the top left of the page, y downwards
 * (as poppler gives glyph boxes and as page images are drawn). */
typedef struct {
	float x0, y0, x1, y1;
} ss_pdf_rect;

/* One character of poppler's text for a page, in poppler's reading order;
 * cp '\n' ends a line (poppler's line and block ends), ' ' is a space poppler
 * put between words. */
typedef struct {
	uint32_t cp;
	ss_pdf_rect r;
} ss_pdf_glyph;

typedef struct {
	float width, height;
	ss_pdf_glyph *g;
	size_t n;
} ss_pdf_page;

/* The text layer of a document, as the child sends it. */
typedef struct {
	ss_pdf_page *pages;
	size_t npages;
	size_t pages_total; /* pages in the document (more than npages past the page limit) */
} ss_pdf_layer;

void ss_pdf_layer_release(ss_pdf_layer *l);

/* Where one glyph of the laid-out text stands. */
typedef struct {
	uint32_t page; /* 1-based */
	uint32_t line; /* the laid-out line it belongs to (boxes are per line) */
	ss_pdf_rect r;
} ss_pdf_pos;

#define SS_PDF_NONE UINT32_MAX

/* The laid-out text: running text joined across line breaks inside a
 * paragraph, paragraphs and table rows separated by "\n\n", table cells by
 * '\t', page headers, footers and page numbers left out. */
typedef struct ss_pdf_text_s {
	char *text; /* NUL-terminated */
	size_t len;
	uint32_t *glyph; /* len entries: index into pos, or SS_PDF_NONE for a byte
	                    the layout made (a break, a tab, a joining space) */
	ss_pdf_pos *pos;
	size_t npos;
	size_t npages;
	size_t nglyphs; /* non-space glyphs of the text layer, kept or dropped */
} ss_pdf_text;

void ss_pdf_text_release(ss_pdf_text *t);

/* Lay out a text layer (layout.c). Never fails; an empty layer gives an
 * empty text. */
void ss_pdf_layout(const ss_pdf_layer *l, ss_pdf_text *out);

/* The page and boxes of text bytes [start, end): *page is the page of the
 * first glyph (0 when the span holds none); boxes, one per laid-out line the
 * span touches (a figure split over two lines has two), are appended to out
 * as "x0,y0,x1,y1" separated by ';'. Returns the number of boxes. */
size_t ss_pdf_locate(const ss_pdf_text *t, size_t start, size_t end, uint32_t *page,
                     ss_buf *out);

/* ---- the wire format (wire.c): child -> parent, also the fuzz input ----
 * "SSPDF1" then records, each a tag byte:
 *   'D' u32 pages_total
 *   'P' f32 width, f32 height, u32 n, then n times (u32 cp, 4 x f32 box)
 *   'E' u8 code (ss_pdf_error), u32 length, message bytes: the child gave up
 * Integers and floats little-endian as the machine has them (one machine). */
typedef enum {
	SS_PDF_OK = 0,
	SS_PDF_ERR_UNSUPPORTED, /* built without poppler */
	SS_PDF_ERR_ENCRYPTED,
	SS_PDF_ERR_DAMAGED,
	SS_PDF_ERR_NO_TEXT,     /* no text layer: a scan */
	SS_PDF_ERR_LIMIT,       /* time, memory or size limit */
	SS_PDF_ERR_INTERNAL,    /* fork, pipe */
} ss_pdf_error;

#define SS_PDF_MAGIC "SSPDF1"
void ss_pdf_wire_begin(ss_buf *b);
void ss_pdf_wire_pages(ss_buf *b, uint32_t pages_total);
void ss_pdf_wire_page(ss_buf *b, float width, float height, const ss_pdf_glyph *g, size_t n);
void ss_pdf_wire_error(ss_buf *b, ss_pdf_error code, const char *msg);

/* Parse wire bytes into l (appending pages). Returns SS_PDF_OK, the code of
 * an 'E' record (its message in *msg, malloc'd), or SS_PDF_ERR_DAMAGED for
 * bytes that are not the format. A truncated last record is dropped and
 * *truncated set (the child died). */
ss_pdf_error ss_pdf_wire_parse(const char *buf, size_t len, ss_pdf_layer *l, char **msg,
                               bool *truncated);

/* ---- reading a PDF (read.c, read_poppler.c) ---- */

/* Limits; a real report is far inside all of them (the 296-page annual
 * report of the test corpus: 2.8 s, 260,000 characters, 16 MB). */
#define SS_PDF_MAX_PAGES 5000        /* pages past this are not read (a warning) */
#define SS_PDF_MAX_GLYPHS 8000000u   /* characters of text layer in all */
#define SS_PDF_PAGE_SECONDS 10       /* one page (STATSPAN_PDF_PAGE_SECONDS may lower it) */
#define SS_PDF_DOC_SECONDS 300       /* the whole document */
#define SS_PDF_MEMORY_MB 1536        /* the child's address space */

/* Does buf look like a PDF ("%PDF-" at its start, after white space)? */
bool ss_pdf_sniff(const char *buf, size_t len);

/* Why PDF input cannot be read (built without poppler, or the plugin not
 * found), a sentence; NULL when it can. */
const char *ss_pdf_unsupported(void);

/* Read the text layer of the PDF in buf and lay it out into out. On
 * failure returns the error and a one-line message (malloc'd, in *msg,
 * without the file name); warnings (pages past the limit) go to *warn
 * (malloc'd or NULL) while the result is still SS_PDF_OK. */
ss_pdf_error ss_pdf_read(const char *buf, size_t len, ss_pdf_text *out, char **msg,
                         char **warn);

/* The PDF reader for the pipeline (reader.c), NULL-terminated, for
 * ss_options_set_readers: the text layer laid out becomes the
 * document's source, its pages and boxes the document's positions
 * (ss_doc_fact_page). */
struct ss_reader;
extern const struct ss_reader *const ss_pdf_readers[];

/* In the child: poppler over buf, every page to the wire. Writes to fd;
 * returns the exit code. The command opens poppler only here, in the child,
 * from the plugin statspan-pdf.so (read_plugin.c): linking poppler-glib
 * would cost every start of the command ~50 shared libraries, PDF or not.
 * The PDF test tools link poppler (read_linked.c); without poppler the stub
 * (read_none.c) is linked and ss_pdf_unsupported() says so. */
int ss_pdf_child_run(const char *buf, size_t len, int fd);

/* poppler over buf (read_poppler.c): the plugin's one exported function. */
#define SS_PDF_PLUGIN_NAME "statspan-pdf.so"
#define SS_PDF_PLUGIN_ENTRY "ss_pdf_poppler_run"
#define SS_PDF_PLUGIN_API __attribute__((visibility("default")))
SS_PDF_PLUGIN_API int ss_pdf_poppler_run(const char *buf, size_t len, int fd);

#endif
