/*
 * text.h - the text stage: reader (format, encoding, metadata), markup
 * stripping (HTML through libxml2, Markdown through md4c), width
 * normalisation and sentences, all keeping an offset map back to the source.
 */
#ifndef SS_TEXT_H
#define SS_TEXT_H

#include <string.h>

#include "../util/util.h"

/*
 * A text with an offset map to a base buffer (the source file, or another
 * ss_text). Every byte i of the text was produced by one "unit" of the base,
 * the bytes [start, end) (ss_text_unit):
 *   - a byte copied as it is: end - start == 1 and base[start] == text[i];
 *   - a decoded entity, a CRLF read as "\n", a full-width digit: every byte
 *     of its output maps to the whole unit (end - start > 1);
 *   - a synthetic byte (the paragraph break standing for a <p>): start == end.
 * Units never overlap and never go backwards: start[i+1] >= start[i], and a
 * byte of a new unit starts at or after the end of the previous one.
 *
 * The map is kept as runs, not per byte: a run of copied bytes is one entry
 * however long, and so are the bytes standing for one unit. A plain text is
 * one run; a Chinese text normalised has about one run per 28 bytes (a
 * full-width comma and the copy after it).
 */
#define SS_RUN_COPY UINT32_MAX

typedef struct {
	uint32_t t; /* the run's first text byte; it lasts up to the next run's */
	uint32_t b; /* base offset of its first unit */
	uint32_t n; /* SS_RUN_COPY: bytes copied one to one from b; else every
	             * byte stands for the unit [b, b + n) (0: synthetic) */
} ss_run;

typedef struct {
	char *ptr; /* the text, NUL-terminated */
	size_t len, cap;
	ss_run *runs; /* in text order, covering [0, len) */
	size_t nruns, caprun;
	/* Set by ss_normalize, which folds as it copies: the next
	 * ss_fold_text_han returns these counts rather than fold again. */
	bool folded;
	size_t nfold, nfold_han;
} ss_text;

void ss_text_init(ss_text *t);
void ss_text_release(ss_text *t);
/* Make room for extra more bytes (a stage that knows its output size saves
 * the copies of growing by doubling). */
void ss_text_reserve(ss_text *t, size_t extra);
/* Append n bytes that all stand for the base unit [ustart, uend). */
void ss_text_add_unit(ss_text *t, const char *bytes, size_t n, uint32_t ustart, uint32_t uend);
/* Make the empty t the whole of buf[0..len), copied from the base at 0
 * (one run); t owns buf, a malloc'd buffer with buf[len] == '\0'. */
void ss_text_adopt(ss_text *t, char *buf, size_t len);
/* Append base bytes [bstart, bstart + n) copied as they are (one unit a byte). */
void ss_text_add_copy(ss_text *t, const char *base, uint32_t bstart, size_t n);
/* A new run at text byte at (textmap.c's, inline for the one below). */
static inline void ss_text_push_run(ss_text *t, uint32_t at, uint32_t b, uint32_t n)
{
	ss_grow((void **)&t->runs, &t->caprun, t->nruns + 1, sizeof *t->runs);
	t->runs[t->nruns++] = (ss_run){at, b, n};
}

/* n more bytes of unit [ustart, uend) at the end of u's runs: more bytes of
 * the unit the text ends with continue its run. */
static inline void ss_text_runs_add_unit(ss_text *u, size_t n, uint32_t ustart, uint32_t uend)
{
	const ss_run *r = u->nruns ? &u->runs[u->nruns - 1] : NULL;
	if (!r || r->n == SS_RUN_COPY || r->b != ustart || r->n != uend - ustart)
		ss_text_push_run(u, (uint32_t)u->len, ustart, uend - ustart);
	u->len += n;
}

/* Both at once, what a stage does at each character it converts: base
 * bytes [bstart, bstart + n) copied (n may be 0), then the m bytes (1..4)
 * standing for the unit [ustart, uend). Inline: normalisation does it at
 * every full-width comma. */
