/*
 * Reading the report's content from a file: the tally and every case with its
 * answers, in one read transaction so that the figures and the evidence quoted
 * beside them are of the same moment even while an inspector is saving. Only
 * reads; what the report makes of the rows is report.c's.
 */
#include "config.h"

#include <stdlib.h>

#include "db-internal.h"
#include "report.h"

static int
add_kind(struct db *db, struct report *r, enum qb_kind kind, char **cause)
{
	struct db_case		*cases;
	struct db_answer	*answers;
	size_t			 ncases, nanswers, i;

	if (db_case_list(db, kind, NULL, 0, -1, &cases, &ncases, cause) != 0)
		return -1;
	for (i = 0; i < ncases; i++) {
		if (db_answer_list(db, cases[i].id, &answers, &nanswers,
		    cause) != 0) {
			db_case_list_free(cases, ncases);
			return -1;
		}
		report_add_case(r, &cases[i], answers, nanswers);
		db_answer_list_free(answers, nanswers);
	}
	db_case_list_free(cases, ncases);
	return 0;
}

int
db_report(struct db *db, struct report *r, char **cause)
{
	int	rc;

	/* One snapshot for the tally and the cases: db_tally reads inside it. */
	if ((rc = db_txn_read(db, "report", cause)) != 0)
		return rc;
	rc = db_tally(db, r->tally, cause);
	if (rc == 0)
		rc = add_kind(db, r, QB_CHILD, cause);
	if (rc == 0)
		rc = add_kind(db, r, QB_VICTIM, cause);
	return db_txn_finish(db, "report", rc, rc == 0 ? cause : NULL);
}
