/*
 * rules.h - the rule engine: rule files (data, in rules/), compiled with PCRE2
 * (UTF, JIT) once, matched around candidate positions of the normalised text.
 *
 * A rule file holds these blocks (see rules/README.md for the format):
 *   table NAME                 declares a lexicon table (NAME or NAME.FACET)
 *   map TABLE WORD VALUE       a lexicon entry, used as {@TABLE} in patterns
 *   define NAME REGEX          a shared sub-pattern, used as {NAME}
 *   extend NAME REGEX          one more alternative for a define
 *   rule ID                    a rule, followed by indented "key value" lines:
 *       kind KIND  unit U  scale F  value V  qualifier Q  direction D  basis B
 *       trigger CHARS          (extra candidate characters, for rules without a numeral)
 *       pattern REGEX          (named groups: num hi den q q2 q3 unit dir basis)
 *       example INPUT => field=value ...   |   example INPUT => none
 *
 * Life of a rule set: loader.c parses files into rules (checking every
 * reference where it is written), expand.c expands {NAME} and {@TABLE} once
 * every file is in (so a later file can grow a table or a define) and works
 * out each rule's needs (needs.c), engine.c compiles them and scans text,
 * ruleset.c is the public face (statspan.h).
 */
#ifndef SS_RULES_H
#define SS_RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>

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
	SS_G_Q3,      /* a third qualifier word (3000多家以上: after the unit) */
	SS_G_LABEL,   /* a label that gives the unit, outside the text (市值: map unit) */
	SS_G__COUNT
} ss_group;

extern const char *const ss_group_names[SS_G__COUNT];

/* A group's offset in a match: a text is under 4 GiB (the pipeline refuses
 * more), so a match keeps its groups in half the room (a 100 MB
 * document holds half a million matches at once). */
typedef uint32_t ss_goff;
/* A direction beyond the public ones, for rules and maps only: the way the
 * figure's own sign says (变动幅度:-66.55% went down). Named "sign". */
#define SS_DIR_SIGN (SS_DIR_TO + 1)

#define SS_UNSET ((ss_goff)-1)

/* Up to this many further groups may share one name (PCRE2_DUPNAMES, e.g.
 * a {NAME} holding (?<num>...) used twice). */
#define SS_GROUP_ALTS 4

/* One piece of an expanded pattern: bytes [off, off+len) of ss_rule.pattern
 * came from the pattern line at character column col, either verbatim
 * (define == SS_SEG_TEXT), as the expansion of {NAME} written at col (define
 * = index into ss_ruleset.define_src) or of {@TABLE} (SS_SEG_TABLE). Lets
 * compile errors point into the rule file. */
#define SS_SEG_TEXT (-1)
#define SS_SEG_TABLE (-2)
typedef struct {
	size_t off, len;
	unsigned col;
	int define;
} ss_patseg;

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
	char *pattern;        /* after {NAME} expansion (by expand.c), NULL before */
	uint64_t key;         /* its ss_pattern_key, worked out once (0: not yet) */
	unsigned pattern_line;
	unsigned pattern_col; /* character column where the pattern starts */
	size_t pattern_at;    /* byte offset of the pattern in pattern_text */
	char *pattern_text;   /* the pattern line as written, for error excerpts */
	ss_patseg *segs;      /* how pattern maps back to pattern_text */
	size_t nsegs, capsegs;
	char *trigger;        /* extra candidate characters (UTF-8), or NULL */
	char *needs;          /* a match holds one of these characters (from where it was tried, \K aside), or NULL (needs.c) */
	uint64_t needs_mask;  /* the same as bits of the rule set's needs_index */
	/* What a match can consume, a bit a code point, or NULL: anything
	 * (alphabet.c); read off the pattern when the scan first asks. Then
	 * SS_ALPHA_WORDS more words: those of them that begin a match (its
	 * start set), for the walk over a run of them (engine.c). */
	uint64_t *alpha;
	_Atomic unsigned char alpha_read;
	pcre2_code *code;     /* compiled anchored unless anywhere; NULL while lazy */
	/* A built-in rule as the build checked it (ss_rules_builtin_*): compiled
	 * on its first try, so that a run whose prefilter never points at it
	 * never pays for it (engine.c). */
	bool lazy;
	bool anywhere;        /* matches may begin with any character (starts.c) */
	bool pairs;           /* its first two characters are in the pair table (pairs.c) */
	bool pairs_alone;     /* and some first one is there with SS_PAIR_ALONE */
	/* The JIT compiles a rule on its first try (engine.c): 0 not yet, 1
	 * JIT-compiled (matched through pcre2_jit_match), 2 the interpreter. */
	_Atomic unsigned char jit;
	int group[SS_G__COUNT]; /* capture group number, or -1 when the pattern lacks it */
	int group_alt[SS_G__COUNT][SS_GROUP_ALTS]; /* more groups of the same name, -1 */
	/* The same as a list, in the order a match's groups are read: each
	 * name's groups, the first one that took part giving its span. */
	struct {
		uint8_t g;
		uint16_t n;
	} glist[SS_G__COUNT * (1 + SS_GROUP_ALTS)];
	uint8_t nglist;
	ss_example *examples;
	size_t nexamples, capexamples;
} ss_rule;

