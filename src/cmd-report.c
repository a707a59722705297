/*
 * caseread report FILE [-o OUT.html | -o -]: the lead's report for the rating
 * meeting, one self-contained HTML page (report.h), written next to the file
 * as FILE.report.html unless -o says where. Reads only.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "report.h"
#include "util.h"

const struct cmd_entry cmd_report_entry = {
	"report", "FILE [-o OUT.html|-]", "the lead's HTML report for the "
	    "rating meeting", cmd_report_exec
};

int
cmd_report_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct db	*db;
	const char	*out = NULL;
	char		*cause = NULL, *path = NULL;
	size_t		 notes = 0;
	int		 ch, rc, err;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			out = optarg;
			break;
		default:
			return cmd_bad_option(argv, "o:", longopts);
		}
	}
	if ((rc = cmd_want_args(argv[0], argc - optind, 1)) != 0)
		return rc;
	if (out != NULL && *out == '\0')
		return cmd_usage(argv[0], "-o needs a file name, or - for "
		    "standard output");
	if ((db = cmd_open(argv[optind], DB_READONLY, NULL)) == NULL)
		return EXIT_RUNTIME;
	if (out == NULL)
		out = path = report_default_path(argv[optind]);
	if (report_run(db, out, &notes, &cause) != 0) {
		free(path);
		db_close(db);
		return cmd_fail(cause);
	}
	db_close(db);
	if (strcmp(out, "-") == 0) {
		free(path);
		return 0;
	}
	printf("wrote the report of '%s' to '%s' (%zu evidence notes)\n",
	    argv[optind], out, notes);
	free(path);
	if (cmd_flush_report(&err) != 0)
		return cmd_error("cannot write the report: %s (the report in "
		    "'%s' is complete)", strerror(err), out);
	return 0;
}
