/*
 * Demo data at speed: answers for a case just added inside the caller's
 * transaction go straight into the answer table with their one history row,
 * skipping what db_answer_save must do for an answer that may already exist
 * (read the old one, compare, touch the case). Only caseread demo uses it.
 */
#include "config.h"

#include <assert.h>
#include <string.h>

#include "db-internal.h"
#include "util.h"

int
db_demo_answer(struct db *db, long long case_id, const char *question,
    enum answer_value value, const char *note, const char *at, char **cause)
{
	static const char put_sql[] = "INSERT INTO answer (case_id, question, "
	    "value, note, inspector, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "?6)";
	static const char hist_sql[] = "INSERT INTO answer_history (case_id, "
	    "question, old_value, old_note, new_value, new_note, inspector, at) "
	    "VALUES (?1, ?2, NULL, NULL, ?3, ?4, ?5, ?6)";
	static const char *const sqls[] = { put_sql, hist_sql };
	sqlite3_stmt	*stmt;
	long long	 insp;
	size_t		 i;

	/* A new case in an open transaction: nothing to read, nothing to undo. */
	assert(db->depth > 0);
	assert(value == ANSWER_YES || value == ANSWER_NO || value == ANSWER_NA);
	if (db_inspector_id(db, db->user, &insp, cause) != 0)
		return -1;
	for (i = 0; i < sizeof sqls / sizeof sqls[0]; i++) {
		if ((stmt = db_stmt(db, sqls[i], cause)) == NULL)
			return -1;
		sqlite3_bind_int64(stmt, 1, case_id);
		sqlite3_bind_text(stmt, 2, question, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 3, db_answer_name(value), -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(stmt, 4, note != NULL ? note : "", -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 5, insp);
		sqlite3_bind_text(stmt, 6, at, -1, SQLITE_STATIC);
		if (sqlite3_step(stmt) != SQLITE_DONE) {
			sqlite3_reset(stmt);
			return db_fail(db, cause, "cannot save demo answer");
		}
		sqlite3_reset(stmt);
	}
	return 0;
}
