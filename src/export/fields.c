/* fields.c - the fact record as columns, so every exporter writes the same
 * fields in the same order (SPEC's fact table). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"

const char *const ss_col_names[SS_NCOLS] = {
	"doc",       "id",   "kind",    "text",     "value",   "unit",  "qualifier",
	"low",       "high", "direction", "basis",  "subject", "period", "sentence",
	"start",     "end",  "line",    "column",   "rule"};

static const char *own(char **buf, char *s)
{
	free(*buf);
	*buf = s;
	return s;
}

static const char *fmt(char **buf, const char *f, size_t v)
{
	char tmp[32];
	snprintf(tmp, sizeof tmp, f, v);
	return own(buf, strdup(tmp));
}

const char *ss_fact_field(const ss_doc *doc, size_t i, int col, char **buf, ss_col_type *type,
                          bool *is_null)
{
	const ss_fact *f = ss_doc_fact(doc, i);
	*type = SS_COL_STR;
	*is_null = false;
	switch (col) {
	case 0: return ss_doc_name(doc);
	case 1: {
		char tmp[32];
		snprintf(tmp, sizeof tmp, "#%zu", i + 1);
		size_t n = strlen(ss_doc_name(doc));
		char *s = malloc(n + strlen(tmp) + 1);
		if (!s)
			abort();
		memcpy(s, ss_doc_name(doc), n);
		strcpy(s + n, tmp);
		return own(buf, s);
	}
	case 2: return ss_kind_name(f->kind);
	case 3: { /* as written: not folded, so the span invariant holds byte for byte */
		size_t len;
		const char *t = ss_doc_text(doc, &len);
		return own(buf, strndup(t + f->text.start, f->text.end - f->text.start));
	}
	case 4: *type = SS_COL_NUM; return f->value_str;
	case 5: return f->unit;
	case 6: return ss_qualifier_name(f->qualifier);
	case 7: *type = SS_COL_NUM; *is_null = !f->has_low; return f->low_str;
	case 8: *type = SS_COL_NUM; *is_null = !f->has_high; return f->high_str;
	case 9: *is_null = f->direction == SS_DIR_NONE; return ss_direction_name(f->direction);
	case 10: *is_null = f->basis == SS_BASIS_NONE; return ss_basis_name(f->basis);
	case 11: *is_null = f->subject.end <= f->subject.start;
		return own(buf, ss_doc_span_str(doc, f->subject));
	case 12: *is_null = f->period.end <= f->period.start;
		return own(buf, ss_doc_span_str(doc, f->period));
	case 13: return own(buf, ss_doc_span_str(doc, f->sentence));
	case 14: *type = SS_COL_INT; return fmt(buf, "%zu", f->start);
	case 15: *type = SS_COL_INT; return fmt(buf, "%zu", f->end);
	case 16: *type = SS_COL_INT; return fmt(buf, "%zu", (size_t)f->line);
	case 17: *type = SS_COL_INT; return fmt(buf, "%zu", (size_t)f->column);
	default: return f->rule_id ? f->rule_id : "";
	}
}
