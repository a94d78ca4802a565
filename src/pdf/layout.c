/* layout.c - poppler's lines of a PDF into one text in reading order (see
 * pdf.h): headers, footers and page numbers dropped, table cells gathered
 * into rows, running text joined across line ends inside a paragraph (so a
 * figure split over two lines reads as one), every byte tied to its glyph.
 *
 * Poppler already orders the lines of a page (blocks, then columns, then
 * lines, as a reader goes); what it does not do is tell a paragraph's line
 * ends from the paragraph's end, a running header from text, or a table's
 * row from its cells, which it gives one block each. All three are decided
 * here from the boxes alone. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

void ss_pdf_text_release(ss_pdf_text *t)
{
	free(t->text);
	free(t->glyph);
	free(t->pos);
	memset(t, 0, sizeof *t);
}

enum { BODY, CELL, DROP };

typedef struct {
	size_t page, a, b;  /* glyphs [a, b) of the page, ends trimmed of spaces */
	ss_pdf_rect box;    /* union of its non-space glyphs */
	float h;            /* its height: the size of its type, near enough */
	float right;        /* right edge of its column (for "a full line") */
	float pitch;        /* the page's usual distance from line to line, or 0 */
	int kind;
	bool numeric;       /* a figure cell: digits and their signs, maybe a unit */
} line;

/* A page of more lines than this is laid out without the pairwise tests
 * (tables, column edges): real pages have a few hundred at most. */
#define MAX_PAIRWISE 2000

static bool is_space(uint32_t cp) { return cp == ' ' || cp == 0x3000 || cp == 0xA0; }

/* Chinese, Japanese and full-width characters: no space where a line joins. */
static bool is_wide(uint32_t cp) { return cp >= 0x2E80; }

static bool is_digit(uint32_t cp) { return cp >= '0' && cp <= '9'; }

static bool figure_char(uint32_t cp)
{
	return is_digit(cp) || (cp < 0x80 && strchr(",.%()+-", (int)cp)) || cp == 0x2212 ||
	       cp == 0xFF05 || cp == 0x2014 || cp == 0x2013;
}

static float overlap(float a0, float a1, float b0, float b1)
{
	float o = fminf(a1, b1) - fmaxf(a0, b0);
	return o > 0 ? o : 0;
}

/* Does glyph k start a new fragment of the line it is on? Poppler gives the
 * cells of a table row as one line without a space between them
 * ("3,382,69658.6%"): a gap wider than the type is a cell boundary, and so
 * is a jump back or off the row. */
static bool breaks_before(const ss_pdf_glyph *prev, const ss_pdf_glyph *g)
{
	float hp = prev->r.y1 - prev->r.y0, hg = g->r.y1 - g->r.y0, h = fmaxf(hp, hg);
	if (h <= 0)
		return false;
	/* Text turned on its side (a table's column heads): its characters
	 * follow each other down or up the page, one over the next. */
	float wp = prev->r.x1 - prev->r.x0, wg = g->r.x1 - g->r.x0;
	if (overlap(prev->r.x0, prev->r.x1, g->r.x0, g->r.x1) >= 0.5f * fminf(wp, wg) &&
	    fminf(fabsf(g->r.y0 - prev->r.y1), fabsf(prev->r.y0 - g->r.y1)) < 0.5f * h)
		return false;
	if (g->r.x0 - prev->r.x1 > 0.9f * h || g->r.x1 < prev->r.x0)
		return true;
	return overlap(prev->r.y0, prev->r.y1, g->r.y0, g->r.y1) < 0.3f * fminf(hp, hg);
}

