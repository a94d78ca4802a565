/* eval.c - precision / recall of statspan's facts against hand annotations.
 *
 * Usage: eval [-v|-vv] [--subjects] DIR|FILE.ann...
 * --subjects lists every matched figure whose subject differs from the
 * annotation: annotated and predicted subject, and the sentence.
 *
 * Every FILE.ann annotates the document FILE beside it (TSV, UTF-8, `#`
 * comments, header line first):
 *   text occ kind value unit qualifier low high direction subject period
 * optionally followed by period_from period_to (ISO dates, `-` where they
 * cannot be known; a row may stop at period where they are not annotated).
 * `text` is the figure exactly as it stands in the source bytes and `occ`
 * which occurrence of that byte string (1 = first) it is; together they give
 * the annotation's byte span.
 *
 * A prediction matches an annotation when their spans overlap, the values
 * agree (relative tolerance 1e-6) and the units are equal; matching is
 * one-to-one. Reported: per-document TP/FP/FN, overall precision, recall and
 * F1 of figures, and among matched pairs the accuracy of kind, qualifier,
 * direction, subject and period (exact after removing white space, and a
 * lenient score where one contains the other), and of the period's dates
 * where annotated. Also counted: predicted facts
 * whose span lies inside an HTML comment, <script> or <style> (must be 0).
 *
 * Documents come in groups, one a subfolder of DIR (tc/ traditional, ann/
 * announcements, stat/ statistics releases, res/ research notes; the files at
 * the top are simplified news): every score is reported for each group and
 * for all of them together.
 *
 * Exit status: 0 (the eval is a report, not a test) unless an annotation file
 * is broken (bad line, text not found in the source): 1. Usage: 2. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "eval.h"
#include "statspan.h"

static int verbose;
static int list_subjects; /* --subjects */

/* ---- scoring ------------------------------------------------------------ */

typedef struct {
	size_t ann, pred, tp, fp, fn, hidden, ignored;
	size_t kind, qual, dir, subj, subj_l, period, period_l;
	size_t dated, dates; /* figures whose period dates are annotated; both right */
} tally;

/* The groups, in the order they are reported; a subfolder not listed here
 * is a group of its own name, reported after them. */
static const struct {
	const char *dir, *what;
} GROUP_NAMES[] = {
	{"news", "simplified news (the files at the top of the folder)"},
	{"tc", "traditional Chinese (Hong Kong, Taiwan)"},
	{"ann", "company announcements"},
	{"stat", "statistics releases"},
	{"res", "research notes"},
};
#define NKNOWN (sizeof GROUP_NAMES / sizeof *GROUP_NAMES)

typedef struct {
	char *name;
	const char *what;
	tally t;
	size_t ndocs;
} group;

static group *groups;
static size_t ngroups;
static tally total;
static size_t ndocs;

/* The group called name (created on first use). */
static size_t group_of(const char *name)
{
	for (size_t g = 0; g < ngroups; g++)
		if (!strcmp(groups[g].name, name))
			return g;
	groups = realloc(groups, (ngroups + 1) * sizeof *groups);
	if (!groups)
		abort();
	group *g = &groups[ngroups];
	memset(g, 0, sizeof *g);
	g->name = xstrdup(name);
	g->what = "";
	for (size_t k = 0; k < NKNOWN; k++)
		if (!strcmp(GROUP_NAMES[k].dir, name))
			g->what = GROUP_NAMES[k].what;
	return ngroups++;
}

/* Report order: the known groups first, in table order, then by name. */
static size_t group_rank(const char *name)
{
	for (size_t k = 0; k < NKNOWN; k++)
		if (!strcmp(GROUP_NAMES[k].dir, name))
			return k;
	return NKNOWN;
}

static void tally_add(tally *to, const tally *t)
{
	to->ann += t->ann;
	to->pred += t->pred;
	to->tp += t->tp;
	to->fp += t->fp;
	to->fn += t->fn;
	to->hidden += t->hidden;
	to->ignored += t->ignored;
	to->kind += t->kind;
	to->qual += t->qual;
	to->dir += t->dir;
	to->subj += t->subj;
	to->subj_l += t->subj_l;
	to->period += t->period;
	to->period_l += t->period_l;
	to->dated += t->dated;
	to->dates += t->dates;
}

