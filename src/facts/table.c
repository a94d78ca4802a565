/* table.c - figures in table cells (the tables are the text stage's, see
 * text/table.c): a cell's unit from its column header, its row label or the
 * table's unit line (单位：万元), its subject from the row label, its period
 * from the column header, and its sign from a change column (增减, 变动幅度).
 *
 * A unit is read by the grammar itself: `万元` is whatever the rules make of
 * `1万元` (10,000 CNY), so every unit the rules know works in a table too and
 * no unit word is written here. A bare number becomes a fact only in a table
 * that names a unit; a ticker table without units gains nothing. The words
 * are the lexicon tables cell_unit_mark, cell_change, cell_period, cell_skip,
 * cell_unit_word and cell_time (rules/table.rules). */
#include <stdlib.h>
#include <string.h>

#include "../numeral/numeral.h"
#include "../text/fold.h"
#include "tableunit.h"

#define LABEL_MAX 96
/* A cell's rule fact takes the row and column when it is most of the cell. */
#define CELL_SLACK 6
/* How far (bytes) a note column holds on past its table's last row. */
#define NOTES_REACH 1500

/* The cells of a row, by column. */
static const ss_cell *cell_of(const ss_tables *t, const ss_row *r, size_t j)
{
	return j < r->ncells ? &t->cells[r->cell + j] : NULL;
}

/* What a column header says. */
typedef struct {
	bool skip, change;
	unit u;
	size_t ps, pe; /* its period, ps == pe when none */
	size_t ns, ne; /* its name, without a unit in brackets */
} column;

static column read_column(tcx *cx, const ss_cell *h)
{
	column c = {0};
	if (!h || h->end <= h->start)
		return c;
	size_t a = h->start, b = h->end, ws, we, cut;
	c.skip = find_word(cx, cx->skip, a, b, &ws, &we);
	c.change = find_word(cx, cx->change, a, b, &ws, &we);
	c.u = ss_tu_named(cx, a, b, &cut);
	c.ns = a;
	c.ne = cut;
	ss_th_trim(cx->s, &c.ns, &c.ne);
	if (c.change) {
		if (find_word(cx, cx->period, a, b, &ws, &we) && ws < we) {
			c.ps = ws;
			c.pe = we;
		}
	} else if (ss_th_has_year(cx->s, a, cut) || find_word(cx, cx->period, a, cut, &ws, &we)) {
		size_t pa = a, pb = cut;
		ss_th_trim(cx->s, &pa, &pb);
		c.ps = pa;
		c.pe = pb;
	}
	return c;
}

/* A row label: its subject span (numbering, 其中: and a note mark cut
 * off), its period (a label opening with 上年同期), its unit. */
typedef struct {
	bool skip;
	bool when; /* the label is a time (2024/10, 2023年): rows are periods */
	unit u;
	size_t ss, se, ps, pe;
	size_t ns, ne; /* a time's row: the name it holds (a record's 预测指标) */
} label;