typedef struct {
	char *table; /* as written: "qualifier.before", "unit", "stop" */
	char *base;  /* the table before any '.': what lookups name ("qualifier") */
	char *word;
	char *value;
	const char *file; /* where it was written, for duplicate reports */
	unsigned line;
} ss_map_entry;

/* Where a define (or an extension of one) came from, parallel to the
 * name/regex pairs of defines; extends[] holds the extensions. */
typedef struct {
	const char *file;
	unsigned line;
	char *raw;     /* as written, before expansion (a redefinition must match it) */
	char *excerpt; /* the whole line, for messages */
	size_t at;     /* byte offset of raw in excerpt */
	int of;        /* extends[]: the define it extends */
	int state;     /* expand.c: 0 not yet, 1 expanding, 2 done, 3 failed */
} ss_define_src;

typedef struct ss_table_alt ss_table_alt;

/* The longest pattern (or define) expansion accepted, in bytes: a define that
 * doubles itself forty times is an error, not a gigabyte. */
#define SS_PATTERN_MAX ((size_t)1 << 20)
/* How deep defines may use defines. */
#define SS_DEFINE_DEPTH 64

struct ss_ruleset {
	ss_rule *rules;
	size_t nrules, caprules;
	ss_map_entry *maps;
	size_t nmaps, capmaps;
	uint32_t *map_slots; /* loader.c: 1 + a map entry by (table, word) hash, 0 empty */
	size_t map_nslots;
	char **defines; /* name, regex, name, regex, ... (regex NULL until expanded) */
	size_t ndefines, capdefines;
	ss_define_src *extends; /* `extend NAME REGEX` lines, in file order */
	size_t nextends, capextends;
	char **tables; /* declared table names */
	size_t ntables, captables;
	struct ss_table_alt {
		char *name, *text;
	} *alts; /* expand.c: the alternations made while resolving */
	size_t nalts, capalts;
	char **files; /* file names, owned here; rules point at them */
	size_t nfiles, capfiles;
	ss_define_src *define_src; /* ndefines / 2 entries */
	pcre2_match_context *mctx; /* match and depth limits */
	pthread_mutex_t jit_lock;  /* held while the JIT compiles a rule */
	/* The lexicon (lexicon.c), one allocation that lex_first points at too:
	 * lex_first[cp] has bit k set when a word of k + 1 characters starts with
	 * code point cp (below U+10000). Built by compile. */
	uint8_t *lex_first;
	const struct ss_lexicon *lex;
	/* In the same allocation, per table id (below lex_ntables; 0 before
	 * compile), SS_LEX_FIRST_BITS bits: bit ss_lex_first_key(w) set for
	 * each word w of the table. Here for ss_rules_lookup_id's inline test. */
	const uint64_t *lex_first_of;
	size_t lex_ntables;
	bool compiled;
	ss_diag_sink sink;
	size_t load_errors;     /* errors while loading: compile refuses to run */
	ss_status compile_status;
	uint32_t ovec_pairs;    /* the largest capture count + 1 over all rules */
	/* Candidate test for the scan: cand_byte[b] has SS_CB_CAND for an ASCII
	 * candidate (digit, '%', an ASCII trigger), SS_CB_NEED for an ASCII
	 * character some rule needs, SS_CB_LEAD for the lead byte of a 3-byte
	 * character that may be either; cand_bits then holds one bit per code
	 * point U+0800..U+FFFF. Built by compile, after needs_index. */
	uint8_t cand_byte[256];
	/* One bit per code point U+0800..U+FFFF that is a candidate or a needed
	 * character, 64 to a word (bit cp & 63 of word cp >> 6). */
	uint64_t cand_any[0x10000 >> 6];
	uint8_t *cand_bits;
	/* needs_index[cp]: 1 + the bit of a character some rule `needs` (at most 64
	 * distinct characters), 0 for the others; code points below U+10000. */
	uint8_t *needs_index;
	/* Where rules can begin (starts.c): start_class[cp] for code points below
	 * U+10000 is 0 for a character that begins no rule, else a class whose
	 * rules are the bits of start_rules[class * start_words ...]. */
	uint8_t *start_class;
	uint64_t *start_rules;
	uint32_t *start_cps; /* every code point that begins some rule */
	size_t nstart_cps;
	uint64_t *digit_cont; /* the rules that can begin at a digit after a digit or '.' */
	size_t start_words, nstart_classes;
	/* The first two characters the rules' matches can begin with (pairs.c):
	 * SS_PAIR_BITS bits, the build's (ss_pairs_builtin_bits) or pair_own;
	 * NULL when no rule has its pairs. */
	const uint64_t *pair_bits;
	uint64_t *pair_own;
	bool search_all; /* set before compile: every rule searched unanchored (tests) */
	bool no_prefilter; /* set before compile: none built (scripts/builtingen.c makes its own) */
	/* The period grammar (periods.c): define PERIOD compiled anchored, NULL
	 * when the set has none. period_lead[cp] (code points below U+10000) is
	 * 0 where no match longer than "" begins, SS_PERIOD_ALWAYS where one
	 * may whatever follows, else 1 + the index k of the characters that may
	 * come second: period_next[period_next_at[k] .. period_next_at[k + 1]).
	 * period_all: the pattern may begin with anything (try it everywhere).
	 * period_ahead: a bit for each character its lookaheads may read, or
	 * period_ahead_any (see the facts stage's period_cut). */
	pcre2_code *period_code;
	uint8_t *period_lead;
	uint8_t *period_ahead;
	bool period_ahead_any;
	uint32_t *period_next;
	size_t *period_next_at;
	bool period_all;
	struct ss_prefilter *prefilter; /* NULL: none (see prefilter.c) */
};

