/* read.c - one PDF read through a poppler child with limits (see pdf.h):
 * start the child, read the wire with a time limit per page and for the
 * whole document, tell a crash, a limit and a scan apart, and lay out the
 * text.
 *
 * The child is this same program run again (/proc/self/exe) with
 * STATSPAN_PDF_CHILD=1 in its environment, the PDF's bytes on fd 0 and the
 * wire on fd 3; read_child.c catches that before main(). A fork alone is
 * not enough: the threads of a batch may hold locks (ASan's allocator's, for
 * one) at the moment of the fork, and the child would wait on them for ever;
 * between fork and exec only async-signal-safe calls are made. */
#define _GNU_SOURCE /* pipe2, close_range, memfd_create */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pdf.h"

#if defined(__SANITIZE_ADDRESS__)
#define SS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SS_ASAN 1
#endif
#endif

static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xasprintf(const char *fmt, ...)
{
	ss_buf b = SS_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ss_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	return ss_buf_detach(&b, NULL);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

extern char **environ;

/* In the forked child, before exec (async-signal-safe calls only): the
 * PDF on fd 0, poppler's own complaints (syntax errors by the hundred in a
 * damaged file) into a memory file on fd 2, the wire on fd 3, nothing else
 * open, and the limits. The complaints are kept to their first megabyte
 * (writes past it fail; SIGXFSZ is ignored so that they do not kill). */
static void child_exec(const char *self, int fd_in, int fd_err, int fd_out, char **envp)
{
	if (dup2(fd_in, 0) < 0 || dup2(fd_err, 2) < 0 || dup2(fd_out, 3) < 0)
		_exit(127);
	close_range(4, ~0u, 0);
	struct sigaction ign = {.sa_handler = SIG_IGN};
	sigaction(SIGXFSZ, &ign, NULL);
	struct rlimit fsize = {1 << 20, 1 << 20};
	setrlimit(RLIMIT_FSIZE, &fsize);
	struct rlimit cpu = {SS_PDF_DOC_SECONDS, SS_PDF_DOC_SECONDS + 5};
	setrlimit(RLIMIT_CPU, &cpu);
#ifndef SS_ASAN /* ASan reserves terabytes of address space up front */
	rlim_t as = (rlim_t)SS_PDF_MEMORY_MB << 20;
	struct rlimit mem = {as, as};
	setrlimit(RLIMIT_AS, &mem);
#endif
	char *argv[] = {"statspan-pdf-reader", NULL};
	execve(self, argv, envp);
	_exit(127);
}

/* Why poppler could not map a font's codes to characters, from what it
 * said: for want of poppler-data (CJK fonts that are not embedded, as in
 * HKEX filings: "Missing language pack for 'Adobe-CNS1' mapping"), or a
 * collection nobody knows. Returns the reason (malloc'd) or NULL. */
static char *unmapped_text(int fd_err)
{
	static const struct {
		const char *said, *why;
	} known[] = {
		{"Missing language pack for '", "poppler-data is not installed (install it): no "
		                                "language pack for '%.*s'"},
		{"Unknown character collection '", "its font's character collection '%.*s' is "
		                                   "unknown to poppler"},
	};
	char b[65536];
	ssize_t n = pread(fd_err, b, sizeof b - 1, 0);
	if (n <= 0)
		return NULL;
	b[n] = '\0';
	for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
		const char *m = strstr(b, known[i].said);
		if (m) {
			m += strlen(known[i].said);
			return xasprintf(known[i].why, (int)strcspn(m, "'\n"), m);
		}
	}
	return NULL;
}

/* The bytes of the PDF in a memory file, for the child's fd 0; -1 on error. */
static int bytes_fd(const char *buf, size_t len)
{
	int fd = memfd_create("statspan-pdf", MFD_CLOEXEC);
	if (fd < 0)
		return -1;
	for (size_t off = 0; off < len;) {
		ssize_t n = write(fd, buf + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			return -1;
		}
		off += (size_t)n;
	}
	return fd;
}

/* The time a page may take: SS_PDF_PAGE_SECONDS, or less when the
 * environment's STATSPAN_PDF_PAGE_SECONDS asks (the tests' PDF bomb). */
static double page_seconds(void)
{
	const char *e = getenv("STATSPAN_PDF_PAGE_SECONDS");
	double v = e ? atof(e) : 0;
	return v > 0 && v < SS_PDF_PAGE_SECONDS ? v : SS_PDF_PAGE_SECONDS;
}

/* Read the child's output until it closes the pipe or a limit is hit.
 * Returns 0, or the limit hit: 1 page time, 2 document time, 3 size. */
