/*
 * statspan.h - the public API of libstatspan.
 *
 * statspan pulls statistics (percentages, amounts of money, counts, multiples,
 * changes) out of Chinese financial documents and says exactly where each one
 * stands in the source: every fact carries the byte span [start, end) of its
 * figure in the source buffer it was extracted from.
 *
 * Typical use:
 *
 *     ss_ruleset *rs = ss_ruleset_new();
 *     ss_ruleset_add_defaults(rs);              // the built-in rules
 *     ss_ruleset_compile(rs);
 *     ss_doc *doc = ss_doc_extract(rs, "a.html", buf, len, NULL);
 *     for (size_t i = 0; i < ss_doc_fact_count(doc); i++) {
 *         const ss_fact *f = ss_doc_fact(doc, i);
 *         ...
 *     }
 *     ss_doc_free(doc);
 *     ss_ruleset_free(rs);
 *
 * The library never prints and never exits. Problems are returned as codes and
 * handed, with their position, to the diagnostic callback of the options.
 * Out of memory aborts with a message (there is nothing sensible to go on with).
 */
#ifndef STATSPAN_H
#define STATSPAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SS_VERSION "0.1.0"

/* Return codes. */
typedef enum {
	SS_OK = 0,
	SS_ERR_INPUT = 1,  /* the input could not be read or is not a document */
	SS_ERR_CONFIG = 2, /* bad rule file, bad option */
} ss_status;

/* ---- diagnostics ------------------------------------------------------- */

typedef enum { SS_DIAG_WARNING, SS_DIAG_ERROR } ss_diag_level;

/* One positioned message. Every pointer is only valid during the callback. */
typedef struct {
	ss_diag_level level;
	const char *file;    /* document or rule file name; may be NULL */
	unsigned line;       /* 1-based; 0 when unknown */
	unsigned column;     /* 1-based, in characters; 0 when unknown */
	const char *rule_id; /* the rule concerned, or NULL */
	const char *message; /* one line, no trailing newline */
	const char *excerpt; /* the offending source line for a caret display, or NULL */
} ss_diag;

typedef void (*ss_diag_fn)(void *userdata, const ss_diag *d);

/* ---- rule sets --------------------------------------------------------- */

typedef struct ss_ruleset ss_ruleset;

/* A new, empty rule set. Free with ss_ruleset_free(). */
ss_ruleset *ss_ruleset_new(void);
void ss_ruleset_free(ss_ruleset *rs);

/* Diagnostics for loading, compiling and matching go to fn (may be NULL). */
void ss_ruleset_set_diag(ss_ruleset *rs, ss_diag_fn fn, void *userdata);

/* Add the rules built into the library (from rules/ at build time). */
ss_status ss_ruleset_add_defaults(ss_ruleset *rs);

/* Add one rule file held in memory; name is used in diagnostics. */
ss_status ss_ruleset_add_buffer(ss_ruleset *rs, const char *name, const char *buf,
                                size_t len);

/* Add every *.rules file of a directory, in name order. */
ss_status ss_ruleset_add_dir(ss_ruleset *rs, const char *dir);

/* Compile every pattern (PCRE2, UTF, JIT). Must be called once, after the
 * last add and before extraction. SS_ERR_CONFIG when a pattern is broken
 * (reported as file:line:col through the diagnostic callback). */
ss_status ss_ruleset_compile(ss_ruleset *rs);

/* Rule introspection, for `statspan rules list`. */
size_t ss_ruleset_rule_count(const ss_ruleset *rs);
const char *ss_ruleset_rule_id(const ss_ruleset *rs, size_t i);
const char *ss_ruleset_rule_kind(const ss_ruleset *rs, size_t i);
const char *ss_ruleset_rule_file(const ss_ruleset *rs, size_t i);

/* Check every rule's examples against extraction. Returns the number of
 * failing examples; each failure is reported through the diagnostic callback
 * as file:line of the example. *total receives the number of examples. */
size_t ss_ruleset_test(ss_ruleset *rs, size_t *total);

/* ---- facts ------------------------------------------------------------- */