static inline void ss_text_add_copy_unit(ss_text *t, const char *base, uint32_t bstart, size_t n,
                                         const char *bytes, size_t m, uint32_t ustart,
                                         uint32_t uend)
{
	if (t->len + n + m + 1 > t->cap)
		ss_text_reserve(t, n + m);
	char *d = t->ptr + t->len;
	if (n > 0) {
		/* a copy that goes on where the last one stopped extends its run */
		const ss_run *r = t->nruns ? &t->runs[t->nruns - 1] : NULL;
		if (!r || r->n != SS_RUN_COPY || r->b + (uint32_t)(t->len - r->t) != bstart)
			ss_text_push_run(t, (uint32_t)t->len, bstart, SS_RUN_COPY);
		memcpy(d, base + bstart, n);
		t->len += n;
		d += n;
	}
	ss_text_runs_add_unit(t, m, ustart, uend);
	d[0] = bytes[0];
	for (size_t k = 1; k < m; k++)
		d[k] = bytes[k];
	d[m] = '\0';
}
/* End the current paragraph: append "\n\n" standing for base offset pos,
 * unless the text is empty or already ends with a paragraph break. */
void ss_text_add_break(ss_text *t, uint32_t pos);
/* The base unit [*s, *e) text byte i (< len) stands for. The last bytes
 * are found at once, and those in or just after the run the thread's last
 * lookup found; any other by a search of the runs that starts where i
 * would stand were they evenly spread. */
void ss_text_unit(const ss_text *t, size_t i, uint32_t *s, uint32_t *e);
/* Append t's bytes [from, to) with the units they stand for in t's base
 * (u and t share a base). */
void ss_text_add_mapped(ss_text *u, const ss_text *t, size_t from, size_t to);
/* The same two, for a map rebuilt over bytes already in place: u (no
 * bytes, ptr NULL) gains the runs, and its len counts the bytes they cover. */
void ss_runs_add_mapped(ss_text *u, const ss_text *t, size_t from, size_t to);
void ss_runs_add_unit(ss_text *u, size_t n, uint32_t ustart, uint32_t uend);
/* Where the last unit ends in the base (0 for an empty text). */
uint32_t ss_text_base_end(const ss_text *t);
/* Drop the bytes from len on. */
void ss_text_truncate(ss_text *t, size_t len);
/* The synthetic bytes [from, to) stand at base offset pos instead (a
 * paragraph break moved to where the text after it begins). */
void ss_text_move_synthetic(ss_text *t, size_t from, size_t to, uint32_t pos);
/* Map text span [a, b) (a < b) to base span [*bs, *be). For a == b, both are
 * the base offset where text byte a begins (or the base length at the end). */
void ss_text_map(const ss_text *t, size_t a, size_t b, uint32_t *bs, uint32_t *be);
/* The first byte of t whose unit starts at or after base offset pos (t->len
 * when none does): where a span of the base begins in t. */
size_t ss_text_at(const ss_text *t, uint32_t pos);
/* The checker: every invariant above, against the base, and the runs' own
 * (in order, none empty, covering the text). Returns true when the map
 * holds; otherwise *bad is the first offending text byte. */
bool ss_text_check(const ss_text *t, const char *base, size_t baselen, size_t *bad);

/* ---- reader ---- */

/* Main-content regions of a web page (content.c): sorted, disjoint spans of
 * the stripped text, each the article, its title, or furniture outside. */
typedef struct {
	uint32_t start, end;
	ss_region region;
} ss_region_span;

typedef struct {
	ss_region_span *span;
	size_t n;
	bool detected; /* false: not a web page (a post, a fragment), taken whole */
} ss_regions;

typedef struct {
	char *title, *date, *author, *source; /* NULL when unknown */
	char **categories;
	size_t ncategories;
	ss_regions *regions; /* not owned; when set, the HTML reader fills it in */
} ss_meta;

void ss_meta_release(ss_meta *m);

