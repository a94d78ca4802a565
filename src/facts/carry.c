/* carry.c - the period of a figure whose sentence names none: carried from
 * its statement, its paragraph or the heading above it (2018年10月份，社零…
 * 增长8.6%。其中，限额以上单位…增长3.7%: both are 2018年10月份), and the
 * period's dates (perioddate.c) filled in. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"

/* How far a period carries within its statement, in bytes. */
#define STATEMENT_REACH SS_ATTACH_REACH
/* A heading is a short line: longer ones are text. */
#define HEADING_MAX 180

/* How far into the text a dateline may stand, in bytes (a title and a byline
 * above it). */
#define DATELINE_REACH 600

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Digits at s[i..len): their value, and how many (at most max). */
static size_t digits_at(const char *s, size_t len, size_t i, size_t max, int *v)
{
	size_t j = i;
	*v = 0;
	while (j < len && j - i < max && is_digit(s[j]))
		*v = *v * 10 + (s[j++] - '0');
	return j < len && is_digit(s[j]) ? 0 : j - i;
}

/* A date y-m-d written as digits and separators sep1 sep2 (sep3 after the
 * day, "" for none) at s[i]: its end, else 0. */
static size_t date_at(const char *s, size_t len, size_t i, const char *sep1, const char *sep2,
                      const char *sep3, ss_ymd *d)
{
	const char *sep[3] = {sep1, sep2, sep3};
	int v[3];
	size_t p = i;
	for (int k = 0; k < 3; k++) {
		size_t n = digits_at(s, len, p, k ? 2 : 4, &v[k]);
		if (!n || (k == 0 && n != 4))
			return 0;
		p += n;
		size_t w = strlen(sep[k]);
		if (p + w > len || memcmp(s + p, sep[k], w))
			return 0;
		p += w;
	}
	d->y = v[0], d->m = v[1], d->d = v[2];
	return d->m >= 1 && d->m <= 12 && d->d >= 1 && d->d <= 31 ? p : 0;
}

/* The first number (a run of digits) to start at or after s[i] and before
 * s[end], else end. Sixteen bytes a step: the top of most texts has few. */
static size_t next_number(const char *s, size_t i, size_t end)
{
#ifdef __SSE2__
	while (end - i >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		/* signed compares: the bytes from 0x80 are below '0' */
		unsigned dig = (unsigned)_mm_movemask_epi8(
			_mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)),
			              _mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1))));
		unsigned after = dig << 1 | (i && is_digit(s[i - 1]));
		if (dig & ~after)
			return i + (size_t)__builtin_ctz(dig & ~after);
		i += 16;
	}
#endif
	for (; i < end; i++)
		if (is_digit(s[i]) && !(i && is_digit(s[i - 1])))
			return i;
	return end;
}

/* A plain-text document has no date in metadata, but news dates itself near
 * its top: a full date in brackets ((2020年11月16日), the release's line) or
 * written 2020-11-16 (2020-11-16 10:20 under the title), the first within
 * DATELINE_REACH bytes. A wire dateline (新华社北京11月16日电) names no year:
 * it takes the year of the first year and month the text writes (2020年10月),
 * when that month is not after the dateline's. */
