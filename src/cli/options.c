/* options.c - one option table per subcommand drives both its parsing and
 * its --help, so the two can never disagree (pcre2grep's optionlist[] idea).
 * An entry says where in the command's own options struct a value goes. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void ss_cli_help(FILE *out, const ss_command *cmd)
{
	fprintf(out, "usage: %s\n", cmd->usage);
	fputs("\nOptions:\n", out);
	for (const ss_option *o = cmd->options; o->long_name; o++) {
		char left[64];
		if (o->short_name)
			snprintf(left, sizeof left, "-%c, --%s%s%s", o->short_name, o->long_name,
			         o->arg ? " " : "", o->arg ? o->arg : "");
		else
			snprintf(left, sizeof left, "    --%s%s%s", o->long_name, o->arg ? " " : "",
			         o->arg ? o->arg : "");
		fprintf(out, "  %-26s %s\n", left, o->help);
	}
	fputs("\nExit status: 0 done, 1 some input failed, 2 usage or configuration error.\n", out);
}

static void bad_usage(const ss_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void bad_usage(const ss_command *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ss_buf m = SS_BUF_INIT;
	ss_buf_vaddf(&m, fmt, ap);
	va_end(ap);
	ss_error("%s", m.ptr);
	ss_buf_release(&m);
	fprintf(stderr, "Try 'statspan %s --help' for more information.\n", cmd->name);
}

static const ss_option *find_long(const ss_option *opts, const char *name, size_t len)
{
	for (const ss_option *o = opts; o->long_name; o++)
		if (strlen(o->long_name) == len && !strncmp(o->long_name, name, len))
			return o;
	return NULL;
}

static const ss_option *find_short(const ss_option *opts, char c)
{
	for (const ss_option *o = opts; o->long_name; o++)
		if (o->short_name == c)
			return o;
	return NULL;
}

static void apply(void *opts, const ss_option *opt, const char *arg, bool *help)
{
	char *field = (char *)opts + opt->offset;
	switch (opt->type) {
	case SS_OPT_HELP: *help = true; break;
	case SS_OPT_STR: *(const char **)field = arg; break;
	case SS_OPT_FLAG: *(bool *)field = true; break;
	case SS_OPT_SET: *(int *)field = opt->value; break;
	case SS_OPT_LIST: {
		ss_strlist *l = (ss_strlist *)field;
		ss_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v);
		l->v[l->n++] = arg;
		break;
	}
	}
}

bool ss_cli_parse(const ss_command *cmd, int argc, char **argv, void *opts, ss_strlist *args,
                  bool *help)
{
	*help = false;
	bool only_args = false;
	for (int i = 0; i < argc; i++) {
		char *a = argv[i];
		if (only_args || a[0] != '-' || a[1] == '\0') {
			ss_grow((void **)&args->v, &args->cap, args->n + 1, sizeof *args->v);
			args->v[args->n++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_args = true;
			continue;
		}
		const ss_option *opt;
		const char *val = NULL;
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			opt = find_long(cmd->options, a + 2, n);
			if (!opt) {
				char *q = ss_quote(a);
				bad_usage(cmd, "unknown option '%s'", q);
				free(q);
				return false;
			}
			if (eq && !opt->arg) {
				bad_usage(cmd, "option '--%s' takes no value", opt->long_name);
				return false;
			}
			val = eq ? eq + 1 : NULL;
		} else {
			opt = find_short(cmd->options, a[1]);
			if (!opt) {
				char c[2] = {a[1], 0}, *q = ss_quote(c);
				bad_usage(cmd, "unknown option '-%s'", q);
				free(q);
				return false;
			}
			if (a[2]) {
				if (!opt->arg) {
					bad_usage(cmd, "option '-%c' takes no value", a[1]);
					return false;
				}
				val = a + 2;
			}
		}
		if (opt->arg && !val) {
			if (i + 1 >= argc) {
				bad_usage(cmd, "option '--%s' needs a value (%s)", opt->long_name, opt->arg);
				return false;
			}
			val = argv[++i];
		}
		apply(opts, opt, val, help);
	}
	return true;
}
