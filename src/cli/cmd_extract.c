/* cmd_extract.c - `statspan extract`: every input path (file, directory
 * walked recursively in name order, or - for stdin) through the library, the
 * facts to one exporter. A bad input is reported and skipped; the run goes on. */
#include <dirent.h>
#include <stdint.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../export/export.h"
#include "../pdf/pdf.h"
#include "../util/util.h"
#include "cli.h"

typedef struct {
	const ss_ruleset *rs;
	ss_extract_options xo;
	const ss_exporter *vt;
	ss_export exp;
	bool debug_spans, quiet, bom;
	FILE *out;
	int failed;
	/* the walk */
	ss_batch *batch;
	bool counting; /* a first walk that only counts, for the progress line */
	size_t count_files, count_bytes;
	bool stdin_taken; /* standard input is the list or the JSONL, not a document */
} run_ctx;

/* Extensions a directory walk reads; explicit file arguments are always read. */
static bool wanted(const char *name)
{
	static const char *const ext[] = {".html", ".htm", ".xhtml", ".shtml", ".md",
	                                  ".markdown", ".txt", ".text", ".pdf", NULL};
	const char *dot = strrchr(name, '.');
	if (!dot)
		return false;
	for (size_t i = 0; ext[i]; i++)
		if (!strcasecmp(dot, ext[i]))
			return true;
	return false;
}

static void debug_spans(FILE *out, const ss_doc *doc, const char *src, size_t len,
                        const ss_pdf_text *pdf)
{
	ss_buf box = SS_BUF_INIT;
	for (size_t i = 0; i < ss_doc_fact_count(doc); i++) {
		const ss_fact *f = ss_doc_fact(doc, i);
		size_t tl;
		const char *t = ss_doc_text(doc, &tl);
		fprintf(out, "%s:%u:%u [%zu,%zu) %s", ss_doc_name(doc), f->line, f->column, f->start,
		        f->end, f->rule_id);
		if (pdf) {
			unsigned page;
			box.len = 0;
			ss_cli_pdf_position(pdf, f, &page, &box);
			fprintf(out, " page=%u box=%s", page, box.ptr ? box.ptr : "");
		}
		fprintf(out, " text=\"%.*s\" source=\"%.*s\"\n", (int)(f->text.end - f->text.start),
		        t + f->text.start, (int)(f->end <= len ? f->end - f->start : 0),
		        src + f->start);
	}
	ss_buf_release(&box);
}

/* ---- on a worker thread: one item to rendered bytes ---- */

static void worker_diag(void *userdata, const ss_diag *d)
{
	ss_result *res = userdata;
	/* work() parks --quiet in res->counted while the document is extracted */
	ss_cli_diag_format(&res->err, res->counted, d);
}

/* Render doc into res: records in res->out, or the doc itself for a format
 * whose records depend on the documents before (json's separators). */
static void render(run_ctx *c, ss_doc *doc, const char *src, size_t len, ss_result *res,
                   const ss_pdf_text *pdf)
{
	res->facts = ss_doc_fact_count(doc);
	if (ss_doc_status(doc) != SS_OK)
		res->failed = true;
	if (!c->debug_spans && !strcmp(c->vt->name, "json")) {
		res->doc = doc;
		return;
	}
	if (c->debug_spans) {
		char *mem = NULL;
		size_t n = 0;
		FILE *fp = open_memstream(&mem, &n);
		if (!fp)
			ss_xmalloc(SIZE_MAX); /* aborts with the out-of-memory message */
		debug_spans(fp, doc, src, len, pdf);
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
		ss_export_doc(&e, doc);
		res->out = e.buf;
	}
	ss_doc_free(doc);
}

