/* columns.c - the fact record as one table of columns, so every exporter
 * writes the same fields in the same order (SPEC's fact table), and a new
 * column is one getter and one line of the table. Fields are bytes with
 * their length; those not in the document or the fact already are made in a
 * scratch buffer the caller keeps, so that none is allocated per field. */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"

static ss_field str(const char *s, bool is_null)
{
	return (ss_field){s, strlen(s), is_null};
}

static ss_field opt(const char *s)
{
	return s ? str(s, false) : (ss_field){"", 0, true};
}

static ss_field made(const ss_buf *scratch, bool is_null)
{
	return (ss_field){scratch->ptr ? scratch->ptr : "", scratch->len, is_null};
}

static ss_field decimal(ss_buf *b, size_t v)
{
	char tmp[24], *p = tmp + sizeof tmp;
	do
		*--p = (char)('0' + v % 10);
	while (v /= 10);
	ss_out_add(b, p, (size_t)(tmp + sizeof tmp - p));
	return made(b, false);
}

/* A span of the stripped text with white space folded, as sentences show. */
static ss_field span(const ss_doc *doc, ss_tspan t, ss_buf *b, bool empty_is_null)
{
	if (t.end > t.start) {
		char *d = ss_out_room(b, t.end - t.start);
		b->len += ss_doc_span_fold(doc, t, d);
	}
	return made(b, empty_is_null && t.end <= t.start);
}

#define GETTER(name) \
	static ss_field get_##name(const ss_doc *doc, size_t i, const ss_fact *f, ss_buf *b)

/* A column whose field is a string the document, the fact or the program
 * already holds: that string (cstr_NAME, NULL for null) and, from it, the
 * field. */
#define CSTR(name) \
	static const char *cstr_##name(const ss_doc *doc, size_t i, const ss_fact *f); \
	GETTER(name) \
	{ \
		(void)b; \
		const char *s = cstr_##name(doc, i, f); \
		return s ? str(s, false) : (ss_field){"", 0, true}; \
	} \
	static const char *cstr_##name(const ss_doc *doc, size_t i, const ss_fact *f)

CSTR(doc)
{
	(void)i, (void)f;
	return ss_doc_name(doc);
}

/* The document's name, '#' and the fact's number from 1: cstr and num give
 * the two parts. */
static const char *cstr_id(const ss_doc *doc, size_t i, const ss_fact *f)
{
	return cstr_doc(doc, i, f);
}

static size_t num_id(const ss_doc *doc, size_t i, const ss_fact *f, bool *is_null)
{
	(void)doc, (void)f, (void)is_null;
	return i + 1;
}

GETTER(id)
{
	ss_buf_adds(b, cstr_id(doc, i, f));
	ss_out_addc(b, '#');
	return decimal(b, num_id(doc, i, f, NULL));
}

CSTR(kind)
{
	(void)doc, (void)i;
	return ss_kind_name(ss_fact_kind(f));
}

/* As written: not folded, so the span invariant holds byte for byte (a
 * copy, as a field ends with a NUL). */
GETTER(text)
{
	size_t len;
	const char *t = ss_doc_text(doc, &len);
	ss_tspan s = ss_fact_text(f);
	ss_out_add(b, t + s.start, s.end - s.start);
	return made(b, false);
}

CSTR(value)
{
	(void)doc, (void)i;
	return ss_fact_value_str(f);
}

CSTR(unit)
{
	(void)doc, (void)i;
	return ss_fact_unit(f);
}

CSTR(qualifier)
{
	(void)doc, (void)i;
	return ss_qualifier_name(ss_fact_qualifier(f));
}

CSTR(low)
{
	(void)doc, (void)i;
	return ss_fact_low_str(f);
}

CSTR(high)
{
	(void)doc, (void)i;
	return ss_fact_high_str(f);
}

CSTR(direction)
{
	(void)doc, (void)i;
	ss_direction d = ss_fact_direction(f);
	return d == SS_DIR_NONE ? NULL : ss_direction_name(d);
}

CSTR(basis)
{
	(void)doc, (void)i;
	ss_basis v = ss_fact_basis(f);
	return v == SS_BASIS_NONE ? NULL : ss_basis_name(v);
}

GETTER(subject) { return span(doc, ss_fact_subject(f), b, true); }
GETTER(period) { return span(doc, ss_fact_period(f), b, true); }
CSTR(period_from)
{
	(void)doc, (void)i;
	const char *s = ss_fact_period_from(f);
	return *s ? s : NULL;
}