static int collect(int fd, ss_buf *w, double page_limit)
{
	double start = now(), last = start;
	size_t max = (size_t)SS_PDF_MAX_GLYPHS * 20 + ((size_t)SS_PDF_MAX_PAGES + 1) * 16 + 64;
	char chunk[65536];
	for (;;) {
		double t = now();
		if (t - start > SS_PDF_DOC_SECONDS)
			return 2;
		if (t - last > page_limit)
			return 1;
		double left = page_limit - (t - last);
		struct pollfd p = {fd, POLLIN, 0};
		int r = poll(&p, 1, (int)(left * 1000) + 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			continue; /* the clock decides above */
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			return 0;
		ss_buf_add(w, chunk, (size_t)n);
		if (w->len > max)
			return 3;
		last = now();
	}
}

static size_t text_glyphs(const ss_pdf_layer *l)
{
	size_t n = 0;
	for (size_t p = 0; p < l->npages; p++)
		for (size_t i = 0; i < l->pages[p].n; i++)
			n += l->pages[p].g[i].cp != ' ' && l->pages[p].g[i].cp != '\n';
	return n;
}

ss_pdf_error ss_pdf_read(const char *buf, size_t len, ss_pdf_text *out, char **msg,
                         char **warn)
{
	memset(out, 0, sizeof *out);
	*msg = NULL;
	*warn = NULL;
	const char *why = ss_pdf_unsupported();
	if (why) {
		*msg = xasprintf("a PDF, and %s", why);
		return SS_PDF_ERR_UNSUPPORTED;
	}
	int p[2], in = bytes_fd(buf, len), err = memfd_create("statspan-pdf-err", MFD_CLOEXEC);
	if (in < 0 || err < 0 || pipe2(p, O_CLOEXEC) != 0) {
		*msg = xasprintf("cannot read the PDF: %s", strerror(errno));
		if (in >= 0)
			close(in);
		if (err >= 0)
			close(err);
		return SS_PDF_ERR_INTERNAL;
	}
	/* The program's path and the child's environment, made before the
	 * fork. The path is read, not exec'd as /proc/self/exe, so that under
	 * valgrind the child is this program and not valgrind's. */
	char self[4096];
	ssize_t sl = readlink("/proc/self/exe", self, sizeof self - 1);
	if (sl <= 0) {
		*msg = xasprintf("cannot run the PDF reader: /proc/self/exe: %s", strerror(errno));
		close(in);
		close(err);
		close(p[0]);
		close(p[1]);
		return SS_PDF_ERR_INTERNAL;
	}
	self[sl] = '\0';
	size_t ne = 0;
	while (environ[ne])
		ne++;
	char **envp = ss_xmalloc((ne + 2) * sizeof *envp);
	memcpy(envp, environ, ne * sizeof *envp);
	envp[ne] = "STATSPAN_PDF_CHILD=1";
	envp[ne + 1] = NULL;
	pid_t pid = fork();
	if (pid == 0)
		child_exec(self, in, err, p[1], envp);
	int fork_err = errno;
	free(envp);
	close(in);
	close(p[1]);
	if (pid < 0) {
		*msg = xasprintf("cannot read the PDF: fork: %s", strerror(fork_err));
		close(p[0]);
		close(err);
		return SS_PDF_ERR_INTERNAL;
	}
	ss_buf w = SS_BUF_INIT;
	double page_limit = page_seconds();
	int limit = collect(p[0], &w, page_limit);
	close(p[0]);
	if (limit)
		kill(pid, SIGKILL);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	char *unmapped = unmapped_text(err);
	close(err);

	ss_pdf_layer l = {0};
	bool cut = false;
	char *emsg = NULL;
	ss_pdf_error e = ss_pdf_wire_parse(w.ptr ? w.ptr : "", w.len, &l, &emsg, &cut);
	size_t done = l.npages;
	ss_buf_release(&w);
	if (limit == 1 || limit == 2) {
		e = SS_PDF_ERR_LIMIT;
		*msg = limit == 1 ? xasprintf("PDF page %zu took more than %g s; not extracted "
		                              "(a PDF bomb?)", done + 1, page_limit)
		                  : xasprintf("PDF took more than %d s; not extracted",
		                              SS_PDF_DOC_SECONDS);
	} else if (limit == 3) {
		e = SS_PDF_ERR_LIMIT;
		*msg = xasprintf("PDF text layer larger than %u characters by page %zu; not "
		                 "extracted (a PDF bomb?)", SS_PDF_MAX_GLYPHS, done + 1);
	} else if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		e = SS_PDF_ERR_INTERNAL;
		*msg = xasprintf("cannot run the PDF reader (%s)", self);
	} else if (e != SS_PDF_OK && emsg) { /* poppler said why */
		if (e == SS_PDF_ERR_UNSUPPORTED)
			*msg = xasprintf("cannot load the PDF reader: %s", emsg);
		else if (e == SS_PDF_ERR_ENCRYPTED)
			*msg = xasprintf("encrypted PDF: it needs a password, and statspan takes none");
		else
			*msg = xasprintf("damaged PDF: %s", emsg);
	} else if (WIFSIGNALED(status) || cut || WEXITSTATUS(status) != 0) {
		e = SS_PDF_ERR_LIMIT;
		int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
		if (sig == SIGXCPU)
			*msg = xasprintf("PDF took more than %d s of CPU on page %zu; not extracted",
			                 SS_PDF_DOC_SECONDS, done + 1);
		else
			*msg = xasprintf("poppler stopped on PDF page %zu (%s: out of its %d MB, or a "
			                 "damaged page); not extracted", done + 1,
			                 sig ? strsignal(sig) : "exit status", SS_PDF_MEMORY_MB);
	} else if (e != SS_PDF_OK) {
		*msg = xasprintf("damaged PDF: poppler's output could not be read");
	} else if (text_glyphs(&l) == 0 && unmapped) {
		e = SS_PDF_ERR_NO_TEXT;
		*msg = xasprintf("PDF text that poppler cannot read: %s; no facts", unmapped);
	} else if (text_glyphs(&l) == 0) {
		e = SS_PDF_ERR_NO_TEXT;
		*msg = xasprintf("PDF without a text layer (%zu page%s of images: a scan?); no "
		                 "facts. Run it through OCR first (e.g. ocrmypdf -l chi_tra+chi_sim)",
		                 l.pages_total, l.pages_total == 1 ? "" : "s");
	}
	free(emsg);
	if (e == SS_PDF_OK) {
		if (l.pages_total > l.npages)
			*warn = xasprintf("PDF of %zu pages: only the first %zu were read",
			                  l.pages_total, l.npages);
		else if (unmapped)
			*warn = xasprintf("some text of this PDF could not be read: %s", unmapped);
		ss_pdf_layout(&l, out);
	}
	ss_pdf_layer_release(&l);
	free(unmapped);
	return e;
}
