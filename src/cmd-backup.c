/*
 * caseread backup FILE: take a verified snapshot of an inspection file into
 * FILE.backups/ now, keeping the newest few; --list shows the snapshots there.
 * Reads the inspection only; restoring is a copy described in caseread(1).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "db-backup.h"
#include "textgate.h"
#include "util.h"

const struct cmd_entry cmd_backup_entry = {
	"backup", "[--keep N] [--list] FILE", "take a verified snapshot into FILE.backups/", cmd_backup_exec
};

static int
backup_list(const char *path)
{
	char	**list, *cause = NULL;
	size_t	  n, i;

	if (db_backup_list(path, &list, &n, &cause) != 0)
		return cmd_fail(cause);
	if (n == 0)
		textgate_printf(stdout, "no backups of '%s'\n", path);
	for (i = 0; i < n; i++)
		textgate_printf(stdout, "%s\n", list[i]);
	db_backup_list_free(list, n);
	return 0;
}

int
cmd_backup_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "keep", required_argument, NULL, 'k' },
		{ "list", no_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	struct db	*db;
	char		*made = NULL, *cause = NULL, *end;
	long		 keep = DB_BACKUP_KEEP;
	int		 ch, rc, list = 0;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "k:l", longopts, NULL)) != -1) {
		switch (ch) {
		case 'k':
			keep = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || keep < 1 ||
			    keep > 1000)
				return cmd_usage(argv[0], "--keep must be a "
				    "number from 1 to 1000");
			break;
		case 'l':
			list = 1;
			break;
		default:
			return cmd_bad_option(argv, "k:l", longopts);
		}
	}
	if ((rc = cmd_want_args(argv[0], argc - optind, 1)) != 0)
		return rc;
	if (list)
		return backup_list(argv[optind]);
	/* Read-only: a backup never writes to the inspection itself. */
	if ((db = cmd_open(argv[optind], DB_READONLY, NULL)) == NULL)
		return EXIT_RUNTIME;
	rc = db_backup(db, (int)keep, &made, &cause);
	db_close(db);
	if (rc < 0)
		return cmd_fail(cause);
	if (rc == 1)
		textgate_printf(stdout,
		    "'%s' is unchanged since its newest backup %s\n",
		    argv[optind], made);
	else
		textgate_printf(stdout,
		    "backed up '%s' to %s (verified; keeping the newest "
		    "%ld)\n", argv[optind], made, keep);
	free(made);
	return 0;
}