static ss_ruleset *rs;

static int lenient_eq(const char *a, const char *b)
{
	if (!*a || !*b)
		return !*a && !*b;
	return strstr(a, b) || strstr(b, a);
}

static size_t fact_start(const ss_fact *f)
{
	size_t s;
	ss_fact_span(f, &s, NULL);
	return s;
}

static size_t fact_end(const ss_fact *f)
{
	size_t e;
	ss_fact_span(f, NULL, &e);
	return e;
}

static char *fact_text(const ss_doc *doc, const ss_fact *f)
{
	size_t tl;
	const char *t = ss_doc_text(doc, &tl);
	(void)tl;
	return strndup(t + ss_fact_text(f).start, ss_fact_text(f).end - ss_fact_text(f).start);
}

static char *span_str(const ss_doc *doc, ss_tspan s)
{
	if (s.end <= s.start)
		return xstrdup("");
	char *p = ss_doc_span_str(doc, s);
	return p ? p : xstrdup("");
}

/* Score one document; name is how the report shows it, g its group. */
static void eval_doc(const char *docpath, const char *annpath, const char *name, size_t g)
{
	size_t len;
	char *src = read_all(docpath, &len);
	if (!src) {
		ann_error(annpath, 0, "cannot read the document", docpath);
		return;
	}
	ann *a;
	size_t na = load_ann(annpath, src, len, &a);
	ss_doc *doc = ss_doc_extract(rs, docpath, src, len, NULL);
	size_t np = ss_doc_fact_count(doc);
	region *hid;
	size_t nh = hidden_regions(src, len, &hid);
	tally t = {0};
	t.ann = na;
	char *used = calloc(np + 1, 1);
	char *skip = calloc(np + 1, 1);
	if (!used || !skip)
		abort();
	for (size_t i = 0; i < np; i++) {
		const ss_fact *f = ss_doc_fact(doc, i);
		for (size_t h = 0; h < nh; h++)
			if (fact_start(f) < hid[h].end && fact_end(f) > hid[h].start) {
				t.hidden++;
				if (verbose) {
					char *ft = fact_text(doc, f);
					printf("  HIDDEN %s:%u %s (%s)\n", docpath, ss_fact_line(f), ft, ss_fact_rule(f));
					free(ft);
				}
				break;
			}
		if (ignored_unit(ss_fact_unit(f))) {
			skip[i] = 1;
			t.ignored++;
		}
	}
	/* one-to-one: each annotation takes the overlapping, agreeing prediction
	 * with the largest overlap that is still free */
	for (size_t k = 0; k < na; k++) {
		long best = -1;
		size_t bestov = 0;
		for (size_t i = 0; i < np; i++) {
			if (used[i] || skip[i])
				continue;
			const ss_fact *f = ss_doc_fact(doc, i);
			if (!(fact_start(f) < a[k].end && fact_end(f) > a[k].start))
				continue;
			if (!same_value(ss_fact_value(f), a[k].value) || strcmp(ss_fact_unit(f), a[k].f[F_UNIT]))
				continue;
			size_t lo = fact_start(f) > a[k].start ? fact_start(f) : a[k].start;
			size_t hi = fact_end(f) < a[k].end ? fact_end(f) : a[k].end;
			if (best < 0 || hi - lo > bestov) {
				best = (long)i;
				bestov = hi - lo;
			}
		}
		if (best >= 0) {
			used[best] = 1;
			a[k].matched = (int)best;
		}
	}
	for (size_t i = 0; i < np; i++)
		if (!skip[i])
			t.pred++;
	for (size_t k = 0; k < na; k++) {
		if (a[k].matched < 0) {
			t.fn++;
			if (verbose)
				printf("  FN %s:%u  %s  [%s %s %s %s]\n", docpath, a[k].sline, a[k].f[F_TEXT],
				       a[k].f[F_KIND], a[k].f[F_VALUE], a[k].f[F_UNIT], a[k].f[F_QUAL]);
			continue;
		}
		t.tp++;
		const ss_fact *f = ss_doc_fact(doc, (size_t)a[k].matched);
		int ok_kind = !strcmp(ss_kind_name(ss_fact_kind(f)), a[k].f[F_KIND]);
		int ok_qual = !strcmp(ss_qualifier_name(ss_fact_qualifier(f)), a[k].f[F_QUAL]);
		int ok_dir = !strcmp(ss_direction_name(ss_fact_direction(f)), a[k].f[F_DIR]);
		char *ps = squash(span_str(doc, ss_fact_subject(f)));
		char *pp = squash(span_str(doc, ss_fact_period(f)));
		char *as = squash(xstrdup(a[k].f[F_SUBJ]));
		char *ap = squash(xstrdup(a[k].f[F_PERIOD]));
		int ok_subj = !strcmp(ps, as), ok_subj_l = lenient_eq(ps, as);
		int ok_per = !strcmp(pp, ap), ok_per_l = lenient_eq(pp, ap);
		/* the period's dates, where annotated ("-": none can be known) */
		int ok_dates = 1;
		if (a[k].f[F_PFROM][0] || a[k].f[F_PTO][0]) {
			const char *wf = strcmp(a[k].f[F_PFROM], "-") ? a[k].f[F_PFROM] : "";
			const char *wt = strcmp(a[k].f[F_PTO], "-") ? a[k].f[F_PTO] : "";
			ok_dates = !strcmp(ss_fact_period_from(f), wf) && !strcmp(ss_fact_period_to(f), wt);
			t.dated++;
			t.dates += ok_dates;
		}
		t.kind += ok_kind;
		t.qual += ok_qual;
		t.dir += ok_dir;
		t.subj += ok_subj;
		t.subj_l += ok_subj_l;
		t.period += ok_per;
		t.period_l += ok_per_l;
		if (verbose > 1 && !(ok_kind && ok_qual && ok_dir && ok_subj && ok_per && ok_dates)) {
			printf("  DIFF %s:%u (.ann:%u)  %s", docpath, a[k].sline, a[k].line, a[k].f[F_TEXT]);
			if (!ok_kind)
				printf("  kind %s/%s", ss_kind_name(ss_fact_kind(f)), a[k].f[F_KIND]);
			if (!ok_qual)
				printf("  qualifier %s/%s", ss_qualifier_name(ss_fact_qualifier(f)), a[k].f[F_QUAL]);
			if (!ok_dir)
				printf("  direction '%s'/'%s'", ss_direction_name(ss_fact_direction(f)), a[k].f[F_DIR]);
			if (!ok_subj)
				printf("  subject '%s'/'%s'", ps, as);
			if (!ok_per)
				printf("  period '%s'/'%s'", pp, ap);
			if (!ok_dates)
				printf("  dates %s..%s/%s..%s", ss_fact_period_from(f), ss_fact_period_to(f),
				       a[k].f[F_PFROM], a[k].f[F_PTO]);
			printf("   (got/want)\n");
		}
		if (list_subjects && !ok_subj) {
			char *sent = span_str(doc, ss_fact_sentence(f));
			printf("SUBJ %s:%u\t%s\twant '%s'\tgot '%s'%s\t%s\n", docpath, a[k].sline,
			       a[k].f[F_TEXT], as, ps, ok_subj_l ? " (contained)" : "", sent);
			free(sent);
		}
		free(ps);
		free(pp);
		free(as);
		free(ap);
	}
	for (size_t i = 0; i < np; i++) {
		if (used[i] || skip[i])
			continue;
		t.fp++;
		if (verbose) {
			const ss_fact *f = ss_doc_fact(doc, i);
			char *ft = fact_text(doc, f);
			printf("  FP %s:%u  %s  [%s %s %s %s] %s\n", docpath, ss_fact_line(f), ft,
			       ss_kind_name(ss_fact_kind(f)), ss_fact_value_str(f), ss_fact_unit(f),
			       ss_qualifier_name(ss_fact_qualifier(f)), ss_fact_rule(f));
			free(ft);
		}
	}
	printf("%-44s %4zu %4zu %4zu %4zu %4zu %3zu\n", name, t.ann, t.pred, t.tp, t.fp, t.fn,
	       t.hidden);
	tally_add(&total, &t);
	tally_add(&groups[g].t, &t);
	groups[g].ndocs++;
	ndocs++;
	for (size_t k = 0; k < na; k++)
		for (int j = 0; j < NF; j++)
			free(a[k].f[j]);
	free(a);
	free(used);
	free(skip);
	free(hid);
	ss_doc_free(doc);
	free(src);
}