typedef enum {
	SS_KIND_PERCENT = 0,
	SS_KIND_CHANGE,
	SS_KIND_MONEY,
	SS_KIND_COUNT,
	SS_KIND_MULTIPLE,
	SS_KIND__COUNT
} ss_kind;

typedef enum {
	SS_QUAL_EXACT = 0,
	SS_QUAL_APPROX,
	SS_QUAL_NEARLY,
	SS_QUAL_AT_LEAST,
	SS_QUAL_MORE_THAN,
	SS_QUAL_AT_MOST,
	SS_QUAL_LESS_THAN,
	SS_QUAL_RANGE,
	SS_QUAL__COUNT
} ss_qualifier;

typedef enum {
	SS_DIR_NONE = 0,
	SS_DIR_UP,
	SS_DIR_DOWN,
	SS_DIR_TO
} ss_direction;

typedef enum { SS_BASIS_NONE = 0, SS_BASIS_YOY, SS_BASIS_MOM, SS_BASIS_QOQ } ss_basis;

/* Where a fact stood on a web page (main-content detection). NONE: the
 * document was taken whole (not a web page: text, Markdown, a post). */
typedef enum {
	SS_REGION_NONE = 0,
	SS_REGION_ARTICLE,
	SS_REGION_TITLE,
	SS_REGION_OUTSIDE /* page furniture; kept only with all_text */
} ss_region;

/* A span of the document's stripped text (see ss_doc_text()). */
typedef struct {
	size_t start, end;
} ss_tspan;

/* One statistic. Text fields are spans of the document's stripped text;
 * start/end are byte offsets into the source buffer. Owned by its ss_doc. */
typedef struct {
	ss_kind kind;
	double value;        /* normalised; signed for a change */
	char value_str[48];  /* the same number as an exact decimal, as written */
	char unit[16];       /* "%", "pp", "bp", ISO currency, a measure word, "x" */
	ss_qualifier qualifier;
	int has_low, has_high;
	double low, high;
	char low_str[48], high_str[48];
	ss_direction direction;
	ss_basis basis;
	ss_tspan text;       /* the figure as written, in the stripped text */
	ss_tspan subject;    /* empty when none was found */
	ss_tspan period;     /* empty when none was found */
	ss_tspan sentence;
	size_t start, end;   /* source bytes [start, end) */
	unsigned line, column;
	const char *rule_id; /* owned by the rule set */
	ss_region region;
} ss_fact;

/* ---- documents --------------------------------------------------------- */

typedef enum {
	SS_FORMAT_AUTO = 0,
	SS_FORMAT_TEXT,
	SS_FORMAT_HTML,
	SS_FORMAT_MARKDOWN,
	SS_FORMAT_PDF /* read by a reader the caller supplies (readers below) */
} ss_format;

typedef struct {
	ss_format format;     /* SS_FORMAT_AUTO: detect */
	unsigned kinds;       /* bit mask of (1u << ss_kind); 0 means all */
	ss_diag_fn diag;      /* document diagnostics (bad bytes, broken markup) */
	void *diag_userdata;
	int all_text;         /* web pages: keep the facts outside the article too */
	/* More readers, NULL-terminated, asked before the built-in ones and
	 * whatever format says: a reader the library cannot hold (the command's
	 * PDF reader: poppler is GPL). NULL: none. See src/text/text.h. */
	const struct ss_reader *const *readers;
	const char *currency; /* ISO 4217 code of a bare 元; NULL: the document's
	                       * (TWD when it is Taiwanese, else CNY) */
} ss_extract_options;

typedef struct ss_doc ss_doc;

/* Extract the facts of one document held in memory. name is the document's
 * name for diagnostics and the `doc` field; buf need not be NUL-terminated
 * and is not kept. Never returns NULL: a document that could not be read
 * has no facts and ss_doc_status() tells why. Free with ss_doc_free(). */
ss_doc *ss_doc_extract(const ss_ruleset *rs, const char *name, const char *buf,
                       size_t len, const ss_extract_options *opts);
void ss_doc_free(ss_doc *doc);

