/*
 * export.h - the exporters: one table of columns (name, type, getter) that
 * every format writes, and one table of formats, each saying what it needs
 * from the caller instead of being recognised by its name.
 *
 * Exporters read documents and facts only through include/statspan.h.
 */
#ifndef SS_EXPORT_H
#define SS_EXPORT_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "../util/util.h"
#include "statspan.h"

/* ---- columns (columns.c) ---- */

typedef enum {
	SS_COL_TEXT,    /* a string: quoted in JSON, guarded in CSV/TSV */
	SS_COL_NUMBER,  /* an exact decimal as written (value, low, high) */
	SS_COL_INTEGER, /* offsets, line, column */
} ss_col_type;

/* One field as bytes: s[0..len), NUL-terminated, with no NUL inside. */
typedef struct {
	const char *s;
	size_t len;
	bool is_null; /* an empty optional field: null in JSON, empty in CSV */
} ss_field;

/* Which columns a run writes when it names none: the standard ones (SPEC's
 * fact table); the workbook, which has room, also the extra ones; verdict
 * columns only where audit asks for them. */
typedef enum { SS_COLS_STANDARD, SS_COLS_EXTRA, SS_COLS_VERDICT } ss_col_group;

typedef struct ss_column {
	const char *name;
	size_t len;       /* strlen(name), so that no writer counts it per fact */
	ss_col_type type;
	ss_col_group group;
	/* The field for fact f (number i) of doc. Bytes not already held by
	 * the document or the fact are made in scratch, which the caller has
	 * emptied; the field is valid until scratch is used again. */
	ss_field (*get)(const ss_doc *doc, size_t i, const ss_fact *f, ss_buf *scratch);
	/* For a column that shows a span of the document's text (subject,
	 * period, sentence), that span: the same span, the same field. NULL for
	 * the others. */
	ss_tspan (*span)(const ss_fact *f);
	/* For an integer column, its value (*is_null set when it has none),
	 * so that a format can write the digits where they go; NULL for the
	 * others. get gives the same as text. */
	size_t (*num)(const ss_doc *doc, size_t i, const ss_fact *f, bool *is_null);
	/* For a column whose field is a string already held by the document,
	 * the fact or the program (a name, a kind, a value as written): that
	 * string, NULL for null; NULL for the others. get gives the same. The
	 * facts of a document often share one (the document's name, a kind, a
	 * unit), so a format may keep what it wrote for the last one. A
	 * column with both cstr and num (id) is the string, '#' and the
	 * number: "a.txt#3". */
	const char *(*cstr)(const ss_doc *doc, size_t i, const ss_fact *f);
} ss_column;

/* Every column, the standard ones first in SPEC's order. */
extern const ss_column ss_columns[];
extern const size_t ss_ncolumns;

/* The column named name[0..len), or NULL. */
const ss_column *ss_column_find(const char *name, size_t len);
/* Comma-separated names of every column, for --help and messages. */
const char *ss_column_names(void);

/* The columns a run writes, in order. */
#define SS_COLSET_MAX 64
typedef struct {
	size_t n;
	const ss_column *col[SS_COLSET_MAX];
} ss_colset;

/* The standard columns (SPEC's fact table). */
const ss_colset *ss_colset_default(void);

/* Parse a --columns list: names separated by commas, blanks around them
 * allowed, each name at most once, at least one. Returns NULL and fills set
 * on success; otherwise a malloc'd message for the user (the caller frees it),
 * e.g. "unknown column 'vlaue' (columns: doc, id, ...)". */
char *ss_colset_parse(ss_colset *set, const char *list);

/* Field c of fact i of doc; scratch is emptied first. */
static inline ss_field ss_column_get(const ss_column *c, const ss_doc *doc, size_t i,
                                     ss_buf *scratch)
{
	ss_buf_reset(scratch);
	return c->get(doc, i, ss_doc_fact(doc, i), scratch);
}

/* What a format wrote last for each span column of a run of facts, by
 * place in the column set: the facts of one sentence share it, so the
 * sentence is folded and escaped once, not once a fact. Zero it (or
 * SS_SPAN_MEMO_INIT) for each document; release it after. */
typedef struct {
	ss_tspan span[SS_COLSET_MAX];
	bool have[SS_COLSET_MAX];
	ss_buf bytes[SS_COLSET_MAX];
} ss_span_memo;

/* When column c of the column set is a span column and fact f's span there
 * is the one written last, append the bytes written then to b and return
 * true. Otherwise false: the format writes the field from b->len = at, and
 * then calls ss_span_memo_keep. */
bool ss_span_memo_reuse(ss_span_memo *m, size_t c, const ss_column *col, const ss_fact *f,
                        ss_buf *b);
void ss_span_memo_keep(ss_span_memo *m, size_t c, const ss_column *col, const ss_fact *f,
                       const ss_buf *b, size_t at);
void ss_span_memo_release(ss_span_memo *m);

/* ---- formats (export.c) ---- */

typedef struct ss_exporter ss_exporter;

