/* report.c - the HTML review report: one self-contained page (the template
 * in assets/report.html, embedded at build time) that shows each document's
 * text with every figure highlighted by kind, its fields on hover or click,
 * and a table of the document's facts.
 *
 * Each document goes in as a script element of type application/json: the
 * browser keeps it as text until the page opens that document, so a report
 * of hundreds of documents loads as fast as its list. The element's
 * attributes carry what the list shows (name, title, fact count, status).
 * Fact positions are given in UTF-16 code units of the text, the unit of a
 * JavaScript string, so the page slices the text without decoding it. */
#include <stdlib.h>
#include <string.h>

#include "export.h"

extern const unsigned char ss_report_template[];
extern const size_t ss_report_template_len;

#define DOCS_MARK "<!--statspan:documents-->"

/* The columns a fact carries into the page: every column of the table but
 * those the page shows by itself (the document, its title and date in its
 * header, the sentence in place). */
typedef struct {
	ss_colset cols;
	ss_buf scratch;
} report_state;

static bool shown_by_page(const char *name)
{
	static const char *const own[] = {"doc", "sentence", "title", "date"};
	for (size_t k = 0; k < sizeof own / sizeof own[0]; k++)
		if (!strcmp(name, own[k]))
			return true;
	return false;
}

/* A JSON string that is also safe inside a script element: < > & are
 * escaped, so no "</script" or "<!--" can appear. */
static void json_str(ss_buf *b, const char *s, size_t n)
{
	ss_out_addc(b, '"');
	const char *run = s, *end = s + n;
	for (const char *p = s; p < end; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&')
			continue;
		ss_out_add(b, run, (size_t)(p - run));
		run = p + 1;
		if (c == '"' || c == '\\') {
			char q[2] = {'\\', (char)c};
			ss_out_add(b, q, 2);
		} else if (c == '\n') {
			ss_out_add(b, "\\n", 2);
		} else {
			char u[6] = {'\\', 'u', '0', '0', "0123456789abcdef"[c >> 4],
			             "0123456789abcdef"[c & 15]};
			ss_out_add(b, u, 6);
		}
	}
	ss_out_add(b, run, (size_t)(end - run));
	ss_out_addc(b, '"');
}

static void json_cstr(ss_buf *b, const char *s)
{
	if (s)
		json_str(b, s, strlen(s));
	else
		ss_out_add(b, "null", 4);
}

/* An attribute value in double quotes. */
static void attr(ss_buf *b, const char *name, const char *s)
{
	if (!s)
		return;
	ss_buf_addf(b, " data-%s=\"", name);
	for (; *s; s++) {
		switch (*s) {
		case '&': ss_buf_adds(b, "&amp;"); break;
		case '<': ss_buf_adds(b, "&lt;"); break;
		case '>': ss_buf_adds(b, "&gt;"); break;
		case '"': ss_buf_adds(b, "&quot;"); break;
		default: ss_out_addc(b, *s);
		}
	}
	ss_out_addc(b, '"');
}

/* UTF-16 code units of text[from, to): one per character, two for one
 * outside the Basic Multilingual Plane (a 4-byte UTF-8 sequence). */
static size_t utf16_units(const char *text, size_t from, size_t to)
{
	size_t n = 0;
	for (size_t i = from; i < to; i++) {
		unsigned char c = (unsigned char)text[i];
		n += (c & 0xC0) != 0x80;
		n += c >= 0xF0;
	}
	return n;
}

/* Text offsets to UTF-16 offsets, counted on from the last one asked for
 * (facts come mostly in text order), from the start when one goes back. */
typedef struct {
	const char *text;
	size_t byte, unit;
} u16_cursor;

static size_t u16_at(u16_cursor *c, size_t off)
{
	if (off < c->byte)
		c->byte = c->unit = 0;
	c->unit += utf16_units(c->text, c->byte, off);
	c->byte = off;
	return c->unit;
}

static const char *template_part(bool after, size_t *len)
{
	const char *t = (const char *)ss_report_template;
	const char *m = strstr(t, DOCS_MARK);
	size_t at = m ? (size_t)(m - t) : ss_report_template_len;
	if (after) {
		size_t skip = m ? at + strlen(DOCS_MARK) : at;
		*len = ss_report_template_len - skip;
		return t + skip;
	}
	*len = at;
	return t;
}

