/* ann.c - the annotation files of make eval (see eval.c for their format):
 * parsing and checking them, finding each figure in its document, and the
 * regions of a page (comments, <script>, <style>) no fact may come from. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "eval.h"

/* Units of figures the SPEC leaves optional (index levels, physical
 * quantities). Predicted facts with these units are ignored, and annotations
 * never carry them. Keep this the one list. */
static const char *const IGNORED_UNITS[] = {
	"点", "吨", "万吨", "亿吨", "千克", "公斤", "克", "斤", "平方米", "万平方米",
	"平方公里", "平方千米", "公顷", "亩", "万亩", "立方米", "米", "公里", "千米",
	"千瓦", "千瓦时", "万千瓦", "万千瓦时", "兆瓦", "吉瓦", "瓦", "度", "升", "桶",
	"标箱", "TEU", "平米", "万平米",
};

int broken;

/* ---- small helpers ---------------------------------------------------- */

char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap + 1);
	if (!buf)
		abort();
	size_t got;
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			cap *= 2;
			buf = realloc(buf, cap + 1);
			if (!buf)
				abort();
		}
	}
	fclose(f);
	buf[n] = 0;
	*len = n;
	return buf;
}

char *xstrdup(const char *s)
{
	char *p = strdup(s ? s : "");
	if (!p)
		abort();
	return p;
}