CSTR(period_to)
{
	(void)doc, (void)i;
	const char *s = ss_fact_period_to(f);
	return *s ? s : NULL;
}
GETTER(sentence) { return span(doc, ss_fact_sentence(f), b, false); }

/* An integer column: its value (num_NAME) and, from it, its text. */
#define NUM(name) \
	static size_t num_##name(const ss_doc *doc, size_t i, const ss_fact *f, bool *is_null); \
	GETTER(name) \
	{ \
		bool is_null = false; \
		size_t v = num_##name(doc, i, f, &is_null); \
		return is_null ? (ss_field){"", 0, true} : decimal(b, v); \
	} \
	static size_t num_##name(const ss_doc *doc, size_t i, const ss_fact *f, bool *is_null)

NUM(start)
{
	(void)doc, (void)i, (void)is_null;
	size_t s;
	ss_fact_span(f, &s, NULL);
	return s;
}

NUM(end)
{
	(void)doc, (void)i, (void)is_null;
	size_t e;
	ss_fact_span(f, NULL, &e);
	return e;
}

NUM(line)
{
	(void)doc, (void)i, (void)is_null;
	return ss_fact_line(f);
}

NUM(column)
{
	(void)doc, (void)i, (void)is_null;
	return ss_fact_column(f);
}

CSTR(rule)
{
	(void)doc, (void)i;
	const char *r = ss_fact_rule(f);
	return r ? r : "";
}

/* Where a PDF's figure stands (ss_doc_fact_page); null for other documents. */
NUM(page)
{
	(void)f;
	unsigned p = ss_doc_fact_page(doc, i, NULL, 0);
	*is_null = !p;
	return p;
}

GETTER(box)
{
	char box[512]; /* a few boxes: a figure split over lines has one a line */
	if (!ss_doc_fact_page(doc, i, box, sizeof box))
		return (ss_field){"", 0, true};
	ss_out_add(b, box, strlen(box));
	return made(b, false);
}
CSTR(title)
{
	(void)i, (void)f;
	return ss_doc_title(doc);
}

CSTR(date)
{
	(void)i, (void)f;
	return ss_doc_date(doc);
}
/* where the fact stood on a web page; null for a document taken whole */
CSTR(region)
{
	(void)doc, (void)i;
	ss_region r = ss_fact_region(f);
	return r == SS_REGION_NONE ? NULL : ss_region_name(r);
}

/* An audited claim figure's verdict (ss_doc_verdict), through its
 * accessors; null when there is none, and the evidence fields null too when
 * the claim is unsupported. */
static const ss_field null_field = {"", 0, true};

#define VSTR(name, get) \
	GETTER(name) \
	{ \
		(void)f, (void)b; \
		const ss_verdict *v = ss_doc_verdict(doc, i); \
		return v ? opt(get(v)) : null_field; \
	}
#define VNUM(name, expr, evidence) \
	GETTER(name) \
	{ \
		(void)f; \
		const ss_verdict *v = ss_doc_verdict(doc, i); \
		if (!v || ((evidence) && !ss_verdict_doc(v))) \
			return null_field; \
		return decimal(b, (expr)); \
	}

static size_t vstart(const ss_verdict *v)
{
	size_t s;
	ss_verdict_span(v, &s, NULL);
	return s;
}

static size_t vend(const ss_verdict *v)
{
	size_t e;
	ss_verdict_span(v, NULL, &e);
	return e;
}

VSTR(verdict, ss_verdict_name)
VSTR(field, ss_verdict_field)
VSTR(reason, ss_verdict_reason)
VSTR(claim_id, ss_verdict_claim_id)
VNUM(claim_line, ss_verdict_claim_line(v), false)
VNUM(claim_column, ss_verdict_claim_column(v), false)
VSTR(evidence_doc, ss_verdict_doc)
VNUM(evidence_line, ss_verdict_line(v), true)
VNUM(evidence_column, ss_verdict_column(v), true)
VNUM(evidence_start, vstart(v), true)
VNUM(evidence_end, vend(v), true)
VSTR(evidence, ss_verdict_text)
VSTR(evidence_value, ss_verdict_value)
VSTR(evidence_unit, ss_verdict_unit)
VSTR(evidence_sentence, ss_verdict_sentence)
VSTR(evidence_box, ss_verdict_box)

