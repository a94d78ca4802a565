/* table.c - tables of the normalised text as rows of cells (see text.h).
 *
 * One finder serves every format, because every reader writes a table row as
 * one line with its cells apart: a PDF row with '\t' between its cells (see
 * src/pdf/layout.c), a Markdown or text pipe table with '|', an aligned text
 * table with two or more spaces (U+3000 is a space after normalisation).
 * Rows follow each other with at most blank lines between them (a PDF
 * paragraph break); any other line ends the table. */
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "text.h"

/* The head of a table: the lines above it, up to a line of running text. */
#define HEAD_LINES 10
#define HEAD_LINE_MAX 120
/* A label is short: up to 32 Chinese characters. */
#define LABEL_MAX 96
/* A line of this many cells may be a whole table written as one line. */
#define FLAT_CELLS 12
/* A table of words (tablespaced.c) runs over at most this many lines and
 * bytes. */
#define SPACED_LINES 400
#define SPACED_BLOCK 65536
/* The most numbers read from one run of them. */
#define GLUED_MAX 32

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Inline: each line is trimmed, most more than once (blank, the cells). */
static inline __attribute__((always_inline)) void trim(const char *s, uint32_t *a, uint32_t *b)
{
	while (*a < *b && is_space(s[*a]))
		(*a)++;
	while (*b > *a && is_space(s[*b - 1]))
		(*b)--;
}

static bool blank(const char *s, uint32_t a, uint32_t b)
{
	trim(s, &a, &b);
	return a == b;
}

bool ss_cell_is_number(const char *s, size_t n)
{
	size_t i = 0;
	bool paren = false;
	if (i < n && s[i] == '(') {
		paren = true;
		i++;
	}
	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	/* digits, or groups of three after thousands commas */
	size_t digits = 0, group = 0;
	bool commas = false;
	for (; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == ','); i++) {
		if (s[i] == ',') {
			if (!group || (commas && group != 3))
				return false;
			commas = true;
			group = 0;
			continue;
		}
		digits++;
		group++;
	}
	if (commas && group != 3)
		return false;
	if (!digits)
		return false;
	if (i < n && s[i] == '.') {
		i++;
		size_t f = i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == f)
			return false;
	}
	if (paren) {
		if (i >= n || s[i] != ')')
			return false;
		i++;
	}
	return i == n;
}

/* A Markdown delimiter row: only pipes, dashes, colons and spaces. */
static bool delimiter_row(const char *s, uint32_t a, uint32_t b)
{
	bool dash = false;
	for (uint32_t i = a; i < b; i++) {
		if (s[i] == '-')
			dash = true;
		else if (s[i] != '|' && s[i] != ':' && !is_space(s[i]))
			return false;
	}
	return dash;
}

void ss_tables_add_cell(ss_tables *t, uint32_t a, uint32_t b)
{
	ss_grow((void **)&t->cells, &t->capcells, t->ncells + 1, sizeof *t->cells);
	t->cells[t->ncells++] = (ss_cell){a, b};
}

static void add_cell(ss_tables *t, const char *s, uint32_t a, uint32_t b)
{
	trim(s, &a, &b);
	ss_tables_add_cell(t, a, b);
}

/* Split line [a, b) into cells at sep (a tab or '|'), or at runs of two or
 * more spaces when sep is ' '. Returns the number of cells added. */
static size_t split(ss_tables *t, const char *s, uint32_t a, uint32_t b, char sep)
{
	size_t before = t->ncells;
	if (sep == '\t') { /* a tab at either end parts an empty cell */
		while (a < b && (s[a] == ' ' || s[a] == '\r'))
			a++;
		while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\r'))
			b--;
	} else {
		trim(s, &a, &b);
	}
	if (sep == '|') { /* the outer pipes open and close the row */
		if (a < b && s[a] == '|')
			a++;
		if (b > a && s[b - 1] == '|')
			b--;
	}
	uint32_t c = a;
	for (uint32_t i = a; i < b; i++) {
		if (sep == ' ') {
			if (s[i] != ' ' || i + 1 >= b || s[i + 1] != ' ')
				continue;
			add_cell(t, s, c, i);
			while (i + 1 < b && s[i + 1] == ' ')
				i++;
			c = i + 1;
		} else if (s[i] == sep) {
			add_cell(t, s, c, i);
			c = i + 1;
		}
	}
	add_cell(t, s, c, b);
	return t->ncells - before;
}

