/* fact.c - the accessors of the public ss_fact (the only way callers and the
 * exporters read a fact, so that its body in facts.h can grow), and the
 * region each fact stood in. */
#include "facts.h"

ss_kind ss_fact_kind(const ss_fact *f) { return f->kind; }
double ss_fact_value(const ss_fact *f) { return f->value; }
const char *ss_fact_value_str(const ss_fact *f) { return f->value_str; }
const char *ss_fact_unit(const ss_fact *f) { return f->unit; }
ss_qualifier ss_fact_qualifier(const ss_fact *f) { return f->qualifier; }
ss_direction ss_fact_direction(const ss_fact *f) { return f->direction; }
ss_basis ss_fact_basis(const ss_fact *f) { return f->basis; }
unsigned ss_fact_line(const ss_fact *f) { return f->line; }
unsigned ss_fact_column(const ss_fact *f) { return f->column; }
ss_tspan ss_fact_text(const ss_fact *f) { return f->text; }
ss_tspan ss_fact_subject(const ss_fact *f) { return f->subject; }
ss_tspan ss_fact_period(const ss_fact *f) { return f->period; }
const char *ss_fact_period_from(const ss_fact *f) { return f->period_from; }
const char *ss_fact_period_to(const ss_fact *f) { return f->period_to; }
ss_tspan ss_fact_sentence(const ss_fact *f) { return f->sentence; }
const char *ss_fact_rule(const ss_fact *f) { return f->rule_id; }
ss_region ss_fact_region(const ss_fact *f) { return f->region; }

int ss_fact_low(const ss_fact *f, double *v)
{
	if (f->has_low && v)
		*v = f->low;
	return f->has_low != 0;
}

int ss_fact_high(const ss_fact *f, double *v)
{
	if (f->has_high && v)
		*v = f->high;
	return f->has_high != 0;
}

const char *ss_fact_low_str(const ss_fact *f) { return f->has_low ? f->low_str : NULL; }
const char *ss_fact_high_str(const ss_fact *f) { return f->has_high ? f->high_str : NULL; }

void ss_fact_span(const ss_fact *f, size_t *start, size_t *end)
{
	if (start)
		*start = f->start;
	if (end)
		*end = f->end;
}

size_t ss_regions_apply(const ss_regions *r, ss_fact *facts, size_t n, bool all_text)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		facts[i].region = ss_regions_at(r, facts[i].text.start);
		if (all_text || facts[i].region != SS_REGION_OUTSIDE)
			facts[k++] = facts[i];
	}
	return k;
}
