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
 * page's <title> and the headline before the article are kept as its title.
 * The result is a list of text spans with their region; the text itself is
 * not changed, so that facts inside the article are found exactly as with
 * the whole page.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* ---- the hint words (rules/content.hints, embedded at build time) ---- */

extern const unsigned char ss_content_hints[]; /* NUL-terminated */

enum { HINT_CLASS, HINT_PART, HINT_TAG };
typedef struct {
	char word[24];
	int kind, weight;
} hint;

static struct {
	hint *h;
	size_t n;
	size_t part[32], npart; /* the "part" entries, tried inside longer words */
	size_t bad_line;        /* the first line that is not an entry, 0 when none */
} hints;

static int hint_cmp(const void *a, const void *b)
{
	const hint *x = a, *y = b;
	int c = strcmp(x->word, y->word);
	return c ? c : x->kind - y->kind;
}

static void hints_load(void)
{
	const char *p = (const char *)ss_content_hints;
	size_t cap = 0, line = 0;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char buf[128], kind[16], word[64];
		int weight;
		line++;
		if (n < sizeof buf) {
			memcpy(buf, p, n);
			buf[n] = '\0';
		} else {
			buf[0] = '?', buf[1] = '\0';
		}
		p += n + (nl != NULL);
		char *s = buf + strspn(buf, " \t\r");
		if (*s == '\0' || *s == '#')
			continue;
		char extra;
		if (sscanf(s, "%15s %63s %d %c", kind, word, &weight, &extra) != 3 ||
		    strlen(word) >= sizeof hints.h->word || weight < -50 || weight > 50 ||
		    (strcmp(kind, "class") && strcmp(kind, "part") && strcmp(kind, "tag"))) {
			if (!hints.bad_line)
				hints.bad_line = line;
			continue;
		}
		if (hints.n == cap) {
			cap = cap ? cap * 2 : 64;
			hints.h = ss_xrealloc(hints.h, cap * sizeof *hints.h);
		}
		hint *h = &hints.h[hints.n++];
		strcpy(h->word, word);
		h->kind = !strcmp(kind, "tag") ? HINT_TAG : !strcmp(kind, "part") ? HINT_PART : HINT_CLASS;
		h->weight = weight;
	}
	qsort(hints.h, hints.n, sizeof *hints.h, hint_cmp);
	for (size_t i = 0; i < hints.n; i++)
		if (hints.h[i].kind == HINT_PART && hints.npart < sizeof hints.part / sizeof *hints.part)
			hints.part[hints.npart++] = i;
}

static pthread_once_t hints_once = PTHREAD_ONCE_INIT;

size_t ss_content_hints_check(void)
{
	pthread_once(&hints_once, hints_load);
	return hints.bad_line;
}

