/* eval.h - what the parts of make eval share: the annotations (ann.c) and
 * the scorer (eval.c). */
#ifndef SS_EVAL_H
#define SS_EVAL_H

#include <stddef.h>

/* The columns of a .ann file; the last two (the period's ISO dates) are
 * optional: a file whose header stops at period has neither. */
enum { F_TEXT, F_OCC, F_KIND, F_VALUE, F_UNIT, F_QUAL, F_LOW, F_HIGH, F_DIR, F_SUBJ, F_PERIOD,
       F_PFROM, F_PTO, NF };
#define NF_BASE F_PFROM

/* One annotated figure. */
typedef struct {
	char *f[NF];
	double value;
	size_t start, end;
	unsigned line;   /* line of the annotation in the .ann file */
	unsigned sline;  /* line of the figure in the source */
	int matched;     /* index of the matched prediction, -1 if none */
} ann;

/* A byte range of the source: a comment, <script> or <style>. */
typedef struct {
	size_t start, end;
} region;

extern int broken; /* annotation errors so far */

/* The whole file at path, NUL-terminated (NULL when it cannot be read). */
char *read_all(const char *path, size_t *len);
char *xstrdup(const char *s);
/* Remove ASCII white space and U+3000 in place. */
char *squash(char *s);
/* A unit the SPEC leaves optional (IGNORED_UNITS in ann.c). */
int ignored_unit(const char *u);
int same_value(double a, double b);
/* Print path:line: msg[: what] and count the error in broken. */
void ann_error(const char *path, unsigned line, const char *msg, const char *what);
/* The comments, <script> and <style> of buf; *out is malloc'd. */
size_t hidden_regions(const char *buf, size_t len, region **out);
/* Parse FILE.ann and locate every annotation in src; errors are printed and
 * counted in broken. Returns the count; *out is malloc'd. */
size_t load_ann(const char *path, const char *src, size_t srclen, ann **out);

#endif
