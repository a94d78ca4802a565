/* context.c - a document's attachment context (attach.h): the ids of the
 * word tables subjects and periods ask, each tabset's bits in the word
 * cache, and the caches themselves. */
#include <stdlib.h>

#include "attach.h"
#include "lexicon.h"

static tabset tables(int a, int b, int c)
{
	tabset t = {{a, b, c}, c != -2 ? 3 : b != -2 ? 2 : 1, {0, 0, 0}, 0};
	return t;
}

/* Give each table of t its bit among ids (the word cache's tables), adding
 * it when new; false when there are more tables than bits. */
static bool table_bits(tabset *t, int *ids, size_t *nids)
{
	t->mask = 0;
	for (size_t k = 0; k < 3; k++) {
		t->bit[k] = 0;
		if (k >= t->n || t->id[k] < 0)
			continue;
		size_t j = 0;
		while (j < *nids && ids[j] != t->id[k])
			j++;
		if (j == SS_WORD_TABLES)
			return false;
		if (j == *nids)
			ids[(*nids)++] = t->id[k];
		t->bit[k] = 1u << j;
		t->mask |= t->bit[k];
	}
	return true;
}

ss_attach *ss_attach_new(const ss_ruleset *rs, const char *norm, size_t len)
{
	ss_attach *cx = ss_xcalloc(1, sizeof *cx);
	cx->rs = rs;
	cx->norm = norm;
	cx->len = len;
	int stop = ss_rules_table_id(rs, "stop"), direction = ss_rules_table_id(rs, "direction"),
	    basis = ss_rules_table_id(rs, "basis"), metric = ss_rules_table_id(rs, "metric"),
	    tail = ss_rules_table_id(rs, "tail"), modifier = ss_rules_table_id(rs, "modifier"),
	    opening = ss_rules_table_id(rs, "opening");
	/* stop first: stop_at tells a stop word by bit 0 (-2: no more tables) */
	cx->stop = tables(stop, direction, basis);
	cx->metric = tables(metric, -2, -2);
	cx->forward_metric = tables(metric, ss_rules_table_id(rs, "range"), -2);
	cx->tail = tables(metric, tail, modifier);
	cx->modifier = tables(metric, modifier, -2);
	cx->opening = tables(opening, -2, -2);
	cx->amount = tables(ss_rules_table_id(rs, "amount"), -2, -2);
	cx->compare = tables(ss_rules_table_id(rs, "compare"), -2, -2);
	cx->joint = tables(ss_rules_table_id(rs, "joint"), -2, -2);
	cx->basis = basis;
	cx->period_mark = ss_rules_table_id(rs, "period_mark");
	cx->period_base = ss_rules_table_id(rs, "period_base");
	cx->period_until = ss_rules_table_id(rs, "period_until");
	cx->period_comparison = ss_rules_table_id(rs, "period_comparison");
	cx->dateline_open = ss_rules_table_id(rs, "dateline_open");
	cx->dateline_close = ss_rules_table_id(rs, "dateline_close");
	cx->period_inside = ss_rules_table_id(rs, "period_inside");
	cx->pos_table = ss_rules_table_id(rs, "pos");
	cx->time_unit = ss_rules_table_id(rs, "time_unit");
	cx->measure = ss_rules_table_id(rs, "unit.measure");
	cx->number_rest = ss_rules_table_id(rs, "number_rest");
	cx->adjustment = ss_rules_table_id(rs, "adjustment");
	cx->status = ss_rules_table_id(rs, "status");
	cx->cause = ss_rules_table_id(rs, "cause");
	cx->gloss = ss_rules_table_id(rs, "gloss");
	cx->seg = ss_seg_cache_new(norm, len);
	int ids[SS_WORD_TABLES];
	size_t nids = 0;
	tabset *all[] = {&cx->stop, &cx->metric, &cx->tail, &cx->modifier, &cx->opening,
	                 &cx->amount, &cx->compare, &cx->joint, &cx->forward_metric};
	bool fit = true;
	for (size_t k = 0; k < sizeof all / sizeof *all; k++)
		fit &= table_bits(all[k], ids, &nids);
	cx->words = fit ? ss_word_cache_new(rs, norm, len, ids, nids) : NULL;
	return cx;
}

void ss_attach_free(ss_attach *cx)
{
	if (!cx)
		return;
	if (cx->md)
		pcre2_match_data_free(cx->md);
	free(cx->memo);
	free(cx->cand);
	ss_seg_cache_free(cx->seg);
	ss_word_cache_free(cx->words);
	free(cx);
}
