/*
 * statspan.h - the public API of libstatspan.
 *
 * statspan pulls statistics (percentages, amounts of money, counts, multiples,
 * changes) out of Chinese financial documents and says exactly where each one
 * stands in the source: every fact carries the byte span [start, end) of its
 * figure in the source buffer it was extracted from.
 *
 * Typical use (examples/extract.c is a whole program):
 *
 *     ss_ruleset *rs = ss_ruleset_new();
 *     ss_ruleset_add_defaults(rs);              // the built-in rules
 *     ss_ruleset_compile(rs);
 *     ss_doc *doc = ss_doc_extract(rs, "a.html", buf, len, NULL);
 *     for (size_t i = 0; i < ss_doc_fact_count(doc); i++) {
 *         const ss_fact *f = ss_doc_fact(doc, i);
 *         printf("%s %s %s\n", ss_kind_name(ss_fact_kind(f)),
 *                ss_fact_value_str(f), ss_fact_unit(f));
 *     }
 *     ss_doc_free(doc);
 *     ss_ruleset_free(rs);
 *
 * Growing without breaking callers: every object is opaque and read or set
 * through functions, so a field added to a fact (a page, a box) or an option
 * added to a context never changes the size or layout a compiled caller
 * knows. Accessors were chosen over a struct whose first member is its size:
 * they also let a fact keep its texts as offsets into the document (no fixed
 * arrays to outgrow), and let a language binding (python/statspan) call
 * functions instead of mirroring a layout. Enumerations only gain values at
 * their end.
 *
 * Errors: functions that can fail return an ss_status; ss_strerror() names
 * it. Misuse (a NULL handle, a NULL buffer with a length, extracting with a
 * rule set that was never compiled) is SS_ERR_USAGE, never a silent success.
 * The library never prints and never exits; positioned diagnostics go to the
 * callback the caller sets. Out of memory aborts with a message (there is
 * nothing sensible to go on with).
 *
 * Threads: a compiled rule set is read-only and may be shared by any number
 * of threads extracting at once; a document, an options context and a writer
 * belong to one thread at a time (one document per call). A finished audit
 * index is read-only too: any number of threads may judge claims against it
 * at once. Functions that take
 * no handle (names, ss_strerror, ss_version) may be called from any thread.
 *
 * Memory: what a _new or ss_doc_extract returns is the caller's, freed by the
 * matching _free. Strings returned as const char * belong to the object they
 * came from and live as long as it; a char * return is malloc'd and freed by
 * the caller with ss_free() (or free()).
 */
#ifndef STATSPAN_H
#define STATSPAN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What the shared library exports: everything declared with SS_API, and
 * nothing else (the library is built with -fvisibility=hidden). */
#ifndef SS_API
#if defined(__GNUC__) && __GNUC__ >= 4
#define SS_API __attribute__((visibility("default")))
#else
#define SS_API
#endif
#endif

/* ---- version ------------------------------------------------------------ */

/* The soname follows the major version (libstatspan.so.0): a change that
 * breaks compiled callers raises it. */
#define SS_VERSION_MAJOR 0
#define SS_VERSION_MINOR 3
#define SS_VERSION_PATCH 0
#define SS_VERSION "0.3.0"
/* MAJOR * 10000 + MINOR * 100 + PATCH, for #if comparisons. */
#define SS_VERSION_NUMBER (SS_VERSION_MAJOR * 10000 + SS_VERSION_MINOR * 100 + SS_VERSION_PATCH)

/* The version of the library actually loaded ("0.3.0"), which may be newer
 * than the SS_VERSION a caller was compiled with. Static string; any thread. */
SS_API const char *ss_version(void);

/* ---- status codes --------------------------------------------------------- */

