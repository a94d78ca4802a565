/* csv.c - CSV (RFC 4180: CRLF, fields quoted when they hold a separator, a
 * quote or a line break; numbers unquoted) and TSV (tabs and line breaks in
 * fields become spaces, since TSV has no quoting). */
#include <stdlib.h>
#include <string.h>

#include "export.h"

static void csv_field(FILE *out, const char *s)
{
	/* A leading = + - @ would be run as a formula by spreadsheets. */
	bool formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@';
	if (!formula && !strpbrk(s, ",\"\r\n")) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	if (formula)
		fputc('\'', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

static void tsv_field(FILE *out, const char *s)
{
	for (; *s; s++)
		fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, out);
}

static void header(ss_export *e, char sep, const char *eol)
{
	if (e->bom)
		fputs("\xEF\xBB\xBF", e->out);
	for (int c = 0; c < SS_NCOLS; c++) {
		if (c)
			fputc(sep, e->out);
		fputs(ss_col_names[c], e->out);
	}
	fputs(eol, e->out);
}

static void rows(ss_export *e, const ss_doc *doc, char sep, const char *eol)
{
	char *buf = NULL;
	for (size_t i = 0; i < ss_doc_fact_count(doc); i++) {
		for (int c = 0; c < SS_NCOLS; c++) {
			ss_col_type type;
			bool is_null;
			const char *v = ss_fact_field(doc, i, c, &buf, &type, &is_null);
			if (c)
				fputc(sep, e->out);
			if (is_null)
				continue;
			if (type != SS_COL_STR)
				fputs(v, e->out); /* numbers unquoted, even negative ones */
			else if (sep == ',')
				csv_field(e->out, v);
			else
				tsv_field(e->out, v);
		}
		fputs(eol, e->out);
	}
	free(buf);
}

static void csv_begin(ss_export *e) { header(e, ',', "\r\n"); }
static void csv_doc(ss_export *e, const ss_doc *doc) { rows(e, doc, ',', "\r\n"); }
static void tsv_begin(ss_export *e) { header(e, '\t', "\n"); }
static void tsv_doc(ss_export *e, const ss_doc *doc) { rows(e, doc, '\t', "\n"); }

const ss_exporter ss_exporter_csv = {"csv", csv_begin, csv_doc, NULL};
const ss_exporter ss_exporter_tsv = {"tsv", tsv_begin, tsv_doc, NULL};