typedef struct {
	char *path; /* FILE.ann */
	char *name; /* as shown: relative to the folder given */
	size_t rank, g;
} job;

static job *jobs;
static size_t njobs;

static void add_job(const char *path, const char *name, const char *gname)
{
	jobs = realloc(jobs, (njobs + 1) * sizeof *jobs);
	if (!jobs)
		abort();
	job *j = &jobs[njobs++];
	j->path = xstrdup(path);
	j->name = strndup(name, strlen(name) - 4);
	if (!j->name)
		abort();
	j->g = group_of(gname);
	j->rank = group_rank(gname);
}

static int cmp_job(const void *x, const void *y)
{
	const job *a = x, *b = y;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	int c = strcmp(groups[a->g].name, groups[b->g].name);
	return c ? c : strcmp(a->name, b->name);
}

/* Every FILE.ann under dir: the files at its top in the group "news", those
 * in a subfolder (at any depth) in the group of the subfolder's name. prefix
 * is dir relative to the folder given (for the report). */
static void collect(const char *dir, const char *prefix, const char *gname)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "eval: cannot open %s\n", dir);
		broken++;
		return;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		size_t l = strlen(e->d_name);
		size_t pl = strlen(dir) + l + 2, nl = strlen(prefix) + l + 2;
		char *path = malloc(pl), *name = malloc(nl);
		if (!path || !name)
			abort();
		snprintf(path, pl, "%s/%s", dir, e->d_name);
		snprintf(name, nl, "%s%s%s", prefix, *prefix ? "/" : "", e->d_name);
		struct stat st;
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			collect(path, name, gname ? gname : e->d_name);
		else if (l > 4 && !strcmp(e->d_name + l - 4, ".ann"))
			add_job(path, name, gname ? gname : "news");
		free(path);
		free(name);
	}
	closedir(d);
}

