/* messages.c - what the command says on standard error, in git's wording:
 * "statspan: error: ...", and positioned diagnostics as file:line:col. */
#include <stdarg.h>
#include <string.h>

#include "../util/util.h"
#include "cli.h"

static void say(const char *level, const char *fmt, va_list ap)
{
	ss_progress_clear(); /* a message never lands in the middle of the progress line */
	fprintf(stderr, "statspan: %s: ", level);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void ss_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say("error", fmt, ap);
	va_end(ap);
}

void ss_warning(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say("warning", fmt, ap);
	va_end(ap);
}

void ss_cli_diag_format(ss_buf *b, bool quiet, const ss_diag *d)
{
	if (quiet && d->level != SS_DIAG_ERROR)
		return;
	const char *level = d->level == SS_DIAG_ERROR ? "error" : "warning";
	if (d->file && d->line)
		ss_buf_addf(b, "%s:%u:%u: %s: %s", d->file, d->line, d->column ? d->column : 1, level,
		            d->message);
	else if (d->file)
		ss_buf_addf(b, "statspan: %s: %s: %s", level, d->file, d->message);
	else
		ss_buf_addf(b, "statspan: %s: %s", level, d->message);
	if (d->rule_id)
		ss_buf_addf(b, " [rule %s]", d->rule_id);
	ss_buf_addc(b, '\n');
	if (d->excerpt) {
		size_t n = strcspn(d->excerpt, "\r\n");
		ss_buf_addf(b, "  %.*s\n  ", (int)n, d->excerpt);
		/* The caret goes under the column'th character. */
		unsigned col = 1;
		for (size_t i = 0; i < n && col < d->column; col++) {
			unsigned char c = (unsigned char)d->excerpt[i];
			int w = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
			ss_buf_adds(b, c == '\t' ? "\t" : (w == 3 ? "  " : " ")); /* CJK is two columns wide */
			i += (size_t)w;
		}
		ss_buf_adds(b, "^\n");
	}
}

void ss_cli_diag(void *userdata, const ss_diag *d)
{
	const bool *quiet = userdata;
	ss_buf b = SS_BUF_INIT;
	ss_cli_diag_format(&b, quiet && *quiet, d);
	if (b.len) {
		ss_progress_clear();
		fwrite(b.ptr, 1, b.len, stderr);
	}
	ss_buf_release(&b);
}

ss_ruleset *ss_cli_load_rules(const ss_cli_opts *o)
{
	ss_ruleset *rs = ss_ruleset_new();
	ss_ruleset_set_diag(rs, ss_cli_diag, NULL);
	ss_status st = SS_OK;
	if (!o->no_default_rules)
		st = ss_ruleset_add_defaults(rs);
	for (size_t i = 0; st == SS_OK && i < o->nrules_dirs; i++)
		st = ss_ruleset_add_dir(rs, o->rules_dirs[i]);
	if (st == SS_OK)
		st = ss_ruleset_compile(rs);
	if (st != SS_OK) {
		ss_ruleset_free(rs);
		return NULL;
	}
	return rs;
}
