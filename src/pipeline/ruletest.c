/* ruletest.c - `statspan rules test`: every rule's examples run through the
 * whole pipeline (as plain text) and the fact the rule produced is compared
 * field by field. The examples inside rule files are tests, as jq's manual is.
 * Here rather than in rules/, since checking an example means extracting. */
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"

/* The fact field named name, as text, into out. False for an unknown name. */
static bool field_of(const ss_doc *doc, const ss_fact *f, const char *name, ss_buf *out)
{
	ss_buf_reset(out);
	char *s = NULL;
	if (!strcmp(name, "kind"))
		ss_buf_adds(out, ss_kind_name(f->kind));
	else if (!strcmp(name, "text"))
		ss_buf_add(out, doc->text.ptr + f->text.start, f->text.end - f->text.start);
	else if (!strcmp(name, "value"))
		ss_buf_adds(out, f->value_str);
	else if (!strcmp(name, "unit"))
		ss_buf_adds(out, f->unit);
	else if (!strcmp(name, "qualifier"))
		ss_buf_adds(out, ss_qualifier_name(f->qualifier));
	else if (!strcmp(name, "low"))
		ss_buf_adds(out, f->has_low ? f->low_str : "null");
	else if (!strcmp(name, "high"))
		ss_buf_adds(out, f->has_high ? f->high_str : "null");
	else if (!strcmp(name, "direction"))
		ss_buf_adds(out, f->direction ? ss_direction_name(f->direction) : "null");
	else if (!strcmp(name, "basis"))
		ss_buf_adds(out, f->basis ? ss_basis_name(f->basis) : "null");
	else if (!strcmp(name, "subject"))
		s = ss_doc_span_str(doc, f->subject);
	else if (!strcmp(name, "period"))
		s = ss_doc_span_str(doc, f->period);
	else if (!strcmp(name, "period_from"))
		ss_buf_adds(out, *f->period_from ? f->period_from : "null");
	else if (!strcmp(name, "period_to"))
		ss_buf_adds(out, *f->period_to ? f->period_to : "null");
	else
		return false;
	if (s) {
		ss_buf_adds(out, *s ? s : "null");
		free(s);
	}
	return true;
}

static bool same_value(const char *want, const char *got)
{
	if (!strcmp(want, got))
		return true;
	char *e1, *e2;
	double a = strtod(want, &e1), b = strtod(got, &e2);
	if (*e1 || *e2 || e1 == want || e2 == got)
		return false;
	double d = a > b ? a - b : b - a, m = a < 0 ? -a : a;
	return d <= 1e-9 * (m > 1 ? m : 1);
}

/* See pipeline.h. */
bool ss_example_check(ss_ruleset *rs, const char *input, const char *expect,
                      const char *rule_id, const char *file, unsigned line)
{
	ss_diag_sink *sink = &rs->sink;
	ss_options xo = {.format = SS_FORMAT_TEXT};
	ss_doc *doc = ss_doc_extract(rs, file, input, strlen(input), &xo);
	bool ok = true;
	if (!strcmp(expect, "none")) {
		if (doc->nfacts) {
			const ss_fact *f = &doc->facts[0];
			ss_report(sink, SS_DIAG_ERROR, file, line, 0, rule_id,
			          "'%s': expected no fact, got '%.*s' from rule %s", input,
			          (int)(f->text.end - f->text.start), doc->text.ptr + f->text.start,
			          f->rule_id);
			ok = false;
		}
		ss_doc_free(doc);
		return ok;
	}
	const ss_fact *f = NULL;
	for (size_t i = 0; i < doc->nfacts && !f; i++)
		if (!rule_id || !strcmp(doc->facts[i].rule_id, rule_id))
			f = &doc->facts[i];
	ss_buf got = SS_BUF_INIT;
	char *spec = ss_xstrdup(expect), *save = NULL;
	for (char *tok = strtok_r(spec, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		if (tok[0] == '@') {
			size_t n = strtoul(tok + 1, NULL, 10);
			f = n >= 1 && n <= doc->nfacts ? &doc->facts[n - 1] : NULL;
			if (!f) {
				ss_report(sink, SS_DIAG_ERROR, file, line, 0, rule_id,
				          "'%s': no fact %s (%zu facts)", input, tok, doc->nfacts);
				ok = false;
				break;
			}
			continue;
		}
		char *eq = strchr(tok, '=');
		if (!eq) {
			ss_report(sink, SS_DIAG_ERROR, file, line, 0, rule_id,
			          "'%s' is not field=value", tok);
			ok = false;
			continue;
		}
		*eq = '\0';
		const char *want = eq + 1;
		if (!strcmp(tok, "count")) {
			if (strtoul(want, NULL, 10) != doc->nfacts) {
				ss_report(sink, SS_DIAG_ERROR, file, line, 0, rule_id,
				          "'%s': expected %s facts, got %zu", input, want, doc->nfacts);
				ok = false;
			}
			continue;
		}
		if (!f) {
			ss_report(sink, SS_DIAG_ERROR, file, line, 0, rule_id,
			          "'%s': no fact%s%s", input, rule_id ? " from this rule" : "",
			          doc->nfacts && rule_id ? "; the first came from another rule" : "");
			ok = false;
			break;
		}
		if (!field_of(doc, f, tok, &got)) {
			ss_report(sink, SS_DIAG_ERROR, file, line, 0, rule_id, "unknown field '%s'",
			          tok);
			ok = false;
			continue;
		}
		bool numeric = !strcmp(tok, "value") || !strcmp(tok, "low") || !strcmp(tok, "high");
		if (numeric ? !same_value(want, got.ptr) : strcmp(want, got.ptr) != 0) {
			ss_report(sink, SS_DIAG_ERROR, file, line, 0, rule_id,
			          "'%s': %s: expected '%s', got '%s'", input, tok, want, got.ptr);
			ok = false;
		}
	}
	free(spec);
	ss_buf_release(&got);
	ss_doc_free(doc);
	return ok;
}

size_t ss_ruleset_test(ss_ruleset *rs, size_t *total)
{
	size_t failed = 0, n = 0;
	if (!rs) {
		if (total)
			*total = 0;
		return 0;
	}
	/* Uncompiled, every example would fail on misuse: compile (a broken
	 * set still fails each one, after its own messages). */
	ss_ruleset_compile(rs);
	for (size_t i = 0; i < rs->nrules; i++) {
		const ss_rule *r = &rs->rules[i];
		for (size_t j = 0; j < r->nexamples; j++, n++)
			failed += !ss_example_check(rs, r->examples[j].input, r->examples[j].expect,
			                            r->id, r->file, r->examples[j].line);
	}
	if (total)
		*total = n;
	return failed;
}
