/*
 * facts.h - from rule matches to fact records: values through the numerals,
 * qualifiers and bounds, direction and basis, subject and period, spans
 * mapped back to the source. Also the ss_doc behind the public handle.
 */
#ifndef SS_FACTS_H
#define SS_FACTS_H

#include "../rules/rules.h"
#include "../text/text.h"

/* How far (bytes) around a figure its subject, period, list and title are
 * looked for: a figure's words stand close to it, and a bound keeps a huge
 * sentence from costing its length for every figure in it. */
#define SS_ATTACH_REACH 600

/* One statistic: the body behind the public ss_fact, read by callers only
 * through the accessors of fact.c, so that fields can be added here (a page,
 * a box, a period as dates) without breaking a compiled caller. Text fields
 * are spans of the document's stripped text; start/end are byte offsets into
 * the source buffer. */
struct ss_fact {
	ss_kind kind;
	double value;        /* normalised; signed for a change */
	char value_str[48];  /* the same number as an exact decimal, as written */
	char unit[16];       /* "%", "pp", "bp", ISO currency, a measure word, "x" */
	ss_qualifier qualifier;
	int has_low, has_high;
	double low, high;
	char low_str[48], high_str[48];
	ss_direction direction;
	ss_basis basis;
	ss_tspan text;       /* the figure as written, in the stripped text */
	ss_tspan subject;    /* empty when none was found */
	ss_tspan period;     /* empty when none was found */
	char period_from[11], period_to[11]; /* ISO dates of the period; "" unknown */
	ss_tspan sentence;
	size_t start, end;   /* source bytes [start, end) */
	unsigned line, column;
	const char *rule_id; /* owned by the rule set */
	ss_region region;
	bool table_cell;     /* a table cell's: subject and period are its row's and
	                      * column's (facts/table.c); attachment leaves them */
};

struct ss_doc {
	char *name;
	ss_status status;
	ss_format format;
	ss_meta meta;
	ss_read_extra extra; /* what the reader knows beyond the map (PDF: pages, boxes) */
	ss_regions regions;  /* web pages: the article and its title (text/content.c) */
	ss_text text; /* stripped text; map into the source */
	ss_text norm; /* width-normalised text; map into text */
	ss_sentence *sentences; /* spans of norm */
	size_t nsentences;
	ss_tables tables;       /* the tables of norm (text/table.c) */
	ss_fact *facts;
	size_t nfacts, capfacts;
	const ss_verdict *verdicts; /* audit's, one per fact, not owned; or NULL */
	char currency[8]; /* what a bare 元 is (currency.c) */
	/* the date the text gives itself near its top (carry.c), read before a
	 * web page's furniture is cut away: ISO, or "" when none */
	char dateline[11];
	bool dateline_read;
	/* characters of U+3400..U+9FFF the fold changed in norm (text/fold.h);
	 * SIZE_MAX until it has run */
	size_t nfolded_han;
};

/* An empty document record named name ("-" when NULL). */
ss_doc *ss_doc_new(const char *name);

int ss_qualifier_parse(const char *name, size_t len);
int ss_direction_parse(const char *name, size_t len);
int ss_basis_parse(const char *name, size_t len);

/* Turn the matches of one document into facts (appended to doc->facts).
 * src/len is the (sanitised) source and lines its line table, for line and
 * column; currency is what a bare 元 is (NULL: the document's, see
 * ss_doc_set_currency). */
void ss_facts_build(const struct ss_ruleset *rs, ss_doc *doc, const ss_match *m, size_t nm,
                    const char *src, size_t len, const ss_linemap *lines, unsigned kinds,
                    const char *currency);

/* table.c: figures in the cells of the tables t of doc's norm text: facts
 * already found in a cell take their row label as subject, their column
 * header as period and a change column's sign; a bare number of a table that
 * names its unit becomes a fact (rule id table.cell); a unit line's facts are
 * dropped. src/len/lines as for ss_facts_build. Keeps doc->facts in source
 * order. */
void ss_facts_tables(const struct ss_ruleset *rs, ss_doc *doc, const ss_tables *t,
                     const char *src, size_t len, const ss_linemap *lines, unsigned kinds);

/* perioddate.c: a calendar day; 0 in a part that is unknown. */
typedef struct {
	int y, m, d;
} ss_ymd;

/* The first day and last day of the period written in norm text s[0..len)
 * (2018年1-10月份: 2018-01-01 and 2018-10-31), relative periods (今年上半年,
 * 上月, 目前) resolved against *ref (the document's date; NULL or invalid
 * when unknown). False, leaving *from and *to alone, when the text holds a
 * word the table period_meaning does not know or the dates cannot be known.
 * A point in time (截至3月末, 目前) has from == to. */