/* Position data a reader knows beyond the offset map (a PDF reader: page
 * and box per range of text bytes). Opaque to the stages after the reader:
 * kept with the document and freed with it. */
typedef struct {
	void *data;
	void (*free)(void *data);
	/* The page (1-based; 0: none) of text span [start, end), its boxes
	 * appended to box (see ss_doc_fact_page). NULL: no positions. */
	unsigned (*locate)(const void *data, size_t start, size_t end, ss_buf *box);
} ss_read_extra;

/* What a reader fills in for one document. */
typedef struct {
	ss_text *text;        /* the stripped text, its map into the source */
	ss_meta *meta;
	ss_read_extra *extra; /* NULL when the caller keeps none */
	ss_format format;     /* the format read (a Hexo post reads as HTML) */
	/* A raw reader's own base (malloc'd, taken by the caller): the bytes
	 * its text maps into and facts' spans point into, when they are not the
	 * input's (a PDF's text layer). NULL: the input. */
	char *base;
	size_t baselen;
	/* NULL, or src's own malloc'd buffer (NUL-terminated), which a reader
	 * whose text is src as it is may take instead of copying it (it then
	 * sets take to NULL). */
	char *take;
} ss_read_out;

/*
 * A reader: one input format behind one interface. detect says how strongly
 * src[0..len) looks like the format (0: not at all; NULL for the reader that
 * takes what no other claims); read appends the stripped text of src to
 * out->text (markup removed, entities decoded, blocks as paragraph breaks, a
 * front-matter title as the first paragraph), mapped into src, and fills the
 * metadata. src is valid UTF-8 (see ss_utf8_sanitize) and is not kept.
 * Problems (broken front matter, ...) go to sink with name.
 */
typedef struct ss_reader {
	const char *name;
	ss_format format;
	int (*detect)(const char *src, size_t len);
	void (*read)(const char *name, const char *src, size_t len, ss_read_out *out,
	             ss_diag_sink *sink);
	/* A raw reader takes the input's bytes as they are, before sanitising
	 * and decoding (a binary format), and gives the text it read as its own
	 * base (out->base); an error it reports fails the document. */
	bool raw;
} ss_reader;

/* Every reader, NULL-terminated, in the order detection asks them. */
extern const ss_reader *const ss_readers[];
/* The reader of fmt; NULL for SS_FORMAT_AUTO. */
const ss_reader *ss_reader_for(ss_format fmt);
/* The reader for src[0..len): the first that is sure of it, else the
 * highest score, else the text reader. */
const ss_reader *ss_reader_detect(const char *src, size_t len);
/* Read src with r (NULL: detect one). Returns the format read. */
ss_format ss_reader_read(const ss_reader *r, const char *name, const char *src, size_t len,
                         ss_read_out *out, ss_diag_sink *sink);

/* Detect the format of src[0..len): SS_FORMAT_HTML, SS_FORMAT_MARKDOWN (with or
 * without YAML front matter), else SS_FORMAT_TEXT. */
ss_format ss_detect_format(const char *src, size_t len);

/* ss_reader_read with the reader of fmt (SS_FORMAT_AUTO: detect), without
 * extra positions. */
ss_format ss_read_document(const char *name, const char *src, size_t len, ss_format fmt,
                           ss_text *out, ss_meta *meta, ss_diag_sink *sink);

/* The stages the readers call; each appends to out. base is
 * the offset of src within the whole source file (for a body after front
 * matter), so that out's map points into the file. */
void ss_html_to_text(const char *src, size_t len, uint32_t base, ss_text *out, ss_meta *meta);
void ss_markdown_to_text(const char *src, size_t len, uint32_t base, ss_text *out);
/* Parse YAML front matter at the start of src; returns the length of the
 * front-matter block (0 when there is none) and fills meta; a front-matter
 * title is appended to out as a paragraph, mapped to its scalar's bytes. */
size_t ss_frontmatter_parse(const char *name, const char *src, size_t len, ss_text *out,
                            ss_meta *meta, ss_diag_sink *sink);