static label read_label(tcx *cx, const ss_cell *c)
{
	label l = {0};
	size_t a = c->start, b = c->end, ws, we, cut;
	const char *s = cx->s;
	l.u = ss_tu_named(cx, a, b, &cut);
	b = cut;
	size_t ia, ib, open; /* a note mark: 已发行A股 (1) */
	if (ss_tu_paren(s, a, b, &ia, &ib, &open)) {
		bool digits = ia < ib;
		for (size_t i = ia; i < ib; i++)
			digits = digits && s[i] >= '0' && s[i] <= '9';
		if (digits)
			b = open;
	}
	/* or one that names the note: EBITDA (附註), 負債比率 (附註 (b) ) */
	for (size_t i = a + 1; i + 1 < b; i++) {
		size_t w = i + 1 + (s[i + 1] == ' ');
		if (s[i] == '(' && w < b && ss_th_word(cx->rs, cx->w.note, s, w, b)) {
			b = i;
			break;
		}
	}
	ss_th_trim(s, &a, &b);
	/* a row of codes or dates, not one whose note is named */
	l.skip = find_word(cx, cx->skip, a, b, &ws, &we);
	/* numbering and a short lead-in ending in a colon: 一、 (一) 其中: 加: */
	for (size_t i = a; i < b && i < a + 16; i += char_len(s, i, b)) {
		bool dun = i + 3 <= b && !memcmp(s + i, "、", 3);
		if (s[i] == ':' || dun || (s[i] == ')' && s[a] == '(')) {
			a = i + (dun ? 3 : 1);
			break;
		}
	}
	ss_th_trim(s, &a, &b);
	if (a < b && word_at(cx, cx->period, a, b)) {
		size_t n = word_at(cx, cx->period, a, b);
		l.ps = a;
		l.pe = a + n;
		a += n;
	}
	l.ss = a;
	l.se = b;
	/* a time and nothing more: digits, separators, period words */
	bool when = ss_th_has_year(s, a, b);
	for (size_t i = a; i < b && when;) {
		size_t n = word_at(cx, cx->period, i, b);
		if (!n)
			n = word_at(cx, cx->time, i, b);
		if (n) {
			i += n;
			continue;
		}
		when = (s[i] >= '0' && s[i] <= '9') || s[i] == '/' || s[i] == '-' || s[i] == '.' ||
		       s[i] == ' ';
		i += char_len(s, i, b);
	}
	l.when = when;
	return l;
}

/* A cell of a time's row, ahead of its figures, naming what the row
 * measures: Chinese words alone, two characters at least (扣除非经常性损益后
 * 的净利润 in a record of 业绩预告). False at the first cell with a digit. */
static bool name_of_record(const tcx *cx, const ss_cell *c, label *l)
{
	size_t a = c->start, b = c->end;
	ss_th_trim(cx->s, &a, &b);
	bool words = a < b && b - a <= LABEL_MAX && b - a >= 6;
	for (size_t i = a; i < b; i++) {
		if (cx->s[i] >= '0' && cx->s[i] <= '9')
			return false;
		words = words && (unsigned char)cx->s[i] >= 0x80;
	}
	if (words) {
		l->ns = a;
		l->ne = b;
	}
	return true;
}

/* A change column's figure is a change, its sign its direction. */
static void change_of(ss_fact *f, const column *col)
{
	if (col->change && f->kind != SS_KIND_CHANGE &&
	    (f->kind == SS_KIND_PERCENT || f->kind == SS_KIND_MONEY || f->kind == SS_KIND_COUNT)) {
		f->kind = SS_KIND_CHANGE;
		f->direction = f->value < 0 ? SS_DIR_DOWN : f->value > 0 ? SS_DIR_UP : SS_DIR_NONE;
	}
	f->table_cell = true;
}

/* A cell's fact takes its row's subject, its column's period (else the
 * label's), and a change column's kind and sign; the flag keeps later
 * attachment off them. */
static void set_from_table(tcx *cx, ss_fact *f, const label *l, const column *col,
                           const ss_row *r)
{
	ss_doc *doc = cx->doc;
	ss_tspan row = ss_doc_norm_to_text(doc, r->start, r->end);
	if (l->when && (col->ne > col->ns || l->ne > l->ns)) {
		/* rows of months, columns of metrics: the other way round; a
		 * record's own name before its column's, a column's period
		 * (上年同期值) before the record's date */
		f->subject = l->ne > l->ns ? ss_doc_norm_to_text(doc, l->ns, l->ne)
		                           : ss_doc_norm_to_text(doc, col->ns, col->ne);
		bool cp = col->pe > col->ps && !col->change &&
		          word_at(cx, cx->period, col->ps, col->pe); /* 上年同期值 */
		f->period = cp ? ss_doc_norm_to_text(doc, col->ps, col->pe)
		               : ss_doc_norm_to_text(doc, l->ss, l->se);
		change_of(f, col);
		return;
	}
	if (l->se > l->ss)
		f->subject = ss_doc_norm_to_text(doc, l->ss, l->se);
	if (col->pe > col->ps)
		f->period = ss_doc_norm_to_text(doc, col->ps, col->pe);
	else if (l->pe > l->ps)
		f->period = ss_doc_norm_to_text(doc, l->ps, l->pe);
	else if (f->period.start < row.start || f->period.end > row.end)
		f->period = (ss_tspan){0, 0}; /* what the text around says is no column's */
	change_of(f, col);
}

