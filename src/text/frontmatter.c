/* frontmatter.c - YAML front matter (Hexo, Jekyll) read through libyaml's
 * event API. The title is text too: it goes into the output as the first
 * paragraph, mapped to the bytes of its scalar in the source. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "text.h"

/* Offset just past the line that starts at i (past its "\n"), or len. */
static size_t line_end(const char *s, size_t len, size_t i)
{
	const char *nl = memchr(s + i, '\n', len - i);
	return nl ? (size_t)(nl - s) + 1 : len;
}

/* Is s[i..e) (a line, its newline included) exactly mark, with optional
 * trailing blanks and CR? */
static bool is_fence_line(const char *s, size_t i, size_t e, const char *mark)
{
	size_t n = strlen(mark);
	if (e - i < n || memcmp(s + i, mark, n) != 0)
		return false;
	for (i += n; i < e; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

/* Where the YAML begins and ends, and the length of the whole block.
 * Returns false when src does not start with a front-matter block. */
static bool find_block(const char *src, size_t len, size_t *ystart, size_t *yend, size_t *blocklen,
                       unsigned *first_line)
{
	size_t i = 0;
	unsigned line = 1;
	if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	/* Hexo posts start with a blank line before the opening fence. */
	for (;;) {
		size_t j = i;
		while (j < len && (src[j] == ' ' || src[j] == '\t' || src[j] == '\r'))
			j++;
		if (j < len && src[j] == '\n') {
			i = j + 1;
			line++;
			continue;
		}
		break;
	}
	size_t e = line_end(src, len, i);
	if (e == len || !is_fence_line(src, i, e, "---"))
		return false;
	*ystart = e;
	*first_line = line + 1;
	for (size_t k = e; k < len; k = e) {
		e = line_end(src, len, k);
		if (is_fence_line(src, k, e, "---") || is_fence_line(src, k, e, "...")) {
			*yend = k;
			*blocklen = e;
			return true;
		}
	}
	return false;
}

/* libyaml's mark.index counts characters; turn one into a byte offset of s. */
static size_t char_to_byte(const char *s, size_t len, size_t chars)
{
	size_t b = 0;
	while (chars > 0 && b < len) {
		b += (size_t)ss_utf8_len(s + b, len - b);
		chars--;
	}
	return b;
}

/* Does v look like a date? A year of four digits and one more number, or a
 * month name: rules out "Invalid Date", "TBD", "now" and the like. */
static bool looks_like_date(const char *v)
{
	static const char *months[] = {"jan", "feb", "mar", "apr", "may", "jun",
	                               "jul", "aug", "sep", "oct", "nov", "dec"};
	bool year = false;
	int groups = 0;
	for (const char *p = v; *p;) {
		if (!isdigit((unsigned char)*p)) {
			p++;
			continue;
		}
		const char *q = p;
		while (isdigit((unsigned char)*q))
			q++;
		if (q - p == 4 && (p[0] == '1' || p[0] == '2'))
			year = true;
		groups++;
		p = q;
	}
	if (!year)
		return false;
	if (groups >= 2)
		return true;
	for (size_t m = 0; m < sizeof months / sizeof *months; m++)
		for (const char *p = v; p[0] && p[1] && p[2]; p++)
			if (tolower((unsigned char)p[0]) == months[m][0] &&
			    tolower((unsigned char)p[1]) == months[m][1] &&
			    tolower((unsigned char)p[2]) == months[m][2])
				return true;
	return false;
}

/* Append the title value to out, mapped to raw bytes [rs, re) of src: equal
 * leading and trailing bytes as copies, whatever differs (escapes, folded
 * lines) as one unit. */
static void add_title(ss_text *out, const char *src, size_t rs, size_t re, const char *v,
                      size_t vlen)
{
	size_t rlen = re - rs, pre = 0, suf = 0;
	while (pre < vlen && pre < rlen && v[pre] == src[rs + pre])
		pre++;
	if (pre == vlen && pre == rlen) {
		ss_text_add_copy(out, src, (uint32_t)rs, vlen);
		return;
	}
	/* Do not cut a character in two: back off to a character start. */
	while (pre > 0 && ((unsigned char)v[pre] & 0xC0) == 0x80)
		pre--;
	while (suf < vlen - pre && suf < rlen - pre && v[vlen - 1 - suf] == src[re - 1 - suf])
		suf++;
	while (suf > 0 && ((unsigned char)v[vlen - suf] & 0xC0) == 0x80)
		suf--;
	/* A unit of one source byte reads as a copy of that byte; a folded or
	 * escaped byte ('\n' read as ' ') is not one: widen the unit by a
	 * neighbouring character, or make it synthetic when there is none. */
	if (re - suf - (rs + pre) == 1 && suf > 0)
		suf -= (size_t)ss_utf8_len(v + vlen - suf, suf);
	else if (re - suf - (rs + pre) == 1 && pre > 0)
		pre = ss_utf8_back(v, pre - 1);
	uint32_t us = (uint32_t)(rs + pre), ue = (uint32_t)(re - suf);
	if (ue - us == 1)
		ue = us;
	ss_text_add_copy(out, src, (uint32_t)rs, pre);
	if (vlen - pre - suf > 0)
		ss_text_add_unit(out, v + pre, vlen - pre - suf, us, ue);
	ss_text_add_copy(out, src, (uint32_t)(re - suf), suf);
}

static void add_category(ss_meta *meta, const char *v)
{
	meta->categories = ss_xrealloc(meta->categories,
	                               (meta->ncategories + 1) * sizeof *meta->categories);
	meta->categories[meta->ncategories++] = ss_xstrdup(v);
}

static void set_field(char **field, const char *v)
{
	free(*field);
	*field = ss_xstrdup(v);
}

/* What the value being read belongs to. */
enum key { K_OTHER, K_TITLE, K_DATE, K_AUTHOR, K_SOURCE, K_CATEGORIES };

static enum key key_of(const char *k)
{
	if (strcmp(k, "title") == 0)
		return K_TITLE;
	if (strcmp(k, "date") == 0)
		return K_DATE;
	if (strcmp(k, "author") == 0)
		return K_AUTHOR;
	if (strcmp(k, "source") == 0)
		return K_SOURCE;
	if (strcmp(k, "categories") == 0 || strcmp(k, "category") == 0)
		return K_CATEGORIES;
	return K_OTHER;
}

size_t ss_frontmatter_parse(const char *name, const char *src, size_t len, ss_text *out,
                            ss_meta *meta, ss_diag_sink *sink)
{
	size_t ys, ye, blocklen;
	unsigned first_line;
	if (!find_block(src, len, &ys, &ye, &blocklen, &first_line))
		return 0;

	const char *y = src + ys;
	size_t ylen = ye - ys;
	yaml_parser_t parser;
	yaml_event_t ev;
	if (!yaml_parser_initialize(&parser))
		return blocklen;
	yaml_parser_set_input_string(&parser, (const unsigned char *)y, ylen);

	/* depth counts open mappings and sequences; the fields we want are the
	 * top mapping's (depth 1) scalars and, for categories, the scalars of a
	 * sequence right under it (depth 2). */
	int depth = 0;
	bool want_key = true;
	enum key cur = K_OTHER;
	size_t tstart = 0, tend = 0;
	char *title = NULL;
	size_t title_len = 0;
	for (;;) {
		if (!yaml_parser_parse(&parser, &ev)) {
			const char *what = parser.problem ? parser.problem : "syntax error";
			ss_report(sink, SS_DIAG_WARNING, name,
			          first_line + (unsigned)parser.problem_mark.line,
			          (unsigned)parser.problem_mark.column + 1, NULL,
			          "broken front matter: %s%s%s", what,
			          parser.context ? " " : "", parser.context ? parser.context : "");
			break;
		}
		yaml_event_type_t type = ev.type;
		switch (type) {
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			depth++;
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			depth--;
			if (depth == 1) {
				want_key = true;
				cur = K_OTHER;
			}
			break;
		case YAML_SCALAR_EVENT: {
			const char *v = (const char *)ev.data.scalar.value;
			if (depth == 1 && want_key) {
				cur = key_of(v);
				want_key = false;
				break;
			}
			if (depth == 1) {
				want_key = true;
				if (cur == K_TITLE && *v) {
					free(title);
					title = ss_xstrdup(v);
					title_len = ev.data.scalar.length;
					tstart = char_to_byte(y, ylen, ev.start_mark.index);
					tend = char_to_byte(y, ylen, ev.end_mark.index);
					yaml_scalar_style_t st = ev.data.scalar.style;
					if ((st == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
					     st == YAML_DOUBLE_QUOTED_SCALAR_STYLE) && tend - tstart >= 2) {
						tstart++;
						tend--;
					}
					set_field(&meta->title, v);
				} else if (cur == K_DATE && looks_like_date(v)) {
					set_field(&meta->date, v);
				} else if (cur == K_AUTHOR && *v) {
					set_field(&meta->author, v);
				} else if (cur == K_SOURCE && *v) {
					set_field(&meta->source, v);
				} else if (cur == K_CATEGORIES && *v) {
					add_category(meta, v);
				}
				cur = K_OTHER;
			} else if (depth == 2 && cur == K_CATEGORIES && *v) {
				add_category(meta, v);
			}
			break;
		}
		default:
			break;
		}
		yaml_event_delete(&ev);
		if (type == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&parser);

	if (title) {
		/* Marks past the YAML would map outside the block: guard. */
		if (tend <= ylen && tstart <= tend)
			add_title(out, src, ys + tstart, ys + tend, title, title_len);
		ss_text_add_break(out, (uint32_t)(ys + tend));
		free(title);
	}
	return blocklen;
}
