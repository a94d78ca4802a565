/* cmd_extract.c - `statspan extract`: its options, and every document the
 * inputs give (inputs.c) rendered by one exporter, in input order. A bad
 * input is reported and skipped; the run goes on. */
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../export/export.h" /* ss_export_set_temp_hook, the default columns */
#include "../pdf/pdf.h"
#include "../util/util.h"
#include "cli.h"

typedef struct {
	const char *format, *output, *kinds, *columns, *currency;
	ss_input_opts input;
	ss_rules_opts rules;
	bool bom, debug_spans;
} extract_opts;

#define O(field) offsetof(extract_opts, field)
static const ss_option options[] = {
	{"format", 'f', "FMT", SS_OPT_STR, O(format), 0,
	 "output format: json, jsonl, csv, tsv, xlsx, html (default: jsonl)"},
	{"output", 'o', "FILE", SS_OPT_STR, O(output), 0,
	 "write to FILE (atomically: a temporary file renamed into place)"},
	{"kinds", 'k', "LIST", SS_OPT_STR, O(kinds), 0,
	 "only these kinds: percent,change,money,count,multiple"},
	{"columns", 0, "LIST", SS_OPT_STR, O(columns), 0,
	 "these columns in this order, e.g. doc,title,date,text,value (default: SPEC's; "
	 "a wrong name lists them all; html ignores it)"},
	{"currency", 0, "CODE", SS_OPT_STR, O(currency), 0,
	 "a bare 元 is CODE (default: TWD in a Taiwanese document, else CNY)"},
	{"bom", 0, NULL, SS_OPT_FLAG, O(bom), 0, "start CSV/TSV output with a UTF-8 BOM (for Excel)"},
	{"debug-spans", 0, NULL, SS_OPT_FLAG, O(debug_spans), 0,
	 "print each fact's source span and bytes instead of records (its region on a web page; a PDF's page and box)"},
	SS_INPUT_OPTIONS(extract_opts),
	SS_RULES_OPTIONS(extract_opts),
	{NULL, 0, NULL, 0, 0, 0, NULL},
};
#undef O

/* The run's output side: the library's public writer (the CLI uses it as
 * any program would) and where it writes. */
typedef struct {
	ss_writer *w;
	bool debug_spans;
	bool tty; /* out is a terminal: the writer keeps its bytes for drain */
	bool one_thread; /* -j1: emit follows render on the same thread */
	FILE *out;
} run_ctx;

/* Records to the output. On a terminal, which is where the progress line is
 * too, the line is wiped first and the records flushed, so that no record
 * starts after the progress text and the line is redrawn below them. */
static void put_records(run_ctx *c, const char *p, size_t n)
{
	if (!n)
		return;
	if (c->tty)
		ss_progress_clear();
	fwrite(p, 1, n, c->out);
	if (c->tty) {
		fflush(c->out);
		ss_progress_hold(p[n - 1] != '\n');
	}
}

/* What the writer kept in memory when out is a terminal. */
static void drain(run_ctx *c)
{
	if (c->tty && c->w) {
		size_t n;
		char *p = ss_writer_detach(c->w, &n);
		put_records(c, p, n);
		ss_free(p);
	}
}

static void debug_spans(FILE *out, const ss_doc *doc, const char *src, size_t len)
{
	/* A line per fact that starts with the name: a newline in the name would
	 * forge one, and an escape sequence would reach the terminal. */
	char *name = ss_quote(ss_doc_name(doc));
	bool pdf = ss_doc_format(doc) == SS_FORMAT_PDF;
	if (pdf) /* its spans point into its text layer, which is its text */
		src = ss_doc_text(doc, &len);
	for (size_t i = 0; i < ss_doc_fact_count(doc); i++) {
		const ss_fact *f = ss_doc_fact(doc, i);
		size_t tl, fs, fe;
		const char *t = ss_doc_text(doc, &tl);
		ss_tspan ts = ss_fact_text(f);
		ss_fact_span(f, &fs, &fe);
		fprintf(out, "%s:%u:%u [%zu,%zu) %s", name, ss_fact_line(f), ss_fact_column(f), fs, fe,
		        ss_fact_rule(f));
		if (pdf) {
			char box[512];
			unsigned page = ss_doc_fact_page(doc, i, box, sizeof box);
			fprintf(out, " page=%u box=%s", page, box);
		}
		ss_region r = ss_fact_region(f);
		/* the document's own bytes are quoted too: a control character in
		 * them would reach the terminal, a newline would forge a line */
		char *text = ss_quote_n(t + ts.start, ts.end - ts.start);
		char *source = ss_quote_n(src + fs, fe <= len ? fe - fs : 0);
		fprintf(out, " text=\"%s\" source=\"%s\"%s%s\n", text, source, r ? " region=" : "",
		        ss_region_name(r));
		free(text);
		free(source);
	}
	free(name);
}

