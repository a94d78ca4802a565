/* export.c - the exporter registry and the calls every format goes through. */
#include <string.h>

#include "export.h"

extern const ss_exporter ss_exporter_json, ss_exporter_jsonl, ss_exporter_csv,
	ss_exporter_tsv, ss_exporter_xlsx, ss_exporter_html;

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

const char *ss_exporter_names(void)
{
	return "json, jsonl, csv, tsv, xlsx, html";
}

static void flush(ss_export *e)
{
	if (e->out && e->buf.len) {
		fwrite(e->buf.ptr, 1, e->buf.len, e->out); /* a short write leaves ferror set */
		ss_buf_reset(&e->buf);
	}
}

void ss_export_begin(ss_export *e, const ss_exporter *vt, FILE *out, bool bom)
{
	memset(e, 0, sizeof *e);
	e->vt = vt;
	e->out = out;
	e->bom = bom;
	if (vt->begin)
		vt->begin(e);
	flush(e);
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