/* Remove ASCII white space and U+3000 in place. */
char *squash(char *s)
{
	char *w = s;
	for (char *r = s; *r;) {
		if (isspace((unsigned char)*r)) {
			r++;
		} else if ((unsigned char)r[0] == 0xE3 && (unsigned char)r[1] == 0x80 &&
		           (unsigned char)r[2] == 0x80) {
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = 0;
	return s;
}

int ignored_unit(const char *u)
{
	for (size_t i = 0; i < sizeof IGNORED_UNITS / sizeof *IGNORED_UNITS; i++)
		if (!strcmp(u, IGNORED_UNITS[i]))
			return 1;
	return 0;
}

static unsigned line_of(const char *buf, size_t off)
{
	unsigned line = 1;
	for (size_t i = 0; i < off; i++)
		if (buf[i] == '\n')
			line++;
	return line;
}

int same_value(double a, double b)
{
	if (a == b)
		return 1;
	double m = fmax(fabs(a), fabs(b));
	return fabs(a - b) <= 1e-6 * m;
}

/* ---- hidden regions: comments, <script>, <style> ------------------------ */

static const char *find_ci(const char *h, size_t hlen, size_t from, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = from; i + n <= hlen; i++)
		if (strncasecmp(h + i, needle, n) == 0)
			return h + i;
	return NULL;
}

size_t hidden_regions(const char *buf, size_t len, region **out)
{
	size_t n = 0, cap = 16;
	region *r = malloc(cap * sizeof *r);
	if (!r)
		abort();
	size_t i = 0;
	while (i < len) {
		const char *lt = memchr(buf + i, '<', len - i);
		if (!lt)
			break;
		size_t p = (size_t)(lt - buf);
		const char *close = NULL;
		size_t closelen = 0;
		if (p + 4 <= len && !strncmp(lt, "<!--", 4)) {
			close = find_ci(buf, len, p + 4, "-->");
			closelen = 3;
		} else if (p + 7 <= len && !strncasecmp(lt, "<script", 7) &&
		           (p + 7 == len || !isalnum((unsigned char)lt[7]))) {
			close = find_ci(buf, len, p + 7, "</script");
			closelen = 8;
		} else if (p + 6 <= len && !strncasecmp(lt, "<style", 6) &&
		           (p + 6 == len || !isalnum((unsigned char)lt[6]))) {
			close = find_ci(buf, len, p + 6, "</style");
			closelen = 7;
		} else {
			i = p + 1;
			continue;
		}
		size_t end = close ? (size_t)(close - buf) + closelen : len;
		if (n == cap) {
			cap *= 2;
			r = realloc(r, cap * sizeof *r);
			if (!r)
				abort();
		}
		r[n].start = p;
		r[n].end = end;
		n++;
		i = end;
	}
	*out = r;
	return n;
}

/* ---- annotations -------------------------------------------------------- */

static const char *const KINDS[] = {"percent", "change", "money", "count", "multiple", NULL};
static const char *const QUALS[] = {"exact",    "approx",    "nearly",   "at_least",
                                    "more_than", "at_most", "less_than", "range", NULL};
static const char *const DIRS[] = {"", "up", "down", "to", NULL};

/* YYYY-MM-DD */
static int iso_date(const char *s)
{
	static const char shape[] = "dddd-dd-dd";
	for (int i = 0; i < 10; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != '-')
			return 0;
	return s[10] == 0;
}

static int in_list(const char *s, const char *const *l)
{
	for (; *l; l++)
		if (!strcmp(s, *l))
			return 1;
	return 0;
}

void ann_error(const char *path, unsigned line, const char *msg, const char *what)
{
	fprintf(stderr, "%s:%u: %s%s%s\n", path, line, msg, what ? ": " : "", what ? what : "");
	broken++;
}

static int parse_num(const char *s, double *v)
{
	char *end;
	if (!*s)
		return 0;
	*v = strtod(s, &end);
	return *end == 0;
}

size_t load_ann(const char *path, const char *src, size_t srclen, ann **out)
{
	size_t len;
	char *buf = read_all(path, &len);
	*out = NULL;
	if (!buf) {
		ann_error(path, 0, "cannot read", NULL);
		return 0;
	}
	size_t n = 0, cap = 64;
	ann *a = calloc(cap, sizeof *a);
	if (!a)
		abort();
	unsigned lineno = 0;
	int seen_header = 0, nfields = NF_BASE;
	char *save = NULL;
	for (char *line = buf; line; line = save) {
		char *nl = strchr(line, '\n');
		save = nl ? nl + 1 : NULL;
		if (nl)
			*nl = 0;
		lineno++;
		size_t ll = strlen(line);
		if (ll && line[ll - 1] == '\r')
			line[--ll] = 0;
		if (ll == 0 || line[0] == '#')
			continue;
		if (!seen_header) {
			static const char base[] =
				"text\tocc\tkind\tvalue\tunit\tqualifier\tlow\thigh\tdirection\tsubject\tperiod";
			seen_header = 1;
			if (!strcmp(line, base))
				nfields = NF_BASE;
			else if (!strcmp(line, "text\tocc\tkind\tvalue\tunit\tqualifier\tlow\thigh\tdirection\tsubject\tperiod\tperiod_from\tperiod_to"))
				nfields = NF;
			else
				ann_error(path, lineno, "the first line must be the header", NULL);
			continue;
		}
		if (n == cap) {
			cap *= 2;
			a = realloc(a, cap * sizeof *a);
			if (!a)
				abort();
		}
		ann *x = &a[n];
		memset(x, 0, sizeof *x);
		x->line = lineno;
		x->matched = -1;
		int nf = 0;
		char *p = line;
		for (;;) {
			char *tab = strchr(p, '\t');
			if (nf < NF)
				x->f[nf] = tab ? strndup(p, (size_t)(tab - p)) : xstrdup(p);
			nf++;
			if (!tab)
				break;
			p = tab + 1;
		}
		/* a row may stop at period where the dates are not annotated */
		for (int k = nf; k < NF; k++)
			x->f[k] = xstrdup("");
		if (nf != nfields && nf != NF_BASE) {
			char msg[64];
			snprintf(msg, sizeof msg, "%d fields, expected %d", nf, nfields);
			ann_error(path, lineno, msg, NULL);
			for (int k = 0; k < NF; k++)
				free(x->f[k]);
			continue;
		}
		double tmp;
		int occ = atoi(x->f[F_OCC]);
		if (!x->f[F_TEXT][0])
			ann_error(path, lineno, "empty text", NULL);
		if (occ < 1)
			ann_error(path, lineno, "bad occ", x->f[F_OCC]);
		if (!in_list(x->f[F_KIND], KINDS))
			ann_error(path, lineno, "bad kind", x->f[F_KIND]);
		if (!parse_num(x->f[F_VALUE], &x->value))
			ann_error(path, lineno, "bad value", x->f[F_VALUE]);
		if (!x->f[F_UNIT][0])
			ann_error(path, lineno, "empty unit", NULL);
		if (!in_list(x->f[F_QUAL], QUALS))
			ann_error(path, lineno, "bad qualifier", x->f[F_QUAL]);
		if (x->f[F_LOW][0] && !parse_num(x->f[F_LOW], &tmp))
			ann_error(path, lineno, "bad low", x->f[F_LOW]);
		if (x->f[F_HIGH][0] && !parse_num(x->f[F_HIGH], &tmp))
			ann_error(path, lineno, "bad high", x->f[F_HIGH]);
		if (!in_list(x->f[F_DIR], DIRS))
			ann_error(path, lineno, "bad direction", x->f[F_DIR]);
		for (int k = F_PFROM; k <= F_PTO; k++)
			if (x->f[k][0] && strcmp(x->f[k], "-") && !iso_date(x->f[k]))
				ann_error(path, lineno, "bad date (YYYY-MM-DD, or - for none)", x->f[k]);
		if (ignored_unit(x->f[F_UNIT]))
			ann_error(path, lineno, "unit is on the ignored list", x->f[F_UNIT]);
		/* the occ-th occurrence of the text in the source */
		size_t tl = strlen(x->f[F_TEXT]);
		int k = 0;
		const char *hit = NULL;
		for (size_t i = 0; tl && i + tl <= srclen; i++) {
			if (memcmp(src + i, x->f[F_TEXT], tl) == 0 && ++k == occ) {
				hit = src + i;
				break;
			}
		}
		if (!hit) {
			char msg[160];
			snprintf(msg, sizeof msg, "occurrence %d of the text not found in the source (%d found)",
			         occ, k);
			ann_error(path, lineno, msg, x->f[F_TEXT]);
			for (int j = 0; j < NF; j++)
				free(x->f[j]);
			continue;
		}
		x->start = (size_t)(hit - src);
		x->end = x->start + tl;
		x->sline = line_of(src, x->start);
		n++;
	}
	if (!seen_header)
		ann_error(path, lineno, "no header line", NULL);
	/* two annotations on the same span are a mistake */
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (a[i].start == a[j].start && a[i].end == a[j].end)
				ann_error(path, a[j].line, "same span as the annotation on line",
				          a[i].f[F_TEXT]);
	free(buf);
	*out = a;
	return n;
}
