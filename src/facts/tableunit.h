/* tableunit.h - what table.c and tableunit.c share: the context of one
 * document's tables, the unit of a column, label or table, and the word
 * helpers both use. */
#ifndef SS_TABLEUNIT_H
#define SS_TABLEUNIT_H

#include "facts.h"
#include "tablehead.h"

#define UNIT_MAX 40

typedef struct {
	char key[UNIT_MAX + 1];
	bool ok;
	ss_kind kind;
	char unit[16];
	double scale;
	size_t used; /* bytes of the key the unit covers */
} probe;

typedef struct {
	const ss_ruleset *rs;
	ss_doc *doc;
	const char *s; /* norm */
	int mark, change, period, skip, unit_word, time, sub;
	ss_thwords w; /* the words of headers, for tablehead.c */
	probe cache[24];
	/* the columns of the table before, for one its subheading cut off */
	ss_cell carry[16];
	size_t ncarry, carry_cells, carry_end;
	bool notes; /* the table before has a note column (附注四) */
	size_t notes_end;
	size_t ncache;
	struct byst *order; /* the facts by text start (table.c) */
	size_t longest;      /* the longest fact's text, bytes */
} tcx;

typedef struct {
	bool ok;
	ss_kind kind;
	char unit[16];
	double scale;
	char key[UNIT_MAX + 1]; /* as written, what the rules read after a number */
} unit;

/* Spans of norm the table's unit lines cover (never facts). */
typedef struct {
	size_t a[8], b[8], n;
} spans;

static inline bool sp(char c)
{
	return ss_th_space(c);
}

static inline size_t char_len(const char *s, size_t i, size_t b)
{
	size_t n = ss_utf8_step[(unsigned char)s[i]];
	return n == 0 || i + n > b ? 1 : n;
}

/* The length of the longest word of table id at s[i] (within b), 0 if none. */
static inline size_t word_at(const tcx *cx, int id, size_t i, size_t b)
{
	return ss_th_word(cx->rs, id, cx->s, i, b);
}

/* The first word of table id in s[a, b): its span, false when none. */
static inline bool find_word(const tcx *cx, int id, size_t a, size_t b, size_t *ws, size_t *we)
{
	for (size_t i = a; i < b; i += char_len(cx->s, i, b)) {
		size_t n = word_at(cx, id, i, b);
		if (n) {
			*ws = i;
			*we = i + n;
			return true;
		}
	}
	return false;
}

/* What the rules make of "1" + u[0, n), through the document's cache. */
const probe *ss_tu_probe(tcx *cx, const char *u, size_t n);
/* The unit written as s[a, b) (万元, 人民币万元, %, 元/股, 股); .ok false when
 * the rules read no unit from all of it. */
unit ss_tu_read(tcx *cx, size_t a, size_t b);

/* A cell of figures with scale words of their own (1.19亿~1.34亿,
 * 6220.96万) in a column of unit u: the fact the rules read from the cell
 * with u's words after it, when that is one fact of u's kind over all of
 * it; its text is the cell's. */
bool ss_tu_cell(tcx *cx, size_t a, size_t b, const unit *u, ss_fact *f);
/* A trailing "(…)" of s[a, b): its inside, and where it opens. */
bool ss_tu_paren(const char *s, size_t a, size_t b, size_t *in_a, size_t *in_b, size_t *open);
/* The unit a label or header s[a, b) names; *cut is where the name ends. */
unit ss_tu_named(tcx *cx, size_t a, size_t b, size_t *cut);
/* The table's unit from its head and first row s[a, b); the unit lines it
 * read go to lines. */
unit ss_tu_table(tcx *cx, size_t a, size_t b, spans *lines);

#endif
