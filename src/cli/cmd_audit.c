/* cmd_audit.c - `statspan audit CLAIMS --against PATH...`: every figure of
 * the claims (a document, or a CSV / JSON / JSONL table of claims) judged
 * against the facts of the source documents (src/audit); one verdict per
 * claim figure, on a terminal as coloured lines and a summary, else through
 * the exporters' column table (json, jsonl, csv, tsv) with the verdict
 * columns. The sources come through the shared inputs (inputs.c) into the
 * library's audit index (ss_audit_*, include/statspan.h), which judges the
 * claims; only reading a claims table is the command's own (src/audit's
 * claims.c). Exit 0 when every claim figure is supported, 1 otherwise, 2
 * for a usage error. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../audit/audit.h"
#include "../util/util.h"
#include "cli.h"

typedef struct {
	ss_strlist against;
	const char *format, *output, *tolerance, *color, *columns;
	bool bom;
	ss_input_opts input;
	ss_rules_opts rules;
} audit_opts;

#define O(field) offsetof(audit_opts, field)
static const ss_option options[] = {
	{"against", 0, "PATH", SS_OPT_LIST, O(against), 0,
	 "a source document or directory (repeatable; arguments after CLAIMS are sources too)"},
	{"format", 'f', "FMT", SS_OPT_STR, O(format), 0,
	 "output format: json, jsonl, csv, tsv, xlsx, html (default: a line per claim figure)"},
	{"output", 'o', "FILE", SS_OPT_STR, O(output), 0,
	 "write to FILE (atomically: a temporary file renamed into place)"},
	{"columns", 0, "LIST", SS_OPT_STR, O(columns), 0,
	 "the columns of -f, comma-separated (default: the verdict record)"},
	{"tolerance", 0, "R", SS_OPT_STR, O(tolerance), 0,
	 "what 约/左右/上下/近 allow, a share of the value (default 0.05)"},
	{"color", 0, "WHEN", SS_OPT_STR, O(color), 0,
	 "colour the verdicts: auto, always, never (default: auto, on a terminal)"},
	{"bom", 0, NULL, SS_OPT_FLAG, O(bom), 0, "start CSV/TSV output with a UTF-8 BOM (for Excel)"},
	SS_INPUT_OPTIONS(audit_opts),
	SS_RULES_OPTIONS(audit_opts),
	{NULL, 0, NULL, 0, 0, 0, NULL},
};
#undef O

/* The record of -f: the claim figure, its verdict, its evidence. */
static const char default_columns[] =
	"doc,claim_id,claim_line,claim_column,text,sentence,verdict,field,reason,evidence_doc,"
	"evidence_line,evidence_column,evidence_start,evidence_end,evidence_page,evidence_box,evidence,"
	"evidence_sentence,score";

static bool usage_error(const ss_command *cmd, const char *fmt, const char *what)
{
	char *q = ss_quote(what);
	ss_error(fmt, q);
	free(q);
	fprintf(stderr, "Try 'statspan %s --help' for more information.\n", cmd->name);
	return false;
}

/* ---- the sources: through the shared inputs, indexed in input order ----
 * Kept behind sources_load() alone. */

typedef struct {
	ss_audit *index;
	/* -f html shows the evidence in the report: the source documents are
	 * kept (only then: they are what the index copies from) */
	bool keep;
	ss_doc **docs;
	size_t ndocs, cap;
} sources_ctx;

static void src_doc(void *ctx, const ss_source *s, ss_doc *doc, ss_result *res)
{
	res->doc = doc; /* indexed in src_emit: one thread at a time, in input order */
}

static void src_emit(void *ctx, ss_result *res)
{
	sources_ctx *sc = ctx;
	if (!res->doc)
		return;
	ss_audit_add_source(sc->index, res->doc);
	if (sc->keep) {
		ss_grow((void **)&sc->docs, &sc->cap, sc->ndocs + 1, sizeof *sc->docs);
		sc->docs[sc->ndocs++] = res->doc;
		res->doc = NULL; /* ours now */
	}
}

/* Extract every source into store: the PATH arguments after CLAIMS, the
 * --against ones, --files-from. Returns an exit status: SS_EXIT_FAIL when
 * one could not be read (after its message; the others are indexed all the
 * same), SS_EXIT_USAGE for bad input options; *jobs the threads asked for. */