/* A FILE.ann named on the command line: its group is its folder's name
 * when that is a known group, else news. */
static void collect_file(const char *path)
{
	const char *base = strrchr(path, '/');
	const char *gname = "news";
	if (base) {
		const char *p = base;
		while (p > path && p[-1] != '/')
			p--;
		for (size_t k = 0; k < NKNOWN; k++)
			if ((size_t)(base - p) == strlen(GROUP_NAMES[k].dir) &&
			    !strncmp(p, GROUP_NAMES[k].dir, (size_t)(base - p)))
				gname = GROUP_NAMES[k].dir;
	}
	add_job(path, path, gname);
}

static double ratio(size_t a, size_t b) { return b ? (double)a / (double)b : 0.0; }

static void print_row(const char *name, size_t nd, const tally *t)
{
	double p = ratio(t->tp, t->tp + t->fp), r = ratio(t->tp, t->tp + t->fn);
	double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
	printf("%-6s %4zu %4zu %4zu %4zu %4zu %4zu  %.3f %.3f %.3f  %.3f %.3f %.3f  %.3f %.3f"
	       "  %.3f %.3f",
	       name, nd, t->ann, t->pred, t->tp, t->fp, t->fn, p, r, f1, ratio(t->kind, t->tp),
	       ratio(t->qual, t->tp), ratio(t->dir, t->tp), ratio(t->subj, t->tp),
	       ratio(t->subj_l, t->tp), ratio(t->period, t->tp), ratio(t->period_l, t->tp));
	if (t->dated)
		printf("  %.3f %4zu\n", ratio(t->dates, t->dated), t->dated);
	else
		printf("  %-5s %4s\n", "-", "-");
}

/* The scores of each group and of all: figures (precision, recall, F1), then
 * on the matched figures kind, qualifier, direction, subject (exact, and
 * containment: one contains the other) and period (the same two). */
