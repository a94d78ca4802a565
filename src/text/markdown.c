/* markdown.c - Markdown to text through md4c. md4c hands text callbacks
 * pointers into the source buffer, so almost every byte maps back as a copy;
 * the markers (**, [](), #) are simply never emitted. */
#include <md4c.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

typedef struct {
	const char *src;
	size_t len;
	uint32_t base;
	ss_text *out;
	size_t pos;     /* source offset (in src) just past the last text seen */
	int img;        /* inside an image: its alt text is not running text */
	size_t hs, he;  /* extent of the raw HTML block being read, hs == SIZE_MAX: none */
	unsigned cell;  /* cells of the table row so far */
} md_state;

/* Is [p, p + n) inside the source? md4c passes static strings for some
 * texts (soft breaks, NUL replacements); those must not be mapped as copies. */
static bool in_source(const md_state *st, const char *p, size_t n)
{
	uintptr_t a = (uintptr_t)p, s = (uintptr_t)st->src;
	return a >= s && a - s <= st->len && n <= st->len - (a - s);
}

/* The base offset where a synthetic byte goes now: never before the last
 * unit already emitted. */
static uint32_t here(const md_state *st)
{
	uint32_t h = st->base + (uint32_t)st->pos;
	const ss_text *o = st->out;
	if (ss_text_base_end(o) > h)
		h = ss_text_base_end(o);
	return h;
}

/* May source bytes at src offset off be emitted now without going back? */
static bool can_copy(const md_state *st, size_t off)
{
	const ss_text *o = st->out;
	return ss_text_base_end(o) <= st->base + off;
}

static void add_copy(md_state *st, const char *p, size_t n)
{
	if (n == 0)
		return;
	if (in_source(st, p, n) && can_copy(st, (size_t)(p - st->src))) {
		size_t off = (size_t)(p - st->src);
		/* st->src is the source from base on: src - base is its start */
		ss_text_add_copy(st->out, st->src - st->base, st->base + (uint32_t)off, n);
		st->pos = off + n;
	} else {
		uint32_t h = here(st);
		ss_text_add_unit(st->out, p, n, h, h);
	}
}

/* A line break: mapped to the next line end of the source (a soft break
 * stands exactly at one): LF, CR LF, or a lone CR, which md4c also takes for
 * a line end (it stands as a zero-width break: a one-byte unit must be its
 * byte). Else synthetic. */
static void add_newline(md_state *st)
{
	size_t k = st->pos;
	while (k < st->len && st->src[k] != '\n' && st->src[k] != '\r')
		k++;
	if (k < st->len && can_copy(st, k)) {
		uint32_t b = st->base + (uint32_t)k;
		if (st->src[k] == '\n') {
			ss_text_add_unit(st->out, "\n", 1, b, b + 1);
			st->pos = k + 1;
		} else if (k + 1 < st->len && st->src[k + 1] == '\n') {
			ss_text_add_unit(st->out, "\n", 1, b, b + 2);
			st->pos = k + 2;
		} else {
			ss_text_add_unit(st->out, "\n", 1, b, b);
			st->pos = k + 1;
		}
		return;
	}
	uint32_t h = here(st);
	ss_text_add_unit(st->out, "\n", 1, h, h);
}

/* The entities people actually write; md4c has already checked the name
 * against the full HTML list, so an unknown one is kept as written. */
static const struct {
	const char *name;
	uint32_t cp;
} entities[] = {
	{"&nbsp;", 0xA0},    {"&amp;", '&'},      {"&lt;", '<'},       {"&gt;", '>'},
	{"&quot;", '"'},     {"&apos;", '\''},    {"&yen;", 0xA5},     {"&middot;", 0xB7},
	{"&times;", 0xD7},   {"&divide;", 0xF7},  {"&plusmn;", 0xB1},  {"&deg;", 0xB0},
	{"&ndash;", 0x2013}, {"&mdash;", 0x2014}, {"&lsquo;", 0x2018}, {"&rsquo;", 0x2019},
	{"&ldquo;", 0x201C}, {"&rdquo;", 0x201D}, {"&hellip;", 0x2026}, {"&permil;", 0x2030},
	{"&euro;", 0x20AC},  {"&pound;", 0xA3},   {"&cent;", 0xA2},    {"&copy;", 0xA9},
	{"&reg;", 0xAE},     {"&trade;", 0x2122}, {"&ensp;", 0x2002},  {"&emsp;", 0x2003},
	{"&thinsp;", 0x2009}, {"&minus;", 0x2212}, {"&bull;", 0x2022}, {"&laquo;", 0xAB},
	{"&raquo;", 0xBB},
};

/* Decode entity text e[0..n) ("&amp;", "&#37;", "&#x25;") into out;
 * returns its byte length, 0 when unknown. */
static int decode_entity(const char *e, size_t n, char out[4])
{
	uint32_t cp = 0;
	if (n >= 4 && e[1] == '#') {
		bool hex = e[2] == 'x' || e[2] == 'X';
		for (size_t i = hex ? 3 : 2; i < n - 1; i++) {
			char c = e[i];
			int d = c >= '0' && c <= '9' ? c - '0'
			      : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
			      : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
			if (d < 0 || cp > 0x10FFFF)
				return 0;
			cp = cp * (hex ? 16 : 10) + (uint32_t)d;
		}
		if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			cp = 0xFFFD;
		return ss_utf8_encode(cp, out);
	}
	for (size_t i = 0; i < sizeof entities / sizeof *entities; i++)
		if (strlen(entities[i].name) == n && memcmp(entities[i].name, e, n) == 0)
			return ss_utf8_encode(entities[i].cp, out);
	return 0;
}

