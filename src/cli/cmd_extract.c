/* cmd_extract.c - `statspan extract`: every input path (file, directory
 * walked recursively in name order, or - for stdin) through the library, the
 * facts to one exporter. A bad input is reported and skipped; the run goes on. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../export/export.h"
#include "../util/util.h"
#include "cli.h"

typedef struct {
	const ss_ruleset *rs;
	ss_extract_options xo;
	ss_export exp;
	bool debug_spans;
	FILE *out;
	int failed;
} run_ctx;

/* Extensions a directory walk reads; explicit file arguments are always read. */
static bool wanted(const char *name)
{
	static const char *const ext[] = {".html", ".htm", ".xhtml", ".shtml", ".md",
	                                  ".markdown", ".txt", ".text", NULL};
	const char *dot = strrchr(name, '.');
	if (!dot)
		return false;
	for (size_t i = 0; ext[i]; i++)
		if (!strcasecmp(dot, ext[i]))
			return true;
	return false;
}

static void debug_spans(FILE *out, const ss_doc *doc, const char *src, size_t len)
{
	for (size_t i = 0; i < ss_doc_fact_count(doc); i++) {
		const ss_fact *f = ss_doc_fact(doc, i);
		size_t tl;
		const char *t = ss_doc_text(doc, &tl);
		fprintf(out, "%s:%u:%u [%zu,%zu) %s text=\"%.*s\" source=\"%.*s\"\n", ss_doc_name(doc),
		        f->line, f->column, f->start, f->end, f->rule_id,
		        (int)(f->text.end - f->text.start), t + f->text.start,
		        (int)(f->end <= len ? f->end - f->start : 0), src + f->start);
	}
}

static void process(run_ctx *c, const char *name, const char *buf, size_t len)
{
	ss_doc *doc = ss_doc_extract(c->rs, name, buf, len, &c->xo);
	if (ss_doc_status(doc) != SS_OK)
		c->failed = 1;
	if (c->debug_spans)
		debug_spans(c->out, doc, buf, len);
	else
		ss_export_doc(&c->exp, doc);
	ss_doc_free(doc);
}

static void do_file(run_ctx *c, const char *path)
{
	char *buf;
	size_t len;
	int err = ss_read_file(path, &buf, &len);
	if (err) {
		ss_error("cannot read '%s': %s", path, strerror(err));
		c->failed = 1;
		return;
	}
	process(c, path, buf, len);
	free(buf);
}

static void do_stdin(run_ctx *c)
{
	ss_buf b = SS_BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		ss_buf_add(&b, chunk, n);
	if (ferror(stdin)) {
		ss_error("cannot read standard input: %s", strerror(errno));
		c->failed = 1;
	}
	process(c, "-", b.ptr ? b.ptr : "", b.len);
	ss_buf_release(&b);
}

static void do_path(run_ctx *c, const char *path, int depth);

static void do_dir(run_ctx *c, const char *path, int depth)
{
	struct dirent **ents;
	int n = scandir(path, &ents, NULL, alphasort);
	if (n < 0) {
		ss_error("cannot open directory '%s': %s", path, strerror(errno));
		c->failed = 1;
		return;
	}
	for (int i = 0; i < n; i++) {
		const char *nm = ents[i]->d_name;
		if (nm[0] != '.') {
			ss_buf p = SS_BUF_INIT;
			ss_buf_addf(&p, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", nm);
			struct stat st;
			if (stat(p.ptr, &st) != 0) {
				ss_error("cannot read '%s': %s", p.ptr, strerror(errno));
				c->failed = 1;
			} else if (S_ISDIR(st.st_mode)) {
				do_path(c, p.ptr, depth + 1);
			} else if (S_ISREG(st.st_mode) && wanted(nm)) {
				do_file(c, p.ptr);
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
		do_stdin(c);
		return;
	}
	struct stat st;
	if (stat(path, &st) != 0) {
		ss_error("cannot open '%s': %s", path, strerror(errno));
		c->failed = 1;
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		if (depth > 64) { /* a symlink loop, or a tree deeper than anyone means */
			ss_error("'%s': directories nested too deep (a symlink loop?)", path);
			c->failed = 1;
			return;
		}
		do_dir(c, path, depth);
	} else {
		do_file(c, path);
	}
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
	run_ctx c = {0};
	const ss_exporter *vt = ss_exporter_find(o.format ? o.format : "jsonl");
	if (!vt) {
		ss_error("unknown output format '%s' (%s)", o.format, ss_exporter_names());
		goto done;
	}
	if (o.nargs == 0) {
		ss_error("no input: give files, directories, or - for standard input");
		fputs("Try 'statspan extract --help' for more information.\n", stderr);
		goto done;
	}
	if ((o.kinds && !parse_kinds(o.kinds, &c.xo.kinds)) ||
	    !parse_format_in(o.format_in, &c.xo.format))
		goto done;
	ss_ruleset *rs = ss_cli_load_rules(&o);
	if (!rs)
		goto done;
	c.rs = rs;
	c.xo.diag = ss_cli_diag;
	c.xo.diag_userdata = &o.quiet;
	c.debug_spans = o.debug_spans;

	ss_output out;
	if (!ss_output_open(&out, o.output)) {
		ss_ruleset_free(rs);
		rc = SS_EXIT_FAIL;
		goto done;
	}
	c.out = out.fp;
	if (!c.debug_spans)
		ss_export_begin(&c.exp, vt, out.fp, o.bom);
	for (int i = 0; i < o.nargs; i++)
		do_path(&c, o.args[i], 0);
	if (!c.debug_spans)
		ss_export_end(&c.exp);
	rc = ss_output_commit(&out) ? (c.failed ? SS_EXIT_FAIL : SS_EXIT_OK) : SS_EXIT_FAIL;
	ss_ruleset_free(rs);
done:
	ss_cli_opts_release(&o);
	return rc;
}