/* Return codes. Values never change; new ones are added at the end. */
typedef enum {
	SS_OK = 0,
	SS_ERR_INPUT = 1,  /* the input could not be read or is not a document */
	SS_ERR_CONFIG = 2, /* bad rule file, bad option value, unknown name */
	SS_ERR_USAGE = 3,  /* the API was misused: NULL handle, NULL buffer with a
	                    * length, a rule set not compiled (or compiled twice
	                    * over an error), a writer used after finishing */
	SS_ERR_IO = 4,     /* writing the output failed */
	SS_STATUS__COUNT
} ss_status;

/* The message of a status code ("bad rule file or option", ...), from one
 * table; "unknown status" for a value outside it. Static string; any thread. */
SS_API const char *ss_strerror(ss_status code);

/* Free memory the library handed over (a char * return). NULL is allowed. */
SS_API void ss_free(void *p);

/* ---- diagnostics ---------------------------------------------------------- */

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

/* Called on the thread that does the work the message is about (a document's
 * messages on the thread extracting it). */
typedef void (*ss_diag_fn)(void *userdata, const ss_diag *d);

/* ---- rule sets ------------------------------------------------------------ */

typedef struct ss_ruleset ss_ruleset;

/* A new, empty rule set; free with ss_ruleset_free(). Loading and compiling
 * belong to one thread; once compiled the set is read-only and may be shared
 * by every thread extracting. */
SS_API ss_ruleset *ss_ruleset_new(void);
/* Free rs and every rule; NULL is allowed. No extraction may still be using it. */
SS_API void ss_ruleset_free(ss_ruleset *rs);

/* Diagnostics for loading, compiling and matching go to fn (may be NULL).
 * Matching messages (a rule stopped by a limit) come from the extracting
 * threads, so fn must then be safe to call from several at once. */
SS_API void ss_ruleset_set_diag(ss_ruleset *rs, ss_diag_fn fn, void *userdata);

/* Add the rules built into the library (from rules/ at build time).
 * SS_ERR_USAGE for a NULL or compiled rs; SS_ERR_CONFIG otherwise on error. */
SS_API ss_status ss_ruleset_add_defaults(ss_ruleset *rs);

/* Add one rule file held in memory (not kept; need not be NUL-terminated);
 * name is used in diagnostics. SS_ERR_USAGE for a NULL rs or name, a NULL
 * buf with len > 0, or a compiled rs; SS_ERR_CONFIG for a bad file (each
 * problem reported as file:line:col). */
SS_API ss_status ss_ruleset_add_buffer(ss_ruleset *rs, const char *name, const char *buf,
                                       size_t len);

/* Add every *.rules file of a directory, in name order. SS_ERR_USAGE as
 * above; SS_ERR_CONFIG for an unreadable directory or a bad file. */
SS_API ss_status ss_ruleset_add_dir(ss_ruleset *rs, const char *dir);

/* Compile every pattern (PCRE2, UTF, JIT). Called once, after the last add
 * and before extraction; a second call returns what the first did.
 * SS_ERR_CONFIG when a pattern is broken (reported as file:line:col through
 * the diagnostic callback), SS_ERR_USAGE for a NULL rs. */
SS_API ss_status ss_ruleset_compile(ss_ruleset *rs);

/* Whether rs is compiled and ready for extraction (0 for NULL). */
SS_API int ss_ruleset_is_compiled(const ss_ruleset *rs);

/* Rule introspection, for `statspan rules list`: the number of rules, and
 * the id, kind name and file name of rule i (owned by rs; NULL when i is out
 * of range or rs is NULL). Read-only: any thread, once loaded. */
SS_API size_t ss_ruleset_rule_count(const ss_ruleset *rs);
SS_API const char *ss_ruleset_rule_id(const ss_ruleset *rs, size_t i);
SS_API const char *ss_ruleset_rule_kind(const ss_ruleset *rs, size_t i);
SS_API const char *ss_ruleset_rule_file(const ss_ruleset *rs, size_t i);

/* Check every rule's examples against extraction. Returns the number of
 * failing examples; each failure is reported through the diagnostic callback
 * as file:line of the example. *total (may be NULL) receives the number of
 * examples. Compiles rs when it is not yet. One thread. */
