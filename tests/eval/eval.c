/* eval.c - precision / recall of statspan's facts against hand annotations.
 *
 * Usage: eval [-v] DIR|FILE.ann...
 *
 * Every FILE.ann annotates the document FILE beside it (TSV, UTF-8, `#`
 * comments, header line first):
 *   text occ kind value unit qualifier low high direction subject period
 * `text` is the figure exactly as it stands in the source bytes and `occ`
 * which occurrence of that byte string (1 = first) it is; together they give
 * the annotation's byte span.
 *
 * A prediction matches an annotation when their spans overlap, the values
 * agree (relative tolerance 1e-6) and the units are equal; matching is
 * one-to-one. Reported: per-document TP/FP/FN, overall precision, recall and
 * F1 of figures, and among matched pairs the accuracy of kind, qualifier,
 * direction, subject and period (exact after removing white space, and a
 * lenient score where one contains the other). Also counted: predicted facts
 * whose span lies inside an HTML comment, <script> or <style> (must be 0).
 *
 * Exit status: 0 (the eval is a report, not a test) unless an annotation file
 * is broken (bad line, text not found in the source): 1. Usage: 2. */
#include <ctype.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "statspan.h"

/* Units of figures the SPEC leaves optional (index levels, physical
 * quantities). Predicted facts with these units are ignored, and annotations
 * never carry them. Keep this the one list. */
static const char *const IGNORED_UNITS[] = {
	"点", "吨", "万吨", "亿吨", "千克", "公斤", "克", "斤", "平方米", "万平方米",
	"平方公里", "平方千米", "公顷", "亩", "万亩", "立方米", "米", "公里", "千米",
	"千瓦", "千瓦时", "万千瓦", "万千瓦时", "兆瓦", "吉瓦", "瓦", "度", "升", "桶",
	"标箱", "TEU", "平米", "万平米",
};

static int verbose;
static int broken; /* annotation errors */

/* ---- small helpers ---------------------------------------------------- */

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap + 1);
	if (!buf)
		abort();
	size_t got;
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			cap *= 2;
			buf = realloc(buf, cap + 1);
			if (!buf)
				abort();
		}
	}
	fclose(f);
	buf[n] = 0;
	*len = n;
	return buf;
}

static char *xstrdup(const char *s)
{
	char *p = strdup(s ? s : "");
	if (!p)
		abort();
	return p;
}

