/*
 * content.c - main-content detection for web pages: which parts of a page's
 * stripped text are its article and title, and which are furniture
 * (navigation, tickers, sidebars, lists of other articles, comments, ads,
 * footers). Readability, boilerpipe, jusText and trafilatura read the same
 * signals; this is our own arrangement of them.
 *
 * The HTML reader reports each element it opens and closes, with the text
 * length at that moment, so every element knows the text it holds without
 * a tree of our own. The text between two events belongs to the innermost
 * block element open (a <p> owns the text of the <a> and <b> inside it).
 * Each block's own text is judged: how many characters, how many of them
 * in links, how much Chinese sentence punctuation, the class/id words of it
 * and of the elements around it (rules/content.hints). Prose counts for an
 * element, link lists and short scraps against it; the block element whose
 * subtree holds the most prose for the least furniture is the article. In
 * it, link lists and blocks under furniture words are still dropped; the
 * headline (before the article, or an h1 at its top; else the page's
 * <title>) is kept as its title, and blocks of the article that only say
 * the headline again, captions that say again what an image's alt says
 * (content_repeat.c) and short lines with a boilerplate phrase (an editor
 * line, a notice) are dropped. The class/id words are weighed in hints.c.
 * The result is a list of text spans with their region; the text itself is
 * not changed, so that facts inside the article are found exactly as with
 * the whole page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"

/* ---- recording the elements ---- */


ss_content *ss_content_begin(const ss_text *out, uint32_t base, ss_regions *res)
{
	if (res == NULL)
		return NULL;
	ss_content_hints_load();
	ss_content *cx = ss_xcalloc(1, sizeof *cx);
	cx->out = out;
	cx->res = res;
	cx->first = out->len;
	cx->done = (uint32_t)out->len;
	/* Front matter before the HTML: a post (Hexo, Jekyll), all article. */
	cx->whole = base > 3;
	return cx;
}


/* Chinese sentence punctuation: ，。、；：！？ */
static bool is_punct_at(const unsigned char *s, size_t i, size_t n)
{
	if (i + 2 >= n)
		return false;
	if (s[i] == 0xE3 && s[i + 1] == 0x80)
		return s[i + 2] == 0x81 || s[i + 2] == 0x82;
	if (s[i] == 0xEF && s[i + 1] == 0xBC)
		return s[i + 2] == 0x8C || s[i + 2] == 0x9B || s[i + 2] == 0x9A ||
		       s[i + 2] == 0x81 || s[i + 2] == 0x9F;
	return false;
}

/* Count the text since the last event into the block that owns it. */
static void flush(ss_content *cx)
{
	const ss_text *t = cx->out;
	size_t now = t->len;
	if (now < cx->done) {
		/* White space taken back before a break: forget where it began. */
		cx->done = (uint32_t)now;
		while (cx->nseg > 0 && cx->seg[cx->nseg - 1].start >= now)
			cx->nseg--;
	}
	if (now == cx->done)
		return;
	int32_t top = cx->depth ? cx->stack[cx->depth - 1] : -1;
	int32_t b = top >= 0 ? cx->n[top].block : -1;
	if (cx->nseg == 0 || cx->seg[cx->nseg - 1].block != b || cx->alt_pending) {
		if (cx->nseg == cx->segcap) {
			cx->segcap = cx->segcap ? cx->segcap * 2 : 256;
			cx->seg = ss_xrealloc(cx->seg, cx->segcap * sizeof *cx->seg);
		}
		cx->seg[cx->nseg++] = (struct seg){cx->done, b, false};
	}
	if (cx->alt_pending) {
		const unsigned char *s = (const unsigned char *)t->ptr;
		size_t i = cx->done, w;
		while (i < now && ss_content_space_at(s, i, now, &w))
			i += w;
		if (i < now)
			ss_content_alt_text(cx, (uint32_t)i);
	}
	if (b >= 0) {
		const unsigned char *s = (const unsigned char *)t->ptr;
		uint32_t chars = 0, punct = 0;
		for (size_t i = cx->done, w; i < now; i += w) {
			/* most characters: a Han one of three bytes (no space, no
			 * mark), a letter or a digit */
			if ((s[i] >= 0xE4 && s[i] <= 0xE9) || (s[i] > ' ' && s[i] < 0x80)) {
				w = ss_utf8_step[s[i]];
				chars++;
				continue;
			}
			if (ss_content_space_at(s, i, now, &w))
				continue;
			w = ss_utf8_step[s[i]];
			if (w == 0)
				w = 1;
			chars++;
			punct += w == 3 && is_punct_at(s, i, now);
		}
		node *o = &cx->n[b];
		o->chars += chars;
		o->punct += punct;
		if (cx->n[top].flags & F_LINK)
			o->link += chars;
	}
	cx->done = (uint32_t)now;
}