SS_API size_t ss_ruleset_test(ss_ruleset *rs, size_t *total);

/* ---- facts ---------------------------------------------------------------- */

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

/* A span [start, end) of the document's stripped text (see ss_doc_text()).
 * Two offsets, and never more: a span is what it is. */
typedef struct {
	size_t start, end;
} ss_tspan;

/* One statistic, owned by its ss_doc and valid as long as it. Opaque: read
 * it through the ss_fact_* accessors, which may be called from any thread
 * holding the document. The strings they return live as long as the doc. */
typedef struct ss_fact ss_fact;

SS_API ss_kind ss_fact_kind(const ss_fact *f);
/* The number, normalised (percent in percent units, money in currency
 * units); signed for a change. */
SS_API double ss_fact_value(const ss_fact *f);
/* The same number as an exact decimal, as written ("1909e8" is "190900000000"). */
SS_API const char *ss_fact_value_str(const ss_fact *f);
/* "%", "pp", "bp", an ISO 4217 currency, a measure word, "x"; "" when none. */
SS_API const char *ss_fact_unit(const ss_fact *f);
SS_API ss_qualifier ss_fact_qualifier(const ss_fact *f);
/* The bounds of a range or a qualified figure: 1 and *v set when the fact has
 * that bound, else 0 (v may be NULL). The _str forms give the exact decimal,
 * or NULL when there is no such bound. */
SS_API int ss_fact_low(const ss_fact *f, double *v);
SS_API int ss_fact_high(const ss_fact *f, double *v);
SS_API const char *ss_fact_low_str(const ss_fact *f);
SS_API const char *ss_fact_high_str(const ss_fact *f);
SS_API ss_direction ss_fact_direction(const ss_fact *f);
SS_API ss_basis ss_fact_basis(const ss_fact *f);
/* Source bytes [*start, *end) of the figure in the buffer given to
 * ss_doc_extract (either pointer may be NULL). */
SS_API void ss_fact_span(const ss_fact *f, size_t *start, size_t *end);
/* 1-based line and column (in characters) of the figure's start. */
SS_API unsigned ss_fact_line(const ss_fact *f);
SS_API unsigned ss_fact_column(const ss_fact *f);
/* Spans of the document's stripped text: the figure as written, its subject
 * and period (empty, start == end, when none was found) and its sentence.
 * ss_doc_span_str() makes a string of one. */
SS_API ss_tspan ss_fact_text(const ss_fact *f);
SS_API ss_tspan ss_fact_subject(const ss_fact *f);
SS_API ss_tspan ss_fact_period(const ss_fact *f);
SS_API ss_tspan ss_fact_sentence(const ss_fact *f);
/* The period as ISO dates, YYYY-MM-DD (2018年1-10月份: 2018-01-01 and
 * 2018-10-31; relative periods such as 今年上半年 resolved against the
 * document's date): "" where they cannot be known. Owned by the fact. */
SS_API const char *ss_fact_period_from(const ss_fact *f);
SS_API const char *ss_fact_period_to(const ss_fact *f);
/* The id of the rule that found it (owned by the rule set: valid while the
 * rule set lives). */
SS_API const char *ss_fact_rule(const ss_fact *f);
/* Where the figure stood on a web page; SS_REGION_NONE for other documents. */
SS_API ss_region ss_fact_region(const ss_fact *f);

/* ---- extraction options --------------------------------------------------- */

typedef enum {
	SS_FORMAT_AUTO = 0,
	SS_FORMAT_TEXT,
	SS_FORMAT_HTML,
	SS_FORMAT_MARKDOWN,
	SS_FORMAT_PDF, /* read by a reader the caller supplies (ss_options_set_readers) */
	SS_FORMAT__COUNT
} ss_format;

