/* cmd_audit.c - `statspan audit CLAIMS --against PATH...`: every figure of
 * the claims (a document, or a CSV / JSON / JSONL table of claims) judged
 * against the facts of the source documents; one verdict per claim figure,
 * on a terminal as coloured lines and a summary, else through a column
 * table (json, jsonl, csv, tsv). Exit 0 when every claim figure is
 * supported, 1 otherwise, 2 for a usage error. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../audit/audit.h"
#include "../util/util.h"
#include "cli.h"

/* ---- options: one table drives parsing and --help ---- */

enum { A_HELP = 1, A_AGAINST, A_FILES_FROM, A_FORMAT, A_OUTPUT, A_TOLERANCE, A_COLOR,
       A_QUIET, A_RULES, A_JOBS };

static const struct {
	const char *long_name;
	char short_name;
	const char *arg;
	int id;
	const char *help;
} audit_options[] = {
	{"against", 0, "PATH", A_AGAINST, "a source document or directory (repeatable; further "
	                                  "arguments after CLAIMS are sources too)"},
	{"files-from", 0, "FILE", A_FILES_FROM, "read source paths from FILE, one a line (- for stdin)"},
	{"format", 'f', "FMT", A_FORMAT, "output format: json, jsonl, csv, tsv (default: lines)"},
	{"output", 'o', "FILE", A_OUTPUT, "write to FILE (atomically) instead of standard output"},
	{"tolerance", 0, "R", A_TOLERANCE, "what 约/左右/近 allow, as a share of the value "
	                                   "(default 0.05)"},
	{"color", 0, "WHEN", A_COLOR, "colour the verdicts: auto, always, never (default auto)"},
	{"quiet", 'q', NULL, A_QUIET, "no warnings and no summary"},
	{"rules", 0, "DIR", A_RULES, "also load the *.rules files of DIR (repeatable)"},
	{"jobs", 'j', "N", A_JOBS, "extract the sources with N threads (default: all cores)"},
	{"help", 'h', NULL, A_HELP, "show this help"},
	{NULL, 0, NULL, 0, NULL},
};

static void audit_help(FILE *out)
{
	fputs("usage: statspan audit CLAIMS --against PATH... [options]\n\n"
	      "Check every figure of CLAIMS (a document, or a CSV / JSON / JSONL table with a\n"
	      "'claim' column and optional 'source' and 'id') against the source documents.\n"
	      "Verdicts: supported, contradicted (with the field and both values), unsupported.\n"
	      "Exit status: 0 when every claim figure is supported, 1 otherwise, 2 usage.\n\n"
	      "options:\n", out);
	for (size_t i = 0; audit_options[i].long_name; i++) {
		char left[48];
		snprintf(left, sizeof left, "%s%c%s--%s%s%s", audit_options[i].short_name ? "-" : "",
		         audit_options[i].short_name ? audit_options[i].short_name : ' ',
		         audit_options[i].short_name ? ", " : "  ", audit_options[i].long_name,
		         audit_options[i].arg ? " " : "", audit_options[i].arg ? audit_options[i].arg : "");
		fprintf(out, "  %-26s %s\n", left + (audit_options[i].short_name ? 0 : 1),
		        audit_options[i].help);
	}
}

typedef struct {
	const char *claims, *format, *output, *files_from, *color;
	const char **sources;
	size_t nsources;
	const char **rules;
	size_t nrules;
	double tol;
	bool quiet;
	int jobs;
} audit_opts;

static void push(const char ***v, size_t *n, const char *s)
{
	*v = ss_xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = s;
}

static bool bad_usage(const char *fmt, const char *what)
{
	ss_error(fmt, what);
	fputs("Try 'statspan audit --help' for more information.\n", stderr);
	return false;
}

