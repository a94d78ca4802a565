/* reader.c - the table of readers (text, HTML, Markdown): format detection,
 * and the reading of a document into text, offset map and metadata by the
 * reader of its format (front matter first, then the markup's own stage). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

void ss_meta_release(ss_meta *m)
{
	free(m->title);
	free(m->date);
	free(m->author);
	free(m->source);
	for (size_t i = 0; i < m->ncategories; i++)
		free(m->categories[i]);
	free(m->categories);
	memset(m, 0, sizeof *m);
}

/* How far detection looks: a format shows itself in the first few KB. */
#define SNIFF_LEN 8192

static size_t skip_bom(const char *s, size_t len)
{
	return len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

static size_t skip_space(const char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n' ||
	                   s[i] == '\f'))
		i++;
	return i;
}

static bool has_prefix_ci(const char *s, size_t len, size_t i, const char *p)
{
	size_t n = strlen(p);
	if (len - i < n)
		return false;
	for (size_t k = 0; k < n; k++)
		if (tolower((unsigned char)s[i + k]) != p[k])
			return false;
	return true;
}

/* Tags that only HTML starts with (or is made of); a Markdown file rarely
 * opens with one, a page fragment nearly always does. */
static const char *const html_tags[] = {
	"html", "head", "body", "div", "p", "span", "a", "table", "thead", "tbody", "tr",
	"td", "th", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section",
	"article", "header", "footer", "nav", "main", "aside", "script", "style", "meta",
	"link", "title", "form", "iframe", "br", "hr", "img", "center", "font", "b",
	"strong", "em", "i", "u", "pre", "blockquote", "dl", "dt", "dd", "figure",
	"noscript", "base", "input", "video", "audio", "svg", "section", "template",
};

/* Is there an HTML tag name (after '<' or '</') at s[i]? */
static bool is_tag_at(const char *s, size_t len, size_t i)
{
	size_t j = i;
	while (j < len && j - i < 16 && isalnum((unsigned char)s[j]))
		j++;
	if (j == i || (j < len && s[j] != ' ' && s[j] != '>' && s[j] != '/' && s[j] != '\t' &&
	               s[j] != '\r' && s[j] != '\n'))
		return false;
	for (size_t k = 0; k < sizeof html_tags / sizeof *html_tags; k++)
		if (strlen(html_tags[k]) == j - i && has_prefix_ci(s, len, i, html_tags[k]))
			return true;
	return false;
}

/* Does s start (after white space and comments) with a doctype, <html> or
 * another HTML tag? */
static bool starts_with_html(const char *s, size_t len)
{
	size_t i = skip_space(s, len, skip_bom(s, len));
	for (int n = 0; n < 16 && has_prefix_ci(s, len, i, "<!--"); n++) {
		const char *e = NULL;
		for (size_t k = i + 4; k + 3 <= len; k++)
			if (memcmp(s + k, "-->", 3) == 0) {
				e = s + k;
				break;
			}
		if (!e)
			return true; /* an unclosed comment: only HTML has those */
		i = skip_space(s, len, (size_t)(e - s) + 3);
	}
	if (has_prefix_ci(s, len, i, "<!doctype html"))
		return true;
	if (has_prefix_ci(s, len, i, "<?xml"))
		return true;
	return i + 1 < len && s[i] == '<' && is_tag_at(s, len, i + 1);
}

/* How many HTML tags within s[0..n)? */
static int count_tags(const char *s, size_t n)
{
	int tags = 0;
	for (const char *p = s; n > 1 && (p = memchr(p, '<', n - 1 - (size_t)(p - s))); p++) {
		size_t i = (size_t)(p - s);
		size_t j = s[i + 1] == '/' ? i + 2 : i + 1;
		if (j < n && is_tag_at(s, n, j))
			tags++;
	}
	return tags;
}

static bool starts_with_front_matter(const char *s, size_t len)
{
	size_t i = skip_bom(s, len);
	/* Skip blank lines only: "---" must begin its line. */
	for (;;) {
		size_t j = i;
		while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
			j++;
		if (j < len && s[j] == '\n')
			i = j + 1;
		else
			break;
	}
	if (len - i < 3 || memcmp(s + i, "---", 3) != 0)
		return false;
	for (i += 3; i < len && s[i] != '\n'; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	/* ... and a closing fence: a lone "---" is a thematic break. */
	for (i++; i < len;) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - s) : len;
		if (e - i >= 3 && (memcmp(s + i, "---", 3) == 0 || memcmp(s + i, "...", 3) == 0)) {
			size_t k = i + 3;
			while (k < e && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
				k++;
			if (k == e)
				return true;
		}
		i = e + 1;
	}
	return false;
}

