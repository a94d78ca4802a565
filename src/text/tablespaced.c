/* tablespaced.c - a table flattened onto one line with single spaces between
 * its cells (or onto lines of them, a row a line), English and Chinese side
 * by side, as a Hong Kong annual report's highlights read when the page is
 * taken as text:
 *
 *   2018 2017 % 二零一八年 二零一七年 Change HK$'000 HK$'000 % 港幣千元 港幣千元 變動
 *   Revenue 營業額 2,254,170 2,113,258 +6.7 Gross profit 毛利 267,467 196,065 +36.4 …
 *
 * Nothing but the spaces parts the cells, so the line is read as words:
 * runs of figures of one length are the rows, each after its label; a run of
 * years that follow each other is a header, and the words after it name the
 * columns' units. The rows go into the tables as the other finders' do: a
 * header row of the years, a row of the units, then a label and its figures
 * a row, so that the facts stage reads them as any other table. */
#include <stdlib.h>
#include <string.h>
#include "text.h"

/* Fewer spaces than this in the line (or the block of lines): running
 * text, not looked at again. */
#define SPACED_MIN_SPACES 20
/* A longer line or block is no page of highlights: not read as words,
 * which would cost a word's 16 bytes for every two bytes of digits. */
#define SPACED_MAX_LINE 65536
/* The fewest rows of one width that make a table of the words. */
#define SPACED_MIN_ROWS 3
/* The widest row read: figures after the label. */
#define SPACED_MAX_WIDTH 8

enum { W_WORD, W_FIGURE, W_YEAR };

typedef struct {
	uint32_t a, b;
	int kind;
	int year; /* W_YEAR: the year */
} word;

static bool starts(const char *p, size_t n, const char *w)
{
	size_t k = strlen(w);
	return n >= k && !memcmp(p, w, k);
}

/* A figure as such a table writes one: a number with a sign, thousands
 * commas or accounting parentheses, then % or pp; a dash or N/A for none;
 * an en dash or a minus sign as the sign (–20.6pp). */
static int kind_of(const char *p, size_t n, int *year)
{
	if ((*year = ss_bare_year(p, n)) >= 0)
		return W_YEAR;
	if ((n == 3 && !memcmp(p, "N/A", 3)) || (n == 1 && p[0] == '-') || (n == 3 && starts(p, n, "–")) ||
	    (n == 3 && starts(p, n, "—")))
		return W_FIGURE;
	if (starts(p, n, "–") || starts(p, n, "−")) {
		p += 3;
		n -= 3;
	}
	if (n > 2 && !memcmp(p + n - 2, "pp", 2))
		n -= 2;
	else if (n > 1 && p[n - 1] == '%')
		n--;
	return n && ss_cell_is_number(p, n) ? W_FIGURE : W_WORD;
}

static bool is_figure(const word *w)
{
	return w->kind != W_WORD;
}

/* Whether w holds a Chinese character (any 3-byte UTF-8 from U+3400 on). */
static bool has_han(const char *s, const word *w)
{
	for (uint32_t i = w->a; i + 2 < w->b; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0xE3 && c <= 0xE9)
			return true;
	}
	return false;
}

static bool han_first(const char *s, const word *w)
{
	unsigned char c = (unsigned char)s[w->a];
	return c >= 0xE3 && c <= 0xE9;
}

/* Words of the English side in parentheses ((HK, cents), (Note, (b))) or
 * a bracket alone belong to the label they stand in. */
static bool bracketed(const char *s, const word *w)
{
	return s[w->a] == '(' || s[w->b - 1] == ')';
}

/* The label of the row whose figures begin at word r, from the words after
 * floor: the Chinese words before the figures (營業額 after Revenue), with
 * what they hold in parentheses. A label all in parentheses takes the name
 * before it and the Chinese words before that (EBITDA (附註), 經調整 EBITDA
 * (附註 (a) )). Returns the first word, r when none. */
static size_t label_of(const char *s, const word *w, size_t floor, size_t r)
{
	size_t i = r;
	while (i > floor && (has_han(s, &w[i - 1]) || bracketed(s, &w[i - 1])) &&
	       !is_figure(&w[i - 1]))
		i--;
	while (i < r && !han_first(s, &w[i]))
		i++;
	if (i == r) { /* no word opens on a Chinese character: 經調整 EBITDA (附註 (a) ) */
		while (i > floor && bracketed(s, &w[i - 1]) && !is_figure(&w[i - 1]))
			i--;
		if (i < r && i > floor && !is_figure(&w[i - 1]) && !has_han(s, &w[i - 1]))
			i--;
		while (i > floor && has_han(s, &w[i - 1]) && !bracketed(s, &w[i - 1]) &&
		       !is_figure(&w[i - 1]))
			i--;
	}
	return i;
}