static unsigned tag_flags_of(const char *name)
{
	if (name[0] == 'a' && name[1] == '\0')
		return F_LINK;
	if (name[0] == 'h' && name[1] >= '1' && name[1] <= '3' && name[2] == '\0')
		return F_HEADING | (name[1] == '1' ? F_H1 : 0);
	if (!strcmp(name, "title"))
		return F_TITLE;
	if (!strcmp(name, "html") || !strcmp(name, "body") || !strcmp(name, "head"))
		return F_ROOT;
	return 0;
}

/* Was the <html> or <body> reported at srcpos written in the page? libxml2
 * also reports the ones it implies around a fragment. */
static bool written_tag(const char *src, size_t len, size_t srcpos, const char *name)
{
	size_t n = strlen(name), i = srcpos < len ? srcpos : len;
	for (size_t k = 0; i > 0 && k < 4096; k++, i--)
		if (src[i - 1] == '<') {
			if (i + n > len || strncasecmp(src + i, name, n) != 0)
				return false;
			char c = i + n < len ? src[i + n] : '>';
			return c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/';
		}
	return false;
}

/* Flags and weight of element name, through the page's cache. The names
 * lie packed in libxml2's dictionary, a few to a cache line: the pointer
 * is hashed by a multiply, whose top bits all its bits reach. */
static unsigned tag_flags(ss_content *cx, const char *name, int *weight)
{
	size_t h = (size_t)(((uint64_t)(uintptr_t)name * 0x9E3779B97F4A7C15u) >> 58);
	if (cx->tagc[h].name != name) {
		cx->tagc[h].name = name;
		cx->tagc[h].flags = tag_flags_of(name);
		cx->tagc[h].weight = ss_content_tag_weight(name);
	}
	*weight = cx->tagc[h].weight;
	return cx->tagc[h].flags;
}

/* The weight of a class or id value, through the page's cache. */
static int attr_weight_cached(ss_content *cx, const char *v)
{
	uint32_t hash = 2166136261u, len = 0;
	for (; v[len] && len < sizeof cx->attrc[0].s; len++)
		hash = (hash ^ (unsigned char)v[len]) * 16777619u;
	if (v[len])
		return ss_content_attr_weight(v); /* too long to keep */
	size_t h = hash & 127;
	if (cx->attrc[h].len != len + 1 || cx->attrc[h].hash != hash ||
	    memcmp(cx->attrc[h].s, v, len) != 0) {
		cx->attrc[h].hash = hash;
		cx->attrc[h].len = len + 1; /* 0: an empty slot */
		memcpy(cx->attrc[h].s, v, len);
		cx->attrc[h].weight = ss_content_attr_weight(v);
	}
	return cx->attrc[h].weight;
}

void ss_content_open(ss_content *cx, const char *name, const char **atts, bool block,
                     const char *src, size_t len, size_t srcpos)
{
	if (cx == NULL)
		return;
	flush(cx);
	if (cx->nn == cx->cap) {
		cx->cap = cx->cap ? cx->cap * 2 : 256;
		cx->n = ss_xrealloc(cx->n, cx->cap * sizeof *cx->n);
	}
	int32_t parent = cx->depth ? cx->stack[cx->depth - 1] : -1, self = (int32_t)cx->nn++;
	node *o = &cx->n[self];
	memset(o, 0, sizeof *o);
	o->name = name;
	o->parent = parent;
	o->start = o->end = (uint32_t)cx->out->len;
	int w;
	o->flags = tag_flags(cx, name, &w) | (block ? F_BLOCK : 0);
	if (o->flags & F_TITLE)
		o->flags |= F_BLOCK;
	if (parent >= 0)
		o->flags |= cx->n[parent].flags & F_LINK;
	o->block = (o->flags & F_BLOCK) || parent < 0 ? self : cx->n[parent].block;
	if (o->flags & F_ROOT) {
		if (!cx->page && strcmp(name, "head") != 0)
			cx->page = written_tag(src, len, srcpos, name);
	} else {
		if (name[0] == 'i' && !strcmp(name, "img"))
			ss_content_alt_open(cx, atts);
		for (; atts && atts[0]; atts += 2)
			if (atts[1] && (((atts[0][0] | 0x20) == 'c' && !strcasecmp(atts[0], "class")) ||
			                ((atts[0][0] | 0x20) == 'i' && !strcasecmp(atts[0], "id"))))
				w += attr_weight_cached(cx, atts[1]);
		o->hint = w < -50 ? -50 : w > 50 ? 50 : w;
	}
	if (cx->depth == cx->scap) {
		cx->scap = cx->scap ? cx->scap * 2 : 64;
		cx->stack = ss_xrealloc(cx->stack, cx->scap * sizeof *cx->stack);
	}
	cx->stack[cx->depth++] = self;
}