/* Render doc into res: records in res->out, or the doc itself for a format
 * whose records depend on the documents before (json's separators). */
static void render(void *ctx, const ss_source *s, ss_doc *doc, ss_result *res)
{
	run_ctx *c = ctx;
	const char *src = s->src;
	size_t len = s->len;
	/* At -j1 emit comes right after, on this thread: the writer streams the
	 * records from the doc, so no document's records are held whole (a
	 * 100 MB document's JSONL is 260 MB). */
	if (!c->debug_spans && (c->one_thread || ss_writer_is_whole_run(c->w))) {
		res->doc = doc;
		return;
	}
	if (c->debug_spans) {
		char *mem = NULL;
		size_t n = 0;
		FILE *fp = open_memstream(&mem, &n);
		if (!fp)
			ss_xmalloc(SIZE_MAX); /* aborts with the out-of-memory message */
		debug_spans(fp, doc, src, len);
		if (fclose(fp) != 0)
			ss_xmalloc(SIZE_MAX);
		res->out.ptr = mem;
		res->out.len = n;
		res->out.cap = n + 1; /* open_memstream NUL-terminates */
	} else {
		/* Rendered here, on the worker; written in order by emit. */
		size_t n;
		res->out.ptr = ss_writer_render(c->w, doc, &n);
		res->out.len = n;
		res->out.cap = n + 1; /* NUL-terminated */
	}
	ss_doc_free(doc);
}

/* ---- emit: one thread at a time, in input order ---- */

/* The first error among an input's messages, without the line's lead
 * ("statspan: error: ", "a.md:3:1: error: ") and its end: NUL-terminated in
 * place in err, which has been written, or NULL. */
static const char *first_error(ss_buf *err)
{
	char *s = err->len ? strstr(err->ptr, "error: ") : NULL;
	if (!s)
		return NULL;
	s += 7;
	char *nl = strchr(s, '\n');
	if (nl)
		*nl = '\0';
	return s;
}

static void emit(void *ctx, ss_result *res)
{
	run_ctx *c = ctx;
	if (res->doc) {
		ss_writer_write_msg(c->w, res->doc, res->failed ? first_error(&res->err) : NULL);
		drain(c);
	} else if (res->name && !c->debug_spans) {
		/* a format that lists every input has a row for one that failed */
		ss_writer_failed(c->w, res->name, first_error(&res->err));
		drain(c);
	} else if (res->out.len && c->debug_spans)
		put_records(c, res->out.ptr, res->out.len);
	else if (res->out.len) {
		ss_writer_put(c->w, res->out.ptr, res->out.len);
		drain(c);
	}
}

/* An ISO 4217 code: three capital letters. */
static bool currency_ok(const char *code)
{
	bool ok = strlen(code) == 3;
	for (size_t i = 0; ok && i < 3; i++)
		ok = code[i] >= 'A' && code[i] <= 'Z';
	if (!ok)
		ss_error("--currency wants an ISO 4217 code such as TWD, not '%s'", code);
	return ok;
}

static bool parse_kinds(const char *list, unsigned *mask)
{
	*mask = 0;
	while (*list) {
		size_t n = strcspn(list, ",");
		int k = ss_kind_parse(list, n);
		if (k < 0) {
			ss_error("unknown kind '%.*s' (kinds: percent, change, money, count, multiple)",
			         (int)n, list);
			return false;
		}
		*mask |= 1u << k;
		list += n;
		if (*list == ',')
			list++;
	}
	return true;
}

