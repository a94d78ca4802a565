/* csv.c - CSV (RFC 4180: CRLF, fields quoted when they hold a separator, a
 * quote or a line break; numbers unquoted) and TSV (tabs and line breaks in
 * fields become spaces, since TSV has no quoting). In both, a text cell that
 * a spreadsheet would run as a formula gets a leading "'". */
#include <string.h>

#include "export.h"

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

bool ss_cell_is_formula(const char *s, size_t n)
{
	if (n < 2 || !(s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
	               s[0] == '\r'))
		return false; /* a lone sign (the doc name "-") is data */
	/* What a spreadsheet reads as a plain number or percentage is data:
	 * digits, a decimal part, a '%'. */
	size_t i = 1;
	while (i < n && digit(s[i]))
		i++;
	if (i == 1)
		return true;
	if (i < n && s[i] == '.') {
		size_t f = ++i;
		while (i < n && digit(s[i]))
			i++;
		if (i == f)
			return true;
	}
	if (i < n && s[i] == '%')
		i++;
	return i != n;
}

static void csv_field(ss_buf *b, const char *s, size_t n)
{
	bool formula = ss_cell_is_formula(s, n);
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
	if (ss_cell_is_formula(s, n))
		ss_out_addc(b, '\'');
	for (size_t k; n; s += k, n -= k) {
		k = strcspn(s, "\t\n\r");
		ss_out_add(b, s, k);
		if (k < n) {
			ss_out_addc(b, ' ');
			k++;
		}
	}
}

/* The two dialects: separator, line end, how a text cell is written. */
typedef struct {
	char sep;
	const char *eol;
	size_t eol_len;
	void (*text)(ss_buf *b, const char *s, size_t n);
} dialect;

static const dialect csv = {',', "\r\n", 2, csv_field};
static const dialect tsv = {'\t', "\n", 1, tsv_field};

static void header(ss_export *e, const dialect *d)
{
	const ss_colset *cols = ss_export_cols(e);
	if (e->bom)
		ss_buf_adds(&e->buf, "\xEF\xBB\xBF");
	if (!(e->vt->needs & SS_FMT_HEADER))
		return;
	for (size_t c = 0; c < cols->n; c++) {
		if (c)
			ss_out_addc(&e->buf, d->sep);
		ss_out_add(&e->buf, cols->col[c]->name, cols->col[c]->len);
	}
	ss_out_add(&e->buf, d->eol, d->eol_len);
}

/* For a text column of held strings (cstr), the last few strings written
 * and the bytes written for each: the facts of a document share most of
 * them (its name, a kind, a unit, a rule), so one copy writes the field
 * again. */
#define HELD_SLOT 32
#define HELD_WAYS 4
typedef struct {
	const char *s[HELD_WAYS];
	unsigned char len[HELD_WAYS];
	bool have[HELD_WAYS];
	unsigned next; /* the way a new string takes */
	char text[HELD_WAYS][HELD_SLOT];
} held;

static void put_held(ss_buf *b, held *h, const ss_column *col, const char *s, const dialect *d)
{
	if (col->type != SS_COL_TEXT) {
		if (s)
			ss_out_add(b, s, strlen(s)); /* numbers unquoted, even negative ones */
		return;
	}
	for (unsigned k = 0; k < HELD_WAYS && h->have[k]; k++)
		if (h->s[k] == s) {
			char *o = ss_out_room(b, HELD_SLOT);
			memcpy(o, h->text[k], HELD_SLOT);
			ss_out_done(b, o + h->len[k]);
			return;
		}
	size_t at = b->len;
	if (s)
		d->text(b, s, strlen(s));
	size_t n = b->len - at;
	if (n <= HELD_SLOT) {
		unsigned k = h->next;
		h->next = (k + 1) % HELD_WAYS;
		h->s[k] = s;
		h->have[k] = true;
		h->len[k] = (unsigned char)n;
		memcpy(h->text[k], b->ptr + at, n);
	}
}

static void rows(ss_export *e, const ss_doc *doc, const dialect *d)
{
	const ss_colset *cols = ss_export_cols(e);
	ss_buf *b = &e->buf, scratch = SS_BUF_INIT;
	ss_span_memo memo = {0};
	held cache[SS_COLSET_MAX];
	memset(cache, 0, cols->n * sizeof cache[0]);
	size_t n = ss_doc_fact_count(doc), start = b->len;
	for (size_t i = 0; i < n; i++) {
		const ss_fact *f = ss_doc_fact(doc, i);
		for (size_t c = 0; c < cols->n; c++) {
			const ss_column *col = cols->col[c];
			if (c)
				ss_out_addc(b, d->sep);
			/* a joined column (id) is guarded as a whole: through get */
			if (col->cstr && !col->num) {
				put_held(b, &cache[c], col, col->cstr(doc, i, f), d);
				continue;
			}
			if (col->span && ss_span_memo_reuse(&memo, c, col, f, b))
				continue;
			size_t at = b->len;
			ss_field v = ss_column_get(col, doc, i, &scratch);
			if (v.is_null)
				;
			else if (col->type != SS_COL_TEXT)
				ss_out_add(b, v.s, v.len); /* numbers unquoted, even negative ones */
			else
				d->text(b, v.s, v.len);
			if (col->span)
				ss_span_memo_keep(&memo, c, col, f, b, at);
		}
		ss_out_add(b, d->eol, d->eol_len);
		ss_export_record_done(e);
		ss_export_reserve(e, start, i + 1, n);
	}
	ss_span_memo_release(&memo);
	ss_buf_release(&scratch);
}

static void csv_begin(ss_export *e) { header(e, &csv); }
static void csv_doc(ss_export *e, const ss_doc *doc) { rows(e, doc, &csv); }
static void tsv_begin(ss_export *e) { header(e, &tsv); }
static void tsv_doc(ss_export *e, const ss_doc *doc) { rows(e, doc, &tsv); }

const ss_exporter ss_exporter_csv = {"csv", SS_FMT_HEADER, csv_begin, csv_doc, NULL, NULL};
const ss_exporter ss_exporter_tsv = {"tsv", SS_FMT_HEADER, tsv_begin, tsv_doc, NULL, NULL};