/* A run of years that follow each other, each a year before the last or
 * after it: a header. */
static bool years_run(const word *w, size_t from, size_t to)
{
	if (to - from < 2)
		return false;
	for (size_t i = from; i < to; i++)
		if (w[i].kind != W_YEAR ||
		    (i > from && w[i].year != w[i - 1].year + 1 && w[i].year != w[i - 1].year - 1))
			return false;
	return true;
}

/* Whether running text's punctuation stands in s[a, b): a comma, a full
 * stop or a semicolon of Chinese text. */
static bool prose_between(const char *s, uint32_t a, uint32_t b)
{
	static const char *const marks[] = {"，", "。", "；"};
	for (uint32_t i = a; i + 3 <= b; i++)
		if ((unsigned char)s[i] == 0xEF || (unsigned char)s[i] == 0xE3)
			for (size_t k = 0; k < 3; k++)
				if (!memcmp(s + i, marks[k], 3))
					return true;
	return false;
}

typedef struct {
	size_t from, to; /* words [from, to) */
} run;

/* The years of a header in run r, after what a title ends with (ANNUAL
 * REPORT 2019 2019 2018): false when it holds none. */
static bool header_years(const word *w, const run *r, size_t width, run *years)
{
	*years = *r;
	while (years->to - years->from > 2 && !years_run(w, years->from, years->to))
		years->from++;
	return years_run(w, years->from, years->to) && years->to - years->from <= width;
}

static bool header_run(const word *w, const run *r, size_t width)
{
	run y;
	return header_years(w, r, width, &y);
}

/* The header over the rows from run r on: its years, the word after them
 * when it names the last column (%), the row of units after them (港幣千元
 * 港幣千元 變動: as many of one word as there are years, and the next). */
static void add_header(ss_tables *t, const char *s, const word *w, const run *y, size_t width,
                       size_t units_to)
{
	size_t m = y->to - y->from;
	uint32_t at = w[y->from].a;
	size_t cell = t->ncells;
	ss_tables_add_cell(t, at, at); /* the corner */
	for (size_t i = y->from; i < y->to; i++)
		ss_tables_add_cell(t, w[i].a, w[i].b);
	for (size_t c = m; c < width; c++) {
		const word *x = c == m && y->to < units_to ? &w[y->to] : NULL;
		if (x && !has_han(s, x) && !is_figure(x))
			ss_tables_add_cell(t, x->a, x->b);
		else
			ss_tables_add_cell(t, at, at);
	}
	ss_tables_push_row(t, at, w[y->to - 1].b, cell, width + 1);
	/* the units: m Chinese words alike after the years */
	for (size_t i = y->to; i + m <= units_to; i++) {
		bool alike = has_han(s, &w[i]);
		for (size_t k = 1; k < m && alike; k++)
			alike = w[i + k].b - w[i + k].a == w[i].b - w[i].a &&
			        !memcmp(s + w[i + k].a, s + w[i].a, w[i].b - w[i].a);
		if (!alike)
			continue;
		cell = t->ncells;
		ss_tables_add_cell(t, w[i].a, w[i].a);
		for (size_t k = 0; k < m; k++)
			ss_tables_add_cell(t, w[i + k].a, w[i + k].b);
		size_t last = i + m;
		for (size_t c = m; c < width; c++, last++) {
			if (last < units_to && !is_figure(&w[last]) &&
			    (has_han(s, &w[last]) || (w[last].b - w[last].a == 1 && s[w[last].a] == '%')))
				ss_tables_add_cell(t, w[last].a, w[last].b);
			else
				ss_tables_add_cell(t, w[i].a, w[i].a);
		}
		ss_tables_push_row(t, w[i].a, w[i + m - 1].b, cell, width + 1);
		return;
	}
}

/* A label of its own before a row's English words, its unit in brackets
 * (… 盈利╱(虧損)(港仙) Basic 基本 5.63): the parent of the rows after it,
 * a row of one cell. */
static void add_parent(ss_tables *t, const char *s, const word *w, size_t lo, size_t l)
{
	size_t q = l;
	while (q > lo && !has_han(s, &w[q - 1]) && !is_figure(&w[q - 1]))
		q--;
	if (q == l)
		return;
	size_t p = q;
	while (p > lo && has_han(s, &w[p - 1]) && !is_figure(&w[p - 1]))
		p--;
	if (p == q || s[w[q - 1].b - 1] != ')')
		return;
	size_t cell = t->ncells;
	ss_tables_add_cell(t, w[p].a, w[q - 1].b);
	ss_tables_push_row(t, w[p].a, w[q - 1].b, cell, 1);
}