static bool dateline_date(const char *s, size_t len, ss_ymd *out)
{
	size_t reach = len < DATELINE_REACH ? len : DATELINE_REACH;
	int wire_m = 0, wire_d = 0;
	for (size_t i = next_number(s, 0, reach); i < reach; i = next_number(s, i + 1, reach)) {
		ss_ymd d;
		bool open = (i >= 1 && (s[i - 1] == '(' || s[i - 1] == '[')) ||
		            (i >= 3 && !memcmp(s + i - 3, "（", 3));
		size_t e = open ? date_at(s, len, i, "年", "月", "日", &d) : 0;
		bool closed = e && e < len &&
		              (s[e] == ')' || s[e] == ']' || (e + 3 <= len && !memcmp(s + e, "）", 3)));
		/* (a year of four digits and '-', asked first: most numbers are none) */
		if ((i + 4 < len && s[i + 4] == '-' && date_at(s, len, i, "-", "-", "", &d)) ||
		    closed) { /* （2022年1月10日至…） is none */
			*out = d;
			return true;
		}
		int m, day;
		size_t n = digits_at(s, len, i, 2, &m);
		size_t p = i + n;
		if (!wire_m && n && p + 3 <= len && !memcmp(s + p, "月", 3)) {
			size_t n2 = digits_at(s, len, p + 3, 2, &day);
			size_t q = p + 3 + n2;
			if (n2 && q + 6 <= len && !memcmp(s + q, "日电", 6) && m >= 1 && m <= 12)
				wire_m = m, wire_d = day;
		}
	}
	if (!wire_m)
		return false;
	for (size_t i = 0; i + 4 < len; i++) {
		int y, m;
		size_t n = is_digit(s[i]) && !(i && is_digit(s[i - 1])) ? digits_at(s, len, i, 4, &y) : 0;
		if (n != 4 || i + 7 > len || memcmp(s + i + 4, "年", 3))
			continue;
		size_t n2 = digits_at(s, len, i + 7, 2, &m);
		if (!n2 || i + 7 + n2 + 3 > len || memcmp(s + i + 7 + n2, "月", 3))
			continue;
		if (m > wire_m)
			return false;
		out->y = y, out->m = wire_m, out->d = wire_d;
		return true;
	}
	return false;
}

static void dateline_iso(const ss_doc *doc, char iso[11])
{
	ss_ymd d;
	iso[0] = '\0';
	if (doc->norm.ptr && dateline_date(doc->norm.ptr, doc->norm.len, &d))
		ss_ymd_format(d, iso);
}

/* Slots of the dates kept: those of the carry itself, and for a longer
 * text one more for every DATES_TEXT bytes, up to DATES_MAX (a 3 MB text
 * names some 1,500 periods, half of them missed with 128 slots). A short
 * text uses DATES_SHORT of the carry's own, or one for every DATES_SHORT_TEXT
 * bytes (a file of 640 bytes names a few periods). */
#define DATES_MIN (sizeof ((ss_period_carry *)0)->dates_in / sizeof (struct ss_period_dates_slot))
#define DATES_MAX 4096
#define DATES_TEXT 2048
#define DATES_SHORT 16
#define DATES_SHORT_TEXT 64

void ss_period_carry_init(ss_period_carry *pc, const ss_doc *doc)
{
	size_t n = DATES_SHORT;
	while (n < DATES_MIN && n * DATES_SHORT_TEXT < doc->norm.len)
		n *= 2;
	while (n < DATES_MAX && n * DATES_TEXT < doc->norm.len)
		n *= 2;
	memset(pc, 0, offsetof(ss_period_carry, dates_in) +
	                      (n <= DATES_MIN ? n : 0) * sizeof pc->dates_in[0]);
	if (n > DATES_MIN)
		pc->dates = ss_xcalloc(n, sizeof *pc->dates);
	pc->dates_mask = n - 1;
	pc->meaning = -2;
	pc->has_ref = ss_ymd_parse(doc->meta.date, &pc->ref);
	if (pc->has_ref)
		return;
	char iso[11];
	if (doc->dateline_read)
		memcpy(iso, doc->dateline, sizeof iso);
	else
		dateline_iso(doc, iso);
	pc->has_ref = ss_ymd_parse(iso, &pc->ref); /* checks the day */
}

void ss_period_carry_release(ss_period_carry *pc)
{
	free(pc->dates);
	pc->dates = NULL;
	pc->dates_mask = 0;
}

void ss_doc_read_dateline(ss_doc *doc)
{
	dateline_iso(doc, doc->dateline);
	doc->dateline_read = true;
}

static bool has_span(const ss_nspan *s) { return s->end > s->start; }

/* The dates of the norm span p read against the document's date (ref 0),
 * any year (1) or none (2), by ss_period_dates; kept for the texts read
 * lately, since they depend on the text alone. */