static bool set_option(audit_opts *o, int id, const char *arg)
{
	char *end;
	switch (id) {
	case A_AGAINST: push(&o->sources, &o->nsources, arg); break;
	case A_FILES_FROM: o->files_from = arg; break;
	case A_FORMAT: o->format = arg; break;
	case A_OUTPUT: o->output = arg; break;
	case A_COLOR:
		if (strcmp(arg, "auto") && strcmp(arg, "always") && strcmp(arg, "never"))
			return bad_usage("--color takes auto, always or never, not '%s'", arg);
		o->color = arg;
		break;
	case A_TOLERANCE:
		o->tol = strtod(arg, &end);
		if (end == arg || *end || !(o->tol >= 0 && o->tol < 1))
			return bad_usage("--tolerance needs a share from 0 to 1, like 0.05, not '%s'", arg);
		break;
	case A_QUIET: o->quiet = true; break;
	case A_RULES: push(&o->rules, &o->nrules, arg); break;
	case A_JOBS: {
		long n = strtol(arg, &end, 10);
		if (end == arg || *end || n < 1 || n > 1024)
			return bad_usage("-j needs a number of jobs from 1 to 1024, not '%s'", arg);
		o->jobs = (int)n;
		break;
	}
	}
	return true;
}

/* Returns 1 to run, 0 after --help, -1 on a usage error. */
static int parse_args(int argc, char **argv, audit_opts *o)
{
	memset(o, 0, sizeof *o);
	o->tol = SS_AUDIT_TOLERANCE;
	o->color = "auto";
	bool no_more = false;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *val = NULL;
		int id = 0;
		bool takes = false;
		if (!no_more && !strcmp(a, "--")) {
			no_more = true;
			continue;
		}
		if (!no_more && a[0] == '-' && a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			for (size_t k = 0; audit_options[k].long_name; k++)
				if (strlen(audit_options[k].long_name) == n &&
				    !strncmp(audit_options[k].long_name, a + 2, n))
					id = audit_options[k].id, takes = audit_options[k].arg != NULL;
			if (!id)
				return bad_usage("unknown option '%s'", a), -1;
			if (eq && !takes)
				return bad_usage("option '%s' takes no value", a), -1;
			val = eq ? eq + 1 : NULL;
		} else if (!no_more && a[0] == '-' && a[1]) {
			for (size_t k = 0; audit_options[k].long_name; k++)
				if (audit_options[k].short_name == a[1])
					id = audit_options[k].id, takes = audit_options[k].arg != NULL;
			if (!id || (!takes && a[2]))
				return bad_usage("unknown option '%s'", a), -1;
			val = a[2] ? a + 2 : NULL;
		} else {
			if (!o->claims)
				o->claims = a;
			else
				push(&o->sources, &o->nsources, a);
			continue;
		}
		if (id == A_HELP)
			return 0;
		if (takes && !val) {
			if (i + 1 >= argc)
				return bad_usage("option '%s' needs a value", a), -1;
			val = argv[++i];
		}
		if (!set_option(o, id, val))
			return -1;
	}
	if (!o->claims)
		return bad_usage("%s", "no claims: give a claims file (or - for standard input)"), -1;
	if (!o->nsources && !o->files_from)
		return bad_usage("%s", "no sources: give them with --against PATH"), -1;
	if (o->format && strcmp(o->format, "json") && strcmp(o->format, "jsonl") &&
	    strcmp(o->format, "csv") && strcmp(o->format, "tsv"))
		return bad_usage("unknown output format '%s' (json, jsonl, csv, tsv)", o->format), -1;
	return 1;
}

/* ---- the sources: collected, extracted in parallel, indexed in order ----
 * Kept behind sources_load() alone, so that it can be pointed at the shared
 * inputs of the other commands without touching the rest. */

typedef struct {
	const ss_ruleset *rs;
	au_store *store;
	ss_batch *batch;
	bool quiet, failed;
} src_ctx;

static void src_diag(void *userdata, const ss_diag *d)
{
	ss_result *res = userdata;
	ss_cli_diag_format(&res->err, res->counted, d);
}

static void src_work(void *ctx, ss_item *it, ss_result *res)
{
	src_ctx *c = ctx;
	if (it->kind == SS_ITEM_ERROR) {
		ss_buf_addf(&res->err, "statspan: error: %s\n", it->data);
		res->failed = true;
		return;
	}
	char *buf;
	size_t len;
	int err = ss_read_file(it->name, &buf, &len);
	if (err) {
		ss_buf_addf(&res->err, "statspan: error: cannot read '%s': %s\n", it->name,
		            strerror(err));
		res->failed = true;
		return;
	}
	ss_extract_options xo = {0};
	xo.diag = src_diag;
	xo.diag_userdata = res;
	res->counted = c->quiet; /* read by src_diag as "quiet" */
	res->doc = ss_doc_extract(c->rs, it->name, buf, len, &xo);
	res->counted = true;
	free(buf);
}