/* An options context, in PCRE2's style: made once, set through setters,
 * given to any number of extractions (NULL means every default). A context
 * is read, never changed, by ss_doc_extract, so one may be shared by threads
 * extracting at once as long as no thread sets it meanwhile. */
typedef struct ss_options ss_options;

/* A context with every default; free with ss_options_free(). */
SS_API ss_options *ss_options_new(void);
/* A copy of o (the defaults when o is NULL); free with ss_options_free(). */
SS_API ss_options *ss_options_copy(const ss_options *o);
/* NULL is allowed. */
SS_API void ss_options_free(ss_options *o);

/* Every setter returns SS_OK, SS_ERR_USAGE for a NULL context, or
 * SS_ERR_CONFIG for a value out of range (the context is then unchanged). */

/* The input format; SS_FORMAT_AUTO (the default) detects it. */
SS_API ss_status ss_options_set_format(ss_options *o, ss_format format);
/* Only facts of these kinds: a bit mask of (1u << ss_kind); 0 (the default)
 * means every kind. */
SS_API ss_status ss_options_set_kinds(ss_options *o, unsigned kinds);
/* The currency of a bare 元 (three capital letters, ISO 4217: "HKD"); NULL
 * for the default: the document's (TWD in a Taiwanese document, else CNY). */
SS_API ss_status ss_options_set_currency(ss_options *o, const char *code);
/* The currency set, or NULL for the default. Owned by o. */
SS_API const char *ss_options_currency(const ss_options *o);
/* PCRE2's match and depth limits for every rule match of a document
 * (pcre2_set_match_limit, pcre2_set_depth_limit); 0 restores the default
 * (100000 and 1000). A rule that hits one is reported as a warning naming it
 * and skipped at that place; the document goes on. */
SS_API ss_status ss_options_set_match_limit(ss_options *o, uint32_t limit);
SS_API ss_status ss_options_set_depth_limit(ss_options *o, uint32_t limit);
/* Document diagnostics (bad bytes, broken markup) go to fn (NULL: none). */
SS_API ss_status ss_options_set_diag(ss_options *o, ss_diag_fn fn, void *userdata);
/* Web pages: keep the facts outside the article too (0, the default: only
 * the article's and the title's). */
SS_API ss_status ss_options_set_all_text(ss_options *o, int on);
/* More readers, NULL-terminated, asked before the built-in ones and whatever
 * the format says: a reader the library cannot hold (the command's PDF
 * reader: poppler is GPL). NULL (the default): none. The array is not
 * copied and must outlive every extraction with o. See src/text/text.h. */
struct ss_reader;
SS_API ss_status ss_options_set_readers(ss_options *o, const struct ss_reader *const *readers);

/* ---- documents ------------------------------------------------------------ */

typedef struct ss_doc ss_doc;

/* Extract the facts of one document held in memory. name is the document's
 * name for diagnostics and the `doc` field (NULL: "-"); buf need not be
 * NUL-terminated and is not kept; opts may be NULL (the defaults).
 * Never returns NULL: a document that could not be read has no facts and
 * ss_doc_status() tells why: SS_ERR_INPUT for an unreadable document,
 * SS_ERR_USAGE for a NULL or uncompiled rule set or a NULL buf with len > 0.
 * Free with ss_doc_free(). Thread-safe: any number of threads may extract at
 * once with one compiled rule set (each its own document). */
SS_API ss_doc *ss_doc_extract(const ss_ruleset *rs, const char *name, const char *buf,
                              size_t len, const ss_options *opts);
/* NULL is allowed. */
SS_API void ss_doc_free(ss_doc *doc);

/* The accessors below take a document ss_doc_extract returned (never NULL)
 * and only read it: several threads may read one document at once, as long
 * as none frees it meanwhile. */

/* SS_OK, or why the document has no facts (see ss_doc_extract). */
SS_API ss_status ss_doc_status(const ss_doc *doc);
/* The name given to ss_doc_extract (owned by doc). */
SS_API const char *ss_doc_name(const ss_doc *doc);
/* The format the document was read as (detected, or the one asked for). */
SS_API ss_format ss_doc_format(const ss_doc *doc);

