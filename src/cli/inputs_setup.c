/* inputs_setup.c - the inputs' options, checked the same way for every
 * command that reads documents. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../pdf/pdf.h"
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
	/* No path reads standard input, as rg and jq do: `... | statspan extract`,
	 * `< doc.txt`. A terminal (or /dev/null, a cron job's) there means the
	 * user forgot the paths, not that a document is to be typed: rg reads
	 * standard input only when it is a pipe, a socket or a file, and so do we. */
	static const char *const std_input[] = {"-"};
	bool from_stdin = args->n == 0 && !o->files_from && !o->jsonl;
	struct stat st;
	if (from_stdin && (fstat(STDIN_FILENO, &st) != 0 ||
	                   !(S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode) || S_ISREG(st.st_mode)))) {
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
	in->all_text = o->all_text;
	in->paths = from_stdin ? std_input : args->v;
	in->npaths = from_stdin ? 1 : args->n;
	in->files_from = o->files_from;
	in->null_sep = o->null_sep;
	in->jsonl = o->jsonl;
	in->progress = o->progress;
	/* A file that is a PDF goes to the PDF reader (src/pdf, outside the
	 * library); a JSONL document's content is text. */
	if (!o->jsonl)
		in->readers = ss_pdf_readers;
	return true;
}