static void src_emit(void *ctx, ss_result *res)
{
	src_ctx *c = ctx;
	if (res->err.len)
		fwrite(res->err.ptr, 1, res->err.len, stderr);
	if (res->failed)
		c->failed = true;
	if (res->doc)
		au_store_add_doc(c->store, res->doc, ss_doc_name(res->doc), false);
}

static void src_error(src_ctx *c, const char *what, const char *path, int err)
{
	ss_buf m = SS_BUF_INIT;
	ss_buf_addf(&m, "%s '%s': %s", what, path, strerror(err));
	ss_item it = {SS_ITEM_ERROR, NULL, m.ptr, m.len, 0};
	ss_batch_submit(c->batch, &it);
}

static bool readable_name(const char *nm)
{
	const char *dot = strrchr(nm, '.');
	return dot && (!strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm") ||
	               !strcasecmp(dot, ".md") || !strcasecmp(dot, ".markdown") ||
	               !strcasecmp(dot, ".txt") || !strcasecmp(dot, ".text"));
}

static void src_path(src_ctx *c, const char *path, int depth, bool named)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		src_error(c, "cannot open", path, errno);
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (named || readable_name(path)) {
			ss_item it = {SS_ITEM_FILE, ss_xstrdup(path), NULL, 0, 0};
			ss_batch_submit(c->batch, &it);
		}
		return;
	}
	struct dirent **ents;
	int n = depth > 64 ? -1 : scandir(path, &ents, NULL, alphasort);
	if (n < 0) {
		src_error(c, "cannot open directory", path, depth > 64 ? ELOOP : errno);
		return;
	}
	for (int i = 0; i < n; i++) {
		if (ents[i]->d_name[0] != '.') {
			ss_buf p = SS_BUF_INIT;
			ss_buf_addf(&p, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/",
			            ents[i]->d_name);
			src_path(c, p.ptr, depth + 1, false);
			ss_buf_release(&p);
		}
		free(ents[i]);
	}
	free(ents);
}

/* Extract every source the options name into store. False when one of them
 * could not be read (after its message); the others are indexed all the same. */
static bool sources_load(const audit_opts *o, const ss_ruleset *rs, au_store *store)
{
	src_ctx c = {rs, store, NULL, o->quiet, false};
	c.batch = ss_batch_new(o->jobs ? o->jobs : ss_cpu_count(), src_work, src_emit, &c);
	if (o->files_from) {
		FILE *fp = strcmp(o->files_from, "-") ? fopen(o->files_from, "rb") : stdin;
		if (!fp) {
			src_error(&c, "cannot open", o->files_from, errno);
		} else {
			char *line = NULL;
			size_t cap = 0;
			ssize_t n;
			while ((n = getline(&line, &cap, fp)) > 0) {
				while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
					line[--n] = '\0';
				if (n > 0)
					src_path(&c, line, 0, true);
			}
			free(line);
			if (fp != stdin)
				fclose(fp);
		}
	}
	for (size_t i = 0; i < o->nsources; i++)
		src_path(&c, o->sources[i], 0, true);
	ss_batch_finish(c.batch);
	au_index_finish(store);
	return !c.failed;
}


/* ---- the claims ---- */

typedef struct {
	const au_fig *fig;
	const char *id, *source; /* from its row, or NULL */
	unsigned line, column;   /* in the claims file */
	au_verdict v;
} verdict_row;

typedef struct {
	const char *name;   /* the claims file as given ("-": standard input) */
	char *buf;
	size_t len;
	au_claims_format fmt;
	au_claim_rows rows;
	au_store store;
	uint32_t *row_of_doc; /* table: the row each claim document came from */
	bool failed;
} claims_ctx;

