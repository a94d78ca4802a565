/*
 * cli.h - the statspan command: one option table that drives both parsing
 * and --help, exit codes, messages in git's wording, atomic output.
 */
#ifndef SS_CLI_H
#define SS_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "statspan.h"
#include "../util/util.h"

/* Exit codes, as SPEC says. */
typedef enum {
	SS_EXIT_OK = 0,      /* done; for audit, every claim supported */
	SS_EXIT_FAIL = 1,    /* some input failed, or some claim is not supported */
	SS_EXIT_USAGE = 2,   /* usage or configuration error */
} ss_exit;

/* ---- options: one table per subcommand (options.c) ---- */
typedef enum {
	SS_OPT_FLAG, /* bool at offset := true */
	SS_OPT_STR,  /* const char * at offset := the argument */
	SS_OPT_LIST, /* ss_strlist at offset: the argument appended (repeatable) */
	SS_OPT_SET,  /* int at offset := value */
	SS_OPT_HELP, /* --help */
} ss_opt_type;

typedef struct {
	const char *long_name;
	char short_name;
	const char *arg; /* name of the argument, NULL for a flag */
	ss_opt_type type;
	size_t offset;   /* where in the command's options struct */
	int value;       /* SS_OPT_SET */
	const char *help;
} ss_option;

typedef struct {
	const char **v;
	size_t n, cap;
} ss_strlist;

/* The options every subcommand that loads rules takes; T's struct has an
 * ss_rules_opts member named rules. */
typedef struct {
	ss_strlist dirs;
	bool no_defaults, quiet;
} ss_rules_opts;
#define SS_RULES_OPTIONS(T)                                                                 \
	{"rules", 'r', "DIR", SS_OPT_LIST, offsetof(T, rules.dirs), 0,                        \
	 "add the *.rules files of DIR (repeatable)"},                                       \
	{"no-default-rules", 0, NULL, SS_OPT_FLAG, offsetof(T, rules.no_defaults), 0,          \
	 "leave out the built-in rules"},                                                      \
	{"quiet", 'q', NULL, SS_OPT_FLAG, offsetof(T, rules.quiet), 0, "no warnings, only errors"}, \
	{"help", 'h', NULL, SS_OPT_HELP, 0, 0, "show this help"}

/* ---- the command table (main.c): git's builtin/ idea ---- */
typedef struct ss_command {
	const char *name;
	int (*run)(const struct ss_command *cmd, int argc, char **argv);
	const char *usage;       /* "statspan NAME ...", lines joined by "\n       " */
	const ss_option *options; /* ended by a zeroed entry */
} ss_command;

extern const ss_command ss_cmd_extract, ss_cmd_rules, ss_cmd_audit;

/* Parse argv by cmd's option table into opts; the other arguments are
 * appended to args. On a usage error print a hint and return false. */
bool ss_cli_parse(const ss_command *cmd, int argc, char **argv, void *opts, ss_strlist *args,
                  bool *help);
void ss_cli_help(FILE *out, const ss_command *cmd);

/* Messages: "statspan: error: ...". They clear the progress line first. */
void ss_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "unknown output format 'X' (json, jsonl, ...)", the names from the writer's table. */
void ss_error_unknown_format(const char *name);
void ss_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A copy of s (malloc'd) fit to go inside a message: when s holds a control
 * character or a byte that is not UTF-8, these are written as git quotes a
 * path (\033, \a, \n, \377) and so is the backslash; otherwise s as it is. */
char *ss_quote(const char *s);
/* The same for the n bytes at s, which may hold NUL bytes. */
char *ss_quote_n(const char *s, size_t n);
/* Write a message to standard error with any control character other than
 * newline and tab escaped, so no text inside it can drive the terminal. */
void ss_cli_write_err(const char *s, size_t n);
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
	void *data;       /* the command's own, released by its emit */
	char *name;       /* an input that failed without a document, for the formats
	                     that list every input (xlsx, html); else NULL */
} ss_result;

