/*
 * audit.h - checking claimed figures against source documents.
 *
 * claims -> intervals -> evidence ranking -> verdicts. A claim figure is a
 * fact extracted from a claim sentence; the source facts are extracted once
 * and indexed by unit family and by the words around them. Each claim figure
 * gets one verdict: supported (with the best evidence), contradicted (with
 * the conflicting source fact and the field that disagrees) or unsupported.
 *
 * Library code: uses only statspan.h, util and numeral; never prints.
 */
#ifndef SS_AUDIT_H
#define SS_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "statspan.h"
#include "../facts/facts.h" /* a figure keeps its fact, normalised (au_fig) */
#include "../util/util.h"

/* The default tolerance of 约/左右/上下 and 近: a share of the value. */
#define SS_AUDIT_TOLERANCE 0.05

/* ---- the lexicon: the words audit reads (rules/audit.lexicon) ---- */

typedef struct au_lexicon au_lexicon;

/* Parse a lexicon held in memory (name for diagnostics); errors go to sink
 * as name:line: message. Returns NULL when nothing could be read. */
au_lexicon *au_lexicon_parse(const char *name, const char *buf, size_t len,
                             ss_diag_sink *sink);
/* The lexicon built into the library (rules/audit.lexicon at build time). */
au_lexicon *au_lexicon_default(ss_diag_sink *sink);
void au_lexicon_free(au_lexicon *lx);
/* Whether s[0..n) is, whole, a word naming the size of a change (a size
 * line: 增幅, 涨幅). */
bool au_lexicon_is_size(const au_lexicon *lx, const char *s, size_t n);

/* ---- intervals (interval.c) ---- */

/* Half of the last place written in a figure: 49% -> 0.5, 4.6千亿 -> 5e9,
 * 三成 -> 5 (value in the fact's units). text is the figure as written. */
double au_precision(const char *text, size_t len, double value);

typedef struct {
	double lo, hi; /* closed; -HUGE_VAL / HUGE_VAL where open */
} au_interval;

/* What a claim figure states: its written precision, widened by tol (a
 * share of the value) for 约 and below the value for 近; a bound for
 * 以上/超过/以下/不到; both ends for a range. */
au_interval au_claim_interval(const ss_fact *f, const char *text, size_t len, double tol);
/* What a source fact states: its bounds when it has a bound qualifier
 * (95%以上 is [95, inf)), else its value within its written precision
 * (42% is [41.5, 42.5)). */
au_interval au_source_interval(const ss_fact *f, const char *text, size_t len);
/* Whether a source fact states a bound (then a claim must follow from it:
 * its interval inside the claim's) rather than a rounded value (then the
 * two intervals must meet: both sides are rounded reports). */
bool au_source_is_bound(const ss_fact *f);

/* Unit families: figures of different families are never compared. */
typedef enum { AU_FAM_PERCENT, AU_FAM_MONEY, AU_FAM_COUNT, AU_FAM_MULTIPLE } au_family;
au_family au_unit_family(ss_kind kind, const char *unit);
/* A key for the index: the family, and the measure word for a count. */
uint32_t au_family_key(ss_kind kind, const char *unit);
/* pp and bp are one scale (1pp = 100bp); the factor to percentage points,
 * or 0 for a unit that is not one of them. */
double au_points_scale(const char *unit);

/* ---- one figure, on either side ---- */

typedef struct {
	uint32_t id;
	float w;
} au_token;

typedef struct {
	uint32_t doc;            /* index of its document */
	ss_fact f;               /* the fact as extracted (spans into its doc's text) */
	uint32_t famkey;
	au_interval iv;          /* claim: au_claim_interval; source: au_source_interval */
	uint32_t text, subject, period, sentence; /* offsets into the string store */
	uint32_t tok, ntok;      /* context tokens, sorted by id */
	uint32_t stok, nstok;    /* subject tokens, sorted by id */
	uint64_t years;          /* bit y-1970 for each year the period names */
	uint32_t subyear;        /* a hash of the part of the period below the year, 0 if none */
	uint32_t fact;           /* its number among its document's facts */
	uint32_t page, box;      /* a PDF's page (0 otherwise) and box (string offset) */
	bool scaled;             /* a rise in 倍 turned into % (value no longer value_str) */
} au_fig;

/* The figures of a set of documents and what is needed to rank them. */
typedef struct {
	const au_lexicon *lx;
	double tol;
	char **docs;             /* names */
	size_t ndocs, docs_cap;
	au_fig *figs;
	size_t nfigs, figs_cap;
	ss_buf strings;          /* NUL-terminated strings, by offset */
	au_token *toks;
	size_t ntoks, toks_cap;
	/* filled by au_index_finish */
	uint32_t *doc_first;     /* figures of doc d: [doc_first[d], doc_first[d+1]) */
	uint32_t *doc_toks;      /* sources: doc d's title and lead, sorted, at */
	size_t *doc_tok_first;   /* [doc_tok_first[d], doc_tok_first[d+1]) */
	size_t ndoc_toks, doc_toks_cap, doc_tok_cap;
	void *post;              /* postings by (family, token) (index.h) */
	float *tidf;             /* the weight of each subject token, by token index */
} au_store;

void au_store_init(au_store *s, const au_lexicon *lx, double tol);
void au_store_release(au_store *s);
/* Add every fact of doc (claim side: intervals as claims; source side: as
 * sources). Returns the index of the document in the store. */
uint32_t au_store_add_doc(au_store *s, const ss_doc *doc, const char *name, bool claims);
/* The string at offset off of the store. */
static inline const char *au_str(const au_store *s, uint32_t off)
{
	return s->strings.ptr + off;
}