static void set_num(char *dst, size_t cap, const ss_number *n)
{
	size_t k = strlen(n->str);
	if (k >= cap)
		k = cap - 1;
	memcpy(dst, n->str, k);
	dst[k] = '\0';
}

/* A bare number in a cell as a fact of unit u; false when it reads as none. */
static bool bare_fact(tcx *cx, const ss_cell *c, const unit *u, ss_fact *f)
{
	const char *s = cx->s + c->start;
	size_t n = c->end - c->start, i = 0, e = n;
	if (n > 1 && s[n - 1] == '%')
		e--;
	bool neg = false;
	if (s[0] == '(') { /* accounting parentheses: a negative amount */
		neg = true;
		i++;
		e--;
	}
	if (s[i] == '-' || s[i] == '+') {
		neg = neg != (s[i] == '-');
		i++;
	}
	ss_number v;
	if (!ss_numeral_parse(s + i, e - i, &v))
		return false;
	if (u->scale != 1.0)
		ss_number_mul(&v, u->scale);
	if (neg && v.value != 0)
		ss_number_negate(&v);
	memset(f, 0, sizeof *f);
	f->kind = u->kind;
	f->value = v.value;
	set_num(f->value_str, sizeof f->value_str, &v);
	memcpy(f->unit, u->unit, sizeof f->unit);
	f->qualifier = SS_QUAL_EXACT;
	f->has_low = f->has_high = 1;
	f->low = f->high = v.value;
	set_num(f->low_str, sizeof f->low_str, &v);
	set_num(f->high_str, sizeof f->high_str, &v);
	f->text = ss_doc_norm_to_text(cx->doc, c->start, c->end);
	f->rule_id = "table.cell";
	return true;
}

static int by_start(const void *x, const void *y)
{
	const ss_fact *a = x, *b = y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return (a->end > b->end) - (a->end < b->end);
}

/* Merge the new facts (sorted) into doc->facts, kept in source order. */
static void merge(ss_doc *doc, ss_fact *add, size_t nadd)
{
	if (!nadd)
		return;
	qsort(add, nadd, sizeof *add, by_start);
	size_t n = doc->nfacts;
	ss_grow((void **)&doc->facts, &doc->capfacts, n + nadd, sizeof *add);
	size_t i = n, j = nadd, k = n + nadd;
	while (j > 0) {
		if (i > 0 && by_start(&doc->facts[i - 1], &add[j - 1]) > 0)
			doc->facts[--k] = doc->facts[--i];
		else
			doc->facts[--k] = add[--j];
	}
	doc->nfacts = n + nadd;
}

/* The cells of a header but its empty ones at the end. */
static size_t named_cells(const ss_cell *hc, size_t hn)
{
	while (hn > 0 && hc[hn - 1].end == hc[hn - 1].start)
		hn--;
	return hn;
}

/* The header cell over data column j of row r. A header written without
 * its corner cell stands one left (`| 2024中报 | … | |`, its last cell
 * empty, or one cell short, or short of the row but for empty cells at
 * its end); one with a cell more than the row (a label header spaced out
 * as `项\t目`) is aligned on the right. Other counts
 * give no header cell: which column is which is not known. */
static const ss_cell *header_cell(const ss_cell *hc, size_t hn, const ss_row *r, size_t j)
{
	if (!hn)
		return NULL;
	const ss_cell *first = &hc[0], *last = &hc[hn - 1];
	size_t k = SIZE_MAX;
	if (hn == r->ncells && first->end > first->start && last->end == last->start)
		k = j - 1;
	else if (hn == r->ncells)
		k = j;
	else if (hn + 1 == r->ncells)
		k = j - 1;
	else if (hn > r->ncells && named_cells(hc, hn) + 1 == r->ncells)
		k = j - 1; /* `| 2024/06 | ||` over a row without the empty cells */
	else if (hn == r->ncells + 1)
		k = j + 1;
	return k < hn ? &hc[k] : NULL;
}

