/* threads.c - what statspan.h promises about threads: one compiled rule set
 * shared read-only, one document per call. Every file of a directory is
 * extracted by 4 threads at once with one rule set, each thread rendering
 * its documents through one shared writer (ss_writer_render); each thread's
 * bytes must equal those of a run on the main thread. Then one finished
 * audit index of those documents is shared by 4 threads, each judging every
 * document as claims against it (on 2 threads of its own): every thread's
 * verdicts must equal the main thread's. Built and run under
 * ThreadSanitizer by `make tsan`, which fails on any data race.
 * Usage: threads DIR */
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "statspan.h"

#define NTHREADS 4

typedef struct {
	char *name, *buf;
	size_t len;
} file;

static file files[256];
static size_t nfiles;
static const ss_ruleset *rs;
static const ss_options *opts;
static const ss_writer *writer;

static int count_diag;

static void on_diag(void *ud, const ss_diag *d)
{
	(void)d;
	__atomic_add_fetch((int *)ud, 1, __ATOMIC_RELAXED);
}

/* Every document's records, concatenated (malloc'd). */
static char *run_all(size_t *total)
{
	size_t cap = 1 << 16, n = 0;
	char *out = malloc(cap);
	for (size_t i = 0; i < nfiles; i++) {
		ss_doc *doc = ss_doc_extract(rs, files[i].name, files[i].buf, files[i].len, opts);
		size_t len;
		char *r = ss_writer_render(writer, doc, &len);
		while (n + len + 1 > cap)
			out = realloc(out, cap *= 2);
		memcpy(out + n, r, len);
		n += len;
		ss_free(r);
		ss_doc_free(doc);
	}
	*total = n;
	return out;
}

typedef struct {
	char *out;
	size_t len;
} result;

static void *thread_main(void *arg)
{
	result *r = arg;
	r->out = run_all(&r->len);
	return NULL;
}

static const ss_audit *audit_index;

/* Every document judged as claims against the shared index: one line per
 * verdict (malloc'd, concatenated). */
static char *judge_all(size_t *total)
{
	size_t cap = 1 << 16, n = 0;
	char *out = malloc(cap);
	for (size_t i = 0; i < nfiles; i++) {
		const ss_doc *doc = ss_doc_extract(rs, files[i].name, files[i].buf, files[i].len, opts);
		ss_verdicts *vs = NULL;
		if (ss_audit_judge(audit_index, &doc, 1, NULL, 2, &vs) != SS_OK)
			abort();
		for (size_t k = 0; k < ss_verdicts_count(vs); k++) {
			const ss_verdict *v = ss_verdicts_at(vs, k);
			size_t s, e;
			ss_verdict_span(v, &s, &e);
			char line[512];
			int len = snprintf(line, sizeof line, "%s %s %s %zu %zu %.3f\n", ss_verdict_name(v),
			                   ss_verdict_claim_text(v), ss_verdict_doc(v) ? ss_verdict_doc(v) : "-",
			                   s, e, ss_verdict_score(v));
			if (len < 0 || (size_t)len >= sizeof line)
				len = (int)sizeof line - 1;
			while (n + (size_t)len + 1 > cap)
				out = realloc(out, cap *= 2);
			memcpy(out + n, line, (size_t)len);
			n += (size_t)len;
		}
		ss_verdicts_free(vs);
		ss_doc_free((ss_doc *)doc);
	}
	*total = n;
	return out;
}

static void *judge_main(void *arg)
{
	result *r = arg;
	r->out = judge_all(&r->len);
	return NULL;
}

static void load(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		perror(dir);
		exit(2);
	}
	struct dirent *e;
	while ((e = readdir(d)) && nfiles < sizeof files / sizeof *files) {
		if (e->d_name[0] == '.')
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		FILE *fp = fopen(path, "rb");
		if (!fp)
			continue;
		file *f = &files[nfiles];
		f->buf = NULL;
		size_t cap = 0;
		char chunk[65536];
		size_t got;
		f->len = 0;
		while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0) {
			if (f->len + got > cap)
				f->buf = realloc(f->buf, cap = (f->len + got) * 2);
			memcpy(f->buf + f->len, chunk, got);
			f->len += got;
		}
		fclose(fp);
		if (!f->len) { /* a directory or an empty file */
			free(f->buf);
			continue;
		}
		f->name = strdup(e->d_name);
		nfiles++;
	}
	closedir(d);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: threads DIR\n");
		return 2;
	}
	load(argv[1]);
	ss_ruleset *set = ss_ruleset_new();
	if (ss_ruleset_add_defaults(set) != SS_OK || ss_ruleset_compile(set) != SS_OK)
		return 2;
	rs = set;
	ss_options *o = ss_options_new();
	ss_options_set_diag(o, on_diag, &count_diag); /* called from every thread */
	opts = o;
	ss_writer *w = ss_writer_new("jsonl", NULL);
	writer = w;

	size_t want_len;
	char *want = run_all(&want_len);
	result res[NTHREADS];
	pthread_t t[NTHREADS];
	for (int i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, thread_main, &res[i]);
	int bad = 0;
	for (int i = 0; i < NTHREADS; i++) {
		pthread_join(t[i], NULL);
		if (res[i].len != want_len || memcmp(res[i].out, want, want_len)) {
			fprintf(stderr, "threads: thread %d wrote other bytes\n", i);
			bad = 1;
		}
		free(res[i].out);
	}
	printf("threads: %zu documents, %zu bytes of records, by %d threads at once: %s\n", nfiles,
	       want_len, NTHREADS, bad ? "DIFFERENT" : "identical");
	free(want);

	ss_audit *a = ss_audit_new();
	for (size_t i = 0; i < nfiles; i++) {
		ss_doc *doc = ss_doc_extract(rs, files[i].name, files[i].buf, files[i].len, opts);
		ss_audit_add_source(a, doc);
		ss_doc_free(doc);
	}
	ss_audit_finish(a);
	audit_index = a;
	want = judge_all(&want_len);
	for (int i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, judge_main, &res[i]);
	int vbad = 0;
	for (int i = 0; i < NTHREADS; i++) {
		pthread_join(t[i], NULL);
		if (res[i].len != want_len || memcmp(res[i].out, want, want_len)) {
			fprintf(stderr, "threads: thread %d judged otherwise\n", i);
			vbad = 1;
		}
		free(res[i].out);
	}
	printf("threads: %zu figures indexed, %zu bytes of verdicts, by %d threads at once: %s\n",
	       ss_audit_figure_count(a), want_len, NTHREADS, vbad ? "DIFFERENT" : "identical");
	bad |= vbad;
	free(want);
	ss_audit_free(a);
	ss_writer_free(w);
	ss_options_free(o);
	ss_ruleset_free(set);
	for (size_t i = 0; i < nfiles; i++) {
		free(files[i].name);
		free(files[i].buf);
	}
	return bad;
}
