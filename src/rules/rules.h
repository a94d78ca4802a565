/*
 * rules.h - the rule engine: rule files (data, in rules/), compiled with PCRE2
 * (UTF, JIT) once, matched around candidate positions of the normalised text.
 *
 * A rule file holds four kinds of blocks (see rules/README.md for the format):
 *   define NAME REGEX          a shared sub-pattern, used as {NAME}
 *   map TABLE WORD VALUE       a lexicon entry (qualifier, unit, direction, basis)
 *   rule ID                    a rule, followed by indented "key value" lines:
 *       kind KIND  unit U  scale F  value V  qualifier Q  direction D  basis B
 *       pattern REGEX          (named groups: num hi den q q2 unit dir basis)
 *       example INPUT => field=value ...   |   example INPUT => none
 */
#ifndef SS_RULES_H
#define SS_RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "../util/util.h"

/* The named capture groups a pattern may use, and what they mean. */
typedef enum {
	SS_G_NUM = 0, /* the number (Arabic, Chinese, with 万/亿) */
	SS_G_HI,      /* the upper number of a range */
	SS_G_DEN,     /* the denominator of a fraction (三分之一: den=三, num=一) */
	SS_G_Q,       /* a qualifier word (map qualifier) */
	SS_G_Q2,      /* a second qualifier word (约…左右) */
	SS_G_UNIT,    /* a unit word (map unit): %, 个百分点, 美元, 家 */
	SS_G_DIR,     /* a direction word (map direction): 增长, 下降, 升至 */
	SS_G_BASIS,   /* 同比 / 环比 (map basis) */
	SS_G__COUNT
} ss_group;

extern const char *const ss_group_names[SS_G__COUNT];

#define SS_UNSET ((size_t)-1)

typedef struct {
	char *input;  /* the example text */
	char *expect; /* "field=value field=value", or "none" */
	unsigned line;
} ss_example;

typedef struct {
	char *id;
	const char *file; /* owned by the rule set */
	unsigned line;    /* of the "rule" line */
	ss_kind kind;
	char unit[16];        /* fixed unit, or "" to take the unit group */
	double scale;         /* multiply the value (成: 10); 1 by default */
	char value[48];        /* fixed value (翻番: 100), or "" */
	int qualifier;        /* fixed ss_qualifier, or -1 */
	int direction;        /* fixed ss_direction, or -1 */
	int basis;            /* fixed ss_basis, or -1 */
	char *pattern;        /* after {NAME} expansion */
	unsigned pattern_line;
	pcre2_code *code;
	int group[SS_G__COUNT]; /* capture group number, or -1 when the pattern lacks it */
	ss_example *examples;
	size_t nexamples, capexamples;
} ss_rule;

typedef struct {
	char *table; /* "qualifier", "unit", "direction", "basis" */
	char *word;
	char *value;
} ss_map_entry;

struct ss_ruleset {
	ss_rule *rules;
	size_t nrules, caprules;
	ss_map_entry *maps;
	size_t nmaps, capmaps;
	char **defines; /* name, regex, name, regex, ... */
	size_t ndefines, capdefines;
	char **files; /* file names, owned here; rules point at them */
	size_t nfiles, capfiles;
	pcre2_match_context *mctx; /* match and depth limits */
	bool compiled;
	ss_diag_sink sink;
};

/* One rule's match in the normalised text. gs/ge are SS_UNSET for a group
 * that did not take part. */
typedef struct {
	const ss_rule *rule;
	size_t start, end;
	size_t gs[SS_G__COUNT], ge[SS_G__COUNT];
} ss_match;

/*
 * Find every rule match in text[0..len), without running every rule over
 * every byte: rules are matched only around candidate positions (digits,
 * Chinese numerals, percent signs). Overlapping matches are resolved to the
 * leftmost, then the longest, then the earliest rule. Returns the number of
 * matches, in text order; *out is malloc'd. A rule that hits PCRE2's match or
 * depth limit is reported to sink (naming the rule and doc) and skipped there.
 */
size_t ss_rules_scan(const struct ss_ruleset *rs, const char *text, size_t len,
                     ss_match **out, ss_diag_sink *sink, const char *doc);

/* Look a word up in a lexicon table; NULL when absent. */
const char *ss_rules_lookup(const struct ss_ruleset *rs, const char *table, const char *word,
                            size_t len);

/* The default rule files, embedded at build time (build/default_rules.c). */
typedef struct {
	const char *name;
	const char *text;
	size_t len;
} ss_embedded_file;
extern const ss_embedded_file ss_default_rule_files[];
extern const size_t ss_default_rule_file_count;

#endif
