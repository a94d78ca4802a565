/* inputs_setup.c - the inputs' options, checked the same way for every
 * command that reads documents. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static bool parse_jobs(const char *s, int *jobs)
{
	if (!s) {
		*jobs = ss_cpu_count();
		return true;
	}
	char *end;
	long n = strtol(s, &end, 10);
	if (end == s || *end || n < 1 || n > 1024) {
		char *q = ss_quote(s);
		ss_error("-j needs a number of jobs from 1 to 1024, not '%s'", q);
		free(q);
		return false;
	}
	*jobs = (int)n;
	return true;
}

static bool parse_format_in(const char *s, ss_format *f)
{
	if (!s || !strcmp(s, "auto"))
		*f = SS_FORMAT_AUTO;
	else if (!strcmp(s, "html"))
		*f = SS_FORMAT_HTML;
	else if (!strcmp(s, "markdown") || !strcmp(s, "md"))
		*f = SS_FORMAT_MARKDOWN;
	else if (!strcmp(s, "text") || !strcmp(s, "txt"))
		*f = SS_FORMAT_TEXT;
	else {
		char *q = ss_quote(s);
		ss_error("unknown input format '%s' (html, markdown, text)", q);
		free(q);
		return false;
	}
	return true;
}

bool ss_inputs_setup(ss_inputs *in, const ss_input_opts *o, const ss_strlist *args,
                     const ss_command *cmd)
{
	if (args->n == 0 && !o->files_from && !o->jsonl) {
		ss_error("no input: give files, directories, or - for standard input");
		fprintf(stderr, "Try 'statspan %s --help' for more information.\n", cmd->name);
		return false;
	}
	if (o->jsonl && o->files_from) {
		ss_error("--jsonl-in and --files-from do not go together");
		return false;
	}
	if (o->null_sep && !o->files_from) {
		ss_error("-0 goes with --files-from");
		return false;
	}
	if (!parse_format_in(o->format_in, &in->format) || !parse_jobs(o->jobs, &in->jobs))
		return false;
	in->paths = args->v;
	in->npaths = args->n;
	in->files_from = o->files_from;
	in->null_sep = o->null_sep;
	in->jsonl = o->jsonl;
	in->progress = o->progress;
	return true;
}
