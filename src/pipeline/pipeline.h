/*
 * pipeline.h - ss_doc_extract: one document from its bytes to its facts, as
 * one table of named steps run in order:
 *
 *   sanitise  invalid UTF-8 as '?' (offsets kept); size checks
 *   decode    UTF-16 / GB18030 read through a UTF-8 copy; binary files refused
 *   strip     the reader of the format (text/reader.c, or one the caller
 *             supplies): text, map, metadata; a raw reader (PDF) reads the
 *             input's bytes, before sanitise and decode, which it skips, and
 *             its text becomes the source the facts point into
 *   normalise width normalisation for matching (full-width forms, spaces)
 *   fold      traditional characters read as simplified (text/fold.c), in
 *             place on the normalised text, whose map still points into
 *             the stripped text
 *   split     sentences
 *   rules     the rule set's matches
 *   facts     matches to facts, spans mapped back to the input's bytes
 *   content   a web page's facts outside its article left out (text/content.c)
 *
 * Includes only the folders below it: util, text, numeral, rules, facts.
 */
#ifndef SS_PIPELINE_H
#define SS_PIPELINE_H

#include "../facts/facts.h"

/* The options context behind the public ss_options (options.c). */
struct ss_options {
	ss_format format;     /* SS_FORMAT_AUTO: detect */
	unsigned kinds;       /* bit mask of (1u << ss_kind); 0 means all */
	char currency[4];     /* the currency of a bare 元; "" for the default */
	uint32_t match_limit, depth_limit; /* 0: the rule engine's defaults */
	ss_diag_fn diag;      /* document diagnostics (bad bytes, broken markup) */
	void *diag_userdata;
	int all_text;         /* web pages: keep the facts outside the article too */
	/* More readers, NULL-terminated, asked before the built-in ones and
	 * whatever format says (see ss_options_set_readers). NULL: none. */
	const struct ss_reader *const *readers;
};

/* One document on its way through the steps. */
typedef struct {
	const ss_ruleset *rs;
	const ss_options *opts;
	ss_diag_sink sink;
	ss_doc *doc;
	const char *src; /* the input, then its UTF-8 copy when decode made one */
	size_t len;
	const char *clean; /* src with invalid bytes as '?': what strip reads */
	char *clean_copy;  /* clean when it is not src itself, else NULL */
	char *take;        /* the caller's buffer of src, which strip may take */
	size_t nbad, first_bad;
	char *conv;      /* the UTF-8 copy, and map: its bytes -> the input's */
	uint32_t *map;
	size_t convlen;
	ss_linemap lines; /* of clean, for line and column */
	const struct ss_reader *reader; /* the caller's reader that took the input, or NULL */
	bool have_lines;
	ss_match *matches;
	size_t nmatches;
} ss_pipe;

typedef struct {
	const char *name;
	/* Returns false when the document cannot go on (doc->status says why,
	 * or it is empty); the steps after it are skipped. */
	bool (*run)(ss_pipe *p);
} ss_step;

/* The steps, in order. */
extern const ss_step ss_steps[];
extern const size_t ss_nsteps;

/* ss_doc_extract for a caller that holds the document in its own malloc'd,
 * NUL-terminated buffer *buf and frees it after the document: the document
 * may keep it as its text instead of copying it (plain UTF-8 text), and
 * then sets *buf to NULL, the bytes staying valid until ss_doc_free. */
ss_doc *ss_doc_extract_take(const ss_ruleset *rs, const char *name, char **buf, size_t len,
                            const ss_options *opts);

/* Check one expectation of a rule example (or a table test) against the
 * extraction of input as plain text; report every mismatch to the rule set's
 * sink as file:line. The expectation is "none" (no fact at all), or
 * space-separated tokens: "count=N" (number of facts), "@N" (check the Nth
 * fact, 1-based; default: the first fact of rule_id, or the first fact when
 * rule_id is NULL), field=value. Returns true when it holds. */
bool ss_example_check(struct ss_ruleset *rs, const char *input, const char *expect,
                      const char *rule_id, const char *file, unsigned line);

#endif
