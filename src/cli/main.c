/* main.c - only dispatches: the command table names each subcommand, its
 * run function, its usage and its own option table (git's builtin/ idea). */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const ss_command *const commands[] = {&ss_cmd_extract, &ss_cmd_audit, &ss_cmd_rules,
                                             NULL};

static void usage(FILE *out)
{
	for (size_t i = 0; commands[i]; i++)
		fprintf(out, "%s %s\n", i ? "      " : "usage:", commands[i]->usage);
	fputs("       statspan --help | --version\n", out);
}

/* A descriptor 0, 1 or 2 closed by the caller would be taken by the first
 * file opened: the output's temporary file would receive the messages, or
 * --jsonl-in would read its own output. Careful Unix tools open them to
 * /dev/null first. */
static void open_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1)
			continue;
		int n = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
		if (n < 0)
			_exit(SS_EXIT_FAIL); /* nowhere to say it */
		if (n != fd) { /* a lower one was closed too and is now taken */
			dup2(n, fd);
			close(n);
		}
	}
}

int main(int argc, char **argv)
{
	open_std_fds();
	if (argc < 2) {
		usage(stderr);
		return SS_EXIT_USAGE;
	}
	const char *name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help")) {
		usage(stdout);
		fputs("\nRun 'statspan COMMAND --help' for the options of a command.\n"
		      "Exit status: 0 done, 1 some input failed, 2 usage or configuration error.\n",
		      stdout);
		return SS_EXIT_OK;
	}
	if (!strcmp(name, "--version")) {
		printf("statspan %s\n", SS_VERSION);
		return SS_EXIT_OK;
	}
	for (size_t i = 0; commands[i]; i++)
		if (!strcmp(name, commands[i]->name))
			return commands[i]->run(commands[i], argc - 2, argv + 2);
	char *q = ss_quote(name);
	ss_error("unknown command '%s'", q);
	free(q);
	fputs("Try 'statspan --help' for more information.\n", stderr);
	return SS_EXIT_USAGE;
}