/* The entry for word among the class/part words (tag: among element names). */
static const hint *hint_find(const char *word, bool tag)
{
	size_t lo = 0, hi = hints.n;
	while (lo < hi) { /* the first entry not below word */
		size_t mid = (lo + hi) / 2;
		if (strcmp(hints.h[mid].word, word) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < hints.n && !strcmp(hints.h[lo].word, word); lo++)
		if ((hints.h[lo].kind == HINT_TAG) == tag)
			return &hints.h[lo];
	return NULL;
}

/* The weight of one lower-case word of a class or id. */
static int word_weight(const char *w, size_t n)
{
	const hint *h = hint_find(w, false);
	if (h)
		return h->weight;
	/* "part" words also count inside a longer word. */
	for (size_t k = 0; k < hints.npart; k++) {
		const hint *p = &hints.h[hints.part[k]];
		if (strlen(p->word) < n && strstr(w, p->word))
			return p->weight;
	}
	return 0;
}

/* The weight of a class or id value: the sum of its words'. */
static int attr_weight(const char *v)
{
	int sum = 0;
	char w[32];
	size_t n = 0;
	bool skip = false; /* inside a word too long to be a hint */
	for (const char *p = v;; p++) {
		unsigned char c = (unsigned char)*p;
		bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		/* a word ends before a separator, and before camelCase's capital */
		bool cut = !alpha || (c >= 'A' && c <= 'Z' && n > 0 && p[-1] >= 'a' && p[-1] <= 'z');
		if (cut && n > 0) {
			w[n] = '\0';
			if (!skip)
				sum += word_weight(w, n);
			n = 0;
			skip = false;
		}
		if (c == '\0')
			break;
		if (!alpha)
			continue;
		if (n + 1 < sizeof w)
			w[n++] = (char)(c | 0x20);
		else
			skip = true;
	}
	return sum;
}

/* ---- recording the elements ---- */

enum {
	F_BLOCK = 1,   /* ends a paragraph: owns the text of the inline elements in it */
	F_LINK = 2,    /* an <a>, or inside one */
	F_TITLE = 4,   /* the page's <title> */
	F_HEADING = 8, /* h1..h3 */
	F_H1 = 16,
	F_ROOT = 32, /* <html>, <body>, <head>: no hints of their own */
};

typedef struct {
	const char *name; /* libxml2's interned name; valid while the page is parsed */
	int32_t parent, block;
	uint32_t start, end; /* text span */
	int hint;            /* own, then (after ss_content_end) with the ancestors' */
	int32_t neg;         /* the nearest element around with a furniture word, or -1 */
	unsigned flags;
	uint32_t chars, link, punct; /* the block's own text */
	double value, junk;          /* the subtree's prose and furniture */
	int32_t self, last;          /* the subtree is nodes [self, last] */
	ss_region region;
} node;

struct ss_content {
	const ss_text *out;
	ss_regions *res;
	size_t first;    /* out->len when the page began */
	uint32_t done;   /* text counted so far */
	bool page, whole;
	node *n;
	size_t nn, cap;
	int32_t *stack;
	size_t depth, scap;
	struct seg { uint32_t start; int32_t block; } *seg; /* who owns text from start on */
	size_t nseg, segcap;
	/* A page repeats its element names (interned by libxml2, so the pointer
	 * is the key) and its class values: what they weigh is kept. */
	struct { const char *name; unsigned flags; int weight; } tagc[64];
	struct { uint32_t hash, len; int weight; char s[40]; } attrc[128];
};

ss_content *ss_content_begin(const ss_text *out, uint32_t base, ss_regions *res)
{
	if (res == NULL)
		return NULL;
	pthread_once(&hints_once, hints_load);
	ss_content *cx = ss_xcalloc(1, sizeof *cx);
	cx->out = out;
	cx->res = res;
	cx->first = out->len;
	cx->done = (uint32_t)out->len;
	/* Front matter before the HTML: a post (Hexo, Jekyll), all article. */
	cx->whole = base > 3;
	return cx;
}

static bool is_space_at(const unsigned char *s, size_t i, size_t n, size_t *w)
{
	*w = 1;
	if (s[i] <= ' ')
		return true;
	if (s[i] == 0xC2 && i + 1 < n && s[i + 1] == 0xA0)
		return *w = 2, true;
	if (s[i] == 0xE3 && i + 2 < n && s[i + 1] == 0x80 && s[i + 2] == 0x80)
		return *w = 3, true;
	return false;
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
	if (cx->nseg == 0 || cx->seg[cx->nseg - 1].block != b) {
		if (cx->nseg == cx->segcap) {
			cx->segcap = cx->segcap ? cx->segcap * 2 : 256;
			cx->seg = ss_xrealloc(cx->seg, cx->segcap * sizeof *cx->seg);
		}
		cx->seg[cx->nseg++] = (struct seg){cx->done, b};
	}
	if (b >= 0) {
		const unsigned char *s = (const unsigned char *)t->ptr;
		uint32_t chars = 0, punct = 0;
		for (size_t i = cx->done, w; i < now; i += w) {
			if (is_space_at(s, i, now, &w))
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

/* Flags and weight of element name, through the page's cache. */
static unsigned tag_flags(ss_content *cx, const char *name, int *weight)
{
	size_t h = ((uintptr_t)name >> 4) & 63;
	if (cx->tagc[h].name != name) {
		const hint *t = hint_find(name, true);
		cx->tagc[h].name = name;
		cx->tagc[h].flags = tag_flags_of(name);
		cx->tagc[h].weight = t ? t->weight : 0;
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
		return attr_weight(v); /* too long to keep */
	size_t h = hash & 127;
	if (cx->attrc[h].len != len + 1 || cx->attrc[h].hash != hash ||
	    memcmp(cx->attrc[h].s, v, len) != 0) {
		cx->attrc[h].hash = hash;
		cx->attrc[h].len = len + 1; /* 0: an empty slot */
		memcpy(cx->attrc[h].s, v, len);
		cx->attrc[h].weight = attr_weight(v);
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
		for (; atts && atts[0]; atts += 2)
			if (atts[1] && (!strcasecmp(atts[0], "class") || !strcasecmp(atts[0], "id")))
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
	while (d > stop && strcmp(cx->n[cx->stack[d - 1]].name, name) != 0)
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
	bool good = o->link * 10 < o->chars * 4 && prose >= 10 && (o->punct >= 1 || prose >= 80);
	if (good) {
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

void ss_content_end(ss_content *cx)
{
	if (cx == NULL)
		return;
	flush(cx);
	while (cx->depth > 0)
		cx->n[cx->stack[--cx->depth]].end = (uint32_t)cx->out->len;
	ss_regions *r = cx->res;
	ss_regions_release(r);
	if (!cx->whole && cx->page && decide(cx)) {
		size_t cap = 0, len = cx->out->len;
		r->detected = true;
		add_span(r, 0, cx->nseg ? cx->seg[0].start : (uint32_t)len, SS_REGION_OUTSIDE, &cap);
		for (size_t k = 0; k < cx->nseg; k++) {
			uint32_t e = k + 1 < cx->nseg ? cx->seg[k + 1].start : (uint32_t)len;
			add_span(r, cx->seg[k].start, e, region_of(cx, cx->seg[k].block), &cap);
		}
	}
	free(cx->n);
	free(cx->stack);
	free(cx->seg);
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

const char *ss_region_name(ss_region r)
{
	static const char *const names[] = {"", "article", "title", "outside"};
	return (unsigned)r < sizeof names / sizeof *names ? names[r] : "";
}
