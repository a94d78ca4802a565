/* doc.c - one document through the pipeline: sanitise, read (strip markup),
 * normalise, split sentences, match rules, build facts. */
#include <stdlib.h>
#include <string.h>

#include "facts.h"

static ss_doc *doc_new(const char *name)
{
	ss_doc *doc = ss_xcalloc(1, sizeof *doc);
	doc->name = ss_xstrdup(name ? name : "-");
	ss_text_init(&doc->text);
	ss_text_init(&doc->norm);
	return doc;
}

/* Looks like a binary file: NUL bytes in the first block (UTF-16 text with
 * a byte-order mark has them too, and is converted before this check). */
static bool looks_binary(const char *buf, size_t len)
{
	size_t n = len < 8192 ? len : 8192, nul = 0;
	if (!memchr(buf, '\0', n))
		return false; /* the usual case, found at memchr's speed */
	for (size_t i = 0; i < n; i++)
		nul += buf[i] == '\0';
	return nul > 0 && nul * 100 >= n; /* more than 1% NUL bytes */
}

/* Facts found in a converted copy carry offsets into that copy: map them
 * into the source file's bytes (line and column, in characters, are the
 * same in both). */
static void remap_facts(ss_doc *doc, const uint32_t *map, size_t maplen)
{
	for (size_t i = 0; i < doc->nfacts; i++) {
		ss_fact *f = &doc->facts[i];
		f->start = map[f->start < maplen ? f->start : maplen];
		f->end = map[f->end < maplen ? f->end : maplen];
	}
}

ss_doc *ss_doc_extract(const ss_ruleset *rs, const char *name, const char *buf, size_t len,
                       const ss_extract_options *opts)
{
	ss_extract_options none = {0};
	if (!opts)
		opts = &none;
	ss_diag_sink sink = {opts->diag, opts->diag_userdata, 0, 0};
	ss_doc *doc = doc_new(name);

	if (len > UINT32_MAX - 16) {
		ss_report(&sink, SS_DIAG_ERROR, doc->name, 0, 0, NULL,
		          "file too large (%zu bytes; the limit is 4 GiB)", len);
		doc->status = SS_ERR_INPUT;
		return doc;
	}
	if (len == 0) {
		ss_report(&sink, SS_DIAG_WARNING, doc->name, 0, 0, NULL, "empty file");
		return doc;
	}

	/* The sanitised copy (invalid bytes as '?', offsets kept) is what the
	 * stages read; how many bytes it replaced also tells a UTF-16 or GB18030
	 * source, which is read through a UTF-8 copy instead. */
	char *conv = NULL, *clean;
	uint32_t *map = NULL;
	size_t convlen = 0, first_bad = 0;
	size_t nbad = ss_utf8_sanitize(buf, len, &clean, &first_bad);
	ss_encoding enc = ss_encoding_detect(buf, len, nbad);
	if (enc != SS_ENC_UTF8) {
		free(clean);
		clean = NULL;
		size_t lost = ss_encoding_convert(enc, buf, len, &conv, &convlen, &map);
		if (lost == (size_t)-1) {
			ss_report(&sink, SS_DIAG_ERROR, doc->name, 0, 0, NULL,
			          "%s text, and this system's iconv cannot convert it; "
			          "convert it to UTF-8 first (iconv -f %s -t UTF-8)",
			          ss_encoding_name(enc), ss_encoding_name(enc));
			doc->status = SS_ERR_INPUT;
			return doc;
		}
		if (lost)
			ss_report(&sink, SS_DIAG_WARNING, doc->name, 0, 0, NULL,
			          "%s text converted to UTF-8; %zu bad sequence%s replaced by '?'",
			          ss_encoding_name(enc), lost, lost == 1 ? "" : "s");
		else
			ss_report(&sink, SS_DIAG_WARNING, doc->name, 0, 0, NULL,
			          "%s text converted to UTF-8", ss_encoding_name(enc));
		if (convlen > UINT32_MAX - 16) {
			ss_report(&sink, SS_DIAG_ERROR, doc->name, 0, 0, NULL,
			          "file too large once converted to UTF-8 (%zu bytes; the limit is 4 GiB)",
			          convlen);
			doc->status = SS_ERR_INPUT;
			free(conv);
			free(map);
			return doc;
		}
		buf = conv;
		len = convlen;
		nbad = ss_utf8_sanitize(buf, len, &clean, &first_bad);
	} else if (looks_binary(buf, len)) {
		ss_report(&sink, SS_DIAG_ERROR, doc->name, 0, 0, NULL,
		          "binary file (NUL bytes), not a text document");
		doc->status = SS_ERR_INPUT;
		free(clean);
		return doc;
	}

	ss_linemap lines;
	ss_linemap_init(&lines, clean, len);
	if (nbad) {
		unsigned line, col;
		ss_linemap_locate(&lines, clean, len, first_bad, &line, &col);
		ss_report(&sink, SS_DIAG_WARNING, doc->name, line, col, NULL,
		          "invalid UTF-8: %zu byte%s replaced by '?'", nbad, nbad == 1 ? "" : "s");
	}

	doc->meta.regions = &doc->regions;
	doc->format = ss_read_document(doc->name, clean, len, opts->format, &doc->text,
	                               &doc->meta, &sink);
	ss_normalize(&doc->text, &doc->norm);
	doc->nsentences = ss_sentences_split(doc->norm.ptr ? doc->norm.ptr : "", doc->norm.len,
	                                     &doc->sentences);

	ss_match *m = NULL;
	size_t nm = ss_rules_scan(rs, doc->norm.ptr ? doc->norm.ptr : "", doc->norm.len, &m,
	                          &sink, doc->name);
	ss_facts_build(rs, doc, m, nm, clean, len, &lines, opts->kinds);
	doc->nfacts = ss_regions_apply(&doc->regions, doc->facts, doc->nfacts, opts->all_text);
	if (map)
		remap_facts(doc, map, convlen);
	free(m);
	ss_linemap_release(&lines);
	free(clean);
	free(conv);
	free(map);
	return doc;
}