static int sources_load(const ss_command *cmd, const audit_opts *o, const ss_strlist *args,
                        const ss_ruleset *rs, sources_ctx *store, int *jobs)
{
	ss_strlist paths = {0};
	for (size_t i = 1; i < args->n; i++) {
		ss_grow((void **)&paths.v, &paths.cap, paths.n + 1, sizeof *paths.v);
		paths.v[paths.n++] = args->v[i];
	}
	for (size_t i = 0; i < o->against.n; i++) {
		ss_grow((void **)&paths.v, &paths.cap, paths.n + 1, sizeof *paths.v);
		paths.v[paths.n++] = o->against.v[i];
	}
	ss_inputs in = {0};
	int rc = SS_EXIT_USAGE;
	if (ss_inputs_setup(&in, &o->input, &paths, cmd)) {
		in.quiet = o->rules.quiet;
		in.rs = rs;
		in.doc = src_doc;
		in.emit = src_emit;
		in.ctx = store;
		*jobs = in.jobs;
		rc = ss_inputs_run(&in);
		ss_audit_finish(store->index);
	}
	free(paths.v);
	return rc;
}

/* ---- the claims ---- */

typedef struct {
	const char *name;   /* the claims file as given ("-": standard input) */
	char *buf;
	size_t len;
	au_claims_format fmt;
	au_claim_rows rows;
	ss_doc **docs;      /* the claims as documents: one, or one a row */
	size_t ndocs;
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
	char *q = ss_quote(d->file);
	fprintf(stderr, "%s:%u: %s: %s\n", q, d->line,
	        d->level == SS_DIAG_ERROR ? "error" : "warning", d->message);
	free(q);
}

static void add_claims_doc(claims_ctx *cc, ss_doc *doc)
{
	cc->docs = ss_xrealloc(cc->docs, (cc->ndocs + 1) * sizeof *cc->docs);
	cc->docs[cc->ndocs++] = doc;
}

static bool claims_load(claims_ctx *cc, const ss_ruleset *rs, bool quiet)
{
	int err = 0;
	if (!strcmp(cc->name, "-")) {
		ss_buf b = SS_BUF_INIT;
		char chunk[65536];
		size_t n;
		while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
			ss_buf_add(&b, chunk, n);
		if (ferror(stdin))
			err = errno;
		cc->len = b.len;
		cc->buf = b.ptr ? ss_buf_detach(&b, &cc->len) : ss_xstrdup("");
	} else {
		err = ss_read_file(cc->name, &cc->buf, &cc->len);
	}
	if (err) {
		char *q = ss_quote(cc->name);
		ss_error("cannot read '%s': %s", q, strerror(err));
		free(q);
		return false;
	}
	cc->fmt = au_claims_sniff(cc->name, cc->buf, cc->len);
	ss_options *xo = ss_options_new();
	ss_options_set_diag(xo, quiet ? NULL : ss_cli_diag, NULL);
	if (cc->fmt == AU_CLAIMS_DOC) {
		ss_doc *doc = ss_doc_extract(rs, cc->name, cc->buf, cc->len, xo);
		ss_options_free(xo);
		if (ss_doc_status(doc) != SS_OK)
			cc->failed = true;
		add_claims_doc(cc, doc);
		return true;
	}
	ss_diag_sink sink = {rows_diag, NULL, 0, 0};
	if (!au_claims_parse(cc->fmt, cc->name, cc->buf, cc->len, &cc->rows, &sink)) {
		ss_options_free(xo);
		return false;
	}
	if (sink.errors)
		cc->failed = true;
	ss_options_set_format(xo, SS_FORMAT_TEXT);
	for (size_t r = 0; r < cc->rows.n; r++) {
		const char *c = cc->rows.rows[r].claim;
		add_claims_doc(cc, ss_doc_extract(rs, cc->name, c, strlen(c), xo));
	}
	ss_options_free(xo);
	return true;
}

/* A claims table: each verdict gets its row's id and where the figure
 * stands in the file (a claims document's own line:column are right). */
static void claim_positions(const claims_ctx *cc, ss_verdicts *vs)
{
	if (cc->fmt == AU_CLAIMS_DOC)
		return;
	ss_linemap lm;
	ss_linemap_init(&lm, cc->buf, cc->len);
	for (size_t i = 0; i < ss_verdicts_count(vs); i++) {
		const ss_verdict *v = ss_verdicts_at(vs, i);
		size_t d = ss_verdict_claim_doc(v);
		const au_claim_row *row = &cc->rows.rows[d];
		size_t start;
		ss_fact_span(ss_doc_fact(cc->docs[d], ss_verdict_claim_fact(v)), &start, NULL);
		const char *t = ss_verdict_claim_text(v);
		size_t n = strlen(t);
		unsigned occ = occurrences_before(row->claim, start, t, n), line, col;
		size_t off = au_claims_locate(cc->buf, row, t, n, occ);
		ss_linemap_locate(&lm, cc->buf, cc->len, off, &line, &col);
		ss_verdicts_set_claim(vs, i, row->id, line, col);
	}
	ss_linemap_release(&lm);
}

