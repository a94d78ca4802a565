/*
 * html.c - visible text of an HTML page through libxml2's SAX HTML parser,
 * with an offset map from every text byte back to the source.
 *
 * libxml2 hands us decoded text (entities resolved, CR LF folded) and no
 * positions, but its input cursor tells where the parser stands when a
 * callback fires. A chunk of text ends at (or a character after) that
 * point, so we align the decoded chunk backwards against the source bytes:
 * literal bytes match themselves, an entity matches its "&...;", a "\n"
 * may stand for "\r\n". If that fails we search forward in the window since
 * the previous chunk, and as a last resort map the chunk to the window as
 * one synthetic unit, so the map always passes ss_text_check().
 */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "text.h"

/* How elements matter to the text: SKIP ones hold no visible text (their
 * content is dropped), BLOCK ones end a paragraph where they start and end.
 * The others name the elements the callbacks look for (table cells and
 * rows, the title, meta tags, time), so that a name is compared once per
 * page, not at every tag. Sorted by name for bsearch(). */
enum { BLOCK = 1, SKIP = 2, CELL = 4, ROW = 8, TITLE = 16, META = 32, TIME = 64 };
static const struct tag {
	const char *name;
	int flags;
} tags[] = {
	{"address", BLOCK}, {"article", BLOCK}, {"aside", BLOCK},
	{"blockquote", BLOCK}, {"body", BLOCK}, {"br", BLOCK},
	{"caption", BLOCK}, {"center", BLOCK}, {"dd", BLOCK},
	{"details", BLOCK}, {"dialog", BLOCK}, {"dir", BLOCK},
	{"div", BLOCK}, {"dl", BLOCK}, {"dt", BLOCK},
	{"fieldset", BLOCK}, {"figcaption", BLOCK}, {"figure", BLOCK},
	{"footer", BLOCK}, {"form", BLOCK}, {"frame", BLOCK},
	{"h1", BLOCK}, {"h2", BLOCK}, {"h3", BLOCK},
	{"h4", BLOCK}, {"h5", BLOCK}, {"h6", BLOCK},
	{"head", BLOCK}, {"header", BLOCK}, {"hgroup", BLOCK},
	{"hr", BLOCK}, {"html", BLOCK}, {"iframe", BLOCK},
	{"legend", BLOCK}, {"li", BLOCK}, {"listing", BLOCK},
	{"main", BLOCK}, {"menu", BLOCK}, {"meta", META},
	{"nav", BLOCK}, {"noscript", SKIP}, {"ol", BLOCK},
	{"option", BLOCK}, {"p", BLOCK}, {"plaintext", BLOCK},
	{"pre", BLOCK}, {"script", SKIP}, {"section", BLOCK},
	{"select", SKIP}, {"style", SKIP}, {"summary", BLOCK},
	{"table", BLOCK}, {"tbody", BLOCK}, {"td", BLOCK | CELL},
	{"template", SKIP}, {"textarea", SKIP}, {"tfoot", BLOCK},
	{"th", BLOCK | CELL}, {"thead", BLOCK}, {"time", TIME},
	{"title", BLOCK | TITLE}, {"tr", BLOCK | ROW}, {"ul", BLOCK},
	{"xmp", BLOCK},
};

static int tag_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct tag *)elem)->name);
}

static int tag_flags(const char *name)
{
	const struct tag *t = bsearch(name, tags, sizeof tags / sizeof *tags, sizeof *tags, tag_cmp);
	return t ? t->flags : 0;
}

#define TAG_CACHE 128

/* One output byte's unit while a chunk is being aligned. */
typedef struct {
	uint32_t s, e;
	char c;
} unit;