#define SS_PERIOD_ALWAYS 255

/* follow.c: the characters that can begin a match longer than "" of an
 * anchored pattern, into lead (0x10000 entries, zero on entry: 1 + k for
 * the k-th lead, whose possible second characters are (*next)[(*next_at)[k]
 * .. (*next_at)[k + 1]), or SS_PERIOD_ALWAYS for a lead that may be a match
 * alone or be followed by anything); malloc'd lists. False, lead left zero,
 * for a pattern past the analysis (or of more than SS_LEADS_MAX characters):
 * then any character may begin a match. */
#define SS_LEADS_MAX 4096
bool ss_pattern_leads(const char *pattern, uint8_t *lead, uint32_t **next, size_t **next_at);

/* periods.c: compile define PERIOD and work out its leads (called by
 * ss_rules_compile); SS_ERR_CONFIG after reporting a regex error. */
ss_status ss_period_compile(struct ss_ruleset *rs);

/* Whether the period pattern surely matches only "" (or nothing) where the
 * character c stands, followed by the character next (0 at the end of the
 * text or for a character past U+FFFF). */
static inline bool ss_period_surely_empty(const struct ss_ruleset *rs, uint32_t c, uint32_t next)
{
	if (!rs->period_code)
		return true;
	if (rs->period_all || c >= 0x10000)
		return rs->period_all ? false : true;
	uint8_t k = rs->period_lead[c];
	if (k == 0)
		return true;
	if (k == SS_PERIOD_ALWAYS)
		return false;
	for (size_t i = rs->period_next_at[k - 1]; i < rs->period_next_at[k]; i++)
		if (rs->period_next[i] == next)
			return false;
	return true;
}


/* prefilter.c: a multi-pattern database of every rule (Vectorscan, when
 * the build found it), and the ends of the places each rule may match in
 * one text. */
typedef struct ss_prefilter ss_prefilter;
typedef struct {
	uint32_t *end; /* in text order (a text the prefilter scans is below 4 GB) */
	size_t n, cap, next;
	bool open; /* in no database, or past the budget: may match anywhere */
	bool borrowed; /* end is another rule's (the same piece): not freed here */
} ss_pf_ends;
typedef struct {
	ss_pf_ends *rule; /* NULL: no prefilter, every rule may match anywhere */
	size_t n;
	/* The ends still to be kept for this text: a text of nothing but one
	 * rule's piece ('%' a million times) would keep one for every byte and
	 * rule. A rule whose end finds it spent is tried anywhere instead. */
	size_t budget;
	size_t base; /* the offset in the text of the stretch being scanned */
} ss_pf_hits;
/* NULL when the build has no Vectorscan or a pattern is beyond it. */
ss_prefilter *ss_prefilter_build(const struct ss_ruleset *rs);
void ss_prefilter_free(ss_prefilter *pf);
/* Whether the prefilter reads rule ri's pieces (its ends are known, while
 * a scan's budget lasts). */