/* Judge every claim figure through the library: NULL only on misuse. */
static ss_verdicts *judge(const claims_ctx *cc, const ss_audit *index, int jobs)
{
	const char **cited = ss_xcalloc(cc->ndocs + 1, sizeof *cited);
	for (size_t d = 0; d < cc->ndocs && cc->fmt != AU_CLAIMS_DOC; d++)
		cited[d] = cc->rows.rows[d].source;
	ss_verdicts *vs = NULL;
	ss_audit_judge(index, (const ss_doc *const *)cc->docs, cc->ndocs,
	               cc->fmt != AU_CLAIMS_DOC ? cited : NULL, jobs, &vs);
	free(cited);
	if (vs)
		claim_positions(cc, vs);
	return vs;
}

/* ---- the terminal: one line per claim figure, then the counts ---- */

static void write_lines(FILE *fp, bool color, const claims_ctx *cc, const ss_verdicts *vs,
                        bool quiet)
{
	static const char *const paint[] = {"\033[32m", "\033[31m", "\033[33m"};
	size_t count[3] = {0, 0, 0}, n = ss_verdicts_count(vs);
	char *name = ss_quote(cc->name);
	for (size_t i = 0; i < n; i++) {
		const ss_verdict *v = ss_verdicts_at(vs, i);
		ss_verdict_kind k = ss_verdict_kind_of(v);
		count[k]++;
		fprintf(fp, "%s:%u:%u: %s%s%s %s", name, ss_verdict_claim_line(v),
		        ss_verdict_claim_column(v), color ? paint[k] : "", ss_verdict_name(v),
		        color ? "\033[0m" : "", ss_verdict_claim_text(v));
		if (ss_verdict_reason(v))
			fprintf(fp, " -- %s", ss_verdict_reason(v));
		if (ss_verdict_doc(v)) {
			char *d = ss_quote(ss_verdict_doc(v));
			size_t s, e;
			ss_verdict_span(v, &s, &e);
			fprintf(fp, " <- %s:%u:%u [%zu,%zu) %s", d, ss_verdict_line(v),
			        ss_verdict_column(v), s, e, ss_verdict_text(v));
			if (ss_verdict_page(v))
				fprintf(fp, " page %u box %s", ss_verdict_page(v), ss_verdict_box(v));
			free(d);
		}
		fputc('\n', fp);
	}
	free(name);
	if (!quiet)
		fprintf(fp, "%zu claim figure%s: %zu supported, %zu contradicted, %zu unsupported\n", n,
		        n == 1 ? "" : "s", count[0], count[1], count[2]);
}

/* ---- machines: the exporters, with the verdict columns ---- */

/* The claims documents with their verdicts; for the report (html), the
 * source documents some verdict rests on after them (in input order), so
 * that each verdict links to its evidence shown in the same file. */
static void write_records(FILE *fp, const char *format, const char *cols, bool bom,
                          claims_ctx *cc, const ss_verdicts *vs, const sources_ctx *sc)
{
	ss_writer *w = ss_writer_new(format, fp);
	ss_writer_set_bom(w, bom);
	if (cols)
		ss_writer_set_columns(w, cols); /* checked before any work */
	for (size_t d = 0; d < cc->ndocs; d++) {
		ss_verdicts_attach(vs, d, cc->docs[d]);
		ss_writer_write(w, cc->docs[d]);
	}
	bool *cited = ss_xcalloc(sc->ndocs + 1, sizeof *cited);
	for (size_t i = 0; i < ss_verdicts_count(vs); i++) {
		const ss_verdict *v = ss_verdicts_at(vs, i);
		if (ss_verdict_doc(v) && ss_verdict_source(v) < sc->ndocs)
			cited[ss_verdict_source(v)] = true;
	}
	for (size_t d = 0; d < sc->ndocs; d++)
		if (cited[d])
			ss_writer_write(w, sc->docs[d]);
	free(cited);
	ss_writer_finish(w); /* a short write is the output's to report */
	ss_writer_free(w);
}

static void claims_release(claims_ctx *cc)
{
	for (size_t d = 0; d < cc->ndocs; d++)
		ss_doc_free(cc->docs[d]);
	free(cc->docs);
	au_claim_rows_release(&cc->rows);
	free(cc->buf);
}

