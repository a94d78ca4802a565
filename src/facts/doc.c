/* doc.c - the document record behind the public ss_doc handle: its
 * accessors, and its text spans as the exporters show them. The pipeline
 * (src/pipeline/) fills it in. */
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "facts.h"

ss_doc *ss_doc_new(const char *name)
{
	ss_doc *doc = ss_xcalloc(1, sizeof *doc);
	doc->name = ss_xstrdup(name ? name : "-");
	ss_text_init(&doc->text);
	ss_text_init(&doc->norm);
	doc->nfolded_han = SIZE_MAX;
	return doc;
}

void ss_doc_free(ss_doc *doc)
{
	if (!doc)
		return;
	free(doc->name);
	ss_meta_release(&doc->meta);
	ss_regions_release(&doc->regions);
	if (doc->extra.free)
		doc->extra.free(doc->extra.data);
	ss_text_release(&doc->text);
	ss_text_release(&doc->norm);
	free(doc->sentences);
	ss_tables_release(&doc->tables);
	free(doc->facts);
	free(doc);
}

ss_status ss_doc_status(const ss_doc *doc) { return doc->status; }

void ss_doc_set_verdicts(ss_doc *doc, const ss_verdict *verdicts) { doc->verdicts = verdicts; }

const ss_verdict *ss_doc_verdict(const ss_doc *doc, size_t i)
{
	return doc->verdicts && i < doc->nfacts ? &doc->verdicts[i] : NULL;
}
const char *ss_doc_name(const ss_doc *doc) { return doc->name; }
ss_format ss_doc_format(const ss_doc *doc) { return doc->format; }
size_t ss_doc_fact_count(const ss_doc *doc) { return doc->nfacts; }

const ss_fact *ss_doc_fact(const ss_doc *doc, size_t i)
{
	return i < doc->nfacts ? &doc->facts[i] : NULL;
}

const char *ss_doc_text(const ss_doc *doc, size_t *len)
{
	*len = doc->text.len;
	return doc->text.ptr ? doc->text.ptr : "";
}

unsigned ss_doc_fact_page(const ss_doc *doc, size_t i, char *box, size_t boxlen)
{
	if (boxlen)
		box[0] = '\0';
	if (i >= doc->nfacts || !doc->extra.locate)
		return 0;
	const ss_fact *f = &doc->facts[i];
	ss_buf b = SS_BUF_INIT;
	unsigned page = doc->extra.locate(doc->extra.data, f->start, f->end, &b);
	if (boxlen && b.len) {
		size_t n = b.len < boxlen - 1 ? b.len : boxlen - 1;
		memcpy(box, b.ptr, n);
		box[n] = '\0';
	}
	ss_buf_release(&b);
	return page;
}

const char *ss_doc_title(const ss_doc *doc) { return doc->meta.title; }
const char *ss_doc_date(const ss_doc *doc) { return doc->meta.date; }
const char *ss_doc_author(const ss_doc *doc) { return doc->meta.author; }
const char *ss_doc_source(const ss_doc *doc) { return doc->meta.source; }
size_t ss_doc_category_count(const ss_doc *doc) { return doc->meta.ncategories; }

const char *ss_doc_category(const ss_doc *doc, size_t i)
{
	return i < doc->meta.ncategories ? doc->meta.categories[i] : NULL;
}

/* Bytes that may start white space: the ASCII ones, and the leads of
 * U+00A0 and U+3000. A table, as this test runs at every byte of a span. */
static const bool space_lead[256] = {[' '] = true,  ['\t'] = true, ['\n'] = true, ['\r'] = true,
                                     ['\f'] = true, ['\v'] = true, [0xC2] = true, [0xE3] = true};

/* Whether the eight bytes at s may hold the lead of white space: a byte
 * below 0x21, 0xC2 or 0xE3 (an exact "any" test; which byte it is, the
 * byte loop tells). Most of a sentence is read eight bytes at a time. */
static inline bool maybe_space8(const unsigned char *s)
{
	uint64_t x, ones = 0x0101010101010101u, high = 0x8080808080808080u;
	memcpy(&x, s, 8);
	uint64_t low = (x - ones * 0x21) & ~x & high;
	uint64_t c2 = x ^ (ones * 0xC2), e3 = x ^ (ones * 0xE3);
	return (low | ((c2 - ones) & ~c2 & high) | ((e3 - ones) & ~e3 & high)) != 0;
}

