/* pdf_eval.c - precision / recall of the facts of PDFs against the hand
 * annotations of fixtures/eval/pdf (format: fixtures/eval/pdf/README).
 *
 * Usage: pdf_eval [-v] PDFDIR ANNDIR
 *
 * Every ANNDIR/NAME.pdfann annotates some pages of PDFDIR/NAME. Facts on
 * those pages are scored: a fact matches an annotation of its page when one
 * text contains the other (white space aside), the values agree (relative
 * tolerance 1e-6) and the units are equal; matching is one-to-one, in order.
 * Reported: per document and overall TP/FP/FN, precision, recall and F1,
 * the same without the annotations marked `bare` (table cells written
 * without a unit, which only table attachment can read) and the facts
 * matched to them, and the qualifier
 * and kind accuracy of matched pairs. A report, not a test: exit 0 unless an
 * annotation file is broken (1) or the usage is wrong (2). */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts/facts.h"
#include "pipeline/pipeline.h" /* struct ss_options, set field by field */
#include "pdf/pdf.h"

typedef struct {
	unsigned page;
	char text[256], kind[16], unit[16], qual[16];
	double value;
	bool bare, used;
} ann;

typedef struct {
	size_t ann, bare, pred, tp, tp_bare, qual_ok, kind_ok;
} score;

static int verbose;

static void squeeze(const char *s, size_t n, char *out, size_t cap)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k + 4 < cap;) {
		uint32_t cp;
		int w = ss_utf8_decode(s + i, n - i, &cp);
		if (w == 0)
			w = 1;
		if (cp != ' ' && cp != '\t' && cp != '\n' && cp != 0x3000) {
			memcpy(out + k, s + i, (size_t)w);
			k += (size_t)w;
		}
		i += (size_t)w;
	}
	out[k] = '\0';
}

/* Read NAME.pdfann: annotations, and the pages they cover. */
static size_t read_ann(const char *path, ann **out, bool pages[], size_t maxpage)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	char line[1024];
	size_t n = 0, cap = 0;
	bool header = true;
	*out = NULL;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!strncmp(line, "# pages:", 8)) {
			for (char *p = line + 8; *p;) {
				char *e;
				long v = strtol(p, &e, 10);
				if (e == p)
					break;
				if (v > 0 && (size_t)v < maxpage)
					pages[v] = true;
				p = e;
			}
			continue;
		}
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (header) {
			header = false;
			continue;
		}
		char *col[7] = {0};
		size_t nc = 0;
		for (char *p = line; p && nc < 7; nc++) {
			col[nc] = p;
			p = strchr(p, '\t');
			if (p)
				*p++ = '\0';
		}
		if (nc < 6) {
			fprintf(stderr, "pdf_eval: %s: bad line: %s\n", path, line);
			exit(1);
		}
		ss_grow((void **)out, &cap, n + 1, sizeof **out);
		ann *a = &(*out)[n++];
		memset(a, 0, sizeof *a);
		a->page = (unsigned)atoi(col[0]);
		squeeze(col[1], strlen(col[1]), a->text, sizeof a->text);
		snprintf(a->kind, sizeof a->kind, "%s", col[2]);
		a->value = strtod(col[3], NULL);
		snprintf(a->unit, sizeof a->unit, "%s", col[4]);
		snprintf(a->qual, sizeof a->qual, "%s", col[5]);
		a->bare = nc > 6 && !strcmp(col[6], "bare");
		if (a->page == 0 || a->page >= maxpage || !pages[a->page]) {
			fprintf(stderr, "pdf_eval: %s: page %u is not among the pages annotated\n", path,
			        a->page);
			exit(1);
		}
	}
	fclose(f);
	return n;
}

static bool agree(double a, double b)
{
	return fabs(a - b) <= 1e-6 * fmax(fabs(a), fabs(b)) + 1e-12;
}

