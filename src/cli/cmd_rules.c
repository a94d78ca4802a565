/* cmd_rules.c - `statspan rules list | test | check [DIR]`. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int ss_cmd_rules(int argc, char **argv)
{
	ss_cli_opts o;
	bool help;
	if (!ss_cli_parse(CMD_RULES, "rules", argc, argv, &o, &help)) {
		ss_cli_opts_release(&o);
		return SS_EXIT_USAGE;
	}
	int rc = SS_EXIT_USAGE;
	if (help) {
		ss_cli_help(stdout, CMD_RULES);
		rc = SS_EXIT_OK;
		goto done;
	}
	const char *what = o.nargs ? o.args[0] : NULL;
	if (!what || (strcmp(what, "list") && strcmp(what, "test") && strcmp(what, "check"))) {
		ss_error(what ? "unknown rules command '%s'" : "rules: say list, test or check%s",
		         what ? what : "");
		fputs("Try 'statspan rules --help' for more information.\n", stderr);
		goto done;
	}
	/* `rules check DIR` / `rules test DIR`: that directory's rules on top of the rest. */
	if (o.nargs > 1) {
		o.rules_dirs = realloc(o.rules_dirs, (o.nrules_dirs + 1) * sizeof *o.rules_dirs);
		o.rules_dirs[o.nrules_dirs++] = o.args[1];
	}
	ss_ruleset *rs = ss_cli_load_rules(&o);
	if (!rs)
		goto done;
	size_t n = ss_ruleset_rule_count(rs);
	if (!strcmp(what, "list")) {
		for (size_t i = 0; i < n; i++)
			printf("%-36s %-9s %s\n", ss_ruleset_rule_id(rs, i), ss_ruleset_rule_kind(rs, i),
			       ss_ruleset_rule_file(rs, i));
		rc = SS_EXIT_OK;
	} else if (!strcmp(what, "check")) {
		printf("%zu rules compiled\n", n);
		rc = SS_EXIT_OK;
	} else {
		size_t total = 0, failed = ss_ruleset_test(rs, &total);
		printf("rules: %zu passed, %zu failed\n", total - failed, failed);
		rc = failed ? SS_EXIT_FAIL : SS_EXIT_OK;
	}
	ss_ruleset_free(rs);
done:
	ss_cli_opts_release(&o);
	return rc;
}