typedef struct ss_batch ss_batch;
/* work runs on a worker thread; emit runs in input order, one call at a time
 * (on whichever thread of the pool writes the results out: never two at once,
 * and each call sees everything the calls before it did). */
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
/* Records on the same terminal end mid-line (JSON): no line is drawn until
 * they end a line again, as wiping it would wipe them. */
void ss_progress_hold(bool hold);
/* Finish: wipe the line (a terminal) or end it (--progress into a file). */
void ss_progress_stop(void);
/* Whether the line may be shown at all in this run. */
bool ss_progress_enabled(void);

/* Load the rule set the options ask for; NULL (after a message) on error. */
ss_ruleset *ss_cli_load_rules(const ss_rules_opts *o);

/* Atomic output: writes go to a temporary file beside path, renamed into
 * place by ss_output_commit(); path NULL or "-" means standard output. */
typedef struct {
	FILE *fp;
	char *path, *tmp;
} ss_output;

bool ss_output_open(ss_output *out, const char *path);

/* The registry of temporaries (output.c): a file (dir false) or an empty
 * directory that a terminating signal (SIGTERM, SIGINT, SIGHUP, ...) must
 * remove; the -o temporary is one, and so is what a format makes on the way
 * (the exporters' temp hook). Remove it from the registry once it is gone. */
void ss_temp_add(const char *path, bool dir);
void ss_temp_remove(const char *path);
/* Both as one call, the type of the exporters' hook (ss_export_set_temp_hook). */
void ss_temp_hook(const char *path, bool dir, bool made);
/* Flush, sync and rename; false (after a message, temporary removed) on any error. */
bool ss_output_commit(ss_output *out);
void ss_output_abort(ss_output *out);


/* ---- the inputs (inputs.c): every source document of a run ----
 * Shared by the subcommands that read documents. The inputs are PATH
 * arguments (files; directories walked in name order; - for standard input),
 * or the names a --files-from list gives (newline- or, with -0, NUL-ended),
 * or with jsonl the JSONL documents of the paths (none: standard input).
 * Every document is read and extracted on a worker thread; a command's own
 * work on it runs there too, and its emit in input order, one at a time.
 * Errors are reported the same way for every command: a message
 * naming the input (and line), the run goes on, and the exit status says 1. */
typedef struct {
	const char *name; /* the document's name in records (doc, id): valid UTF-8 */
	const char *src;  /* its bytes (alive while the command's doc runs) */
	size_t len;
} ss_source;

typedef struct {
	const char *const *paths;
	size_t npaths;
	const char *files_from; /* or NULL */
	bool null_sep;          /* -0 */
	bool jsonl;             /* --jsonl-in */
	int jobs;               /* >= 1 */
	int progress;           /* -1 auto, 0 off, 1 on */
	bool quiet;
	const ss_ruleset *rs;
	ss_format format;       /* --format-in (a JSONL document's own wins) */
	unsigned kinds;         /* --kinds: a mask of (1u << ss_kind); 0 all */
	bool all_text;          /* --all-text */
	const struct ss_reader *const *readers; /* asked first (the PDF reader); NULL none */
	const char *currency;   /* --currency: what a bare 元 is; NULL: the document's */
	/* On a worker thread, for each document extracted: doc belongs to the
	 * callee (free it, or leave it in res->doc for emit). Output goes to
	 * res->out, messages to res->err; res->failed makes the run exit 1. */
	void (*doc)(void *ctx, const ss_source *src, ss_doc *doc, ss_result *res);
	/* In input order, one at a time (as the batch's emit), after res->err is written. */
	void (*emit)(void *ctx, ss_result *res);
	void *ctx;
} ss_inputs;

/* The options of the inputs, for a command's own table: T's struct has an
 * ss_input_opts member named input, whose progress starts at -1. */
