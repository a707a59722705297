/*
 * caseread check FILE: is the file ours, intact, and of which schema; what does it
 * hold. Opens read-only and never repairs: it reports.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"

int
cmd_check_exec(int argc, char **argv)
{
	const struct db_inspection	*insp;
	struct db			*db;
	char				*report = NULL, *cause = NULL;
	long				 children, victims;
	int				 problems, rc;

	if ((rc = cmd_want_args(argv[0], argc - 1, 1)) != 0)
		return rc;
	if ((db = cmd_open(argv[1], DB_READONLY, NULL)) == NULL)
		return EXIT_RUNTIME;
	insp = db_inspection(db);
	printf("file: %s\n", argv[1]);
	printf("schema: %d (this caseread: %d)\n", db_schema_version(db),
	    db_schema_latest());
	printf("inspection: %s (%s), owner %s, created %s\n", insp->service,
	    insp->type, insp->owner, insp->created_at);
	printf("question bank: %s %s, hash %s\n", insp->bank_id,
	    insp->bank_version, insp->bank_hash);
	if ((children = db_case_count(db, QB_CHILD, NULL, &cause)) < 0 ||
	    (victims = db_case_count(db, QB_VICTIM, NULL, &cause)) < 0) {
		db_close(db);
		return cmd_fail(cause);
	}
	printf("cases: %ld children's, %ld victims'\n", children, victims);
	if ((problems = db_integrity(db, &report, &cause)) < 0) {
		db_close(db);
		return cmd_fail(cause);
	}
	printf("integrity: %s", report);
	free(report);
	db_close(db);
	return problems == 0 ? 0 : EXIT_RUNTIME;
}
