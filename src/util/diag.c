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
	size_t size = regular && st.st_size > 0 && (uintmax_t)st.st_size <= SS_READ_MAX
	                  ? (size_t)st.st_size
	                  : 0;
	ss_buf b = SS_BUF_INIT;
	ss_buf_grow(&b, size ? size + 1 : 65536);
	int err = 0;
	for (;;) {
		if (b.len >= SS_READ_MAX) {
			err = EFBIG;
			break;
		}
		if (b.cap - b.len < 2)
			ss_buf_grow(&b, 65536);
		size_t want = b.cap - b.len - 1;
		if (want > SS_READ_CHUNK)
			want = SS_READ_CHUNK;
		ssize_t n = read(fd, b.ptr + b.len, want);
		if (n > 0) {
			b.len += (size_t)n;
			b.ptr[b.len] = '\0';
			/* A regular file read short at exactly the size fstat gave has
			 * ended; one that grew meanwhile is read on to its end. */
			if (regular && (size_t)n < want && b.len == size)
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
	close(fd);
	if (err) {
		ss_buf_release(&b);
		return err;
	}
	*out = ss_buf_detach(&b, outlen);
	return 0;
}
