/*
 * runner.c - table tests: `table_runner FILE...`.
 *
 * A table file is a list of blocks separated by blank lines; lines starting
 * with '#' are comments. A line `%%mode NAME` (a block of its own, normally
 * the first line of the file) says how the blocks after it are read; each
 * mode is one function taking a block, so adding one (extract, ...) is a
 * function and a line in `modes`. A mode this runner does not know is
 * reported as "skip" and its blocks are not counted.
 *
 * Ends with `table: N passed, M failed`; exits 1 when anything failed.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numeral/numeral.h"
#include "pipeline/pipeline.h"
#include "rules/rules.h"

#define MAX_LINES 64

/* One block: its lines (NUL-terminated, without the newline) and where
 * each stands in the file. */
typedef struct {
	const char *file;
	char *line[MAX_LINES];
	unsigned lineno[MAX_LINES];
	int n;
} block;

typedef enum { CASE_PASS, CASE_FAIL } case_result;

/* A mode checks one block, printing `file:line: ...` for a failure. */
typedef case_result (*mode_fn)(const block *b);

/* ---- mode numeral -----------------------------------------------------
 * line 1: the input, line 2: the expected str, or %%FAIL for a refusal. */
static case_result mode_numeral(const block *b)
{
	ss_number num;

	if (b->n != 2) {
		printf("%s:%u: a numeral case has 2 lines (input, expected), not %d\n", b->file,
		       b->lineno[0], b->n);
		return CASE_FAIL;
	}
	const char *in = b->line[0], *want = b->line[1];
	bool ok = ss_numeral_parse(in, strlen(in), &num);
	if (strcmp(want, "%%FAIL") == 0) {
		if (!ok)
			return CASE_PASS;
		printf("%s:%u: '%s': expected a refusal, got %s\n", b->file, b->lineno[0], in,
		       num.str);
		return CASE_FAIL;
	}
	if (!ok) {
		printf("%s:%u: '%s': expected %s, got a refusal\n", b->file, b->lineno[0], in, want);
		return CASE_FAIL;
	}
	if (strcmp(num.str, want) != 0) {
		printf("%s:%u: '%s': expected %s, got %s\n", b->file, b->lineno[0], in, want,
		       num.str);
		return CASE_FAIL;
	}
	/* value must be the double nearest str */
	if (num.value != strtod(num.str, NULL)) {
		printf("%s:%u: '%s': value %.17g does not match str %s\n", b->file, b->lineno[0],
		       in, num.value, num.str);
		return CASE_FAIL;
	}
	return CASE_PASS;
}

/* ---- mode extract -----------------------------------------------------
 * line 1: a text (read as plain text through the whole pipeline with the
 * default rules); each further line: an expectation, as in rule examples:
 * "none", "count=N", "@N" to pick the Nth fact, then field=value ... */
static ss_ruleset *rules;

static void print_diag(void *ud, const ss_diag *d)
{
	(void)ud;
	printf("%s:%u: %s\n", d->file, d->line, d->message);
}

static case_result mode_extract(const block *b)
{
	if (!rules) {
		rules = ss_ruleset_new();
		ss_ruleset_set_diag(rules, print_diag, NULL);
		if (ss_ruleset_add_defaults(rules) != SS_OK || ss_ruleset_compile(rules) != SS_OK) {
			printf("%s: the default rules do not compile\n", b->file);
			exit(1);
		}
	}
	if (b->n < 2) {
		printf("%s:%u: an extract case has an input line and expectation lines\n", b->file,
		       b->lineno[0]);
		return CASE_FAIL;
	}
	bool ok = true;
	for (int i = 1; i < b->n; i++)
		ok &= ss_example_check(rules, b->line[0], b->line[i], NULL, b->file, b->lineno[i]);
	return ok ? CASE_PASS : CASE_FAIL;
}

static const struct {
	const char *name;
	mode_fn fn;
} modes[] = {
	{"numeral", mode_numeral},
	{"extract", mode_extract},
};

static mode_fn find_mode(const char *name)
{
	for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++)
		if (strcmp(modes[i].name, name) == 0)
			return modes[i].fn;
	return NULL;
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, got;

	if (!f)
		return NULL;
	do {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 8192;
			char *p = realloc(buf, cap + 1);
			if (!p) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = p;
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	fclose(f);
	buf[len] = '\0';
	return buf;
}

/* Run every block of one file; adds to *pass and *fail. */
static void run_file(const char *path, unsigned *pass, unsigned *fail)
{
	char *text = read_all(path);
	mode_fn mode = NULL;
	bool skipping = false, have_mode = false;
	block b = {.file = path};
	unsigned lineno = 0;

	if (!text) {
		printf("%s: cannot read\n", path);
		(*fail)++;
		return;
	}
	char *p = text;
	while (*p || b.n > 0) {
		char *line = p;
		bool end = *p == '\0';
		if (!end) {
			char *nl = strchr(p, '\n');
			if (nl) {
				*nl = '\0';
				p = nl + 1;
			} else {
				p += strlen(p);
			}
			size_t l = strlen(line);
			if (l > 0 && line[l - 1] == '\r')
				line[l - 1] = '\0';
			lineno++;
			if (line[0] == '#')
				continue;
			if (strncmp(line, "%%mode ", 7) == 0) {
				const char *name = line + 7;
				mode = find_mode(name);
				have_mode = true;
				skipping = mode == NULL;
				if (skipping)
					printf("%s:%u: skip (unknown mode '%s')\n", path, lineno, name);
				continue;
			}
		}
		if (end || line[0] == '\0') {
			if (b.n > 0) {
				if (!have_mode) {
					printf("%s:%u: no %%%%mode line before the first case\n", path,
					       b.lineno[0]);
					(*fail)++;
					have_mode = true;
					skipping = true;
				} else if (!skipping) {
					if (mode(&b) == CASE_PASS)
						(*pass)++;
					else
						(*fail)++;
				}
				b.n = 0;
			}
			continue;
		}
		if (b.n == MAX_LINES) {
			printf("%s:%u: block too long\n", path, lineno);
			(*fail)++;
			continue;
		}
		b.line[b.n] = line;
		b.lineno[b.n++] = lineno;
	}
	free(text);
}

int main(int argc, char **argv)
{
	unsigned pass = 0, fail = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: table_runner FILE...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++)
		run_file(argv[i], &pass, &fail);
	printf("table: %u passed, %u failed\n", pass, fail);
	ss_ruleset_free(rules);
	return fail ? 1 : 0;
}