/* Remove ASCII white space and U+3000 in place. */
static char *squash(char *s)
{
	char *w = s;
	for (char *r = s; *r;) {
		if (isspace((unsigned char)*r)) {
			r++;
		} else if ((unsigned char)r[0] == 0xE3 && (unsigned char)r[1] == 0x80 &&
		           (unsigned char)r[2] == 0x80) {
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = 0;
	return s;
}

static int ignored_unit(const char *u)
{
	for (size_t i = 0; i < sizeof IGNORED_UNITS / sizeof *IGNORED_UNITS; i++)
		if (!strcmp(u, IGNORED_UNITS[i]))
			return 1;
	return 0;
}

static unsigned line_of(const char *buf, size_t off)
{
	unsigned line = 1;
	for (size_t i = 0; i < off; i++)
		if (buf[i] == '\n')
			line++;
	return line;
}

static int same_value(double a, double b)
{
	if (a == b)
		return 1;
	double m = fmax(fabs(a), fabs(b));
	return fabs(a - b) <= 1e-6 * m;
}

/* ---- hidden regions: comments, <script>, <style> ------------------------ */

typedef struct {
	size_t start, end;
} region;

static const char *find_ci(const char *h, size_t hlen, size_t from, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = from; i + n <= hlen; i++)
		if (strncasecmp(h + i, needle, n) == 0)
			return h + i;
	return NULL;
}

static size_t hidden_regions(const char *buf, size_t len, region **out)
{
	size_t n = 0, cap = 16;
	region *r = malloc(cap * sizeof *r);
	if (!r)
		abort();
	size_t i = 0;
	while (i < len) {
		const char *lt = memchr(buf + i, '<', len - i);
		if (!lt)
			break;
		size_t p = (size_t)(lt - buf);
		const char *close = NULL;
		size_t closelen = 0;
		if (p + 4 <= len && !strncmp(lt, "<!--", 4)) {
			close = find_ci(buf, len, p + 4, "-->");
			closelen = 3;
		} else if (p + 7 <= len && !strncasecmp(lt, "<script", 7) &&
		           (p + 7 == len || !isalnum((unsigned char)lt[7]))) {
			close = find_ci(buf, len, p + 7, "</script");
			closelen = 8;
		} else if (p + 6 <= len && !strncasecmp(lt, "<style", 6) &&
		           (p + 6 == len || !isalnum((unsigned char)lt[6]))) {
			close = find_ci(buf, len, p + 6, "</style");
			closelen = 7;
		} else {
			i = p + 1;
			continue;
		}
		size_t end = close ? (size_t)(close - buf) + closelen : len;
		if (n == cap) {
			cap *= 2;
			r = realloc(r, cap * sizeof *r);
			if (!r)
				abort();
		}
		r[n].start = p;
		r[n].end = end;
		n++;
		i = end;
	}
	*out = r;
	return n;
}

/* ---- annotations -------------------------------------------------------- */

enum { F_TEXT, F_OCC, F_KIND, F_VALUE, F_UNIT, F_QUAL, F_LOW, F_HIGH, F_DIR, F_SUBJ, F_PERIOD, NF };

typedef struct {
	char *f[NF];
	double value;
	size_t start, end;
	unsigned line;   /* line of the annotation in the .ann file */
	unsigned sline;  /* line of the figure in the source */
	int matched;     /* index of the matched prediction, -1 if none */
} ann;

static const char *const KINDS[] = {"percent", "change", "money", "count", "multiple", NULL};
static const char *const QUALS[] = {"exact",    "approx",    "nearly",   "at_least",
                                    "more_than", "at_most", "less_than", "range", NULL};
static const char *const DIRS[] = {"", "up", "down", "to", NULL};

static int in_list(const char *s, const char *const *l)
{
	for (; *l; l++)
		if (!strcmp(s, *l))
			return 1;
	return 0;
}

static void ann_error(const char *path, unsigned line, const char *msg, const char *what)
{
	fprintf(stderr, "%s:%u: %s%s%s\n", path, line, msg, what ? ": " : "", what ? what : "");
	broken++;
}

static int parse_num(const char *s, double *v)
{
	char *end;
	if (!*s)
		return 0;
	*v = strtod(s, &end);
	return *end == 0;
}

/* Parse FILE.ann and locate every annotation in src. Returns the count. */
static size_t load_ann(const char *path, const char *src, size_t srclen, ann **out)
{
	size_t len;
	char *buf = read_all(path, &len);
	*out = NULL;
	if (!buf) {
		ann_error(path, 0, "cannot read", NULL);
		return 0;
	}
	size_t n = 0, cap = 64;
	ann *a = calloc(cap, sizeof *a);
	if (!a)
		abort();
	unsigned lineno = 0;
	int seen_header = 0;
	char *save = NULL;
	for (char *line = buf; line; line = save) {
		char *nl = strchr(line, '\n');
		save = nl ? nl + 1 : NULL;
		if (nl)
			*nl = 0;
		lineno++;
		size_t ll = strlen(line);
		if (ll && line[ll - 1] == '\r')
			line[--ll] = 0;
		if (ll == 0 || line[0] == '#')
			continue;
		if (!seen_header) {
			seen_header = 1;
			if (strncmp(line, "text\tocc\tkind\tvalue\tunit\tqualifier\tlow\thigh\tdirection\tsubject\tperiod", 69))
				ann_error(path, lineno, "the first line must be the header", NULL);
			continue;
		}
		if (n == cap) {
			cap *= 2;
			a = realloc(a, cap * sizeof *a);
			if (!a)
				abort();
		}
		ann *x = &a[n];
		memset(x, 0, sizeof *x);
		x->line = lineno;
		x->matched = -1;
		int nf = 0;
		char *p = line;
		for (;;) {
			char *tab = strchr(p, '\t');
			if (nf < NF)
				x->f[nf] = tab ? strndup(p, (size_t)(tab - p)) : xstrdup(p);
			nf++;
			if (!tab)
				break;
			p = tab + 1;
		}
		if (nf != NF) {
			char msg[64];
			snprintf(msg, sizeof msg, "%d fields, expected %d", nf, NF);
			ann_error(path, lineno, msg, NULL);
			for (int k = 0; k < NF; k++)
				free(x->f[k]);
			continue;
		}
		double tmp;
		int occ = atoi(x->f[F_OCC]);
		if (!x->f[F_TEXT][0])
			ann_error(path, lineno, "empty text", NULL);
		if (occ < 1)
			ann_error(path, lineno, "bad occ", x->f[F_OCC]);
		if (!in_list(x->f[F_KIND], KINDS))
			ann_error(path, lineno, "bad kind", x->f[F_KIND]);
		if (!parse_num(x->f[F_VALUE], &x->value))
			ann_error(path, lineno, "bad value", x->f[F_VALUE]);
		if (!x->f[F_UNIT][0])
			ann_error(path, lineno, "empty unit", NULL);
		if (!in_list(x->f[F_QUAL], QUALS))
			ann_error(path, lineno, "bad qualifier", x->f[F_QUAL]);
		if (x->f[F_LOW][0] && !parse_num(x->f[F_LOW], &tmp))
			ann_error(path, lineno, "bad low", x->f[F_LOW]);
		if (x->f[F_HIGH][0] && !parse_num(x->f[F_HIGH], &tmp))
			ann_error(path, lineno, "bad high", x->f[F_HIGH]);
		if (!in_list(x->f[F_DIR], DIRS))
			ann_error(path, lineno, "bad direction", x->f[F_DIR]);
		if (ignored_unit(x->f[F_UNIT]))
			ann_error(path, lineno, "unit is on the ignored list", x->f[F_UNIT]);
		/* the occ-th occurrence of the text in the source */
		size_t tl = strlen(x->f[F_TEXT]);
		int k = 0;
		const char *hit = NULL;
		for (size_t i = 0; tl && i + tl <= srclen; i++) {
			if (memcmp(src + i, x->f[F_TEXT], tl) == 0 && ++k == occ) {
				hit = src + i;
				break;
			}
		}
		if (!hit) {
			char msg[160];
			snprintf(msg, sizeof msg, "occurrence %d of the text not found in the source (%d found)",
			         occ, k);
			ann_error(path, lineno, msg, x->f[F_TEXT]);
			for (int j = 0; j < NF; j++)
				free(x->f[j]);
			continue;
		}
		x->start = (size_t)(hit - src);
		x->end = x->start + tl;
		x->sline = line_of(src, x->start);
		n++;
	}
	if (!seen_header)
		ann_error(path, lineno, "no header line", NULL);
	/* two annotations on the same span are a mistake */
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (a[i].start == a[j].start && a[i].end == a[j].end)
				ann_error(path, a[j].line, "same span as the annotation on line",
				          a[i].f[F_TEXT]);
	free(buf);
	*out = a;
	return n;
}

/* ---- scoring ------------------------------------------------------------ */

typedef struct {
	size_t ann, pred, tp, fp, fn, hidden, ignored;
	size_t kind, qual, dir, subj, subj_l, period, period_l;
} tally;

static tally total;
static size_t ndocs;

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

static void eval_doc(const char *docpath, const char *annpath)
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
		t.kind += ok_kind;
		t.qual += ok_qual;
		t.dir += ok_dir;
		t.subj += ok_subj;
		t.subj_l += ok_subj_l;
		t.period += ok_per;
		t.period_l += ok_per_l;
		if (verbose > 1 && !(ok_kind && ok_qual && ok_dir && ok_subj && ok_per)) {
			printf("  DIFF %s:%u  %s", docpath, a[k].sline, a[k].f[F_TEXT]);
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
			printf("   (got/want)\n");
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
	const char *base = strrchr(docpath, '/');
	base = base ? base + 1 : docpath;
	printf("%-44s %4zu %4zu %4zu %4zu %4zu %3zu\n", base, t.ann, t.pred, t.tp, t.fp, t.fn,
	       t.hidden);
	total.ann += t.ann;
	total.pred += t.pred;
	total.tp += t.tp;
	total.fp += t.fp;
	total.fn += t.fn;
	total.hidden += t.hidden;
	total.ignored += t.ignored;
	total.kind += t.kind;
	total.qual += t.qual;
	total.dir += t.dir;
	total.subj += t.subj;
	total.subj_l += t.subj_l;
	total.period += t.period;
	total.period_l += t.period_l;
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

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static void eval_ann(const char *annpath)
{
	size_t l = strlen(annpath);
	char *doc = strndup(annpath, l - 4);
	eval_doc(doc, annpath);
	free(doc);
}

static void eval_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "eval: cannot open %s\n", dir);
		broken++;
		return;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (l > 4 && !strcmp(e->d_name + l - 4, ".ann")) {
			names = realloc(names, (n + 1) * sizeof *names);
			if (!names)
				abort();
			size_t pl = strlen(dir) + l + 2;
			names[n] = malloc(pl);
			snprintf(names[n], pl, "%s/%s", dir, e->d_name);
			n++;
		}
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		eval_ann(names[i]);
		free(names[i]);
	}
	free(names);
}