typedef struct {
	const char *format_in, *jobs, *files_from;
	bool null_sep, jsonl, all_text;
	int progress;
} ss_input_opts;
#define SS_INPUT_OPTIONS(T)                                                                  \
	{"format-in", 0, "FMT", SS_OPT_STR, offsetof(T, input.format_in), 0,                    \
	 "read inputs as html, markdown or text (default: detect; a PDF is read as a PDF)"},   \
	{"all-text", 0, NULL, SS_OPT_FLAG, offsetof(T, input.all_text), 0,                      \
	 "web pages: keep the facts outside the article too (menus, tickers)"},                \
	{"jobs", 'j', "N", SS_OPT_STR, offsetof(T, input.jobs), 0,                              \
	 "extract N files at a time (default: the number of cores)"},                          \
	{"files-from", 0, "FILE", SS_OPT_STR, offsetof(T, input.files_from), 0,                 \
	 "read input paths from FILE, one a line (- for standard input)"},                     \
	{"null", '0', NULL, SS_OPT_FLAG, offsetof(T, input.null_sep), 0,                        \
	 "--files-from names end with NUL, not newline (find -print0)"},                       \
	{"jsonl-in", 0, NULL, SS_OPT_FLAG, offsetof(T, input.jsonl), 0,                         \
	 "inputs (default: stdin) are JSONL {\"id\", \"content\", \"format\"} documents; doc = id"}, \
	{"progress", 0, NULL, SS_OPT_SET, offsetof(T, input.progress), 1,                       \
	 "show a progress line on standard error even when it is no terminal"},                \
	{"no-progress", 0, NULL, SS_OPT_SET, offsetof(T, input.progress), 0,                    \
	 "never show the progress line (default: on a terminal, after a second)"}

/* Check the input options with the PATH arguments of command cmd and fill
 * in the reading side of in (paths, list, JSONL, jobs, progress, format);
 * false after a message: a usage error (exit 2). */
bool ss_inputs_setup(ss_inputs *in, const ss_input_opts *o, const ss_strlist *args,
                     const ss_command *cmd);

/* Read, extract and hand over every document. Returns SS_EXIT_OK, or
 * SS_EXIT_FAIL when some input failed (each one reported). */
int ss_inputs_run(const ss_inputs *in);

/* jsonl_in.c: one JSONL line as a document: its id (*name), content and
 * format. Returns a handle keeping them alive, for ss_jsonl_free(); a bad
 * line is reported in res->err naming the input and line, and gives NULL. */
void *ss_jsonl_parse(const ss_item *item, ss_result *res, const char **name, const char **src,
                     size_t *len, ss_format *format);
void ss_jsonl_free(void *handle);

/* ---- the records of a list or JSONL input, of bounded length (lines.c) ---- */
typedef enum {
	SS_LINE_OK,       /* a record in line[0..len), NUL-terminated */
	SS_LINE_EOF,      /* no more */
	SS_LINE_ERROR,    /* a read error (err); nothing more is read */
	SS_LINE_NOMEM,    /* this record did not fit in memory; it is skipped */
	SS_LINE_TOO_LONG, /* a record over max bytes: the input is not read on */
	SS_LINE_BINARY,   /* with binary_max: a record with a NUL byte, skipped */
} ss_line_status;

typedef struct {
	int fd;
	char delim;
	size_t max;
	size_t binary_max; /* not 0: a NUL byte makes a record binary, skipped if
	                    * it ends within binary_max bytes, else TOO_LONG */
	char *line;
	size_t len, cap;
	unsigned long no; /* 1-based number of the record last read */
	int err;
	bool at_end;
	size_t pos, end;
	char buf[65536];
} ss_lines;

void ss_lines_init(ss_lines *r, int fd, char delim, size_t max);
ss_line_status ss_lines_next(ss_lines *r);
void ss_lines_release(ss_lines *r);

#endif
