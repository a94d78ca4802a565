/* status.c - the messages of the status codes, in one table (PCRE2 keeps
 * its error texts the same way), and the version of the library loaded. */
#include <stdlib.h>

#include "util.h"

static const char *const messages[SS_STATUS__COUNT] = {
	[SS_OK] = "no error",
	[SS_ERR_INPUT] = "the input could not be read as a document",
	[SS_ERR_CONFIG] = "bad rule file, option value or name",
	[SS_ERR_USAGE] = "API misuse (NULL handle or buffer, uncompiled rule set, finished writer)",
	[SS_ERR_IO] = "write error",
};

const char *ss_strerror(ss_status code)
{
	return (unsigned)code < SS_STATUS__COUNT && messages[code] ? messages[code]
	                                                           : "unknown status";
}

const char *ss_version(void)
{
	return SS_VERSION;
}

void ss_free(void *p)
{
	free(p);
}