static double ratio(size_t a, size_t b) { return b ? (double)a / (double)b : 0.0; }

int main(int argc, char **argv)
{
	int first = 1;
	while (first < argc && argv[first][0] == '-') {
		if (!strcmp(argv[first], "-v"))
			verbose = 1;
		else if (!strcmp(argv[first], "-vv"))
			verbose = 2;
		else {
			fprintf(stderr, "usage: eval [-v|-vv] DIR|FILE.ann...\n");
			return 2;
		}
		first++;
	}
	if (first >= argc) {
		fprintf(stderr, "usage: eval [-v|-vv] DIR|FILE.ann...\n");
		return 2;
	}
	rs = ss_ruleset_new();
	if (ss_ruleset_add_defaults(rs) != SS_OK || ss_ruleset_compile(rs) != SS_OK) {
		fprintf(stderr, "eval: the default rules do not compile\n");
		return 2;
	}
	printf("%-44s %4s %4s %4s %4s %4s %3s\n", "document", "ann", "pred", "TP", "FP", "FN", "hid");
	for (int i = first; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			eval_dir(argv[i]);
		else
			eval_ann(argv[i]);
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
	printf("facts from comments, <script>, <style>: %zu   (target 0)\n", total.hidden);
	ss_ruleset_free(rs);
	if (broken) {
		fprintf(stderr, "eval: %d annotation error(s)\n", broken);
		return 1;
	}
	return 0;
}