static void add_line(const ss_pdf_page *pg, size_t p, size_t a, size_t b, line **out,
                     size_t *n, size_t *cap)
{
	while (a < b && is_space(pg->g[a].cp))
		a++;
	while (b > a && is_space(pg->g[b - 1].cp))
		b--;
	if (b == a)
		return;
	line ln = {p, a, b, pg->g[a].r, 0, 0, 0, BODY, false};
	size_t fig = 0, all = 0;
	for (size_t k = a; k < b; k++) {
		const ss_pdf_rect *r = &pg->g[k].r;
		if (is_space(pg->g[k].cp))
			continue;
		ln.box.x0 = fminf(ln.box.x0, r->x0);
		ln.box.y0 = fminf(ln.box.y0, r->y0);
		ln.box.x1 = fmaxf(ln.box.x1, r->x1);
		ln.box.y1 = fmaxf(ln.box.y1, r->y1);
		all++;
		fig += figure_char(pg->g[k].cp);
	}
	ln.h = ln.box.y1 - ln.box.y0;
	if (ln.h < 1)
		ln.h = 1;
	ln.right = ln.box.x1;
	/* Digits and signs, or a number and its unit (135.7百萬港元). */
	ln.numeric = all <= 24 && (fig * 10 >= all * 6 ||
	                           (is_digit(pg->g[a].cp) && fig * 10 >= all * 4));
	ss_grow((void **)out, cap, *n + 1, sizeof **out);
	(*out)[(*n)++] = ln;
}

static void split_lines(const ss_pdf_layer *l, line **out, size_t *n)
{
	size_t cap = 0;
	for (size_t p = 0; p < l->npages; p++) {
		const ss_pdf_page *pg = &l->pages[p];
		for (size_t i = 0; i < pg->n;) {
			size_t j = i, start = i, last = SIZE_MAX; /* last: the previous non-space */
			for (; j < pg->n && pg->g[j].cp != '\n'; j++) {
				if (is_space(pg->g[j].cp))
					continue;
				if (last != SIZE_MAX && breaks_before(&pg->g[last], &pg->g[j])) {
					add_line(pg, p, start, j, out, n, &cap);
					start = j;
				}
				last = j;
			}
			add_line(pg, p, start, j, out, n, &cap);
			i = j + 1;
		}
	}
}

/* ---- running headers, footers and page numbers ---- */

/* "12", "- 12 -", "第12頁", "Page 12", "12/296", "iv": a page number. */
static bool page_number(const ss_pdf_page *pg, const line *ln)
{
	uint32_t c[32];
	size_t n = 0;
	for (size_t k = ln->a; k < ln->b; k++)
		if (!is_space(pg->g[k].cp)) {
			if (n == 32)
				return false;
			c[n++] = pg->g[k].cp;
		}
	size_t i = 0, e = n;
	while (i < e && (c[i] == '-' || c[i] == 0x2013 || c[i] == 0x2014 || c[i] == 0x7B2C))
		i++;
	if (e - i > 4 && (c[i] == 'P' || c[i] == 'p') && c[i + 1] == 'a' && c[i + 2] == 'g' &&
	    c[i + 3] == 'e')
		i += 4;
	while (e > i && (c[e - 1] == '-' || c[e - 1] == 0x2013 || c[e - 1] == 0x2014 ||
	                 c[e - 1] == 0x9801 || c[e - 1] == 0x9875))
		e--;
	if (i == e)
		return false;
	size_t d = 0, slash = 0, roman = 0;
	for (size_t k = i; k < e; k++) {
		if (is_digit(c[k]))
			d++;
		else if (c[k] == '/')
			slash++;
		else if (c[k] < 0x80 && strchr("ivxlcIVXLC", (int)c[k]))
			roman++;
		else
			return false;
	}
	if (roman)
		return !d && !slash && roman <= 6;
	return d >= 1 && d <= 8 && slash <= 1 && c[i] != '/' && c[e - 1] != '/';
}

/* A line's text with its digits masked, hashed: what a running header or
 * footer keeps from page to page (第3章 / 第4章). 0 for a line of figures
 * alone, which must not pass for furniture because another row of figures
 * has the same shape. */
static uint64_t line_key(const ss_pdf_page *pg, const line *ln)
{
	uint64_t h = 1469598103934665603ull;
	size_t words = 0;
	for (size_t k = ln->a; k < ln->b; k++) {
		uint32_t cp = pg->g[k].cp;
		if (is_space(cp))
			continue;
		words += !figure_char(cp);
		h = (h ^ (is_digit(cp) ? '#' : cp)) * 1099511628211ull;
	}
	return words >= 2 && h ? h : 0;
}