/* Build the postings and the token weights. Call once, after the last add,
 * on the source store. */
void au_index_finish(au_store *src);

/* ---- verdicts (judge.c) ---- */

typedef enum { AU_SUPPORTED, AU_CONTRADICTED, AU_UNSUPPORTED } au_verdict_kind;

/* The field a contradiction is about. */
typedef enum {
	AU_FIELD_NONE, AU_FIELD_VALUE, AU_FIELD_QUALIFIER, AU_FIELD_UNIT, AU_FIELD_DIRECTION,
	AU_FIELD_SUBJECT, AU_FIELD_PERIOD
} au_field;

typedef struct {
	au_verdict_kind kind;
	au_field field;
	char *reason;      /* malloc'd "value: source says 42%, claim says 43%", or NULL */
	long evidence;     /* index of the source figure, -1 when unsupported */
	double score;      /* how well the contexts agree (0..) */
} au_verdict;

const char *au_verdict_name(au_verdict_kind k);
const char *au_field_name(au_field f);

/* Working memory of au_judge, reused from one claim to the next. */
typedef struct {
	float *acc;
	uint32_t *touched;
	size_t ntouched, cap;
	double *idf;
	size_t idf_cap;
	bool *defer; /* claim tokens too common to walk the postings of */
	size_t defer_cap;
	struct au_span *order; /* the claim's tokens, rarest first */
	size_t order_cap;
} au_scratch;

typedef struct au_span {
	size_t at, n; /* postings */
	uint32_t tok; /* index of the claim token */
} au_span;

void au_scratch_init(au_scratch *sc);
void au_scratch_release(au_scratch *sc);

/* A bonus for the candidates of one source document. */
typedef struct {
	uint32_t doc;
	float bonus;
} au_prior;

/* Judge claim figure c of store claims against the sources; restrict to the
 * documents whose names match only_doc when it is not NULL (a claim that
 * cites its source); prior[0..nprior) favours some documents. Free
 * v->reason when done. */
void au_judge(const au_store *src, au_scratch *sc, const au_store *claims, const au_fig *c,
              const char *only_doc, const au_prior *prior, size_t nprior, au_verdict *v);

/* Judge every figure of claims: out[i] for claims->figs[i], cited[i] its
 * cited source or NULL (cited may be NULL). Twice: the second time a claim
 * figure favours the documents that support the other figures of its
 * sentence, and, less, those that support the claims as a whole (a summary
 * is mostly of one article), so that an entity named once in the claim
 * finds the article that names it. Up to jobs threads; the verdicts are the
 * same whatever their number. */
void au_judge_all(const au_store *src, const au_store *claims, const char *const *cited,
                  au_verdict *out, int jobs);

/* Whether a document name matches a cited source: the same path, the same
 * final path component, or a path ending in "/" + cited. */
bool au_doc_matches(const char *name, const char *cited);

/* ---- context tokens (context.c) ---- */

/* Append the tokens of sentence s[0..n) around the figure at [fs, fe), whose
 * subject is [ss, se) (byte offsets in s; empty when none), to out:
 * character bigrams, years and lexicon concepts, weighted by where they
 * stand from the figure; merged and sorted. */
void au_context_tokens(const au_lexicon *lx, const char *s, size_t n, size_t fs, size_t fe,
                       size_t ss, size_t se, au_token **out, size_t *nout, size_t *cap);
/* The same for a short phrase (a subject): every token weighs 1. */
void au_phrase_tokens(const au_lexicon *lx, const char *s, size_t n, au_token **out,
                      size_t *nout, size_t *cap);
/* Years and the part below a year that a period names. */
void au_period_parse(const char *s, size_t n, uint64_t *years, uint32_t *subyear);

/* ---- claims tables (claims.c) ---- */

typedef enum { AU_CLAIMS_DOC, AU_CLAIMS_CSV, AU_CLAIMS_JSON, AU_CLAIMS_JSONL } au_claims_format;

typedef struct {
	char *claim, *source, *id; /* source and id may be NULL */
	size_t cell;               /* byte offset of the claim cell in the file */
	size_t cell_len;
	unsigned line;             /* 1-based line of the row */
} au_claim_row;

typedef struct {
	au_claim_row *rows;
	size_t n, cap;
} au_claim_rows;

/* The format of a claims file: by its name's extension, else by its first
 * bytes (a [ for JSON, a { for JSONL, a header line with a claim column for
 * CSV); anything else is a document. */
au_claims_format au_claims_sniff(const char *name, const char *buf, size_t len);
/* Parse a claims table. A bad row or a missing column is reported through
 * sink as name:line: message and the other rows are kept. Returns false
 * when there is no claim column at all. */
bool au_claims_parse(au_claims_format fmt, const char *name, const char *buf, size_t len,
                     au_claim_rows *rows, ss_diag_sink *sink);
void au_claim_rows_release(au_claim_rows *rows);
/* Where the figure text[0..n) (the occ-th time it stands in the decoded
 * claim) sits in the raw cell, as a byte offset into the file; the cell's
 * start when the escapes of the cell hide it. */
size_t au_claims_locate(const char *buf, const au_claim_row *row, const char *text, size_t n,
                        unsigned occ);

/* Attach verdicts to doc, one per fact (src/facts/doc.c; the library's
 * own: callers go through ss_verdicts_attach). */
void ss_doc_set_verdicts(ss_doc *doc, const ss_verdict *verdicts);

#endif
