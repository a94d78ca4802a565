/*
 * export.h - the exporters: one vtable, one implementation per format, all
 * writing the same fact record (SPEC's fact table, in its column order).
 */
#ifndef SS_EXPORT_H
#define SS_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "statspan.h"

typedef struct ss_exporter ss_exporter;

typedef struct {
	FILE *out;
	bool bom; /* CSV/TSV: start with a UTF-8 byte-order mark (for Excel) */
	size_t ndocs, nfacts;
	void *state; /* the format's own */
	const ss_exporter *vt;
} ss_export;

struct ss_exporter {
	const char *name;
	void (*begin)(ss_export *e);
	void (*doc)(ss_export *e, const ss_doc *doc);
	void (*end)(ss_export *e);
};

/* The exporter for a format name (json, jsonl, csv, tsv), or NULL. */
const ss_exporter *ss_exporter_find(const char *name);
/* Comma-separated list of the format names, for --help. */
const char *ss_exporter_names(void);

void ss_export_begin(ss_export *e, const ss_exporter *vt, FILE *out, bool bom);
void ss_export_doc(ss_export *e, const ss_doc *doc);
void ss_export_end(ss_export *e);

/* ---- the fact record, shared by every format ---- */

typedef enum { SS_COL_STR, SS_COL_NUM, SS_COL_INT } ss_col_type;

#define SS_NCOLS 19
extern const char *const ss_col_names[SS_NCOLS];

/* One field of fact i of doc, as text (numbers as their exact decimal);
 * *is_null is set for an empty optional field. The string is valid until the
 * next call with the same buf. */
const char *ss_fact_field(const ss_doc *doc, size_t i, int col, char **buf, ss_col_type *type,
                          bool *is_null);

#endif