static void add_entity(md_state *st, const char *p, size_t n)
{
	char buf[4];
	int k = decode_entity(p, n, buf);
	if (k == 0) {
		add_copy(st, p, n);
		return;
	}
	if (in_source(st, p, n) && can_copy(st, (size_t)(p - st->src))) {
		size_t off = (size_t)(p - st->src);
		ss_text_add_unit(st->out, buf, (size_t)k, st->base + (uint32_t)off,
		                 st->base + (uint32_t)(off + n));
		st->pos = off + n;
	} else {
		uint32_t h = here(st);
		ss_text_add_unit(st->out, buf, (size_t)k, h, h);
	}
}

static int on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *ud)
{
	md_state *st = ud;
	if (type == MD_TEXT_HTML) {
		/* Raw HTML: a block is kept for ss_html_to_text; inline tags go. */
		if (st->hs != SIZE_MAX && in_source(st, text, size)) {
			size_t off = (size_t)(text - st->src);
			if (st->he == 0 || off >= st->he) {
				if (st->he == 0)
					st->hs = off;
				st->he = off + size;
			}
		}
		if (in_source(st, text, size) && (size_t)(text - st->src) + size > st->pos)
			st->pos = (size_t)(text - st->src) + size;
		return 0;
	}
	if (st->img) {
		if (in_source(st, text, size) && (size_t)(text - st->src) + size > st->pos)
			st->pos = (size_t)(text - st->src) + size;
		return 0;
	}
	switch (type) {
	case MD_TEXT_ENTITY:
		add_entity(st, text, size);
		break;
	case MD_TEXT_NULLCHAR: {
		uint32_t h = here(st);
		ss_text_add_unit(st->out, "\xEF\xBF\xBD", 3, h, h);
		break;
	}
	case MD_TEXT_BR:
	case MD_TEXT_SOFTBR:
		add_newline(st);
		break;
	case MD_TEXT_CODE:
		/* Code blocks send their line ends as a static "\n". */
		if (size == 1 && text[0] == '\n' && !in_source(st, text, size))
			add_newline(st);
		else
			add_copy(st, text, size);
		break;
	default: /* MD_TEXT_NORMAL, MD_TEXT_LATEXMATH */
		add_copy(st, text, size);
		break;
	}
	return 0;
}

static int on_enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	md_state *st = ud;
	(void)detail;
	switch (type) {
	case MD_BLOCK_DOC:
		break;
	case MD_BLOCK_TR:
		st->cell = 0;
		ss_text_add_break(st->out, here(st));
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		/* A row is one line, its cells a tab apart (an empty cell too, so
		 * that columns stay in place): the table finder reads it so. */
		if (st->cell++ > 0) {
			uint32_t h = here(st);
			ss_text_add_unit(st->out, "\t", 1, h, h);
		}
		break;
	case MD_BLOCK_HTML:
		st->hs = 0;
		st->he = 0;
		ss_text_add_break(st->out, here(st));
		break;
	default:
		ss_text_add_break(st->out, here(st));
		break;
	}
	return 0;
}

static int on_leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	md_state *st = ud;
	(void)detail;
	switch (type) {
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
	case MD_BLOCK_DOC:
		break;
	case MD_BLOCK_HTML:
		if (st->he > st->hs) {
			/* Tables and paragraphs written as HTML inside Markdown are
			 * text too: the HTML stage reads them with their offsets. */
			ss_meta scratch = {0};
			ss_text_add_break(st->out, here(st));
			if (can_copy(st, st->hs))
				ss_html_to_text(st->src + st->hs, st->he - st->hs,
				                st->base + (uint32_t)st->hs, st->out, &scratch);
			ss_meta_release(&scratch);
		}
		st->hs = SIZE_MAX;
		ss_text_add_break(st->out, here(st));
		break;
	default:
		ss_text_add_break(st->out, here(st));
		break;
	}
	return 0;
}

static int on_enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
	md_state *st = ud;
	(void)detail;
	if (type == MD_SPAN_IMG)
		st->img++;
	return 0;
}

static int on_leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
	md_state *st = ud;
	(void)detail;
	if (type == MD_SPAN_IMG && st->img > 0)
		st->img--;
	return 0;
}

void ss_markdown_to_text(const char *src, size_t len, uint32_t base, ss_text *out)
{
	md_state st = {src, len, base, out, 0, 0, SIZE_MAX, 0, 0};
	MD_PARSER parser = {0};
	/* GitHub's dialect, but no autolinks (a bare URL is already text) and
	 * no indented code: Chinese paragraphs are often indented. */
	parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS |
	               MD_FLAG_NOINDENTEDCODEBLOCKS;
	parser.enter_block = on_enter_block;
	parser.leave_block = on_leave_block;
	parser.enter_span = on_enter_span;
	parser.leave_span = on_leave_span;
	parser.text = on_text;
	if (len > UINT32_MAX - base) /* offsets are 32-bit */
		len = UINT32_MAX - base;
	md_parse(src, (MD_SIZE)len, &parser, &st);
}