/* Is there **bold** opening at s[j] on the line s[k..e)? Flanking as
 * CommonMark has it, roughly: "苏A95**1" (a masked plate) is not bold. */
static bool is_bold(const char *s, size_t k, size_t e, size_t j)
{
	if ((j > k && isalnum((unsigned char)s[j - 1])) || j + 2 >= e || s[j + 2] == ' ' ||
	    s[j + 2] == '*')
		return false;
	for (size_t c = j + 3; c + 1 < e; c++)
		if (s[c] == '*' && s[c + 1] == '*')
			return s[c - 1] != ' ' && (c + 2 >= e || !isalnum((unsigned char)s[c + 2]));
	return false;
}

/* Markdown signs in s[0..n): strong ones (headings, links, bold, fences,
 * tables) and weak ones (list items, quotes), which plain text has too. */
static bool looks_like_markdown(const char *s, size_t n)
{
	int strong = 0, weak = 0;
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - s) : n;
		size_t k = i;
		while (k < e && k - i < 3 && s[k] == ' ')
			k++;
		size_t h = k;
		while (h < e && s[h] == '#')
			h++;
		if (h > k && h - k <= 6 && h < e && (s[h] == ' ' || s[h] == '\t'))
			strong++;
		else if (e - k >= 3 && (memcmp(s + k, "```", 3) == 0 || memcmp(s + k, "~~~", 3) == 0))
			strong++;
		else if (e - k >= 4 && (memcmp(s + k, "|---", 4) == 0 || memcmp(s + k, "| --", 4) == 0))
			strong++;
		else if (e - k >= 2 && strchr("-*+>", s[k]) && s[k + 1] == ' ')
			weak++;
		else if (k < e && isdigit((unsigned char)s[k])) {
			size_t d = k;
			while (d < e && isdigit((unsigned char)s[d]))
				d++;
			if (d + 1 < e && s[d] == '.' && s[d + 1] == ' ')
				weak++;
		}
		/* **bold** and [text](target) anywhere on the line. */
		for (size_t j = k; j + 1 < e; j++) {
			/* Most lines hold neither mark: jump to the next one. */
			const char *star = memchr(s + j, '*', e - j), *br = memchr(s + j, ']', e - j);
			const char *next = !star ? br : !br ? star : star < br ? star : br;
			if (!next)
				break;
			j = (size_t)(next - s);
			if (j + 1 >= e)
				break;
			if (s[j] == '*' && s[j + 1] == '*' && is_bold(s, k, e, j)) {
				strong++;
				break;
			}
			if (s[j] == ']' && s[j + 1] == '(' && memchr(s + k, '[', j - k)) {
				strong++;
				break;
			}
		}
		i = e + 1;
	}
	return strong >= 1 && 2 * strong + weak >= 2;
}

/* ---- the readers ---- */

/* Detection scores: a reader that is sure of a document takes it at once;
 * otherwise the highest score wins, and the text reader (no detect) takes
 * what no other claims. */
enum { LIKELY = 1, SURE = 3 };

static int html_detect(const char *src, size_t len)
{
	size_t n = len < SNIFF_LEN ? len : SNIFF_LEN;
	if (starts_with_html(src, n))
		return SURE;
	/* Text with a few tags before its first block: a page all the same. */
	return count_tags(src, n) >= 8 && !looks_like_markdown(src, n) ? LIKELY : 0;
}

static int markdown_detect(const char *src, size_t len)
{
	if (starts_with_front_matter(src, len))
		return SURE; /* after html: a page is HTML whatever follows */
	return looks_like_markdown(src, len < SNIFF_LEN ? len : SNIFF_LEN) ? LIKELY : 0;
}

/* Front matter first (a forced HTML reading of a Hexo post still has some to
 * skip), else a byte-order mark; returns where the body starts. */
static size_t body_start(const char *name, const char *src, size_t len, ss_read_out *out,
                         ss_diag_sink *sink)
{
	size_t body = ss_frontmatter_parse(name, src, len, out->text, out->meta, sink);
	return body ? body : skip_bom(src, len);
}