/* The facts, in source order: fact i (owned by doc), or NULL when i is out
 * of range. */
SS_API size_t ss_doc_fact_count(const ss_doc *doc);
SS_API const ss_fact *ss_doc_fact(const ss_doc *doc, size_t i);

/* The stripped text the fact spans refer to (not NUL-terminated; owned by
 * doc); *len receives its length. */
SS_API const char *ss_doc_text(const ss_doc *doc, size_t *len);

/* Where fact i stands on its page, for a document whose reader knows pages
 * (a PDF): returns its 1-based page, and writes its box "x0,y0,x1,y1" in PDF
 * points from the page's top left (one box per line of a figure split over
 * lines, separated by ';') into box[0..boxlen), NUL-terminated and cut to
 * fit. Returns 0, box "", for other documents. */
SS_API unsigned ss_doc_fact_page(const ss_doc *doc, size_t i, char *box, size_t boxlen);

/* Copy a text span with runs of white space folded to one space and the ends
 * trimmed, as the exporters show sentences and subjects. Returns a malloc'd
 * NUL-terminated string the caller frees with ss_free(). */
SS_API char *ss_doc_span_str(const ss_doc *doc, ss_tspan span);

/* The same into out, which must have room for span.end - span.start + 1
 * bytes (folding only shrinks); out is NUL-terminated. Returns the length
 * written. For callers that keep their own buffer (the exporters). */
SS_API size_t ss_doc_span_fold(const ss_doc *doc, ss_tspan span, char *out);

/* Document metadata (front matter, HTML head), owned by doc; NULL when unknown. */
SS_API const char *ss_doc_title(const ss_doc *doc);
SS_API const char *ss_doc_date(const ss_doc *doc);
SS_API const char *ss_doc_author(const ss_doc *doc);
SS_API const char *ss_doc_source(const ss_doc *doc);
SS_API size_t ss_doc_category_count(const ss_doc *doc);
SS_API const char *ss_doc_category(const ss_doc *doc, size_t i);

/* ---- writers: facts as JSONL, CSV, TSV, JSON, XLSX, HTML: the format table ---- */

/* A writer renders documents' facts in one output format, the same bytes
 * `statspan extract -f FORMAT` writes. The formats are the library's table:
 * ss_writer_format_count() and ss_writer_format_name() list them, so a
 * format added to the library needs no new function. A writer belongs to
 * one thread at a time; ss_writer_render() alone may be called from several
 * at once on one writer. */
typedef struct ss_writer ss_writer;

/* A writer of format name ("jsonl", "csv", ...) to out, or, with out NULL,
 * into memory for ss_writer_detach(). NULL when format is NULL or not a
 * format of the table. Nothing is written before the first ss_writer_write
 * or ss_writer_finish, so the setters below may follow. Free with
 * ss_writer_free() (which does not close out). */
SS_API ss_writer *ss_writer_new(const char *format, FILE *out);
SS_API void ss_writer_free(ss_writer *w);

/* The columns, as a comma-separated list of names ("doc,kind,value"; the
 * default is SPEC's fact table). SS_ERR_CONFIG for an unknown or repeated
 * name (ss_writer_error() says which), SS_ERR_USAGE once writing started. */
SS_API ss_status ss_writer_set_columns(ss_writer *w, const char *list);
/* Start a text format with a UTF-8 byte-order mark (for Excel); binary
 * formats ignore it. SS_ERR_USAGE once writing started. */
SS_API ss_status ss_writer_set_bom(ss_writer *w, int on);

/* Write the facts of doc. SS_ERR_USAGE for NULL arguments or after
 * ss_writer_finish; SS_ERR_IO when the stream has an error or the format
 * could not write (ss_writer_error() says why). */
