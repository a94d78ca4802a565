/*
 * hints.c - the words of rules/content.hints (embedded at build time): what
 * the class and id words of an element, and its name, weigh for or against
 * its being a web page's article (content.c). Loaded once for the process.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

extern const unsigned char ss_content_hints[]; /* NUL-terminated */

enum { HINT_CLASS, HINT_PART, HINT_TAG, HINT_LABEL, HINT_PHRASE };
typedef struct {
	char word[24]; /* a label's UTF-8 bytes; 24 holds 7 Chinese characters */
	int kind, weight;
	size_t len; /* of word */
} hint;

static struct {
	hint *h;
	size_t n;
	size_t part[32], npart; /* the "part" entries, tried inside longer words */
	size_t label[32], nlabel; /* the "label" entries, tried at a block's start */
	size_t phrase[48], nphrase; /* the "phrase" entries, tried inside a short block */
	size_t labellen[32], phraselen[48];
	uint64_t phrase_first[16];  /* a bit for each phrase's first character */
	/* The class, part and tag words by hash (open addressing, index + 1;
	 * 0 empty): a page's class values are many, and most words are no hint. */
	uint32_t *slot;
	size_t nslot;
	uint32_t partmask[32]; /* the letters of each part word (bit 31: not a-z) */
	size_t partlen[32];
	uint32_t partfirst[26]; /* the part words (bit k: part[k]) by first letter */
	size_t bad_line;        /* the first line that is not an entry, 0 when none */
} hints;

static int hint_cmp(const void *a, const void *b)
{
	const hint *x = a, *y = b;
	int c = strcmp(x->word, y->word);
	return c ? c : x->kind - y->kind;
}

/* The bit of the character at s[0, w) in phrase_first: the text is scanned
 * once, a character at a time, and only where its bit is set are the
 * phrases compared. */
static unsigned char_bit(const unsigned char *s, size_t w)
{
	uint32_t c;
	if (w == 3) /* most of a page's characters: read at once */
		c = (uint32_t)s[0] << 16 | (uint32_t)s[1] << 8 | s[2];
	else
		for (size_t j = c = 0; j < w; j++)
			c = c << 8 | s[j];
	return (c * 2654435761u) >> 22; /* 0..1023 */
}

static void hash_build(void);

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
		    (strcmp(kind, "class") && strcmp(kind, "part") && strcmp(kind, "tag") &&
		     strcmp(kind, "label") && strcmp(kind, "phrase"))) {
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
		h->len = strlen(word);
		h->kind = !strcmp(kind, "tag")     ? HINT_TAG
		          : !strcmp(kind, "part")  ? HINT_PART
		          : !strcmp(kind, "label")  ? HINT_LABEL
		          : !strcmp(kind, "phrase") ? HINT_PHRASE
		                                    : HINT_CLASS;
		h->weight = weight;
	}
	qsort(hints.h, hints.n, sizeof *hints.h, hint_cmp);
	for (size_t i = 0; i < hints.n; i++) {
		if (hints.h[i].kind == HINT_PART && hints.npart < sizeof hints.part / sizeof *hints.part)
			hints.part[hints.npart++] = i;
		if (hints.h[i].kind == HINT_LABEL &&
		    hints.nlabel < sizeof hints.label / sizeof *hints.label)
			hints.label[hints.nlabel++] = i;
		if (hints.h[i].kind == HINT_PHRASE &&
		    hints.nphrase < sizeof hints.phrase / sizeof *hints.phrase) {
			hints.phrase[hints.nphrase++] = i;
			const unsigned char *w = (const unsigned char *)hints.h[i].word;
			unsigned bit = char_bit(w, ss_utf8_step[w[0]] ? ss_utf8_step[w[0]] : 1);
			hints.phrase_first[bit >> 6] |= 1ull << (bit & 63);
		}
	}
	hash_build();
}

#define HASH_START 2166136261u
#define HASH_STEP(h, c) (((h) ^ (unsigned char)(c)) * 16777619u)

/* FNV-1a; element names start from another basis, as they are looked up
 * apart. ss_content_attr_weight hashes a class word as it reads it. */
static uint32_t word_hash(const char *w, bool tag)
{
	uint32_t h = tag ? HASH_START ^ 0x5bd1e995u : HASH_START;
	for (; *w; w++)
		h = HASH_STEP(h, *w);
	return h;
}

/* The hash of the class, part and tag words; of entries with the same
 * word the first in sorted order wins, as the search it replaces found. */
static void hash_build(void)
{
	hints.nslot = 64;
	while (hints.nslot < hints.n * 2)
		hints.nslot *= 2;
	hints.slot = ss_xcalloc(hints.nslot, sizeof *hints.slot);
	for (size_t i = 0; i < hints.n; i++) {
		const hint *h = &hints.h[i];
		if (h->kind == HINT_LABEL || h->kind == HINT_PHRASE)
			continue;
		bool tag = h->kind == HINT_TAG;
		size_t k = word_hash(h->word, tag) & (hints.nslot - 1);
		for (; hints.slot[k]; k = (k + 1) & (hints.nslot - 1)) {
			const hint *o = &hints.h[hints.slot[k] - 1];
			if ((o->kind == HINT_TAG) == tag && !strcmp(o->word, h->word))
				break;
		}
		if (!hints.slot[k])
			hints.slot[k] = (uint32_t)i + 1;
	}
	for (size_t k = 0; k < hints.npart; k++) {
		const char *w = hints.h[hints.part[k]].word;
		uint32_t m = 0;
		for (const char *c = w; *c; c++)
			m |= *c >= 'a' && *c <= 'z' ? 1u << (*c - 'a') : 1u << 31;
		hints.partmask[k] = m;
		hints.partlen[k] = strlen(w);
		if (*w >= 'a' && *w <= 'z')
			hints.partfirst[*w - 'a'] |= 1u << k;
	}
	for (size_t k = 0; k < hints.nlabel; k++)
		hints.labellen[k] = strlen(hints.h[hints.label[k]].word);
	for (size_t k = 0; k < hints.nphrase; k++)
		hints.phraselen[k] = strlen(hints.h[hints.phrase[k]].word);
}

