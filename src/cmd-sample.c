/*
 * caseread sample FILE [--children N] [--victims N]: show or change the minimum
 * sample sizes the tally reports against (14 children's and 9 victims' cases
 * unless changed; the inspectorate reviews them yearly, so they are settings).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "db-tally.h"
#include "tally.h"
#include "util.h"

const struct cmd_entry cmd_sample_entry = {
	"sample", "FILE [--children N] [--victims N]",
	    "show or set the minimum sample sizes", cmd_sample_exec
};

/* A count 0..100000, or -1. */
static int
parse_count(const char *s)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < 0 || v > 100000)
		return -1;
	return (int)v;
}

int
cmd_sample_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "children", required_argument, NULL, 'c' },
		{ "victims", required_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	const struct db_inspection	*insp;
	struct db			*db;
	char				*cause = NULL;
	int				 children = -1, victims = -1, ch, rc;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			if ((children = parse_count(optarg)) < 0)
				return cmd_usage(argv[0], "--children wants a "
				    "number, not '%s'", optarg);
			break;
		case 'v':
			if ((victims = parse_count(optarg)) < 0)
				return cmd_usage(argv[0], "--victims wants a "
				    "number, not '%s'", optarg);
			break;
		default:
			return cmd_bad_option(argv, "", longopts);
		}
	}
	if ((rc = cmd_want_args(argv[0], argc - optind, 1)) != 0)
		return rc;
	if ((db = cmd_open(argv[optind], children < 0 && victims < 0 ?
	    DB_READONLY : 0, NULL)) == NULL)
		return EXIT_RUNTIME;
	if ((children >= 0 || victims >= 0) &&
	    db_tally_set_minimums(db, children, victims, &cause) != 0) {
		db_close(db);
		return cmd_fail(cause);
	}
	insp = db_inspection(db);
	printf("minimum sample: %d %s, %d %s\n", insp->min_children,
	    tally_cases_word(insp->min_children, QB_CHILD), insp->min_victims,
	    tally_cases_word(insp->min_victims, QB_VICTIM));
	db_close(db);
	return 0;
}
