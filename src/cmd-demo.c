/*
 * caseread demo FILE [--children N] [--victims N] [--inspectors N] [--seed N]
 * [--type iyjwcv|iyjs]: create a demonstration inspection to try caseread on.
 * An existing caseread file is left as it is (so the quick start can run twice);
 * anything else at FILE is refused.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "demo.h"
#include "util.h"

const struct cmd_entry cmd_demo_entry = {
	"demo", "FILE [--children N] [--victims N] [--inspectors N] "
	    "[--seed N] [--type iyjwcv|iyjs]", "create a demonstration inspection", cmd_demo_exec
};

static int
parse_number(const char *s, long long max, long long *out)
{
	char		*end;
	long long	 v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < 0 || v > max)
		return -1;
	*out = v;
	return 0;
}

/* Remove what a failed demo left: the file and SQLite's side files. */
static void
remove_file(const char *path)
{
	static const char *const sides[] = { "", "-wal", "-shm", "-journal" };
	char	*p;
	size_t	 i;

	for (i = 0; i < sizeof sides / sizeof sides[0]; i++) {
		p = xasprintf("%s%s", path, sides[i]);
		unlink(p);
		free(p);
	}
}

int
cmd_demo_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "children", required_argument, NULL, 'c' },
		{ "victims", required_argument, NULL, 'v' },
		{ "inspectors", required_argument, NULL, 'i' },
		{ "seed", required_argument, NULL, 's' },
		{ "type", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	struct demo_options	 o;
	struct db_init		 init;
	struct qbank		*bank;
	struct db		*db;
	struct stat		 sb;
	const char		*path;
	char			*cause = NULL;
	long long		 v;
	int			 ch, rc, i;

	demo_defaults(&o);
	memset(&init, 0, sizeof init);
	init.service = "Demoshire YJS (demonstration)";
	init.type = "iyjwcv";
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
		case 'v':
			if (parse_number(optarg, DEMO_MAX_CASES, &v) != 0)
				return cmd_usage(argv[0], "--%s wants a number of "
				    "cases (0 to %ld), not '%s'", ch == 'c' ?
				    "children" : "victims", DEMO_MAX_CASES,
				    optarg);
			if (ch == 'c')
				o.children = (long)v;
			else
				o.victims = (long)v;
			break;
		case 'i':
			if (parse_number(optarg, DEMO_MAX_INSPECTORS, &v) != 0 ||
			    v < 1)
				return cmd_usage(argv[0], "--inspectors wants 1 to "
				    "%d, not '%s'", DEMO_MAX_INSPECTORS, optarg);
			o.inspectors = (int)v;
			break;
		case 's':
			if (parse_number(optarg, 0x7fffffffffffffffLL, &v) != 0)
				return cmd_usage(argv[0], "--seed wants a number, "
				    "not '%s'", optarg);
			o.seed = (unsigned long long)v;
			break;
		case 't':
			if (strcmp(optarg, "iyjwcv") != 0 &&
			    strcmp(optarg, "iyjs") != 0)
				return cmd_usage(argv[0], "--type must be iyjwcv "
				    "or iyjs");
			init.type = optarg;
			break;
		default:
			return cmd_bad_option(argv, "", longopts);
		}
	}
	if ((rc = cmd_want_args(argv[0], argc - optind, 1)) != 0)
		return rc;
	path = argv[optind];

	if (stat(path, &sb) == 0) {
		if ((db = db_open(path, DB_READONLY, &cause)) == NULL) {
			cmd_error("'%s' already exists and is not a caseread file "
			    "that can be opened; left unchanged (%s)", path,
			    cause);
			free(cause);
			return EXIT_RUNTIME;
		}
		db_close(db);
		printf("'%s' already exists: left unchanged (open it with "
		    "'caseread %s')\n", path, path);
		return 0;
	}

	if ((bank = qbank_builtin(&cause)) == NULL)
		return cmd_fail(cause);
	init.owner = demo_inspector(0);
	init.bank = bank;
	db = db_create(path, &init, &cause);
	qbank_free(bank);
	if (db == NULL)
		return cmd_fail(cause);
	if (demo_fill(db, &o, &cause) != 0) {
		db_close(db);
		remove_file(path);
		return cmd_fail(cause);
	}
	db_close(db);
	printf("created demo inspection '%s': %ld children's and %ld victims' "
	    "cases read by ", path, o.children, o.victims);
	for (i = 0; i < o.inspectors; i++)
		printf("%s%s", demo_inspector(i), i + 2 < o.inspectors ? ", " :
		    i + 1 < o.inspectors ? " and " : "");
	printf(" (seed %llu)\n", o.seed);
	return 0;
}