typedef struct {
	uint64_t key;
	size_t page, line;
} band_entry;

static int band_cmp(const void *a, const void *b)
{
	const band_entry *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->page < y->page ? -1 : x->page > y->page;
}

static int cmp_top(const void *a, const void *b)
{
	const line *x = *(line *const *)a, *y = *(line *const *)b;
	return x->box.y0 < y->box.y0 ? -1 : x->box.y0 > y->box.y0;
}

/* From a page's top (dir 1) or bottom (dir -1) down or up its lines v[],
 * sorted by top: past the furniture already found, a line that comes back
 * on many pages and stands close to it is furniture too (a running header
 * of three lines: the company, the section, the unit of its tables). */
static void extend_furniture(line **v, size_t n, int dir, const bool *repeats, const line *base)
{
	float edge = -1;
	for (size_t k = 0; k < n; k++) {
		line *ln = v[dir > 0 ? k : n - 1 - k];
		float near = dir > 0 ? ln->box.y0 - edge : edge - ln->box.y1;
		if (ln->kind == DROP)
			edge = dir > 0 ? ln->box.y1 : ln->box.y0;
		else if (edge >= 0 && near < 1.5f * ln->h && repeats[ln - base])
			ln->kind = DROP, edge = dir > 0 ? ln->box.y1 : ln->box.y0;
		else
			break;
	}
}

/* Lines in the top or bottom tenth of a page that are a page number, or
 * that come back (digits aside) on at least three pages and a third of
 * them, are the page's furniture, not its text; so are the lines that come
 * back as often right under (or over) them. */
static void drop_furniture(const ss_pdf_layer *l, line *ls, size_t n)
{
	band_entry *be = ss_xmalloc((n ? n : 1) * sizeof *be);
	bool *repeats = ss_xcalloc(n ? n : 1, sizeof *repeats);
	for (size_t i = 0; i < n; i++)
		be[i] = (band_entry){line_key(&l->pages[ls[i].page], &ls[i]), ls[i].page, i};
	qsort(be, n, sizeof *be, band_cmp);
	size_t need = l->npages / 3 > 3 ? l->npages / 3 : 3;
	for (size_t i = 0; i < n;) {
		size_t j = i, pages = 0;
		for (; j < n && be[j].key == be[i].key; j++)
			pages += j == i || be[j].page != be[j - 1].page;
		for (size_t k = i; k < j; k++)
			repeats[be[k].line] = be[i].key && pages >= need;
		i = j;
	}
	free(be);
	for (size_t i = 0; i < n; i++) {
		const ss_pdf_page *pg = &l->pages[ls[i].page];
		float H = pg->height > 0 ? pg->height : 842;
		if (ls[i].box.y1 > 0.1f * H && ls[i].box.y0 < 0.9f * H)
			continue;
		if (repeats[i] || page_number(pg, &ls[i]))
			ls[i].kind = DROP;
	}
	line **v = ss_xmalloc((n ? n : 1) * sizeof *v);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && ls[j].page == ls[i].page)
			j++;
		for (size_t k = i; k < j; k++)
			v[k - i] = &ls[k];
		qsort(v, j - i, sizeof *v, cmp_top);
		extend_furniture(v, j - i, 1, repeats, ls);
		extend_furniture(v, j - i, -1, repeats, ls);
		i = j;
	}
	free(v);
	free(repeats);
}

/* ---- tables and column edges, page by page ---- */


static bool row_mates(const line *x, const line *y)
{
	float v = overlap(x->box.y0, x->box.y1, y->box.y0, y->box.y1);
	if (v < 0.5f * fminf(x->h, y->h))
		return false;
	return x->box.x1 <= y->box.x0 + 0.5f || y->box.x1 <= x->box.x0 + 0.5f;
}

static int cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;
	return x < y ? -1 : x > y;
}

