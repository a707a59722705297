/*
 * caseread tally FILE [--format text|json|csv] [--by case-type|inspector]: the
 * key questions' percentages and bands, the standards' ratings, the victims'
 * range and the overall score, for people (text) or scripts (JSON, CSV). Reads
 * only; the rules are tally.c's.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "db.h"
#include "db-tally.h"
#include "tally.h"
#include "util.h"

const struct cmd_entry cmd_tally_entry = {
	"tally", "FILE [--format text|json|csv] [--by case-type|inspector]",
	    "percentages, bands, ratings and the overall score",
	    cmd_tally_exec
};

int
cmd_tally_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "by", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 }
	};
	const struct db_inspection	*insp;
	struct tally			*t;
	struct db			*db;
	enum tally_by			 by = TALLY_BY_NONE;
	const char			*format = "text";
	char				*cause = NULL;
	int				 ch, rc, err;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "f:b:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			format = optarg;
			break;
		case 'b':
			if (strcmp(optarg, "case-type") == 0 ||
			    strcmp(optarg, "type") == 0)
				by = TALLY_BY_TYPE;
			else if (strcmp(optarg, "inspector") == 0)
				by = TALLY_BY_INSPECTOR;
			else
				return cmd_usage(argv[0], "--by must be case-type "
				    "or inspector, not '%s'", optarg);
			break;
		default:
			return cmd_bad_option(argv, "f:b:", longopts);
		}
	}
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0 &&
	    strcmp(format, "csv") != 0)
		return cmd_usage(argv[0], "--format must be text, json or csv, "
		    "not '%s'", format);
	if ((rc = cmd_want_args(argv[0], argc - optind, 1)) != 0)
		return rc;
	/*
	 * The tally reads every page once through SQLite's cache (2 MB by
	 * default): that cache, set aside whole, is not faulted in page by page.
	 */
	(void)db_reserve_pages(DB_CACHE_PAGES);
	if ((db = cmd_open(argv[optind], DB_READONLY, NULL)) == NULL)
		return EXIT_RUNTIME;
	insp = db_inspection(db);
	t = tally_new(db_bank(db));
	if (db_tally(db, t, &cause) != 0) {
		tally_free(t);
		db_close(db);
		return cmd_fail(cause);
	}
	/* The printers flush and check the stream; errno says why it failed. */
	errno = 0;
	if (strcmp(format, "json") == 0)
		rc = tally_print_json(t, insp->service, insp->type, by, stdout);
	else if (strcmp(format, "csv") == 0)
		rc = tally_print_csv(t, by, stdout);
	else
		rc = tally_print_text(t, insp->service, insp->type, by, stdout);
	err = errno != 0 ? errno : EIO;
	tally_free(t);
	db_close(db);
	if (rc != 0)
		return cmd_error("cannot write the report: %s", strerror(err));
	return 0;
}
