/* genpdf.c - small PDFs written by hand for the PDF tests: good ones (a
 * Chinese figure, a figure split over two lines, running headers and page
 * numbers, a table, a thousand pages) and hostile ones (encrypted, damaged,
 * images only, a PDF bomb of forms drawing forms).
 * Usage: genpdf KIND OUT.pdf   (KIND: see the table at the end) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	char *buf;
	size_t len, cap;
	size_t off[4096]; /* byte offset of each object, for the xref table */
	int nobj;
} pdf;

static void put(pdf *p, const char *s, size_t n)
{
	if (p->len + n + 1 > p->cap) {
		p->cap = (p->len + n + 1) * 2;
		p->buf = realloc(p->buf, p->cap);
		if (!p->buf)
			exit(1);
	}
	memcpy(p->buf + p->len, s, n);
	p->len += n;
}

static void puts_(pdf *p, const char *s) { put(p, s, strlen(s)); }

/* Object number n (1-based, in order) with body. */
static void obj(pdf *p, const char *body)
{
	char h[32];
	p->off[++p->nobj] = p->len;
	snprintf(h, sizeof h, "%d 0 obj\n", p->nobj);
	puts_(p, h);
	puts_(p, body);
	puts_(p, "\nendobj\n");
}

static void stream(pdf *p, const char *dict, const char *data)
{
	char h[256];
	p->off[++p->nobj] = p->len;
	snprintf(h, sizeof h, "%d 0 obj\n<< %s /Length %zu >>\nstream\n", p->nobj, dict, strlen(data));
	puts_(p, h);
	puts_(p, data);
	puts_(p, "\nendstream\nendobj\n");
}

static void finish(pdf *p, const char *trailer_extra, FILE *out)
{
	size_t x = p->len;
	char h[1024];
	snprintf(h, sizeof h, "xref\n0 %d\n0000000000 65535 f \n", p->nobj + 1);
	puts_(p, h);
	for (int i = 1; i <= p->nobj; i++) {
		snprintf(h, sizeof h, "%010zu 00000 n \n", p->off[i]);
		puts_(p, h);
	}
	snprintf(h, sizeof h, "trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%zu\n%%%%EOF\n",
	         p->nobj + 1, trailer_extra, x);
	puts_(p, h);
	fwrite(p->buf, 1, p->len, out);
}

/* UTF-8 to the UCS-2 hex string the UniGB-UCS2-H encoding reads. */
static void hex(const char *s, char *out)
{
	const unsigned char *u = (const unsigned char *)s;
	*out++ = '<';
	while (*u) {
		unsigned cp;
		if (*u < 0x80)
			cp = *u++;
		else if (*u < 0xE0)
			cp = ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu), u += 2;
		else
			cp = ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu), u += 3;
		out += sprintf(out, "%04X", cp);
	}
	*out++ = '>';
	*out = 0;
}

/* Objects 1 catalog, 2 pages, 3 font (Adobe-GB1 through poppler-data), then
 * the pages: each a list of lines (x, y from the top, size, text). */
typedef struct {
	int x, y, size;
	const char *text;
} tline;

/* The font's character collection: Adobe-GB1, which poppler maps through
 * poppler-data, or one that nobody knows ("unmapped"). */
static int unknown_collection;

static void font(pdf *p)
{
	obj(p, unknown_collection
	       ? "<< /Type /Font /Subtype /Type0 /BaseFont /Xyz /Encoding /Identity-H "
	         "/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /Xyz "
	         "/CIDSystemInfo << /Registry (Adobe) /Ordering (Xyz) /Supplement 0 >> /DW 1000 "
	         ">>] >>"
	       : "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
	         "/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
	         "/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 "
	         "/W [1 95 500] >>] >>");
}