/* A line that shares its row with two others, or with one where either is
 * a figure, is a table cell; two lines of running text side by side are two
 * columns. Then each body line learns its column's right edge. */
static void mark_page(line *ls, size_t n)
{
	if (n > MAX_PAIRWISE)
		return;
	for (size_t i = 0; i < n; i++) {
		if (ls[i].kind == DROP)
			continue;
		size_t mates = 0;
		bool fig = ls[i].numeric;
		for (size_t j = 0; j < n; j++)
			if (j != i && ls[j].kind != DROP && row_mates(&ls[i], &ls[j])) {
				mates++;
				fig |= ls[j].numeric;
			}
		if (mates >= 2 || (mates == 1 && fig))
			ls[i].kind = CELL;
	}
	/* The page's line pitch: the median step between a body line and the
	 * next one below it in the same column. Leading differs from document to
	 * document (the annual report's is twice its type size), and a step much
	 * wider than the usual one is a paragraph's end. */
	float *steps = ss_xmalloc((n ? n : 1) * sizeof *steps);
	size_t ns = 0;
	for (size_t i = 0; i + 1 < n; i++) {
		const line *a = &ls[i], *b = &ls[i + 1];
		float d = b->box.y0 - a->box.y0;
		if (a->kind == BODY && b->kind == BODY && d > 0.5f * a->h && d < 3 * a->h &&
		    overlap(a->box.x0, a->box.x1, b->box.x0, b->box.x1) > 0)
			steps[ns++] = d;
	}
	qsort(steps, ns, sizeof *steps, cmp_float);
	float pitch = ns >= 3 ? steps[ns / 2] : 0;
	free(steps);
	for (size_t i = 0; i < n; i++) {
		ls[i].pitch = pitch;
		if (ls[i].kind != BODY)
			continue;
		for (size_t j = 0; j < n; j++)
			if (ls[j].kind == BODY &&
			    overlap(ls[i].box.x0, ls[i].box.x1, ls[j].box.x0, ls[j].box.x1) > 0 &&
			    ls[j].box.x0 >= ls[i].box.x0 - 2 * ls[i].h)
				ls[i].right = fmaxf(ls[i].right, ls[j].box.x1);
	}
}

/* ---- output ---- */

typedef struct {
	ss_buf text;
	uint32_t *glyph;
	size_t gcap;
	ss_pdf_pos *pos;
	size_t npos, pcap;
	uint32_t nline;
} emitter;

static void put_bytes(emitter *e, const char *s, size_t n, uint32_t g)
{
	ss_grow((void **)&e->glyph, &e->gcap, e->text.len + n + 1, sizeof *e->glyph);
	for (size_t i = 0; i < n; i++)
		e->glyph[e->text.len + i] = g;
	ss_buf_add(&e->text, s, n);
}

static void put_break(emitter *e)
{
	size_t n = e->text.len;
	if (n == 0 || (n >= 2 && e->text.ptr[n - 1] == '\n' && e->text.ptr[n - 2] == '\n'))
		return;
	put_bytes(e, "\n\n", 2, SS_PDF_NONE);
}

static void put_line(emitter *e, const ss_pdf_page *pg, size_t pageno, const line *ln)
{
	uint32_t id = e->nline++;
	for (size_t k = ln->a; k < ln->b; k++) {
		char u[4];
		uint32_t cp = pg->g[k].cp;
		if (is_space(cp)) {
			if (k > ln->a && !is_space(pg->g[k - 1].cp))
				put_bytes(e, " ", 1, SS_PDF_NONE);
			continue;
		}
		ss_grow((void **)&e->pos, &e->pcap, e->npos + 1, sizeof *e->pos);
		e->pos[e->npos] = (ss_pdf_pos){(uint32_t)pageno + 1, id, pg->g[k].r};
		put_bytes(e, u, (size_t)ss_utf8_encode(cp, u), (uint32_t)e->npos);
		e->npos++;
	}
}

static uint32_t first_cp(const ss_pdf_layer *l, const line *ln)
{
	return l->pages[ln->page].g[ln->a].cp;
}