bool ss_prefilter_covers(const ss_prefilter *pf, size_t ri);
/* Every rule compiled anew (no built-in database) for any x86-64 machine
 * Vectorscan runs on: what scripts/builtingen.c serialises. */
ss_prefilter *ss_prefilter_compile_generic(const struct ss_ruleset *rs);
/* The database of a prefilter that holds every rule of rs in one, as bytes
 * for ss_hs_builtin_db, each rule's key (0: left out) and the rule whose
 * ends it reads (ss_hs_builtin_same); malloc'd. False when there is none
 * such (scripts/builtingen.c). */
bool ss_prefilter_serialize(const ss_prefilter *pf, char **bytes, size_t *len, uint64_t **keys,
                            uint32_t **same, const struct ss_ruleset *rs);
/* The built-in rules' database, serialised at build time
 * (build/gen/builtin.c, by scripts/builtingen.c): made for rules whose keys
 * are ss_hs_builtin_keys[0 .. ss_hs_builtin_count). */
extern const size_t ss_hs_builtin_count, ss_hs_builtin_len;
extern const uint64_t ss_hs_builtin_keys[];
extern const uint32_t ss_hs_builtin_same[];
extern const unsigned char ss_hs_builtin_db[];
/* The database statspan shows a text where some Vectorscan builds lose a
 * match, to pick the scan it trusts (prefilter.c); serialised at build time,
 * as bytes for ss_hs_probe_db; malloc'd. False without Vectorscan. */
bool ss_prefilter_probe_serialize(char **bytes, size_t *len);
/* hspattern.c: whether a pattern asserts something of where the subject
 * ends ($, \z, \Z, \b, \B outside a class), where PCRE2 given a window and
 * Vectorscan the whole text can disagree; and what Vectorscan is given for
 * an expanded pattern (names dropped, a trailing lookahead read as a
 * group), malloc'd, or NULL. */
bool ss_hs_end_assertion(const char *p);
char *ss_hs_loosened(const char *pattern);
extern const size_t ss_hs_probe_len;
extern const unsigned char ss_hs_probe_db[];
struct ss_window;
/* Fill h for text; false (h empty) without a prefilter or on failure. Only
 * the stretches the windows w[0, nw) cover (ss_windows_find, in text order)
 * are scanned, each from its first window's start to its last one's limit:
 * the ends of the matches that begin in them are all that a scan asks for,
 * and they hold every such match. w NULL: the whole text. */
bool ss_prefilter_scan(const ss_prefilter *pf, const char *text, size_t len, size_t nrules,
                       ss_pf_hits *h, const struct ss_window *w, size_t nw);
void ss_pf_hits_release(ss_pf_hits *h);
/* Whether rule ri may have a match starting at or after ws, ending by lim
 * (windows asked in text order). Inline: the scan asks it for every rule of
 * every window. */
static inline bool ss_pf_may_match(ss_pf_hits *h, size_t ri, size_t ws, size_t lim)
{
	if (!h->rule || h->rule[ri].open)
		return true;
	ss_pf_ends *e = &h->rule[ri];
	/* Windows come in text order: ends at or before this one's start are
	 * no use to any later window either. A match starting in [ws, ...)
	 * that is no empty one ends after ws. */
	while (e->next < e->n && e->end[e->next] <= ws)
		e->next++;
	return e->next < e->n && e->end[e->next] <= lim;
}
/* After ss_pf_may_match(h, ri, ws, ...) said true: the first end after ws the
 * prefilter saw for rule ri (SIZE_MAX when it cannot tell). */
static inline size_t ss_pf_next_end(const ss_pf_hits *h, size_t ri)
{
	if (!h->rule || h->rule[ri].open)
		return SIZE_MAX;
	const ss_pf_ends *e = &h->rule[ri];
	return e->next < e->n ? e->end[e->next] : SIZE_MAX;
}

/* loader.c: parse one rule file into rs (rules, maps, defines). Every problem
 * is reported as file:line:col through rs->sink; returns SS_ERR_CONFIG if any. */
ss_status ss_rules_load(struct ss_ruleset *rs, const char *name, const char *buf, size_t len);

