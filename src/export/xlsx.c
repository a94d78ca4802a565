/* xlsx.c - an Excel workbook through libxlsxwriter: a Facts sheet (every
 * column of the column table, the standard ones then the document's title
 * and date, or those --columns names), a Documents sheet (one row per
 * input, failed ones with their message), and for audited claims a Verdicts
 * sheet (one row per claim figure: its verdict, both values, the evidence
 * and, from a PDF, its page and box), opened first.
 *
 * Numbers go in numeric cells and text in text cells, so that a spreadsheet
 * never reads `3.968%` or `-0.3%` in a text field as a number or a formula.
 * A value in % keeps its percent units (95, not 0.95, as in every other
 * format) and shows them through a number format that only adds the sign.
 *
 * The workbook is written in libxlsxwriter's constant-memory mode (rows go
 * to a temporary file as they are finished), so memory does not grow with
 * the run. The library writes to a file name only: the workbook is made in
 * a private temporary directory and copied to the output stream at the end,
 * which keeps -o atomic and lets the workbook go down a pipe. */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "export.h"

/* libxlsxwriter is opened with the first workbook, not linked: loading it
 * and the libcrypto it brings was a sixth of the processor time of every
 * run's start-up, and only -f xlsx writes a workbook. The functions used,
 * one line each; SS_XLSXWRITER_SO is the library's soname (the Makefile
 * reads it off the library pkg-config finds). */
#ifndef SS_XLSXWRITER_SO
#define SS_XLSXWRITER_SO "libxlsxwriter.so"
#endif
#define LXW_FUNCS(X)                                                                          \
	X(workbook_new_opt)                                                                       \
	X(workbook_set_properties)                                                                \
	X(workbook_add_worksheet)                                                                 \
	X(workbook_add_format)                                                                    \
	X(workbook_close)                                                                         \
	X(format_set_bold)                                                                        \
	X(format_set_num_format)                                                                  \
	X(worksheet_write_string)                                                                 \
	X(worksheet_write_number)                                                                 \
	X(worksheet_freeze_panes)                                                                 \
	X(worksheet_activate)                                                                     \
	X(worksheet_set_column)                                                                   \
	X(worksheet_autofilter)

static struct {
#define LXW_FIELD(f) __typeof__(f) *f;
	LXW_FUNCS(LXW_FIELD)
#undef LXW_FIELD
} lxw;
static const char *lib_error; /* why it could not be opened, or NULL */
static char lib_why[512];
static pthread_once_t lib_once = PTHREAD_ONCE_INIT;