void ss_content_close(ss_content *cx, const char *name)
{
	if (cx == NULL)
		return;
	/* libxml2 closes what it opened, innermost first; the search is
	 * bounded all the same, so that no page makes it quadratic. */
	size_t d = cx->depth, stop = d > 64 ? d - 64 : 0;
	while (d > stop && cx->n[cx->stack[d - 1]].name != name &&
	       strcmp(cx->n[cx->stack[d - 1]].name, name) != 0)
		d--;
	if (d == stop)
		return; /* an end tag nothing opened */
	flush(cx);
	while (cx->depth >= d)
		cx->n[cx->stack[--cx->depth]].end = (uint32_t)cx->out->len;
}

void ss_regions_release(ss_regions *r)
{
	free(r->span);
	memset(r, 0, sizeof *r);
}


/* ---- judging the blocks ---- */

/* An element whose own words weigh this much or less is furniture. */
#define FURNITURE (-25)
/* Text after this share of the page weighs half as prose. */
#define TAIL 0.9
/* What a character of a scrap (short, no punctuation, no link) weighs as
 * furniture: a little, as menus and tickers are made of them, and so are
 * an article's subheadings and table cells. */
#define SCRAP 0.1

/* Is the block's own text prose: few links, a sentence's punctuation or a
 * paragraph's length? */
static bool is_prose(const node *o)
{
	uint32_t prose = o->chars - o->link;
	return o->link * 10 < o->chars * 4 && prose >= 10 && (o->punct >= 1 || prose >= 80);
}

/* A block's prose (value) and furniture (junk), in characters. Prose is
 * text outside links with sentence punctuation, or long enough to be a
 * paragraph; the text of links, and scraps without punctuation (menus,
 * tickers, dates, bylines), speak against the element holding them. */
static void block_score(node *o)
{
	o->value = o->junk = 0;
	if (o->chars == 0 || (o->flags & F_TITLE))
		return;
	double prose = (double)(o->chars - o->link);
	if (o->neg >= 0) {
		o->junk = o->chars;
		return;
	}
	if (is_prose(o)) {
		o->value = prose * (1 + (o->punct >= 3 ? 0.5 : 0) + (o->hint >= 20 ? 0.5 : 0));
		o->junk = o->link;
	} else {
		o->junk = o->link + SCRAP * prose;
	}
}

/* Is block o, inside the article's element art, furniture all the same:
 * mostly links, or under a furniture word that art itself does not carry? */
static bool dropped_inside(const node *o, const node *art)
{
	if (o->chars > 0 && o->link * 2 > o->chars)
		return true;
	return o->neg > art->self;
}

static ss_region region_of(const ss_content *cx, int32_t b)
{
	return b >= 0 ? cx->n[b].region : SS_REGION_OUTSIDE;
}

static void add_span(ss_regions *r, uint32_t s, uint32_t e, ss_region region, size_t *cap)
{
	if (s >= e)
		return;
	if (r->n > 0 && r->span[r->n - 1].region == region && r->span[r->n - 1].end == s) {
		r->span[r->n - 1].end = e;
		return;
	}
	if (r->n == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		r->span = ss_xrealloc(r->span, *cap * sizeof *r->span);
	}
	r->span[r->n++] = (ss_region_span){s, e, region};
}

/* Pick the article, mark every block's region. Returns false when the page
 * has no article to speak of (then it is taken whole). */