/* expand.c: whether s[0..n) is a table name (NAME or NAME.FACET); the
 * references of line[at..at+n) checked as they are written (an unknown
 * {NAME} or {@TABLE} is reported, the count returned); every rule's
 * pattern expanded and its needs worked out, once all files are loaded
 * (the number of errors reported). */
bool ss_is_table_name(const char *s, size_t n);
int ss_find_define(const struct ss_ruleset *rs, const char *s, size_t n);
bool ss_table_declared(const struct ss_ruleset *rs, const char *s, size_t n);
size_t ss_refs_check(struct ss_ruleset *rs, const char *file, unsigned lineno, const char *line,
                     size_t at, size_t n);
size_t ss_rules_resolve(struct ss_ruleset *rs);

/* expand.c: whether a reference starts at p[k] (its name at p[*ns..*ns+*nl),
 * *table for {@TABLE}); the words of a table (and of its facets) as an
 * alternation, made once while resolving (NULL when it has none). */
bool ss_ref_at(const char *p, size_t n, size_t k, size_t *ns, size_t *nl, bool *table);
const char *ss_table_alternation(struct ss_ruleset *rs, const char *name, size_t nl);

/* needs.c: each rule's needs (characters of which every match holds at least
 * one, NULL when no such set is found), worked out from its pattern line with
 * each define and table read once; after a resolve without errors. */
void ss_needs_build(struct ss_ruleset *rs);

/* alphabet.c: the characters a match of the pattern (expanded) can
 * consume, SS_ALPHA_WORDS words of bits by code point below U+10000, every
 * code point past it as the bit SS_ALPHA_ASTRAL; NULL when the pattern may
 * consume any character, or holds what the reading does not take exactly. */
#define SS_ALPHA_WORDS (0x10000 / 64)
#define SS_ALPHA_ASTRAL 0xFFFFu
uint64_t *ss_pattern_alphabet(const char *pattern);
/* An alphabet as ranges of code points, lo hi lo hi ... (malloc'd), how
 * many; and back. */
size_t ss_alphabet_ranges(const uint64_t *a, uint32_t **ranges);
uint64_t *ss_alphabet_from_ranges(const uint32_t *ranges, size_t n);
/* The built-in rules' alphabets as the build read them (build/gen/
 * builtin.c, by scripts/builtingen.c): rule i, when its expanded
 * pattern's key is ss_alpha_builtin_keys[i], has the ranges
 * ss_alpha_builtin_ranges[2 * at[i] .. 2 * at[i + 1]), or any character
 * when ss_alpha_builtin_all[i]. */
extern const size_t ss_alpha_builtin_count;
extern const uint64_t ss_alpha_builtin_keys[];
extern const uint32_t ss_alpha_builtin_at[];
extern const uint32_t ss_alpha_builtin_ranges[];
extern const unsigned char ss_alpha_builtin_all[];

/* factor.c: a run of an expanded pattern's top-level items that every
 * match holds, after its number (see there), malloc'd; NULL when there is
 * none. */
char *ss_pattern_factor(const char *pattern);
/* factor.c: the least number of characters p[0, n) consumes (lookarounds
 * and assertions none); 0 also for what the reading does not take. */
size_t ss_pattern_min_chars(const char *p, size_t n);

/* loader.c: add the built-in defines (the numeral classes of
 * ss_numeral_class) to a new rule set. */
void ss_rules_builtins(struct ss_ruleset *rs);

/* loader.c: free what a rule owns (not the rule itself). */
void ss_rule_release(ss_rule *r);

/* engine.c: compile every rule of rs (see ss_ruleset_compile). */
ss_status ss_rules_compile(struct ss_ruleset *rs);

/* starts.c: whether a pattern (expanded) may begin with characters it does
 * not write, so that its start set cannot be computed (ascii, when not NULL,
 * receives a bit set of the ASCII characters it writes or names by escapes
 * and ranges); and the start sets of every compiled rule, into rs. */
bool ss_pattern_starts_anywhere(const char *pattern, uint8_t ascii[16]);
/* The offset just past the group opening at p[i] (escapes and classes
 * skipped), 0 when it does not close. */
size_t ss_pattern_group_end(const char *p, size_t n, size_t i);
/* The offset past p[i] when it opens an escape or a class (all of it),
 * else i + 1: how the pattern walks step over what holds no syntax. */
size_t ss_pattern_skip(const char *p, size_t n, size_t i);
/* The '|' at the top of p[0, n) (outside groups and classes): how many,
 * the first cap of their offsets into bars. */
