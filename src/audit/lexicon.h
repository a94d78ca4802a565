/* lexicon.h - the lexicon's insides, shared by lexicon.c and context.c. */
#ifndef SS_AUDIT_LEXICON_H
#define SS_AUDIT_LEXICON_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	char *word;
	size_t len;
	uint32_t first;   /* its first code point */
	uint32_t concept; /* the token of its group */
	long next;        /* next word in the same slot, or -1 */
} au_lexword;

struct au_lexicon {
	au_lexword *words;
	size_t n, cap;
	long *slots; /* by first code point: index of a word, or -1 */
	size_t mask;
};

/* The token of a group named name[0..n). */
uint32_t au_concept_id(const char *name, size_t n);
/* Number of words. */
size_t au_lexicon_size(const au_lexicon *lx);
/* The first word of the chain where words starting with cp are; follow
 * ->next, and compare ->first (other characters share slots). */
long au_lexicon_first(const au_lexicon *lx, uint32_t cp);

#endif
