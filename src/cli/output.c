/* output.c - atomic output files: a temporary file beside the target, renamed
 * into place only when every byte is written, so an interrupted or failing
 * run never leaves a half file under the name asked for. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static bool output_open(ss_output *out, const char *path);

/* The temporaries a signal must not leave behind: the output's temporary
 * file, and what a format makes on the way (the workbook's directory and the
 * file in it). One registry, removed newest first, so that a directory goes
 * after the files in it. */
#define MAX_TEMPS 8
static struct {
	char *volatile path;
	volatile sig_atomic_t dir;
} temps[MAX_TEMPS];

static void on_signal(int sig)
{
	for (size_t i = MAX_TEMPS; i-- > 0;) {
		char *p = temps[i].path;
		if (p && temps[i].dir)
			rmdir(p); /* async-signal-safe, as are the rest */
		else if (p)
			unlink(p);
	}
	signal(sig, SIG_DFL);
	raise(sig); /* die of the signal: the caller sees 128 + sig */
}

/* Interrupted (a terminal's ^C, kill, a closed session, a file size limit)
 * or aborted: the temporary goes, the target stays as it was. After SIGKILL
 * a leftover is unavoidable; its name says whose it is. */
static void catch_signals(void)
{
	static const int sigs[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGXFSZ, SIGABRT};
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		struct sigaction old;
		/* A signal the caller ignores (nohup, trap '' XFSZ) stays ignored. */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

void ss_temp_add(const char *path, bool dir)
{
	catch_signals();
	for (size_t i = 0; i < MAX_TEMPS; i++)
		if (!temps[i].path) {
			char *copy = ss_xstrdup(path);
			temps[i].dir = dir;
			temps[i].path = copy;
			return;
		}
	/* more at once than a run makes: this one may be left after a signal */
}

void ss_temp_remove(const char *path)
{
	for (size_t i = MAX_TEMPS; i-- > 0;) {
		char *p = temps[i].path;
		if (p && !strcmp(p, path)) {
			temps[i].path = NULL;
			free(p);
			return;
		}
	}
}

void ss_temp_hook(const char *path, bool dir, bool made)
{
	if (made)
		ss_temp_add(path, dir);
	else
		ss_temp_remove(path);
}

/* Records are written a document at a time, and a batch writes tens of
 * megabytes: a quarter-megabyte buffer turns thousands of write calls into
 * a few hundred. A terminal keeps its line buffering. The buffer is given,
 * as glibc ignores the size of one it would allocate; one output is open
 * for the life of the process. */
static void big_buffer(FILE *fp)
{
	static char buf[(size_t)1 << 18];
	static bool taken;
	if (!taken && !isatty(fileno(fp))) {
		setvbuf(fp, buf, _IOFBF, sizeof buf);
		taken = true;
	}
}

bool ss_output_open(ss_output *out, const char *path)
{
	bool ok = output_open(out, path);
	if (ok)
		big_buffer(out->fp);
	return ok;
}

static bool output_open(ss_output *out, const char *path)
{
	memset(out, 0, sizeof *out);
	if (!path || !strcmp(path, "-")) {
		out->fp = stdout;
		return true;
	}
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		/* A device or a pipe (-o /dev/stdout, a FIFO) is written as it is: a
		 * rename would put a regular file in its place. */
		out->fp = fopen(path, "wb");
		if (!out->fp) {
			ss_error("cannot write '%s': %s", path, strerror(errno));
			return false;
		}
		out->path = strdup(path);
		if (!out->path)
			abort();
		return true;
	}
	/* Through a symbolic link, the file it points to is replaced, not the link
	 * (also when that file does not exist yet). */
	char *real = realpath(path, NULL);
	char link[4096];
	ssize_t ln;
	if (!real && (ln = readlink(path, link, sizeof link - 1)) > 0) {
		link[ln] = '\0';
		const char *slash = strrchr(path, '/');
		size_t dl = link[0] != '/' && slash ? (size_t)(slash - path) + 1 : 0;
		real = malloc(dl + (size_t)ln + 1);
		if (!real)
			abort();
		memcpy(real, path, dl);
		memcpy(real + dl, link, (size_t)ln + 1);
	}
	const char *target = real ? real : path;
	size_t n = strlen(target);
	out->path = strdup(target);
	out->tmp = malloc(n + 32);
	free(real);
	if (!out->path || !out->tmp)
		abort();
	/* .NAME.statspan-tmp.XXXXXX beside NAME: hidden, and recognisable. */
	const char *slash = strrchr(out->path, '/');
	size_t dl = slash ? (size_t)(slash - out->path) + 1 : 0;
	snprintf(out->tmp, n + 32, "%.*s.%s.statspan-tmp.XXXXXX", (int)dl, out->path,
	         out->path + dl);
	int fd = mkstemp(out->tmp);
	if (fd < 0) {
		ss_error("cannot create '%s': %s", path, strerror(errno));
		free(out->path);
		free(out->tmp);
		return false;
	}
	ss_temp_add(out->tmp, false);
	/* mkstemp makes the file 0600. A file that is replaced keeps its mode
	 * and, where we may, its owner and group; a new one gets the mode a plain
	 * fopen would give. Neither is fatal: the data is what matters. */
	struct stat old;
	if (stat(out->path, &old) == 0 && S_ISREG(old.st_mode)) {
		if (fchown(fd, old.st_uid, old.st_gid) != 0 && fchown(fd, (uid_t)-1, old.st_gid) != 0) {
			/* not ours to give away */
		}
		if (fchmod(fd, old.st_mode & 07777) != 0) {
		}
	} else {
		mode_t um = umask(0);
		umask(um);
		if (fchmod(fd, 0666 & ~um) != 0) {
		}
	}
	out->fp = fdopen(fd, "wb");
	if (!out->fp) {
		ss_error("cannot write '%s': %s", path, strerror(errno));
		close(fd);
		unlink(out->tmp);
		ss_temp_remove(out->tmp);
		free(out->path);
		free(out->tmp);
		return false;
	}
	return true;
}

bool ss_output_commit(ss_output *out)
{
	if (out->fp == stdout) {
		if (fflush(stdout) != 0 || ferror(stdout)) {
			ss_error("cannot write to standard output: %s", strerror(errno ? errno : EIO));
			return false;
		}
		return true;
	}
	/* A device or a pipe has nothing to sync and nothing to rename. */
	bool ok = fflush(out->fp) == 0 && !ferror(out->fp) &&
	          (!out->tmp || fsync(fileno(out->fp)) == 0);
	int err = errno ? errno : EIO;
	if (fclose(out->fp) != 0 && ok) {
		ok = false;
		err = errno;
	}
	if (ok && out->tmp && rename(out->tmp, out->path) != 0) {
		ok = false;
		err = errno;
	}
	if (!ok) {
		char *q = ss_quote(out->path);
		ss_error("cannot write '%s': %s", q, strerror(err));
		free(q);
		if (out->tmp)
			unlink(out->tmp);
	}
	if (out->tmp)
		ss_temp_remove(out->tmp);
	free(out->path);
	free(out->tmp);
	return ok;
}

void ss_output_abort(ss_output *out)
{
	if (out->fp && out->fp != stdout) {
		fclose(out->fp);
		if (out->tmp) {
			unlink(out->tmp);
			ss_temp_remove(out->tmp);
		}
		free(out->path);
		free(out->tmp);
	}
}