typedef struct {
	const char *src; /* the HTML being parsed */
	size_t len;
	uint32_t base;
	ss_text *out;
	ss_meta *meta;
	size_t lo;      /* no unit of a later chunk starts before src[lo] */
	size_t first;   /* out->len when this page began */
	/* The last break added, while no text has followed it: out->len after
	 * it and the lo before it (see place_after_break). */
	size_t brk_len, brk_lo;
	size_t brk_from; /* out->len before that break */
	size_t brk_at;   /* out->len after it, whatever followed (see at_break) */
	/* A table row of simple cells is one line, its cells a tab apart (the
	 * table finder reads it so); a cell holding blocks keeps its row as
	 * paragraphs, as a layout table is. */
	unsigned row_cells;
	int cell_depth;
	bool row_blocks;
	int skip;       /* depth inside skipped elements */
	unit *u;        /* alignment scratch */
	size_t ucap;
	/* metadata capture */
	int in_title;
	ss_buf title;
	/* libxml2 interns element names, so a name's pointer is a cache key */
	struct {
		const xmlChar *ptr;
		int flags;
	} cache[TAG_CACHE];
	int date_depth; /* > 0 while inside a time/date element */
	ss_buf date;
	ss_content *content; /* main-content detection, NULL when not asked for */
} html_state;

static size_t cursor(xmlParserCtxtPtr ctxt)
{
	xmlParserInputPtr in = ctxt->input;
	if (in == NULL || in->cur == NULL || in->base == NULL)
		return 0;
	return (size_t)(in->cur - in->base) + (size_t)in->consumed;
}

/* Decode the entity src[a..b) ("&...;"), as libxml2 would, into d.
 * Returns its byte length, 0 when it is not one. */