static void work(void *ctx, ss_item *it, ss_result *res)
{
	run_ctx *c = ctx;
	ss_extract_options xo = c->xo;
	xo.diag = worker_diag;
	xo.diag_userdata = res;
	res->counted = c->quiet; /* read by worker_diag; reset below */
	char *buf = NULL;
	size_t len = 0;
	ss_doc *doc = NULL;
	ss_pdf_text pdf;
	memset(&pdf, 0, sizeof pdf);
	switch (it->kind) {
	case SS_ITEM_ERROR:
		ss_buf_addf(&res->err, "statspan: error: %s\n", it->data);
		res->failed = true;
		res->counted = false;
		return;
	case SS_ITEM_FILE: {
		int err = ss_read_file(it->name, &buf, &len);
		if (err) {
			ss_buf_addf(&res->err, "statspan: error: cannot read '%s': %s\n", it->name,
			            strerror(err));
			res->failed = true;
			res->counted = true;
			return;
		}
		if (ss_pdf_sniff(buf, len))
			doc = ss_cli_pdf_doc(c->rs, it->name, buf, len, &xo, res, c->quiet, &pdf);
		else
			doc = ss_doc_extract(c->rs, it->name, buf, len, &xo);
		break;
	}
	case SS_ITEM_STDIN: {
		ss_buf b = SS_BUF_INIT;
		char chunk[65536];
		size_t n;
		while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
			ss_buf_add(&b, chunk, n);
		if (ferror(stdin)) {
			ss_buf_addf(&res->err, "statspan: error: cannot read standard input: %s\n",
			            strerror(errno));
			res->failed = true;
		}
		len = b.len;
		buf = b.ptr ? ss_buf_detach(&b, &len) : ss_xstrdup("");
		if (ss_pdf_sniff(buf, len))
			doc = ss_cli_pdf_doc(c->rs, "-", buf, len, &xo, res, c->quiet, &pdf);
		else
			doc = ss_doc_extract(c->rs, "-", buf, len, &xo);
		break;
	}
	case SS_ITEM_JSONL: {
		const char *src;
		void *h = ss_jsonl_doc(c->rs, &xo, it, res, &doc, &src, &len);
		res->counted = true;
		if (doc)
			render(c, doc, src, len, res, NULL);
		ss_jsonl_free(h);
		return;
	}
	}
	res->bytes = len;
	res->counted = true;
	if (doc && pdf.text)
		render(c, doc, pdf.text, pdf.len, res, &pdf);
	else if (doc)
		render(c, doc, buf, len, res, NULL);
	ss_pdf_text_release(&pdf);
	free(buf);
}

/* ---- on the calling thread, in input order ---- */

static void emit(void *ctx, ss_result *res)
{
	run_ctx *c = ctx;
	if (res->err.len) {
		ss_progress_clear();
		fwrite(res->err.ptr, 1, res->err.len, stderr);
	}
	if (res->failed)
		c->failed = 1;
	if (res->doc)
		ss_export_doc(&c->exp, res->doc);
	else if (res->out.len)
		fwrite(res->out.ptr, 1, res->out.len, c->out);
	if (res->counted)
		ss_progress_add(1, res->bytes);
}

static void submit(run_ctx *c, ss_item_kind kind, char *name, char *data, size_t len,
                   unsigned long line)
{
	ss_item it = {kind, name, data, len, line};
	ss_batch_submit(c->batch, &it);
}

static void walk_error(run_ctx *c, const char *fmt, const char *path, int err)
	__attribute__((format(printf, 2, 0)));
static void walk_error(run_ctx *c, const char *fmt, const char *path, int err)
{
	if (c->counting)
		return; /* the real walk says it, in its place */
	ss_buf m = SS_BUF_INIT;
	ss_buf_addf(&m, fmt, path, strerror(err));
	submit(c, SS_ITEM_ERROR, NULL, m.ptr, m.len, 0);
}

static void do_file(run_ctx *c, const char *path, const struct stat *st)
{
	if (c->counting) {
		c->count_files++;
		c->count_bytes += st ? (size_t)st->st_size : 0;
		return;
	}
	submit(c, SS_ITEM_FILE, ss_xstrdup(path), NULL, 0, 0);
}

static void do_path(run_ctx *c, const char *path, int depth);

