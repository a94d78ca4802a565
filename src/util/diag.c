/* diag.c - positioned diagnostics handed to the caller's callback; the
 * library itself never prints. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

static void vreport(ss_diag_sink *sink, ss_diag_level level, const char *file,
                    unsigned line, unsigned column, const char *rule_id,
                    const char *excerpt, const char *fmt, va_list ap)
{
	if (!sink)
		return;
	if (level == SS_DIAG_ERROR)
		sink->errors++;
	else
		sink->warnings++;
	if (!sink->fn)
		return;
	ss_buf msg = SS_BUF_INIT;
	ss_buf_vaddf(&msg, fmt, ap);
	ss_diag d = {level, file, line, column, rule_id, msg.ptr ? msg.ptr : "", excerpt};
	sink->fn(sink->userdata, &d);
	ss_buf_release(&msg);
}

void ss_report(ss_diag_sink *sink, ss_diag_level level, const char *file, unsigned line,
               unsigned column, const char *rule_id, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(sink, level, file, line, column, rule_id, NULL, fmt, ap);
	va_end(ap);
}

void ss_report_excerpt(ss_diag_sink *sink, ss_diag_level level, const char *file,
                       unsigned line, unsigned column, const char *rule_id,
                       const char *excerpt, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(sink, level, file, line, column, rule_id, excerpt, fmt, ap);
	va_end(ap);
}

/* The most ss_read_file() reads: the offset map is 32-bit, and a pipe or a
 * FIFO has no size to check beforehand. */
#define SS_READ_MAX ((size_t)UINT32_MAX - 16)

/* Reads are at most this long, so a read error in the middle of a big file
 * is seen as one (and tests can inject it). */
#define SS_READ_CHUNK ((size_t)1 << 18)

/* Read fd to its end into a malloc'd buffer. Plain realloc, not the aborting
 * family: a file too big for memory is an error for that file (ENOMEM), not
 * the end of the run. size: what fstat gave for a regular file, else 0. */
static int read_all(int fd, bool regular, size_t size, char **out, size_t *outlen)
{
	char *p = NULL;
	size_t len = 0, cap = 0;
	int err = 0;
	for (;;) {
		if (len >= SS_READ_MAX) {
			err = EFBIG;
			break;
		}
		if (cap - len < 2) {
			/* the size, the byte that finds the end, and the NUL */
			size_t c = cap ? cap * 2 : size ? size + 2 : 65536;
			if (c > SS_READ_MAX + 1)
				c = SS_READ_MAX + 1;
			char *q = realloc(p, c);
			if (!q) {
				err = ENOMEM;
				break;
			}
			p = q;
			cap = c;
		}
		size_t want = cap - len - 1;
		if (want > SS_READ_CHUNK)
			want = SS_READ_CHUNK;
		ssize_t n = read(fd, p + len, want);
		if (n > 0) {
			len += (size_t)n;
			/* A regular file read short at exactly the size fstat gave has
			 * ended; one that grew meanwhile is read on to its end. */
			if (regular && (size_t)n < want && len == size)
				break;
		} else if (n == 0) {
			break;
		} else if (errno == EINTR) {
			continue;
		} else if (errno == EAGAIN) {
			/* A FIFO that had no writer when opened: nothing to read. */
			break;
		} else {
			err = errno;
			break;
		}
	}
	if (err) {
		free(p);
		return err;
	}
	if (!p && !(p = malloc(1)))
		return ENOMEM;
	p[len] = '\0';
	*out = p;
	*outlen = len;
	return 0;
}

static size_t size_hint(const struct stat *st)
{
	return S_ISREG(st->st_mode) && st->st_size > 0 && (uintmax_t)st->st_size <= SS_READ_MAX
	           ? (size_t)st->st_size
	           : 0;
}

int ss_read_fd(int fd, char **out, size_t *outlen)
{
	struct stat st;
	if (fstat(fd, &st) != 0)
		return errno;
	if (S_ISDIR(st.st_mode))
		return EISDIR;
	/* A terminal is typed into; another device (/dev/zero) never ends. */
	if ((S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) && !isatty(fd))
		return ENOTSUP;
	return read_all(fd, S_ISREG(st.st_mode), size_hint(&st), out, outlen);
}

/*
 * Read a whole file with open/read (not stdio, so that a read error in the
 * middle is seen as one, and tests can inject one with an LD_PRELOAD shim).
 * Regular files, FIFOs and pipes are read; a FIFO is opened without blocking,
 * so one with no writer reads as empty instead of hanging; directories give
 * EISDIR and devices and sockets ENOTSUP (/dev/zero would never end).
 * A batch reads tens of thousands of small files, so a regular file costs
 * four system calls: open, fstat, one read of its size plus one byte (short:
 * the end) and close.
 * Returns 0 or an errno value; on error nothing is handed back.
 */
int ss_read_file(const char *path, char **out, size_t *outlen)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno;
	struct stat st;
	if (fstat(fd, &st) != 0) {
		int err = errno;
		close(fd);
		return err;
	}
	if (S_ISDIR(st.st_mode) || !(S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode))) {
		close(fd);
		return S_ISDIR(st.st_mode) ? EISDIR : ENOTSUP;
	}
	bool regular = S_ISREG(st.st_mode);
	/* Blocking reads from here on: a FIFO whose writer is slow is waited for.
	 * O_NONBLOCK means nothing to a regular file. */
	if (!regular) {
		int fl = fcntl(fd, F_GETFL);
		if (fl != -1)
			fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	}
	int err = read_all(fd, regular, size_hint(&st), out, outlen);
	close(fd);
	return err;
}