/* How many times text[0..n) stands in s before offset at. */
static unsigned occurrences_before(const char *s, size_t at, const char *text, size_t n)
{
	unsigned k = 0;
	for (size_t i = 0; n && i + n <= at; i++)
		if (!memcmp(s + i, text, n))
			k++;
	return k;
}

/* A bad row of a claims table: file:line: message (a row has no column). */
static void rows_diag(void *userdata, const ss_diag *d)
{
	if (d->column) {
		ss_cli_diag(userdata, d);
		return;
	}
	ss_progress_clear();
	fprintf(stderr, "%s:%u: %s: %s\n", d->file, d->line,
	        d->level == SS_DIAG_ERROR ? "error" : "warning", d->message);
}

static bool claims_load(claims_ctx *cc, const ss_ruleset *rs, const au_lexicon *lx,
                        double tol, bool quiet)
{
	int err = !strcmp(cc->name, "-") ? 0 : ss_read_file(cc->name, &cc->buf, &cc->len);
	if (!strcmp(cc->name, "-")) {
		ss_buf b = SS_BUF_INIT;
		char chunk[65536];
		size_t n;
		while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
			ss_buf_add(&b, chunk, n);
		cc->len = b.len;
		cc->buf = b.ptr ? ss_buf_detach(&b, &cc->len) : ss_xstrdup("");
	}
	if (err) {
		ss_error("cannot read '%s': %s", cc->name, strerror(err));
		return false;
	}
	au_store_init(&cc->store, lx, tol);
	cc->fmt = au_claims_sniff(cc->name, cc->buf, cc->len);
	ss_extract_options xo = {0};
	xo.diag = ss_cli_diag;
	if (cc->fmt == AU_CLAIMS_DOC) {
		ss_doc *doc = ss_doc_extract(rs, cc->name, cc->buf, cc->len, &xo);
		if (ss_doc_status(doc) != SS_OK)
			cc->failed = true;
		au_store_add_doc(&cc->store, doc, cc->name, true);
		ss_doc_free(doc);
		return true;
	}
	ss_diag_sink sink = {rows_diag, NULL, 0, 0};
	if (!au_claims_parse(cc->fmt, cc->name, cc->buf, cc->len, &cc->rows, &sink))
		return false;
	if (sink.errors)
		cc->failed = true;
	cc->row_of_doc = ss_xmalloc((cc->rows.n + 1) * sizeof *cc->row_of_doc);
	xo.format = SS_FORMAT_TEXT;
	xo.diag = quiet ? NULL : ss_cli_diag;
	for (size_t r = 0; r < cc->rows.n; r++) {
		const char *c = cc->rows.rows[r].claim;
		ss_doc *doc = ss_doc_extract(rs, cc->name, c, strlen(c), &xo);
		uint32_t d = au_store_add_doc(&cc->store, doc, cc->name, true);
		cc->row_of_doc[d] = (uint32_t)r;
		ss_doc_free(doc);
	}
	return true;
}

/* Where claim figure g stands in the claims file. */
static void claim_position(const claims_ctx *cc, const au_fig *g, ss_linemap *lm,
                           unsigned *line, unsigned *col)
{
	if (cc->fmt == AU_CLAIMS_DOC) {
		*line = g->f.line;
		*col = g->f.column;
		return;
	}
	const au_claim_row *row = &cc->rows.rows[cc->row_of_doc[g->doc]];
	const char *t = au_str(&cc->store, g->text);
	size_t n = strlen(t);
	unsigned occ = occurrences_before(row->claim, g->f.start, t, n);
	size_t off = au_claims_locate(cc->buf, row, t, n, occ);
	ss_linemap_locate(lm, cc->buf, cc->len, off, line, col);
}

/* ---- the verdicts as columns: one table for every machine format ---- */

typedef enum { VC_STR, VC_INT, VC_NUM } vcol_type;

typedef struct {
	const au_store *src, *claims;
	const char *claims_name;
} out_ctx;

typedef struct {
	const char *name;
	vcol_type type;
	/* the field of row r as text into b; false for a null */
	bool (*get)(const out_ctx *o, const verdict_row *r, ss_buf *b);
} vcol;

static const au_fig *evidence(const out_ctx *o, const verdict_row *r)
{
	return r->v.evidence >= 0 ? &o->src->figs[r->v.evidence] : NULL;
}