static void lib_open(void)
{
	void *h = dlopen(SS_XLSXWRITER_SO, RTLD_NOW | RTLD_LOCAL);
	const char *missing = NULL;
#define LXW_LOAD(f)                                                                           \
	if (h && !missing && !(*(void **)&lxw.f = dlsym(h, #f)))                                  \
		missing = #f;
	LXW_FUNCS(LXW_LOAD)
#undef LXW_LOAD
	if (!h)
		snprintf(lib_why, sizeof lib_why, "-f xlsx needs libxlsxwriter, which cannot be loaded: %s",
		         dlerror());
	else if (missing)
		snprintf(lib_why, sizeof lib_why, "-f xlsx: %s lacks %s", SS_XLSXWRITER_SO, missing);
	if (!h || missing)
		lib_error = lib_why;
}

/* The Documents sheet. */
static const char *const doc_cols[] = {"doc",   "title",  "date",   "author",
                                       "format", "facts", "status", "message"};
#define NDOC_COLS (sizeof doc_cols / sizeof doc_cols[0])

/* The Verdicts sheet: its headers and the columns of the column table they
 * show (the claim figure's own fields under names that say whose they are). */
static const struct {
	const char *head, *col;
} verdict_cols[] = {
	{"doc", "doc"},
	{"claim_id", "claim_id"},
	{"claim", "sentence"},
	{"figure", "text"},
	{"verdict", "verdict"},
	{"field", "field"},
	{"reason", "reason"},
	{"claim_value", "value"},
	{"claim_unit", "unit"},
	{"claim_line", "claim_line"},
	{"claim_column", "claim_column"},
	{"evidence_doc", "evidence_doc"},
	{"evidence", "evidence"},
	{"evidence_value", "evidence_value"},
	{"evidence_unit", "evidence_unit"},
	{"evidence_line", "evidence_line"},
	{"evidence_column", "evidence_column"},
	{"evidence_page", "evidence_page"},
	{"evidence_box", "evidence_box"},
	{"evidence_sentence", "evidence_sentence"},
	{"score", "score"},
};
#define NVERDICT_COLS (sizeof verdict_cols / sizeof verdict_cols[0])

/* Excel's limit on the characters of a cell. */
#define CELL_MAX 32767
/* Column widths follow the longest cell, in Excel's character units, within
 * these bounds (a sentence would otherwise make its column a screen wide). */
#define WIDTH_MIN 6.0
#define WIDTH_MAX 60.0

typedef struct {
	lxw_workbook *wb;
	lxw_worksheet *facts, *docs, *verdicts; /* verdicts: made for the first audited doc */
	lxw_format *head, *pct;
	lxw_row_t frow, drow, vrow; /* the next row of each sheet */
	size_t dropped;           /* facts past the sheet's last row */
	ss_colset all;            /* every column, when the run names none */
	const ss_colset *cols;    /* the Facts sheet's */
	double fwidth[SS_COLSET_MAX], dwidth[NDOC_COLS], vwidth[NVERDICT_COLS];
	const ss_column *vcol[NVERDICT_COLS];
	char dir[64], path[96];   /* the private directory and the workbook in it */
	ss_buf scratch, cell;
} xlsx_state;

/* How wide s[0..n) shows, in Excel's units: a wide (CJK) character counts
 * two. Stops counting past WIDTH_MAX. */
static double shown_width(const char *s, size_t n)
{
	double w = 0;
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	while (p < end && w < WIDTH_MAX) {
		unsigned char c = *p;
		size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		w += k >= 3 ? 2 : 1;
		p += k;
	}
	return w;
}

static void widen(double *width, const char *s, size_t n)
{
	double w = shown_width(s, n) + 1;
	if (w > *width)
		*width = w;
}

/* s[0..n) cut to the characters a cell holds, NUL-terminated. */
static const char *cell_text(xlsx_state *x, const char *s, size_t n)
{
	size_t chars = 0, i = 0;
	for (; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > CELL_MAX)
			break;
	if (i == n && s[n] == '\0')
		return s;
	ss_buf_reset(&x->cell);
	ss_buf_add(&x->cell, s, i);
	return x->cell.ptr;
}

static void put_text(xlsx_state *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                     const char *s, size_t n, double *width)
{
	if (!n)
		return;
	lxw.worksheet_write_string(ws, r, c, cell_text(x, s, n), NULL);
	widen(width, s, n);
}

static void put_ctext(xlsx_state *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                      const char *s, double *width)
{
	if (s)
		put_text(x, ws, r, c, s, strlen(s), width);
}

/* A number as its exact decimal; an empty one (too large to write as a
 * decimal) leaves the cell blank. */
static void put_number(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
                       size_t n, lxw_format *fmt, double *width)
{
	if (!n)
		return;
	lxw.worksheet_write_number(ws, r, c, strtod(s, NULL), fmt);
	widen(width, s, n + (fmt != NULL));
}

static void header(xlsx_state *x, lxw_worksheet *ws, const char *const *names, size_t n,
                   double *width)
{
	for (size_t c = 0; c < n; c++) {
		lxw.worksheet_write_string(ws, 0, (lxw_col_t)c, names[c], x->head);
		/* room for the filter button beside the name */
		width[c] = shown_width(names[c], strlen(names[c])) + 3;
	}
	lxw.worksheet_freeze_panes(ws, 1, 0);
}

/* The working directory and the workbook in it, gone. */
static void remove_dir(xlsx_state *x)
{
	unlink(x->path);
	ss_export_temp(x->path, false, false);
	rmdir(x->dir);
	ss_export_temp(x->dir, true, false);
}

static void xlsx_begin(ss_export *e)
{
	xlsx_state *x = ss_xcalloc(1, sizeof *x);
	e->state = x;
	pthread_once(&lib_once, lib_open);
	if (lib_error) {
		e->error = lib_error;
		return;
	}
	const char *tmp = getenv("TMPDIR");
	if (!tmp || !*tmp || strlen(tmp) > sizeof x->dir - 24)
		tmp = "/tmp";
	snprintf(x->dir, sizeof x->dir, "%s/statspan-xlsx.XXXXXX", tmp);
	if (!mkdtemp(x->dir)) {
		e->error = "cannot make a temporary directory for the workbook";
		return;
	}
	snprintf(x->path, sizeof x->path, "%s/facts.xlsx", x->dir);
	/* announced once made (its name is mkdtemp's), the file before it exists */
	ss_export_temp(x->dir, true, true);
	ss_export_temp(x->path, false, true);
	lxw_workbook_options opts = {.constant_memory = LXW_TRUE, .tmpdir = x->dir,
	                             .use_zip64 = LXW_TRUE};
	x->wb = lxw.workbook_new_opt(x->path, &opts);
	if (!x->wb) {
		e->error = "cannot create the workbook";
		remove_dir(x);
		return;
	}
	/* SOURCE_DATE_EPOCH, as reproducible builds set it, fixes the one thing
	 * in the file that is not the facts: its creation time. */
	lxw_doc_properties props = {.title = "statspan facts", .author = "statspan"};
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	if (epoch && *epoch)
		props.created = (time_t)strtoll(epoch, NULL, 10);
	lxw.workbook_set_properties(x->wb, &props);
	x->facts = lxw.workbook_add_worksheet(x->wb, "Facts");
	x->docs = lxw.workbook_add_worksheet(x->wb, "Documents");
	x->head = lxw.workbook_add_format(x->wb);
	lxw.format_set_bold(x->head);
	x->pct = lxw.workbook_add_format(x->wb);
	lxw.format_set_num_format(x->pct, "General\"%\"");

	/* A workbook has room for every column of a fact: all of the table but
	 * audit's verdicts, unless the run chose some. */
	for (size_t c = 0; c < ss_ncolumns && c < SS_COLSET_MAX; c++)
		if (ss_columns[c].group != SS_COLS_VERDICT)
			x->all.col[x->all.n++] = &ss_columns[c];
	x->cols = e->cols ? e->cols : &x->all;
	const char *names[SS_COLSET_MAX];
	for (size_t c = 0; c < x->cols->n; c++)
		names[c] = x->cols->col[c]->name;
	header(x, x->facts, names, x->cols->n, x->fwidth);
	header(x, x->docs, doc_cols, NDOC_COLS, x->dwidth);
	x->frow = x->drow = 1;
}

static void doc_row(xlsx_state *x, const char *name, const ss_doc *doc, const char *message)
{
	lxw_worksheet *ws = x->docs;
	lxw_row_t r = x->drow++;
	double *w = x->dwidth;
	if (r >= LXW_ROW_MAX)
		return; /* the facts of so many documents are past their limit anyway */
	put_ctext(x, ws, r, 0, name, &w[0]);
	if (doc) {
		put_ctext(x, ws, r, 1, ss_doc_title(doc), &w[1]);
		put_ctext(x, ws, r, 2, ss_doc_date(doc), &w[2]);
		put_ctext(x, ws, r, 3, ss_doc_author(doc), &w[3]);
		put_ctext(x, ws, r, 4, ss_format_name(ss_doc_format(doc)), &w[4]);
		lxw.worksheet_write_number(ws, r, 5, (double)ss_doc_fact_count(doc), NULL);
	}
	bool failed = !doc || ss_doc_status(doc) != SS_OK;
	put_ctext(x, ws, r, 6, failed ? "failed" : "ok", &w[6]);
	put_ctext(x, ws, r, 7, message, &w[7]);
}

/* Field col of fact i in cell (r, c): numbers in numeric cells (a value in
 * % with the percent format), text in text cells, nothing for a null. */
static void put_field(xlsx_state *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                      const ss_column *col, const ss_doc *doc, size_t i, lxw_format *num,
                      double *width)
{
	ss_field v = ss_column_get(col, doc, i, &x->scratch);
	if (v.is_null)
		return;
	if (col->type == SS_COL_TEXT)
		put_text(x, ws, r, c, v.s, v.len, width);
	else
		put_number(ws, r, c, v.s, v.len, col->type == SS_COL_NUMBER ? num : NULL, width);
}

/* The Verdicts sheet, made when the first audited document comes. */
static void verdicts_sheet(xlsx_state *x)
{
	x->verdicts = lxw.workbook_add_worksheet(x->wb, "Verdicts");
	const char *names[NVERDICT_COLS];
	for (size_t c = 0; c < NVERDICT_COLS; c++) {
		names[c] = verdict_cols[c].head;
		x->vcol[c] = ss_column_find(verdict_cols[c].col, strlen(verdict_cols[c].col));
	}
	header(x, x->verdicts, names, NVERDICT_COLS, x->vwidth);
	lxw.worksheet_activate(x->verdicts); /* what an audit's reader opens it for */
	x->vrow = 1;
}

static void verdict_rows(xlsx_state *x, const ss_doc *doc)
{
	size_t n = ss_doc_fact_count(doc);
	for (size_t i = 0; i < n && x->vrow < LXW_ROW_MAX; i++) {
		const ss_verdict *v = ss_doc_verdict(doc, i);
		lxw_row_t r = x->vrow++;
		for (size_t c = 0; c < NVERDICT_COLS; c++) {
			const char *name = x->vcol[c]->name;
			const char *unit = !strcmp(name, "evidence_value") ? ss_verdict_unit(v)
			                   : !strcmp(name, "value")        ? ss_verdict_claim_unit(v)
			                                                   : NULL;
			lxw_format *num = unit && !strcmp(unit, "%") ? x->pct : NULL;
			put_field(x, x->verdicts, r, (lxw_col_t)c, x->vcol[c], doc, i, num, &x->vwidth[c]);
		}
	}
}

static void xlsx_doc(ss_export *e, const ss_doc *doc)
{
	xlsx_state *x = e->state;
	if (!x->wb)
		return;
	doc_row(x, ss_doc_name(doc), doc, e->message);
	size_t n = ss_doc_fact_count(doc);
	if (n && ss_doc_verdict(doc, 0)) {
		if (!x->verdicts)
			verdicts_sheet(x);
		verdict_rows(x, doc);
	}
	for (size_t i = 0; i < n; i++) {
		if (x->frow >= LXW_ROW_MAX) {
			x->dropped += n - i;
			return;
		}
		lxw_row_t r = x->frow++;
		const ss_fact *f = ss_doc_fact(doc, i);
		lxw_format *num = !strcmp(ss_fact_unit(f), "%") ? x->pct : NULL;
		for (size_t c = 0; c < x->cols->n; c++)
			put_field(x, x->facts, r, (lxw_col_t)c, x->cols->col[c], doc, i, num,
			          &x->fwidth[c]);
	}
}

static void xlsx_failed(ss_export *e, const char *name, const char *message)
{
	xlsx_state *x = e->state;
	if (x->wb)
		doc_row(x, name, NULL, message);
}

static void set_widths(lxw_worksheet *ws, const double *width, size_t n)
{
	for (size_t c = 0; c < n; c++) {
		double w = width[c] < WIDTH_MIN ? WIDTH_MIN : width[c] > WIDTH_MAX ? WIDTH_MAX : width[c];
		lxw.worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
	}
}

/* The finished workbook's bytes to the stream (or the buffer). */
static bool copy_out(ss_export *e, const char *path)
{
	FILE *in = fopen(path, "rb");
	if (!in)
		return false;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, in)) > 0) {
		if (e->out)
			fwrite(chunk, 1, n, e->out); /* a short write leaves ferror set */
		else
			ss_buf_add(&e->buf, chunk, n);
	}
	bool ok = !ferror(in);
	fclose(in);
	return ok;
}

