/* box_check.c - the box invariant of PDF facts: for every fact of every PDF
 * given, extracted as the command does (ss_doc_extract with the PDF reader,
 * page and box from ss_doc_fact_page), the glyphs whose centres lie inside
 * its boxes, in poppler's own reading order, are the figure's text (white
 * space aside). The glyphs are asked of poppler directly, page by page,
 * apart from the reader under test. Prints one line per failure and a summary; exit 1 on any failure.
 * Usage: box_check FILE.pdf... */
#include <math.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts/facts.h"
#include "pdf/pdf.h"

/* Non-space characters of s[0..n). */
static void squeeze(const char *s, size_t n, ss_buf *out)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int w = ss_utf8_decode(s + i, n - i, &cp);
		if (w == 0)
			w = 1;
		if (cp != ' ' && cp != '\t' && cp != '\n' && cp != '\r' && cp != 0x3000 && cp != 0xA0)
			ss_buf_add(out, s + i, (size_t)w);
		i += (size_t)w;
	}
}

typedef struct {
	char *text;
	PopplerRectangle *r;
	guint n;
} page_glyphs;

/* What poppler has inside box b of page pg, in its order. */
static void inside(const page_glyphs *pg, const double b[4], ss_buf *out)
{
	const char *s = pg->text;
	for (guint i = 0; i < pg->n && *s; i++) {
		gunichar c = g_utf8_get_char(s);
		const char *nx = g_utf8_next_char(s);
		double cx = (pg->r[i].x1 + pg->r[i].x2) / 2, cy = (pg->r[i].y1 + pg->r[i].y2) / 2;
		if (cx >= b[0] && cx <= b[2] && cy >= b[1] && cy <= b[3])
			squeeze(s, (size_t)(nx - s), out);
		(void)c;
		s = nx;
	}
}

int main(int argc, char **argv)
{
	ss_ruleset *rs = ss_ruleset_new();
	if (ss_ruleset_add_defaults(rs) != SS_OK || ss_ruleset_compile(rs) != SS_OK)
		return 2;
	size_t facts = 0, good = 0, multi = 0;
	int rc = 0;
	for (int a = 1; a < argc; a++) {
		char *buf;
		size_t len;
		if (ss_read_file(argv[a], &buf, &len)) {
			perror(argv[a]);
			return 2;
		}
		ss_options *o = ss_options_new();
		ss_options_set_readers(o, ss_pdf_readers);
		ss_doc *doc = ss_doc_extract(rs, argv[a], buf, len, o);
		ss_options_free(o);
		if (ss_doc_status(doc) != SS_OK || ss_doc_format(doc) != SS_FORMAT_PDF) {
			fprintf(stderr, "box_check: %s: not read as a PDF\n", argv[a]);
			return 2;
		}
		size_t tlen;
		const char *text = ss_doc_text(doc, &tlen);
		GBytes *bytes = g_bytes_new_static(buf, len);
		PopplerDocument *pd = poppler_document_new_from_bytes(bytes, NULL, NULL);
		if (!pd) {
			fprintf(stderr, "box_check: %s: poppler cannot open it\n", argv[a]);
			return 2;
		}
		int np = poppler_document_get_n_pages(pd);
		page_glyphs *pages = calloc((size_t)np, sizeof *pages);
		for (size_t i = 0; i < ss_doc_fact_count(doc); i++) {
			const ss_fact *f = ss_doc_fact(doc, i);
			char box[512];
			unsigned page = ss_doc_fact_page(doc, i, box, sizeof box);
			ss_buf boxes = SS_BUF_INIT, want = SS_BUF_INIT, got = SS_BUF_INIT;
			ss_buf_adds(&boxes, box);
			facts++;
			multi += strchr(box, ';') != NULL;
			/* start/end are offsets into the text layer, the doc's text */
			squeeze(text + f->start, f->end - f->start, &want);
			if (page >= 1 && (int)page <= np) {
				page_glyphs *pg = &pages[page - 1];
				if (!pg->text) {
					PopplerPage *p = poppler_document_get_page(pd, (int)page - 1);
					pg->text = poppler_page_get_text(p);
					poppler_page_get_text_layout(p, &pg->r, &pg->n);
					g_object_unref(p);
				}
				for (const char *s = boxes.ptr; s && *s;) {
					double b[4];
					if (sscanf(s, "%lf,%lf,%lf,%lf", &b[0], &b[1], &b[2], &b[3]) != 4)
						break;
					inside(pg, b, &got);
					s = strchr(s, ';');
					s = s ? s + 1 : NULL;
				}
			}
			bool ok = want.len && got.len == want.len && !memcmp(got.ptr, want.ptr, want.len);
			if (ok) {
				good++;
			} else {
				printf("%s: fact %zu [%zu,%zu) page %u box %s: figure \"%s\", box holds \"%s\"\n",
				       argv[a], i + 1, f->start, f->end, page, boxes.ptr ? boxes.ptr : "",
				       want.ptr ? want.ptr : "", got.ptr ? got.ptr : "");
				rc = 1;
			}
			ss_buf_release(&boxes);
			ss_buf_release(&want);
			ss_buf_release(&got);
		}
		for (int p = 0; p < np; p++) {
			g_free(pages[p].text);
			g_free(pages[p].r);
		}
		free(pages);
		g_object_unref(pd);
		g_bytes_unref(bytes);
		ss_doc_free(doc);
		free(buf);
	}
	printf("box_check: %zu of %zu facts exact (%zu split over lines)\n", good, facts, multi);
	ss_ruleset_free(rs);
	return rc;
}
