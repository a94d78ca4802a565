/* lexicon.h - the lexicon's insides, shared by lexicon.c and context.c. */
#ifndef SS_AUDIT_LEXICON_H
#define SS_AUDIT_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
	char *word;
	size_t len;
	uint32_t first;   /* its first code point */
	uint32_t concept; /* the token of its group */
	float weight;     /* how much the token weighs beside a bigram */
	long next;        /* next word in the same slot, or -1 */
} au_lexword;

struct au_lexicon {
	au_lexword *words;
	size_t n, cap;
	long *slots; /* by first code point: index of a word, or -1 */
	size_t mask;
	uint32_t *metrics; /* the concepts of the metric groups, sorted */
	size_t nmetrics, metrics_cap;
	uint32_t *sizes;   /* the words of the size lines, as au_concept_id, sorted */
	size_t nsizes, sizes_cap;
};

/* The token of a group named name[0..n). */
uint32_t au_concept_id(const char *name, size_t n);
/* Whether token id is the concept of a metric group. */
bool au_lexicon_is_metric(const au_lexicon *lx, uint32_t id);
/* Number of words. */
size_t au_lexicon_size(const au_lexicon *lx);
/* The first word of the chain where words starting with cp are; follow
 * ->next, and compare ->first (other characters share slots). */
long au_lexicon_first(const au_lexicon *lx, uint32_t cp);

#endif
