/*
 * The seeded demo inspection's fast writer (db-demo.c), for caseread demo only.
 */
#ifndef CASEREAD_DB_DEMO_H
#define CASEREAD_DB_DEMO_H

#include "db.h"
#include "model.h"

/*
 * For caseread demo only (db-demo.c): save an answer (with its note, NULL for
 * none, and its history row, time at) to a case added in the open transaction
 * that has no answer to this question yet; far quicker than db_answer_save,
 * which must allow for an answer already there.
 */
int		 db_demo_answer(struct db *, long long case_id,
		     const char *question, enum answer_value value,
		     const char *note, const char *at, char **cause);

#endif