static void doc(FILE *out, int npages, const tline *const *pages, const int *nlines,
                const char *trailer)
{
	pdf p = {0};
	puts_(&p, "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
	obj(&p, "<< /Type /Catalog /Pages 2 0 R >>");
	char *kids = malloc((size_t)npages * 16 + 64), *k = kids;
	k += sprintf(k, "<< /Type /Pages /Count %d /Kids [", npages);
	for (int i = 0; i < npages; i++)
		k += sprintf(k, "%d 0 R ", 4 + 2 * i);
	sprintf(k, "] >>");
	obj(&p, kids);
	free(kids);
	font(&p);
	for (int i = 0; i < npages; i++) {
		char pg[256];
		snprintf(pg, sizeof pg, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
		         "/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 5 + 2 * i);
		obj(&p, pg);
		char *c = malloc(65536), *q = c;
		*q = 0;
		for (int j = 0; j < nlines[i]; j++) {
			char h[8192];
			hex(pages[i][j].text, h);
			q += sprintf(q, "BT /F1 %d Tf %d %d Td %s Tj ET\n", pages[i][j].size, pages[i][j].x,
			             842 - pages[i][j].y, h);
		}
		stream(&p, "", c);
		free(c);
	}
	finish(&p, trailer, out);
	free(p.buf);
}

static void one(FILE *out, const tline *ls, int n, const char *trailer)
{
	const tline *pages[1] = {ls};
	doc(out, 1, pages, &n, trailer);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: genpdf KIND OUT.pdf\n");
		return 2;
	}
	const char *kind = argv[1];
	FILE *out = fopen(argv[2], "wb");
	if (!out)
		return 1;
	static const tline text[] = {{72, 100, 12, "公司营收同比增长5%，净利润下降3.2亿元。"}};
	/* A full line, then the figure's second half at the start of the next. */
	static const tline split[] = {
		{72, 100, 12, "本公司本年度的营业收入合共为人民币十二亿元，较上年增长了百分之三，其中净利润为1,2"},
		{72, 116, 12, "34.5万元，同比下降8%。"},
		{72, 160, 12, "第二段：员工人数为320人。"}};
	static const tline table[] = {
		{72, 100, 10, "项目"}, {250, 100, 10, "2024年"}, {400, 100, 10, "2023年"},
		{72, 120, 10, "营业收入"}, {250, 120, 10, "146,695"}, {400, 120, 10, "164,699"},
		{72, 140, 10, "净利润率"}, {250, 140, 10, "27.66%"}, {400, 140, 10, "27.90%"}};
	/* Two columns of running text, 17 characters a line, side by side. */
	static const tline columns[] = {
		{72, 100, 12, "左栏第一行文字内容说明本期存款同比增"},
		{310, 100, 12, "右栏第一行文字内容说明本期贷款同比下"},
		{72, 116, 12, "长5%，其余各项业务保持稳定发展态势"},
		{310, 116, 12, "降3.2%，不良贷款率为1.06%与上年持平"},
		{72, 132, 12, "左栏完。"},
		{310, 132, 12, "右栏完。"}};
	if (!strcmp(kind, "unmapped")) {
		unknown_collection = 1;
		one(out, text, 1, "");
	} else if (!strcmp(kind, "columns")) {
		one(out, columns, 6, "");
	} else if (!strcmp(kind, "text")) {
		one(out, text, 1, "");
	} else if (!strcmp(kind, "split")) {
		one(out, split, 3, "");
	} else if (!strcmp(kind, "table")) {
		one(out, table, 9, "");
	} else if (!strcmp(kind, "pages") || !strcmp(kind, "thousand")) {
		/* A running header, a page number in the footer, one figure a page. */
		int n = !strcmp(kind, "pages") ? 4 : 1000;
		tline **pages = malloc((size_t)n * sizeof *pages);
		int *nl = malloc((size_t)n * sizeof *nl);
		for (int i = 0; i < n; i++) {
			char *num = malloc(16), *body = malloc(128);
			snprintf(num, 16, "%d", i + 1);
			snprintf(body, 128, "第%d页的存款增长%d.5%%。", i + 1, i % 90 + 1);
			pages[i] = malloc(3 * sizeof **pages);
			pages[i][0] = (tline){72, 40, 9, "某某银行股份有限公司2024年年度报告"};
			pages[i][1] = (tline){72, 200, 12, body};
			pages[i][2] = (tline){290, 810, 9, num};
			nl[i] = 3;
		}
		doc(out, n, (const tline *const *)pages, nl, "");
		for (int i = 0; i < n; i++) {
			free((char *)pages[i][1].text);
			free((char *)pages[i][2].text);
			free(pages[i]);
		}
		free(pages);
		free(nl);
	} else if (!strcmp(kind, "encrypted")) {
		/* A password the empty one does not open: /U cannot match. */
		one(out, text, 1,
		    "/Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /P -4 "
		    "/O <0000000000000000000000000000000000000000000000000000000000000000> "
		    "/U <1111111111111111111111111111111111111111111111111111111111111111> >> "
		    "/ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] ");
	} else if (!strcmp(kind, "damaged")) {
		fputs("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\ntrailer garbage\x01\x02", out);
	} else if (!strcmp(kind, "image")) {
		/* A page that only paints: a scan's page has an image and no text. */
		pdf p = {0};
		puts_(&p, "%PDF-1.4\n");
		obj(&p, "<< /Type /Catalog /Pages 2 0 R >>");
		obj(&p, "<< /Type /Pages /Count 1 /Kids [3 0 R] >>");
		obj(&p, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>");
		stream(&p, "", "0.5 g 72 72 451 698 re f");
		finish(&p, "", out);
		free(p.buf);
	} else if (!strcmp(kind, "bomb")) {
		/* Forms that draw the next form twice, 48 deep: 2^48 glyphs from a
		 * file of a few kilobytes. */
		pdf p = {0};
		int depth = 48;
		puts_(&p, "%PDF-1.4\n");
		obj(&p, "<< /Type /Catalog /Pages 2 0 R >>");
		obj(&p, "<< /Type /Pages /Count 1 /Kids [4 0 R] >>");
		font(&p);
		char b[512];
		snprintf(b, sizeof b, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
		         "/Resources << /XObject << /X 6 0 R >> >> /Contents 5 0 R >>");
		obj(&p, b);
		stream(&p, "", "/X Do");
		for (int i = 0; i < depth; i++) {
			char d[256];
			if (i + 1 < depth) {
				snprintf(d, sizeof d, "/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
				         "/Resources << /XObject << /X %d 0 R >> >>", 7 + i);
				stream(&p, d, "/X Do /X Do");
			} else {
				stream(&p, "/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
				           "/Resources << /Font << /F1 3 0 R >> >>",
				       "BT /F1 12 Tf 72 700 Td <8425653600350025> Tj ET");
			}
		}
		finish(&p, "", out);
		free(p.buf);
	} else {
		fprintf(stderr, "genpdf: unknown kind '%s' (text split columns table pages thousand "
		        "encrypted damaged image unmapped bomb)\n", kind);
		return 2;
	}
	return fclose(out) != 0;
}
