/* index.h - the postings of a source store, shared by index.c and judge.c. */
#ifndef SS_AUDIT_INDEX_H
#define SS_AUDIT_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "audit.h"

typedef struct {
	uint64_t key; /* family key << 32 | token id */
	uint32_t fig;
	float w;
} au_posting;

typedef struct {
	uint32_t famkey;
	size_t count; /* figures of the family */
} au_famcount;

typedef struct {
	au_posting *e; /* sorted by key, then figure */
	size_t n;
	au_famcount *fam; /* sorted by famkey */
	size_t nfam;
} au_postings;

/* The postings of (famkey, tok): the index of the first, *count of them. */
size_t au_postings_find(const au_store *s, uint32_t famkey, uint32_t tok, size_t *count);
/* The weight of a token that cnt of nfam figures of a family hold. */
double au_idf(double nfam, size_t cnt);
/* How many figures of the store have this family key. */
size_t au_family_count(const au_store *s, uint32_t famkey);

#endif