static bool span_dates(ss_period_carry *pc, const ss_ruleset *rs, const char *norm, ss_nspan p,
                       int ref, ss_ymd *from, ss_ymd *to)
{
	size_t len = p.end - p.start;
	uint32_t hash = 2166136261u ^ (uint32_t)ref; /* FNV-1a */
	for (size_t i = p.start; i < p.end; i++)
		hash = (hash ^ (unsigned char)norm[i]) * 16777619u;
	struct ss_period_dates_slot *slot = pc->dates ? pc->dates : pc->dates_in;
	slot += (hash ^ hash >> 16) & pc->dates_mask;
	if (slot->end && slot->hash == hash && slot->ref == ref && slot->end - slot->start == len &&
	    !memcmp(norm + slot->start, norm + p.start, len)) {
		*from = slot->from;
		*to = slot->to;
		return slot->ok;
	}
	static const ss_ymd any = {2000, 12, 31};
	ss_ymd f = {0, 0, 0}, t = {0, 0, 0};
	if (pc->meaning == -2)
		pc->meaning = rs ? ss_rules_table_id(rs, "period_meaning") : -1;
	bool ok = ss_period_dates_in(rs, pc->meaning, norm + p.start, len,
	                             ref == 0 ? &pc->ref : ref == 1 ? &any : NULL, &f, &t);
	slot->start = p.start;
	slot->end = p.end;
	slot->hash = hash;
	slot->ref = ref;
	slot->ok = ok;
	slot->from = f;
	slot->to = t;
	*from = f;
	*to = t;
	return ok;
}

static int ymd_cmp(ss_ymd a, ss_ymd b)
{
	return a.y != b.y ? (a.y < b.y ? -1 : 1) : a.m != b.m ? (a.m < b.m ? -1 : 1)
	                                          : a.d != b.d ? (a.d < b.d ? -1 : 1) : 0;
}

/* ss_period_within of the norm spans a and b, against the document's date
 * or, without one, any year; the dates read through span_dates. */
static bool within(ss_period_carry *pc, const ss_ruleset *rs, const char *norm, ss_nspan a,
                   ss_nspan b)
{
	int ref = pc->has_ref ? 0 : 1;
	ss_ymd af, at, bf, bt;
	if (!span_dates(pc, rs, norm, a, ref, &af, &at) || !span_dates(pc, rs, norm, b, ref, &bf, &bt))
		return false;
	return ymd_cmp(af, bf) >= 0 && ymd_cmp(at, bt) <= 0 &&
	       (ymd_cmp(af, bf) != 0 || ymd_cmp(at, bt) != 0);
}

static bool same_text(const char *s, const ss_nspan *a, const ss_nspan *b)
{
	return a->end - a->start == b->end - b->start &&
	       !memcmp(s + a->start, s + b->start, a->end - a->start);
}

/* True when norm [a, b) holds a paragraph break or a full stop (。！？!?):
 * a period carries over a ； but not past the end of the statement. */
static bool crosses_statement(const char *norm, size_t a, size_t b)
{
	const unsigned char *t = (const unsigned char *)norm;
	for (size_t i = a; i < b; i++) {
		/* only those bytes can start one: past the runs between them */
		i = ss_find_any16(t, i, b, '!', '?', '\n', (char)0xE3, (char)0xEF, (char)0xEF);
		if (i >= b)
			break;
		if (t[i] == '!' || t[i] == '?' || (t[i] == '\n' && i + 1 < b && t[i + 1] == '\n'))
			return true;
		if (t[i] == 0xE3 && i + 3 <= b && !memcmp(t + i, "。", 3))
			return true;
		if (t[i] == 0xEF && i + 3 <= b && (!memcmp(t + i, "！", 3) || !memcmp(t + i, "？", 3)))
			return true;
	}
	return false;
}

/* Whether a period at norm[p] opens the statement that starts at norm[a]:
 * nothing before it but space, a bracketed headline (【…】截至1月7日，) or a
 * list mark (①). */