SS_API ss_status ss_writer_write(ss_writer *w, const ss_doc *doc);
/* The same, with the error message the document's extraction gave (NULL:
 * none), for the formats that show one per input (xlsx, html). */
SS_API ss_status ss_writer_write_msg(ss_writer *w, const ss_doc *doc, const char *message);
/* An input that gave no document at all (a file that could not be read),
 * for the formats that list every input; the others write nothing. */
SS_API ss_status ss_writer_failed(ss_writer *w, const char *name, const char *message);
/* End the output (a JSON array's close, a workbook's directory) and flush
 * out. SS_ERR_IO when any write failed; SS_ERR_USAGE when called twice. */
SS_API ss_status ss_writer_finish(ss_writer *w);

/* For rendering on several threads and writing in order: the records of
 * doc exactly as ss_writer_write would add them, as malloc'd bytes (*len
 * their length) for the caller to free with ss_free(), or to hand to
 * ss_writer_put() in document order. NULL when the format's records depend
 * on the documents before (ss_writer_is_whole_run()): write those with
 * ss_writer_write. Safe from several threads on one writer. */
SS_API char *ss_writer_render(const ss_writer *w, const ss_doc *doc, size_t *len);
/* Write bytes made by ss_writer_render, counting one document. Returns as
 * ss_writer_write does. */
SS_API ss_status ss_writer_put(ss_writer *w, const char *bytes, size_t len);
/* Whether the format must see every document through ss_writer_write, in
 * order (JSON's separators, a workbook). */
SS_API int ss_writer_is_whole_run(const ss_writer *w);
/* Whether the format is binary (never for a terminal; no byte-order mark). */
SS_API int ss_writer_is_binary(const ss_writer *w);

/* A memory writer's bytes so far (all of them after finish), handed over:
 * malloc'd, NUL-terminated, *len their length (may be NULL); free with
 * ss_free(). The writer goes on from empty. NULL for a writer to a stream. */
SS_API char *ss_writer_detach(ss_writer *w, size_t *len);
/* Why the last SS_ERR_CONFIG (a column list) or a format's SS_ERR_IO
 * happened (owned by w), or NULL. */
SS_API const char *ss_writer_error(const ss_writer *w);

/* The formats of the table, in order; NULL when i is out of range. */
SS_API size_t ss_writer_format_count(void);
SS_API const char *ss_writer_format_name(size_t i);
/* The column names, comma-separated ("doc, id, kind, ..."); static. */
SS_API const char *ss_writer_column_names(void);

/* ---- names ---------------------------------------------------------------- */

/* Static strings; any thread. An out-of-range value gives "" ("auto" for a
 * format). */
SS_API const char *ss_kind_name(ss_kind k);           /* "percent", ... */
SS_API const char *ss_qualifier_name(ss_qualifier q); /* "exact", ... */
SS_API const char *ss_direction_name(ss_direction d); /* "", "up", "down", "to" */
SS_API const char *ss_basis_name(ss_basis b);         /* "", "yoy", "mom", "qoq" */
SS_API const char *ss_format_name(ss_format f);       /* "auto", "text", ... */
SS_API const char *ss_region_name(ss_region r);       /* "", "article", "title", "outside" */
/* Parse a kind name (name[0..len)); returns -1 when unknown. */
SS_API int ss_kind_parse(const char *name, size_t len);

/* ---- audit: claims judged against source documents ----------------------- */

/* What audit found for one claim figure (a fact of a claims document). */
typedef enum {
	SS_VERDICT_SUPPORTED = 0,
	SS_VERDICT_CONTRADICTED,
	SS_VERDICT_UNSUPPORTED
} ss_verdict_kind;