static bool s_out(ss_buf *b, const char *s)
{
	if (!s)
		return false;
	ss_buf_adds(b, s);
	return true;
}

static bool g_claims(const out_ctx *o, const verdict_row *r, ss_buf *b) { return s_out(b, o->claims_name); }
static bool g_id(const out_ctx *o, const verdict_row *r, ss_buf *b) { return s_out(b, r->id); }
static bool g_line(const out_ctx *o, const verdict_row *r, ss_buf *b) { ss_buf_addf(b, "%u", r->line); return true; }
static bool g_column(const out_ctx *o, const verdict_row *r, ss_buf *b) { ss_buf_addf(b, "%u", r->column); return true; }
static bool g_text(const out_ctx *o, const verdict_row *r, ss_buf *b) { return s_out(b, au_str(o->claims, r->fig->text)); }
static bool g_claim_sentence(const out_ctx *o, const verdict_row *r, ss_buf *b) { return s_out(b, au_str(o->claims, r->fig->sentence)); }
static bool g_verdict(const out_ctx *o, const verdict_row *r, ss_buf *b) { return s_out(b, au_verdict_name(r->v.kind)); }
static bool g_field(const out_ctx *o, const verdict_row *r, ss_buf *b) { return r->v.field ? s_out(b, au_field_name(r->v.field)) : false; }
static bool g_reason(const out_ctx *o, const verdict_row *r, ss_buf *b) { return s_out(b, r->v.reason); }
static bool g_doc(const out_ctx *o, const verdict_row *r, ss_buf *b) { const au_fig *e = evidence(o, r); return e && s_out(b, o->src->docs[e->doc]); }
static bool g_ev_line(const out_ctx *o, const verdict_row *r, ss_buf *b) { const au_fig *e = evidence(o, r); if (e) ss_buf_addf(b, "%u", e->f.line); return e; }
static bool g_ev_column(const out_ctx *o, const verdict_row *r, ss_buf *b) { const au_fig *e = evidence(o, r); if (e) ss_buf_addf(b, "%u", e->f.column); return e; }
static bool g_start(const out_ctx *o, const verdict_row *r, ss_buf *b) { const au_fig *e = evidence(o, r); if (e) ss_buf_addf(b, "%zu", e->f.start); return e; }
static bool g_end(const out_ctx *o, const verdict_row *r, ss_buf *b) { const au_fig *e = evidence(o, r); if (e) ss_buf_addf(b, "%zu", e->f.end); return e; }
static bool g_ev_text(const out_ctx *o, const verdict_row *r, ss_buf *b) { const au_fig *e = evidence(o, r); return e && s_out(b, au_str(o->src, e->text)); }
static bool g_ev_sentence(const out_ctx *o, const verdict_row *r, ss_buf *b) { const au_fig *e = evidence(o, r); return e && s_out(b, au_str(o->src, e->sentence)); }
static bool g_score(const out_ctx *o, const verdict_row *r, ss_buf *b) { if (r->v.evidence >= 0) ss_buf_addf(b, "%.3f", r->v.score); return r->v.evidence >= 0; }

static const vcol vcols[] = {
	{"claims", VC_STR, g_claims},
	{"id", VC_STR, g_id},
	{"line", VC_INT, g_line},
	{"column", VC_INT, g_column},
	{"text", VC_STR, g_text},
	{"sentence", VC_STR, g_claim_sentence},
	{"verdict", VC_STR, g_verdict},
	{"field", VC_STR, g_field},
	{"reason", VC_STR, g_reason},
	{"doc", VC_STR, g_doc},
	{"doc_line", VC_INT, g_ev_line},
	{"doc_column", VC_INT, g_ev_column},
	{"start", VC_INT, g_start},
	{"end", VC_INT, g_end},
	{"evidence", VC_STR, g_ev_text},
	{"evidence_sentence", VC_STR, g_ev_sentence},
	{"score", VC_NUM, g_score},
	{NULL, VC_STR, NULL},
};

