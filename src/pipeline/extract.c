/* extract.c - ss_doc_extract: the steps of pipeline.h, each a function,
 * in one table. */
#include <stdlib.h>
#include <string.h>

#include "../text/fold.h"
#include "pipeline.h"

static bool fail(ss_pipe *p)
{
	p->doc->status = SS_ERR_INPUT;
	return false;
}

/* clean is src unless a byte had to be replaced. */
static bool sanitise(ss_pipe *p)
{
	p->nbad = ss_utf8_clean(p->src, p->len, &p->clean_copy, &p->first_bad);
	p->clean = p->clean_copy ? p->clean_copy : p->src;
	return true;
}

static bool step_sanitise(ss_pipe *p)
{
	if (p->len > UINT32_MAX - 16) {
		ss_report(&p->sink, SS_DIAG_ERROR, p->doc->name, 0, 0, NULL,
		          "file too large (%zu bytes; the limit is 4 GiB)", p->len);
		return fail(p);
	}
	if (p->len == 0) {
		ss_report(&p->sink, SS_DIAG_WARNING, p->doc->name, 0, 0, NULL, "empty file");
		return false;
	}
	if (p->reader && p->reader->raw)
		return true; /* its bytes are not text */
	/* How many bytes this replaced also tells a UTF-16 or GB18030 source
	 * (decode). */
	return sanitise(p);
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

/* A UTF-16 or GB18030 source is read through a UTF-8 copy, sanitised in
 * turn; facts found in it are mapped back by step_facts. */
static bool convert(ss_pipe *p, ss_encoding enc)
{
	const char *name = p->doc->name;
	free(p->clean_copy);
	p->clean_copy = NULL;
	p->clean = NULL;
	size_t lost = ss_encoding_convert(enc, p->src, p->len, &p->conv, &p->convlen, &p->map);
	if (lost == (size_t)-1) {
		ss_report(&p->sink, SS_DIAG_ERROR, name, 0, 0, NULL,
		          "%s text, and this system's iconv cannot convert it; "
		          "convert it to UTF-8 first (iconv -f %s -t UTF-8)",
		          ss_encoding_name(enc), ss_encoding_name(enc));
		return fail(p);
	}
	if (lost)
		ss_report(&p->sink, SS_DIAG_WARNING, name, 0, 0, NULL,
		          "%s text converted to UTF-8; %zu bad sequence%s replaced by '?'",
		          ss_encoding_name(enc), lost, lost == 1 ? "" : "s");
	else
		ss_report(&p->sink, SS_DIAG_WARNING, name, 0, 0, NULL, "%s text converted to UTF-8",
		          ss_encoding_name(enc));
	if (p->convlen > UINT32_MAX - 16) {
		ss_report(&p->sink, SS_DIAG_ERROR, name, 0, 0, NULL,
		          "file too large once converted to UTF-8 (%zu bytes; the limit is 4 GiB)",
		          p->convlen);
		return fail(p);
	}
	p->src = p->conv;
	p->len = p->convlen;
	return sanitise(p);
}

static bool step_decode(ss_pipe *p)
{
	if (p->reader && p->reader->raw)
		return true;
	ss_encoding enc = ss_encoding_detect(p->src, p->len, p->nbad);
	if (enc != SS_ENC_UTF8) {
		if (!convert(p, enc))
			return false;
	} else if (looks_binary(p->src, p->len)) {
		ss_report(&p->sink, SS_DIAG_ERROR, p->doc->name, 0, 0, NULL,
		          "binary file (NUL bytes), not a text document");
		return fail(p);
	}
	ss_linemap_init(&p->lines, p->clean, p->len);
	p->lines.valid = true; /* sanitised */
	p->have_lines = true;
	if (p->nbad) {
		unsigned line, col;
		ss_linemap_locate(&p->lines, p->clean, p->len, p->first_bad, &line, &col);
		ss_report(&p->sink, SS_DIAG_WARNING, p->doc->name, line, col, NULL,
		          "invalid UTF-8: %zu byte%s replaced by '?'", p->nbad,
		          p->nbad == 1 ? "" : "s");
	}
	return true;
}

/* A raw reader reads the input itself; its text, as its own base, is then
 * the source that facts point into and lines are counted in. */
static bool strip_raw(ss_pipe *p)
{
	ss_doc *doc = p->doc;
	ss_read_out out = {&doc->text, &doc->meta, &doc->extra, SS_FORMAT_AUTO, NULL, 0, NULL};
	size_t errors = p->sink.errors;
	doc->format = ss_reader_read(p->reader, doc->name, p->src, p->len, &out, &p->sink);
	free(p->clean_copy); /* the raw reader's text is the source now */
	p->clean = p->clean_copy = out.base ? out.base : ss_xstrdup("");
	p->len = out.base ? out.baselen : 0;
	ss_linemap_init(&p->lines, p->clean, p->len);
	p->have_lines = true;
	if (p->sink.errors > errors)
		return fail(p);
	return p->len > 0;
}

static bool step_strip(ss_pipe *p)
{
	ss_doc *doc = p->doc;
	if (p->reader && p->reader->raw)
		return strip_raw(p);
	doc->meta.regions = &doc->regions; /* the HTML reader marks a web page's article */
	/* Only the bytes given, not a converted or sanitised copy. */
	char *take = p->clean == p->src && !p->conv ? p->take : NULL;
	ss_read_out out = {&doc->text, &doc->meta, &doc->extra, SS_FORMAT_AUTO, NULL, 0, take};
	const ss_reader *r = p->reader ? p->reader : ss_reader_for(p->opts->format);
	doc->format = ss_reader_read(r, doc->name, p->clean, p->len, &out, &p->sink);
	if (take && !out.take)
		p->take = NULL; /* doc->text holds it now */
	return true;
}

static bool step_normalise(ss_pipe *p)
{
	ss_normalize(&p->doc->text, &p->doc->norm);
	return true;
}

/* Traditional characters read as simplified (億 as 亿), for matching only,
 * each folded character one unit over its bytes of doc->text: norm keeps the
 * one map (norm -> text) that spans and the text shown go through, with no
 * third copy of the document. ss_normalize folds as it copies (the two
 * change disjoint characters: full-width forms and spaces; Chinese
 * characters), one scan of the text for both, and marks norm so; this step
 * then only takes the counts the currency check reads. */
static bool step_fold(ss_pipe *p)
{
	ss_fold_text_han(&p->doc->norm, &p->doc->nfolded_han);
	return true;
}

/* A web page's furniture (menus, tickers, links to other stories) is cut
 * out of norm before sentences, tables and rules: its facts would be left
 * out anyway (step_content), and it is a third of a page's text. norm keeps
 * its map into the whole stripped text, so spans, lines and regions hold as
 * they are. What the page says of itself near its top (a dateline under
 * the title) is read first: it dates the article's periods. */
static bool step_crop(ss_pipe *p)
{
	ss_doc *doc = p->doc;
	if (p->opts->all_text || !doc->regions.detected)
		return true;
	ss_doc_read_dateline(doc);
	ss_text kept;
	ss_text_init(&kept);
	ss_regions_crop(&doc->regions, &doc->norm, &kept);
	ss_text_release(&doc->norm);
	doc->norm = kept;
	return true;
}

static const char *norm_text(const ss_doc *doc)
{
	return doc->norm.ptr ? doc->norm.ptr : "";
}

static bool step_split(ss_pipe *p)
{
	ss_doc *doc = p->doc;
	doc->nsentences = ss_sentences_split(norm_text(doc), doc->norm.len, &doc->sentences);
	return true;
}

/* Tables keep their structure: rows of cells, for the facts of cells. */
static bool step_tables(ss_pipe *p)
{
	ss_doc *doc = p->doc;
	ss_tables_find(norm_text(doc), doc->norm.len, &doc->tables);
	return true;
}

static bool step_rules(ss_pipe *p)
{
	ss_doc *doc = p->doc;
	p->nmatches = ss_rules_scan_limited(p->rs, norm_text(doc), doc->norm.len, &p->matches,
	                                    &p->sink, doc->name, p->opts->match_limit,
	                                    p->opts->depth_limit);
	return true;
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

static bool step_facts(ss_pipe *p)
{
	ss_facts_build(p->rs, p->doc, p->matches, p->nmatches, p->clean, p->len, &p->lines,
	               p->opts->kinds, p->opts->currency[0] ? p->opts->currency : NULL);
	/* The matches are facts now: their room goes before the tables add more. */
	free(p->matches);
	p->matches = NULL;
	p->nmatches = 0;
	ss_facts_tables(p->rs, p->doc, &p->doc->tables, p->clean, p->len, &p->lines,
	                p->opts->kinds);
	if (p->map)
		remap_facts(p->doc, p->map, p->convlen);
	return true;
}

/* A web page's facts outside its article are left out (unless all_text);
 * every fact gets its region. */
static bool step_content(ss_pipe *p)
{
	ss_doc *doc = p->doc;
	doc->nfacts = ss_regions_apply(&doc->regions, doc->facts, doc->nfacts, p->opts->all_text);
	return true;
}

const ss_step ss_steps[] = {
	{"sanitise", step_sanitise},
	{"decode", step_decode},
	{"strip", step_strip},
	{"normalise", step_normalise},
	{"fold", step_fold},
	{"crop", step_crop},
	{"split", step_split},
	{"tables", step_tables},
	{"rules", step_rules},
	{"facts", step_facts},
	{"content", step_content},
};
const size_t ss_nsteps = sizeof ss_steps / sizeof *ss_steps;

/* Misuse is an error the document carries, and a message, never a
 * document that silently has no facts. */
static bool misused(ss_pipe *p)
{
	const char *why = NULL;
	if (!p->rs)
		why = "no rule set given";
	else if (!p->rs->compiled)
		why = "the rule set is not compiled (ss_ruleset_compile)";
	else if (!p->src && p->len)
		why = "a NULL buffer with a length";
	if (!why)
		return false;
	ss_report(&p->sink, SS_DIAG_ERROR, p->doc->name, 0, 0, NULL, "%s", why);
	p->doc->status = SS_ERR_USAGE;
	return true;
}

static ss_doc *extract(const ss_ruleset *rs, const char *name, const char *buf, char **take,
                      size_t len, const ss_options *opts)
{
	static const ss_options none = {0};
	if (!opts)
		opts = &none;
	ss_pipe p = {.rs = rs, .opts = opts, .src = buf ? buf : "", .len = len,
	             .take = take ? *take : NULL};
	p.sink = (ss_diag_sink){opts->diag, opts->diag_userdata, 0, 0};
	p.doc = ss_doc_new(name);
	if (!buf && len)
		p.src = NULL;
	if (misused(&p))
		return p.doc;
	/* The caller's readers first, whatever the format asked: a PDF is read
	 * as a PDF. */
	for (size_t i = 0; opts->readers && opts->readers[i] && !p.reader; i++)
		if (opts->readers[i]->detect && opts->readers[i]->detect(buf, len) > 0)
			p.reader = opts->readers[i];
	for (size_t i = 0; i < ss_nsteps && ss_steps[i].run(&p); i++)
		;
	free(p.matches);
	if (p.have_lines)
		ss_linemap_release(&p.lines);
	free(p.clean_copy);
	free(p.conv);
	free(p.map);
	if (take && !p.take)
		*take = NULL;
	return p.doc;
}

ss_doc *ss_doc_extract(const ss_ruleset *rs, const char *name, const char *buf, size_t len,
                       const ss_options *opts)
{
	return extract(rs, name, buf, NULL, len, opts);
}

ss_doc *ss_doc_extract_take(const ss_ruleset *rs, const char *name, char **buf, size_t len,
                            const ss_options *opts)
{
	return extract(rs, name, *buf, buf, len, opts);
}
