/*
 * caseread import FILE ANSWERS.csv: add cases and answers from a CSV file (see
 * import.h for the columns and rules), all or nothing. Every bad row is listed
 * with its line number; then nothing has been written. Cases the CSV gives as
 * complete that stay drafts (import never completes one) are counted in a
 * warning after the result.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "import.h"
#include "textgate.h"
#include "util.h"

const struct cmd_entry cmd_import_entry = {
	"import", "FILE ANSWERS.csv", "import cases and answers from CSV, "
	    "all or nothing", cmd_import_exec
};

/* A multi-line cause as one "caseread: " line each. */
static int
fail_lines(char *cause)
{
	char	*line, *next = cause;

	while ((line = strsep(&next, "\n")) != NULL) {
		if (*line != '\0')
			cmd_error("%s", line);
	}
	free(cause);
	return EXIT_RUNTIME;
}

int
cmd_import_exec(int argc, char **argv)
{
	struct import_stats	 stats;
	struct db		*db;
	const char		*csv;
	FILE			*f;
	char			*cause = NULL;
	long			 n;
	int			 rc;

	if (argc > 1 && argv[1][0] == '-' && argv[1][1] != '\0')
		return cmd_usage(argv[0], "unknown option '%s'", argv[1]);
	if ((rc = cmd_want_args(argv[0], argc - 1, 2)) != 0)
		return rc;
	csv = argv[2];
	if (strcmp(csv, "-") == 0)
		f = stdin;
	else if ((f = fopen(csv, "rb")) == NULL)
		return cmd_error("cannot open '%s': %s", csv, strerror(errno));
	if ((db = cmd_open(argv[1], 0, NULL)) == NULL) {
		if (f != stdin)
			fclose(f);
		return EXIT_RUNTIME;
	}
	rc = import_csv(db, f, f == stdin ? "(stdin)" : csv, &stats, &cause);
	if (f != stdin)
		fclose(f);
	db_close(db);
	if (rc != 0)
		return fail_lines(cause);
	textgate_printf(stdout,
	    "imported %ld row%s from '%s' into '%s': %ld case%s added, %ld "
	    "updated, %ld answer%s\n", stats.rows, stats.rows == 1 ? "" : "s",
	    csv, argv[1], stats.cases_added, stats.cases_added == 1 ? "" : "s",
	    stats.cases_updated, stats.answers, stats.answers == 1 ? "" : "s");
	/* Import never completes a case: say how many the CSV had complete. */
	if ((n = stats.left_draft) > 0)
		textgate_printf(stderr, "caseread: warning: %ld case%s "
		    "complete in '%s' and %s in '%s': import does not complete "
		    "cases; complete %s in caseread\n", n,
		    n == 1 ? " was" : "s were", csv,
		    n == 1 ? "is a draft" : "are drafts", argv[1],
		    n == 1 ? "it" : "them");
	return 0;
}
