/* json.c - JSON (documents with their metadata and facts) and JSONL (one fact
 * a line), both through jansson. Numbers are numbers: integers stay exact,
 * other values print with 15 significant digits, so 48.97 is 48.97. */
#include <jansson.h>
#include <stdlib.h>

#include "export.h"

#define DUMP_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(15) | JSON_PRESERVE_ORDER)

static json_t *number(const char *s, ss_col_type type)
{
	char *end;
	long long i = strtoll(s, &end, 10);
	if (*s && *end == '\0')
		return json_integer(i);
	(void)type;
	return json_real(strtod(s, NULL));
}

static json_t *fact_json(const ss_doc *doc, size_t i)
{
	json_t *o = json_object();
	char *buf = NULL;
	for (int c = 0; c < SS_NCOLS; c++) {
		ss_col_type type;
		bool is_null;
		const char *v = ss_fact_field(doc, i, c, &buf, &type, &is_null);
		json_t *j;
		if (is_null)
			j = json_null();
		else if (type == SS_COL_STR)
			j = json_string(v);
		else
			j = number(v, type);
		json_object_set_new(o, ss_col_names[c], j ? j : json_null());
	}
	free(buf);
	return o;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static void dump(ss_export *e, json_t *j)
{
	json_dumpf(j, e->out, DUMP_FLAGS);
	json_decref(j);
}

static void json_begin(ss_export *e)
{
	fputs("{\"documents\":[", e->out);
}

static void json_doc(ss_export *e, const ss_doc *doc)
{
	json_t *o = json_object();
	json_object_set_new(o, "doc", json_string(ss_doc_name(doc)));
	json_object_set_new(o, "format", json_string(ss_format_name(ss_doc_format(doc))));
	json_object_set_new(o, "status", json_string(ss_doc_status(doc) ? "failed" : "ok"));
	json_object_set_new(o, "title", str_or_null(ss_doc_title(doc)));
	json_object_set_new(o, "date", str_or_null(ss_doc_date(doc)));
	json_object_set_new(o, "author", str_or_null(ss_doc_author(doc)));
	json_object_set_new(o, "source", str_or_null(ss_doc_source(doc)));
	json_t *cats = json_array();
	for (size_t i = 0; i < ss_doc_category_count(doc); i++)
		json_array_append_new(cats, json_string(ss_doc_category(doc, i)));
	json_object_set_new(o, "categories", cats);
	json_t *facts = json_array();
	for (size_t i = 0; i < ss_doc_fact_count(doc); i++)
		json_array_append_new(facts, fact_json(doc, i));
	json_object_set_new(o, "facts", facts);
	fputs(e->ndocs ? ",\n" : "\n", e->out);
	dump(e, o);
}

static void json_end(ss_export *e)
{
	fputs(e->ndocs ? "\n]}\n" : "]}\n", e->out);
}

static void jsonl_doc(ss_export *e, const ss_doc *doc)
{
	for (size_t i = 0; i < ss_doc_fact_count(doc); i++) {
		dump(e, fact_json(doc, i));
		fputc('\n', e->out);
	}
}

const ss_exporter ss_exporter_json = {"json", json_begin, json_doc, json_end};
const ss_exporter ss_exporter_jsonl = {"jsonl", NULL, jsonl_doc, NULL};