GETTER(evidence_page)
{
	(void)f;
	const ss_verdict *v = ss_doc_verdict(doc, i);
	return v && ss_verdict_page(v) ? decimal(b, ss_verdict_page(v)) : null_field;
}

GETTER(score)
{
	(void)f;
	const ss_verdict *v = ss_doc_verdict(doc, i);
	if (!v || !ss_verdict_doc(v))
		return null_field;
	ss_buf_addf(b, "%.3f", ss_verdict_score(v));
	return made(b, false);
}

static ss_tspan span_subject(const ss_fact *f) { return ss_fact_subject(f); }
static ss_tspan span_period(const ss_fact *f) { return ss_fact_period(f); }
static ss_tspan span_sentence(const ss_fact *f) { return ss_fact_sentence(f); }

#define COL(name, type, group) \
	{#name, sizeof #name - 1, type, group, get_##name, NULL, NULL, NULL}
#define SPAN_COL(name, group) \
	{#name, sizeof #name - 1, SS_COL_TEXT, group, get_##name, span_##name, NULL, NULL}
#define NUM_COL(name, group) \
	{#name, sizeof #name - 1, SS_COL_INTEGER, group, get_##name, NULL, num_##name, NULL}
#define JOINED_COL(name, group) \
	{#name, sizeof #name - 1, SS_COL_TEXT, group, get_##name, NULL, num_##name, cstr_##name}
#define CSTR_COL(name, type, group) \
	{#name, sizeof #name - 1, type, group, get_##name, NULL, NULL, cstr_##name}
const ss_column ss_columns[] = {
	CSTR_COL(doc, SS_COL_TEXT, SS_COLS_STANDARD),
	JOINED_COL(id, SS_COLS_STANDARD),
	CSTR_COL(kind, SS_COL_TEXT, SS_COLS_STANDARD),
	COL(text, SS_COL_TEXT, SS_COLS_STANDARD),
	CSTR_COL(value, SS_COL_NUMBER, SS_COLS_STANDARD),
	CSTR_COL(unit, SS_COL_TEXT, SS_COLS_STANDARD),
	CSTR_COL(qualifier, SS_COL_TEXT, SS_COLS_STANDARD),
	CSTR_COL(low, SS_COL_NUMBER, SS_COLS_STANDARD),
	CSTR_COL(high, SS_COL_NUMBER, SS_COLS_STANDARD),
	CSTR_COL(direction, SS_COL_TEXT, SS_COLS_STANDARD),
	CSTR_COL(basis, SS_COL_TEXT, SS_COLS_STANDARD),
	SPAN_COL(subject, SS_COLS_STANDARD),
	SPAN_COL(period, SS_COLS_STANDARD),
	CSTR_COL(period_from, SS_COL_TEXT, SS_COLS_STANDARD),
	CSTR_COL(period_to, SS_COL_TEXT, SS_COLS_STANDARD),
	SPAN_COL(sentence, SS_COLS_STANDARD),
	NUM_COL(start, SS_COLS_STANDARD),
	NUM_COL(end, SS_COLS_STANDARD),
	/* a PDF's page and box; null for other documents */
	NUM_COL(page, SS_COLS_STANDARD),
	COL(box, SS_COL_TEXT, SS_COLS_STANDARD),
	NUM_COL(line, SS_COLS_STANDARD),
	NUM_COL(column, SS_COLS_STANDARD),
	CSTR_COL(rule, SS_COL_TEXT, SS_COLS_STANDARD),
	/* the document's metadata, on every row when asked for */
	CSTR_COL(title, SS_COL_TEXT, SS_COLS_EXTRA),
	CSTR_COL(date, SS_COL_TEXT, SS_COLS_EXTRA),
	/* main-content detection: article, title or outside (with --all-text) */
	CSTR_COL(region, SS_COL_TEXT, SS_COLS_EXTRA),
	/* an audited claim figure's verdict and evidence (statspan audit) */
	COL(claim_id, SS_COL_TEXT, SS_COLS_VERDICT),
	COL(claim_line, SS_COL_INTEGER, SS_COLS_VERDICT),
	COL(claim_column, SS_COL_INTEGER, SS_COLS_VERDICT),
	COL(verdict, SS_COL_TEXT, SS_COLS_VERDICT),
	COL(field, SS_COL_TEXT, SS_COLS_VERDICT),
	COL(reason, SS_COL_TEXT, SS_COLS_VERDICT),
	COL(evidence_doc, SS_COL_TEXT, SS_COLS_VERDICT),
	COL(evidence_line, SS_COL_INTEGER, SS_COLS_VERDICT),
	COL(evidence_column, SS_COL_INTEGER, SS_COLS_VERDICT),
	COL(evidence_start, SS_COL_INTEGER, SS_COLS_VERDICT),
	COL(evidence_end, SS_COL_INTEGER, SS_COLS_VERDICT),
	COL(evidence_page, SS_COL_INTEGER, SS_COLS_VERDICT),
	COL(evidence_box, SS_COL_TEXT, SS_COLS_VERDICT),
	COL(evidence, SS_COL_TEXT, SS_COLS_VERDICT),
	COL(evidence_value, SS_COL_NUMBER, SS_COLS_VERDICT),
	COL(evidence_unit, SS_COL_TEXT, SS_COLS_VERDICT),
	COL(evidence_sentence, SS_COL_TEXT, SS_COLS_VERDICT),
	COL(score, SS_COL_NUMBER, SS_COLS_VERDICT),
};
const size_t ss_ncolumns = sizeof ss_columns / sizeof *ss_columns;

_Static_assert(sizeof ss_columns / sizeof *ss_columns <= SS_COLSET_MAX,
               "a column set must be able to hold every column");

const ss_column *ss_column_find(const char *name, size_t len)
{
	for (size_t c = 0; c < ss_ncolumns; c++)
		if (ss_columns[c].len == len && !memcmp(ss_columns[c].name, name, len))
			return &ss_columns[c];
	return NULL;
}

bool ss_span_memo_reuse(ss_span_memo *m, size_t c, const ss_column *col, const ss_fact *f,
                        ss_buf *b)
{
	if (!col->span || c >= SS_COLSET_MAX || !m->have[c])
		return false;
	ss_tspan t = col->span(f);
	if (t.start != m->span[c].start || t.end != m->span[c].end)
		return false;
	ss_out_add(b, m->bytes[c].ptr ? m->bytes[c].ptr : "", m->bytes[c].len);
	return true;
}

void ss_span_memo_keep(ss_span_memo *m, size_t c, const ss_column *col, const ss_fact *f,
                       const ss_buf *b, size_t at)
{
	if (!col->span || c >= SS_COLSET_MAX)
		return;
	m->span[c] = col->span(f);
	m->have[c] = true;
	ss_buf_reset(&m->bytes[c]);
	ss_buf_add(&m->bytes[c], b->ptr + at, b->len - at);
}

void ss_span_memo_release(ss_span_memo *m)
{
	for (size_t c = 0; c < SS_COLSET_MAX; c++)
		if (m->have[c])
			ss_buf_release(&m->bytes[c]);
}

static ss_colset standard;
static char names[SS_COLSET_MAX * 16];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* Both derived from the table once, so that they cannot disagree with it. */
static void derive(void)
{
	char *p = names;
	for (size_t c = 0; c < ss_ncolumns; c++) {
		if (ss_columns[c].group == SS_COLS_STANDARD)
			standard.col[standard.n++] = &ss_columns[c];
		p += sprintf(p, "%s%s", c ? ", " : "", ss_columns[c].name);
	}
}

const ss_colset *ss_colset_default(void)
{
	pthread_once(&once, derive);
	return &standard;
}

const char *ss_column_names(void)
{
	pthread_once(&once, derive);
	return names;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

char *ss_colset_parse(ss_colset *set, const char *list)
{
	ss_buf msg = SS_BUF_INIT;
	set->n = 0;
	for (const char *p = list;;) {
		const char *comma = strchr(p, ',');
		const char *a = p, *z = comma ? comma : p + strlen(p);
		while (a < z && blank(*a))
			a++;
		while (z > a && blank(z[-1]))
			z--;
		size_t n = (size_t)(z - a);
		const ss_column *c = ss_column_find(a, n);
		if (n == 0)
			ss_buf_addf(&msg, "empty column name in '%s'", list);
		else if (!c)
			ss_buf_addf(&msg, "unknown column '%.*s' (columns: %s)", (int)n, a,
			            ss_column_names());
		for (size_t k = 0; c && k < set->n && !msg.len; k++)
			if (set->col[k] == c)
				ss_buf_addf(&msg, "column '%s' named twice", c->name);
		if (msg.len) {
			set->n = 0;
			return ss_buf_detach(&msg, NULL);
		}
		set->col[set->n++] = c;
		if (!comma)
			return NULL;
		p = comma + 1;
	}
}
