/* json.c - JSON (documents with their metadata and facts) and JSONL (one fact
 * a line). Written here rather than through jansson's dump: a number must come
 * out as the exact decimal the document wrote (48.97, 1102614.6, and digits a
 * double cannot hold), which a dump of a double cannot promise, and building a
 * tree of objects for every fact cost a quarter of the whole run. Strings are
 * escaped as RFC 8259 says; everything else is UTF-8 as it is. */
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "export.h"

/* Bytes a JSON string cannot hold as they are: the controls, '"' and '\\'.
 * A table, as this test runs at every byte written. */
#define CTL4(c) [c] = true, [c + 1] = true, [c + 2] = true, [c + 3] = true
static const bool escaped[256] = {CTL4(0x00), CTL4(0x04), CTL4(0x08), CTL4(0x0C),
                                  CTL4(0x10), CTL4(0x14), CTL4(0x18), CTL4(0x1C),
                                  ['"'] = true, ['\\'] = true};

/* Whether the eight bytes x may hold one that needs an escape: below 0x20,
 * '"' or '\\' (an exact "any" test; the byte loop finds which). */
static inline bool may_escape8(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t q = x ^ (ones * '"'), bs = x ^ (ones * '\\');
	return (((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((bs - ones) & ~bs)) & high;
}

#ifdef __SSE2__
/* The bytes of the sixteen at p that need an escape, one bit each. */
static inline unsigned escape_mask16(const unsigned char *p)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
	/* below 0x20 unsigned: flipped to signed, below 0x20 - 0x80 */
	__m128i ctl = _mm_cmplt_epi8(_mm_xor_si128(x, _mm_set1_epi8((char)0x80)),
	                             _mm_set1_epi8((char)(0x20 ^ 0x80)));
	__m128i q = _mm_cmpeq_epi8(x, _mm_set1_epi8('"'));
	__m128i bs = _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'));
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(ctl, _mm_or_si128(q, bs)));
}
#endif

static void put_string(ss_buf *b, const char *s, size_t n)
{
	/* One reservation for the worst case, every byte as \u00XX. */
	char *d = ss_out_room(b, 6 * n + 2);
	*d++ = '"';
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	for (;;) {
#ifdef __SSE2__
		/* Sixteen bytes at a time up to the first that needs an
		 * escape; every sixteen copied, as the room has them. */
		while (end - p >= 16) {
			unsigned m = escape_mask16(p);
			memcpy(d, p, 16);
			if (m) {
				unsigned k = (unsigned)__builtin_ctz(m);
				p += k, d += k;
				break;
			}
			p += 16, d += 16;
		}
		/* The last bytes of a long string: the sixteen that end it
		 * tell at once whether they are all plain. */
		if (end - p < 16 && end - (const unsigned char *)s >= 16 && p < end &&
		    !(escape_mask16(end - 16) >> (16 - (end - p)))) {
			memcpy(d, p, (size_t)(end - p));
			d += end - p;
			break;
		}
#endif
		/* Bytes that need no escape are copied eight at a time, then one
		 * at a time up to the next that needs one. */
		uint64_t x;
		while (end - p >= 8 && (memcpy(&x, p, 8), !may_escape8(x))) {
			memcpy(d, &x, 8);
			p += 8, d += 8;
		}
		while (p < end && !escaped[*p])
			*d++ = (char)*p++;
		if (p == end)
			break;
		*d++ = '\\';
		switch (*p) {
		case '"': *d++ = '"'; break;
		case '\\': *d++ = '\\'; break;
		case '\n': *d++ = 'n'; break;
		case '\r': *d++ = 'r'; break;
		case '\t': *d++ = 't'; break;
		case '\b': *d++ = 'b'; break;
		case '\f': *d++ = 'f'; break;
		default:
			memcpy(d, "u00", 3);
			d[3] = "0123456789abcdef"[*p >> 4];
			d[4] = "0123456789abcdef"[*p & 15];
			d += 5;
		}
		p++;
	}
	*d++ = '"';
	ss_out_done(b, d);
}

static void put_cstring(ss_buf *b, const char *s)
{
	put_string(b, s, strlen(s));
}

static void put_opt_string(ss_buf *b, const char *s)
{
	if (s)
		put_cstring(b, s);
	else
		ss_out_add(b, "null", 4);
}

/* A number as its exact decimal; one too large for the decimal form (it is
 * empty then) as null. */
static void put_number(ss_buf *b, const char *s, size_t n)
{
	if (n)
		ss_out_add(b, s, n);
	else
		ss_out_add(b, "null", 4);
}

/* The key of each column of a run with what goes before it ({"doc": then
 * ,"id": and so on), in slots of KEY_SLOT bytes: one copy of a fixed size
 * writes any of them. For a text column of held strings (cstr), also the
 * last few strings written and, for each, the key with its value as written
 * then, in slots of DONE_SLOT bytes: the facts of a document share most of
 * them (its name, a kind, a unit, a rule), so one copy writes the pair
 * again. */