static uint32_t last_cp(const ss_pdf_layer *l, const line *ln)
{
	return l->pages[ln->page].g[ln->b - 1].cp;
}

static bool ends_sentence(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1A || cp == 0xFF1B ||
	       cp == ':' || cp == ';';
}

/* Is cur the rest of prev's row (poppler gives a phrase set apart on its
 * own, 《美國證券法》 or （經修訂）, a line of its own)? */
static bool same_row(const line *prev, const line *cur)
{
	return prev->page == cur->page && cur->box.x0 > prev->box.x0 &&
	       cur->box.x0 >= prev->box.x1 - 0.75f * fminf(prev->h, cur->h) &&
	       overlap(prev->box.y0, prev->box.y1, cur->box.y0, cur->box.y1) >=
	               0.5f * fminf(prev->h, cur->h);
}

/* Is cur the next line of prev's paragraph? */
static bool continues(const ss_pdf_layer *l, const line *prev, const line *cur)
{
	float em = fmaxf(prev->h, cur->h);
	if (same_row(prev, cur))
		return true;
	bool full = prev->box.x1 >= prev->right - 1.2f * prev->h;
	if (!full || cur->box.x0 > prev->box.x0 + 1.5f * prev->h)
		return false;
	if (prev->page != cur->page)
		return cur->page == prev->page + 1 && !ends_sentence(last_cp(l, prev));
	/* prev may be a row of several lines: its last line ends it */
	float step = cur->box.y0 - prev->box.y0;
	if (step < 0.5f * prev->h)
		return false;
	if (prev->pitch > 0 ? step > 1.4f * prev->pitch : cur->box.y0 - prev->box.y1 > 0.6f * em)
		return false;
	return overlap(prev->box.x0, prev->box.x1, cur->box.x0, cur->box.x1) > 0;
}

/* What goes between two joined lines: nothing beside a Chinese character or
 * inside a number (1,234,\n567), else a space (English running text). */
static void put_join(emitter *e, uint32_t a, uint32_t b)
{
	if (is_wide(a) || is_wide(b) || a == '-' ||
	    ((is_digit(a) || a == ',' || a == '.') && is_digit(b)))
		return;
	put_bytes(e, " ", 1, SS_PDF_NONE);
}

static int cmp_y(const void *a, const void *b)
{
	const line *x = *(line *const *)a, *y = *(line *const *)b;
	if (x->box.y0 != y->box.y0)
		return x->box.y0 < y->box.y0 ? -1 : 1;
	return x->box.x0 < y->box.x0 ? -1 : x->box.x0 > y->box.x0;
}

static int cmp_x(const void *a, const void *b)
{
	const line *x = *(line *const *)a, *y = *(line *const *)b;
	return x->box.x0 < y->box.x0 ? -1 : x->box.x0 > y->box.x0;
}