static int run(const ss_command *cmd, int argc, char **argv)
{
	audit_opts o = {0};
	o.input.progress = -1;
	ss_strlist args = {0};
	bool help;
	int rc = SS_EXIT_USAGE;
	ss_ruleset *rs = NULL;
	claims_ctx cc;
	memset(&cc, 0, sizeof cc);
	sources_ctx src;
	memset(&src, 0, sizeof src);
	ss_verdicts *vs = NULL;
	if (!ss_cli_parse(cmd, argc, argv, &o, &args, &help))
		goto done;
	if (help) {
		ss_cli_help(stdout, cmd);
		fputs("Verdicts: 0 when every claim figure is supported, 1 otherwise.\n", stdout);
		rc = SS_EXIT_OK;
		goto done;
	}
	/* the options, all checked before any work */
	double tol = SS_AUDIT_TOLERANCE;
	char *end;
	const char *cols = o.columns ? o.columns : default_columns;
	if (!args.n) {
		usage_error(cmd, "%s", "no claims: give a claims file (or - for standard input)");
		goto done;
	}
	/* the sources: paths, a list, or JSONL documents (standard input by
	 * default, unless the claims are read from there) */
	if (args.n < 2 && !o.against.n && !o.input.files_from &&
	    !(o.input.jsonl && strcmp(args.v[0], "-"))) {
		usage_error(cmd, "%s", "no sources: give them with --against PATH");
		goto done;
	}
	if (o.tolerance && (tol = strtod(o.tolerance, &end), end == o.tolerance || *end ||
	                    !(tol >= 0 && tol < 1))) {
		usage_error(cmd, "--tolerance needs a share from 0 to 1, like 0.05, not '%s'", o.tolerance);
		goto done;
	}
	if (o.color && strcmp(o.color, "auto") && strcmp(o.color, "always") &&
	    strcmp(o.color, "never")) {
		usage_error(cmd, "--color takes auto, always or never, not '%s'", o.color);
		goto done;
	}
	/* the writer's table says which formats there are, and checks the columns */
	ss_writer *check = ss_writer_new(o.format ? o.format : "jsonl", NULL);
	if (!check) {
		ss_error_unknown_format(o.format);
		fprintf(stderr, "Try 'statspan %s --help' for more information.\n", cmd->name);
		goto done;
	}
	bool bad_cols = ss_writer_set_columns(check, cols) != SS_OK;
	bool binary = ss_writer_is_binary(check);
	if (bad_cols)
		ss_error("%s", ss_writer_error(check));
	ss_writer_free(check);
	if (bad_cols)
		goto done;
	if (binary && (!o.output || !strcmp(o.output, "-")) && isatty(STDOUT_FILENO)) {
		ss_error("%s is a binary format: not written to a terminal; use -o FILE", o.format);
		goto done;
	}
	cc.name = args.v[0];
	src.index = ss_audit_new();
	rs = ss_cli_load_rules(&o.rules);
	if (!rs || !src.index) {
		if (!src.index)
			ss_error("%s", "the built-in audit lexicon could not be read");
		goto done;
	}
	ss_audit_set_tolerance(src.index, tol);
	src.keep = o.format && !strcmp(o.format, "html");
	int jobs = 1;
	rc = sources_load(cmd, &o, &args, rs, &src, &jobs);
	if (rc == SS_EXIT_USAGE)
		goto done;
	if (!claims_load(&cc, rs, o.rules.quiet)) {
		rc = SS_EXIT_FAIL;
		goto done;
	}
	bool ok = rc == SS_EXIT_OK && !cc.failed;
	vs = judge(&cc, src.index, jobs);
	bool all = true;
	for (size_t i = 0; i < ss_verdicts_count(vs); i++)
		if (ss_verdict_kind_of(ss_verdicts_at(vs, i)) != SS_VERDICT_SUPPORTED)
			all = false;
	ss_output out;
	if (ss_output_open(&out, o.output)) {
		if (o.format) {
			/* a workbook has a Verdicts sheet of its own, and its Facts
			 * sheet every fact column, unless the run names some */
			bool sheets = !strcmp(o.format, "xlsx");
			write_records(out.fp, o.format, sheets && !o.columns ? NULL : cols, o.bom, &cc, vs,
			              &src);
		} else {
			bool color = (o.color && !strcmp(o.color, "always")) ||
			             ((!o.color || !strcmp(o.color, "auto")) && !o.output &&
			              isatty(fileno(stdout)) && !getenv("NO_COLOR"));
			write_lines(out.fp, color, &cc, vs, o.rules.quiet);
		}
		if (!ss_output_commit(&out))
			ok = false;
	} else {
		ok = false;
	}
	rc = ok && all ? SS_EXIT_OK : SS_EXIT_FAIL;
done:
	claims_release(&cc);
	ss_verdicts_free(vs);
	ss_audit_free(src.index);
	for (size_t d = 0; d < src.ndocs; d++)
		ss_doc_free(src.docs[d]);
	free(src.docs);
	if (rs)
		ss_ruleset_free(rs);
	free(o.against.v);
	free(o.rules.dirs.v);
	free(args.v);
	return rc;
}

const ss_command ss_cmd_audit = {
	"audit", run,
	"statspan audit CLAIMS --against PATH... [options]   (CLAIMS: a document, CSV, JSON or JSONL)",
	options,
};