/* Copy src into a buffer of the same length in which every byte that is not
 * part of valid UTF-8 (and every NUL) is replaced by '?', so that offsets stay
 * exact. Returns the number of bytes replaced; *first_bad gets the offset of
 * the first one. The result is malloc'd and NUL-terminated. */
size_t ss_utf8_sanitize(const char *src, size_t len, char **out, size_t *first_bad);
/* The same, copying only when there is a byte to replace: *copy is NULL
 * when src is clean as it is (most files: no second copy of the input). */
size_t ss_utf8_clean(const char *src, size_t len, char **copy, size_t *first_bad);

/* ---- main content (content.c) ---- */

/* The HTML reader's record of one page's elements, for main-content
 * detection. begin returns NULL when res is NULL (nobody asked); every
 * other call accepts NULL and does nothing. out is the text being built;
 * base > 3 says front matter came first (a post: taken whole). */
typedef struct ss_content ss_content;
ss_content *ss_content_begin(const ss_text *out, uint32_t base, ss_regions *res);
/* An element opened (block: it ends a paragraph) or closed, at out->len;
 * srcpos is where the parser stands in src. Skipped elements (<script>)
 * are never reported. */
void ss_content_open(ss_content *cx, const char *name, const char **atts, bool block,
                     const char *src, size_t len, size_t srcpos);
void ss_content_close(ss_content *cx, const char *name);
/* Decide the regions into res and free cx. */
void ss_content_end(ss_content *cx);

void ss_regions_release(ss_regions *r);
/* The region of text position pos (SS_REGION_NONE when not detected). */
ss_region ss_regions_at(const ss_regions *r, size_t pos);
/* The bytes of t (a text over the stripped text the regions describe) that
 * stand for the article and its title, appended to the empty out with their
 * map; a paragraph break parts two regions. */
void ss_regions_crop(const ss_regions *r, const ss_text *t, ss_text *out);
/* The first line of the embedded rules/content.hints that is not an entry,
 * 0 when all are (for the tests). */
size_t ss_content_hints_check(void);
/* hints.c: load the words (once; every call after the first does nothing);
 * what an element's name weighs, what a class or id value weighs (the sum
 * of its words', 0 for none). */
void ss_content_hints_load(void);
int ss_content_tag_weight(const char *name);
int ss_content_attr_weight(const char *value);
/* What the label text[0, n) opens with weighs ("相关阅读", "简介："), after
 * white space and opening brackets; 0 when it opens with none. */
int ss_content_label_weight(const char *text, size_t n);
/* What a boilerplate phrase ("责任编辑", "版权所有") anywhere in text[0, n)
 * weighs; content.c asks only of short blocks. */
int ss_content_phrase_weight(const char *text, size_t n);

/* ---- source encodings (encoding.c) ---- */

typedef enum { SS_ENC_UTF8 = 0, SS_ENC_UTF16LE, SS_ENC_UTF16BE, SS_ENC_GB18030 } ss_encoding;

/* The encoding of src: UTF-16 when it starts with a byte-order mark (and
 * has the NUL bytes UTF-16 text has), GB18030 when most of its non-ASCII
 * bytes are invalid UTF-8 (nbad_utf8, from ss_utf8_sanitize) and all of it
 * is valid GB18030; else UTF-8. */
ss_encoding ss_encoding_detect(const char *src, size_t len, size_t nbad_utf8);
const char *ss_encoding_name(ss_encoding enc);
/* Convert src to UTF-8 through iconv. Returns the number of source
 * characters that could not be converted (each became '?'), or (size_t)-1
 * when iconv does not know enc. *out (NUL-terminated) and *map are
 * malloc'd; map has *outlen + 1 entries: the source offset of the character
 * each output byte came from, and map[*outlen] == len. */
size_t ss_encoding_convert(ss_encoding enc, const char *src, size_t len, char **out,
                           size_t *outlen, uint32_t **map);

/* ---- normalisation and sentences ---- */

