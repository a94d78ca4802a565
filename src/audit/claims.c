/* claims.c - a table of claims: CSV with a header, a JSON array of objects,
 * or JSONL, each row with a `claim` (the sentence), optionally `source` (the
 * document it cites) and `id`. Every row keeps where its claim cell stands
 * in the file, so that a claim figure is reported at its own line:column. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit.h"

static const char *const col_names[] = {"claim", "source", "id", NULL};
enum { COL_CLAIM, COL_SOURCE, COL_ID, NCOLS };

static bool ends_with(const char *s, const char *ext)
{
	size_t n = strlen(s), e = strlen(ext);
	return n > e && !strcasecmp(s + n - e, ext);
}

au_claims_format au_claims_sniff(const char *name, const char *buf, size_t len)
{
	if (name && ends_with(name, ".csv"))
		return AU_CLAIMS_CSV;
	if (name && ends_with(name, ".json"))
		return AU_CLAIMS_JSON;
	if (name && (ends_with(name, ".jsonl") || ends_with(name, ".ndjson")))
		return AU_CLAIMS_JSONL;
	if (name && strcmp(name, "-"))
		return AU_CLAIMS_DOC;
	size_t i = 0;
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n'))
		i++;
	if (i < len && buf[i] == '[')
		return AU_CLAIMS_JSON;
	if (i < len && buf[i] == '{')
		return AU_CLAIMS_JSONL;
	/* a first line that is a CSV header naming a claim column */
	const char *nl = memchr(buf + i, '\n', len - i);
	size_t end = nl ? (size_t)(nl - buf) : len;
	for (size_t s = i; s < end;) {
		size_t e = s;
		while (e < end && buf[e] != ',' && buf[e] != '\r')
			e++;
		size_t a = s, b = e;
		if (b > a + 1 && buf[a] == '"' && buf[b - 1] == '"')
			a++, b--;
		if (b - a == 5 && !strncasecmp(buf + a, "claim", 5))
			return AU_CLAIMS_CSV;
		if (e == end || buf[e] == '\r')
			break;
		s = e + 1;
	}
	return AU_CLAIMS_DOC;
}

void au_claim_rows_release(au_claim_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		free(rows->rows[i].claim);
		free(rows->rows[i].source);
		free(rows->rows[i].id);
	}
	free(rows->rows);
	memset(rows, 0, sizeof *rows);
}

static void add_row(au_claim_rows *rows, const au_claim_row *r)
{
	ss_grow((void **)&rows->rows, &rows->cap, rows->n + 1, sizeof *rows->rows);
	rows->rows[rows->n++] = *r;
}

/* ---- CSV (RFC 4180: quotes, doubled quotes, newlines inside quotes) ---- */

typedef struct {
	char *s;       /* decoded */
	size_t raw;    /* offset of its first byte in the file (after an opening quote) */
	size_t rawlen; /* its raw length (without the quotes) */
} csv_field;

/* One record from *pos; false at the end or on an unclosed quote (*bad). */
static bool csv_record(const char *buf, size_t len, size_t *pos, unsigned *line,
                       csv_field **f, size_t *nf, size_t *cap, bool *bad)
{
	*nf = 0;
	*bad = false;
	size_t i = *pos;
	if (i >= len)
		return false;
	for (;;) {
		ss_buf b = SS_BUF_INIT;
		csv_field cf = {NULL, i, 0};
		if (i < len && buf[i] == '"') {
			cf.raw = ++i;
			for (;;) {
				if (i >= len) {
					*bad = true;
					ss_buf_release(&b);
					for (size_t k = 0; k < *nf; k++)
						free((*f)[k].s);
					*nf = 0;
					*pos = len;
					return false;
				}
				if (buf[i] == '"') {
					if (i + 1 < len && buf[i + 1] == '"') {
						ss_buf_addc(&b, '"');
						i += 2;
						continue;
					}
					cf.rawlen = i - cf.raw;
					i++;
					break;
				}
				if (buf[i] == '\n')
					(*line)++;
				ss_buf_addc(&b, buf[i++]);
			}
			/* anything up to the separator after a closing quote is kept */
			while (i < len && buf[i] != ',' && buf[i] != '\n')
				if (buf[i++] != '\r')
					ss_buf_addc(&b, buf[i - 1]);
		} else {
			while (i < len && buf[i] != ',' && buf[i] != '\n')
				i++;
			size_t e = i;
			if (e > cf.raw && buf[e - 1] == '\r')
				e--;
			ss_buf_add(&b, buf + cf.raw, e - cf.raw);
			cf.rawlen = e - cf.raw;
		}
		size_t n;
		cf.s = b.ptr ? ss_buf_detach(&b, &n) : ss_xstrdup("");
		ss_grow((void **)f, cap, *nf + 1, sizeof **f);
		(*f)[(*nf)++] = cf;
		if (i >= len || buf[i] == '\n') {
			if (i < len)
				(*line)++;
			*pos = i + 1;
			return true;
		}
		i++; /* the comma */
	}
}