size_t ss_pattern_top_bars(const char *p, size_t n, size_t *bars, size_t cap);
void ss_starts_build(struct ss_ruleset *rs);
/* The code points a match of rule ri (with a start set; compiled now if lazy) can begin
 * with, malloc'd into *cps, and whether it can begin at a digit after a digit
 * or '.' (what ss_starts_build works out for a rule; scripts/builtingen.c keeps it
 * for the built-in rules). */
size_t ss_rule_starts(const struct ss_ruleset *rs, size_t ri, uint32_t **cps, bool *dcont);
/* The built-in rules' start sets as the build worked them out
 * (build/gen/builtin.c, by scripts/builtingen.c): rule i, when its expanded
 * pattern's key is ss_starts_builtin_keys[i] (0: none), begins with
 * ss_starts_builtin_cps[at[i] .. at[i + 1]). */
extern const size_t ss_starts_builtin_count;
extern const uint64_t ss_starts_builtin_keys[];
extern const uint32_t ss_starts_builtin_at[];
extern const uint32_t ss_starts_builtin_cps[];
extern const unsigned char ss_starts_builtin_dcont[];
/* The built-in rules' needed characters as the build worked them out
 * (ss_needs_build): rule i, when its expanded pattern's key is
 * ss_rules_builtin_keys[i], needs one of ss_needs_builtin[i] (UTF-8; NULL:
 * nothing found). */
extern const char *const ss_needs_builtin[];

/* The built-in rules as the build compiled and checked them (build/gen/
 * builtin.c, by scripts/builtingen.c): rule i, when its expanded pattern's
 * key is ss_rules_builtin_keys[i], compiles, its groups are known names, and
 * it has ss_rules_builtin_pairs[i] - 1 capture groups, a (?<num>) one when
 * ss_rules_builtin_num[i]; start-up leaves its compile to its first try. */
extern const size_t ss_rules_builtin_count;
extern const uint64_t ss_rules_builtin_keys[];
extern const uint32_t ss_rules_builtin_pairs[];
extern const unsigned char ss_rules_builtin_num[];
/* Rule i's code as the build compiled it, pcre2_serialize_encode'd alone:
 * ss_rules_builtin_code[ss_rules_builtin_code_at[i] .. at[i + 1]) (empty:
 * none); its first try reads it back (pcre2_serialize_decode) when this
 * PCRE2 can. */
extern const uint32_t ss_rules_builtin_code_at[];
extern const unsigned char ss_rules_builtin_code[];
/* Compile every rule left lazy (`rules check`: everything compiled).
 * Single-threaded, before any scan. */
void ss_rules_compile_lazy(struct ss_ruleset *rs);
/* Compile lazy rule r now (engine.c; its caller holds rs->jit_lock or runs
 * alone). */
void ss_rule_compile_now(struct ss_ruleset *rs, ss_rule *r);

/* FNV-1a of a rule's expanded pattern, never 0: what the data made at build
 * time for the built-in rules is keyed on. */
static inline uint64_t ss_pattern_key(const char *p)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ull;
	return h ? h : 1;
}

/* pairs.c: the pair table of a rule set (compile builds it, after the
 * start sets), and its bits: rule ri's match may begin with c1 then c2
 * (SS_PAIR_ALONE: with c1 followed by anything, or by nothing); with
 * SS_PAIR_AFTER_NUM or'd into c2, so where c1 follows a digit or '.'. */
#define SS_PAIR_BITS ((size_t)1 << 20)
#define SS_PAIR_ALONE 0x10000u
#define SS_PAIR_AFTER_NUM 0x20000u
void ss_pairs_build(struct ss_ruleset *rs);
static inline size_t ss_pair_bit(size_t ri, uint32_t c1, uint32_t c2)
{
	uint64_t v = ((uint64_t)ri << 40 | (uint64_t)c1 << 20 | c2) * 0x9E3779B97F4A7C15ull;
	return (size_t)(v >> 44);
}
static inline bool ss_pair_may(const struct ss_ruleset *rs, size_t ri, uint32_t c1, uint32_t c2)
{
	size_t k = ss_pair_bit(ri, c1, c2);
	return rs->pair_bits[k / 64] >> (k % 64) & 1;
}
/* The built-in rules' pairs as the build worked them out (build/gen/
 * builtin.c, by scripts/builtingen.c): rule i, when its expanded pattern's
 * key is ss_pairs_builtin_keys[i], has its pairs in ss_pairs_builtin_bits
 * when bit 0 of ss_pairs_builtin_known[i] is set (else follow.c cannot read
 * it), some with SS_PAIR_ALONE when bit 1 is. */