static void json_str(ss_buf *o, const char *s, size_t n)
{
	ss_buf_addc(o, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			ss_buf_addc(o, '\\'), ss_buf_addc(o, (char)c);
		else if (c == '\n')
			ss_buf_adds(o, "\\n");
		else if (c == '\t')
			ss_buf_adds(o, "\\t");
		else if (c == '\r')
			ss_buf_adds(o, "\\r");
		else if (c < 0x20)
			ss_buf_addf(o, "\\u%04x", c);
		else
			ss_buf_addc(o, (char)c);
	}
	ss_buf_addc(o, '"');
}

/* A CSV field is quoted when it holds a separator, a quote or a newline;
 * a TSV field has its tabs and newlines turned into spaces. */
static void sep_field(ss_buf *o, const char *s, size_t n, char sep)
{
	if (sep == '\t') {
		for (size_t i = 0; i < n; i++)
			ss_buf_addc(o, s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
		return;
	}
	if (!memchr(s, ',', n) && !memchr(s, '"', n) && !memchr(s, '\n', n) && !memchr(s, '\r', n)) {
		ss_buf_add(o, s, n);
		return;
	}
	ss_buf_addc(o, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			ss_buf_addc(o, '"');
		ss_buf_addc(o, s[i]);
	}
	ss_buf_addc(o, '"');
}

static void write_rows(FILE *fp, const char *fmt, const out_ctx *oc, const verdict_row *rows,
                       size_t n)
{
	ss_buf o = SS_BUF_INIT, f = SS_BUF_INIT;
	bool json = !strcmp(fmt, "json"), jsonl = !strcmp(fmt, "jsonl");
	char sep = !strcmp(fmt, "tsv") ? '\t' : ',';
	if (json)
		ss_buf_adds(&o, "[");
	if (!json && !jsonl) {
		for (size_t c = 0; vcols[c].name; c++) {
			if (c)
				ss_buf_addc(&o, sep);
			ss_buf_adds(&o, vcols[c].name);
		}
		ss_buf_addc(&o, '\n');
	}
	for (size_t i = 0; i < n; i++) {
		if (json || jsonl)
			ss_buf_adds(&o, json ? (i ? ",\n{" : "\n{") : "{");
		for (size_t c = 0; vcols[c].name; c++) {
			ss_buf_reset(&f);
			bool have = vcols[c].get(oc, &rows[i], &f);
			if (json || jsonl) {
				if (c)
					ss_buf_adds(&o, ", ");
				json_str(&o, vcols[c].name, strlen(vcols[c].name));
				ss_buf_adds(&o, ": ");
				if (!have)
					ss_buf_adds(&o, "null");
				else if (vcols[c].type == VC_STR)
					json_str(&o, f.ptr, f.len);
				else
					ss_buf_add(&o, f.ptr, f.len);
			} else {
				if (c)
					ss_buf_addc(&o, sep);
				if (have)
					sep_field(&o, f.ptr, f.len, sep);
			}
		}
		ss_buf_adds(&o, json || jsonl ? "}\n" : "\n");
		if (jsonl && o.len > (1u << 16)) {
			fwrite(o.ptr, 1, o.len, fp);
			ss_buf_reset(&o);
		}
	}
	if (json)
		ss_buf_adds(&o, n ? "]\n" : "\n]\n");
	if (o.len)
		fwrite(o.ptr, 1, o.len, fp);
	ss_buf_release(&o);
	ss_buf_release(&f);
}

/* ---- the terminal: one line per claim figure, then the counts ---- */

static void write_lines(FILE *fp, bool color, const out_ctx *oc, const verdict_row *rows,
                        size_t n, bool quiet)
{
	static const char *const paint[] = {"\033[32m", "\033[31m", "\033[33m"};
	size_t count[3] = {0, 0, 0};
	for (size_t i = 0; i < n; i++) {
		const verdict_row *r = &rows[i];
		const au_fig *e = evidence(oc, r);
		count[r->v.kind]++;
		fprintf(fp, "%s:%u:%u: %s%s%s %s", oc->claims_name, r->line, r->column,
		        color ? paint[r->v.kind] : "", au_verdict_name(r->v.kind), color ? "\033[0m" : "",
		        au_str(oc->claims, r->fig->text));
		if (r->v.reason)
			fprintf(fp, " -- %s", r->v.reason);
		if (e)
			fprintf(fp, " <- %s:%u:%u [%zu,%zu) %s", oc->src->docs[e->doc], e->f.line,
			        e->f.column, e->f.start, e->f.end, au_str(oc->src, e->text));
		fputc('\n', fp);
	}
	if (!quiet)
		fprintf(fp, "%zu claim figure%s: %zu supported, %zu contradicted, %zu unsupported\n", n,
		        n == 1 ? "" : "s", count[0], count[1], count[2]);
}

int cmd_audit(int argc, char **argv)
{
	audit_opts o;
	int pr = parse_args(argc, argv, &o);
	if (pr <= 0) {
		if (pr == 0)
			audit_help(stdout);
		free(o.sources);
		free(o.rules);
		return pr == 0 ? SS_EXIT_OK : SS_EXIT_USAGE;
	}
	int rc = SS_EXIT_USAGE;
	ss_cli_opts ro;
	memset(&ro, 0, sizeof ro);
	ro.rules_dirs = o.rules;
	ro.nrules_dirs = o.nrules;
	ss_diag_sink lsink = {ss_cli_diag, NULL, 0, 0};
	au_lexicon *lx = au_lexicon_default(&lsink);
	ss_ruleset *rs = ss_cli_load_rules(&ro);
	claims_ctx cc;
	memset(&cc, 0, sizeof cc);
	cc.name = o.claims;
	au_store src;
	au_store_init(&src, lx, o.tol);
	if (!rs || lsink.errors)
		goto done;
	rc = SS_EXIT_FAIL;
	if (!claims_load(&cc, rs, lx, o.tol, o.quiet))
		goto done;
	bool ok = sources_load(&o, rs, &src) && !cc.failed;

	/* judge every claim figure, in the order of the claims */
	verdict_row *rows = ss_xcalloc(cc.store.nfigs + 1, sizeof *rows);
	const char **cited = ss_xcalloc(cc.store.nfigs + 1, sizeof *cited);
	au_verdict *verdicts = ss_xcalloc(cc.store.nfigs + 1, sizeof *verdicts);
	ss_linemap lm;
	ss_linemap_init(&lm, cc.buf, cc.len);
	for (size_t i = 0; i < cc.store.nfigs; i++) {
		verdict_row *r = &rows[i];
		r->fig = &cc.store.figs[i];
		if (cc.fmt != AU_CLAIMS_DOC) {
			const au_claim_row *row = &cc.rows.rows[cc.row_of_doc[r->fig->doc]];
			r->id = row->id;
			r->source = cited[i] = row->source;
		}
		claim_position(&cc, r->fig, &lm, &r->line, &r->column);
	}
	ss_linemap_release(&lm);
	au_judge_all(&src, &cc.store, cited, verdicts);
	bool all = true;
	for (size_t i = 0; i < cc.store.nfigs; i++) {
		rows[i].v = verdicts[i];
		if (rows[i].v.kind != AU_SUPPORTED)
			all = false;
	}
	free(verdicts);
	free(cited);

	ss_output out;
	if (ss_output_open(&out, o.output)) {
		out_ctx oc = {&src, &cc.store, cc.name};
		if (o.format) {
			write_rows(out.fp, o.format, &oc, rows, cc.store.nfigs);
		} else {
			bool color = !strcmp(o.color, "always") ||
			             (!strcmp(o.color, "auto") && !o.output && isatty(fileno(stdout)) &&
			              !getenv("NO_COLOR"));
			write_lines(out.fp, color, &oc, rows, cc.store.nfigs, o.quiet);
		}
		if (!ss_output_commit(&out))
			ok = false;
	} else {
		ok = false;
	}
	rc = ok && all ? SS_EXIT_OK : SS_EXIT_FAIL;
	for (size_t i = 0; i < cc.store.nfigs; i++)
		free(rows[i].v.reason);
	free(rows);
done:
	au_store_release(&src);
	au_store_release(&cc.store);
	au_claim_rows_release(&cc.rows);
	free(cc.row_of_doc);
	free(cc.buf);
	if (rs)
		ss_ruleset_free(rs);
	au_lexicon_free(lx);
	free(o.sources);
	free(o.rules);
	return rc;
}
