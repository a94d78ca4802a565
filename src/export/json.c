/* json.c - JSON (documents with their metadata and facts) and JSONL (one fact
 * a line). Written here rather than through jansson's dump: a number must come
 * out as the exact decimal the document wrote (48.97, 1102614.6, and digits a
 * double cannot hold), which a dump of a double cannot promise, and building a
 * tree of objects for every fact cost a quarter of the whole run. Strings are
 * escaped as RFC 8259 says; everything else is UTF-8 as it is. */
#include <string.h>

#include "export.h"

/* Bytes a JSON string cannot hold as they are: the controls, '"' and '\\'.
 * A table, as this test runs at every byte written. */
#define CTL4(c) [c] = true, [c + 1] = true, [c + 2] = true, [c + 3] = true
static const bool escaped[256] = {CTL4(0x00), CTL4(0x04), CTL4(0x08), CTL4(0x0C),
                                  CTL4(0x10), CTL4(0x14), CTL4(0x18), CTL4(0x1C),
                                  ['"'] = true, ['\\'] = true};

static void put_string(ss_buf *b, const char *s, size_t n)
{
	/* One reservation for the worst case, every byte as \u00XX. */
	char *d = ss_out_room(b, 6 * n + 2);
	*d++ = '"';
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	for (;;) {
		/* Bytes that need no escape are copied a run at a time. */
		const unsigned char *run = p;
		while (p < end && !escaped[*p])
			p++;
		memcpy(d, run, (size_t)(p - run));
		d += p - run;
		if (p == end)
			break;
		*d++ = '\\';
		switch (*p) {
		case '"': *d++ = '"'; break;
		case '\\': *d++ = '\\'; break;
		case '\n': *d++ = 'n'; break;
		case '\r': *d++ = 'r'; break;
		case '\t': *d++ = 't'; break;
		case '\b': *d++ = 'b'; break;
		case '\f': *d++ = 'f'; break;
		default:
			memcpy(d, "u00", 3);
			d[3] = "0123456789abcdef"[*p >> 4];
			d[4] = "0123456789abcdef"[*p & 15];
			d += 5;
		}
		p++;
	}
	*d++ = '"';
	ss_out_done(b, d);
}

static void put_cstring(ss_buf *b, const char *s)
{
	put_string(b, s, strlen(s));
}

static void put_opt_string(ss_buf *b, const char *s)
{
	if (s)
		put_cstring(b, s);
	else
		ss_out_add(b, "null", 4);
}

/* A number as its exact decimal; one too large for the decimal form (it is
 * empty then) as null. */
static void put_number(ss_buf *b, const char *s, size_t n)
{
	if (n)
		ss_out_add(b, s, n);
	else
		ss_out_add(b, "null", 4);
}

static void put_fact(ss_buf *b, const ss_colset *cols, const ss_doc *doc, size_t i,
                     ss_buf *scratch)
{
	for (size_t c = 0; c < cols->n; c++) {
		const ss_column *col = cols->col[c];
		ss_field v = ss_column_get(col, doc, i, scratch);
		/* The key with what goes before it: {"doc": then ,"id": and so on. */
		char *d = ss_out_room(b, col->len + 4);
		*d++ = c ? ',' : '{';
		*d++ = '"';
		memcpy(d, col->name, col->len);
		d += col->len;
		*d++ = '"';
		*d++ = ':';
		ss_out_done(b, d);
		if (v.is_null)
			ss_out_add(b, "null", 4);
		else if (col->type == SS_COL_TEXT)
			put_string(b, v.s, v.len);
		else
			put_number(b, v.s, v.len);
	}
	if (cols->n == 0)
		ss_out_addc(b, '{');
	ss_out_addc(b, '}');
}

static void json_begin(ss_export *e)
{
	ss_buf_adds(&e->buf, "{\"documents\":[");
}

static void json_doc(ss_export *e, const ss_doc *doc)
{
	ss_buf *b = &e->buf;
	ss_buf_adds(b, e->ndocs ? ",\n{\"doc\":" : "\n{\"doc\":");
	put_cstring(b, ss_doc_name(doc));
	ss_buf_adds(b, ",\"format\":");
	put_cstring(b, ss_format_name(ss_doc_format(doc)));
	ss_buf_adds(b, ",\"status\":");
	put_cstring(b, ss_doc_status(doc) ? "failed" : "ok");
	ss_buf_adds(b, ",\"title\":");
	put_opt_string(b, ss_doc_title(doc));
	ss_buf_adds(b, ",\"date\":");
	put_opt_string(b, ss_doc_date(doc));
	ss_buf_adds(b, ",\"author\":");
	put_opt_string(b, ss_doc_author(doc));
	ss_buf_adds(b, ",\"source\":");
	put_opt_string(b, ss_doc_source(doc));
	ss_buf_adds(b, ",\"categories\":[");
	for (size_t i = 0; i < ss_doc_category_count(doc); i++) {
		if (i)
			ss_out_addc(b, ',');
		put_cstring(b, ss_doc_category(doc, i));
	}
	ss_buf_adds(b, "],\"facts\":[");
	ss_buf scratch = SS_BUF_INIT;
	for (size_t i = 0; i < ss_doc_fact_count(doc); i++) {
		if (i)
			ss_out_addc(b, ',');
		put_fact(b, ss_export_cols(e), doc, i, &scratch);
	}
	ss_buf_release(&scratch);
	ss_buf_adds(b, "]}");
}

static void json_end(ss_export *e)
{
	ss_buf_adds(&e->buf, e->ndocs ? "\n]}\n" : "]}\n");
}

static void jsonl_doc(ss_export *e, const ss_doc *doc)
{
	ss_buf scratch = SS_BUF_INIT;
	for (size_t i = 0; i < ss_doc_fact_count(doc); i++) {
		put_fact(&e->buf, ss_export_cols(e), doc, i, &scratch);
		ss_out_addc(&e->buf, '\n');
	}
	ss_buf_release(&scratch);
}

const ss_exporter ss_exporter_json = {"json", SS_FMT_WHOLE_RUN, json_begin, json_doc, json_end, NULL};
const ss_exporter ss_exporter_jsonl = {"jsonl", 0, NULL, jsonl_doc, NULL, NULL};
