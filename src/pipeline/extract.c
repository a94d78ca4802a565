/* extract.c - ss_doc_extract: the steps of pipeline.h, each a function,
 * in one table. */
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"

static bool fail(ss_pipe *p)
{
	p->doc->status = SS_ERR_INPUT;
	return false;
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
	/* How many bytes this replaced also tells a UTF-16 or GB18030 source
	 * (decode). */
	p->nbad = ss_utf8_sanitize(p->src, p->len, &p->clean, &p->first_bad);
	return true;
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
	free(p->clean);
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
	p->nbad = ss_utf8_sanitize(p->src, p->len, &p->clean, &p->first_bad);
	return true;
}

static bool step_decode(ss_pipe *p)
{
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

static bool step_strip(ss_pipe *p)
{
	ss_doc *doc = p->doc;
	ss_read_out out = {&doc->text, &doc->meta, &doc->extra, SS_FORMAT_AUTO};
	doc->format = ss_reader_read(ss_reader_for(p->opts->format), doc->name, p->clean, p->len,
	                             &out, &p->sink);
	return true;
}

/* The place for folds of the stripped text that matching should not see
 * (traditional to simplified characters): a fold makes a text mapped into
 * doc->text that normalise then reads. None yet; width folding is
 * normalise's. */
static bool step_fold(ss_pipe *p)
{
	return true;
}

static bool step_normalise(ss_pipe *p)
{
	ss_normalize(&p->doc->text, &p->doc->norm);
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
	               p->opts->kinds);
	if (p->map)
		remap_facts(p->doc, p->map, p->convlen);
	return true;
}

const ss_step ss_steps[] = {
	{"sanitise", step_sanitise},
	{"decode", step_decode},
	{"strip", step_strip},
	{"fold", step_fold},
	{"normalise", step_normalise},
	{"split", step_split},
	{"rules", step_rules},
	{"facts", step_facts},
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

ss_doc *ss_doc_extract(const ss_ruleset *rs, const char *name, const char *buf, size_t len,
                       const ss_options *opts)
{
	static const ss_options none = {0};
	if (!opts)
		opts = &none;
	ss_pipe p = {.rs = rs, .opts = opts, .src = buf ? buf : "", .len = len};
	p.sink = (ss_diag_sink){opts->diag, opts->diag_userdata, 0, 0};
	p.doc = ss_doc_new(name);
	if (!buf && len)
		p.src = NULL;
	if (misused(&p))
		return p.doc;
	for (size_t i = 0; i < ss_nsteps && ss_steps[i].run(&p); i++)
		;
	free(p.matches);
	if (p.have_lines)
		ss_linemap_release(&p.lines);
	free(p.clean);
	free(p.conv);
	free(p.map);
	return p.doc;
}
