/* inject.c - an LD_PRELOAD shim that makes I/O fail on purpose (the idea of
 * jq's src/inject_errors.c), for tests of what statspan does when a disk
 * misbehaves. Files are picked by a substring of the path they were opened by:
 *   SS_INJECT_EIO=sub     reads of such a file fail with EIO after the first
 *                         successful read (an error in the middle of a file)
 *   SS_INJECT_EACCES=sub  opening such a file fails with EACCES (an unreadable
 *                         file, even for root, who can read a mode-000 file)
 *   SS_INJECT_COUNT=sub   the reads of such a file are counted, and the count
 *                         appended as a line to the file SS_INJECT_COUNT_OUT
 *                         when it is closed (how many system calls a read takes)
 * Build: cc -shared -fPIC -o inject.so inject.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define MAXFD 1024
static char tracked[MAXFD]; /* 1: fails on the next read; 2: had its first read */
static int counted[MAXFD];  /* reads of a counted file, plus one; 0: not counted */

static int matches(const char *path, const char *var)
{
	const char *sub = getenv(var);
	return sub && *sub && path && strstr(path, sub);
}

static int do_open(const char *fn, const char *path, int flags, mode_t mode)
{
	if (matches(path, "SS_INJECT_EACCES")) {
		errno = EACCES;
		return -1;
	}
	int (*real)(const char *, int, ...) = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, fn);
	int fd = real(path, flags, mode);
	if (fd >= 0 && fd < MAXFD)
		tracked[fd] = matches(path, "SS_INJECT_EIO") ? 1 : 0;
	if (fd >= 0 && fd < MAXFD)
		counted[fd] = matches(path, "SS_INJECT_COUNT") ? 1 : 0;
	return fd;
}

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	return do_open("open", path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	mode_t mode = 0;
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	return do_open("open64", path, flags, mode);
}

ssize_t read(int fd, void *buf, size_t n)
{
	ssize_t (*real)(int, void *, size_t) = (ssize_t (*)(int, void *, size_t))dlsym(RTLD_NEXT, "read");
	if (fd >= 0 && fd < MAXFD && tracked[fd] == 2) {
		errno = EIO;
		return -1;
	}
	if (fd >= 0 && fd < MAXFD && counted[fd])
		counted[fd]++;
	ssize_t r = real(fd, buf, n);
	if (r > 0 && fd >= 0 && fd < MAXFD && tracked[fd] == 1)
		tracked[fd] = 2;
	return r;
}

int close(int fd)
{
	int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "close");
	const char *out = getenv("SS_INJECT_COUNT_OUT");
	if (fd >= 0 && fd < MAXFD && counted[fd] && out) {
		int (*real_open)(const char *, int, ...) =
		    (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
		ssize_t (*real_write)(int, const void *, size_t) =
		    (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
		int o = real_open(out, O_WRONLY | O_CREAT | O_APPEND, 0644);
		if (o >= 0) {
			char line[32];
			int k = snprintf(line, sizeof line, "%d\n", counted[fd] - 1);
			real_write(o, line, (size_t)k);
			real(o);
		}
	}
	if (fd >= 0 && fd < MAXFD)
		tracked[fd] = counted[fd] = 0;
	return real(fd);
}