static size_t count_char(const char *s, uint32_t a, uint32_t b, char c)
{
	size_t n = 0;
	for (uint32_t i = a; i < b; i++)
		n += s[i] == c;
	return n;
}

/* A label and then numbers run together, three or more of them: the label
 * holds no punctuation of running text, the numbers are cut by
 * ss_glued_split. */
static bool glued_cells(ss_tables *t, const char *s, uint32_t a, uint32_t b)
{
	trim(s, &a, &b);
	uint32_t r = b;
	while (r > a && strchr("0123456789,.%-", s[r - 1]))
		r--;
	while (r < b && s[r] == ',')
		r++;
	if (r == a || r == b || r - a > LABEL_MAX)
		return false;
	/* no "，", "。", "；", ',' or ';' wholly inside the label: one pass */
	const unsigned char *u = (const unsigned char *)s;
	for (uint32_t i = a; i < r; i++) {
		if (u[i] == ',' || u[i] == ';')
			return false;
		if (i + 3 > r)
			continue;
		if (u[i] == 0xEF && u[i + 1] == 0xBC && (u[i + 2] == 0x8C || u[i + 2] == 0x9B))
			return false;
		if (u[i] == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x82)
			return false;
	}
	size_t cuts[GLUED_MAX];
	size_t n = ss_glued_split(s, r, b, cuts, GLUED_MAX);
	if (n < 3 || cuts[n - 1] != b)
		return false;
	add_cell(t, s, a, r);
	for (size_t k = 0, from = r; k < n; from = cuts[k++])
		add_cell(t, s, (uint32_t)from, (uint32_t)cuts[k]);
	return true;
}

/* Whether line [a, b) has what parts cells: a tab, a pipe, two spaces.
 * Most lines are running text with none of them: one pass over the bytes
 * rather than the three of the splits, sixteen bytes at a time. */
static bool may_split(const char *s, uint32_t a, uint32_t b)
{
	uint32_t i = a;
	bool space = false; /* the byte before i is a space */
#ifdef __SSE2__
	/* Chinese running text has none of the three in most of its blocks of
	 * sixteen: one test of all three first, the spaces' pairs only then.
	 * The last bytes (fewer than sixteen) are read as the sixteen that end
	 * the line: those it shares with the blocks before were found to hold
	 * nothing, and a pair across its start was tested with them. */
	for (; i + 16 <= b; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i vs = _mm_cmpeq_epi8(v, _mm_set1_epi8(' '));
		__m128i any = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')),
		                                        _mm_cmpeq_epi8(v, _mm_set1_epi8('|'))), vs);
		unsigned m = (unsigned)_mm_movemask_epi8(any);
		if (!m) {
			space = false;
			continue;
		}
		unsigned sp = (unsigned)_mm_movemask_epi8(vs);
		if (m != sp || (sp & ((sp << 1) | space)))
			return true;
		space = sp >> 15;
	}
	if (i < b && b - a >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + b - 16));
		unsigned keep = 0xFFFFu << (16 - (b - i)); /* the lanes of [i, b) */
		__m128i vs = _mm_cmpeq_epi8(v, _mm_set1_epi8(' '));
		unsigned tp = (unsigned)_mm_movemask_epi8(_mm_or_si128(
			_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')), _mm_cmpeq_epi8(v, _mm_set1_epi8('|'))));
		unsigned sp = (unsigned)_mm_movemask_epi8(vs);
		/* the lane before i holds the byte before i: its space is known */
		unsigned prev = space ? 1u << (16 - (b - i) - 1) : 0;
		sp &= keep;
		return (tp & keep) || (sp & ((sp << 1) | (prev << 1)));
	}
#else
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	while (i + 8 <= b) {
		/* eight bytes at once: is any a tab, a pipe or a space? */
		uint64_t v, t, p, sp;
		memcpy(&v, s + i, 8);
		t = v ^ (ones * '\t');
		p = v ^ (ones * '|');
		sp = v ^ (ones * ' ');
		if ((((t - ones) & ~t) | ((p - ones) & ~p) | ((sp - ones) & ~sp)) & high)
			break;
		i += 8;
	}
#endif
	for (; i < b; i++) {
		char c = s[i];
		if (c == '\t' || c == '|' || (c == ' ' && space))
			return true;
		space = c == ' ';
	}
	return false;
}