extern const size_t ss_pairs_builtin_count;
extern const uint64_t ss_pairs_builtin_keys[];
extern const unsigned char ss_pairs_builtin_known[];
extern const unsigned char ss_pairs_builtin_bits[];

/* Rule r's pattern key (expand.c works it out as it expands it: the
 * build's data is looked up by it five times at start-up). */
static inline uint64_t ss_rule_key(const ss_rule *r)
{
	return r->key ? r->key : ss_pattern_key(r->pattern);
}

/* Window geometry of the scan, in characters (documented in rules/README.md):
 * a window runs from SS_WIN_BEFORE characters before a candidate to
 * SS_WIN_AFTER characters after it; a match must start inside a window and
 * may run SS_WIN_MARGIN characters past its end. */
#define SS_WIN_BEFORE 16
#define SS_WIN_AFTER 24
#define SS_WIN_MARGIN 16

/* windows.c: the candidate tables of a rule set (compile builds them), and
 * the windows of a text. A window's matches start in [s, e) and end by lim:
 * e is the end of its last candidate (a match holds a candidate and starts at
 * most SS_WIN_BEFORE characters before it, so no match starts later); lim
 * leaves room for what follows the number (SS_WIN_AFTER, then SS_WIN_MARGIN
 * characters). ss_windows_find returns them malloc'd in text order, NULL
 * when there are none. */
typedef struct ss_window {
	size_t s, e, lim;
} ss_window;
enum { SS_CB_CAND = 1, SS_CB_LEAD = 2, SS_CB_NEED = 4 };
/* A character some rule needs (needs_index), at byte offset at: its bit. */
typedef struct {
	size_t at;
	uint64_t bit;
} ss_need_at;
void ss_candidates_build(struct ss_ruleset *rs);
/* The walk that finds the windows reads every character of the text, so it
 * also lists the needed ones, in text order, into *need (malloc'd, *nneed
 * of them; NULL, 0 without needs or when there are none). */
ss_window *ss_windows_find(const struct ss_ruleset *rs, const char *text, size_t len, size_t *nw,
                           ss_need_at **need, size_t *nneed);

/* PCRE2 limits set on every match. */
#define SS_MATCH_LIMIT 100000
#define SS_DEPTH_LIMIT 1000
#define SS_HEAP_LIMIT_KIB 16384

/* One rule's match in the normalised text. gs/ge are SS_UNSET for a group
 * that did not take part. */
typedef struct {
	const ss_rule *rule;
	size_t start, end;
	ss_goff gs[SS_G__COUNT], ge[SS_G__COUNT];
} ss_match;

/*
 * Find every rule match in text[0..len), without running every rule over
 * every byte: rules are matched only around candidate positions (digits,
 * Chinese numerals, percent signs). Overlapping matches are resolved to the
 * leftmost, then the longest, then the earliest rule. Returns the number of
 * matches, in text order; *out is malloc'd (NULL when there are none) and the
 * caller frees it. text must be valid UTF-8. Thread-safe: several threads may
 * scan with one compiled rule set. A rule that hits PCRE2's match or
 * depth limit is reported to sink (naming the rule and doc) and skipped there.
 */
size_t ss_rules_scan(const struct ss_ruleset *rs, const char *text, size_t len,
                     ss_match **out, ss_diag_sink *sink, const char *doc);
/* The same with PCRE2's match and depth limits for this scan (0: the
 * defaults above). */
size_t ss_rules_scan_limited(const struct ss_ruleset *rs, const char *text, size_t len,
                             ss_match **out, ss_diag_sink *sink, const char *doc,
                             uint32_t match_limit, uint32_t depth_limit);

/* lexicon.c: hash the map tables (called by compile, after it sorted maps). */
void ss_lexicon_build(struct ss_ruleset *rs);

/* Whether some lexicon word starts with the character at s (a cheap test
 * before the lookups of every word length there). */
bool ss_rules_word_may_start(const struct ss_ruleset *rs, const char *s, size_t len);

/* Which lengths a lexicon word starting with the character at s may have:
 * bit k for k + 1 characters (bit 7: eight or more); 0xFF when unknown. */
unsigned ss_rules_word_lengths(const struct ss_ruleset *rs, const char *s, size_t len);