static int run(const ss_command *cmd, int argc, char **argv)
{
	extract_opts o = {0};
	o.input.progress = -1;
	ss_strlist args = {0};
	bool help;
	int rc = SS_EXIT_USAGE;
	if (!ss_cli_parse(cmd, argc, argv, &o, &args, &help))
		goto done;
	if (help) {
		ss_cli_help(stdout, cmd);
		rc = SS_EXIT_OK;
		goto done;
	}
	run_ctx c;
	memset(&c, 0, sizeof c);
	const char *format = o.format ? o.format : "jsonl";
	/* The writer's table says which formats there are and what they are. */
	ss_writer *probe = ss_writer_new(format, NULL);
	bool known = probe != NULL, binary = ss_writer_is_binary(probe);
	ss_writer_free(probe);
	if (!known) {
		ss_error_unknown_format(o.format);
		goto done;
	}
	if (binary && !o.debug_spans && (!o.output || !strcmp(o.output, "-")) &&
	    isatty(STDOUT_FILENO)) {
		ss_error("%s is a binary format: not written to a terminal; use -o FILE", format);
		goto done;
	}
	const char *cols = o.columns;
	if (cols) { /* checked before any input is read */
		ss_writer *check = ss_writer_new(format, NULL);
		bool bad = ss_writer_set_columns(check, cols) != SS_OK;
		if (bad)
			ss_error("%s", ss_writer_error(check));
		ss_writer_free(check);
		if (bad)
			goto done;
	}
	ss_inputs in = {0};
	if (!ss_inputs_setup(&in, &o.input, &args, cmd) ||
	    (o.kinds && !parse_kinds(o.kinds, &in.kinds)) ||
	    (o.currency && !currency_ok(o.currency)))
		goto done;
	in.currency = o.currency;
	c.one_thread = in.jobs <= 1;
	ss_ruleset *rs = ss_cli_load_rules(&o.rules);
	if (!rs)
		goto done;
	c.debug_spans = o.debug_spans;

	ss_output out;
	if (!ss_output_open(&out, o.output)) {
		ss_ruleset_free(rs);
		rc = SS_EXIT_FAIL;
		goto done;
	}
	ss_export_set_temp_hook(ss_temp_hook); /* a killed run leaves no workbook directory */
	c.out = out.fp;
	c.tty = isatty(fileno(out.fp));
	/* On a terminal the writer writes to memory and drain puts its bytes out
	 * around the progress line. */
	c.w = ss_writer_new(format, c.tty ? NULL : out.fp);
	ss_writer_set_bom(c.w, o.bom);
	if (cols)
		ss_writer_set_columns(c.w, cols); /* checked above */

	in.quiet = o.rules.quiet;
	in.rs = rs;
	in.doc = render;
	in.emit = emit;
	in.ctx = &c;
	int failed = ss_inputs_run(&in);

	bool ok = true;
	if (!c.debug_spans) {
		ss_status st = ss_writer_finish(c.w);
		drain(&c);
		if (st != SS_OK && ss_writer_error(c.w)) {
			ss_error("cannot write %s: %s", format, ss_writer_error(c.w));
			ok = false;
		}
	}
	ss_writer_free(c.w);
	/* A short write leaves the stream's error flag set: commit reports it. */
	if (!ok)
		ss_output_abort(&out);
	else
		ok = ss_output_commit(&out);
	rc = ok ? failed : SS_EXIT_FAIL;
	ss_ruleset_free(rs);
done:
	free(o.rules.dirs.v);
	free(args.v);
	return rc;
}

const ss_command ss_cmd_extract = {
	"extract", run,
	"statspan extract [options] PATH...   (files, directories, or - for stdin)\n"
	"       statspan extract [options] --files-from FILE [-0]\n"
	"       statspan extract [options] --jsonl-in [FILE...]   (a JSONL filter)",
	options,
};