static void print_groups(void)
{
	printf("\nby group (subj~ / per~: one contains the other; dates: period_from and\n"
	       "period_to both right, of the n matched figures whose dates are annotated)\n");
	printf("%-6s %4s %4s %4s %4s %4s %4s  %-5s %-5s %-5s  %-5s %-5s %-5s  %-5s %-5s  %-5s %-5s"
	       "  %-5s %4s\n",
	       "group", "docs", "ann", "pred", "TP", "FP", "FN", "prec", "rec", "F1", "kind", "qual",
	       "dir", "subj", "subj~", "per", "per~", "dates", "n");
	/* the jobs are in report order: each group at its first document */
	for (size_t i = 0; i < njobs; i++)
		if (i == 0 || jobs[i].g != jobs[i - 1].g)
			print_row(groups[jobs[i].g].name, groups[jobs[i].g].ndocs, &groups[jobs[i].g].t);
	print_row("all", ndocs, &total);
}

int main(int argc, char **argv)
{
	int first = 1;
	while (first < argc && argv[first][0] == '-') {
		if (!strcmp(argv[first], "-v"))
			verbose = 1;
		else if (!strcmp(argv[first], "-vv"))
			verbose = 2;
		else if (!strcmp(argv[first], "--subjects"))
			list_subjects = 1;
		else {
			fprintf(stderr, "usage: eval [-v|-vv] [--subjects] DIR|FILE.ann...\n");
			return 2;
		}
		first++;
	}
	if (first >= argc) {
		fprintf(stderr, "usage: eval [-v|-vv] [--subjects] DIR|FILE.ann...\n");
		return 2;
	}
	rs = ss_ruleset_new();
	if (ss_ruleset_add_defaults(rs) != SS_OK || ss_ruleset_compile(rs) != SS_OK) {
		fprintf(stderr, "eval: the default rules do not compile\n");
		return 2;
	}
	for (int i = first; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			collect(argv[i], "", NULL);
		else
			collect_file(argv[i]);
	}
	qsort(jobs, njobs, sizeof *jobs, cmp_job);
	printf("%-44s %4s %4s %4s %4s %4s %3s\n", "document", "ann", "pred", "TP", "FP", "FN", "hid");
	for (size_t i = 0; i < njobs; i++) {
		if (i == 0 || jobs[i].g != jobs[i - 1].g)
			printf("[%s] %s\n", groups[jobs[i].g].name, groups[jobs[i].g].what);
		char *doc = strndup(jobs[i].path, strlen(jobs[i].path) - 4);
		if (!doc)
			abort();
		eval_doc(doc, jobs[i].path, jobs[i].name, jobs[i].g);
		free(doc);
	}
	double p = ratio(total.tp, total.tp + total.fp), r = ratio(total.tp, total.tp + total.fn);
	double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
	printf("%-44s %4zu %4zu %4zu %4zu %4zu %3zu\n", "TOTAL", total.ann, total.pred, total.tp,
	       total.fp, total.fn, total.hidden);
	printf("\n%zu documents, %zu annotated figures, %zu predicted (%zu more ignored: optional units)\n",
	       ndocs, total.ann, total.pred, total.ignored);
	printf("figures    precision %.3f  recall %.3f  F1 %.3f   (target F1 >= 0.95)\n", p, r, f1);
	printf("on the %zu matched figures:\n", total.tp);
	printf("  kind       %.3f\n", ratio(total.kind, total.tp));
	printf("  qualifier  %.3f   (target >= 0.95)\n", ratio(total.qual, total.tp));
	printf("  direction  %.3f   (target >= 0.95)\n", ratio(total.dir, total.tp));
	printf("  subject    %.3f   lenient %.3f   (target >= 0.85)\n", ratio(total.subj, total.tp),
	       ratio(total.subj_l, total.tp));
	printf("  period     %.3f   lenient %.3f   (target >= 0.80)\n", ratio(total.period, total.tp),
	       ratio(total.period_l, total.tp));
	printf("  period dates %.3f   (%zu of the matched figures annotated with them)\n",
	       ratio(total.dates, total.dated), total.dated);
	printf("facts from comments, <script>, <style>: %zu   (target 0)\n", total.hidden);
	print_groups();
	for (size_t i = 0; i < njobs; i++) {
		free(jobs[i].path);
		free(jobs[i].name);
	}
	free(jobs);
	for (size_t g = 0; g < ngroups; g++)
		free(groups[g].name);
	free(groups);
	ss_ruleset_free(rs);
	if (broken) {
		fprintf(stderr, "eval: %d annotation error(s)\n", broken);
		return 1;
	}
	return 0;
}
