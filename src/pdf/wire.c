/* wire.c - the text layer as bytes, from the poppler child to the parent
 * (see pdf.h). The parser trusts nothing: it is what a crashed or hostile
 * child's output, and the fuzzer's input, goes through. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

/* The header at the start, after white space at most: PDF readers accept
 * it anywhere in the first kilobyte, but a text about PDFs may quote it. */
bool ss_pdf_sniff(const char *buf, size_t len)
{
	size_t i = 0;
	while (i < len && i < 1024 && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' ||
	                               buf[i] == '\n' || buf[i] == '\f' || buf[i] == '\0'))
		i++;
	return len - i >= 5 && memcmp(buf + i, "%PDF-", 5) == 0;
}

void ss_pdf_layer_release(ss_pdf_layer *l)
{
	for (size_t i = 0; i < l->npages; i++)
		free(l->pages[i].g);
	free(l->pages);
	memset(l, 0, sizeof *l);
}

static void put_u32(ss_buf *b, uint32_t v) { ss_buf_add(b, &v, 4); }
static void put_f32(ss_buf *b, float v) { ss_buf_add(b, &v, 4); }

void ss_pdf_wire_begin(ss_buf *b) { ss_buf_adds(b, SS_PDF_MAGIC); }

void ss_pdf_wire_pages(ss_buf *b, uint32_t pages_total)
{
	ss_buf_addc(b, 'D');
	put_u32(b, pages_total);
}

void ss_pdf_wire_page(ss_buf *b, float width, float height, const ss_pdf_glyph *g, size_t n)
{
	ss_buf_addc(b, 'P');
	put_f32(b, width);
	put_f32(b, height);
	put_u32(b, (uint32_t)n);
	ss_buf_grow(b, n * 20);
	for (size_t i = 0; i < n; i++) {
		put_u32(b, g[i].cp);
		put_f32(b, g[i].r.x0);
		put_f32(b, g[i].r.y0);
		put_f32(b, g[i].r.x1);
		put_f32(b, g[i].r.y1);
	}
}

void ss_pdf_wire_error(ss_buf *b, ss_pdf_error code, const char *msg)
{
	size_t n = strlen(msg);
	ss_buf_addc(b, 'E');
	ss_buf_addc(b, (char)code);
	put_u32(b, (uint32_t)n);
	ss_buf_add(b, msg, n);
}

typedef struct {
	const unsigned char *p;
	size_t len, i;
} reader;

static bool get_u32(reader *r, uint32_t *v)
{
	if (r->len - r->i < 4)
		return false;
	memcpy(v, r->p + r->i, 4);
	r->i += 4;
	return true;
}

/* A coordinate that is not a number, or absurd, becomes 0: a box is
 * measured and compared, and NaN compares false with everything. */
static bool get_f32(reader *r, float *v)
{
	if (r->len - r->i < 4)
		return false;
	memcpy(v, r->p + r->i, 4);
	r->i += 4;
	if (!isfinite(*v) || fabsf(*v) > 1e6f)
		*v = 0;
	return true;
}

/* A code point poppler could not have meant: controls (but '\n'), surrogates,
 * past U+10FFFF. */
static uint32_t clean_cp(uint32_t cp)
{
	if (cp == '\n' || cp == '\t')
		return cp == '\t' ? ' ' : cp;
	if (cp < 0x20 || cp == 0x7F)
		return ' ';
	if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0xFFFD;
	return cp;
}

ss_pdf_error ss_pdf_wire_parse(const char *buf, size_t len, ss_pdf_layer *l, char **msg,
                               bool *truncated)
{
	reader r = {(const unsigned char *)buf, len, 0};
	size_t ml = strlen(SS_PDF_MAGIC), cap = l->npages;
	*msg = NULL;
	*truncated = false;
	if (len < ml || memcmp(buf, SS_PDF_MAGIC, ml) != 0) {
		*truncated = len < ml;
		return SS_PDF_ERR_DAMAGED;
	}
	r.i = ml;
	while (r.i < r.len) {
		unsigned char tag = r.p[r.i++];
		if (tag == 'D') {
			uint32_t v;
			if (!get_u32(&r, &v))
				goto cut;
			l->pages_total = v;
		} else if (tag == 'P') {
			float w, h;
			uint32_t n;
			if (!get_f32(&r, &w) || !get_f32(&r, &h) || !get_u32(&r, &n))
				goto cut;
			if ((r.len - r.i) / 20 < n)
				goto cut;
			ss_pdf_page pg = {w, h, ss_xmalloc((n ? n : 1) * sizeof(ss_pdf_glyph)), n};
			for (uint32_t k = 0; k < n; k++) {
				ss_pdf_glyph *g = &pg.g[k];
				get_u32(&r, &g->cp);
				g->cp = clean_cp(g->cp);
				get_f32(&r, &g->r.x0);
				get_f32(&r, &g->r.y0);
				get_f32(&r, &g->r.x1);
				get_f32(&r, &g->r.y1);
			}
			ss_grow((void **)&l->pages, &cap, l->npages + 1, sizeof *l->pages);
			l->pages[l->npages++] = pg;
		} else if (tag == 'E') {
			uint32_t n;
			if (r.i >= r.len)
				goto cut;
			unsigned char code = r.p[r.i++];
			if (!get_u32(&r, &n) || r.len - r.i < n)
				goto cut;
			*msg = ss_xstrndup((const char *)r.p + r.i, n);
			if (code == SS_PDF_OK || code > SS_PDF_ERR_INTERNAL)
				code = SS_PDF_ERR_DAMAGED;
			return (ss_pdf_error)code;
		} else {
			return SS_PDF_ERR_DAMAGED;
		}
	}
	if (l->pages_total < l->npages)
		l->pages_total = l->npages;
	return SS_PDF_OK;
cut:
	*truncated = true;
	if (l->pages_total < l->npages)
		l->pages_total = l->npages;
	return SS_PDF_OK;
}
