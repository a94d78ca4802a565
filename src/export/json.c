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
 * again. And how each column is written, worked out once for the run
 * rather than from the column's getters at every fact. */
#define KEY_SLOT 32
#define DONE_SLOT 64
#define DONE_WAYS 4
typedef struct {
	const char *s[DONE_WAYS];
	unsigned char len[DONE_WAYS]; /* 0: the way is empty */
	unsigned next;                /* the way a new string takes */
	char text[DONE_WAYS][DONE_SLOT];
} json_done;

/* The bytes a column may take but for a string of any length: its key, a
 * kept pair or a number. */
#define COL_ROOM (KEY_SLOT + DONE_SLOT + 24)

enum { OP_JOINED, OP_TEXT_CSTR, OP_NUMBER_CSTR, OP_INTEGER, OP_SPAN, OP_GET };

/* What a span column (subject, period, sentence) wrote last: the facts of
 * a sentence share it, so the sentence is folded and escaped once, and its
 * bytes are copied again from where they stand in the output, at base +
 * their offset in the buffer. They stand there until the buffer is handed
 * on, which moves base past them. */
typedef struct {
	ss_tspan span;
	size_t at, len;
	bool have;
} json_span;

typedef struct {
	char text[SS_COLSET_MAX][KEY_SLOT];
	size_t len[SS_COLSET_MAX];
	unsigned char op[SS_COLSET_MAX];
	json_done done[SS_COLSET_MAX];
	json_span span[SS_COLSET_MAX];
	size_t base; /* the bytes of the document's output handed on so far */
	size_t room; /* what every column's key and kept pair or number may take */
} json_keys;

/* What of json_keys depends on the columns alone, made once for a
 * thread's run of them (cols, as they were then) and copied for each
 * document, as the writer reads it from the document's keys in place. */
typedef struct {
	ss_colset cols;
	char text[SS_COLSET_MAX][KEY_SLOT];
	size_t len[SS_COLSET_MAX];
	unsigned char op[SS_COLSET_MAX];
	size_t room;
} json_keyset;

