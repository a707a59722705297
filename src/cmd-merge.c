/*
 * caseread merge LEAD BUNDLE... [--keep INSPECTOR]...: the lead inspector
 * merges everyone's export bundles into their own inspection file, all or
 * nothing. Conflicts are listed on standard output with a one-line error.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "merge.h"
#include "util.h"

int
cmd_merge_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "keep", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 }
	};
	struct merge_opts	 opts;
	struct db		*db;
	char			**keep = NULL, *cause = NULL;
	size_t			 nkeep = 0;
	int			 ch, rc, err, written;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "k:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'k':
			if (*optarg == '\0') {
				free(keep);
				return cmd_usage(argv[0], "--keep needs an "
				    "inspector's name");
			}
			keep = xreallocarray(keep, nkeep + 1, sizeof *keep);
			keep[nkeep++] = optarg;
			break;
		default:
			free(keep);
			if (optopt == 'k')
				return cmd_usage(argv[0], "--keep needs an "
				    "inspector's name or a bundle");
			return cmd_bad_option(argv, "k:", longopts);
		}
	}
	if (argc - optind < 2) {
		free(keep);
		return cmd_usage(argv[0], argc - optind == 0 ?
		    "missing argument" : "no bundles to merge");
	}
	if ((db = cmd_open(argv[optind], 0, NULL)) == NULL) {
		free(keep);
		return EXIT_RUNTIME;
	}
	opts.keep = keep;
	opts.nkeep = nkeep;
	rc = merge_run(db, argv + optind + 1, (size_t)(argc - optind - 1),
	    &opts, stdout, &cause);
	written = cmd_flush_report(&err) == 0;
	db_close(db);
	free(keep);
	if (rc != 0)
		return cmd_fail(cause);
	/*
	 * The report is printed only once the merge has committed, so a lost
	 * report must not read as a failed merge: say both.
	 */
	if (!written)
		return cmd_error("cannot write the report: %s; the merge into "
		    "'%s' was committed all the same ('caseread check %s' "
		    "lists it)", strerror(err), argv[optind], argv[optind]);
	return 0;
}