/* The index of the source documents: their figures, copied out of each
 * ss_doc as it is added (the document may be freed right after), with the
 * words around them. Made and filled on one thread; once finished it is
 * read-only and any number of threads may judge claims against it at once.
 *
 *     ss_audit *a = ss_audit_new();
 *     for (each source) { doc = ss_doc_extract(...); ss_audit_add_source(a, doc); ss_doc_free(doc); }
 *     ss_audit_finish(a);
 *     ss_verdicts *vs;
 *     ss_audit_judge(a, &claims_doc, 1, NULL, 1, &vs);
 *     for (size_t i = 0; i < ss_verdicts_count(vs); i++) {
 *         const ss_verdict *v = ss_verdicts_at(vs, i);
 *         printf("%s %s\n", ss_verdict_name(v), ss_verdict_claim_text(v));
 *     }
 *     ss_verdicts_free(vs);
 *     ss_audit_free(a);
 */
typedef struct ss_audit ss_audit;

/* An empty index with the default tolerance (0.05) and the built-in audit
 * lexicon (rules/audit.lexicon); free with ss_audit_free(). NULL only when
 * that lexicon cannot be read (a broken build). */
SS_API ss_audit *ss_audit_new(void);
/* NULL is allowed. Verdicts already made do not refer to a. */
SS_API void ss_audit_free(ss_audit *a);
/* What 约/左右/上下 and 近 allow in a claim, a share of its value (0 <= share
 * < 1). SS_ERR_USAGE for a NULL a, SS_ERR_CONFIG for a share out of range. */
SS_API ss_status ss_audit_set_tolerance(ss_audit *a, double share);
/* Add the facts of a source document (copied: doc is not kept). Sources are
 * numbered in the order they are added. SS_ERR_USAGE for NULL arguments or
 * a finished index. */
SS_API ss_status ss_audit_add_source(ss_audit *a, const ss_doc *doc);
/* Build the index after the last source; a second call does nothing.
 * SS_ERR_USAGE for a NULL a. */
SS_API ss_status ss_audit_finish(ss_audit *a);
/* The number of sources added, and of their figures. */
SS_API size_t ss_audit_source_count(const ss_audit *a);
SS_API size_t ss_audit_figure_count(const ss_audit *a);

/* The verdicts of a set of claims documents: one per fact, document after
 * document, each fact in order. Owned by the caller (ss_verdicts_free); they
 * keep copies of every string, so they outlive the index and the documents. */
typedef struct ss_verdicts ss_verdicts;
/* One verdict, owned by its ss_verdicts; read it through ss_verdict_*. */
typedef struct ss_verdict ss_verdict;

/* Judge every fact of claims[0..n) against the finished index a, on up to
 * jobs threads (the verdicts are the same whatever their number). cited
 * (may be NULL) gives, for claims document d, the source it cites or NULL:
 * its figures are then only looked for in the sources whose name is that
 * path, ends in "/" + it, or has it as its last component. *out receives
 * the verdicts. SS_ERR_USAGE for NULL arguments or an index not finished.
 * Thread-safe: several threads may judge against one index at once. */
SS_API ss_status ss_audit_judge(const ss_audit *a, const ss_doc *const *claims, size_t n,
                                const char *const *cited, int jobs, ss_verdicts **out);

/* NULL is allowed. */
SS_API void ss_verdicts_free(ss_verdicts *vs);
/* The number of verdicts (of claim figures), and verdict i (NULL when out of
 * range). */
SS_API size_t ss_verdicts_count(const ss_verdicts *vs);
SS_API const ss_verdict *ss_verdicts_at(const ss_verdicts *vs, size_t i);
/* A claim read from a table knows where its row stands in the file and its
 * id: set them on verdict i (id copied; NULL: none), for the writers.
 * SS_ERR_USAGE for a NULL vs or i out of range. */
SS_API ss_status ss_verdicts_set_claim(ss_verdicts *vs, size_t i, const char *id,
                                       unsigned line, unsigned column);
/* Attach the verdicts of claims document d (as given to ss_audit_judge) to
 * doc, that document, so that the writers show them (the verdict columns,
 * the Verdicts sheet, the report's marks). vs must outlive every use of doc.
 * SS_ERR_USAGE when d is out of range or doc has another number of facts. */
