/* options.c - the one option table: it drives parsing and --help alike, so
 * the two can never disagree (pcre2grep's optionlist[] idea). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const ss_option ss_options[] = {
	{"format", 'f', "FMT", OPT_FORMAT, CMD_EXTRACT,
	 "output format: json, jsonl, csv, tsv (default: jsonl)"},
	{"output", 'o', "FILE", OPT_OUTPUT, CMD_EXTRACT,
	 "write to FILE (atomically: a temporary file renamed into place)"},
	{"kinds", 'k', "LIST", OPT_KINDS, CMD_EXTRACT,
	 "only these kinds: percent,change,money,count,multiple"},
	{"format-in", 0, "FMT", OPT_FORMAT_IN, CMD_EXTRACT,
	 "read inputs as html, markdown or text (default: detect; a PDF is read as a PDF)"},
	{"bom", 0, NULL, OPT_BOM, CMD_EXTRACT, "start CSV/TSV output with a UTF-8 BOM (for Excel)"},
	{"debug-spans", 0, NULL, OPT_DEBUG_SPANS, CMD_EXTRACT,
	 "print each fact's source span and bytes instead of records (a PDF's page and box too)"},
	{"jobs", 'j', "N", OPT_JOBS, CMD_EXTRACT,
	 "extract N files at a time (default: the number of cores)"},
	{"files-from", 0, "FILE", OPT_FILES_FROM, CMD_EXTRACT,
	 "read input paths from FILE, one a line (- for standard input)"},
	{"null", '0', NULL, OPT_NULL, CMD_EXTRACT,
	 "--files-from names end with NUL, not newline (find -print0)"},
	{"jsonl-in", 0, NULL, OPT_JSONL_IN, CMD_EXTRACT,
	 "inputs (default: stdin) are JSONL {\"id\", \"content\", "
	 "\"format\"} documents; doc = id"},
	{"progress", 0, NULL, OPT_PROGRESS, CMD_EXTRACT,
	 "show a progress line on standard error even when it is no terminal"},
	{"no-progress", 0, NULL, OPT_NO_PROGRESS, CMD_EXTRACT,
	 "never show the progress line (default: on a terminal, after a second)"},
	{"rules", 'r', "DIR", OPT_RULES, CMD_ALL, "add the *.rules files of DIR (repeatable)"},
	{"no-default-rules", 0, NULL, OPT_NO_DEFAULT_RULES, CMD_ALL,
	 "leave out the built-in rules"},
	{"quiet", 'q', NULL, OPT_QUIET, CMD_ALL, "no warnings, only errors"},
	{"help", 'h', NULL, OPT_HELP, CMD_ALL, "show this help"},
	{NULL, 0, NULL, 0, 0, NULL},
};

void ss_cli_usage(FILE *out)
{
	fputs("usage: statspan extract [options] PATH...   (files, directories, or - for stdin)\n"
	      "       statspan extract [options] --files-from FILE [-0]\n"
	      "       statspan extract [options] --jsonl-in [FILE...]   (a JSONL filter)\n"
	      "       statspan rules list | test | check [DIR]\n"
	      "       statspan --help | --version\n",
	      out);
}

void ss_cli_help(FILE *out, unsigned cmd)
{
	ss_cli_usage(out);
	fputs("\nOptions:\n", out);
	for (const ss_option *o = ss_options; o->long_name; o++) {
		if (!(o->cmds & cmd))
			continue;
		char left[64];
		if (o->short_name)
			snprintf(left, sizeof left, "-%c, --%s%s%s", o->short_name, o->long_name,
			         o->arg ? " " : "", o->arg ? o->arg : "");
		else
			snprintf(left, sizeof left, "    --%s%s%s", o->long_name, o->arg ? " " : "",
			         o->arg ? o->arg : "");
		fprintf(out, "  %-26s %s\n", left, o->help);
	}
	fputs("\nExit status: 0 done, 1 some input failed, 2 usage or configuration error.\n", out);
}

static void bad_usage(const char *cmdname, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("statspan: error: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	fprintf(stderr, "Try 'statspan %s --help' for more information.\n", cmdname);
}

static const ss_option *find_long(const char *name, size_t len, unsigned cmd)
{
	for (const ss_option *o = ss_options; o->long_name; o++)
		if ((o->cmds & cmd) && strlen(o->long_name) == len && !strncmp(o->long_name, name, len))
			return o;
	return NULL;
}

static const ss_option *find_short(char c, unsigned cmd)
{
	for (const ss_option *o = ss_options; o->long_name; o++)
		if ((o->cmds & cmd) && o->short_name == c)
			return o;
	return NULL;
}

static void apply(ss_cli_opts *o, const ss_option *opt, const char *arg, bool *help)
{
	switch (opt->id) {
	case OPT_HELP: *help = true; break;
	case OPT_FORMAT: o->format = arg; break;
	case OPT_OUTPUT: o->output = arg; break;
	case OPT_KINDS: o->kinds = arg; break;
	case OPT_FORMAT_IN: o->format_in = arg; break;
	case OPT_BOM: o->bom = true; break;
	case OPT_DEBUG_SPANS: o->debug_spans = true; break;
	case OPT_NO_DEFAULT_RULES: o->no_default_rules = true; break;
	case OPT_QUIET: o->quiet = true; break;
	case OPT_JOBS: o->jobs = arg; break;
	case OPT_PROGRESS: o->progress = 1; break;
	case OPT_NO_PROGRESS: o->progress = 0; break;
	case OPT_FILES_FROM: o->files_from = arg; break;
	case OPT_NULL: o->null_sep = true; break;
	case OPT_JSONL_IN: o->jsonl_in = true; break;
	case OPT_RULES:
		o->rules_dirs = realloc(o->rules_dirs, (o->nrules_dirs + 1) * sizeof *o->rules_dirs);
		if (!o->rules_dirs)
			abort();
		o->rules_dirs[o->nrules_dirs++] = arg;
		break;
	}
}

bool ss_cli_parse(unsigned cmd, const char *cmdname, int argc, char **argv, ss_cli_opts *o,
                  bool *help)
{
	memset(o, 0, sizeof *o);
	o->progress = -1;
	*help = false;
	o->args = calloc((size_t)argc + 1, sizeof *o->args);
	if (!o->args)
		abort();
	bool only_args = false;
	for (int i = 0; i < argc; i++) {
		char *a = argv[i];
		if (only_args || a[0] != '-' || a[1] == '\0') {
			o->args[o->nargs++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_args = true;
			continue;
		}
		const ss_option *opt;
		const char *val = NULL;
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			opt = find_long(a + 2, n, cmd);
			if (!opt) {
				bad_usage(cmdname, "unknown option '%s'", a);
				return false;
			}
			if (eq && !opt->arg) {
				bad_usage(cmdname, "option '--%s' takes no value", opt->long_name);
				return false;
			}
			val = eq ? eq + 1 : NULL;
		} else {
			opt = find_short(a[1], cmd);
			if (!opt) {
				bad_usage(cmdname, "unknown option '-%c'", a[1]);
				return false;
			}
			if (a[2]) {
				if (!opt->arg) {
					bad_usage(cmdname, "option '-%c' takes no value", a[1]);
					return false;
				}
				val = a + 2;
			}
		}
		if (opt->arg && !val) {
			if (i + 1 >= argc) {
				bad_usage(cmdname, "option '--%s' needs a value (%s)", opt->long_name, opt->arg);
				return false;
			}
			val = argv[++i];
		}
		apply(o, opt, val, help);
	}
	return true;
}

void ss_cli_opts_release(ss_cli_opts *o)
{
	free(o->rules_dirs);
	free(o->args);
}