static bool decide(ss_content *cx)
{
	node *n = cx->n;
	size_t nn = cx->nn;
	for (size_t i = 0; i < nn; i++) {
		node *o = &n[i];
		/* One furniture word is enough; weak words count within an element
		 * ("right list"), not across its ancestors. */
		o->neg = o->hint <= FURNITURE ? (int32_t)i : o->parent >= 0 ? n[o->parent].neg : -1;
		if (o->parent >= 0)
			o->hint += n[o->parent].hint;
		o->self = o->last = (int32_t)i;
		o->region = SS_REGION_OUTSIDE;
		if (o->block == (int32_t)i) {
			block_score(o);
			/* Position: prose at the very end of a page is a disclaimer or
			 * a copyright notice more often than an article. */
			if (o->start > cx->first + (cx->out->len - cx->first) * TAIL)
				o->value *= 0.5;
		}
	}
	for (size_t i = nn; i-- > 0;) {
		node *o = &n[i];
		if (o->parent < 0)
			continue;
		node *p = &n[o->parent];
		p->value += o->value;
		p->junk += o->junk;
		if (o->last > p->last)
			p->last = o->last;
	}
	int32_t best = -1;
	double top = 0;
	for (size_t i = 0; i < nn; i++) {
		const node *o = &n[i];
		if (o->block != (int32_t)i || (o->flags & F_TITLE))
			continue;
		double score = o->value - o->junk;
		if (o->value < 40)
			continue;
		/* On a tie, the innermost element: the wrapper adds nothing. */
		if (best < 0 || score > top ||
		    ((int32_t)i <= n[best].last && score >= top - 0.01 * (top > 0 ? top : -top)))
			best = (int32_t)i, top = score > top ? score : top;
	}
	if (best < 0)
		return false;
	const node *art = &n[best];
	for (int32_t i = best; i <= art->last; i++)
		if (n[i].block == i)
			n[i].region = dropped_inside(&n[i], art) ? SS_REGION_OUTSIDE : SS_REGION_ARTICLE;
	/* A single paragraph won: the element around the article also holds a
	 * list of links that cost it the lead. Its other paragraphs of prose
	 * are the article's too. */
	if (art->chars > 0 && art->parent >= 0 && !(n[art->parent].flags & F_ROOT)) {
		const node *up = &n[art->parent];
		for (int32_t i = art->parent + 1; i <= up->last; i = n[i].last + 1) {
			const node *c = &n[i];
			if (c->block == i && c->chars > 0 && c->value > 0 && c->value >= 2 * c->junk &&
			    c->neg < 0)
				for (int32_t k = i; k <= c->last; k++)
					if (n[k].block == k)
						n[k].region = dropped_inside(&n[k], c) ? SS_REGION_OUTSIDE
						                                       : SS_REGION_ARTICLE;
		}
	}
	/* The title: the headline before the article (the last h1, else a
	 * heading just before it), or when there is none the page's <title>;
	 * one of them, as the other says the same. */
	int32_t head = -1, title = -1;
	for (int32_t i = 0; i < best; i++) {
		const node *o = &n[i];
		if ((o->flags & F_TITLE) && title < 0)
			title = i;
		else if ((o->flags & F_HEADING) && o->last < best && o->chars > 0 &&
		         ((o->flags & F_H1) || o->end + 400 >= art->start))
			if (head < 0 || (o->flags & F_H1) || !(n[head].flags & F_H1))
				head = i;
	}
	/* An h1 of the article's own above its first paragraph of prose is the
	 * headline rather than a lesser heading before the article (a share
	 * box's "分享到微信"). */
	if (head < 0 || !(n[head].flags & F_H1))
		for (int32_t i = best; i <= art->last; i++) {
			const node *o = &n[i];
			if (o->block == i && o->region == SS_REGION_ARTICLE && is_prose(o))
				break;
			if ((o->flags & F_H1) && o->chars > 0) {
				head = i;
				break;
			}
		}
	/* The page's <title> only when the article does not open with its own
	 * heading. */
	int32_t own = -1;
	for (int32_t i = best; i <= art->last && own < 0; i++)
		if ((n[i].flags & F_HEADING) && n[i].chars > 0 && n[i].start <= art->start + 200)
			own = i;
	if (head < 0)
		head = own >= 0 ? own : title;
	if (head >= 0)
		for (int32_t i = head; i <= n[head].last; i++)
			n[i].region = SS_REGION_TITLE;
	return true;
}

/* A short block with a boilerplate phrase anywhere in it ("责任编辑",
 * "版权所有", "上一篇", "分钟读完"; rules/content.hints) is an editor line,
 * a notice or a teaser of the next article, as jusText's stop phrases have
 * it. The whole element must be short: a container whose own first text is
 * such a line holds the article too. Such a block is left out of the
 * article once it is chosen, and does not take part in choosing it: an
 * article of a few lines may have its editor line as its only prose. Only
 * the article's blocks are looked at, each block's first text once. */
#define PHRASE_MAX 120

