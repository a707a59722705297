/*
 * caseread: argv, wiring and exit codes. Commands live in cmd-*.c; the terminal
 * interface in ui*.c. No logic here.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "ui.h"

int
main(int argc, char **argv)
{
	const struct cmd_entry	*e;
	struct stat		 sb;

	/* Everything caseread writes is about children: owner-only, always. */
	umask(077);
	setlocale(LC_ALL, "");

	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		printf("caseread %s\n", PACKAGE_VERSION);
		return 0;
	}
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		cmd_print_help(stdout);
		return 0;
	}
	if (argc >= 2 && (e = cmd_find(argv[1])) != NULL)
		return e->exec(argc - 1, argv + 1);
	if (argc >= 2 && argv[1][0] == '-')
		return cmd_usage(NULL, "unknown option '%s' (see "
		    "'caseread --help')", argv[1]);
	if (argc > 2)
		return cmd_usage(NULL, "unknown command '%s' (see "
		    "'caseread --help')", argv[1]);
	/* A bare word that is no file is far likelier a mistyped command. */
	if (argc == 2 && strchr(argv[1], '/') == NULL &&
	    strchr(argv[1], '.') == NULL && stat(argv[1], &sb) != 0)
		return cmd_usage(NULL, "unknown command '%s', and no file of "
		    "that name (see 'caseread --help')", argv[1]);
	return ui_main(argc > 1 ? argv[1] : NULL);
}