/* What a format needs from the caller. */
enum {
	/* Each document goes through the run's own ss_export, on the writing
	 * thread and in input order: its records depend on the documents
	 * before it (separators, a document list, a workbook). Formats without
	 * it may render each document apart (ss_export with out NULL) and have
	 * the bytes written in order. */
	SS_FMT_WHOLE_RUN = 1u << 0,
	/* Not text: never to a terminal, no byte-order mark. */
	SS_FMT_BINARY = 1u << 1,
	/* begin writes a header row of the column names. */
	SS_FMT_HEADER = 1u << 2,
};

/* Formats append to buf, a byte at a time being far cheaper there than
 * through stdio; each ss_export_* call then hands buf to out, or, with out
 * NULL, leaves it for the caller to take. */
typedef struct {
	FILE *out;
	ss_buf buf;
	bool bom; /* text formats: start with a UTF-8 byte-order mark (for Excel) */
	const ss_colset *cols; /* NULL: ss_colset_default() */
	size_t ndocs, nfacts;
	const char *message; /* for doc(): the error a failed document gave, or NULL */
	const char *error;   /* set by a format that could not write: why (static text) */
	void *state; /* the format's own */
	const ss_exporter *vt;
} ss_export;

struct ss_exporter {
	const char *name;
	unsigned needs; /* SS_FMT_* */
	void (*begin)(ss_export *e);
	void (*doc)(ss_export *e, const ss_doc *doc);
	void (*end)(ss_export *e);
	/* An input that gave no document (a file that could not be read), for the
	 * formats that list every input; may be NULL. */
	void (*failed)(ss_export *e, const char *name, const char *message);
};

/* The exporter for a format name (json, jsonl, csv, tsv, xlsx, html), or NULL. */
const ss_exporter *ss_exporter_find(const char *name);
/* The formats of the table, in order (for the public writer's list). */
size_t ss_exporter_count(void);
const ss_exporter *ss_exporter_at(size_t i);
/* Comma-separated list of the format names, for --help. */
const char *ss_exporter_names(void);

/* Start a run of format vt writing cols (NULL: the standard ones) to out. */
void ss_export_start(ss_export *e, const ss_exporter *vt, const ss_colset *cols, FILE *out,
                     bool bom);
/* ss_export_start with the standard columns. */
void ss_export_begin(ss_export *e, const ss_exporter *vt, FILE *out, bool bom);
void ss_export_doc(ss_export *e, const ss_doc *doc);
/* A format calls this after each record: with a stream, a large document's
 * records go out as they are made instead of all held at once. */
void ss_export_record_done(ss_export *e);
/* And this, with the records done of the n of a document whose first one
 * began at buf offset start: rendered into memory (no stream), they are
 * held whole, so room for all is made once from the average of the first
 * SS_EXPORT_SIZE_AFTER, and the buffer is not copied each time it would
 * double. */
#define SS_EXPORT_SIZE_AFTER 64
void ss_export_reserve_all(ss_export *e, size_t start, size_t n);
static inline void ss_export_reserve(ss_export *e, size_t start, size_t done, size_t n)
{
	if (done == SS_EXPORT_SIZE_AFTER)
		ss_export_reserve_all(e, start, n);
}
void ss_export_end(ss_export *e);
/* An input that failed before it became a document; ignored by most formats. */
void ss_export_failed(ss_export *e, const char *name, const char *message);

/* The temporaries a format makes on the way (xlsx: its working directory
 * and the workbook in it) are announced to fn, when set: made true when one
 * is about to be made, false once it is gone, so that a program can remove
 * them when it is killed. Process-wide; set it before the first run. */
typedef void (*ss_export_temp_fn)(const char *path, bool dir, bool made);
void ss_export_set_temp_hook(ss_export_temp_fn fn);
/* For the formats: announce a temporary to the hook, if any. */
void ss_export_temp(const char *path, bool dir, bool made);

/* The columns of a run. */
static inline const ss_colset *ss_export_cols(const ss_export *e)
{
	return e->cols ? e->cols : ss_colset_default();
}

/* Whether a spreadsheet would evaluate the text cell s[0..n) as a formula
 * (csv.c): it starts with = + - @, a tab or a CR, and what follows is not a
 * plain number or percentage ("-0.3%", "+5", a lone "-" are data). */
bool ss_cell_is_formula(const char *s, size_t n);

/* ---- appending to the buffer without a call per byte ---- */

/* Room for n more bytes at the end of b; write them at the pointer returned,
 * then end with ss_out_done at the byte after the last one written. */
static inline char *ss_out_room(ss_buf *b, size_t n)
{
	if (b->cap - b->len <= n)
		ss_buf_grow(b, n);
	return b->ptr + b->len;
}

static inline void ss_out_done(ss_buf *b, char *end)
{
	b->len = (size_t)(end - b->ptr);
	*end = '\0';
}

static inline void ss_out_add(ss_buf *b, const char *s, size_t n)
{
	char *d = ss_out_room(b, n);
	memcpy(d, s, n);
	ss_out_done(b, d + n);
}

static inline void ss_out_addc(ss_buf *b, char c)
{
	char *d = ss_out_room(b, 1);
	*d++ = c;
	ss_out_done(b, d);
}

#endif
