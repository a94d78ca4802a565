/*
 * cli.h - the statspan command: one option table that drives both parsing
 * and --help, exit codes, messages in git's wording, atomic output.
 */
#ifndef SS_CLI_H
#define SS_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "statspan.h"
#include "../util/util.h"

/* Exit codes, as SPEC says. */
typedef enum {
	SS_EXIT_OK = 0,      /* done; for audit, every claim supported */
	SS_EXIT_FAIL = 1,    /* some input failed, or some claim is not supported */
	SS_EXIT_USAGE = 2,   /* usage or configuration error */
} ss_exit;

enum {
	OPT_HELP = 1, OPT_VERSION, OPT_FORMAT, OPT_OUTPUT, OPT_KINDS, OPT_RULES,
	OPT_NO_DEFAULT_RULES, OPT_FORMAT_IN, OPT_BOM, OPT_QUIET, OPT_DEBUG_SPANS,
	OPT_JOBS, OPT_PROGRESS, OPT_NO_PROGRESS, OPT_FILES_FROM, OPT_NULL, OPT_JSONL_IN,
};

#define CMD_EXTRACT 1u
#define CMD_RULES 2u
#define CMD_ALL (CMD_EXTRACT | CMD_RULES)

typedef struct {
	const char *long_name;
	char short_name;
	const char *arg; /* name of the argument, NULL for a flag */
	int id;
	unsigned cmds;   /* the subcommands that take it */
	const char *help;
} ss_option;

extern const ss_option ss_options[];

typedef struct {
	const char *format, *output, *kinds, *format_in;
	const char **rules_dirs;
	size_t nrules_dirs;
	bool no_default_rules, bom, quiet, debug_spans;
	const char *jobs;       /* -j N, as given; NULL: the number of cores */
	int progress;           /* -1 auto (a terminal and a long run), 0 never, 1 always */
	const char *files_from; /* --files-from FILE, or NULL */
	bool null_sep;          /* -0: --files-from names are NUL-separated */
	bool jsonl_in;          /* --jsonl-in: inputs are JSONL documents */
	char **args; /* positional arguments */
	int nargs;
} ss_cli_opts;

/* Parse argv for subcommand cmd; on a usage error print a hint and return false. */
bool ss_cli_parse(unsigned cmd, const char *cmdname, int argc, char **argv, ss_cli_opts *o,
                  bool *help);
void ss_cli_opts_release(ss_cli_opts *o);
void ss_cli_usage(FILE *out);
void ss_cli_help(FILE *out, unsigned cmd);

/* Messages: "statspan: error: ...". They clear the progress line first. */
void ss_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ss_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The diagnostic callback: file:line:col: level: message [rule], then a caret line. */
void ss_cli_diag(void *userdata, const ss_diag *d);
/* The same text appended to b (nothing for a warning when quiet), so that a
 * worker thread can hold a document's messages until its turn comes. */
void ss_cli_diag_format(ss_buf *b, bool quiet, const ss_diag *d);

/* ---- the batch: an ordered worker pool (batch.c) ----
 * Items go in in input order; each is processed by one of N threads and its
 * rendered output and messages come out in input order, byte for byte what
 * one thread writes. At most a bounded ring of items is in flight, so memory
 * is bounded by the largest documents, not by the batch. */
typedef enum { SS_ITEM_FILE, SS_ITEM_STDIN, SS_ITEM_JSONL, SS_ITEM_ERROR } ss_item_kind;

typedef struct {
	ss_item_kind kind;
	char *name;       /* FILE: the path; JSONL: the input's name; ERROR: unused */
	char *data;       /* JSONL: the line; ERROR: the message (without "statspan: error: ") */
	size_t len;
	unsigned long line; /* JSONL: 1-based line number in its input */
} ss_item;

typedef struct {
	ss_buf out, err;  /* rendered records; messages for standard error */
	ss_doc *doc;      /* kept for the writer when the format has cross-document state */
	size_t bytes;     /* input bytes, for the progress line */
	size_t facts;
	bool failed, counted; /* counted: a document (not a walk error) */
} ss_result;

typedef struct ss_batch ss_batch;
/* work runs on a worker thread; emit runs on the calling thread, in input order. */
typedef void (*ss_batch_work)(void *ctx, ss_item *item, ss_result *res);
typedef void (*ss_batch_emit)(void *ctx, ss_result *res);

/* jobs <= 1: everything runs on the calling thread, no threads at all. */
ss_batch *ss_batch_new(int jobs, ss_batch_work work, ss_batch_emit emit, void *ctx);
/* Takes ownership of item's strings. May block until the oldest item is emitted. */
void ss_batch_submit(ss_batch *b, ss_item *item);
/* Emit what is left, stop the threads, free b. */
void ss_batch_finish(ss_batch *b);
/* The number of processors this process may run on. */
int ss_cpu_count(void);

/* ---- the progress line (progress.c): standard error, one line, redrawn ---- */
/* mode: -1 auto (only when stderr is a terminal), 0 off, 1 on. */
void ss_progress_start(int mode);
/* The totals, when known (0: unknown). */
void ss_progress_total(size_t files, size_t bytes);
/* One more document done (bytes of input). Redraws at most ten times a second,
 * and only once the run has lasted about a second. */
void ss_progress_add(size_t files, size_t bytes);
/* Redraw if due (for a long document holding up the line). */
void ss_progress_tick(void);
/* Wipe the line before something else is written to standard error. */
void ss_progress_clear(void);
/* Finish: wipe the line (a terminal) or end it (--progress into a file). */
void ss_progress_stop(void);
/* Whether the line may be shown at all in this run. */
bool ss_progress_enabled(void);

/* Load the rule set the options ask for; NULL (after a message) on error. */
ss_ruleset *ss_cli_load_rules(const ss_cli_opts *o);

/* Atomic output: writes go to a temporary file beside path, renamed into
 * place by ss_output_commit(); path NULL or "-" means standard output. */
typedef struct {
	FILE *fp;
	char *path, *tmp;
} ss_output;

bool ss_output_open(ss_output *out, const char *path);
/* Flush, sync and rename; false (after a message, temporary removed) on any error. */
bool ss_output_commit(ss_output *out);
void ss_output_abort(ss_output *out);

int ss_cmd_extract(int argc, char **argv);
int ss_cmd_rules(int argc, char **argv);

/* jsonl_in.c: turn one JSONL line into a document and extract it: *doc,
 * and the document's bytes in *src. Returns a handle that keeps *src alive,
 * for ss_jsonl_free(). A bad line is reported in res->err naming the input
 * and line; then *doc is NULL and so is the handle. */
void *ss_jsonl_doc(const ss_ruleset *rs, const ss_extract_options *xo, const ss_item *item,
                   ss_result *res, ss_doc **doc, const char **src, size_t *srclen);
void ss_jsonl_free(void *handle);

/* pdf_input.c: a PDF's text layer (src/pdf) through the library as text.
 * NULL after the message went to res->err; else the document, whose spans
 * are offsets into pt->text, which the caller releases after the doc. */
struct ss_pdf_text_s;
ss_doc *ss_cli_pdf_doc(const ss_ruleset *rs, const char *name, const char *buf, size_t len,
                       const ss_extract_options *xo, ss_result *res, bool quiet,
                       struct ss_pdf_text_s *pt);
/* A fact's page (1-based; 0 for none) and boxes ("x0,y0,x1,y1", ';' between
 * lines) appended to box. */
void ss_cli_pdf_position(const struct ss_pdf_text_s *pt, const ss_fact *f, unsigned *page,
                         ss_buf *box);

#endif
