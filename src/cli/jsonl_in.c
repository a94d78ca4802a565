/* jsonl_in.c - `extract --jsonl-in`: statspan as a pure filter. Each input
 * line is one document, {"id": ..., "content": ..., "format": ...}; its facts
 * come out with doc = id. Lines are independent, so any split of the input
 * (GNU parallel --pipe, Hadoop Streaming, Spark's rdd.pipe) gives the same
 * facts as one process. A bad line is reported with its line number and
 * skipped; the run goes on and exits 1 at the end. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void bad_line(ss_result *res, const ss_item *it, const char *fmt, const char *detail)
{
	char *q = ss_quote(it->name);
	ss_buf_addf(&res->err, "statspan: error: %s:%lu: ", q, it->line);
	free(q);
	ss_buf_addf(&res->err, fmt, detail);
	ss_buf_addc(&res->err, '\n');
	res->failed = true;
}

static bool map_format(const char *s, ss_format *f)
{
	if (!strcmp(s, "html") || !strcmp(s, "htm"))
		*f = SS_FORMAT_HTML;
	else if (!strcmp(s, "markdown") || !strcmp(s, "md"))
		*f = SS_FORMAT_MARKDOWN;
	else if (!strcmp(s, "text") || !strcmp(s, "txt") || !strcmp(s, "plain"))
		*f = SS_FORMAT_TEXT;
	else if (!strcmp(s, "auto"))
		*f = SS_FORMAT_AUTO;
	else
		return false;
	return true;
}

void *ss_jsonl_parse(const ss_item *it, ss_result *res, const char **name, const char **src,
                     size_t *len, ss_format *format)
{
	json_error_t jerr;
	/* ALLOW_NUL: content is bytes; a \u0000 in it is the document's business. */
	json_t *o = json_loadb(it->data, it->len, JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES, &jerr);
	if (!o) {
		bad_line(res, it, "not a JSON document: %s", jerr.text);
		return NULL;
	}
	if (!json_is_object(o)) {
		bad_line(res, it, "%s", "a JSON object {\"id\", \"content\", \"format\"} expected");
		json_decref(o);
		return NULL;
	}
	json_t *id = json_object_get(o, "id"), *content = json_object_get(o, "content"),
	       *fmt = json_object_get(o, "format");
	if (json_is_integer(id)) {
		/* The number as the name: kept in the object, alive with it. */
		char buf[32];
		snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
		json_object_set_new(o, "id", json_string(buf));
		id = json_object_get(o, "id");
	}
	*name = json_is_string(id) ? json_string_value(id) : NULL;
	char *q = *name ? ss_quote(*name) : NULL;
	bool ok = false;
	if (!*name) {
		bad_line(res, it, "%s", "\"id\" missing or not a string or integer");
	} else if (!json_is_string(content)) {
		bad_line(res, it, "\"content\" missing or not a string (document '%s')", q);
	} else if (fmt && !json_is_null(fmt) &&
	           (!json_is_string(fmt) || !map_format(json_string_value(fmt), format))) {
		bad_line(res, it, "unknown \"format\" (html, markdown, text) in document '%s'", q);
	} else {
		*src = json_string_value(content);
		*len = json_string_length(content);
		ok = true;
	}
	free(q);
	if (ok)
		return o;
	json_decref(o);
	return NULL;
}

void ss_jsonl_free(void *handle)
{
	json_decref(handle);
}