static void eval_doc(const ss_ruleset *rs, const char *pdf, const char *annpath, score *tot)
{
	enum { MAXPAGE = 10000 };
	static bool pages[MAXPAGE];
	memset(pages, 0, sizeof pages);
	ann *as;
	size_t na = read_ann(annpath, &as, pages, MAXPAGE);
	char *buf;
	size_t len;
	if (ss_read_file(pdf, &buf, &len)) {
		fprintf(stderr, "pdf_eval: %s: cannot be read\n", pdf);
		exit(1);
	}
	ss_options o = {.readers = ss_pdf_readers};
	ss_doc *doc = ss_doc_extract(rs, pdf, buf, len, &o);
	size_t tlen;
	const char *text = ss_doc_text(doc, &tlen);
	score s = {0};
	for (size_t i = 0; i < na; i++) {
		s.ann++;
		s.bare += as[i].bare;
	}
	for (size_t i = 0; i < ss_doc_fact_count(doc); i++) {
		const ss_fact *f = ss_doc_fact(doc, i);
		unsigned page = ss_doc_fact_page(doc, i, NULL, 0);
		if (page == 0 || page >= MAXPAGE || !pages[page])
			continue;
		s.pred++;
		char t[256];
		squeeze(text + f->start, f->end - f->start, t, sizeof t);
		ann *hit = NULL;
		for (size_t k = 0; k < na && !hit; k++) {
			ann *a = &as[k];
			if (!a->used && a->page == page && (strstr(a->text, t) || strstr(t, a->text)) &&
			    agree(a->value, f->value) && !strcmp(a->unit, f->unit))
				hit = a;
		}
		if (hit) {
			hit->used = true;
			s.tp++;
			s.tp_bare += hit->bare;
			s.qual_ok += !strcmp(hit->qual, ss_qualifier_name(f->qualifier));
			s.kind_ok += !strcmp(hit->kind, ss_kind_name(f->kind));
		} else if (verbose) {
			printf("  FP page %u %s %s %s\n", page, t, f->value_str, f->unit);
		}
	}
	if (verbose)
		for (size_t k = 0; k < na; k++)
			if (!as[k].used)
				printf("  FN page %u %s %g %s%s\n", as[k].page, as[k].text, as[k].value,
				       as[k].unit, as[k].bare ? " (bare cell)" : "");
	const char *base = strrchr(pdf, '/');
	printf("%-32s %4zu %4zu %4zu %4zu %4zu\n", base ? base + 1 : pdf, s.ann, s.pred, s.tp,
	       s.pred - s.tp, s.ann - s.tp);
	tot->ann += s.ann;
	tot->bare += s.bare;
	tot->pred += s.pred;
	tot->tp += s.tp;
	tot->tp_bare += s.tp_bare;
	tot->qual_ok += s.qual_ok;
	tot->kind_ok += s.kind_ok;
	ss_doc_free(doc);
	free(as);
	free(buf);
}

static void prf(const char *what, size_t tp, size_t pred, size_t ann)
{
	double p = pred ? (double)tp / pred : 1, r = ann ? (double)tp / ann : 1;
	printf("%s: precision %.3f, recall %.3f, F1 %.3f\n", what, p, r,
	       p + r > 0 ? 2 * p * r / (p + r) : 0);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	int a = 1;
	if (a < argc && !strcmp(argv[a], "-v")) {
		verbose = 1;
		a++;
	}
	if (argc - a != 2) {
		fprintf(stderr, "usage: pdf_eval [-v] PDFDIR ANNDIR\n");
		return 2;
	}
	const char *pdfdir = argv[a], *anndir = argv[a + 1];
	ss_ruleset *rs = ss_ruleset_new();
	if (ss_ruleset_add_defaults(rs) != SS_OK || ss_ruleset_compile(rs) != SS_OK)
		return 2;
	DIR *d = opendir(anndir);
	if (!d) {
		perror(anndir);
		return 1;
	}
	char **names = NULL;
	size_t nn = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (l > 7 && !strcmp(e->d_name + l - 7, ".pdfann")) {
			ss_grow((void **)&names, &cap, nn + 1, sizeof *names);
			names[nn++] = ss_xstrndup(e->d_name, l - 7);
		}
	}
	closedir(d);
	qsort(names, nn, sizeof *names, cmp_str);
	printf("%-32s %4s %4s %4s %4s %4s\n", "document", "ann", "pred", "tp", "fp", "fn");
	score tot = {0};
	for (size_t i = 0; i < nn; i++) {
		ss_buf pdf = SS_BUF_INIT, an = SS_BUF_INIT;
		ss_buf_addf(&pdf, "%s/%s", pdfdir, names[i]);
		ss_buf_addf(&an, "%s/%s.pdfann", anndir, names[i]);
		eval_doc(rs, pdf.ptr, an.ptr, &tot);
		ss_buf_release(&pdf);
		ss_buf_release(&an);
		free(names[i]);
	}
	free(names);
	printf("%-32s %4zu %4zu %4zu %4zu %4zu\n", "TOTAL", tot.ann, tot.pred, tot.tp,
	       tot.pred - tot.tp, tot.ann - tot.tp);
	prf("figures", tot.tp, tot.pred, tot.ann);
	/* both sides aside: the bare annotations and the facts matched to them */
	prf("figures, bare table cells aside", tot.tp - tot.tp_bare, tot.pred - tot.tp_bare,
	    tot.ann - tot.bare);
	if (tot.tp)
		printf("on matched figures: kind %.3f, qualifier %.3f\n", (double)tot.kind_ok / tot.tp,
		       (double)tot.qual_ok / tot.tp);
	ss_ruleset_free(rs);
	return 0;
}