static void keyset_make(json_keyset *k, const ss_colset *cols)
{
	memset(k->text, 0, cols->n * sizeof k->text[0]);
	k->cols.n = cols->n;
	memcpy(k->cols.col, cols->col, cols->n * sizeof cols->col[0]);
	k->room = 2;
	for (size_t c = 0; c < cols->n; c++) {
		const ss_column *col = cols->col[c];
		k->op[c] = col->cstr && col->num       ? OP_JOINED
		           : col->cstr                 ? (col->type == SS_COL_TEXT ? OP_TEXT_CSTR
		                                                                   : OP_NUMBER_CSTR)
		           : col->num                  ? OP_INTEGER
		           : col->span                 ? OP_SPAN
		                                       : OP_GET;
		k->room += COL_ROOM + col->len;
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

/* The keys of a document's facts: the columns' part as made for the
 * document before when they are the same columns, and of the kept strings
 * and spans only what says they are empty cleared, for the run's columns
 * alone: a document of a few facts should not pay for all of them. */
static void keys_make(json_keys *k, const ss_colset *cols)
{
	static _Thread_local json_keyset made;
	size_t n = cols->n;
	if (made.cols.n != n || !n || memcmp(made.cols.col, cols->col, n * sizeof cols->col[0]))
		keyset_make(&made, cols);
	memcpy(k->text, made.text, n * sizeof k->text[0]);
	memcpy(k->len, made.len, n * sizeof k->len[0]);
	memcpy(k->op, made.op, n * sizeof k->op[0]);
	k->room = made.room;
	k->base = 0;
	for (size_t c = 0; c < n; c++) {
		memset(k->done[c].len, 0, sizeof k->done[c].len);
		k->done[c].next = 0;
		k->span[c].have = false;
	}
}

/* Where a fact is being written: the end of what is written so far, and
 * the last byte the buffer has room for (its NUL's place). Kept apart from
 * the buffer's own length, which is set only where a call writes through
 * the buffer, and at the fact's end. */
typedef struct {
	ss_buf *b;
	char *d, *lim;
} json_cur;

static void cur_load(json_cur *o)
{
	o->d = o->b->ptr + o->b->len;
	o->lim = o->b->ptr + o->b->cap - 1;
}

static void cur_sync(json_cur *o)
{
	o->b->len = (size_t)(o->d - o->b->ptr);
}

static void cur_grow(json_cur *o, size_t n)
{
	cur_sync(o);
	ss_buf_grow(o->b, n);
	cur_load(o);
}

/* Room for n more bytes at o->d. */
static inline void cur_room(json_cur *o, size_t n)
{
	if ((size_t)(o->lim - o->d) < n)
		cur_grow(o, n);
}

/* The n bytes at s, n small as a number's digits are, with no call: two
 * copies that may overlap, each within s[0..n). */
static inline char *put_short(char *d, const char *s, size_t n)
{
	if (n >= 8 && n <= 16) {
		memcpy(d, s, 8);
		memcpy(d + n - 8, s + n - 8, 8);
	} else if (n >= 4 && n < 8) {
		memcpy(d, s, 4);
		memcpy(d + n - 4, s + n - 4, 4);
	} else if (n < 4) {
		for (size_t k = 0; k < n; k++)
			d[k] = s[k];
	} else {
		memcpy(d, s, n);
	}
	return d + n;
}

/* v in decimal at d; the end. Two digits a step, from the end, which the
 * count of digits tells. */
static inline char *put_decimal(char *d, size_t v)
{
	static const char pairs[] = "00010203040506070809101112131415161718192021222324"
	                            "25262728293031323334353637383940414243444546474849"
	                            "50515253545556575859606162636465666768697071727374"
	                            "75767778798081828384858687888990919293949596979899";
	/* the digits of v: about log10 from its bits, less one below the power */
	static const uint64_t pow10[20] = {
		1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u, 100000000u,
		1000000000u, 10000000000u, 100000000000u, 1000000000000u, 10000000000000u,
		100000000000000u, 1000000000000000u, 10000000000000000u, 100000000000000000u,
		1000000000000000000u, 10000000000000000000u};
	unsigned t = (unsigned)(64 - __builtin_clzll((unsigned long long)v | 1)) * 1233 >> 12;
	size_t n = t + 1 - (((uint64_t)v | 1) < pow10[t]);
	char *e = d + n, *p = e;
	while (v >= 100) {
		size_t r = v % 100;
		v /= 100;
		p -= 2;
		memcpy(p, pairs + 2 * r, 2);
	}
	if (v >= 10) {
		p -= 2;
		memcpy(p, pairs + 2 * v, 2);
	} else {
		*--p = (char)('0' + v);
	}
	return e;
}

/* The key of column c at o (room for KEY_SLOT + col->len + 4 made). */
static inline void put_key(json_cur *o, const json_keys *keys, size_t c, const ss_column *col)
{
	char *d = o->d;
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
	o->d = d;
}

static inline void put_null(json_cur *o)
{
	memcpy(o->d, "null", 4);
	o->d += 4;
}

/* A held string's text column c (s NULL: null) with its key: copied whole
 * when s is among the strings written last there. */
static inline void put_text_cstr(json_cur *o, json_keys *keys, size_t c, const ss_column *col,
                                 const char *s)
{
	json_done *w = &keys->done[c];
	unsigned k = 0;
	for (; k < DONE_WAYS && w->len[k]; k++)
		if (w->s[k] == s)
			goto hit;
	char *at = o->d;
	put_key(o, keys, c, col);
	if (s) {
		cur_sync(o);
		size_t from = (size_t)(at - o->b->ptr);
		put_cstring(o->b, s);
		cur_load(o);
		cur_room(o, keys->room);
		at = o->b->ptr + from;
	} else {
		put_null(o);
	}
	size_t n = (size_t)(o->d - at);
	if (n <= DONE_SLOT) {
		k = w->next;
		w->next = (k + 1) % DONE_WAYS;
		w->s[k] = s;
		w->len[k] = (unsigned char)n;
		memcpy(w->text[k], at, n);
	}
	return;
hit:
	memcpy(o->d, w->text[k], DONE_SLOT);
	o->d += w->len[k];
}

/* Column c joining a held string s, '#' and the number v (id), with its
 * key: the key and the escaped string kept from the last fact when s is
 * the same. */
static inline void put_joined(json_cur *o, json_keys *keys, size_t c, const ss_column *col,
                              const char *s, size_t v)
{
	json_done *w = &keys->done[c];
	if (w->len[0] && w->s[0] == s) {
		memcpy(o->d, w->text[0], DONE_SLOT);
		o->d += w->len[0];
	} else {
		size_t at = (size_t)(o->d - o->b->ptr);
		put_key(o, keys, c, col);
		cur_sync(o);
		put_cstring(o->b, s);
		o->b->len--; /* the closing quote comes after the number */
		cur_load(o);
		size_t n = o->b->len - at;
		w->len[0] = n <= DONE_SLOT ? (unsigned char)n : 0;
		if (w->len[0]) {
			w->s[0] = s;
			memcpy(w->text[0], o->b->ptr + at, n);
		}
		cur_room(o, keys->room);
	}
	*o->d++ = '#';
	o->d = put_decimal(o->d, v);
	*o->d++ = '"';
}

static void put_fact(ss_buf *b, const ss_colset *cols, json_keys *keys, const ss_doc *doc,
                     size_t i, ss_buf *scratch)
{
	const ss_fact *f = ss_doc_fact(doc, i);
	json_cur o = {b, NULL, NULL};
	if (!b->ptr)
		ss_buf_grow(b, COL_ROOM);
	cur_load(&o);
	/* room for every column's fixed part at once; a string of any length
	 * makes its own and then this again */
	cur_room(&o, keys->room);
	size_t ncol = cols->n;
	for (size_t c = 0; c < ncol; c++) {
		const ss_column *col = cols->col[c];
		switch (keys->op[c]) {
		case OP_JOINED: {
			bool null = false;
			size_t v = col->num(doc, i, f, &null);
			put_joined(&o, keys, c, col, col->cstr(doc, i, f), v);
			continue;
		}
		case OP_TEXT_CSTR:
			put_text_cstr(&o, keys, c, col, col->cstr(doc, i, f));
			continue;
		case OP_NUMBER_CSTR: {
			/* a number, different for nearly every fact */
			const char *s = col->cstr(doc, i, f);
			put_key(&o, keys, c, col);
			if (!s) {
				put_null(&o);
				continue;
			}
			size_t n = strlen(s);
			if (!n) {
				put_null(&o);
				continue;
			}
			cur_room(&o, n + keys->room);
			o.d = put_short(o.d, s, n);
			continue;
		}
		case OP_INTEGER: {
			/* an integer goes straight to the output */
			put_key(&o, keys, c, col);
			bool null = false;
			size_t v = col->num(doc, i, f, &null);
			if (null)
				put_null(&o);
			else
				o.d = put_decimal(o.d, v);
			continue;
		}
		case OP_SPAN: {
			put_key(&o, keys, c, col);
			ss_tspan t = col->span(f);
			json_span *m = &keys->span[c];
			if (m->have && t.start == m->span.start && t.end == m->span.end &&
			    m->at >= keys->base) {
				cur_room(&o, m->len + keys->room);
				memcpy(o.d, b->ptr + (m->at - keys->base), m->len);
				o.d += m->len;
				continue;
			}
			break;
		}
		default:
			put_key(&o, keys, c, col);
			break;
		}
		/* ss_column_get, with the fact and the emptied scratch at hand */
		cur_sync(&o);
		size_t at = b->len;
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
			keys->span[c] =
				(json_span){col->span(f), keys->base + at, b->len - at, true};
		cur_load(&o);
		cur_room(&o, keys->room);
	}
	if (ncol == 0)
		*o.d++ = '{';
	*o.d++ = '}';
	*o.d = '\0';
	cur_sync(&o);
}

/* ss_export_record_done, which may hand the output on: the kept spans'
 * places move with it. */
static void record_done(ss_export *e, json_keys *keys)
{
	size_t len = e->buf.len;
	ss_export_record_done(e);
	keys->base += len - e->buf.len;
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
	json_keys keys;
	if (ss_doc_fact_count(doc))
		keys_make(&keys, ss_export_cols(e));
	for (size_t i = 0; i < ss_doc_fact_count(doc); i++) {
		if (i)
			ss_out_addc(b, ',');
		put_fact(b, ss_export_cols(e), &keys, doc, i, &scratch);
		record_done(e, &keys);
	}
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
	size_t n = ss_doc_fact_count(doc), start = e->buf.len;
	if (!n)
		return; /* most small documents have no facts: no keys made */
	ss_buf scratch = SS_BUF_INIT;
	json_keys keys;
	keys_make(&keys, ss_export_cols(e));
	for (size_t i = 0; i < n; i++) {
		put_fact(&e->buf, ss_export_cols(e), &keys, doc, i, &scratch);
		ss_out_addc(&e->buf, '\n');
		record_done(e, &keys);
		ss_export_reserve(e, start, i + 1, n);
	}
	ss_buf_release(&scratch);
}

const ss_exporter ss_exporter_json = {"json", SS_FMT_WHOLE_RUN, json_begin, json_doc, json_end,
                                      json_failed};
const ss_exporter ss_exporter_jsonl = {"jsonl", 0, NULL, jsonl_doc, NULL, NULL};