static void drop_boilerplate(ss_content *cx)
{
	const char *s = cx->out->ptr;
	size_t len = cx->out->len;
	for (size_t k = 0; k < cx->nseg; k++) {
		int32_t b = cx->seg[k].block;
		if (b < 0 || cx->n[b].region != SS_REGION_ARTICLE || (cx->n[b].flags & F_BOILER))
			continue;
		node *o = &cx->n[b];
		size_t start = cx->seg[k].start, end = k + 1 < cx->nseg ? cx->seg[k + 1].start : len;
		size_t i = start, w;
		while (i < end && ss_content_space_at((const unsigned char *)s, i, end, &w))
			i += w;
		if (i == end)
			continue; /* white space alone: the block's text may begin further on */
		o->flags |= F_BOILER;
		if (o->chars <= PHRASE_MAX && o->end > i && o->end - o->start <= 4 * PHRASE_MAX &&
		    ss_content_phrase_weight(s + i, (o->end < end ? o->end : end) - i) < 0)
			o->region = SS_REGION_OUTSIDE;
	}
}

/* A block that opens with a furniture label ("相关阅读", "简介：",
 * rules/content.hints) is furniture whatever its class: the words say what
 * the block is on pages whose markup does not, or says "txt" of everything.
 * Only the block's first text is looked at, once. */
static void read_labels(ss_content *cx)
{
	const char *s = cx->out->ptr;
	size_t len = cx->out->len;
	for (size_t k = 0; k < cx->nseg; k++) {
		int32_t b = cx->seg[k].block;
		if (b < 0 || (cx->n[b].flags & F_SEEN))
			continue;
		node *o = &cx->n[b];
		size_t start = cx->seg[k].start, end = k + 1 < cx->nseg ? cx->seg[k + 1].start : len;
		int w = ss_content_label_weight(s + start, end - start);
		/* White space alone: the block's text may begin further on. */
		size_t i = start;
		while (i < end && (unsigned char)s[i] <= ' ')
			i++;
		if (i == end && w == 0)
			continue;
		o->flags |= F_SEEN;
		/* The label outweighs the block's own article words ("txt"). */
		w += w < 0 && o->hint > 0 ? 0 : o->hint;
		o->hint = w < -50 ? -50 : w > 50 ? 50 : w;
	}
}

void ss_content_end(ss_content *cx)
{
	if (cx == NULL)
		return;
	flush(cx);
	while (cx->depth > 0)
		cx->n[cx->stack[--cx->depth]].end = (uint32_t)cx->out->len;
	ss_regions *r = cx->res;
	ss_regions_release(r);
	if (!cx->whole && cx->page)
		read_labels(cx);
	if (!cx->whole && cx->page && decide(cx)) {
		ss_content_drop_repeats(cx);
		ss_content_find_captions(cx);
		drop_boilerplate(cx);
		size_t cap = 0, len = cx->out->len;
		r->detected = true;
		add_span(r, 0, cx->nseg ? cx->seg[0].start : (uint32_t)len, SS_REGION_OUTSIDE, &cap);
		for (size_t k = 0; k < cx->nseg; k++) {
			uint32_t e = k + 1 < cx->nseg ? cx->seg[k + 1].start : (uint32_t)len;
			ss_region region = region_of(cx, cx->seg[k].block);
			if (cx->seg[k].caption && region == SS_REGION_ARTICLE)
				region = SS_REGION_OUTSIDE;
			add_span(r, cx->seg[k].start, e, region, &cap);
		}
	}
	free(cx->n);
	free(cx->stack);
	free(cx->seg);
	free(cx->alt);
	free(cx);
}

/* ---- facts by region ---- */

ss_region ss_regions_at(const ss_regions *r, size_t pos)
{
	if (!r->detected)
		return SS_REGION_NONE;
	size_t lo = 0, hi = r->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (r->span[mid].end <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->n && r->span[lo].start <= pos ? r->span[lo].region : SS_REGION_OUTSIDE;
}

void ss_regions_crop(const ss_regions *r, const ss_text *t, ss_text *out)
{
	ss_text_reserve(out, 0);
	size_t last = 0;
	for (size_t i = 0; i < r->n; i++) {
		const ss_region_span *sp = &r->span[i];
		if (sp->region == SS_REGION_OUTSIDE)
			continue;
		size_t a = ss_text_at(t, sp->start), b = ss_text_at(t, sp->end);
		if (a >= b)
			continue;
		if (a > last) { /* furniture left out: no sentence runs across it */
			uint32_t at, e;
			ss_text_map(t, a, a, &at, &e);
			ss_text_add_break(out, at);
		}
		ss_text_add_mapped(out, t, a, b);
		last = b;
	}
}

const char *ss_region_name(ss_region r)
{
	static const char *const names[] = {"", "article", "title", "outside"};
	return (unsigned)r < sizeof names / sizeof *names ? names[r] : "";
}