static bool same_text(const char *s, const ss_cell *x, const ss_cell *y)
{
	return x && y && x->end - x->start == y->end - y->start &&
	       !memcmp(s + x->start, s + y->start, x->end - x->start);
}

/* The header cell over data column j of row r when each of its periods is
 * written once over the same number of columns (114年第3季 over 金額 | %):
 * the data columns part evenly among the header's cells after its corner
 * (a first cell that names no period), and the row of units under it
 * repeats at that step. SIZE_MAX when the header is no such row. */
static size_t spanned_cell(tcx *cx, const ss_cell *hc, size_t hn, const ss_cell *uc,
                           size_t un, const ss_row *r, size_t j)
{
	size_t cols = r->ncells - 1;
	column first = read_column(cx, &hc[0]);
	size_t corner = hn > 1 && first.pe == first.ps, periods = hn - corner;
	if (!periods || cols % periods || cols / periods < 2)
		return SIZE_MAX;
	size_t step = cols / periods;
	for (size_t c = 1; c + step <= cols; c++)
		if (!same_text(cx->s, header_cell(uc, un, r, c), header_cell(uc, un, r, c + step)))
			return SIZE_MAX;
	return corner + (j - 1) / step;
}

static bool inside(const ss_fact *f, ss_tspan c)
{
	return f->text.start >= c.start && f->text.end <= c.end && f->text.end > f->text.start;
}

/* The document's facts by their start in the text, so that a cell visits
 * the few it overlaps: a long document holds tens of thousands of facts and
 * hundreds of tables. The facts do not move while the tables are read. */
struct byst {
	size_t start, i;
};
typedef struct byst byst;