void ss_doc_free(ss_doc *doc)
{
	if (!doc)
		return;
	free(doc->name);
	ss_meta_release(&doc->meta);
	ss_regions_release(&doc->regions);
	ss_text_release(&doc->text);
	ss_text_release(&doc->norm);
	free(doc->sentences);
	free(doc->facts);
	free(doc);
}

ss_status ss_doc_status(const ss_doc *doc) { return doc->status; }
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

/* Width of the white space at s[i] (before end), or 0. */
static size_t space_width(const unsigned char *s, size_t i, size_t end)
{
	if (s[i] == 0xC2)
		return i + 1 < end && s[i + 1] == 0xA0 ? 2 : 0;
	if (s[i] == 0xE3)
		return i + 2 < end && s[i + 1] == 0x80 && s[i + 2] == 0x80 ? 3 : 0;
	return 1;
}

void ss_doc_span_append(const ss_doc *doc, ss_tspan span, ss_buf *b)
{
	const unsigned char *s = (const unsigned char *)(doc->text.ptr ? doc->text.ptr : "");
	size_t end = span.end < doc->text.len ? span.end : doc->text.len;
	if (span.start >= end)
		return;
	/* Folding only shrinks, so one reservation holds it all; the bytes
	 * between spaces are copied a run at a time. */
	ss_buf_grow(b, end - span.start);
	char *d0 = b->ptr + b->len, *d = d0;
	size_t i = span.start, run = i, w = 0;
	for (;;) {
		while (i < end && (!space_lead[s[i]] || !(w = space_width(s, i, end))))
			i++;
		if (i > run) {
			if (d > d0)
				*d++ = ' '; /* the space before this run */
			memcpy(d, s + run, i - run);
			d += i - run;
		}
		if (i == end)
			break;
		i += w;
		run = i;
	}
	b->len = (size_t)(d - b->ptr);
	*d = '\0';
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
