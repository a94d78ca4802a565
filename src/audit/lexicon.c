/* lexicon.c - the words audit reads (rules/audit.lexicon): groups of words
 * that name the same thing and the verbs of rise and fall. Each group is a
 * concept token; a sentence that holds any word of a group carries the
 * group's token, so 营收 and 营业收入 meet although no bigram is shared.
 * Words are found by their first character (one probe per character). */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "lexicon.h"

/* The lexicon built into the library (generated from rules/audit.lexicon). */
extern const char ss_audit_lexicon_text[];
extern const size_t ss_audit_lexicon_len;

/* The kinds of line; a metric is a same group whose words name a measure. */
enum { G_METRIC, G_SAME, G_RISE, G_FALL };
static const char *const group_kinds[] = {"metric", "same", "rise", "fall", NULL};

static uint32_t fnv(const char *s, size_t n, uint32_t h)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

uint32_t au_concept_id(const char *name, size_t n)
{
	/* '@' cannot start a bigram's bytes, so concepts never collide with them
	 * by construction, only by hash (rare enough to ignore) */
	return fnv(name, n, fnv("@", 1, 2166136261u)) | 1u;
}

static int id_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static void add_word(au_lexicon *lx, const char *w, size_t n, uint32_t concept, float weight)
{
	uint32_t cp;
	if (!ss_utf8_decode(w, n, &cp))
		return;
	ss_grow((void **)&lx->words, &lx->cap, lx->n + 1, sizeof *lx->words);
	au_lexword *e = &lx->words[lx->n];
	e->word = ss_xstrndup(w, n);
	e->len = n;
	e->first = cp;
	e->concept = concept;
	e->weight = weight;
	e->next = -1;
	lx->n++;
}

static void build_slots(au_lexicon *lx)
{
	size_t cap = 64;
	while (cap < lx->n * 2)
		cap *= 2;
	lx->slots = ss_xmalloc(cap * sizeof *lx->slots);
	for (size_t i = 0; i < cap; i++)
		lx->slots[i] = -1;
	lx->mask = cap - 1;
	/* chain every word behind the slot of its first character, longest first
	 * does not matter: every match is taken */
	for (size_t i = 0; i < lx->n; i++) {
		size_t k = (lx->words[i].first * 2654435761u) & lx->mask;
		lx->words[i].next = lx->slots[k];
		lx->slots[k] = (long)i;
	}
}

au_lexicon *au_lexicon_parse(const char *name, const char *buf, size_t len,
                             ss_diag_sink *sink)
{
	au_lexicon *lx = ss_xcalloc(1, sizeof *lx);
	unsigned lineno = 0;
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - buf) : len;
		const char *line = buf + pos;
		size_t ll = end - pos;
		pos = end + 1;
		lineno++;
		size_t i = 0;
		while (i < ll && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
			i++;
		if (i == ll || line[i] == '#')
			continue;
		/* fields */
		const char *f[256];
		size_t fl[256], nf = 0;
		while (i < ll && nf < 256) {
			size_t s = i;
			while (i < ll && line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
				i++;
			f[nf] = line + s;
			fl[nf++] = i - s;
			while (i < ll && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
				i++;
		}
		int kind = -1;
		for (int k = 0; group_kinds[k]; k++)
			if (strlen(group_kinds[k]) == fl[0] && !memcmp(group_kinds[k], f[0], fl[0]))
				kind = k;
		if (kind < 0) {
			ss_report(sink, SS_DIAG_ERROR, name, lineno, 1, NULL,
			          "unknown group '%.*s' (metric, same, rise, fall)", (int)fl[0], f[0]);
			continue;
		}
		if (nf < 2) {
			ss_report(sink, SS_DIAG_ERROR, name, lineno, 1, NULL, "a '%s' line needs words",
			          group_kinds[kind]);
			continue;
		}
		/* A same group is named by its first word and weighs two bigrams
		 * (a listed metric says more than any two characters). Rise and fall
		 * are one light token together: that a figure moved is context, which
		 * way it moved is the fact's direction, compared apart, so that a
		 * flipped direction still finds the figure it contradicts. */
		bool group = kind == G_METRIC || kind == G_SAME;
		uint32_t concept = group ? au_concept_id(f[1], fl[1]) : au_concept_id("@move", 5);
		for (size_t k = 1; k < nf; k++)
			add_word(lx, f[k], fl[k], concept, group ? 2.0f : 1.0f);
		if (kind == G_METRIC) {
			ss_grow((void **)&lx->metrics, &lx->metrics_cap, lx->nmetrics + 1,
			        sizeof *lx->metrics);
			lx->metrics[lx->nmetrics++] = concept;
		}
	}
	build_slots(lx);
	if (lx->nmetrics)
		qsort(lx->metrics, lx->nmetrics, sizeof *lx->metrics, id_cmp);
	return lx;
}

au_lexicon *au_lexicon_default(ss_diag_sink *sink)
{
	return au_lexicon_parse("rules/audit.lexicon", ss_audit_lexicon_text, ss_audit_lexicon_len,
	                        sink);
}

void au_lexicon_free(au_lexicon *lx)
{
	if (!lx)
		return;
	for (size_t i = 0; i < lx->n; i++)
		free(lx->words[i].word);
	free(lx->words);
	free(lx->slots);
	free(lx->metrics);
	free(lx);
}

size_t au_lexicon_size(const au_lexicon *lx)
{
	return lx ? lx->n : 0;
}

long au_lexicon_first(const au_lexicon *lx, uint32_t cp)
{
	if (!lx || !lx->slots)
		return -1;
	return lx->slots[(cp * 2654435761u) & lx->mask];
}

bool au_lexicon_is_metric(const au_lexicon *lx, uint32_t id)
{
	return lx && lx->nmetrics && bsearch(&id, lx->metrics, lx->nmetrics, sizeof id, id_cmp);
}