static bool opens_statement(const char *s, size_t a, size_t p)
{
	while (p > a && (s[p - 1] == ' ' || s[p - 1] == '\t' || s[p - 1] == '\n'))
		p--;
	if (p <= a)
		return true; /* at the start, or named before the sentence */
	size_t q = ss_utf8_back(s, p - 1);
	if (p - q == 3 && !memcmp(s + q, "】", 3))
		return true;
	/* ① .. ⑳: U+2460 .. U+2473 */
	const unsigned char *u = (const unsigned char *)s + q;
	return p - q == 3 && u[0] == 0xE2 && u[1] == 0x91 && u[2] >= 0xA0 && u[2] <= 0xB3;
}

/* True when norm [a, b) holds a ; (norm writes ； so): the end of a clause,
 * past which a period one of its later figures named (…，1月份累涨44.65个基点；)
 * does not carry. */
static bool crosses_clause(const char *norm, size_t a, size_t b)
{
	return b > a && memchr(norm + a, ';', b - a) != NULL;
}

/* Whether the line break at norm[i] ends a paragraph: a blank line does, and
 * so does one after a closing mark (。！？；：）); a line broken inside a
 * sentence (hard-wrapped text) does not. */
static bool ends_paragraph(const char *s, size_t i)
{
	if (s[i + 1] == '\n')
		return true;
	size_t p = i;
	while (p > 0 && (s[p - 1] == ' ' || s[p - 1] == '\t' || s[p - 1] == '\r'))
		p--;
	if (p == 0)
		return true;
	size_t q = ss_utf8_back(s, p - 1);
	static const char *const closing[] = {"。", "！", "？", "；", "：", "）", "!", "?", ";", ":", ")"};
	for (size_t k = 0; k < sizeof closing / sizeof *closing; k++) {
		size_t n = strlen(closing[k]);
		if (p - q == n && !memcmp(s + q, closing[k], n))
			return true;
	}
	return false;
}

/* Whether a paragraph ends in norm [a, b). Asked from the same a (where the
 * paragraph's period was seen) for every figure after it, each a little
 * further on: what was read is kept, so the text is read once. */
static bool crosses_paragraph(ss_period_carry *pc, const char *s, size_t len, size_t a, size_t b)
{
	if (pc->para_from != a || (!pc->para_hit && pc->para_clear_to < a)) {
		pc->para_from = a;
		pc->para_clear_to = a;
		pc->para_hit = 0;
	}
	if (pc->para_hit)
		return pc->para_hit - 1 < b;
	size_t lim = len ? (b < len - 1 ? b : len - 1) : 0;
	for (size_t i = pc->para_clear_to; i < lim; i++) {
		const char *nl = memchr(s + i, '\n', lim - i);
		if (!nl)
			break;
		i = (size_t)(nl - s);
		if (ends_paragraph(s, i)) {
			pc->para_hit = i + 1;
			return true;
		}
	}
	if (b > pc->para_clear_to)
		pc->para_clear_to = b;
	return false;
}

/* A heading line [a, b): short, and with no mark that ends a sentence. */
static bool is_heading(const char *s, size_t a, size_t b)
{
	if (b - a > HEADING_MAX || b == a)
		return false;
	static const char *const marks[] = {"。", "；", "！", "？", "，"};
	for (size_t i = a; i + 3 <= b; i++) {
		/* each mark opens with one of these two bytes */
		unsigned char c = (unsigned char)s[i];
		if (c != 0xE3 && c != 0xEF)
			continue;
		for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
			if (!memcmp(s + i, marks[k], 3))
				return false;
	}
	return true;
}

/* Whether the line holding p is a heading. */
static bool on_heading_line(const char *s, size_t len, size_t p)
{
	size_t a = p, e = p;
	while (a > 0 && s[a - 1] != '\n')
		a--;
	while (e < len && s[e] != '\n')
		e++;
	while (a < e && (s[a] == ' ' || s[a] == '\t'))
		a++;
	return is_heading(s, a, e);
}

/* The first period of the heading line [a, b), where there is one that is
 * no single day (a heading's date is the day it was written). */