static void xlsx_end(ss_export *e)
{
	xlsx_state *x = e->state;
	if (x->wb) {
		set_widths(x->facts, x->fwidth, x->cols->n);
		set_widths(x->docs, x->dwidth, NDOC_COLS);
		lxw.worksheet_autofilter(x->facts, 0, 0, x->frow - 1, (lxw_col_t)(x->cols->n - 1));
		lxw.worksheet_autofilter(x->docs, 0, 0, x->drow - 1, NDOC_COLS - 1);
		if (x->verdicts) {
			set_widths(x->verdicts, x->vwidth, NVERDICT_COLS);
			lxw.worksheet_autofilter(x->verdicts, 0, 0, x->vrow - 1, NVERDICT_COLS - 1);
		}
		if (lxw.workbook_close(x->wb) != LXW_NO_ERROR)
			e->error = "the workbook could not be written (temporary space full?)";
		else if (x->dropped)
			/* a short workbook is worse than none: the run fails */
			e->error = "more facts than the 1,048,575 rows a sheet holds "
			           "(use -f csv, or fewer inputs a workbook)";
		else if (!copy_out(e, x->path))
			e->error = "cannot read the workbook back from its temporary file";
		remove_dir(x);
	}
	ss_buf_release(&x->scratch);
	ss_buf_release(&x->cell);
	free(x);
	e->state = NULL;
}

const ss_exporter ss_exporter_xlsx = {"xlsx",   SS_FMT_WHOLE_RUN | SS_FMT_BINARY,
                                      xlsx_begin, xlsx_doc, xlsx_end, xlsx_failed};
