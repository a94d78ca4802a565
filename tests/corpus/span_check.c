/* span_check.c - the span invariant over whole corpora: for every fact of
 * every document, the source bytes [start, end) are its text, or strip to it
 * where markup falls inside; both offset maps pass their checker; no document
 * crashes. Usage: span_check PATH...  (files or directories, recursive) */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "facts/facts.h"

static size_t ndocs, nfacts, nstripped, nbad;
static double slowest;
static char slowest_name[4096];
static ss_ruleset *rs;

static bool want(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && (!strcmp(dot, ".html") || !strcmp(dot, ".htm") || !strcmp(dot, ".md") ||
	               !strcmp(dot, ".txt"));
}

static void fail(const char *path, const char *what, const ss_fact *f, const char *text)
{
	if (nbad++ < 50)
		fprintf(stderr, "span_check: %s: %s", path, what);
	if (nbad <= 50 && f)
		fprintf(stderr, " (fact [%zu,%zu) %s, text '%s')", f->start, f->end, f->rule_id, text);
	if (nbad <= 50)
		fputc('\n', stderr);
}

/* Markup inside the figure: stripping the source bytes must give the text. */
static bool strips_to(const char *src, size_t start, size_t end, const char *text, size_t tlen)
{
	ss_text t;
	ss_text_init(&t);
	ss_html_to_text(src + start, end - start, 0, &t, NULL);
	size_t n = t.len; /* the fragment's closing paragraph break is not part of it */
	while (n > 0 && t.ptr[n - 1] == '\n')
		n--;
	bool ok = n == tlen && memcmp(t.ptr, text, tlen) == 0;
	ss_text_release(&t);
	return ok;
}

static void check_file(const char *path)
{
	char *buf;
	size_t len;
	if (ss_read_file(path, &buf, &len) != 0) {
		fail(path, "unreadable", NULL, NULL);
		return;
	}
	clock_t t0 = clock();
	ss_doc *doc = ss_doc_extract(rs, path, buf, len, NULL);
	double dt = (double)(clock() - t0) / CLOCKS_PER_SEC;
	if (dt > slowest) {
		slowest = dt;
		snprintf(slowest_name, sizeof slowest_name, "%s", path);
	}
	ndocs++;
	size_t bad;
	if (!ss_text_check(&doc->text, buf, len, &bad))
		fail(path, "text offset map fails its checker", NULL, NULL);
	if (!ss_text_check(&doc->norm, doc->text.ptr, doc->text.len, &bad))
		fail(path, "normalised offset map fails its checker", NULL, NULL);
	for (size_t i = 0; i < doc->nfacts; i++) {
		const ss_fact *f = &doc->facts[i];
		const char *text = doc->text.ptr + f->text.start;
		size_t tlen = f->text.end - f->text.start;
		nfacts++;
		char *shown = strndup(text, tlen);
		if (f->start > f->end || f->end > len || tlen == 0)
			fail(path, "span out of bounds", f, shown);
		else if (f->end - f->start == tlen && memcmp(buf + f->start, text, tlen) == 0)
			;
		else if (strips_to(buf, f->start, f->end, text, tlen))
			nstripped++;
		else
			fail(path, "source bytes are not the fact's text", f, shown);
		free(shown);
	}
	ss_doc_free(doc);
	free(buf);
}

static void walk(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		fprintf(stderr, "span_check: cannot open %s\n", path);
		nbad++;
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		check_file(path);
		return;
	}
	struct dirent **ents;
	int n = scandir(path, &ents, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		if (ents[i]->d_name[0] != '.' && want(ents[i]->d_name)) {
			char p[4096];
			snprintf(p, sizeof p, "%s/%s", path, ents[i]->d_name);
			walk(p);
		}
		free(ents[i]);
	}
	free(ents);
}

int main(int argc, char **argv)
{
	rs = ss_ruleset_new();
	if (ss_ruleset_add_defaults(rs) != SS_OK || ss_ruleset_compile(rs) != SS_OK) {
		fprintf(stderr, "span_check: the default rules do not compile\n");
		return 2;
	}
	for (int i = 1; i < argc; i++)
		walk(argv[i]);
	printf("span_check: %zu documents, %zu facts (%zu with markup inside), slowest %.3fs (%s)\n",
	       ndocs, nfacts, nstripped, slowest, slowest_name);
	printf("span_check: %zu passed, %zu failed\n", nfacts - (nbad > nfacts ? nfacts : nbad),
	       nbad);
	ss_ruleset_free(rs);
	return nbad ? 1 : 0;
}