ss_status ss_doc_status(const ss_doc *doc);
const char *ss_doc_name(const ss_doc *doc);
ss_format ss_doc_format(const ss_doc *doc);

size_t ss_doc_fact_count(const ss_doc *doc);
const ss_fact *ss_doc_fact(const ss_doc *doc, size_t i);

/* The stripped text the fact spans refer to (not NUL-terminated). */
const char *ss_doc_text(const ss_doc *doc, size_t *len);

/* Where fact i stands on its page, for a document whose reader knows pages
 * (a PDF): returns its 1-based page, and writes its box "x0,y0,x1,y1" in PDF
 * points from the page's top left (one box per line of a figure split over
 * lines, separated by ';') into box[0..boxlen), NUL-terminated and cut to
 * fit. Returns 0, box "", for other documents. */
unsigned ss_doc_fact_page(const ss_doc *doc, size_t i, char *box, size_t boxlen);

/* Copy a text span with runs of white space folded to one space and the ends
 * trimmed, as the exporters show sentences and subjects. Returns a malloc'd
 * NUL-terminated string the caller frees. */
char *ss_doc_span_str(const ss_doc *doc, ss_tspan span);

/* The same into out, which must have room for span.end - span.start + 1
 * bytes (folding only shrinks); out is NUL-terminated. Returns the length
 * written. For callers that keep their own buffer (the exporters). */
size_t ss_doc_span_fold(const ss_doc *doc, ss_tspan span, char *out);

/* Document metadata; NULL when unknown. */
const char *ss_doc_title(const ss_doc *doc);
const char *ss_doc_date(const ss_doc *doc);
const char *ss_doc_author(const ss_doc *doc);
const char *ss_doc_source(const ss_doc *doc);
size_t ss_doc_category_count(const ss_doc *doc);
const char *ss_doc_category(const ss_doc *doc, size_t i);

/* ---- audit verdicts ---------------------------------------------------- */

/* What `statspan audit` found for one claim figure (a fact of a claims
 * document): the verdict, and the source figure it rests on. */
typedef enum {
	SS_VERDICT_SUPPORTED = 0,
	SS_VERDICT_CONTRADICTED,
	SS_VERDICT_UNSUPPORTED
} ss_verdict_kind;

typedef struct {
	ss_verdict_kind kind;
	const char *verdict;  /* "supported", "contradicted", "unsupported" */
	const char *field;    /* what disagrees ("value", "qualifier", "unit",
	                       * "direction", "subject", "period"), or NULL */
	const char *reason;   /* "value: source says 42%, claim says 43%", or NULL */
	const char *claim_id; /* the id of its row in a claims table, or NULL */
	unsigned claim_line, claim_column; /* where the figure stands in the claims file */
	/* the evidence (supported) or the conflicting source figure
	 * (contradicted); doc is NULL when unsupported */
	const char *doc, *text, *sentence;
	unsigned line, column;
	size_t start, end;    /* source bytes [start, end) */
	char score[16];       /* how well the contexts agree, as a decimal */
} ss_verdict;

/* Attach verdicts to doc, one per fact, in fact order. The array and its
 * strings belong to the caller and must outlive every use of doc. */
void ss_doc_set_verdicts(ss_doc *doc, const ss_verdict *verdicts);
/* The verdict of fact i, or NULL when doc has none attached. */
const ss_verdict *ss_doc_verdict(const ss_doc *doc, size_t i);

/* ---- names ------------------------------------------------------------- */

const char *ss_kind_name(ss_kind k);           /* "percent", ... */
const char *ss_qualifier_name(ss_qualifier q); /* "exact", ... */
const char *ss_direction_name(ss_direction d); /* "", "up", "down", "to" */
const char *ss_basis_name(ss_basis b);         /* "", "yoy", "mom", "qoq" */
const char *ss_format_name(ss_format f);       /* "auto", "text", ... */
const char *ss_region_name(ss_region r);       /* "", "article", "title", "outside" */
/* Parse a kind name; returns -1 when unknown. */
int ss_kind_parse(const char *name, size_t len);

#ifdef __cplusplus
}
#endif
#endif