static void report_begin(ss_export *e)
{
	report_state *r = ss_xcalloc(1, sizeof *r);
	e->state = r;
	size_t n;
	const char *t = template_part(false, &n);
	ss_out_add(&e->buf, t, n);
	ss_buf_adds(&e->buf, "<script type=\"application/json\" id=\"sscols\">[");
	for (size_t c = 0; c < ss_ncolumns && r->cols.n < SS_COLSET_MAX; c++) {
		const ss_column *col = &ss_columns[c];
		if (shown_by_page(col->name))
			continue;
		if (r->cols.n)
			ss_out_addc(&e->buf, ',');
		json_str(&e->buf, col->name, col->len);
		r->cols.col[r->cols.n++] = col;
	}
	ss_buf_adds(&e->buf, "]</script>\n");
}

static void open_doc(ss_buf *b, const char *name, const char *title, size_t nfacts,
                     bool failed, const char *message)
{
	char count[24];
	snprintf(count, sizeof count, "%zu", nfacts);
	ss_buf_adds(b, "<script type=\"application/json\" class=\"ssdoc\"");
	attr(b, "name", name);
	attr(b, "title", title);
	attr(b, "n", count);
	attr(b, "status", failed ? "failed" : "ok");
	if (failed)
		attr(b, "message", message ? message : "");
	ss_out_addc(b, '>');
}

static void report_doc(ss_export *e, const ss_doc *doc)
{
	report_state *r = e->state;
	ss_buf *b = &e->buf;
	size_t nf = ss_doc_fact_count(doc), tlen;
	const char *text = ss_doc_text(doc, &tlen);
	open_doc(b, ss_doc_name(doc), ss_doc_title(doc), nf, ss_doc_status(doc) != SS_OK,
	         e->message);
	ss_buf_adds(b, "{\"title\":");
	json_cstr(b, ss_doc_title(doc));
	ss_buf_adds(b, ",\"date\":");
	json_cstr(b, ss_doc_date(doc));
	ss_buf_adds(b, ",\"author\":");
	json_cstr(b, ss_doc_author(doc));
	ss_buf_adds(b, ",\"format\":");
	json_cstr(b, ss_format_name(ss_doc_format(doc)));
	ss_buf_adds(b, ",\"text\":");
	json_str(b, text ? text : "", text ? tlen : 0);
	ss_buf_adds(b, ",\"facts\":[");
	u16_cursor cur = {text, 0, 0};
	for (size_t i = 0; i < nf; i++) {
		const ss_fact *f = ss_doc_fact(doc, i);
		ss_tspan t = ss_fact_text(f);
		size_t ts = u16_at(&cur, t.start), te = u16_at(&cur, t.end);
		ss_buf_addf(b, "%s\n[%zu,%zu", i ? "," : "", ts, te);
		for (size_t k = 0; k < r->cols.n; k++) {
			const ss_column *col = r->cols.col[k];
			ss_field v = ss_column_get(col, doc, i, &r->scratch);
			ss_out_addc(b, ',');
			if (v.is_null || (col->type != SS_COL_TEXT && !v.len))
				ss_out_add(b, "null", 4);
			else if (col->type == SS_COL_TEXT)
				json_str(b, v.s, v.len);
			else
				ss_out_add(b, v.s, v.len);
		}
		ss_out_addc(b, ']');
	}
	ss_buf_adds(b, "]}</script>\n");
}

static void report_failed(ss_export *e, const char *name, const char *message)
{
	open_doc(&e->buf, name, NULL, 0, true, message);
	ss_buf_adds(&e->buf, "{}</script>\n");
}

static void report_end(ss_export *e)
{
	report_state *r = e->state;
	size_t n;
	const char *t = template_part(true, &n);
	ss_out_add(&e->buf, t, n);
	ss_buf_release(&r->scratch);
	free(r);
	e->state = NULL;
}

const ss_exporter ss_exporter_html = {"html",      SS_FMT_WHOLE_RUN, report_begin,
                                      report_doc,  report_end,      report_failed};