#define KEY_SLOT 32
#define DONE_SLOT 64
#define DONE_WAYS 4
typedef struct {
	const char *s[DONE_WAYS];
	unsigned char len[DONE_WAYS]; /* 0: the way is empty */
	unsigned next;                /* the way a new string takes */
	char text[DONE_WAYS][DONE_SLOT];
} json_done;

typedef struct {
	char text[SS_COLSET_MAX][KEY_SLOT];
	size_t len[SS_COLSET_MAX];
	json_done done[SS_COLSET_MAX];
} json_keys;

static void keys_make(json_keys *k, const ss_colset *cols)
{
	/* only the slots of the run's columns: a document of a few facts
	 * should not pay for all of them */
	memset(k->text, 0, cols->n * sizeof k->text[0]);
	memset(k->done, 0, cols->n * sizeof k->done[0]);
	for (size_t c = 0; c < cols->n; c++) {
		const ss_column *col = cols->col[c];
		k->len[c] = col->len + 4;
		if (k->len[c] > KEY_SLOT)
			continue; /* written from the name (none is so long) */
		char *d = k->text[c];
		*d++ = c ? ',' : '{';
		*d++ = '"';
		memcpy(d, col->name, col->len);
		d += col->len;
		*d++ = '"';
		*d = ':';
	}
}

/* v in decimal at d; the end. */
static char *put_decimal(char *d, size_t v)
{
	char tmp[24], *p = tmp + sizeof tmp;
	do
		*--p = (char)('0' + v % 10);
	while (v /= 10);
	size_t n = (size_t)(tmp + sizeof tmp - p);
	memcpy(d, p, n);
	return d + n;
}

/* The key of column c at b's end. */
static inline void put_key(ss_buf *b, const json_keys *keys, size_t c, const ss_column *col)
{
	char *d = ss_out_room(b, KEY_SLOT + col->len + 4);
	if (keys->len[c] <= KEY_SLOT) {
		memcpy(d, keys->text[c], KEY_SLOT);
		d += keys->len[c];
	} else {
		*d++ = c ? ',' : '{';
		*d++ = '"';
		memcpy(d, col->name, col->len);
		d += col->len;
		*d++ = '"';
		*d++ = ':';
	}
	ss_out_done(b, d);
}

/* Column c of a held string s (NULL: null), with its key: a text one
 * copied whole when s is among the strings written last there. */
static inline void put_cstr(ss_buf *b, json_keys *keys, size_t c, const ss_column *col,
                            const char *s)
{
	if (col->type != SS_COL_TEXT) {
		/* a number, different for nearly every fact */
		put_key(b, keys, c, col);
		if (s)
			put_number(b, s, strlen(s));
		else
			ss_out_add(b, "null", 4);
		return;
	}
	json_done *w = &keys->done[c];
	unsigned k = 0;
	for (; k < DONE_WAYS && w->len[k]; k++)
		if (w->s[k] == s)
			goto hit;
	size_t at = b->len;
	put_key(b, keys, c, col);
	if (s)
		put_cstring(b, s);
	else
		ss_out_add(b, "null", 4);
	size_t n = b->len - at;
	if (n <= DONE_SLOT) {
		k = w->next;
		w->next = (k + 1) % DONE_WAYS;
		w->s[k] = s;
		w->len[k] = (unsigned char)n;
		memcpy(w->text[k], b->ptr + at, n);
	}
	return;
hit:;
	char *d = ss_out_room(b, DONE_SLOT);
	memcpy(d, w->text[k], DONE_SLOT);
	ss_out_done(b, d + w->len[k]);
}

/* Column c joining a held string s, '#' and the number v (id), with its
 * key: the key and the escaped string kept from the last fact when s is
 * the same. */
static inline void put_joined(ss_buf *b, json_keys *keys, size_t c, const ss_column *col,
                              const char *s, size_t v)
{
	json_done *w = &keys->done[c];
	if (w->len[0] && w->s[0] == s) {
		char *d = ss_out_room(b, DONE_SLOT);
		memcpy(d, w->text[0], DONE_SLOT);
		ss_out_done(b, d + w->len[0]);
	} else {
		size_t at = b->len;
		put_key(b, keys, c, col);
		put_cstring(b, s);
		b->len--; /* the closing quote comes after the number */
		size_t n = b->len - at;
		w->len[0] = n <= DONE_SLOT ? (unsigned char)n : 0;
		if (w->len[0]) {
			w->s[0] = s;
			memcpy(w->text[0], b->ptr + at, n);
		}
	}
	char *d = ss_out_room(b, 24);
	*d++ = '#';
	d = put_decimal(d, v);
	*d++ = '"';
	ss_out_done(b, d);
}

