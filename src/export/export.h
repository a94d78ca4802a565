/*
 * export.h - the exporters: one vtable, one implementation per format, all
 * writing the same fact record (SPEC's fact table, in its column order).
 */
#ifndef SS_EXPORT_H
#define SS_EXPORT_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "../util/util.h"
#include "statspan.h"

typedef struct ss_exporter ss_exporter;

/* Formats append to buf, a byte at a time being far cheaper there than
 * through stdio; each ss_export_* call then hands buf to out, or, with out
 * NULL, leaves it for the caller to take. */
typedef struct {
	FILE *out;
	ss_buf buf;
	bool bom; /* CSV/TSV: start with a UTF-8 byte-order mark (for Excel) */
	size_t ndocs, nfacts;
	const char *message; /* for doc(): the error a failed document gave, or NULL */
	const char *error;   /* set by a format that could not write: why (static text) */
	void *state; /* the format's own */
	const ss_exporter *vt;
} ss_export;

struct ss_exporter {
	const char *name;
	void (*begin)(ss_export *e);
	void (*doc)(ss_export *e, const ss_doc *doc);
	void (*end)(ss_export *e);
	/* Every document comes to doc() on the writer's thread, in input order:
	 * what is written depends on the documents before (json's separators, a
	 * workbook), so records cannot be rendered apart. */
	bool whole_run;
	bool binary; /* not text: never for a terminal */
	/* An input that gave no document (a file that could not be read), for the
	 * formats that list every input; may be NULL. */
	void (*failed)(ss_export *e, const char *name, const char *message);
};

/* The exporter for a format name (json, jsonl, csv, tsv, xlsx, html), or NULL. */
const ss_exporter *ss_exporter_find(const char *name);
/* Comma-separated list of the format names, for --help. */
const char *ss_exporter_names(void);

void ss_export_begin(ss_export *e, const ss_exporter *vt, FILE *out, bool bom);
void ss_export_doc(ss_export *e, const ss_doc *doc);
void ss_export_end(ss_export *e);
/* An input that failed before it became a document; ignored by most formats. */
void ss_export_failed(ss_export *e, const char *name, const char *message);

/* ---- the fact record, shared by every format ---- */

typedef enum { SS_COL_STR, SS_COL_NUM, SS_COL_INT } ss_col_type;

#define SS_NCOLS 19
typedef struct {
	const char *name;
	size_t len; /* strlen(name), so that no writer counts it per fact */
} ss_col;
extern const ss_col ss_cols[SS_NCOLS];

/* One field as bytes: s[0..len), NUL-terminated, with no NUL inside. */
typedef struct {
	const char *s;
	size_t len;
	ss_col_type type;
	bool is_null; /* an empty optional field */
} ss_field;

/* Field col of fact i of doc (numbers as their exact decimal). Text made for
 * it goes into scratch: the field is valid until the next call with the same
 * scratch. */
ss_field ss_fact_field(const ss_doc *doc, size_t i, int col, ss_buf *scratch);

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
