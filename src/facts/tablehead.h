/* tablehead.h - the header of a table when it is not a row of cells, and
 * the few word helpers table.c shares with it (see tablehead.c). */
#ifndef SS_TABLEHEAD_H
#define SS_TABLEHEAD_H

#include "../rules/rules.h"
#include "../text/text.h"

typedef struct {
	const ss_ruleset *rs;
	const char *s; /* norm */
	int period, change, compare, note; /* lexicon table ids, -1 when none */
} ss_thwords;

bool ss_th_space(char c);
void ss_th_trim(const char *s, size_t *a, size_t *b);
/* The length of the longest word of table id at s[i] (within b), 0 if none. */
size_t ss_th_word(const ss_ruleset *rs, int id, const char *s, size_t i, size_t b);
/* Whether s[a, b) holds four digits that may be a year (1xxx, 2xxx), or a
 * Republic of China year (114年). */
bool ss_th_has_year(const char *s, size_t a, size_t b);
/* A header of words run together in s[a, b), cut into out: how many cells. */
size_t ss_th_words(const ss_thwords *w, size_t a, size_t b, ss_cell *out, size_t max);
/* A header in tb's head that parts into want cells, at years or at words. */
size_t ss_th_glued(const ss_thwords *w, const ss_table *tb, size_t want, ss_cell *out,
                   size_t max);
/* Whether a table starting at b goes on the one ending at a. */
bool ss_th_carried(const char *s, size_t a, size_t b);
/* Whether the lines s[a, b) above a table name its note column (附注四). */
bool ss_th_notes(const ss_thwords *w, size_t a, size_t b);
/* A note number: an integer of one to three digits. */
bool ss_th_note_number(const char *s, size_t a, size_t b);

#endif
