/* read_plugin.c - poppler for the command, opened in the PDF child only:
 * the plugin statspan-pdf.so (read_poppler.c with poppler-glib linked) is
 * looked for in $STATSPAN_PDF_PLUGIN (a file), then beside the program (the
 * build tree), then in SS_PDF_PLUGIN_DIR (where make install puts it). A
 * command that reads no PDF never loads poppler's ~50 libraries. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pdf.h"

#ifndef SS_PDF_PLUGIN_DIR
#define SS_PDF_PLUGIN_DIR "/usr/local/lib/statspan"
#endif

/* The plugin's path into out (of n bytes); false when none is readable. */
static bool plugin_path(char *out, size_t n)
{
	const char *env = getenv("STATSPAN_PDF_PLUGIN");
	if (env && *env) {
		snprintf(out, n, "%s", env);
		return access(out, R_OK) == 0;
	}
	char self[4096];
	ssize_t sl = readlink("/proc/self/exe", self, sizeof self - 1);
	if (sl > 0) {
		self[sl] = '\0';
		char *slash = strrchr(self, '/');
		if (slash) {
			slash[1] = '\0';
			if ((size_t)snprintf(out, n, "%s%s", self, SS_PDF_PLUGIN_NAME) < n &&
			    access(out, R_OK) == 0)
				return true;
		}
	}
	snprintf(out, n, "%s/%s", SS_PDF_PLUGIN_DIR, SS_PDF_PLUGIN_NAME);
	return access(out, R_OK) == 0;
}

const char *ss_pdf_unsupported(void)
{
	char path[4096];
	return plugin_path(path, sizeof path) ? NULL
	       : "its reader " SS_PDF_PLUGIN_NAME " is not installed (not beside the program, "
	         "nor in " SS_PDF_PLUGIN_DIR ")";
}

/* The plugin could not be opened (poppler uninstalled since the build,
 * say): the parent is told why on the wire. */
static int refuse(int fd, const char *why)
{
	ss_buf b = SS_BUF_INIT;
	ss_pdf_wire_begin(&b);
	ss_pdf_wire_error(&b, SS_PDF_ERR_UNSUPPORTED, why);
	bool ok = write(fd, b.ptr, b.len) == (ssize_t)b.len;
	ss_buf_release(&b);
	return ok ? 0 : 1;
}

int ss_pdf_child_run(const char *buf, size_t len, int fd)
{
	char path[4096];
	if (!plugin_path(path, sizeof path))
		return refuse(fd, "the PDF reader " SS_PDF_PLUGIN_NAME " is not installed");
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return refuse(fd, dlerror());
	int (*run)(const char *, size_t, int);
	*(void **)&run = dlsym(h, SS_PDF_PLUGIN_ENTRY);
	if (!run)
		return refuse(fd, dlerror());
	return run(buf, len, fd);
}
