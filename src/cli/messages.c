/* messages.c - what the command says on standard error, in git's wording:
 * "statspan: error: ...", and positioned diagnostics as file:line:col. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../util/util.h"
#include "cli.h"

/* A byte a message shows as an escape: a control character could move the
 * cursor, retitle or clear the terminal (ESC ] ... BEL, ESC [ 2J). */
static bool is_ctl(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

static void add_escape(ss_buf *b, unsigned char c)
{
	static const char abc[] = "abtnvfr"; /* \a = 7 ... \r = 13 */
	if (c >= 7 && c <= 13)
		ss_buf_addf(b, "\\%c", abc[c - 7]);
	else
		ss_buf_addf(b, "\\%03o", c);
}

char *ss_quote(const char *s)
{
	return ss_quote_n(s, strlen(s));
}

char *ss_quote_n(const char *s, size_t n)
{
	bool plain = true;
	for (size_t i = 0; i < n && plain;) {
		uint32_t cp;
		int w = ss_utf8_decode(s + i, n - i, &cp);
		plain = w > 0 && !is_ctl((unsigned char)s[i]);
		i += w > 0 ? (size_t)w : 1;
	}
	if (plain)
		return ss_xstrndup(s, n);
	/* As git quotes a path: then the backslash is quoted too, so that the
	 * escapes read back unambiguously. */
	ss_buf b = SS_BUF_INIT;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int w = ss_utf8_decode(s + i, n - i, &cp);
		unsigned char c = (unsigned char)s[i];
		if (w <= 0 || is_ctl(c)) {
			add_escape(&b, c);
			i++;
		} else {
			if (c == '\\')
				ss_buf_addc(&b, '\\');
			ss_buf_add(&b, s + i, (size_t)w);
			i += (size_t)w;
		}
	}
	size_t len;
	return ss_buf_detach(&b, &len);
}

void ss_cli_write_err(const char *s, size_t n)
{
	ss_progress_clear(); /* a message never lands in the middle of the progress line */
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && (!is_ctl((unsigned char)s[j]) || s[j] == '\n' || s[j] == '\t'))
			j++;
		fwrite(s + i, 1, j - i, stderr);
		if (j < n) {
			ss_buf e = SS_BUF_INIT;
			add_escape(&e, (unsigned char)s[j]);
			fwrite(e.ptr, 1, e.len, stderr);
			ss_buf_release(&e);
			j++;
		}
		i = j;
	}
}

static void say(const char *level, const char *fmt, va_list ap)
{
	ss_buf b = SS_BUF_INIT;
	ss_buf_addf(&b, "statspan: %s: ", level);
	ss_buf_vaddf(&b, fmt, ap);
	ss_buf_addc(&b, '\n');
	ss_cli_write_err(b.ptr, b.len);
	ss_buf_release(&b);
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
	char *file = d->file ? ss_quote(d->file) : NULL;
	if (file && d->line)
		ss_buf_addf(b, "%s:%u:%u: %s: %s", file, d->line, d->column ? d->column : 1, level,
		            d->message);
	else if (file)
		ss_buf_addf(b, "statspan: %s: %s: %s", level, file, d->message);
	else
		ss_buf_addf(b, "statspan: %s: %s", level, d->message);
	free(file);
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
	if (b.len)
		ss_cli_write_err(b.ptr, b.len);
	ss_buf_release(&b);
}

ss_ruleset *ss_cli_load_rules(const ss_rules_opts *o)
{
	ss_ruleset *rs = ss_ruleset_new();
	ss_ruleset_set_diag(rs, ss_cli_diag, NULL);
	ss_status st = SS_OK;
	if (!o->no_defaults)
		st = ss_ruleset_add_defaults(rs);
	for (size_t i = 0; st == SS_OK && i < o->dirs.n; i++)
		st = ss_ruleset_add_dir(rs, o->dirs.v[i]);
	if (st == SS_OK)
		st = ss_ruleset_compile(rs);
	if (st != SS_OK) {
		ss_ruleset_free(rs);
		return NULL;
	}
	return rs;
}

void ss_error_unknown_format(const char *name)
{
	char *q = ss_quote(name);
	ss_buf names = SS_BUF_INIT;
	for (size_t i = 0; i < ss_writer_format_count(); i++)
		ss_buf_addf(&names, "%s%s", i ? ", " : "", ss_writer_format_name(i));
	ss_error("unknown output format '%s' (%s)", q, names.ptr);
	ss_buf_release(&names);
	free(q);
}
