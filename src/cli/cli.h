/*
 * cli.h - the statspan command: one option table that drives both parsing
 * and --help, exit codes, messages in git's wording, atomic output.
 */
#ifndef SS_CLI_H
#define SS_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "statspan.h"

/* Exit codes, as SPEC says. */
typedef enum {
	SS_EXIT_OK = 0,      /* done; for audit, every claim supported */
	SS_EXIT_FAIL = 1,    /* some input failed, or some claim is not supported */
	SS_EXIT_USAGE = 2,   /* usage or configuration error */
} ss_exit;

enum {
	OPT_HELP = 1, OPT_VERSION, OPT_FORMAT, OPT_OUTPUT, OPT_KINDS, OPT_RULES,
	OPT_NO_DEFAULT_RULES, OPT_FORMAT_IN, OPT_BOM, OPT_QUIET, OPT_DEBUG_SPANS,
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
	char **args; /* positional arguments */
	int nargs;
} ss_cli_opts;

/* Parse argv for subcommand cmd; on a usage error print a hint and return false. */
bool ss_cli_parse(unsigned cmd, const char *cmdname, int argc, char **argv, ss_cli_opts *o,
                  bool *help);
void ss_cli_opts_release(ss_cli_opts *o);
void ss_cli_usage(FILE *out);
void ss_cli_help(FILE *out, unsigned cmd);

/* Messages: "statspan: error: ...". */
void ss_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ss_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The diagnostic callback: file:line:col: level: message [rule], then a caret line. */
void ss_cli_diag(void *userdata, const ss_diag *d);

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

#endif
