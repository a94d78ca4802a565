/* options.c - the extraction options context (statspan.h): setters in
 * PCRE2's style, so that an option can be added without changing the size
 * of anything a caller compiled against. */
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"

ss_options *ss_options_new(void)
{
	return ss_xcalloc(1, sizeof(ss_options));
}

ss_options *ss_options_copy(const ss_options *o)
{
	ss_options *c = ss_options_new();
	if (o)
		*c = *o;
	return c;
}

void ss_options_free(ss_options *o)
{
	free(o);
}

/* The plain setters: SS_ERR_USAGE without a context, SS_ERR_CONFIG (and
 * the context unchanged) when the value is out of range. */
#define SETTER(name, type, bad)                                                        \
	ss_status ss_options_set_##name(ss_options *o, type v)                          \
	{                                                                                \
		if (!o)                                                                      \
			return SS_ERR_USAGE;                                                     \
		if (bad)                                                                     \
			return SS_ERR_CONFIG;                                                    \
		o->name = v;                                                                 \
		return SS_OK;                                                                \
	}

SETTER(format, ss_format, (unsigned)v >= SS_FORMAT__COUNT)
SETTER(kinds, unsigned, v >> SS_KIND__COUNT) /* a bit of no kind */
SETTER(match_limit, uint32_t, false)         /* 0: the default */
SETTER(depth_limit, uint32_t, false)
SETTER(all_text, int, false)                 /* any non-zero: on */
SETTER(readers, const struct ss_reader *const *, false) /* NULL: none */

ss_status ss_options_set_currency(ss_options *o, const char *code)
{
	if (!o)
		return SS_ERR_USAGE;
	if (!code) {
		o->currency[0] = '\0';
		return SS_OK;
	}
	if (strlen(code) != 3)
		return SS_ERR_CONFIG;
	for (int i = 0; i < 3; i++)
		if (code[i] < 'A' || code[i] > 'Z')
			return SS_ERR_CONFIG;
	memcpy(o->currency, code, 4);
	return SS_OK;
}

const char *ss_options_currency(const ss_options *o)
{
	return o && o->currency[0] ? o->currency : NULL;
}

ss_status ss_options_set_diag(ss_options *o, ss_diag_fn fn, void *userdata)
{
	if (!o)
		return SS_ERR_USAGE;
	o->diag = fn;
	o->diag_userdata = userdata;
	return SS_OK;
}