/* Cut line [a, b) into cells; false (nothing added) when it is no row. */
static bool row_cells(ss_tables *t, const char *s, uint32_t a, uint32_t b, bool splits)
{
	size_t mark = t->ncells, n;
	if (!splits)
		return glued_cells(t, s, a, b); /* a split would give one cell */
	if (memchr(s + a, '\t', b - a))
		n = split(t, s, a, b, '\t');
	else if (count_char(s, a, b, '|') >= 2)
		n = split(t, s, a, b, '|');
	else
		n = split(t, s, a, b, ' ');
	if (n >= 2)
		return true;
	t->ncells = mark;
	return glued_cells(t, s, a, b);
}

void ss_tables_push_row(ss_tables *t, uint32_t a, uint32_t b, size_t cell, size_t ncells)
{
	ss_grow((void **)&t->rows, &t->caprows, t->nrows + 1, sizeof *t->rows);
	t->rows[t->nrows++] = (ss_row){a, b, (uint32_t)cell, (uint32_t)ncells};
}

static bool empty_cell(const ss_tables *t, size_t i)
{
	return t->cells[i].end == t->cells[i].start;
}

/* A figure of a row: a number, a percent, or dashes (-- for none). */
static bool figure_cell(const ss_tables *t, const char *s, size_t i)
{
	const char *p = s + t->cells[i].start;
	size_t n = t->cells[i].end - t->cells[i].start, d = 0;
	if (n > 1 && p[n - 1] == '%')
		n--;
	while (d < n && p[d] == '-')
		d++;
	return n && (d == n || ss_cell_is_number(p, n));
}

static bool name_cell(const ss_tables *t, const char *s, size_t i)
{
	return !empty_cell(t, i) && !figure_cell(t, s, i);
}

/* Whether every figure before a name in cells [from, end) crosses exactly
 * one empty cell, twice at least: then one empty cell parts rows. */
static bool one_gap_rows(const ss_tables *t, const char *s, size_t from, size_t end)
{
	size_t ones = 0;
	for (size_t i = from + 1; i < end; i++) {
		if (!name_cell(t, s, i))
			continue;
		size_t j = i;
		while (j > from && empty_cell(t, j - 1))
			j--;
		if (j == from || !figure_cell(t, s, j - 1))
			continue;
		if (i - j != 1)
			return false;
		ones++;
	}
	return ones >= 2;
}

/* The width of rows run on without a cell between them in cells [a, e): a
 * name at every multiple of it, figures or empty cells between, none at
 * the end short. 0 when the cells are no such rows. */
static size_t run_on_width(const ss_tables *t, const char *s, size_t a, size_t e)
{
	size_t w = 0;
	for (size_t i = a + 1; i < e && !w; i++)
		if (name_cell(t, s, i))
			w = i - a;
	if (w < 3 || (e - a) % w)
		return 0;
	for (size_t i = a; i < e; i++)
		if ((i - a) % w ? name_cell(t, s, i) : !name_cell(t, s, i))
			return 0;
	return w;
}

static bool has_digit(const ss_tables *t, const char *s, size_t i)
{
	for (uint32_t k = t->cells[i].start; k < t->cells[i].end; k++)
		if (s[k] >= '0' && s[k] <= '9')
			return true;
	return false;
}

/* A data page's table flattened with no empty cell anywhere (`业绩预告 |
 * 截止日期 | 预测指标 | … | 2024-06-30 | 净利润 | …`): a title of a cell or
 * two, a header of names without digits, then records of as many cells,
 * each opening with a cell that holds digits (a date, a code), the records
 * alike in which of their cells hold digits. The header's width, 0 when
 * the cells [a, e) are no such table; *title is where the header begins. */
