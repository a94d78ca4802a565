/* writer.c - the public writer (statspan.h): the exporters' table behind
 * one opaque handle, so that a program renders facts exactly as `statspan
 * extract` does, and a format added to the table is reached without a new
 * function. The run starts at the first write, so the setters may follow
 * ss_writer_new. */
#include <stdlib.h>
#include <string.h>

#include "export.h"

struct ss_writer {
	const ss_exporter *vt;
	FILE *out;        /* NULL: into memory, for ss_writer_detach */
	ss_export e;
	ss_colset cols;
	bool have_cols, bom, started, finished;
	char *error;      /* the last SS_ERR_CONFIG's message */
};

ss_writer *ss_writer_new(const char *format, FILE *out)
{
	const ss_exporter *vt = format ? ss_exporter_find(format) : NULL;
	if (!vt)
		return NULL;
	ss_writer *w = ss_xcalloc(1, sizeof *w);
	w->vt = vt;
	w->out = out;
	return w;
}

void ss_writer_free(ss_writer *w)
{
	if (!w)
		return;
	ss_buf_release(&w->e.buf);
	free(w->error);
	free(w);
}

ss_status ss_writer_set_columns(ss_writer *w, const char *list)
{
	if (!w || !list || w->started)
		return SS_ERR_USAGE;
	free(w->error);
	w->error = ss_colset_parse(&w->cols, list);
	w->have_cols = !w->error;
	return w->error ? SS_ERR_CONFIG : SS_OK;
}

ss_status ss_writer_set_bom(ss_writer *w, int on)
{
	if (!w || w->started)
		return SS_ERR_USAGE;
	w->bom = on != 0;
	return SS_OK;
}

static const ss_colset *columns(const ss_writer *w)
{
	return w->have_cols ? &w->cols : NULL;
}

static void start(ss_writer *w)
{
	if (w->started)
		return;
	ss_export_start(&w->e, w->vt, columns(w), w->out, w->bom);
	w->started = true;
}

/* A format that could not write says why in e.error; a stream, by its error flag. */
static ss_status stream_status(const ss_writer *w)
{
	return w->e.error || (w->out && ferror(w->out)) ? SS_ERR_IO : SS_OK;
}

ss_status ss_writer_write(ss_writer *w, const ss_doc *doc)
{
	return ss_writer_write_msg(w, doc, NULL);
}

ss_status ss_writer_write_msg(ss_writer *w, const ss_doc *doc, const char *message)
{
	if (!w || !doc || w->finished)
		return SS_ERR_USAGE;
	start(w);
	w->e.message = message;
	ss_export_doc(&w->e, doc);
	w->e.message = NULL;
	return stream_status(w);
}

ss_status ss_writer_failed(ss_writer *w, const char *name, const char *message)
{
	if (!w || !name || w->finished)
		return SS_ERR_USAGE;
	start(w);
	ss_export_failed(&w->e, name, message);
	return stream_status(w);
}

char *ss_writer_render(const ss_writer *w, const ss_doc *doc, size_t *len)
{
	if (!w || !doc || (w->vt->needs & SS_FMT_WHOLE_RUN))
		return NULL;
	/* With no stream the records stay in the run's buffer, taken whole;
	 * begin (headers) and end belong to the writer's own run. */
	ss_export e;
	memset(&e, 0, sizeof e);
	e.vt = w->vt;
	e.bom = w->bom && !(w->vt->needs & SS_FMT_BINARY);
	e.cols = columns(w);
	ss_export_doc(&e, doc);
	return ss_buf_detach(&e.buf, len);
}

ss_status ss_writer_put(ss_writer *w, const char *bytes, size_t len)
{
	if (!w || (!bytes && len) || w->finished)
		return SS_ERR_USAGE;
	start(w);
	if (w->out)
		fwrite(bytes, 1, len, w->out); /* a short write leaves ferror set */
	else
		ss_buf_add(&w->e.buf, bytes, len);
	w->e.ndocs++;
	return stream_status(w);
}

ss_status ss_writer_finish(ss_writer *w)
{
	if (!w || w->finished)
		return SS_ERR_USAGE;
	start(w);
	ss_export_end(&w->e);
	w->finished = true;
	if (w->out && fflush(w->out) != 0)
		return SS_ERR_IO;
	return stream_status(w);
}

int ss_writer_is_whole_run(const ss_writer *w)
{
	return w && (w->vt->needs & SS_FMT_WHOLE_RUN);
}

int ss_writer_is_binary(const ss_writer *w)
{
	return w && (w->vt->needs & SS_FMT_BINARY);
}

char *ss_writer_detach(ss_writer *w, size_t *len)
{
	if (!w || w->out)
		return NULL;
	return ss_buf_detach(&w->e.buf, len);
}

const char *ss_writer_error(const ss_writer *w)
{
	if (!w)
		return NULL;
	return w->e.error ? w->e.error : w->error;
}

size_t ss_writer_format_count(void)
{
	return ss_exporter_count();
}

const char *ss_writer_format_name(size_t i)
{
	const ss_exporter *vt = ss_exporter_at(i);
	return vt ? vt->name : NULL;
}

const char *ss_writer_column_names(void)
{
	return ss_column_names();
}
