/*
 * caseread retype FILE --type iyjs --reason TEXT: an IYJWCV inspection that
 * found concerns becomes a reactive IYJS. Every case and answer stays as it is;
 * the change and its reason go into the decision log, and from then on domain
 * one is rated (caseread ratify --domain1) and the ratings panel decides.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "db-case.h"
#include "util.h"

const struct cmd_entry cmd_retype_entry = {
	"retype", "FILE --type iyjs --reason TEXT",
	    "make an IYJWCV inspection a reactive IYJS", cmd_retype_exec
};

int
cmd_retype_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "type", required_argument, NULL, 't' },
		{ "reason", required_argument, NULL, 'r' },
		{ "inspector", required_argument, NULL, 'i' },
		{ NULL, 0, NULL, 0 }
	};
	struct db	*db;
	const char	*type = NULL, *reason = NULL, *inspector = NULL;
	char		*cause = NULL, *old;
	int		 ch, rc;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 't':
			type = optarg;
			break;
		case 'r':
			reason = optarg;
			break;
		case 'i':
			inspector = optarg;
			break;
		default:
			return cmd_bad_option(argv, "", longopts);
		}
	}
	if ((rc = cmd_want_args(argv[0], argc - optind, 1)) != 0)
		return rc;
	if (type == NULL)
		return cmd_usage(argv[0], "--type iyjs is needed");
	/* The framework's reactive inspection goes one way only. */
	if (strcmp(type, "iyjs") != 0)
		return cmd_usage(argv[0], "an inspection can become an IYJS "
		    "(--type iyjs), not '%s'", type);
	if (reason == NULL || *reason == '\0')
		return cmd_usage(argv[0], "--reason TEXT is needed: why the "
		    "inspection becomes an IYJS");
	if ((db = cmd_open(argv[optind], 0, inspector)) == NULL)
		return EXIT_RUNTIME;
	if (strcmp(db_inspection(db)->type, type) == 0) {
		db_close(db);
		return cmd_error("'%s' is already an IYJS inspection; nothing "
		    "changed", argv[optind]);
	}
	old = xstrdup(db_inspection(db)->type);
	if (db_inspection_retype(db, type, reason, &cause) != 0) {
		free(old);
		db_close(db);
		rc = cmd_error("%s; nothing changed", cause != NULL ? cause :
		    "unknown error");
		free(cause);
		return rc;
	}
	printf("%s: %s is now an IYJS inspection (was %s): every answer kept; "
	    "domain one is open\n  (caseread ratify --domain1) and the ratings "
	    "panel decides the victims' rating.\n", argv[optind],
	    db_inspection(db)->service, old);
	free(old);
	db_close(db);
	return 0;
}