static size_t records_width(const ss_tables *t, const char *s, size_t a, size_t e,
                            size_t *title)
{
	for (size_t h = a; h <= a + 2 && h < e; h++) {
		size_t w = 0;
		while (h + w < e && name_cell(t, s, h + w) && !has_digit(t, s, h + w))
			w++;
		if (w < 3 || h + w >= e || (e - h) % w || !has_digit(t, s, h + w))
			continue;
		bool alike = true;
		for (size_t r = h + 2 * w; r < e && alike; r += w)
			for (size_t c = 0; c < w && alike; c++)
				alike = has_digit(t, s, r + c) == has_digit(t, s, h + w + c) &&
				        empty_cell(t, r + c) == empty_cell(t, h + w + c);
		if (alike) {
			*title = h;
			return w;
		}
	}
	return 0;
}

typedef struct {
	size_t from, to; /* cells [from, to) */
} segment;

/* Cut cells [cell, end) of a flattened line where one row ends and the
 * next begins: two or more empty cells before a name, one after a
 * figure, or one anywhere when one_gap_rows says so. */
static size_t cut_rows(const ss_tables *t, const char *s, size_t cell, size_t end,
                       segment **seg, size_t *cap)
{
	bool one_gap = one_gap_rows(t, s, cell, end);
	size_t n = 0, from = cell;
	for (size_t i = cell; i < end;) {
		size_t j = i;
		while (j < end && empty_cell(t, j))
			j++;
		bool parts = i > from && j < end && name_cell(t, s, j) &&
		             (j - i >= 2 || (j - i == 1 && (one_gap || figure_cell(t, s, i - 1))));
		if (parts) {
			ss_grow((void **)seg, cap, n + 1, sizeof **seg);
			(*seg)[n++] = (segment){from, i};
			from = i = j;
			continue;
		}
		i = j > i ? j : i + 1;
	}
	ss_grow((void **)seg, cap, n + 1, sizeof **seg);
	(*seg)[n++] = (segment){from, end};
	return n;
}

/* The cells from cell on as one row, or as several when a long line holds
 * a whole table flattened (`| 营业额 | 1 | 2 | | | 毛利 | 3 | 4 | | |`, see
 * cut_rows). A piece holding several rows run on (`| 85,262,000 | 銷售成本
 * |`) is cut at its rows' width, when that is the width of the line's
 * other rows. On the first line of a table, pieces of one cell ahead of
 * its first row of several (a title, 單位:新台幣仟元) are its head: the
 * return is where they end, 0 when there are none. */
static uint32_t add_row(ss_tables *t, const char *s, uint32_t a, uint32_t b, size_t cell,
                        bool first)
{
	size_t end = t->ncells;
	if (end - cell < FLAT_CELLS) {
		ss_tables_push_row(t, a, b, cell, end - cell);
		return 0;
	}
	segment *seg = NULL;
	size_t cap = 0, n = cut_rows(t, s, cell, end, &seg, &cap), width = 0, k = 0, title;
	size_t rw = n == 1 ? records_width(t, s, cell, end, &title) : 0;
	if (rw) { /* the title is the head, then the header and its records */
		for (size_t r = title; r < end; r += rw)
			ss_tables_push_row(t, t->cells[r].start, r + rw == end ? b : t->cells[r + rw - 1].end, r, rw);
		free(seg);
		return first && title > cell ? t->cells[title - 1].end : 0;
	}
	for (size_t i = 0; i < n && !width; i++) /* the first piece of one label and figures */
		if (seg[i].to - seg[i].from >= 3 && !run_on_width(t, s, seg[i].from, seg[i].to)) {
			bool figures = true;
			for (size_t c = seg[i].from + 1; c < seg[i].to && figures; c++)
				figures = !name_cell(t, s, c);
			width = figures && name_cell(t, s, seg[i].from) ? seg[i].to - seg[i].from : 0;
		}
	uint32_t head = 0;
	if (first) {
		while (k < n && seg[k].to - seg[k].from == 1)
			k++;
		if (k < n && k > 0)
			head = t->cells[seg[k - 1].from].end;
		else
			k = 0;
	}
	for (; k < n; k++) {
		size_t from = seg[k].from, to = seg[k].to;
		size_t w = run_on_width(t, s, from, to);
		if (!w || (width && w != width))
			w = to - from;
		for (size_t r = from; r < to; r += w)
			ss_tables_push_row(t, t->cells[r].start, n == 1 && w == to - from ? b : t->cells[r + w - 1].end,
			         r, w);
	}
	free(seg);
	return head;
}