/* A run of cells: rows from top to bottom, cells left to right. */
static void put_table(emitter *e, const ss_pdf_layer *l, line *ls, size_t n)
{
	line **v = ss_xmalloc(n * sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = &ls[i];
	qsort(v, n, sizeof *v, cmp_y);
	put_break(e);
	for (size_t i = 0; i < n;) {
		float y0 = v[i]->box.y0, y1 = v[i]->box.y1;
		size_t j = i + 1;
		while (j < n && overlap(y0, y1, v[j]->box.y0, v[j]->box.y1) >=
		                    0.5f * fminf(y1 - y0, v[j]->h))
			j++;
		qsort(v + i, j - i, sizeof *v, cmp_x);
		for (size_t k = i; k < j; k++) {
			if (k > i)
				put_bytes(e, "\t", 1, SS_PDF_NONE);
			put_line(e, &l->pages[v[k]->page], v[k]->page, v[k]);
		}
		put_break(e);
		i = j;
	}
	free(v);
}

void ss_pdf_layout(const ss_pdf_layer *l, ss_pdf_text *out)
{
	memset(out, 0, sizeof *out);
	line *ls = NULL;
	size_t n = 0;
	split_lines(l, &ls, &n);
	drop_furniture(l, ls, n);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && ls[j].page == ls[i].page)
			j++;
		mark_page(ls + i, j - i);
		i = j;
	}

	emitter e = {SS_BUF_INIT, NULL, 0, NULL, 0, 0, 0};
	/* The last row of body text, while its paragraph is open: the union of
	 * the lines that make it up, last_cp its last character. */
	line row = {0}; /* read only while open; set for compilers that cannot tell */
	bool open = false;
	uint32_t row_last = 0;
	for (size_t i = 0; i < n;) {
		if (ls[i].kind == DROP) {
			i++;
			continue;
		}
		if (ls[i].kind == CELL) {
			size_t j = i;
			while (j < n && ls[j].page == ls[i].page && ls[j].kind != BODY)
				j++;
			size_t k = i, m = i; /* the cells of the run, furniture left out */
			for (; k < j; k++)
				if (ls[k].kind == CELL) {
					line t = ls[k];
					memmove(&ls[m + 1], &ls[m], (k - m) * sizeof *ls);
					ls[m++] = t;
				}
			put_table(&e, l, ls + i, m - i);
			open = false;
			i = j;
			continue;
		}
		const line *cur = &ls[i];
		bool join = open && continues(l, &row, cur);
		if (join)
			put_join(&e, row_last, first_cp(l, cur));
		else
			put_break(&e);
		put_line(&e, &l->pages[cur->page], cur->page, cur);
		if (join && same_row(&row, cur)) {
			row.box.x1 = fmaxf(row.box.x1, cur->box.x1);
			row.box.y0 = fminf(row.box.y0, cur->box.y0);
			row.box.y1 = fmaxf(row.box.y1, cur->box.y1);
			row.right = fmaxf(row.right, cur->right);
		} else {
			row = *cur;
		}
		row_last = last_cp(l, cur);
		open = true;
		i++;
	}
	for (size_t p = 0; p < l->npages; p++)
		for (size_t k = 0; k < l->pages[p].n; k++)
			out->nglyphs += !is_space(l->pages[p].g[k].cp) && l->pages[p].g[k].cp != '\n';
	free(ls);
	if (!e.text.ptr)
		ss_buf_adds(&e.text, "");
	out->len = e.text.len;
	out->text = ss_buf_detach(&e.text, NULL);
	out->glyph = e.glyph ? e.glyph : ss_xcalloc(1, sizeof *out->glyph);
	out->pos = e.pos;
	out->npos = e.npos;
	out->npages = l->npages;
}

size_t ss_pdf_locate(const ss_pdf_text *t, size_t start, size_t end, uint32_t *page,
                     ss_buf *out)
{
	*page = 0;
	if (end > t->len)
		end = t->len;
	size_t nbox = 0;
	ss_pdf_rect box = {0, 0, 0, 0};
	uint32_t cur_line = SS_PDF_NONE, last = SS_PDF_NONE;
	for (size_t i = start; i <= end; i++) {
		uint32_t g = i < end ? t->glyph[i] : SS_PDF_NONE;
		const ss_pdf_pos *p = g != SS_PDF_NONE ? &t->pos[g] : NULL;
		if (p && (g == last || (*page && p->page != *page)))
			continue;
		if (cur_line != SS_PDF_NONE && (i == end || (p && p->line != cur_line))) {
			ss_buf_addf(out, "%s%.2f,%.2f,%.2f,%.2f", nbox ? ";" : "", box.x0, box.y0,
			            box.x1, box.y1);
			nbox++;
			cur_line = SS_PDF_NONE;
		}
		if (!p)
			continue;
		last = g;
		if (!*page)
			*page = p->page;
		if (cur_line == SS_PDF_NONE) {
			cur_line = p->line;
			box = p->r;
		} else {
			box.x0 = fminf(box.x0, p->r.x0);
			box.y0 = fminf(box.y0, p->r.y0);
			box.x1 = fmaxf(box.x1, p->r.x1);
			box.y1 = fmaxf(box.y1, p->r.y1);
		}
	}
	return nbox;
}
