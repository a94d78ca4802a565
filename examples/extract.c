/* extract.c - the smallest statspan program: extract the facts of a string
 * (or of the first argument) with the built-in rules and print each one with
 * its place in the source.
 *
 *     cc extract.c $(pkg-config --cflags --libs statspan) -o extract
 *     ./extract '营收同比增长15%，约三成受访者。'
 */
#include <stdio.h>
#include <string.h>

#include <statspan.h>

static void on_diag(void *userdata, const ss_diag *d)
{
	(void)userdata;
	fprintf(stderr, "%s:%u:%u: %s\n", d->file ? d->file : "-", d->line, d->column,
	        d->message);
}

int main(int argc, char **argv)
{
	const char *text = argc > 1 ? argv[1] : "1-4月累计印花税收入1909亿元，比上年同期增长19.3%。";
	ss_ruleset *rs = ss_ruleset_new();
	ss_ruleset_set_diag(rs, on_diag, NULL);
	ss_status st = ss_ruleset_add_defaults(rs);
	if (st == SS_OK)
		st = ss_ruleset_compile(rs);
	if (st != SS_OK) {
		fprintf(stderr, "extract: %s\n", ss_strerror(st));
		ss_ruleset_free(rs);
		return 2;
	}
	ss_options *opts = ss_options_new();
	ss_options_set_format(opts, SS_FORMAT_TEXT);
	ss_options_set_diag(opts, on_diag, NULL);

	ss_doc *doc = ss_doc_extract(rs, "argv", text, strlen(text), opts);
	st = ss_doc_status(doc);
	for (size_t i = 0; i < ss_doc_fact_count(doc); i++) {
		const ss_fact *f = ss_doc_fact(doc, i);
		size_t start, end;
		ss_fact_span(f, &start, &end);
		char *subject = ss_doc_span_str(doc, ss_fact_subject(f));
		printf("%u:%u [%zu,%zu) %-8s %s %s  %.*s  subject=%s\n", ss_fact_line(f),
		       ss_fact_column(f), start, end, ss_kind_name(ss_fact_kind(f)),
		       ss_fact_value_str(f), ss_fact_unit(f), (int)(end - start), text + start,
		       subject);
		ss_free(subject);
	}
	printf("statspan %s: %zu facts\n", ss_version(), ss_doc_fact_count(doc));
	ss_doc_free(doc);
	ss_options_free(opts);
	ss_ruleset_free(rs);
	return st == SS_OK ? 0 : 1;
}