static void put_fact(ss_buf *b, const ss_colset *cols, json_keys *keys, const ss_doc *doc,
                     size_t i, ss_buf *scratch, ss_span_memo *memo)
{
	const ss_fact *f = ss_doc_fact(doc, i);
	for (size_t c = 0; c < cols->n; c++) {
		const ss_column *col = cols->col[c];
		if (col->cstr && col->num) {
			bool null = false;
			size_t v = col->num(doc, i, f, &null);
			put_joined(b, keys, c, col, col->cstr(doc, i, f), v);
			continue;
		}
		if (col->cstr) {
			put_cstr(b, keys, c, col, col->cstr(doc, i, f));
			continue;
		}
		put_key(b, keys, c, col);
		if (col->num) {
			/* an integer goes straight to the output */
			bool null = false;
			size_t v = col->num(doc, i, f, &null);
			char *d = ss_out_room(b, 24);
			if (null) {
				memcpy(d, "null", 4);
				d += 4;
			} else {
				d = put_decimal(d, v);
			}
			ss_out_done(b, d);
			continue;
		}
		if (col->span && ss_span_memo_reuse(memo, c, col, f, b))
			continue;
		size_t at = b->len;
		/* ss_column_get, with the fact and the emptied scratch at hand */
		scratch->len = 0;
		if (scratch->ptr)
			scratch->ptr[0] = '\0';
		ss_field v = col->get(doc, i, f, scratch);
		if (v.is_null)
			ss_out_add(b, "null", 4);
		else if (col->type == SS_COL_TEXT)
			put_string(b, v.s, v.len);
		else
			put_number(b, v.s, v.len);
		if (col->span)
			ss_span_memo_keep(memo, c, col, f, b, at);
	}
	if (cols->n == 0)
		ss_out_addc(b, '{');
	ss_out_addc(b, '}');
}

static void json_begin(ss_export *e)
{
	ss_buf_adds(&e->buf, "{\"documents\":[");
}

/* A document's entry up to its status; the separator goes by the entries so
 * far, failed inputs among them. */
static void doc_head(ss_export *e, const char *name, const char *format, bool ok)
{
	ss_buf *b = &e->buf;
	ss_buf_adds(b, e->ndocs || e->state ? ",\n{\"doc\":" : "\n{\"doc\":");
	put_cstring(b, name);
	ss_buf_adds(b, ",\"format\":");
	put_cstring(b, format);
	ss_buf_adds(b, ",\"status\":");
	put_cstring(b, ok ? "ok" : "failed");
}

static void json_doc(ss_export *e, const ss_doc *doc)
{
	ss_buf *b = &e->buf;
	doc_head(e, ss_doc_name(doc), ss_format_name(ss_doc_format(doc)), !ss_doc_status(doc));
	ss_buf_adds(b, ",\"title\":");
	put_opt_string(b, ss_doc_title(doc));
	ss_buf_adds(b, ",\"date\":");
	put_opt_string(b, ss_doc_date(doc));
	ss_buf_adds(b, ",\"author\":");
	put_opt_string(b, ss_doc_author(doc));
	ss_buf_adds(b, ",\"source\":");
	put_opt_string(b, ss_doc_source(doc));
	ss_buf_adds(b, ",\"categories\":[");
	for (size_t i = 0; i < ss_doc_category_count(doc); i++) {
		if (i)
			ss_out_addc(b, ',');
		put_cstring(b, ss_doc_category(doc, i));
	}
	ss_buf_adds(b, "],\"facts\":[");
	ss_buf scratch = SS_BUF_INIT;
	ss_span_memo memo = {0};
	json_keys keys;
	keys_make(&keys, ss_export_cols(e));
	for (size_t i = 0; i < ss_doc_fact_count(doc); i++) {
		if (i)
			ss_out_addc(b, ',');
		put_fact(b, ss_export_cols(e), &keys, doc, i, &scratch, &memo);
		ss_export_record_done(e);
	}
	ss_span_memo_release(&memo);
	ss_buf_release(&scratch);
	ss_buf_adds(b, "]}");
}

/* An input that could not be read (a missing file) is listed as a failed
 * document with no metadata and no facts, as one that was read but is no
 * document (binary) is: every input named has its entry. */
static void json_failed(ss_export *e, const char *name, const char *message)
{
	doc_head(e, name, ss_format_name(SS_FORMAT_AUTO), false);
	ss_buf_adds(&e->buf, ",\"title\":null,\"date\":null,\"author\":null,\"source\":null,"
	                     "\"categories\":[],\"facts\":[]}");
	e->state = &e->buf; /* not NULL: an entry was written */
}

static void json_end(ss_export *e)
{
	ss_buf_adds(&e->buf, e->ndocs || e->state ? "\n]}\n" : "]}\n");
}

static void jsonl_doc(ss_export *e, const ss_doc *doc)
{
	ss_buf scratch = SS_BUF_INIT;
	ss_span_memo memo = {0};
	json_keys keys;
	keys_make(&keys, ss_export_cols(e));
	for (size_t i = 0; i < ss_doc_fact_count(doc); i++) {
		put_fact(&e->buf, ss_export_cols(e), &keys, doc, i, &scratch, &memo);
		ss_out_addc(&e->buf, '\n');
		ss_export_record_done(e);
	}
	ss_span_memo_release(&memo);
	ss_buf_release(&scratch);
}

const ss_exporter ss_exporter_json = {"json", SS_FMT_WHOLE_RUN, json_begin, json_doc, json_end,
                                      json_failed};
const ss_exporter ss_exporter_jsonl = {"jsonl", 0, NULL, jsonl_doc, NULL, NULL};