static void do_dir(run_ctx *c, const char *path, int depth)
{
	struct dirent **ents;
	int n = scandir(path, &ents, NULL, alphasort);
	if (n < 0) {
		walk_error(c, "cannot open directory '%s': %s", path, errno);
		c->failed = 1;
		return;
	}
	for (int i = 0; i < n; i++) {
		const char *nm = ents[i]->d_name;
		if (nm[0] != '.') {
			ss_buf p = SS_BUF_INIT; /* path/name, without a printf per file */
			ss_buf_adds(&p, path);
			if (path[strlen(path) - 1] != '/')
				ss_buf_addc(&p, '/');
			ss_buf_adds(&p, nm);
			struct stat st;
			/* The entry's type saves a stat per file; a link or an unknown
			 * type is stat'ed (followed), as a named path is. */
			unsigned char dt = ents[i]->d_type;
			if (dt == DT_REG && !c->counting) {
				if (wanted(nm))
					do_file(c, p.ptr, NULL);
			} else if (dt == DT_DIR) {
				do_path(c, p.ptr, depth + 1);
			} else if (stat(p.ptr, &st) != 0) {
				walk_error(c, "cannot read '%s': %s", p.ptr, errno);
				c->failed = 1;
			} else if (S_ISDIR(st.st_mode)) {
				do_path(c, p.ptr, depth + 1);
			} else if (S_ISREG(st.st_mode) && wanted(nm)) {
				do_file(c, p.ptr, &st);
			}
			ss_buf_release(&p);
		}
		free(ents[i]);
	}
	free(ents);
}

static void do_path(run_ctx *c, const char *path, int depth)
{
	if (!strcmp(path, "-")) {
		if (c->counting) {
			c->count_files++;
		} else if (c->stdin_taken) {
			walk_error(c, "'%s': standard input is already read for the list of inputs%s", "-",
			           0);
			c->failed = 1;
		} else {
			c->stdin_taken = true;
			submit(c, SS_ITEM_STDIN, NULL, NULL, 0, 0);
		}
		return;
	}
	struct stat st;
	if (stat(path, &st) != 0) {
		walk_error(c, "cannot open '%s': %s", path, errno);
		c->failed = 1;
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		if (depth > 64) { /* a symlink loop, or a tree deeper than anyone means */
			if (!c->counting) {
				ss_buf m = SS_BUF_INIT;
				ss_buf_addf(&m, "'%s': directories nested too deep (a symlink loop?)", path);
				submit(c, SS_ITEM_ERROR, NULL, m.ptr, m.len, 0);
			}
			c->failed = 1;
			return;
		}
		do_dir(c, path, depth);
	} else {
		do_file(c, path, &st);
	}
}

/* --files-from: each name (newline- or NUL-ended) is a PATH argument. */
static void do_list(run_ctx *c, const char *list, bool nul)
{
	bool is_stdin = !strcmp(list, "-");
	FILE *fp = is_stdin ? stdin : fopen(list, "rb");
	if (!fp) {
		if (!c->counting) {
			ss_error("cannot open '%s': %s", list, strerror(errno));
			c->failed = 1;
		}
		return;
	}
	if (is_stdin)
		c->stdin_taken = true;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getdelim(&line, &cap, nul ? '\0' : '\n', fp)) > 0) {
		if (line[n - 1] == (nul ? '\0' : '\n'))
			line[--n] = '\0';
		if (!nul && n > 0 && line[n - 1] == '\r')
			line[--n] = '\0'; /* a list written on Windows */
		if (n > 0)
			do_path(c, line, 0);
	}
	if (ferror(fp) && !c->counting) {
		ss_error("cannot read '%s': %s", is_stdin ? "standard input" : list, strerror(errno));
		c->failed = 1;
	}
	free(line);
	if (!is_stdin)
		fclose(fp);
}

/* --jsonl-in: every line of the input is one document. */
static void do_jsonl(run_ctx *c, const char *path)
{
	bool is_stdin = !strcmp(path, "-");
	FILE *fp = is_stdin ? stdin : fopen(path, "rb");
	if (!fp) {
		ss_buf m = SS_BUF_INIT;
		ss_buf_addf(&m, "cannot open '%s': %s", path, strerror(errno));
		submit(c, SS_ITEM_ERROR, NULL, m.ptr, m.len, 0);
		return;
	}
	const char *name = is_stdin ? "<stdin>" : path;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned long no = 0;
	while ((n = getline(&line, &cap, fp)) > 0) {
		no++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		size_t sp = strspn(line, " \t");
		if ((size_t)n <= sp)
			continue; /* a blank line is no document */
		/* The line goes to a worker; a fresh buffer keeps the big ones out of the ring. */
		submit(c, SS_ITEM_JSONL, ss_xstrdup(name), ss_xstrndup(line, (size_t)n), (size_t)n, no);
	}
	if (ferror(fp)) {
		ss_buf m = SS_BUF_INIT;
		ss_buf_addf(&m, "cannot read '%s': %s", name, strerror(errno));
		submit(c, SS_ITEM_ERROR, NULL, m.ptr, m.len, 0);
	}
	free(line);
	if (!is_stdin)
		fclose(fp);
}

