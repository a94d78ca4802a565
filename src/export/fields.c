/* fields.c - the fact record as columns, so every exporter writes the same
 * fields in the same order (SPEC's fact table). Fields are bytes with their
 * length; those not in the document or the fact already are made in a
 * scratch buffer the caller keeps, so that none is allocated per field. */
#include <string.h>

#include "../facts/facts.h"
#include "export.h"

#define COL(name) {name, sizeof name - 1}
const ss_col ss_cols[SS_NCOLS] = {
	COL("doc"),   COL("id"),        COL("kind"),   COL("text"),    COL("value"),
	COL("unit"),  COL("qualifier"), COL("low"),    COL("high"),    COL("direction"),
	COL("basis"), COL("subject"),   COL("period"), COL("sentence"), COL("start"),
	COL("end"),   COL("line"),      COL("column"), COL("rule")};

static ss_field str(const char *s, ss_col_type type, bool is_null)
{
	return (ss_field){s, strlen(s), type, is_null};
}

static ss_field made(const ss_buf *scratch, ss_col_type type, bool is_null)
{
	return (ss_field){scratch->ptr ? scratch->ptr : "", scratch->len, type, is_null};
}

static void add_decimal(ss_buf *b, size_t v)
{
	char tmp[24], *p = tmp + sizeof tmp;
	do
		*--p = (char)('0' + v % 10);
	while (v /= 10);
	ss_out_add(b, p, (size_t)(tmp + sizeof tmp - p));
}

ss_field ss_fact_field(const ss_doc *doc, size_t i, int col, ss_buf *scratch)
{
	const ss_fact *f = ss_doc_fact(doc, i);
	ss_buf_reset(scratch);
	switch (col) {
	case 0: return str(ss_doc_name(doc), SS_COL_STR, false);
	case 1:
		ss_buf_adds(scratch, ss_doc_name(doc));
		ss_out_addc(scratch, '#');
		add_decimal(scratch, i + 1);
		return made(scratch, SS_COL_STR, false);
	case 2: return str(ss_kind_name(f->kind), SS_COL_STR, false);
	case 3: { /* as written: not folded, so the span invariant holds byte for byte */
		size_t len;
		const char *t = ss_doc_text(doc, &len);
		ss_out_add(scratch, t + f->text.start, f->text.end - f->text.start);
		return made(scratch, SS_COL_STR, false);
	}
	case 4: return str(f->value_str, SS_COL_NUM, false);
	case 5: return str(f->unit, SS_COL_STR, false);
	case 6: return str(ss_qualifier_name(f->qualifier), SS_COL_STR, false);
	case 7: return str(f->low_str, SS_COL_NUM, !f->has_low);
	case 8: return str(f->high_str, SS_COL_NUM, !f->has_high);
	case 9: return str(ss_direction_name(f->direction), SS_COL_STR,
		           f->direction == SS_DIR_NONE);
	case 10: return str(ss_basis_name(f->basis), SS_COL_STR, f->basis == SS_BASIS_NONE);
	case 11:
		ss_doc_span_append(doc, f->subject, scratch);
		return made(scratch, SS_COL_STR, f->subject.end <= f->subject.start);
	case 12:
		ss_doc_span_append(doc, f->period, scratch);
		return made(scratch, SS_COL_STR, f->period.end <= f->period.start);
	case 13:
		ss_doc_span_append(doc, f->sentence, scratch);
		return made(scratch, SS_COL_STR, false);
	case 14: add_decimal(scratch, f->start); return made(scratch, SS_COL_INT, false);
	case 15: add_decimal(scratch, f->end); return made(scratch, SS_COL_INT, false);
	case 16: add_decimal(scratch, f->line); return made(scratch, SS_COL_INT, false);
	case 17: add_decimal(scratch, f->column); return made(scratch, SS_COL_INT, false);
	default: return str(f->rule_id ? f->rule_id : "", SS_COL_STR, false);
	}
}