SS_API ss_status ss_verdicts_attach(const ss_verdicts *vs, size_t d, ss_doc *doc);
/* The verdict of fact i of doc, once attached, or NULL. */
SS_API const ss_verdict *ss_doc_verdict(const ss_doc *doc, size_t i);

/* The record behind ss_verdict. Its layout is the library's own and may
 * change in any release: read it through the accessors below. It is
 * declared here only because a document holds the array attached to it. */
struct ss_verdict {
	ss_verdict_kind kind;
	const char *verdict, *field, *reason;
	size_t claim_doc, claim_fact;
	const char *claim_text, *claim_value, *claim_unit, *claim_id;
	unsigned claim_line, claim_column;
	const char *doc, *text, *value, *unit, *sentence, *box;
	size_t source, start, end;
	unsigned line, column, page;
	double score;
	char score_str[16];
};

/* A verdict's fields. Strings are owned by the ss_verdicts and live as long
 * as it; NULL where there is nothing (a supported claim has no reason, an
 * unsupported one no evidence). Any thread holding the verdicts. */
SS_API ss_verdict_kind ss_verdict_kind_of(const ss_verdict *v);
/* "supported", "contradicted", "unsupported" */
SS_API const char *ss_verdict_name(const ss_verdict *v);
/* What disagrees: "value", "qualifier", "unit", "direction", "subject",
 * "period"; NULL unless contradicted. */
SS_API const char *ss_verdict_field(const ss_verdict *v);
/* "value: source says 42%, claim says 43%"; NULL when supported. */
SS_API const char *ss_verdict_reason(const ss_verdict *v);
/* The claim figure: which claims document (index given to ss_audit_judge)
 * and which fact of it; its text as written, value (exact decimal) and unit;
 * its id and line:column in the claims file (the document's own line and
 * column unless set by ss_verdicts_set_claim). */
SS_API size_t ss_verdict_claim_doc(const ss_verdict *v);
SS_API size_t ss_verdict_claim_fact(const ss_verdict *v);
SS_API const char *ss_verdict_claim_text(const ss_verdict *v);
SS_API const char *ss_verdict_claim_value(const ss_verdict *v);
SS_API const char *ss_verdict_claim_unit(const ss_verdict *v);
SS_API const char *ss_verdict_claim_id(const ss_verdict *v);
SS_API unsigned ss_verdict_claim_line(const ss_verdict *v);
SS_API unsigned ss_verdict_claim_column(const ss_verdict *v);
/* The evidence (supported) or the conflicting source figure (contradicted):
 * its document's name (NULL when unsupported: then the other evidence
 * accessors give NULL or 0), its index among the sources, the figure as
 * written, its value as compared (a rise in 倍 is in %) and unit, its
 * sentence, line and column, source bytes [start, end), and for a PDF its
 * page (0 otherwise) and box "x0,y0,x1,y1" (NULL otherwise); how well the
 * contexts agree (a score, 0 and up). */
SS_API const char *ss_verdict_doc(const ss_verdict *v);
SS_API size_t ss_verdict_source(const ss_verdict *v);
SS_API const char *ss_verdict_text(const ss_verdict *v);
SS_API const char *ss_verdict_value(const ss_verdict *v);
SS_API const char *ss_verdict_unit(const ss_verdict *v);
SS_API const char *ss_verdict_sentence(const ss_verdict *v);
SS_API unsigned ss_verdict_line(const ss_verdict *v);
SS_API unsigned ss_verdict_column(const ss_verdict *v);
SS_API void ss_verdict_span(const ss_verdict *v, size_t *start, size_t *end);
SS_API unsigned ss_verdict_page(const ss_verdict *v);
SS_API const char *ss_verdict_box(const ss_verdict *v);
SS_API double ss_verdict_score(const ss_verdict *v);

#ifdef __cplusplus
}
#endif
#endif