static bool parse_jobs(const char *s, int *jobs)
{
	if (!s) {
		*jobs = ss_cpu_count();
		return true;
	}
	char *end;
	long n = strtol(s, &end, 10);
	if (end == s || *end || n < 1 || n > 1024) {
		ss_error("-j needs a number of jobs from 1 to 1024, not '%s'", s);
		return false;
	}
	*jobs = (int)n;
	return true;
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
		ss_error("unknown input format '%s' (html, markdown, text)", s);
		return false;
	}
	return true;
}

int ss_cmd_extract(int argc, char **argv)
{
	ss_cli_opts o;
	bool help;
	if (!ss_cli_parse(CMD_EXTRACT, "extract", argc, argv, &o, &help)) {
		ss_cli_opts_release(&o);
		return SS_EXIT_USAGE;
	}
	int rc = SS_EXIT_USAGE;
	if (help) {
		ss_cli_help(stdout, CMD_EXTRACT);
		rc = SS_EXIT_OK;
		goto done;
	}
	run_ctx c;
	memset(&c, 0, sizeof c);
	c.vt = ss_exporter_find(o.format ? o.format : "jsonl");
	if (!c.vt) {
		ss_error("unknown output format '%s' (%s)", o.format, ss_exporter_names());
		goto done;
	}
	if (o.nargs == 0 && !o.files_from && !o.jsonl_in) {
		ss_error("no input: give files, directories, or - for standard input");
		fputs("Try 'statspan extract --help' for more information.\n", stderr);
		goto done;
	}
	if (o.jsonl_in && o.files_from) {
		ss_error("--jsonl-in and --files-from do not go together");
		goto done;
	}
	if (o.null_sep && !o.files_from) {
		ss_error("-0 goes with --files-from");
		goto done;
	}
	int jobs;
	if ((o.kinds && !parse_kinds(o.kinds, &c.xo.kinds)) ||
	    !parse_format_in(o.format_in, &c.xo.format) || !parse_jobs(o.jobs, &jobs))
		goto done;
	ss_ruleset *rs = ss_cli_load_rules(&o);
	if (!rs)
		goto done;
	c.rs = rs;
	c.quiet = o.quiet;
	c.bom = o.bom;
	c.debug_spans = o.debug_spans;

	ss_output out;
	if (!ss_output_open(&out, o.output)) {
		ss_ruleset_free(rs);
		rc = SS_EXIT_FAIL;
		goto done;
	}
	c.out = out.fp;
	if (!c.debug_spans)
		ss_export_begin(&c.exp, c.vt, out.fp, o.bom);

	ss_progress_start(o.progress);
	if (ss_progress_enabled() && !o.jsonl_in &&
	    !(o.files_from && !strcmp(o.files_from, "-"))) {
		/* A first walk that only counts, so that the line can say "of how many". */
		c.counting = true;
		if (o.files_from)
			do_list(&c, o.files_from, o.null_sep);
		for (int i = 0; i < o.nargs; i++)
			do_path(&c, o.args[i], 0);
		ss_progress_total(c.count_files, c.count_bytes);
		c.counting = false;
		c.stdin_taken = false;
		c.failed = 0;
	}

	c.batch = ss_batch_new(jobs, work, emit, &c);
	if (o.jsonl_in) {
		if (o.nargs == 0)
			do_jsonl(&c, "-");
		for (int i = 0; i < o.nargs; i++)
			do_jsonl(&c, o.args[i]);
	} else {
		if (o.files_from)
			do_list(&c, o.files_from, o.null_sep);
		for (int i = 0; i < o.nargs; i++)
			do_path(&c, o.args[i], 0);
	}
	ss_batch_finish(c.batch);
	ss_progress_stop();

	if (!c.debug_spans)
		ss_export_end(&c.exp);
	/* A short write leaves the stream's error flag set: commit reports it. */
	bool ok = ss_output_commit(&out);
	rc = ok ? (c.failed ? SS_EXIT_FAIL : SS_EXIT_OK) : SS_EXIT_FAIL;
	ss_ruleset_free(rs);
done:
	ss_cli_opts_release(&o);
	return rc;
}