/* Width normalisation for matching: full-width ASCII forms (０-９ ％ ．，－ ...)
 * become ASCII, U+3000 and U+00A0 become a space, CR becomes a space.
 * out's map points into in (its base). In the same pass, the fold of
 * fold.h: out is folded already and marked so (ss_text.folded). */
void ss_normalize(const ss_text *in, ss_text *out);

typedef struct {
	uint32_t start, end; /* byte span in the (normalised) text (< 4 GiB) */
} ss_sentence;

/* Split text into sentences at 。！？；!?; and paragraph breaks. Spans exclude
 * leading white space and include the closing punctuation. Returns the number
 * of sentences; *out is malloc'd. */
size_t ss_sentences_split(const char *text, size_t len, ss_sentence **out);

/* ---- tables (table.c) ---- */

/*
 * Tables found in the normalised text, whatever the input: a reader writes a
 * table row as one line with its cells apart (a PDF row's cells are
 * separated by '\t'), and so do Markdown pipe tables and the aligned tables
 * of plain text (cells apart by a tab, a '|' or two or more spaces, which
 * width normalisation made of U+3000 too). A line holding only a number under
 * a short label line (`上年同期每股收益(元)` / `0.0200`) is a row of two cells.
 * All spans are byte spans of the normalised text, trimmed of white space.
 */
typedef struct {
	uint32_t start, end;
} ss_cell;

typedef struct {
	uint32_t start, end;  /* the line(s) of the row */
	uint32_t cell, ncells; /* its cells: tables->cells[cell .. cell + ncells) */
} ss_row;

typedef struct {
	uint32_t row, nrows;           /* tables->rows[row .. row + nrows) */
	uint32_t head_start, head_end; /* the lines just above it (caption, 单位 line, header),
	                                  and a flattened line's title cells before its rows */
	bool header;                   /* its first row names the columns */
} ss_table;

typedef struct {
	ss_table *tables;
	size_t ntables;
	ss_row *rows;
	size_t nrows, caprows;
	ss_cell *cells;
	size_t ncells, capcells;
	size_t captables;
} ss_tables;

/* The finders' own (table.c, tablespaced.c): a cell [a, b) as it is, a row of
 * the cells from cell on, a table of the rows from row on under head [hs, he). */
void ss_tables_add_cell(ss_tables *t, uint32_t a, uint32_t b);
void ss_tables_push_row(ss_tables *t, uint32_t a, uint32_t b, size_t cell, size_t ncells);
void ss_tables_add_table(ss_tables *t, size_t row, uint32_t hs, uint32_t he);
/* tablespaced.c: a table flattened onto line [a, b) with single spaces
 * between its cells (a Hong Kong report's highlights, English and Chinese
 * side by side), added to t as its tables; false when the line is none. */
bool ss_tables_spaced(ss_tables *t, const char *s, uint32_t a, uint32_t b);
/* Find the tables of norm[0..len) into t (emptied first). */
void ss_tables_find(const char *norm, size_t len, ss_tables *t);
void ss_tables_release(ss_tables *t);
/* The year p[0..n) is when it is four digits and nothing else, 1900 to 2099
 * (2018); -1 when it is none. */
int ss_bare_year(const char *p, size_t n);
/* True when s[0..n) is one bare number as a table cell writes it: digits
 * with thousands commas and a decimal point, a sign, or accounting
 * parentheses (`(142.8)`), and nothing else. */
bool ss_cell_is_number(const char *s, size_t n);
/* glued.c: cut s[a, b), numbers run together (`2,071,488,667.07-7.25%`),
 * into numbers; the end of each goes into cuts (at most max). Returns how
 * many, 0 when the run does not read as numbers. */
size_t ss_glued_split(const char *s, size_t a, size_t b, size_t *cuts, size_t max);
/* Whether a cell after the first of row r (of t, over text s) is a bare
 * number or a bare percent. */
bool ss_row_has_numbers(const ss_tables *t, const char *s, const ss_row *r);

#endif