static int by_text_start(const void *x, const void *y)
{
	const byst *a = x, *b = y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

static void order_facts(tcx *cx)
{
	const ss_doc *doc = cx->doc;
	cx->order = ss_xcalloc(doc->nfacts + 1, sizeof *cx->order);
	cx->longest = 0;
	bool sorted = true;
	for (size_t i = 0; i < doc->nfacts; i++) {
		const ss_tspan *t = &doc->facts[i].text;
		cx->order[i] = (byst){t->start, i};
		if (t->end > t->start && t->end - t->start > cx->longest)
			cx->longest = t->end - t->start;
		sorted &= i == 0 || t->start >= cx->order[i - 1].start;
	}
	/* the facts come in text order as the matches did (the corpus holds no
	 * document that breaks it), and ties are in index order already */
	if (!sorted)
		qsort(cx->order, doc->nfacts, sizeof *cx->order, by_text_start);
}

/* Where the facts that may overlap c begin in cx->order: none that starts
 * before it by more than the longest fact can reach into it. Visit from
 * there while order[k].start < c.end. */
static size_t first_near(const tcx *cx, ss_tspan c)
{
	size_t from = c.start > cx->longest ? c.start - cx->longest : 0;
	size_t lo = 0, hi = cx->doc->nfacts;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cx->order[mid].start < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

#define FOR_NEAR(cx, c, k)                                                                     \
	for (size_t k = first_near(cx, c); k < (cx)->doc->nfacts && (cx)->order[k].start < (c).end; \
	     k++)

/* Drop the facts inside c. */
static void drop_inside(const tcx *cx, ss_tspan c, bool *drop)
{
	FOR_NEAR(cx, c, k)
	if (inside(&cx->doc->facts[cx->order[k].i], c))
		drop[cx->order[k].i] = true;
}

static bool holds_fact(const tcx *cx, ss_tspan c)
{
	FOR_NEAR(cx, c, k)
	if (inside(&cx->doc->facts[cx->order[k].i], c))
		return true;
	return false;
}

/* Whether a row names columns: a cell after its first holds more than
 * dashes (已终止经营业务 | -- | -- is a row without figures, no header). */
static bool names_columns(const char *s, const ss_tables *t, const ss_row *r)
{
	for (uint32_t j = 1; j < r->ncells; j++) {
		const ss_cell *c = &t->cells[r->cell + j];
		for (uint32_t i = c->start; i < c->end; i++)
			if (s[i] != '-' && !sp(s[i]))
				return true;
	}
	return false;
}

/* Whether a row of names names a unit in a cell after its first: a unit
 * alone (%, 万元) or in brackets (金额(元)), no digits (60.4百万港元 is a
 * figure). A row of words (董事会决议通过) is a row of the table, no header. */
static bool names_units(tcx *cx, const ss_tables *t, const ss_row *r)
{
	bool unit = false;
	for (uint32_t j = 1; j < r->ncells; j++) {
		const ss_cell *c = &t->cells[r->cell + j];
		for (uint32_t i = c->start; i < c->end; i++)
			if (cx->s[i] >= '0' && cx->s[i] <= '9')
				return false;
		size_t cut;
		if (!unit && c->end > c->start)
			unit = ss_tu_read(cx, c->start, c->end).ok ||
			       ss_tu_named(cx, c->start, c->end, &cut).ok;
	}
	return unit;
}

/* An en dash or a minus sign that opens a cell before its one figure
 * (–20.6pp): the figure's sign, and its text from the dash on. In running
 * text the dash mostly parts a range (8000万元–1.2亿元); in a cell it cannot. */
static void dash_sign(tcx *cx, ss_fact *f, ss_tspan ct, const char *src, size_t len,
                      const ss_linemap *lines)
{
	const char *t = cx->doc->text.ptr;
	if (f->text.start != ct.start + 3 || f->text.end != ct.end || f->value <= 0 ||
	    (memcmp(t + ct.start, "–", 3) && memcmp(t + ct.start, "−", 3)) ||
	    (f->kind != SS_KIND_CHANGE && f->kind != SS_KIND_PERCENT))
		return;
	ss_fact_negate(f);
	if (f->kind == SS_KIND_CHANGE)
		f->direction = SS_DIR_DOWN;
	f->text.start = ct.start;
	uint32_t s, e;
	ss_text_map(&cx->doc->text, f->text.start, f->text.end, &s, &e);
	f->start = s;
	f->end = e;
	ss_linemap_locate(lines, src, len, f->start, &f->line, &f->column);
}

/* The year a header cell names (2018, 2018年): -1 when none. */
static int year_of(const char *s, const ss_cell *c)
{
	for (size_t i = c->start; i + 4 <= c->end; i++) {
		int y = ss_bare_year(s + i, 4);
		if (y >= 0 && (i == c->start || s[i - 1] < '0' || s[i - 1] > '9') &&
		    (i + 4 == c->end || s[i + 4] < '0' || s[i + 4] > '9'))
			return y;
	}
	return -1;
}

/* The period a change column of no period of its own is the change of:
 * the header's latest year, else its first period (本期 before 上期), over
 * the figures of row r. */
static column latest_column(tcx *cx, const ss_cell *hc, size_t hn, const ss_row *r)
{
	column best = {0};
	int year = -1;
	for (size_t j = 1; hn && j < r->ncells; j++) {
		const ss_cell *h = header_cell(hc, hn, r, j);
		if (!h)
			continue;
		column c = read_column(cx, h);
		if (c.change || c.pe <= c.ps)
			continue;
		int y = year_of(cx->s, h);
		if (best.pe == best.ps || (y > year && year >= 0))
			best = c;
		if (y > year)
			year = y;
	}
	return best;
}

static void one_table(tcx *cx, const ss_tables *t, const ss_table *tb, ss_fact **add,
                      size_t *nadd, size_t *cap, const char *src, size_t len,
                      const ss_linemap *lines, unsigned kinds, bool *drop)
{
	ss_doc *doc = cx->doc;
	spans ul = {{0}, {0}, 0};
	const ss_row *r0 = &t->rows[tb->row];
	unit tu = ss_tu_table(cx, tb->head_start, tb->head_end, &ul);
	if (!tu.ok)
		tu = ss_tu_table(cx, r0->start, r0->end, &ul);
	for (size_t k = 0; k < ul.n; k++) {
		/* 单位:万元 is the table's unit, no figure */
		drop_inside(cx, ss_doc_norm_to_text(doc, ul.a[k], ul.b[k]), drop);
	}
	/* the header: the first row after the unit lines, when it holds no
	 * figures */
	size_t ri = tb->row, end = tb->row + tb->nrows, ws, we;
	while (ri < end && t->rows[ri].ncells &&
	       find_word(cx, cx->mark, t->cells[t->rows[ri].cell].start,
	                 t->cells[t->rows[ri].cell].end, &ws, &we) &&
	       ws == t->cells[t->rows[ri].cell].start)
		ri++;
	const ss_cell *hc = NULL;
	size_t hn = 0;
	ss_cell glued[16];
	if (ri < end && (ri > tb->row || tb->header) && ri + 1 < end &&
	    !ss_row_has_numbers(t, cx->s, &t->rows[ri]) && names_columns(cx->s, t, &t->rows[ri])) {
		hc = &t->cells[t->rows[ri].cell];
		hn = t->rows[ri++].ncells;
		if (hn == 1 && t->rows[ri].ncells > 2) { /* one cell: words run together? */
			size_t n = ss_th_words(&cx->w, hc->start, hc->end, glued, 16);
			if (n >= 2 && n == t->rows[ri].ncells - 1) {
				hc = glued;
				hn = n;
			}
		}
	} else if (ri < end && t->rows[ri].ncells > 2) {
		hn = ss_th_glued(&cx->w, tb, t->rows[ri].ncells - 1, glued, 16);
		hc = glued; /* its cells stand over the figures: the corner is missing */
	}
	if (!hn && ri < end && cx->ncarry && t->rows[ri].ncells == cx->carry_cells &&
	    ss_th_carried(cx->s, cx->carry_end, t->rows[ri].start)) {
		hc = cx->carry; /* 六、每股收益 between rows of the same columns */
		hn = cx->ncarry;
	}
	/* a second row of names under the header (金额 | %): each column's
	 * unit, the header above naming the periods */
	const ss_cell *uc = NULL;
	size_t un = 0;
	if (hn && ri + 1 < end && !ss_row_has_numbers(t, cx->s, &t->rows[ri]) &&
	    names_units(cx, t, &t->rows[ri])) {
		uc = &t->cells[t->rows[ri].cell];
		un = t->rows[ri].ncells;
		/* (百万元) names a unit, no figure */
		drop_inside(cx, ss_doc_norm_to_text(doc, t->rows[ri].start, t->rows[ri].end), drop);
		ri++;
	}
	cx->ncarry = 0;
	if (hn && ri < end && hn <= 16) {
		memmove(cx->carry, hc, hn * sizeof *hc);
		cx->ncarry = hn;
		cx->carry_cells = t->rows[ri].ncells;
		cx->carry_end = t->rows[end - 1].end;
	}
	/* the note column holds on in the tables of the same statement, rows
	 * of labels between them (a page's worth at most), until a head with
	 * a unit line of its own */
	bool notes = ss_th_notes(&cx->w, tb->head_start, tb->head_end) ||
	             (cx->notes && r0->start < cx->notes_end + NOTES_REACH &&
	              !(ul.n && ul.a[0] >= tb->head_start && ul.a[0] < tb->head_end));
	if (notes && !cx->notes) /* reached from the table that names it */
		cx->notes_end = t->rows[end - 1].end;
	cx->notes = notes;
	column latest = ri < end ? latest_column(cx, hc, hn, &t->rows[ri]) : (column){0};
	unit parent = {0}; /* a label alone over its rows: 每股盈利(港仙), then 基本, 攤薄 */
	for (; ri < end; ri++) {
		const ss_row *r = &t->rows[ri];
		const ss_cell *lc = cell_of(t, r, 0);
		if (r->ncells == 1) {
			size_t cut;
			parent = ss_tu_named(cx, lc->start, lc->end, &cut);
			continue;
		}
		if (lc->end - lc->start > LABEL_MAX || lc->end == lc->start ||
		    ss_cell_is_number(cx->s + lc->start, lc->end - lc->start))
			continue;
		label l = read_label(cx, lc);
		if (l.se > l.ss && word_at(cx, cx->sub, l.ss, l.se) == l.se - l.ss) {
			if (!l.u.ok)
				l.u = parent;
		} else {
			parent = (unit){0};
		}
		for (size_t j = 1; l.when && j < r->ncells && l.ne == l.ns; j++)
			if (!name_of_record(cx, cell_of(t, r, j), &l))
				break;
		if (l.skip || holds_fact(cx, ss_doc_norm_to_text(doc, lc->start, lc->end)))
			continue; /* a label with a figure in it is a headline, not a row */
		for (size_t j = 1; j < r->ncells; j++) {
			const ss_cell *c = cell_of(t, r, j);
			if (c->end <= c->start)
				continue;
			column col = {0};
			const ss_cell *h = un ? header_cell(uc, un, r, j) : NULL, *top = NULL;
			size_t k;
			if (h && (hn == un || hn == un + 1)) {
				/* the header above cell for cell (its corner cell where
				 * the row of units has none), a period written once over
				 * the columns it spans (114年第3季 | | over 金额 | %) */
				k = (size_t)(h - uc) + hn - un;
				/* a change column (變動 under no period) spans none */
				size_t ws2, we2;
				bool moves = find_word(cx, cx->change, h->start, h->end, &ws2, &we2);
				while (k > 1 && hc[k].end == hc[k].start && !moves)
					k--;
				top = &hc[k];
			} else if (h && (k = spanned_cell(cx, hc, hn, uc, un, r, j)) != SIZE_MAX) {
				top = &hc[k];
			} else if (hn) {
				top = header_cell(hc, hn, r, j);
			}
			col = read_column(cx, top);
			if (un) {
				column sub = read_column(cx, h);
				if (!sub.u.ok && h && h->end > h->start)
					sub.u = ss_tu_read(cx, h->start, h->end); /* a unit alone: % */
				/* or the header's, over a change word (% over 變動) */
				if (!sub.u.ok && !col.u.ok && sub.change && top && top->end > top->start)
					sub.u = ss_tu_read(cx, top->start, top->end);
				if (sub.u.ok)
					col.u = sub.u;
				col.change = col.change || sub.change;
				col.skip = col.skip || sub.skip;
			}
			if (col.change && col.pe == col.ps) { /* 變動 of 2018 on 2017: 2018's */
				col.ps = latest.ps;
				col.pe = latest.pe;
			}
			ss_tspan ct = ss_doc_norm_to_text(doc, c->start, c->end);
			if (notes && j == 1 && ss_th_note_number(cx->s, c->start, c->end)) {
				drop_inside(cx, ct, drop); /* 基本每股收益(元) 48: note 48 */
				continue;
			}
			if (col.skip)
				continue;
			size_t cn = c->end - c->start;
			bool pct = cn > 1 && cx->s[c->end - 1] == '%';
			bool number = ss_cell_is_number(cx->s + c->start, cn - pct);
			bool found = false;
			FOR_NEAR(cx, ct, n) {
				size_t i = cx->order[n].i;
				ss_fact *f = &doc->facts[i];
				if (number && !drop[i] && f->text.start < ct.end && f->text.end > ct.start &&
				    (f->text.start != ct.start || f->text.end != ct.end)) {
					/* a figure across cells run together (0.0647-30.36%), or one
					 * without its cell's sign: the cell's number stands instead */
					drop[i] = true;
					continue;
				}
				if (!inside(f, ct) || drop[i])
					continue;
				found = true;
				if (f->text.end - f->text.start + CELL_SLACK >= ct.end - ct.start) {
					set_from_table(cx, f, &l, &col, r);
					dash_sign(cx, f, ct, src, len, lines);
				}
			}
			if (found)
				continue;
			/* a label's (人民币) says which money, not the unit of a % table */
			const unit *lu = l.u.ok && !(tu.ok && tu.kind != SS_KIND_MONEY &&
			                             l.u.kind == SS_KIND_MONEY && l.u.scale == 1.0)
			                     ? &l.u
			                     : NULL;
			/* a row's own money unit (每股虧損(港仙) under 港幣千元) is
			 * nearer than its column's; a column of % is the column's */
			bool row_money = lu && lu->kind == SS_KIND_MONEY && col.u.ok &&
			                 col.u.kind == SS_KIND_MONEY;
			const unit *u = col.u.ok && !row_money ? &col.u : lu ? lu : tu.ok ? &tu : NULL;
			unit pu = {0};
			if (pct) { /* a percent cell says its unit itself */
				const probe *p = ss_tu_probe(cx, "%", 1);
				pu.ok = p->ok;
				pu.kind = p->kind;
				memcpy(pu.unit, p->unit, sizeof pu.unit);
				pu.scale = p->scale;
				u = pu.ok ? &pu : NULL;
			}
			ss_fact f;
			if (!u || !(number ? bare_fact(cx, c, u, &f)
			                   : !pct && ss_tu_cell(cx, c->start, c->end, u, &f)))
				continue;
			f.sentence = ss_doc_norm_to_text(doc, r->start, r->end); /* the row */
			set_from_table(cx, &f, &l, &col, r);
			if (kinds && !(kinds & (1u << f.kind)))
				continue;
			uint32_t s, e;
			ss_text_map(&doc->text, f.text.start, f.text.end, &s, &e);
			f.start = s;
			f.end = e;
			ss_linemap_locate(lines, src, len, f.start, &f.line, &f.column);
			ss_grow((void **)add, cap, *nadd + 1, sizeof **add);
			(*add)[(*nadd)++] = f;
		}
	}
}

void ss_facts_tables(const ss_ruleset *rs, ss_doc *doc, const ss_tables *t, const char *src,
                     size_t len, const ss_linemap *lines, unsigned kinds)
{
	if (!t->ntables || !doc->norm.ptr)
		return;
	tcx *cx = ss_xcalloc(1, sizeof *cx);
	cx->rs = rs;
	cx->doc = doc;
	cx->s = doc->norm.ptr;
	cx->mark = ss_rules_table_id(rs, "cell_unit_mark");
	cx->change = ss_rules_table_id(rs, "cell_change");
	cx->period = ss_rules_table_id(rs, "cell_period");
	cx->skip = ss_rules_table_id(rs, "cell_skip");
	cx->unit_word = ss_rules_table_id(rs, "cell_unit_word");
	cx->time = ss_rules_table_id(rs, "cell_time");
	cx->sub = ss_rules_table_id(rs, "cell_sub");
	cx->w = (ss_thwords){.rs = rs,
	                     .s = cx->s,
	                     .period = cx->period,
	                     .change = cx->change,
	                     .compare = ss_rules_table_id(rs, "cell_compare"),
	                     .note = ss_rules_table_id(rs, "cell_note")};
	ss_fact *add = NULL;
	size_t nadd = 0, cap = 0;
	bool *drop = ss_xcalloc(doc->nfacts + 1, sizeof *drop);
	order_facts(cx);
	for (size_t i = 0; i < t->ntables; i++)
		one_table(cx, t, &t->tables[i], &add, &nadd, &cap, src, len, lines, kinds, drop);
	size_t k = 0;
	for (size_t i = 0; i < doc->nfacts; i++)
		if (!drop[i])
			doc->facts[k++] = doc->facts[i];
	doc->nfacts = k;
	merge(doc, add, nadd);
	free(drop);
	free(add);
	free(cx->order);
	free(cx);
}