static void text_read(const char *name, const char *src, size_t len, ss_read_out *out,
                      ss_diag_sink *sink)
{
	/* Plain text is its own text; blank lines are its paragraph breaks.
	 * Its buffer, when it may be taken, saves a copy of the document. */
	size_t body = skip_bom(src, len);
	if (out->take && body == 0 && out->text->len == 0) {
		ss_text_adopt(out->text, out->take, len);
		out->take = NULL;
		return;
	}
	ss_text_add_copy(out->text, src, (uint32_t)body, len - body);
}

static void html_read(const char *name, const char *src, size_t len, ss_read_out *out,
                      ss_diag_sink *sink)
{
	size_t body = body_start(name, src, len, out, sink);
	ss_html_to_text(src + body, len - body, (uint32_t)body, out->text, out->meta);
}

/* Where a whole HTML page starts in s[from, len): the first line that
 * opens with a doctype or an <html> tag, else len. Posts and pages saved
 * one after another in one file: detection sees only the first. */
static size_t next_page(const char *s, size_t len, size_t from)
{
	for (size_t i = from; i < len;) {
		size_t k = i;
		while (k < len && (s[k] == ' ' || s[k] == '\t'))
			k++;
		if (k < len && s[k] == '<' &&
		    (has_prefix_ci(s, len, k, "<!doctype html") ||
		     (has_prefix_ci(s, len, k, "<html") && k + 5 < len &&
		      strchr(" >\t\r\n", s[k + 5]))))
			return i;
		const char *nl = memchr(s + k, '\n', len - k);
		if (!nl)
			break;
		i = (size_t)(nl - s) + 1;
	}
	return len;
}

static void markdown_read(const char *name, const char *src, size_t len, ss_read_out *out,
                          ss_diag_sink *sink)
{
	size_t body = body_start(name, src, len, out, sink);
	const char *b = src + body;
	size_t blen = len - body;
	/* Hexo posts: front matter over an HTML page. */
	if (starts_with_html(b, blen < SNIFF_LEN ? blen : SNIFF_LEN)) {
		ss_html_to_text(b, blen, (uint32_t)body, out->text, out->meta);
		out->format = SS_FORMAT_HTML;
		return;
	}
	/* Markdown up to the first HTML page after it, if any; the pages are
	 * HTML (libxml2 reads all that follow as one document). */
	size_t page = next_page(b, blen, 0);
	ss_markdown_to_text(b, page, (uint32_t)body, out->text);
	if (page < blen)
		ss_html_to_text(b + page, blen - page, (uint32_t)(body + page), out->text, out->meta);
}

static const ss_reader text_reader = {"text", SS_FORMAT_TEXT, NULL, text_read, false};
static const ss_reader html_reader = {"html", SS_FORMAT_HTML, html_detect, html_read, false};
static const ss_reader markdown_reader = {"markdown", SS_FORMAT_MARKDOWN, markdown_detect,
                                          markdown_read, false};

/* Every input format, in the order detection asks them; a new reader (PDF)
 * is one line here and its own file. */
const ss_reader *const ss_readers[] = {&html_reader, &markdown_reader, &text_reader, NULL};

const ss_reader *ss_reader_for(ss_format fmt)
{
	for (size_t i = 0; ss_readers[i]; i++)
		if (ss_readers[i]->format == fmt)
			return ss_readers[i];
	return NULL;
}

const ss_reader *ss_reader_detect(const char *src, size_t len)
{
	const ss_reader *best = NULL, *fallback = &text_reader;
	int top = 0;
	for (size_t i = 0; ss_readers[i]; i++) {
		const ss_reader *r = ss_readers[i];
		if (!r->detect) {
			fallback = r;
			continue;
		}
		int score = r->detect(src, len);
		if (score >= SURE)
			return r;
		if (score > top) {
			top = score;
			best = r;
		}
	}
	return best ? best : fallback;
}

ss_format ss_detect_format(const char *src, size_t len)
{
	return ss_reader_detect(src, len)->format;
}

ss_format ss_reader_read(const ss_reader *r, const char *name, const char *src, size_t len,
                         ss_read_out *out, ss_diag_sink *sink)
{
	if (len > UINT32_MAX) /* the offset map is 32-bit */
		len = UINT32_MAX;
	if (!r)
		r = ss_reader_detect(src, len);
	out->format = r->format;
	r->read(name, src, len, out, sink);
	return out->format;
}

ss_format ss_read_document(const char *name, const char *src, size_t len, ss_format fmt,
                           ss_text *out, ss_meta *meta, ss_diag_sink *sink)
{
	ss_read_out ro = {out, meta, NULL, fmt, NULL, 0, NULL};
	return ss_reader_read(ss_reader_for(fmt), name, src, len, &ro, sink);
}
