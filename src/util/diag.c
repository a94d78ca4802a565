/* diag.c - positioned diagnostics handed to the caller's callback; the
 * library itself never prints. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

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

int ss_read_file(const char *path, char **out, size_t *outlen)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return errno;
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		return EISDIR;
	}
	ss_buf b = SS_BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		ss_buf_add(&b, chunk, n);
	int err = ferror(f) ? (errno ? errno : EIO) : 0;
	fclose(f);
	if (err) {
		ss_buf_release(&b);
		return err;
	}
	*out = ss_buf_detach(&b, outlen);
	return 0;
}
