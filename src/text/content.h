/*
 * content.h - what the parts of main-content detection share (content.c
 * records and judges a page's elements, content_repeat.c finds the text
 * that says again what the headline or an image says). Private to src/text.
 */
#ifndef SS_TEXT_CONTENT_H
#define SS_TEXT_CONTENT_H

#include <stdint.h>

#include "text.h"

/* An image's alt text and the text after it are compared by this many
 * characters; an alt text shorter than ALT_MIN characters says too little
 * ("图片", "logo") to tell a caption. */
#define ALT_KEY 8
#define ALT_MIN 10
#define NO_POS UINT32_MAX

enum {
	F_BLOCK = 1,   /* ends a paragraph: owns the text of the inline elements in it */
	F_LINK = 2,    /* an <a>, or inside one */
	F_TITLE = 4,   /* the page's <title> */
	F_HEADING = 8, /* h1..h3 */
	F_H1 = 16,
	F_ROOT = 32, /* <html>, <body>, <head>: no hints of their own */
	F_SEEN = 64, /* the block's first text was looked at for a label */
	F_BOILER = 128, /* the block's first text was looked at for a boilerplate phrase */
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
	/* the headline said again (drop_repeats): the block's characters, those
	 * in runs of the title, those left out near a figure */
	uint32_t rchars, rcover, rloose;
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
	/* who owns text from start on; caption: the text says again what the
	 * image before it says (content_repeat.c) */
	struct seg { uint32_t start; int32_t block; bool caption; } *seg;
	size_t nseg, segcap;
	/* images with an alt text, and where the text after each begins */
	struct alt_img {
		uint32_t pos;         /* where the text after it begins (NO_POS: none yet) */
		size_t seg;           /* the segment that holds pos */
		uint32_t chars;       /* the alt's characters, white space left out */
		uint8_t keylen;       /* bytes of key */
		char key[ALT_KEY * 4]; /* the alt's first ALT_KEY characters, white space left out */
	} *alt;
	size_t nalt, altcap;
	bool alt_pending; /* the last image's next text is not seen yet */
	/* A page repeats its element names (interned by libxml2, so the pointer
	 * is the key) and its class values: what they weigh is kept. */
	struct { const char *name; unsigned flags; int weight; } tagc[64];
	struct { uint32_t hash, len; int weight; char s[40]; } attrc[128];
};

/* White space at s[i] (ASCII, no-break space, ideographic space), its
 * width in *w. */
static inline bool ss_content_space_at(const unsigned char *s, size_t i, size_t n, size_t *w)
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

/* Blocks of the article that only say the headline again are left out. */
void ss_content_drop_repeats(ss_content *cx);
/* Record image atts' alt text as the text after it is awaited. */
void ss_content_alt_open(ss_content *cx, const char **atts);
/* The text after an image begins at pos, in the last segment. */
void ss_content_alt_text(ss_content *cx, uint32_t pos);
/* Mark the segments that say again what the image before them says. */
void ss_content_find_captions(ss_content *cx);

#endif