void ss_tables_add_table(ss_tables *t, size_t row, uint32_t hs, uint32_t he)
{
	ss_grow((void **)&t->tables, &t->captables, t->ntables + 1, sizeof *t->tables);
	t->tables[t->ntables++] = (ss_table){(uint32_t)row, (uint32_t)(t->nrows - row), hs, he,
	                                     false};
}

/* Ends a line of running text: a head never reaches above it. */
static bool prose_line(const char *s, uint32_t a, uint32_t b)
{
	trim(s, &a, &b);
	if (b - a > HEAD_LINE_MAX)
		return true;
	static const char *const ends[] = {"。", ":", "：", ";", "；"};
	for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
		size_t n = strlen(ends[k]);
		if (b - a >= n && !memcmp(s + b - n, ends[k], n))
			return true;
	}
	return false;
}

typedef struct {
	uint32_t a, b;
	int8_t splits; /* may_split of the line: 1, 0, or -1 not asked yet */
} line;

/* may_split of line l, read once: the look ahead for a table of words asks
 * it of the lines the main loop then reaches. */
static bool line_splits(const char *s, line *l)
{
	if (l->splits < 0)
		l->splits = may_split(s, l->a, l->b);
	return l->splits;
}

/* The head of a table whose first row is line k: the lines above it back
 * to running text, another table, or HEAD_LINES lines. */
static void head_of(const char *s, const line *ln, size_t k, size_t floor, uint32_t *hs,
                    uint32_t *he)
{
	*hs = *he = k ? ln[k - 1].b : 0;
	for (size_t i = k, seen = 0; i > floor && seen < HEAD_LINES; i--) {
		const line *l = &ln[i - 1];
		if (blank(s, l->a, l->b))
			continue;
		if (prose_line(s, l->a, l->b)) {
			/* a 单位 line ends with its unit, never with a full stop; a
			 * line ending in a colon may still name the unit */
			if (!*hs || *hs == *he)
				*hs = *he = l->b;
			break;
		}
		*hs = l->a;
		seen++;
	}
	if (*hs == *he && k)
		*hs = *he = ln[k].a;
}

int ss_bare_year(const char *p, size_t n)
{
	if (n != 4)
		return -1;
	int y = 0;
	for (int i = 0; i < 4; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		y = y * 10 + (p[i] - '0');
	}
	return y >= 1900 && y < 2100 ? y : -1;
}

static int year_cell(const char *s, const ss_cell *x)
{
	return ss_bare_year(s + x->start, x->end - x->start);
}

/* A header of bare years (`項目  2018  2017  變動`, and Hong Kong's reports
 * write their columns so) names periods: its numbers are two or more years,
 * each a year before or after the one before it, and no other number. */
bool ss_row_has_numbers(const ss_tables *t, const char *s, const ss_row *r)
{
	int prev = -1, years = 0;
	bool run = true, numbers = false;
	for (uint32_t c = 0; c < r->ncells; c++) {
		const ss_cell *x = &t->cells[r->cell + c];
		size_t n = x->end - x->start;
		int y = year_cell(s, x);
		if (y >= 0) {
			run = run && (prev < 0 || y == prev + 1 || y == prev - 1);
			prev = y;
			years++;
			numbers = numbers || c > 0;
			continue;
		}
		if (n && s[x->start + n - 1] == '%')
			n--;
		if (c > 0 && n && ss_cell_is_number(s + x->start, n))
			return true;
	}
	return numbers && !(run && years >= 2);
}