static pthread_once_t hints_once = PTHREAD_ONCE_INIT;

void ss_content_hints_load(void)
{
	pthread_once(&hints_once, hints_load);
}

size_t ss_content_hints_check(void)
{
	ss_content_hints_load();
	return hints.bad_line;
}

/* The entry for word w[0, n), whose word_hash is hash, among the class/part
 * words (tag: among element names). */
static const hint *hint_find(const char *w, size_t n, uint32_t hash, bool tag)
{
	for (size_t k = hash & (hints.nslot - 1); hints.slot[k]; k = (k + 1) & (hints.nslot - 1)) {
		const hint *h = &hints.h[hints.slot[k] - 1];
		if ((h->kind == HINT_TAG) == tag && h->len == n && memcmp(h->word, w, n) == 0)
			return h;
	}
	return NULL;
}

/* The weight of one lower-case word w[0, n) (letters a-z, NUL-terminated)
 * of a class or id: its hash and its letters (has) come with it. */
static int word_weight(const char *w, size_t n, uint32_t hash, uint32_t has)
{
	const hint *h = hint_find(w, n, hash, false);
	if (h)
		return h->weight;
	/* "part" words also count inside a longer word: only one whose first
	 * letter is in w and whose letters all are can. Of those that do, the
	 * first in sorted order wins: bits are tried from the lowest. */
	uint32_t cand = 0;
	for (size_t i = 0; i < n; i++)
		cand |= hints.partfirst[w[i] - 'a'];
	for (; cand; cand &= cand - 1) {
		unsigned k = (unsigned)__builtin_ctz(cand);
		if (hints.partlen[k] >= n || (hints.partmask[k] & ~has))
			continue;
		const hint *p = &hints.h[hints.part[k]];
		if (strstr(w, p->word))
			return p->weight;
	}
	return 0;
}

int ss_content_attr_weight(const char *v)
{
	int sum = 0;
	char w[32];
	size_t n = 0;
	uint32_t hash = HASH_START, has = 0; /* of w[0, n) */
	bool skip = false; /* inside a word too long to be a hint */
	for (const char *p = v;; p++) {
		unsigned char c = (unsigned char)*p;
		bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		/* a word ends before a separator, and before camelCase's capital */
		bool cut = !alpha || (c >= 'A' && c <= 'Z' && n > 0 && p[-1] >= 'a' && p[-1] <= 'z');
		if (cut && n > 0) {
			w[n] = '\0';
			if (!skip)
				sum += word_weight(w, n, hash, has);
			n = 0;
			hash = HASH_START, has = 0;
			skip = false;
		}
		if (c == '\0')
			break;
		if (!alpha)
			continue;
		if (n + 1 < sizeof w) {
			c |= 0x20;
			w[n++] = (char)c;
			hash = HASH_STEP(hash, c);
			has |= 1u << (c - 'a');
		} else {
			skip = true;
		}
	}
	return sum;
}

int ss_content_tag_weight(const char *name)
{
	const hint *t = hint_find(name, strlen(name), word_hash(name, true), true);
	return t ? t->weight : 0;
}

/* The width of the white space or opening bracket at s[i], 0 for none:
 * what may stand before a label ("　　【相关阅读】", "（简介："). */
static size_t lead_width(const unsigned char *s, size_t i, size_t n)
{
	if (s[i] <= ' ' || s[i] == '(' || s[i] == '[')
		return 1;
	if (i + 1 < n && s[i] == 0xC2 && s[i + 1] == 0xA0)
		return 2;
	if (i + 2 >= n)
		return 0;
	if (s[i] == 0xE3 && s[i + 1] == 0x80 && (s[i + 2] == 0x80 || s[i + 2] == 0x90))
		return 3; /* ideographic space, 【 */
	if (s[i] == 0xEF && s[i + 1] == 0xBC && s[i + 2] == 0x88)
		return 3; /* （ */
	return 0;
}

int ss_content_label_weight(const char *text, size_t n)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, w;
	for (size_t k = 0; i < n && k < 16 && (w = lead_width(s, i, n)) > 0; k++)
		i += w;
	for (size_t k = 0; k < hints.nlabel; k++) {
		const hint *h = &hints.h[hints.label[k]];
		size_t len = hints.labellen[k];
		if (len <= n - i && (unsigned char)h->word[0] == s[i] && memcmp(s + i, h->word, len) == 0)
			return h->weight;
	}
	return 0;
}

int ss_content_phrase_weight(const char *text, size_t n)
{
	const unsigned char *u = (const unsigned char *)text;
	for (size_t i = 0, w; i < n; i += w) {
		w = ss_utf8_step[u[i]] ? ss_utf8_step[u[i]] : 1;
		if (i + w > n)
			break;
		unsigned bit = char_bit(u + i, w);
		if (!(hints.phrase_first[bit >> 6] >> (bit & 63) & 1))
			continue;
		for (size_t k = 0; k < hints.nphrase; k++) {
			const hint *h = &hints.h[hints.phrase[k]];
			size_t len = hints.phraselen[k];
			if (len <= n - i && h->word[0] == text[i] && memcmp(text + i, h->word, len) == 0)
				return h->weight;
		}
	}
	return 0;
}