static bool heading_period(ss_attach *cx, size_t a, size_t b, ss_nspan *out)
{
	for (size_t p = a; p < b; p += (size_t)ss_utf8_len(cx->norm + p, b - p)) {
		size_t e = ss_period_at(cx, p, b);
		if (e > p) {
			if (ss_period_is_day(cx, p, e)) {
				p = e - 1; /* past it, to the period the line names */
				continue;
			}
			/* a time of the calendar (本期 in a credit line is none) */
			ss_ymd any = {2000, 12, 31}, f, t;
			if (!ss_period_dates(cx->rs, cx->norm + p, e - p, &any, &f, &t)) {
				p = e - 1;
				continue;
			}
			out->start = p;
			out->end = e;
			return true;
		}
	}
	return false;
}

/* Whether a period is a stretch of the calendar (7月份, 2021年), not a day or
 * a moment (目前) or a count of trading days. */
static bool is_span_of_days(ss_period_carry *pc, ss_attach *cx, const ss_nspan *p)
{
	ss_ymd f, t;
	return span_dates(pc, cx->rs, cx->norm, *p, 1, &f, &t) &&
	       (f.y != t.y || f.m != t.m || f.d != t.d);
}

/* Headings between the last place scanned and pos: the period of the last
 * one that names one holds from there on, until another replaces it. */
static void scan_headings(ss_period_carry *pc, ss_attach *cx, size_t pos)
{
	const char *s = cx->norm;
	size_t p = pc->scanned;
	while (p < pos) {
		const char *nl = memchr(s + p, '\n', pos - p);
		if (!nl)
			break; /* the line of the figure itself is text */
		size_t e = (size_t)(nl - s);
		size_t a = p;
		while (a < e && (s[a] == ' ' || s[a] == '\t'))
			a++;
		ss_nspan h;
		if (is_heading(s, a, e) && heading_period(cx, a, e, &h)) {
			pc->head = h;
			pc->para.start = pc->para.end = 0; /* a new section */
		}
		p = e + 1;
	}
	pc->scanned = p > pc->scanned ? p : pc->scanned;
}

/* Whether a sentence may start at s[i]: after 。！？!? or a line break. */
static bool sentence_starts(const char *s, size_t i)
{
	if (i == 0 || s[i - 1] == '\n' || s[i - 1] == '!' || s[i - 1] == '?')
		return true;
	return i >= 3 && (!memcmp(s + i - 3, "。", 3) || !memcmp(s + i - 3, "！", 3) ||
	                  !memcmp(s + i - 3, "？", 3));
}

/* A period standing first in the sentence at i, before a comma: the
 * paragraph's. */
static void opening_at(ss_period_carry *pc, ss_attach *cx, size_t i, size_t pos)
{
	const char *s = cx->norm;
	/* past a list number and the words of dateline_open, as a dateline */
	size_t p = ss_dateline_start(cx, i, pos, false);
	size_t lim = p + 64 < pos ? p + 64 : pos;
	size_t e = ss_period_at(cx, p, lim);
	if (e > p && e < pos && (s[e] == ',' || (e + 3 <= pos && !memcmp(s + e, "，", 3)))) {
		pc->para.start = p;
		pc->para.end = e;
		pc->para_at = e;
		pc->part_of = false;
	}
}

/* Sentences with no figure still open with a period or a dateline (7月31日，
 * A股放量大涨收官。截至收盘，上证指数涨2.06%): a period standing first,
 * before a comma, in those between the last place read and pos holds for
 * the paragraph. */
static void scan_openings(ss_period_carry *pc, ss_attach *cx, size_t pos)
{
	const unsigned char *s = (const unsigned char *)cx->norm;
	size_t from = pc->opened;
	if (from < pos && sentence_starts(cx->norm, from))
		opening_at(pc, cx, from, pos);
	/* the sentences that start after from: the text is read a character
	 * at a time (it is valid UTF-8, sanitised), from the one holding from,
	 * and only \n ! ? and the leads of 。！？ (E3, EF) are looked at */
	static const uint8_t ends[256] = {['\n'] = 1, ['!'] = 1, ['?'] = 1, [0xE3] = 2, [0xEF] = 2};
	size_t j = from > 0 && from < pos ? ss_utf8_back(cx->norm, from) : from;
	for (size_t next; j < pos; j = next) {
		unsigned char c = s[j];
		next = j + ss_utf8_step[c];
		if (!ends[c]) {
			/* those bytes are never inside a character: straight to the
			 * next of them (or to a place the walk goes on from) */
			next = ss_find_any16(s, next, pos, '\n', '!', '?', (char)0xE3, (char)0xEF,
			                     (char)0xEF);
			continue;
		}
		size_t at = 0;
		if (ends[c] == 1)
			at = j + 1;
		else if (next < pos &&
		         (!memcmp(s + j, "。", 3) || !memcmp(s + j, "！", 3) || !memcmp(s + j, "？", 3)))
			at = next;
		if (at > from && at < pos)
			opening_at(pc, cx, at, pos);
	}
	pc->opened = pos > pc->opened ? pos : pc->opened;
}