static char *trimmed(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return ss_xstrndup(s, n);
}

static bool parse_csv(const char *name, const char *buf, size_t len, au_claim_rows *rows,
                      ss_diag_sink *sink)
{
	size_t pos = 0, nf = 0, cap = 0;
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		pos = 3;
	unsigned line = 1;
	csv_field *f = NULL;
	bool bad;
	int col[NCOLS] = {-1, -1, -1};
	if (!csv_record(buf, len, &pos, &line, &f, &nf, &cap, &bad)) {
		ss_report(sink, SS_DIAG_ERROR, name, 1, 0, NULL, "no header line");
		free(f);
		return false;
	}
	size_t ncols = nf;
	for (size_t k = 0; k < nf; k++) {
		char *t = trimmed(f[k].s);
		for (int c = 0; c < NCOLS; c++)
			if (!strcasecmp(t, col_names[c]) && col[c] < 0)
				col[c] = (int)k;
		free(t);
		free(f[k].s);
	}
	if (col[COL_CLAIM] < 0) {
		ss_report(sink, SS_DIAG_ERROR, name, 1, 0, NULL, "no 'claim' column in the header");
		free(f);
		return false;
	}
	for (;;) {
		unsigned at = line;
		if (!csv_record(buf, len, &pos, &line, &f, &nf, &cap, &bad)) {
			if (bad)
				ss_report(sink, SS_DIAG_ERROR, name, at, 0, NULL,
				          "a quoted field is not closed");
			break;
		}
		if (nf == 1 && !f[0].s[0]) { /* a blank line */
			free(f[0].s);
			continue;
		}
		if (nf != ncols) {
			ss_report(sink, SS_DIAG_ERROR, name, at, 0, NULL,
			          "%zu fields where the header has %zu", nf, ncols);
		} else if (!f[col[COL_CLAIM]].s[0]) {
			ss_report(sink, SS_DIAG_ERROR, name, at, 0, NULL, "empty claim");
		} else {
			au_claim_row r = {0};
			csv_field *cl = &f[col[COL_CLAIM]];
			r.claim = ss_xstrdup(cl->s);
			r.cell = cl->raw;
			r.cell_len = cl->rawlen;
			r.line = at;
			if (col[COL_SOURCE] >= 0 && f[col[COL_SOURCE]].s[0])
				r.source = trimmed(f[col[COL_SOURCE]].s);
			if (col[COL_ID] >= 0 && f[col[COL_ID]].s[0])
				r.id = trimmed(f[col[COL_ID]].s);
			add_row(rows, &r);
		}
		for (size_t k = 0; k < nf; k++)
			free(f[k].s);
	}
	free(f);
	return true;
}

/* ---- JSON and JSONL: one object per row ---- */

static char *json_text(json_t *v)
{
	if (json_is_string(v))
		return ss_xstrndup(json_string_value(v), json_string_length(v));
	if (json_is_integer(v)) {
		ss_buf b = SS_BUF_INIT;
		ss_buf_addf(&b, "%lld", (long long)json_integer_value(v));
		size_t n;
		return ss_buf_detach(&b, &n);
	}
	return NULL;
}

/* Where the claim string starts in the raw object (after "claim": "). */
static size_t claim_cell(const char *obj, size_t n, size_t *celllen)
{
	for (size_t i = 0; i + 7 < n; i++) {
		if (memcmp(obj + i, "\"claim\"", 7))
			continue;
		size_t j = i + 7;
		while (j < n && (obj[j] == ' ' || obj[j] == ':' || obj[j] == '\t'))
			j++;
		if (j < n && obj[j] == '"') {
			size_t s = ++j;
			while (j < n && obj[j] != '"')
				j += obj[j] == '\\' ? 2 : 1;
			*celllen = (j < n ? j : n) - s;
			return s;
		}
	}
	*celllen = 0;
	return 0;
}

