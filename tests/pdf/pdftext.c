/* pdftext.c - the PDF reader alone, for tests and for looking at a layout:
 *   pdftext FILE            the laid-out text
 *   pdftext --lines FILE    each laid-out line: page, box, text
 *   pdftext --wire FILE     the child's wire bytes (a fuzz seed)
 *   pdftext --layout WIRE   lay out wire bytes read from a file
 * Exit status 1 with the reader's message when the PDF cannot be read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pdf/pdf.h"

static void print_lines(const ss_pdf_text *t)
{
	size_t i = 0;
	while (i < t->len) {
		while (i < t->len && t->glyph[i] == SS_PDF_NONE)
			i++;
		if (i == t->len)
			break;
		uint32_t line = t->pos[t->glyph[i]].line;
		size_t j = i;
		while (j < t->len && (t->glyph[j] == SS_PDF_NONE ? t->text[j] == ' '
		                                                 : t->pos[t->glyph[j]].line == line))
			j++;
		ss_buf box = SS_BUF_INIT;
		uint32_t page;
		ss_pdf_locate(t, i, j, &page, &box);
		printf("%u\t%s\t%.*s\n", page, box.ptr, (int)(j - i), t->text + i);
		ss_buf_release(&box);
		i = j;
	}
}

int main(int argc, char **argv)
{
	const char *mode = argc == 3 ? argv[1] : "";
	const char *path = argv[argc - 1];
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: pdftext [--lines|--wire|--layout] FILE\n");
		return 2;
	}
	char *buf;
	size_t len;
	if (ss_read_file(path, &buf, &len)) {
		perror(path);
		return 1;
	}
	ss_pdf_text t;
	int rc = 0;
	if (!strcmp(mode, "--wire")) {
		int p[2];
		if (pipe(p))
			return 1;
		/* The child's side run here, into a pipe a thread-free reader drains. */
		fflush(stdout);
		if (fork() == 0) {
			close(p[0]);
			_exit(ss_pdf_child_run(buf, len, p[1]));
		}
		close(p[1]);
		char chunk[65536];
		ssize_t n;
		while ((n = read(p[0], chunk, sizeof chunk)) > 0)
			fwrite(chunk, 1, (size_t)n, stdout);
		free(buf);
		return 0;
	}
	if (!strcmp(mode, "--layout")) {
		ss_pdf_layer l = {0};
		char *msg = NULL;
		bool cut;
		ss_pdf_error e = ss_pdf_wire_parse(buf, len, &l, &msg, &cut);
		ss_pdf_layout(&l, &t);
		printf("%s", t.text);
		fprintf(stderr, "pdftext: wire %d%s%s\n", (int)e, cut ? " (truncated)" : "",
		        msg ? msg : "");
		free(msg);
		ss_pdf_layer_release(&l);
	} else {
		char *msg, *warn;
		ss_pdf_error e = ss_pdf_read(buf, len, &t, &msg, &warn);
		if (warn)
			fprintf(stderr, "pdftext: warning: %s: %s\n", path, warn);
		if (e != SS_PDF_OK) {
			fprintf(stderr, "pdftext: error: %s: %s\n", path, msg);
			rc = 1;
		} else if (!strcmp(mode, "--lines")) {
			print_lines(&t);
		} else {
			fwrite(t.text, 1, t.len, stdout);
			putchar('\n');
		}
		free(msg);
		free(warn);
	}
	ss_pdf_text_release(&t);
	free(buf);
	return rc;
}