void ss_period_carry_apply(ss_period_carry *pc, ss_attach *cx, const ss_sentence *sent,
                           size_t fs, size_t fe, ss_nspan *period)
{
	const char *s = cx->norm;
	bool lead = !pc->led;
	/* a headline's figure (人民幣存款增至777億) above the lead is no lead */
	if (lead)
		pc->led = has_span(period) || !on_heading_line(s, cx->len, fs);
	scan_headings(pc, cx, sent->start);
	scan_openings(pc, cx, sent->start);
	if (pc->opened < sent->end)
		pc->opened = sent->end; /* this sentence is read from its figures */
	bool first_in_sentence = pc->sent_start != sent->start + 1;
	pc->sent_start = sent->start + 1;
	if (has_span(period)) {
		/* A period opening a sentence (前三季度，…) holds for its paragraph.
		 * One lying within the period held (10月份 under 1-10月份) may be a
		 * new reporting period or the first of a breakdown (分季度看，一季度
		 * …，二季度…: parts of 前三季度): a second part in the same sentence
		 * tells, and gives the paragraph its period back. */
		bool para = has_span(&pc->para) && !crosses_paragraph(pc, s, cx->len, pc->para_at, fs);
		const ss_nspan *held = para ? &pc->para : &pc->head;
		if (first_in_sentence && period->end <= fs) {
			pc->part_of = has_span(held) && within(pc, cx->rs, s, *period, *held);
			pc->before = para ? pc->para : (ss_nspan){0, 0};
			pc->before_at = pc->para_at;
			pc->para = *period;
			pc->para_at = fe;
		} else if (!first_in_sentence && pc->part_of && has_span(&pc->before) &&
		           !same_text(s, period, &pc->para) && within(pc, cx->rs, s, *period, pc->before)) {
			pc->para = pc->before;
			pc->para_at = fe;
			pc->part_of = false;
		}
		/* The period of a document's first figure, where no heading
		 * named one, is its lead's (本港7月份存款總額增0.6%): it holds
		 * where a later paragraph names none. */
		if (lead && !has_span(&pc->head) && is_span_of_days(pc, cx, period))
			pc->head = *period;
		pc->stmt = *period;
		pc->stmt_at = fe;
		pc->stmt_open = opens_statement(s, sent->start, period->start);
		return;
	}
	if (has_span(&pc->stmt) && fs - pc->stmt_at <= STATEMENT_REACH &&
	    !crosses_statement(s, pc->stmt_at, fs) &&
	    (pc->stmt_open || !crosses_clause(s, pc->stmt_at, fs))) {
		*period = pc->stmt;
	} else if (has_span(&pc->para) && !crosses_paragraph(pc, s, cx->len, pc->para_at, fs)) {
		*period = pc->para;
	} else if (has_span(&pc->head)) {
		*period = pc->head;
	}
}

void ss_period_fill_dates(ss_period_carry *pc, const ss_ruleset *rs, const char *norm,
                          ss_nspan period, ss_fact *f)
{
	f->period_from[0] = f->period_to[0] = 0;
	ss_ymd a, b;
	if (period.end > period.start &&
	    span_dates(pc, rs, norm, period, pc->has_ref ? 0 : 2, &a, &b)) {
		ss_ymd_format(a, f->period_from);
		ss_ymd_format(b, f->period_to);
	}
}
