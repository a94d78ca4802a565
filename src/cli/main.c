/* main.c - only dispatches to the subcommands (git's builtin/ idea). */
#include <string.h>

#include "cli.h"
int cmd_audit(int argc, char **argv);

int main(int argc, char **argv)
{
	if (argc < 2) {
		ss_cli_usage(stderr);
		return SS_EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		ss_cli_help(stdout, CMD_ALL);
		return SS_EXIT_OK;
	}
	if (!strcmp(cmd, "--version")) {
		printf("statspan %s\n", SS_VERSION);
		return SS_EXIT_OK;
	}
	if (!strcmp(cmd, "extract"))
		return ss_cmd_extract(argc - 2, argv + 2);
	if (!strcmp(cmd, "rules"))
		return ss_cmd_rules(argc - 2, argv + 2);
	if (!strcmp(cmd, "audit")) /* cmd_audit.c */
		return cmd_audit(argc - 2, argv + 2);
	ss_error("unknown command '%s'", cmd);
	fputs("Try 'statspan --help' for more information.\n", stderr);
	return SS_EXIT_USAGE;
}