#ifdef __SSE2__
/* The bytes of the sixteen at s that start white space (of the two bytes
 * after them too, for U+00A0 and U+3000), one bit each: an exact test. */
static inline unsigned space_mask16(const unsigned char *s)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
	__m128i x1 = _mm_loadu_si128((const __m128i *)(const void *)(s + 1));
	__m128i x2 = _mm_loadu_si128((const __m128i *)(const void *)(s + 2));
	__m128i t = _mm_sub_epi8(x, _mm_set1_epi8('\t')); /* \t \n \v \f \r: 0..4 */
	__m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(4)), t);
	__m128i sp = _mm_or_si128(ctl, _mm_cmpeq_epi8(x, _mm_set1_epi8(' ')));
	__m128i nbsp = _mm_and_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xC2)),
	                             _mm_cmpeq_epi8(x1, _mm_set1_epi8((char)0xA0)));
	__m128i ideo = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xE3)),
	                                           _mm_cmpeq_epi8(x1, _mm_set1_epi8((char)0x80))),
	                             _mm_cmpeq_epi8(x2, _mm_set1_epi8((char)0x80)));
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(sp, _mm_or_si128(nbsp, ideo)));
}
#endif

/* Width of the white space at s[i] (before end), or 0. */
static size_t space_width(const unsigned char *s, size_t i, size_t end)
{
	if (s[i] == 0xC2)
		return i + 1 < end && s[i + 1] == 0xA0 ? 2 : 0;
	if (s[i] == 0xE3)
		return i + 2 < end && s[i + 1] == 0x80 && s[i + 2] == 0x80 ? 3 : 0;
	return 1;
}

size_t ss_doc_span_fold(const ss_doc *doc, ss_tspan span, char *out)
{
	const unsigned char *s = (const unsigned char *)(doc->text.ptr ? doc->text.ptr : "");
	size_t end = span.end < doc->text.len ? span.end : doc->text.len;
	char *d = out;
	if (span.start < end) {
		/* The bytes between spaces are copied a run at a time. */
		size_t i = span.start, run = i, w = 0;
		for (;;) {
			for (;;) {
#ifdef __SSE2__
				/* sixteen bytes at a time, straight to the first white
				 * space among them, when the two after them can be read */
				unsigned bits = 0;
				while (end - i >= 18 && !(bits = space_mask16(s + i)))
					i += 16;
				if (bits) {
					i += (size_t)__builtin_ctz(bits);
					w = space_width(s, i, end);
					break;
				}
#endif
				while (end - i >= 8 && !maybe_space8(s + i))
					i += 8;
				if (i >= end || (space_lead[s[i]] && (w = space_width(s, i, end))))
					break;
				i++;
			}
			if (i > run) {
				if (d > out)
					*d++ = ' '; /* the space before this run */
				memcpy(d, s + run, i - run);
				d += i - run;
			}
			if (i == end)
				break;
			i += w;
			run = i;
		}
	}
	*d = '\0';
	return (size_t)(d - out);
}

void ss_doc_span_append(const ss_doc *doc, ss_tspan span, ss_buf *b)
{
	size_t end = span.end < doc->text.len ? span.end : doc->text.len;
	if (span.start >= end)
		return;
	/* Folding only shrinks, so one reservation holds it all. */
	ss_buf_grow(b, end - span.start);
	b->len += ss_doc_span_fold(doc, span, b->ptr + b->len);
}

char *ss_doc_span_str(const ss_doc *doc, ss_tspan span)
{
	ss_buf b = SS_BUF_INIT;
	ss_doc_span_append(doc, span, &b);
	return ss_buf_detach(&b, NULL);
}

ss_tspan ss_doc_norm_to_text(const ss_doc *doc, size_t a, size_t b)
{
	ss_tspan t = {0, 0};
	if (b <= a)
		return t;
	uint32_t s, e;
	ss_text_map(&doc->norm, a, b, &s, &e);
	t.start = s;
	t.end = e;
	return t;
}