static bool parts_words(char c)
{
	return c == ' ' || c == '\r' || c == '\n';
}

/* The first byte of s[i, b) that parts words, or b: a word of Chinese
 * prose runs for hundreds of bytes, read sixteen at a time. */
static uint32_t word_end(const char *s, uint32_t i, uint32_t b)
{
	i = (uint32_t)ss_find_any16((const unsigned char *)s, i, b, ' ', '\r', '\n', ' ',
	                            ' ', ' ');
	while (i < b && !parts_words(s[i]))
		i++;
	return i;
}

bool ss_tables_spaced(ss_tables *t, const char *s, uint32_t a, uint32_t b)
{
	if (b - a > SPACED_MAX_LINE)
		return false;
	/* most lines are Chinese prose, with no space or a few */
	size_t spaces = 0;
	for (const char *p = s + a; spaces < SPACED_MIN_SPACES && (p = memchr(p, ' ', s + b - p));
	     p++)
		spaces++;
	if (spaces < SPACED_MIN_SPACES)
		return false;
	word *w = NULL;
	size_t nw = 0, capw = 0;
	for (uint32_t i = a; i < b;) {
		while (i < b && parts_words(s[i]))
			i++;
		uint32_t e = word_end(s, i, b);
		if (e == i)
			break;
		ss_grow((void **)&w, &capw, nw + 1, sizeof *w);
		w[nw] = (word){i, e, W_WORD, 0};
		w[nw].kind = kind_of(s + i, e - i, &w[nw].year);
		nw++;
		i = e;
	}
	/* the runs of figures, and how many there are of each width */
	run *runs = NULL;
	size_t nr = 0, capr = 0, count[SPACED_MAX_WIDTH + 1] = {0};
	for (size_t i = 0; i < nw;) {
		if (!is_figure(&w[i])) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < nw && is_figure(&w[j]))
			j++;
		ss_grow((void **)&runs, &capr, nr + 1, sizeof *runs);
		runs[nr++] = (run){i, j};
		if (j - i >= 2 && j - i <= SPACED_MAX_WIDTH && !years_run(w, i, j))
			count[j - i]++;
		i = j;
	}
	size_t width = 0;
	for (size_t k = 2; k <= SPACED_MAX_WIDTH; k++)
		if (count[k] >= SPACED_MIN_ROWS && count[k] > (width ? count[width] : 0))
			width = k;
	bool any = false;
	uint32_t head_from = a; /* a table's head: from the end of the one before */
	/* Each header opens a table; its rows are the runs of that width up to
	 * the next header. */
	for (size_t h = 0; width && h < nr; h++) {
		run yr;
		if (!header_years(w, &runs[h], width, &yr))
			continue;
		const run *y = &yr;
		size_t first = h + 1, end = first, rows = 0;
		for (; end < nr && !header_run(w, &runs[end], width); end++)
			rows += runs[end].to - runs[end].from == width;
		if (rows < 2)
			continue;
		while (first < end && runs[first].to - runs[first].from != width)
			first++;
		/* the units stand between the years and the first row's label */
		size_t lab = label_of(s, w, y->to, runs[first].from);
		uint32_t last_end = w[runs[end - 1].to - 1].b;
		for (size_t r = end; r > first && runs[r - 1].to - runs[r - 1].from != width; r--)
			last_end = w[runs[r - 2].to - 1].b;
		if (prose_between(s, w[y->from].a, last_end))
			continue;
		size_t row0 = t->nrows;
		add_header(t, s, w, y, width, lab);
		size_t floor = lab;
		for (size_t r = first; r < end; r++) {
			const run *x = &runs[r];
			if (x->to - x->from != width) {
				floor = x->to;
				continue;
			}
			size_t lo = floor > y->to ? floor : y->to, l = label_of(s, w, lo, x->from);
			add_parent(t, s, w, lo, l);
			size_t cell = t->ncells;
			uint32_t la = l < x->from ? w[l].a : w[x->from].a;
			ss_tables_add_cell(t, la, l < x->from ? w[x->from - 1].b : la);
			for (size_t i = x->from; i < x->to; i++)
				ss_tables_add_cell(t, w[i].a, w[i].b);
			ss_tables_push_row(t, la, w[x->to - 1].b, cell, width + 1);
			floor = x->to;
		}
		ss_tables_add_table(t, row0, head_from, w[y->from].a);
		head_from = t->rows[t->nrows - 1].end;
		any = true;
		h = end - 1;
	}
	free(runs);
	free(w);
	return any;
}
