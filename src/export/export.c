/* export.c - the table of formats and the calls every format goes through. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "export.h"

extern const ss_exporter ss_exporter_json, ss_exporter_jsonl, ss_exporter_csv,
	ss_exporter_tsv, ss_exporter_xlsx, ss_exporter_html;

/* Every output format; a new one is one line here (and its file). */
static const ss_exporter *const exporters[] = {&ss_exporter_json, &ss_exporter_jsonl,
                                               &ss_exporter_csv,  &ss_exporter_tsv,
                                               &ss_exporter_xlsx, &ss_exporter_html, NULL};

const ss_exporter *ss_exporter_find(const char *name)
{
	for (size_t i = 0; exporters[i]; i++)
		if (strcmp(exporters[i]->name, name) == 0)
			return exporters[i];
	return NULL;
}

size_t ss_exporter_count(void)
{
	size_t n = 0;
	while (exporters[n])
		n++;
	return n;
}

const ss_exporter *ss_exporter_at(size_t i)
{
	return i < ss_exporter_count() ? exporters[i] : NULL;
}

static char names[256];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void list_names(void)
{
	size_t n = 0;
	for (size_t i = 0; exporters[i] && n < sizeof names; i++)
		n += (size_t)snprintf(names + n, sizeof names - n, "%s%s", i ? ", " : "",
		                      exporters[i]->name);
}

const char *ss_exporter_names(void)
{
	pthread_once(&once, list_names);
	return names;
}

static ss_export_temp_fn temp_hook;

void ss_export_set_temp_hook(ss_export_temp_fn fn)
{
	temp_hook = fn;
}

void ss_export_temp(const char *path, bool dir, bool made)
{
	if (temp_hook)
		temp_hook(path, dir, made);
}

static void flush(ss_export *e)
{
	if (e->out && e->buf.len) {
		fwrite(e->buf.ptr, 1, e->buf.len, e->out); /* a short write leaves ferror set */
		ss_buf_reset(&e->buf);
	}
}

/* What a stream is handed at a time within a document: stdio copies what
 * fits its buffer and writes the rest straight through, so the larger the
 * piece, the less of it is copied (a quarter at one megabyte, with the
 * quarter-megabyte buffer of the command line). */
#define FLUSH_AT (1024 * 1024)

void ss_export_record_done(ss_export *e)
{
	if (e->buf.len >= FLUSH_AT)
		flush(e);
}

/* An eighth more than the first records' average is made room for, as
 * later records may be longer. */
void ss_export_reserve_all(ss_export *e, size_t start, size_t n)
{
	const size_t k = SS_EXPORT_SIZE_AFTER;
	if (e->out || n < 2 * k || e->buf.len < start)
		return;
	size_t each = (e->buf.len - start) / k + 1, rest = n - k;
	if (rest < SIZE_MAX / 2 / each)
		ss_buf_grow(&e->buf, each * rest + each * rest / 8);
}

void ss_export_start(ss_export *e, const ss_exporter *vt, const ss_colset *cols, FILE *out,
                     bool bom)
{
	memset(e, 0, sizeof *e);
	e->vt = vt;
	e->out = out;
	e->bom = bom && !(vt->needs & SS_FMT_BINARY);
	e->cols = cols;
	if (vt->begin)
		vt->begin(e);
	flush(e);
}

void ss_export_begin(ss_export *e, const ss_exporter *vt, FILE *out, bool bom)
{
	ss_export_start(e, vt, NULL, out, bom);
}

void ss_export_doc(ss_export *e, const ss_doc *doc)
{
	e->vt->doc(e, doc);
	e->ndocs++;
	e->nfacts += ss_doc_fact_count(doc);
	flush(e);
}

void ss_export_failed(ss_export *e, const char *name, const char *message)
{
	if (e->vt->failed) {
		e->vt->failed(e, name, message);
		flush(e);
	}
}

void ss_export_end(ss_export *e)
{
	if (e->vt->end)
		e->vt->end(e);
	flush(e);
	if (e->out)
		ss_buf_release(&e->buf); /* without a stream, the bytes are the caller's */
}