static void json_row(const char *name, const char *buf, size_t off, size_t n, unsigned line,
                     au_claim_rows *rows, ss_diag_sink *sink)
{
	json_error_t err;
	json_t *o = json_loadb(buf + off, n, JSON_DECODE_ANY, &err);
	if (!o) {
		ss_report(sink, SS_DIAG_ERROR, name, line + (unsigned)(err.line > 0 ? err.line - 1 : 0),
		          0, NULL, "bad JSON: %s", err.text);
		return;
	}
	json_t *c = json_is_object(o) ? json_object_get(o, "claim") : NULL;
	if (!json_is_object(o)) {
		ss_report(sink, SS_DIAG_ERROR, name, line, 0, NULL, "a claim row must be an object");
	} else if (!c) {
		ss_report(sink, SS_DIAG_ERROR, name, line, 0, NULL, "no 'claim' field");
	} else if (!json_is_string(c) || !json_string_length(c)) {
		ss_report(sink, SS_DIAG_ERROR, name, line, 0, NULL, "'claim' must be a non-empty string");
	} else {
		au_claim_row r = {0};
		r.claim = json_text(c);
		r.source = json_text(json_object_get(o, "source"));
		r.id = json_text(json_object_get(o, "id"));
		size_t cl;
		size_t s = claim_cell(buf + off, n, &cl);
		r.cell = off + s;
		r.cell_len = cl;
		r.line = line;
		add_row(rows, &r);
	}
	json_decref(o);
}

static bool parse_jsonl(const char *name, const char *buf, size_t len, au_claim_rows *rows,
                        ss_diag_sink *sink)
{
	unsigned line = 0;
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - buf) : len;
		line++;
		size_t s = pos;
		while (s < end && (buf[s] == ' ' || buf[s] == '\t' || buf[s] == '\r'))
			s++;
		if (s < end)
			json_row(name, buf, s, end - s, line, rows, sink);
		pos = end + 1;
	}
	return true;
}

/* A JSON array: the elements are split by a scanner (strings, nesting) and
 * parsed one by one, so that a bad row is reported at its line and the
 * others are still read. */
static bool parse_json(const char *name, const char *buf, size_t len, au_claim_rows *rows,
                       ss_diag_sink *sink)
{
	size_t i = 0;
	unsigned line = 1;
	while (i < len && buf[i] != '[') {
		if (buf[i] == '\n')
			line++;
		if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r' && buf[i] != '\n' &&
		    !(i < 3 && (unsigned char)buf[i] >= 0x80)) {
			ss_report(sink, SS_DIAG_ERROR, name, line, 0, NULL, "a JSON claims file is an array");
			return false;
		}
		i++;
	}
	if (i == len) {
		ss_report(sink, SS_DIAG_ERROR, name, line, 0, NULL, "a JSON claims file is an array");
		return false;
	}
	i++;
	int depth = 0;
	size_t start = 0;
	unsigned start_line = 0;
	bool in = false;
	for (; i < len; i++) {
		char ch = buf[i];
		if (ch == '\n')
			line++;
		if (ch == '"') {
			if (!in)
				start = i, start_line = line, in = true;
			for (i++; i < len && buf[i] != '"'; i++) {
				if (buf[i] == '\\')
					i++;
				else if (buf[i] == '\n')
					line++;
			}
			continue;
		}
		if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n')
			continue;
		if (!in && ch != ',' && ch != ']')
			start = i, start_line = line, in = true;
		if (ch == '{' || ch == '[')
			depth++;
		else if ((ch == '}' || ch == ']') && depth > 0)
			depth--;
		else if ((ch == ',' || ch == ']') && depth == 0) {
			if (in)
				json_row(name, buf, start, i - start, start_line, rows, sink);
			in = false;
			if (ch == ']')
				return true;
		}
	}
	if (in)
		json_row(name, buf, start, len - start, start_line, rows, sink);
	ss_report(sink, SS_DIAG_ERROR, name, line, 0, NULL, "the JSON array is not closed");
	return true;
}

bool au_claims_parse(au_claims_format fmt, const char *name, const char *buf, size_t len,
                     au_claim_rows *rows, ss_diag_sink *sink)
{
	switch (fmt) {
	case AU_CLAIMS_CSV:
		return parse_csv(name, buf, len, rows, sink);
	case AU_CLAIMS_JSON:
		return parse_json(name, buf, len, rows, sink);
	case AU_CLAIMS_JSONL:
		return parse_jsonl(name, buf, len, rows, sink);
	default:
		return false;
	}
}

size_t au_claims_locate(const char *buf, const au_claim_row *row, const char *text, size_t n,
                        unsigned occ)
{
	const char *cell = buf + row->cell;
	size_t cl = row->cell_len;
	unsigned seen = 0;
	for (size_t i = 0; n && i + n <= cl; i++)
		if (!memcmp(cell + i, text, n) && seen++ == occ)
			return row->cell + i;
	return row->cell;
}