/* Look a word up in a lexicon table; NULL when absent. */
const char *ss_rules_lookup(const struct ss_ruleset *rs, const char *table, const char *word,
                            size_t len);

/* The length of the longest word (of up to four characters) of the tables
 * ids[0..nids) that starts at s[i] and ends by end; 0 when none. */
size_t ss_rules_word_at(const struct ss_ruleset *rs, const int *ids, size_t nids, const char *s,
                        size_t end, size_t i);

/* The same with the table resolved once (compiled rule sets only): the id of
 * a table name, -1 when no entry has it (then lookups find nothing). */
int ss_rules_table_id(const struct ss_ruleset *rs, const char *table);

/* A hash of how s[0, len), len > 0, begins, into SS_LEX_FIRST_BITS: its
 * first byte, or the three of a character that a byte of E0..EF leads.
 * Read as bytes, not decoded: any function of the bytes keys the entries
 * and the lookups alike, and this one costs no check of the character. */
#define SS_LEX_FIRST_BITS 1024
static inline unsigned ss_lex_first_key(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t v = u[0];
	if ((v & 0xF0) == 0xE0 && len >= 3)
		v = v << 16 | (uint32_t)u[1] << 8 | u[2];
	return (v * 0x9E3779B1u) >> 22;
}

/* Whether a word of table id (below rs->lex_ntables) may begin as the
 * bytes of key do. */
static inline bool ss_lex_first_in(const struct ss_ruleset *rs, int table, unsigned key)
{
	return rs->lex_first_of[(size_t)table * (SS_LEX_FIRST_BITS / 64) + key / 64] >> (key % 64) &
	       1;
}

/* ss_rules_word_tables with the tables given by the bits of their ids:
 * bit_of[id] for each id below rs->lex_ntables (ss_rules_table_bits). Where
 * the same few tables are asked for at every offset, a word's entries are
 * read off this map, not compared with each of them. */
unsigned ss_rules_word_bits(const struct ss_ruleset *rs, const unsigned *bit_of, const char *word,
                            size_t len);
/* The map for ids[0..nids) (nids <= 32): rs->lex_ntables entries, bit k of
 * bit_of[ids[k]] set; malloc'd, the caller frees it (NULL before compile). */
unsigned *ss_rules_table_bits(const struct ss_ruleset *rs, const int *ids, size_t nids);

/* The first-character bits of the tables ids[0..nids), or'd into
 * bits[SS_LEX_FIRST_BITS / 64] (cleared first; ids of no table add none):
 * a cheap no for a word none of them holds, before ss_rules_word_tables. */
void ss_rules_first_union(const struct ss_ruleset *rs, const int *ids, size_t nids,
                          uint64_t *bits);

/* Whether a word of the tables of bits (ss_rules_first_union) may be
 * s[0, len), len > 0: false only when none is. */
static inline bool ss_lex_first_may(const uint64_t *bits, const char *s, size_t len)
{
	unsigned key = ss_lex_first_key(s, len);
	return bits[key / 64] >> (key % 64) & 1;
}

/* lexicon.c: ss_rules_lookup_id past its first-character test. */
const char *ss_rules_lookup_probe(const struct ss_ruleset *rs, int table, const char *word,
                                  size_t len);

/* Most words asked for open like no word of the table (a token of a
 * sentence against the table pos): they are told here, without a call. */
static inline const char *ss_rules_lookup_id(const struct ss_ruleset *rs, int table,
                                             const char *word, size_t len)
{
	if (!rs || table < 0 || (size_t)table >= rs->lex_ntables || !word)
		return NULL;
	if (len && !ss_lex_first_in(rs, table, ss_lex_first_key(word, len)))
		return NULL;
	return ss_rules_lookup_probe(rs, table, word, len);
}

/* Which of the tables ids[0..nids) hold word, in one probe: bit k for ids[k]
 * (nids <= 32); 0 when none does or the rule set is not compiled. */
unsigned ss_rules_word_tables(const struct ss_ruleset *rs, const int *ids, size_t nids,
                              const char *word, size_t len);

/* The default rule files, embedded at build time (build/gen/default_rules.c). */
typedef struct {
	const char *name;
	const char *text;
	size_t len;
} ss_embedded_file;
extern const ss_embedded_file ss_default_rule_files[];
extern const size_t ss_default_rule_file_count;

/* script.c: buf[0..len) with the traditional characters of every line but
 * example lines folded to simplified ones; malloc'd, NUL-terminated, its
 * length in *outlen. */
char *ss_rules_fold(const char *buf, size_t len, size_t *outlen);

#endif