bool ss_period_dates(const struct ss_ruleset *rs, const char *s, size_t len, const ss_ymd *ref,
                     ss_ymd *from, ss_ymd *to);
/* The same with the id of period_meaning resolved once (ss_rules_table_id),
 * for a caller that reads many periods. */
bool ss_period_dates_in(const struct ss_ruleset *rs, int meaning, const char *s, size_t len,
                        const ss_ymd *ref, ss_ymd *from, ss_ymd *to);
/* Whether the period a lies within the period b and is not all of it (一季度
 * within 前三季度; 1—10月份 is not within 1-10月份): both
 * resolved against ref, or against any one year when both name none. */
bool ss_period_within(const struct ss_ruleset *rs, const char *a, size_t alen, const char *b,
                      size_t blen, const ss_ymd *ref);
/* The date at the start of a metadata date (2021-11-15 10:20, 2021年11月15日);
 * false when it holds no valid year, month and day. */
bool ss_ymd_parse(const char *s, ss_ymd *out);
/* d as YYYY-MM-DD. */
void ss_ymd_format(ss_ymd d, char out[11]);
int ss_days_in_month(int y, int m);

/* A span of the norm text. */
typedef struct {
	size_t start, end;
} ss_nspan;

/* carry.c: what a period carries from figure to figure of one document. */
typedef struct {
	ss_ymd ref;          /* the document's date, when has_ref */
	bool has_ref;
	int meaning;         /* the id of period_meaning; -2 until it is needed */
	ss_nspan stmt;       /* the last period found in a figure's own sentence */
	size_t stmt_at;      /* and the end of that figure */
	bool stmt_open;      /* stmt opened its statement (2017年，…): it carries over a ； */
	ss_nspan para;       /* the period opening a sentence: for its paragraph */
	size_t para_at;
	bool part_of;        /* para lies within the period held before it, */
	ss_nspan before;     /* which was this (its figure ending at before_at) */
	size_t before_at;
	ss_nspan head;       /* the period of the last heading that names one */
	bool led;            /* head was taken from the document's first period */
	size_t scanned;      /* headings read up to here */
	size_t opened;       /* sentence openings read up to here */
	size_t sent_start;   /* the sentence of the last figure, + 1 */
	/* where crosses_paragraph last looked: from at, clear of a paragraph end
	 * up to clear_to, or one found at hit */
	size_t para_from, para_clear_to, para_hit;
	/* The dates of the periods read lately, by their text: a sentence's
	 * figures and those a period carries to share a span, and a document
	 * names the same few periods (全年, 2021年) again and again. Slots at
	 * dates when set, else those of dates_in, which come last so that a
	 * short document's carry is cleared only as far as the slots it uses;
	 * as many as dates_mask + 1, a power of two (a zeroed carry has one). */
	struct ss_period_dates_slot *dates;
	size_t dates_mask;
	struct ss_period_dates_slot {
		size_t start, end; /* the norm span first read; end 0: empty slot */
		uint32_t hash;     /* of its text and ref */
		int ref;           /* what it was read against: 0 the document's date,
		                    * 1 any year, 2 none */
		bool ok;
		ss_ymd from, to;
	} dates_in[128];
} ss_period_carry;

struct ss_attach;
void ss_period_carry_init(ss_period_carry *pc, const ss_doc *doc);
/* Frees what init took for a long document. */
void ss_period_carry_release(ss_period_carry *pc);
/* Read doc's dateline from the whole of its norm, for a document without a
 * date in its metadata (the period carry's reference). */
void ss_doc_read_dateline(ss_doc *doc);
/* The period of the figure [fs, fe) of sentence sent: *period as found in
 * its sentence (empty: none), on return the one it carries from its
 * statement, paragraph or heading when it has none of its own. Figures come
 * in text order. */
void ss_period_carry_apply(ss_period_carry *pc, struct ss_attach *cx, const ss_sentence *sent,
                           size_t fs, size_t fe, ss_nspan *period);
/* f->period_from / period_to from the norm span period ("" when unknown). */
void ss_period_fill_dates(ss_period_carry *pc, const struct ss_ruleset *rs,
                          const char *norm, ss_nspan period, ss_fact *f);

/* currency.c: set doc->currency, the currency of a bare 元 (a word of the
 * lexicon table `local`): given when not NULL or empty, else TWD in a
 * Taiwanese document (written in traditional characters, with a word of
 * table `locale` or a 民国 year such as 111年1月), else CNY. Reads
 * doc->norm and doc->text. */
