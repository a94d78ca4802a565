/* csv.c - CSV (RFC 4180: CRLF, fields quoted when they hold a separator, a
 * quote or a line break; numbers unquoted) and TSV (tabs and line breaks in
 * fields become spaces, since TSV has no quoting). */
#include <string.h>

#include "export.h"

static void csv_field(ss_buf *b, const char *s, size_t n)
{
	/* A leading = + - @ would be run as a formula by spreadsheets. */
	bool formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@';
	if (!formula && !strpbrk(s, ",\"\r\n")) {
		ss_out_add(b, s, n);
		return;
	}
	ss_out_addc(b, '"');
	if (formula)
		ss_out_addc(b, '\'');
	/* Each quote doubled: the run up to and with it, then one more. */
	for (const char *q; (q = memchr(s, '"', n)); ) {
		size_t k = (size_t)(q - s) + 1;
		ss_out_add(b, s, k);
		ss_out_addc(b, '"');
		s += k;
		n -= k;
	}
	ss_out_add(b, s, n);
	ss_out_addc(b, '"');
}

static void tsv_field(ss_buf *b, const char *s, size_t n)
{
	for (size_t k; n; s += k, n -= k) {
		k = strcspn(s, "\t\n\r");
		ss_out_add(b, s, k);
		if (k < n) {
			ss_out_addc(b, ' ');
			k++;
		}
	}
}

static void header(ss_export *e, char sep, const char *eol)
{
	if (e->bom)
		ss_buf_adds(&e->buf, "\xEF\xBB\xBF");
	for (int c = 0; c < SS_NCOLS; c++) {
		if (c)
			ss_out_addc(&e->buf, sep);
		ss_out_add(&e->buf, ss_cols[c].name, ss_cols[c].len);
	}
	ss_buf_adds(&e->buf, eol);
}

static void rows(ss_export *e, const ss_doc *doc, char sep, const char *eol)
{
	ss_buf *b = &e->buf, scratch = SS_BUF_INIT;
	size_t eol_len = strlen(eol);
	for (size_t i = 0; i < ss_doc_fact_count(doc); i++) {
		for (int c = 0; c < SS_NCOLS; c++) {
			ss_field v = ss_fact_field(doc, i, c, &scratch);
			if (c)
				ss_out_addc(b, sep);
			if (v.is_null)
				continue;
			if (v.type != SS_COL_STR)
				ss_out_add(b, v.s, v.len); /* numbers unquoted, even negative ones */
			else if (sep == ',')
				csv_field(b, v.s, v.len);
			else
				tsv_field(b, v.s, v.len);
		}
		ss_out_add(b, eol, eol_len);
	}
	ss_buf_release(&scratch);
}

static void csv_begin(ss_export *e) { header(e, ',', "\r\n"); }
static void csv_doc(ss_export *e, const ss_doc *doc) { rows(e, doc, ',', "\r\n"); }
static void tsv_begin(ss_export *e) { header(e, '\t', "\n"); }
static void tsv_doc(ss_export *e, const ss_doc *doc) { rows(e, doc, '\t', "\n"); }

const ss_exporter ss_exporter_csv = {"csv", csv_begin, csv_doc, NULL, false, false, NULL};
const ss_exporter ss_exporter_tsv = {"tsv", tsv_begin, tsv_doc, NULL, false, false, NULL};
