/* json.c - JSON (documents with their metadata and facts) and JSONL (one fact
 * a line). Written here rather than through jansson's dump: a number must come
 * out as the exact decimal the document wrote (48.97, 1102614.6, and digits a
 * double cannot hold), which a dump of a double cannot promise, and building a
 * tree of objects for every fact cost a quarter of the whole run. Strings are
 * escaped as RFC 8259 says; everything else is UTF-8 as it is. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"

static void put_string(FILE *out, const char *s)
{
	fputc('"', out);
	const unsigned char *p = (const unsigned char *)s, *run = p;
	for (;; p++) {
		/* Bytes that need no escape go out in one write. */
		if (*p >= 0x20 && *p != '"' && *p != '\\')
			continue;
		fwrite(run, 1, (size_t)(p - run), out);
		run = p + 1;
		switch (*p) {
		case '\0': fputc('"', out); return;
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		case '\b': fputs("\\b", out); break;
		case '\f': fputs("\\f", out); break;
		default: fprintf(out, "\\u%04x", *p);
		}
	}
}

static void put_opt_string(FILE *out, const char *s)
{
	if (s)
		put_string(out, s);
	else
		fputs("null", out);
}

/* A number as its exact decimal; one too large for the decimal form (it is
 * empty then) as the double. */
static void put_number(FILE *out, const char *s)
{
	if (*s)
		fputs(s, out);
	else
		fputs("null", out);
}

static void put_fact(FILE *out, const ss_doc *doc, size_t i, char **buf)
{
	fputc('{', out);
	for (int c = 0; c < SS_NCOLS; c++) {
		ss_col_type type;
		bool is_null;
		const char *v = ss_fact_field(doc, i, c, buf, &type, &is_null);
		if (c)
			fputc(',', out);
		put_string(out, ss_col_names[c]);
		fputc(':', out);
		if (is_null)
			fputs("null", out);
		else if (type == SS_COL_STR)
			put_string(out, v);
		else
			put_number(out, v);
	}
	fputc('}', out);
}

static void json_begin(ss_export *e)
{
	fputs("{\"documents\":[", e->out);
}

static void json_doc(ss_export *e, const ss_doc *doc)
{
	FILE *out = e->out;
	fputs(e->ndocs ? ",\n{\"doc\":" : "\n{\"doc\":", out);
	put_string(out, ss_doc_name(doc));
	fputs(",\"format\":", out);
	put_string(out, ss_format_name(ss_doc_format(doc)));
	fputs(",\"status\":", out);
	put_string(out, ss_doc_status(doc) ? "failed" : "ok");
	fputs(",\"title\":", out);
	put_opt_string(out, ss_doc_title(doc));
	fputs(",\"date\":", out);
	put_opt_string(out, ss_doc_date(doc));
	fputs(",\"author\":", out);
	put_opt_string(out, ss_doc_author(doc));
	fputs(",\"source\":", out);
	put_opt_string(out, ss_doc_source(doc));
	fputs(",\"categories\":[", out);
	for (size_t i = 0; i < ss_doc_category_count(doc); i++) {
		if (i)
			fputc(',', out);
		put_string(out, ss_doc_category(doc, i));
	}
	fputs("],\"facts\":[", out);
	char *buf = NULL;
	for (size_t i = 0; i < ss_doc_fact_count(doc); i++) {
		if (i)
			fputc(',', out);
		put_fact(out, doc, i, &buf);
	}
	free(buf);
	fputs("]}", out);
}

static void json_end(ss_export *e)
{
	fputs(e->ndocs ? "\n]}\n" : "]}\n", e->out);
}

static void jsonl_doc(ss_export *e, const ss_doc *doc)
{
	char *buf = NULL;
	for (size_t i = 0; i < ss_doc_fact_count(doc); i++) {
		put_fact(e->out, doc, i, &buf);
		fputc('\n', e->out);
	}
	free(buf);
}

const ss_exporter ss_exporter_json = {"json", json_begin, json_doc, json_end};
const ss_exporter ss_exporter_jsonl = {"jsonl", NULL, jsonl_doc, NULL};
