/* cmd_rules.c - `statspan rules list | test | check [DIR]`. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../rules/rules.h"

typedef struct {
	ss_rules_opts rules;
} rules_opts;

static const ss_option options[] = {
	SS_RULES_OPTIONS(rules_opts),
	{NULL, 0, NULL, 0, 0, 0, NULL},
};

static int run(const ss_command *cmd, int argc, char **argv)
{
	rules_opts o = {0};
	ss_strlist args = {0};
	bool help;
	int rc = SS_EXIT_USAGE;
	if (!ss_cli_parse(cmd, argc, argv, &o, &args, &help))
		goto done;
	if (help) {
		ss_cli_help(stdout, cmd);
		rc = SS_EXIT_OK;
		goto done;
	}
	const char *what = args.n ? args.v[0] : NULL;
	if (!what || (strcmp(what, "list") && strcmp(what, "test") && strcmp(what, "check"))) {
		char *q = what ? ss_quote(what) : NULL;
		ss_error(what ? "unknown rules command '%s'" : "rules: say list, test or check%s",
		         q ? q : "");
		free(q);
		fputs("Try 'statspan rules --help' for more information.\n", stderr);
		goto done;
	}
	/* `rules check DIR` / `rules test DIR`: that directory's rules on top of the rest. */
	if (args.n > 1) {
		ss_grow((void **)&o.rules.dirs.v, &o.rules.dirs.cap, o.rules.dirs.n + 1,
		        sizeof *o.rules.dirs.v);
		o.rules.dirs.v[o.rules.dirs.n++] = args.v[1];
	}
	ss_ruleset *rs = ss_cli_load_rules(&o.rules);
	if (!rs)
		goto done;
	size_t n = ss_ruleset_rule_count(rs);
	if (!strcmp(what, "list")) {
		for (size_t i = 0; i < n; i++) {
			/* a path is quoted as in every message: one line per rule */
			char *file = ss_quote(ss_ruleset_rule_file(rs, i));
			printf("%-36s %-9s %s\n", ss_ruleset_rule_id(rs, i), ss_ruleset_rule_kind(rs, i),
			       file);
			free(file);
		}
		rc = SS_EXIT_OK;
	} else if (!strcmp(what, "check")) {
		ss_rules_compile_lazy(rs); /* every rule, the built-in ones too */
		printf("%zu rules compiled\n", n);
		rc = SS_EXIT_OK;
	} else {
		size_t total = 0, failed = ss_ruleset_test(rs, &total);
		printf("rules: %zu passed, %zu failed\n", total - failed, failed);
		rc = failed ? SS_EXIT_FAIL : SS_EXIT_OK;
	}
	ss_ruleset_free(rs);
done:
	free(o.rules.dirs.v);
	free(args.v);
	return rc;
}

const ss_command ss_cmd_rules = {
	"rules", run, "statspan rules list | test | check [DIR]", options,
};