void ss_tables_find(const char *s, size_t len, ss_tables *t)
{
	t->ntables = t->nrows = t->ncells = 0;
	line *ln = NULL;
	size_t nl = 0, capl = 0;
	for (uint32_t a = 0; a <= len;) {
		const char *nlp = memchr(s + a, '\n', len - a);
		uint32_t b = nlp ? (uint32_t)(nlp - s) : (uint32_t)len;
		ss_grow((void **)&ln, &capl, nl + 1, sizeof *ln);
		ln[nl++] = (line){a, b, -1};
		if (!nlp)
			break;
		a = b + 1;
	}
	size_t spaced_from = 0; /* lines before it were tried as words */
	size_t open = SIZE_MAX; /* the first row of the table being built */
	size_t floor = 0;       /* the line after the last table */
	bool data = false;      /* the open table has a row of figures */
	for (size_t k = 0; k < nl; k++) {
		uint32_t a = ln[k].a, b = ln[k].b;
		if (blank(s, a, b))
			continue;
		size_t cell = t->ncells;
		if (delimiter_row(s, a, b) && open != SIZE_MAX)
			continue; /* |---|---|: under the header */
		if (row_cells(t, s, a, b, line_splits(s, &ln[k]))) {
			if (open == SIZE_MAX) {
				open = t->nrows;
				data = false;
				uint32_t hs, he;
				head_of(s, ln, k, floor, &hs, &he);
				uint32_t lead = add_row(t, s, a, b, cell, true);
				if (lead) /* its head goes on into the line */
					he = lead;
				ss_tables_add_table(t, open, hs, he);
			} else {
				size_t before = t->nrows;
				add_row(t, s, a, b, cell, false);
				bool numbers = ss_row_has_numbers(t, s, &t->rows[t->nrows - 1]);
				if (t->nrows - before > 1) {
					t->tables[t->ntables - 1].nrows += (uint32_t)(t->nrows - before);
				} else if (data && !numbers) {
					/* names after figures: the header of the next table */
					uint32_t at = t->rows[t->nrows - 1].start;
					ss_tables_add_table(t, t->nrows - 1, at, at);
					data = false;
				} else {
					t->tables[t->ntables - 1].nrows++;
				}
			}
			data = data || ss_row_has_numbers(t, s, &t->rows[t->nrows - 1]);
			floor = k + 1;
			continue;
		}
		open = SIZE_MAX;
		/* a whole table in one line of words, or in lines of them up to a
		 * blank line or a row of cells (tried once over each such block) */
		if (k >= spaced_from) {
			size_t j = k + 1;
			while (j < nl && j - k < SPACED_LINES && ln[j].b - a <= SPACED_BLOCK &&
			       !blank(s, ln[j].a, ln[j].b) && !line_splits(s, &ln[j]))
				j++;
			spaced_from = j;
			if (ss_tables_spaced(t, s, a, ln[j - 1].b)) {
				floor = j;
				k = j - 1;
				continue;
			}
		}
		/* a lone number under a short label: a row of its own */
		uint32_t va = a, vb = b;
		trim(s, &va, &vb);
		if (k > 0 && ss_cell_is_number(s + va, vb - va)) {
			uint32_t la = ln[k - 1].a, lb = ln[k - 1].b;
			trim(s, &la, &lb);
			if (la < lb && lb - la <= LABEL_MAX && !prose_line(s, la, lb) &&
			    !ss_cell_is_number(s + la, lb - la)) {
				add_cell(t, s, la, lb);
				add_cell(t, s, va, vb);
				ss_tables_push_row(t, la, vb, cell, 2);
				ss_tables_add_table(t, t->nrows - 1, la, la);
				floor = k + 1;
			}
		}
	}
	free(ln);
	/* The first row names the columns when no cell after its first is a
	 * number (2023年 and 本报告期 are not). */
	for (size_t i = 0; i < t->ntables; i++) {
		ss_table *tb = &t->tables[i];
		if (tb->nrows < 2)
			continue;
		bool numbers = ss_row_has_numbers(t, s, &t->rows[tb->row]);
		tb->header = !numbers;
	}
}

void ss_tables_release(ss_tables *t)
{
	free(t->tables);
	free(t->rows);
	free(t->cells);
	memset(t, 0, sizeof *t);
}