static int decode_entity(const char *src, size_t a, size_t b, char d[4])
{
	if (b - a < 3 || src[a] != '&' || src[b - 1] != ';')
		return 0;
	const char *p = src + a + 1, *end = src + b - 1;
	uint32_t v = 0;
	if (*p == '#') {
		p++;
		bool hex = p < end && (*p == 'x' || *p == 'X');
		if (hex)
			p++;
		if (p == end)
			return 0;
		for (; p < end; p++) {
			int dv;
			if (*p >= '0' && *p <= '9')
				dv = *p - '0';
			else if (hex && *p >= 'a' && *p <= 'f')
				dv = *p - 'a' + 10;
			else if (hex && *p >= 'A' && *p <= 'F')
				dv = *p - 'A' + 10;
			else
				return 0;
			v = v * (hex ? 16 : 10) + (uint32_t)dv;
			if (v > 0x10FFFF)
				return 0;
		}
	} else {
		char name[40];
		size_t n = (size_t)(end - p);
		if (n == 0 || n >= sizeof name)
			return 0;
		memcpy(name, p, n);
		name[n] = '\0';
		const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
		if (e == NULL)
			return 0;
		v = e->value;
	}
	if (v == 0 || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	return ss_utf8_encode(v, d);
}

static bool is_control(unsigned char c)
{
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

/* Whether chunk c[0..n) is the source bytes ending at e (starting at or after
 * lo) with no ';' (an entity's end) among them, so that every byte is a
 * copy, as align_back would map it. Most chunks are, the white space between
 * tags too: a line end in the chunk is the source's own byte, and only a
 * chunk that opens with the LF of a CRLF is aligned over both bytes. */
static bool plain_copy(const html_state *st, const char *c, size_t n, size_t e, size_t lo)
{
	if (n > e || e - n < lo || memcmp(c, st->src + e - n, n) != 0 || memchr(c, ';', n))
		return false;
	return !(n > 0 && c[0] == '\n' && e - n > lo && st->src[e - n - 1] == '\r');
}

/*
 * Align chunk c[0..n) so that it ends at source offset e and starts at or
 * after lo. Fills st->u[0..n) in order. Returns true on success.
 */
static bool align_back(html_state *st, const char *c, size_t n, size_t e, size_t lo)
{
	const char *s = st->src;
	size_t i = n, j = e;
	unit *u = st->u;
	if (plain_copy(st, c, n, e, lo)) {
		for (size_t k = 0; k < n; k++)
			u[k] = (unit){(uint32_t)(e - n + k), (uint32_t)(e - n + k + 1), c[k]};
		return true;
	}
	while (i > 0) {
		if (j <= lo)
			return false;
		unsigned char sc = (unsigned char)s[j - 1];
		if (sc == ';') {
			/* An entity ending here, if its decoding is the chunk's tail. */
			size_t k = j - 1, stop = j - 1 > lo + 32 ? j - 1 - 32 : lo;
			if (k > stop)
				k--;
			while (k > stop && s[k] != '&' && s[k] != ';' && s[k] != '<')
				k--;
			char d[4];
			int dn = s[k] == '&' ? decode_entity(s, k, j, d) : 0;
			if (dn > 0 && (size_t)dn <= i && memcmp(c + i - dn, d, (size_t)dn) == 0) {
				for (int q = 1; q <= dn; q++)
					u[i - q] = (unit){(uint32_t)k, (uint32_t)j, c[i - q]};
				i -= (size_t)dn;
				j = k;
				continue;
			}
		}
		char cc = c[i - 1];
		if (cc == '\n' && sc == '\n' && j - 1 > lo && s[j - 2] == '\r' &&
		    !(i >= 2 && c[i - 2] == '\r')) {
			u[i - 1] = (unit){(uint32_t)(j - 2), (uint32_t)j, '\n'};
			i--, j -= 2;
		} else if ((unsigned char)cc == sc) {
			u[i - 1] = (unit){(uint32_t)(j - 1), (uint32_t)j, cc};
			i--, j--;
		} else if (cc == '\n' && sc == '\r') {
			/* A lone CR read as LF: keep the source's byte, it is whitespace too. */
			u[i - 1] = (unit){(uint32_t)(j - 1), (uint32_t)j, '\r'};
			i--, j--;
		} else if (is_control(sc)) {
			j--; /* libxml2 drops characters XML does not allow */
		} else if ((sc == 0xBE || sc == 0xBF) && j >= lo + 3 && (unsigned char)s[j - 3] == 0xEF &&
		           (unsigned char)s[j - 2] == 0xBF) {
			j -= 3; /* U+FFFE, U+FFFF: not XML characters either */
		} else {
			return false;
		}
	}
	return true;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool is_synthetic(const ss_text *t, size_t i)
{
	uint32_t s, e;
	ss_text_unit(t, i, &s, &e);
	return s == e;
}

/* Does out end with the break add_break made last? Text after it is only
 * ever taken back to it (trim_tail stops at a synthetic unit), and
 * join_cell, which takes the break itself back, clears brk_at. */
static bool at_break(const html_state *st)
{
	return st->brk_at != 0 && st->brk_at == st->out->len;
}

/* Does out end a paragraph (or hold nothing of this page yet)? */
static bool at_paragraph_start(const html_state *st)
{
	const ss_text *t = st->out;
	return t->len <= st->first || at_break(st) ||
	       (t->len >= 2 && t->ptr[t->len - 1] == '\n' && t->ptr[t->len - 2] == '\n' &&
	        is_synthetic(t, t->len - 1));
}

/* Append the aligned chunk st->u[0..n). White space at the start of a
 * paragraph is layout, not text, and is left out. */
static void emit_units(html_state *st, size_t n)
{
	ss_text *t = st->out;
	size_t i = 0;
	if (at_paragraph_start(st))
		while (i < n && is_space(st->u[i].c))
			i++;
	while (i < n) {
		unit *u = &st->u[i];
		if (u->e - u->s == 1) {
			/* A run of plain copies goes in at once. */
			size_t k = i + 1;
			while (k < n && st->u[k].e - st->u[k].s == 1 && st->u[k].s == st->u[k - 1].e)
				k++;
			ss_text_add_copy(t, st->src - st->base, st->base + u->s, k - i);
			i = k;
		} else {
			char b[8];
			size_t k = i, m = 0;
			while (k < n && m < sizeof b && st->u[k].s == u->s && st->u[k].e == u->e)
				b[m++] = st->u[k++].c;
			ss_text_add_unit(t, b, m, st->base + u->s, st->base + u->e);
			i = k;
		}
	}
	if (n > 0)
		st->lo = st->u[n - 1].e;
}

/* Map chunk c[0..n), which libxml2 handed over with its cursor at cur, into
 * the source at or after lo and append it. False when it is not found there. */
static bool place(html_state *st, const char *c, size_t n, size_t cur, size_t lo)
{
	if (cur < lo)
		cur = lo;
	/* The chunk that is the source bytes just before the cursor (most are)
	 * is copied at once, as align_back and emit_units would copy it, without
	 * a unit per byte. */
	if (plain_copy(st, c, n, cur, lo)) {
		size_t i = 0;
		if (at_paragraph_start(st))
			while (i < n && is_space(c[i]))
				i++;
		if (i < n)
			ss_text_add_copy(st->out, st->src - st->base, (uint32_t)(st->base + cur - n + i),
			                 n - i);
		st->lo = cur;
		return true;
	}
	/* The chunk usually ends at the cursor; a flush of a long run leaves
	 * the cursor on the run's last character, an unknown entity's name
	 * leaves it after the ';'. */
	for (size_t d = 0; d <= 4 && cur + d <= st->len; d++)
		if (align_back(st, c, n, cur + d, lo)) {
			emit_units(st, n);
			return true;
		}
	for (size_t d = 1; d <= 64 && cur >= lo + d; d++)
		if (align_back(st, c, n, cur - d, lo)) {
			emit_units(st, n);
			return true;
		}
	/* Forward search: the chunk may start anywhere in [lo, cur]; try the
	 * places where its first byte occurs and align from the chunk's end. */
	size_t hi = cur + 4 < st->len ? cur + 4 : st->len;
	for (size_t p = lo, tries = 0; p < hi && tries < 64; p++) {
		const char *q = memchr(st->src + p, c[0], hi - p);
		if (q == NULL)
			break;
		p = (size_t)(q - st->src);
		tries++;
		if (p + n <= hi && memcmp(q, c, n) == 0) {
			for (size_t i = 0; i < n; i++)
				st->u[i] = (unit){(uint32_t)(p + i), (uint32_t)(p + i + 1), c[i]};
			emit_units(st, n);
			return true;
		}
	}
	return false;
}

/*
 * libxml2 reads character data before it opens the elements the data implies
 * (the <p> that recovered text such as "<1-4月..." goes into, or <html> and
 * <body>), so the break for such an element arrives with the cursor already
 * past the text, and the text then seems to lie before what it may map to.
 * Place the chunk as if the break had not moved lo, and move the break (a
 * synthetic unit) to where the chunk begins: the map stays ordered and the
 * text keeps its own bytes.
 */
static bool place_after_break(html_state *st, const char *c, size_t n, size_t cur)
{
	ss_text *t = st->out;
	size_t at = t->len, k = at;
	uint32_t s, e;
	while (k > 0 && (ss_text_unit(t, k - 1, &s, &e), s == e && s == st->base + st->lo))
		k--;
	if (k == at)
		return false;
	ss_text_move_synthetic(t, k, at, st->base + (uint32_t)st->brk_lo);
	size_t lo = st->lo;
	st->lo = st->brk_lo;
	if (!place(st, c, n, cur, st->brk_lo)) {
		ss_text_move_synthetic(t, k, at, st->base + (uint32_t)lo);
		st->lo = lo;
		return false;
	}
	if (t->len > at) {
		ss_text_unit(t, at, &s, &e);
		ss_text_move_synthetic(t, k, at, s);
	}
	return true;
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	html_state *st = ctxt->_private;
	if (len <= 0)
		return;
	size_t n = (size_t)len;
	const char *c = (const char *)ch;
	if (st->in_title)
		ss_buf_add(&st->title, c, n);
	if (st->date_depth > 0 && st->date.len < 256)
		ss_buf_add(&st->date, c, n);
	if (st->skip > 0)
		return;
	if (n > st->ucap) {
		st->ucap = n * 2;
		st->u = ss_xrealloc(st->u, st->ucap * sizeof *st->u);
	}
	size_t cur = cursor(ctxt);
	if (cur > st->len)
		cur = st->len;
	size_t brk_len = st->brk_len;
	st->brk_len = 0;
	if (place(st, c, n, cur, st->lo))
		return;
	if (brk_len == st->out->len && place_after_break(st, c, n, cur))
		return;
	size_t lo = st->lo;
	if (cur < lo)
		cur = lo;
	/* Last resort: the whole window stands for the chunk. A one-byte
	 * window cannot (it would claim to be a copy), so use an empty unit. */
	uint32_t us = (uint32_t)lo, ue = (uint32_t)cur;
	if (ue - us == 1)
		us = ue;
	ss_text_add_unit(st->out, c, n, st->base + us, st->base + ue);
	st->lo = ue;
}

/* White space before a break is layout too: take it back. */
static void trim_tail(html_state *st)
{
	ss_text *t = st->out;
	if (t->len <= st->first || at_break(st))
		return;
	size_t n = t->len;
	while (n > st->first && is_space(t->ptr[n - 1]) && !is_synthetic(t, n - 1))
		n--;
	ss_text_truncate(t, n);
}

/* A paragraph break standing at the tag, i.e. where the parser is; later
 * text starts after it. */
static void add_break(xmlParserCtxtPtr ctxt, html_state *st)
{
	size_t cur = cursor(ctxt);
	if (cur > st->len)
		cur = st->len;
	if (cur < st->lo)
		cur = st->lo;
	trim_tail(st);
	size_t before = st->out->len, lo = st->lo;
	ss_text_add_break(st->out, st->base + (uint32_t)cur);
	if (st->out->len > before) {
		st->brk_from = before;
		st->brk_len = st->brk_at = st->out->len;
		st->brk_lo = lo;
		st->lo = cur;
	}
}

static const char *attr(const xmlChar **atts, const char *name)
{
	if (atts == NULL)
		return NULL;
	/* name is lower case: the first letter rules out most attributes */
	for (; atts[0] != NULL; atts += 2)
		if ((atts[0][0] | 0x20) == name[0] && strcasecmp((const char *)atts[0], name) == 0)
			return atts[1] ? (const char *)atts[1] : "";
	return NULL;
}

/* A trimmed, malloc'd copy of s[0..n) with runs of white space folded. */
static char *clean(const char *s, size_t n)
{
	ss_buf b = SS_BUF_INIT;
	bool space = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f') {
			space = b.len > 0;
			continue;
		}
		if (space)
			ss_buf_addc(&b, ' ');
		space = false;
		ss_buf_addc(&b, (char)ch);
	}
	if (b.len == 0) {
		ss_buf_release(&b);
		return NULL;
	}
	return ss_buf_detach(&b, NULL);
}

static void set_meta(char **field, const char *v)
{
	if (*field == NULL && v != NULL)
		*field = clean(v, strlen(v));
}

/* Does s start with something like 2021-07-13 or 2021年7月13日? */
static bool looks_like_date(const char *s)
{
	int y = 0;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	while (y < 4 && isdigit((unsigned char)s[y]))
		y++;
	if (y != 4)
		return false;
	s += 4;
	if (*s == '-' || *s == '/' || *s == '.')
		s++;
	else if (strncmp(s, "年", 3) == 0)
		s += 3;
	else
		return false;
	return isdigit((unsigned char)*s);
}

/* The first date in s ("2021-07-13 21:07:43", "2021年7月13日 10:00"), or
 * NULL: a time element often holds a label ("发布时间：") or the source too. */
static char *find_date(const char *s)
{
	for (const char *p = s; *p; p++) {
		if (!isdigit((unsigned char)*p) || (p > s && isdigit((unsigned char)p[-1])) ||
		    !looks_like_date(p))
			continue;
		const char *e = p;
		while (*e) {
			if (isdigit((unsigned char)*e) || strchr("-/.:T+Z", *e))
				e++;
			else if (*e == ' ' && isdigit((unsigned char)e[1]))
				e++;
			else if (strncmp(e, "年", 3) == 0 || strncmp(e, "月", 3) == 0 ||
			         strncmp(e, "日", 3) == 0)
				e += 3;
			else
				break;
		}
		return clean(p, (size_t)(e - p));
	}
	return NULL;
}

static void meta_tag(html_state *st, const xmlChar **atts)
{
	const char *key = attr(atts, "name");
	if (key == NULL)
		key = attr(atts, "property");
	if (key == NULL)
		key = attr(atts, "itemprop");
	const char *content = attr(atts, "content");
	if (key == NULL || content == NULL)
		return;
	ss_meta *m = st->meta;
	if (strcasecmp(key, "author") == 0 || strcasecmp(key, "article:author") == 0)
		set_meta(&m->author, content);
	else if (strcasecmp(key, "source") == 0 || strcasecmp(key, "og:site_name") == 0)
		set_meta(&m->source, content);
	else if (strcasecmp(key, "pubdate") == 0 || strcasecmp(key, "publishdate") == 0 ||
	         strcasecmp(key, "article:published_time") == 0 ||
	         strcasecmp(key, "datePublished") == 0 || strcasecmp(key, "publish_time") == 0 ||
	         strcasecmp(key, "og:release_date") == 0 || strcasecmp(key, "ptime") == 0) {
		if (looks_like_date(content))
			set_meta(&m->date, content);
	}
}

static int flags_of(html_state *st, const xmlChar *name)
{
	/* libxml2's dictionary keeps its names for the whole parse, so a
	 * pointer stands for one name. Names lie packed in the dictionary's
	 * pool, a few to a cache line: the pointer is hashed by a multiply,
	 * whose top bits all its bits reach. */
	size_t h = (size_t)(((uint64_t)(uintptr_t)name * 0x9E3779B97F4A7C15u) >> 57) % TAG_CACHE;
	if (st->cache[h].ptr != name) {
		st->cache[h].ptr = name;
		st->cache[h].flags = tag_flags((const char *)name);
	}
	return st->cache[h].flags;
}

/* The next cell of a row of simple cells: a tab in place of the break the
 * cell before it ended with. */
static bool join_cell(xmlParserCtxtPtr ctxt, html_state *st)
{
	if (!st->row_cells || st->row_blocks || !st->brk_len || st->brk_len != st->out->len ||
	    st->brk_from <= st->first)
		return false;
	size_t cur = cursor(ctxt);
	if (cur > st->len)
		cur = st->len;
	if (cur < st->lo)
		cur = st->lo;
	ss_text_truncate(st->out, st->brk_from);
	st->brk_at = 0;
	uint32_t h = st->base + (uint32_t)cur;
	if (ss_text_base_end(st->out) > h)
		h = ss_text_base_end(st->out);
	ss_text_add_unit(st->out, "\t", 1, h, h);
	st->brk_len = 0;
	st->lo = cur;
	return true;
}

/* Keeps the row state of join_cell for an element of flags opening. */
static void track_row(html_state *st, int flags)
{
	bool block = flags & BLOCK;
	if (flags & CELL) {
		st->cell_depth++;
		st->row_cells++;
	} else if ((flags & ROW) && st->cell_depth == 0) {
		st->row_cells = 0;
		st->row_blocks = false;
	} else if (block && st->cell_depth > 0) {
		st->row_blocks = true; /* a paragraph or a table inside a cell */
	}
}

static void on_start(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
	xmlParserCtxtPtr ctxt = ctx;
	html_state *st = ctxt->_private;
	const char *name = (const char *)xname;
	int flags = flags_of(st, xname);
	if (st->skip > 0 || (flags & SKIP)) {
		st->skip++;
		return;
	}
	if (!((flags & CELL) && st->cell_depth == 0 && join_cell(ctxt, st)) && (flags & BLOCK))
		add_break(ctxt, st);
	track_row(st, flags);
	ss_content_open(st->content, name, (const char **)atts, flags & BLOCK, st->src, st->len,
	                cursor(ctxt));
	if ((flags & TITLE) && st->meta->title == NULL)
		st->in_title++;
	else if (flags & META)
		meta_tag(st, atts);
	if (st->meta->date == NULL && st->date_depth == 0) {
		const char *dt = flags & TIME ? attr(atts, "datetime") : NULL;
		const char *cls = attr(atts, "class");
		if (dt != NULL && looks_like_date(dt))
			set_meta(&st->meta->date, dt);
		else if ((flags & TIME) ||
		         (cls != NULL && (strstr(cls, "time") || strstr(cls, "date"))))
			st->date_depth = 1;
	} else if (st->date_depth > 0) {
		st->date_depth++;
	}
}

static void on_end(void *ctx, const xmlChar *xname)
{
	xmlParserCtxtPtr ctxt = ctx;
	html_state *st = ctxt->_private;
	const char *name = (const char *)xname;
	if (st->skip > 0) {
		st->skip--;
		return;
	}
	int flags = flags_of(st, xname);
	if (st->date_depth > 0 && --st->date_depth == 0) {
		if (st->meta->date == NULL && st->date.len > 0)
			st->meta->date = find_date(st->date.ptr);
		ss_buf_reset(&st->date);
	}
	if ((flags & TITLE) && st->in_title) {
		st->in_title = 0;
		set_meta(&st->meta->title, st->title.ptr);
	}
	ss_content_close(st->content, name);
	if ((flags & CELL) && st->cell_depth > 0)
		st->cell_depth--;
	if (flags & BLOCK)
		add_break(ctxt, st);
}

static void on_nothing_text(void *ctx, const xmlChar *ch, int len)
{
}

static void on_comment(void *ctx, const xmlChar *value)
{
}

static void on_error(void *ctx, xmlErrorPtr err)
{
}

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init_libxml(void)
{
	xmlInitParser();
}

void ss_html_to_text(const char *src, size_t len, uint32_t base, ss_text *out, ss_meta *meta)
{
	if (len == 0)
		return;
	if (len > INT32_MAX)
		len = INT32_MAX;
	pthread_once(&init_once, init_libxml);
	ss_meta dummy = {0};
	html_state st = {
		.src = src, .len = len, .base = base, .out = out, .meta = meta ? meta : &dummy,
	};
	st.first = out->len;
	st.content = ss_content_begin(out, base, st.meta->regions);
	ss_buf_init(&st.title);
	ss_buf_init(&st.date);
	/* Text never maps before what the text already holds (a front-matter title). */
	if (ss_text_base_end(out) > base)
		st.lo = ss_text_base_end(out) - base;

	htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(src, (int)len);
	if (ctxt == NULL)
		goto done;
	htmlSAXHandler *sax = ctxt->sax;
	memset(sax, 0, sizeof *sax);
	sax->startElement = on_start;
	sax->endElement = on_end;
	sax->characters = on_text;
	sax->ignorableWhitespace = on_text;
	sax->cdataBlock = on_nothing_text; /* <script> and <style> bodies */
	sax->comment = on_comment;
	sax->serror = on_error;
	sax->initialized = XML_SAX2_MAGIC; /* so that serror is used: never print */
	ctxt->_private = &st;
	ctxt->userData = ctxt;
	/* The reader already made the bytes UTF-8; pages often declare gb2312
	 * and are not, so the declared charset is ignored. */
	htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                         HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE);
	xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
	htmlParseDocument(ctxt);
	if (ctxt->myDoc != NULL)
		xmlFreeDoc(ctxt->myDoc);
	ctxt->myDoc = NULL;
	ctxt->_private = NULL;
	htmlFreeParserCtxt(ctxt);
	trim_tail(&st);
	ss_text_add_break(out, base + (uint32_t)len);
	ss_content_end(st.content);
done:
	if (st.in_title && meta)
		set_meta(&meta->title, st.title.ptr);
	ss_buf_release(&st.title);
	ss_buf_release(&st.date);
	free(st.u);
	free(dummy.title);
	free(dummy.date);
	free(dummy.author);
	free(dummy.source);
}