void ss_doc_set_currency(ss_doc *doc, const struct ss_ruleset *rs, const char *given);

/* Per-document state of attachment: the lexicon tables it reads, resolved to
 * ids, and the period matches tried so far. Made for one document's norm
 * text, never shared between threads. rs must be compiled (only a compiled
 * rule set yields figures to attach to). */
typedef struct ss_attach ss_attach;
ss_attach *ss_attach_new(const struct ss_ruleset *rs, const char *norm, size_t len);
void ss_attach_free(ss_attach *cx);

/* Subject and period of a fact whose figure is norm span [fs, fe) inside
 * sentence s; the subject stays within [lo, hi), between the neighbouring
 * figures. Results are norm spans (start == end when none). */
void ss_attach_subject(ss_attach *cx, const ss_sentence *s, size_t fs, size_t fe, size_t lo,
                       size_t hi, ss_kind kind, size_t *ss, size_t *se);
void ss_attach_period(ss_attach *cx, const ss_sentence *s, size_t fs, size_t fe, bool change,
                      size_t *ps, size_t *pe);

/* For the tests: the end of the period pattern's match at norm position p
 * (p when it matches only "", SIZE_MAX for none), by PCRE2 alone, or when
 * quick with the check that spares PCRE2 where only "" can match. */
size_t ss_period_end(const ss_ruleset *rs, const char *s, size_t len, size_t p, bool quick);

/* Negate a change that went down: value and bounds (swapped). */
void ss_fact_negate(ss_fact *f);

/* True when norm position pos stands inside 《…》 (a title) of its sentence. */
bool ss_in_title(const char *norm, size_t sent_start, size_t pos);

/* True when the figure norm [a, b) is part of a short quoted name built on a
 * Chinese numeral (“大气十条”, “千人计划”): no statistic. */
bool ss_in_name_quote(const char *norm, size_t len, size_t a, size_t b);

/* True when a figure opening at norm position a stands inside a web address
 * (https://…, www.…): its %XX escapes and numbers are no statistics. */
bool ss_in_url(const char *norm, size_t a);

/* True when a figure opening at norm position a stands inside a word of the
 * table idiom (id, its table id: 千家万户, 成千上万): no statistic. */
bool ss_in_idiom(const ss_ruleset *rs, int id, const char *norm, size_t len, size_t a);

/* ss_rules_word_at for the one table id, told 0 first where the table's
 * first-character bits say that none of its words opens at s[i], as
 * ss_rules_word_at reads them, but before it looks up the lengths of the
 * lexicon's words there: most places open no word of the one table asked. */
static inline size_t ss_word_at(const ss_ruleset *rs, int id, const char *s, size_t end, size_t i)
{
	if (i < end && (ss_utf8_len(s + i, end - i) == 3 || ((unsigned char)s[i] & 0xF0) != 0xE0) &&
	    !(id >= 0 && (size_t)id < rs->lex_ntables &&
	      ss_lex_first_in(rs, id, ss_lex_first_key(s + i, end - i))))
		return 0;
	return ss_rules_word_at(rs, &id, 1, s, end, i);
}

/* Lists in one sentence (lists.c): fs/fe are the norm spans of doc's facts. */
void ss_facts_lists(const ss_ruleset *rs, ss_attach *cx, ss_doc *doc, const size_t *fs,
                    const size_t *fe);

/* The items of a list after a figure whose number is norm [num, head_end)
 * and whose unit was written ahead (营业收入分别为4.8亿、2.86亿): their norm
 * spans, before limit (the next match), at most max (listitems.c). */
#define LIST_ITEMS_MAX 32
size_t ss_list_items(const struct ss_ruleset *rs, const char *norm, size_t num,
                     size_t head_end, size_t limit, size_t *a, size_t *b, size_t max);

/* The sentence holding norm position pos (binary search), or NULL. */
const ss_sentence *ss_doc_sentence_at(const ss_doc *doc, size_t pos);

/* Append the stripped text of span to b as ss_doc_span_str gives it: runs
 * of white space (ASCII, U+00A0, U+3000) as one space, none at either end. */
void ss_doc_span_append(const ss_doc *doc, ss_tspan span, ss_buf *b);

/* A norm span mapped to the stripped text. */
ss_tspan ss_doc_norm_to_text(const ss_doc *doc, size_t a, size_t b);

/* Set each fact's region from its text span (text/content.c) and, unless
 * all_text, drop the facts outside; returns how many are left (kept in order
 * at the front). (fact.c) */
size_t ss_regions_apply(const ss_regions *r, ss_fact *facts, size_t n, bool all_text);

#endif
