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

#include "../export/export.h"
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
	 "page,box too when every input is a PDF; a wrong name lists them all; html ignores it)"},
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

/* The run's output side: the exporter and where it writes. */
typedef struct {
	const ss_exporter *vt;
	ss_export exp;
	const ss_colset *cols; /* NULL: the format's default */
	bool debug_spans, bom;
	bool tty; /* out is a terminal: the exporter leaves its bytes in exp.buf */
	bool direct; /* one job: documents go straight to the stream, in order */
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

/* What the exporter left in its buffer when it has no stream (a terminal). */
static void drain(run_ctx *c)
{
	if (c->tty) {
		put_records(c, c->exp.buf.ptr, c->exp.buf.len);
		ss_buf_reset(&c->exp.buf);
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
		size_t tl;
		const char *t = ss_doc_text(doc, &tl);
		fprintf(out, "%s:%u:%u [%zu,%zu) %s", name, f->line, f->column, f->start, f->end,
		        f->rule_id);
		if (pdf) {
			char box[512];
			unsigned page = ss_doc_fact_page(doc, i, box, sizeof box);
			fprintf(out, " page=%u box=%s", page, box);
		}
		fprintf(out, " text=\"%.*s\" source=\"%.*s\"%s%s\n", (int)(f->text.end - f->text.start),
		        t + f->text.start, (int)(f->end <= len ? f->end - f->start : 0),
		        src + f->start, f->region ? " region=" : "", ss_region_name(f->region));
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
	/* Through the run's exporter, on the writing thread: needed by a
	 * format whose records depend on the documents before, and with one
	 * job the cheaper way, as a large document's records then go out as
	 * they are made instead of all being held. */
	if (!c->debug_spans && ((c->vt->needs & SS_FMT_WHOLE_RUN) || c->direct)) {
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
		/* With no stream the records stay in the exporter's buffer, taken
		 * whole; begin (headers) and end belong to the writer. */
		ss_export e;
		memset(&e, 0, sizeof e);
		e.vt = c->vt;
		e.bom = c->bom;
		e.cols = c->cols;
		ss_export_doc(&e, doc);
		res->out = e.buf;
	}
	ss_doc_free(doc);
}

/* ---- on the calling thread, in input order ---- */

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
		c->exp.message = res->failed ? first_error(&res->err) : NULL;
		ss_export_doc(&c->exp, res->doc);
		drain(c);
	} else if (res->name && !c->debug_spans) {
		/* a format that lists every input has a row for one that failed */
		ss_export_failed(&c->exp, res->name, first_error(&res->err));
		drain(c);
	} else
		put_records(c, res->out.ptr, res->out.len);
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

/* Is every path a PDF file? Then the records carry page and box by default
 * (a run's columns are fixed before its first document is read: a header). */
static bool all_pdf(const ss_strlist *args)
{
	for (size_t i = 0; i < args->n; i++) {
		char head[1024];
		struct stat st;
		/* Only a regular file is looked at: opening a FIFO would wait for
		 * its writer, and reading a device or standard input would take
		 * bytes the run needs. */
		if (!strcmp(args->v[i], "-") || stat(args->v[i], &st) != 0 || !S_ISREG(st.st_mode))
			return false;
		int fd = open(args->v[i], O_RDONLY | O_NONBLOCK);
		ssize_t n = fd >= 0 ? read(fd, head, sizeof head) : -1;
		if (fd >= 0)
			close(fd);
		if (n <= 0 || !ss_pdf_sniff(head, (size_t)n))
			return false;
	}
	return args->n > 0;
}

/* The standard columns with page and box after end, as SPEC lists them. */
static void pdf_columns(ss_colset *set)
{
	const ss_colset *std = ss_colset_default();
	set->n = 0;
	for (size_t k = 0; k < std->n; k++) {
		set->col[set->n++] = std->col[k];
		if (!strcmp(std->col[k]->name, "end")) {
			set->col[set->n++] = ss_column_find("page", 4);
			set->col[set->n++] = ss_column_find("box", 3);
		}
	}
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
	c.vt = ss_exporter_find(o.format ? o.format : "jsonl");
	if (!c.vt) {
		char *q = ss_quote(o.format);
		ss_error("unknown output format '%s' (%s)", q, ss_exporter_names());
		free(q);
		goto done;
	}
	if ((c.vt->needs & SS_FMT_BINARY) && !o.debug_spans &&
	    (!o.output || !strcmp(o.output, "-")) && isatty(STDOUT_FILENO)) {
		ss_error("%s is a binary format: not written to a terminal; use -o FILE",
		         c.vt->name);
		goto done;
	}
	ss_colset cols;
	if (o.columns) {
		char *msg = ss_colset_parse(&cols, o.columns);
		if (msg) {
			ss_error("%s", msg);
			free(msg);
			goto done;
		}
		c.cols = &cols;
	} else if (!o.input.files_from && !o.input.jsonl && all_pdf(&args)) {
		pdf_columns(&cols);
		c.cols = &cols;
	}
	ss_inputs in = {0};
	if (!ss_inputs_setup(&in, &o.input, &args, cmd) ||
	    (o.kinds && !parse_kinds(o.kinds, &in.xo.kinds)) ||
	    (o.currency && !currency_ok(o.currency)))
		goto done;
	in.xo.currency = o.currency;
	ss_ruleset *rs = ss_cli_load_rules(&o.rules);
	if (!rs)
		goto done;
	c.bom = o.bom;
	c.debug_spans = o.debug_spans;
	c.direct = in.jobs == 1;

	ss_output out;
	if (!ss_output_open(&out, o.output)) {
		ss_ruleset_free(rs);
		rc = SS_EXIT_FAIL;
		goto done;
	}
	ss_export_set_temp_hook(ss_temp_hook); /* a killed run leaves no workbook directory */
	c.out = out.fp;
	c.tty = isatty(fileno(out.fp));
	if (!c.debug_spans) {
		ss_export_start(&c.exp, c.vt, c.cols, c.tty ? NULL : out.fp, o.bom);
		drain(&c);
	}

	in.quiet = o.rules.quiet;
	in.rs = rs;
	in.doc = render;
	in.emit = emit;
	in.ctx = &c;
	int failed = ss_inputs_run(&in);

	bool ok = true;
	if (!c.debug_spans) {
		ss_export_end(&c.exp);
		drain(&c);
		if (c.tty)
			ss_buf_release(&c.exp.buf);
		if (c.exp.error) {
			ss_error("cannot write %s: %s", c.vt->name, c.exp.error);
			ok = false;
		}
	}
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
