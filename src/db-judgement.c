/*
 * Inspection-level judgements: V1.2, the panel's victims' rating and the IYJS
 * domain one ratings. Whether a value makes sense (a victims' rating inside the
 * V1 range) is tally.c's rule; this file only keeps what the schema allows.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db-internal.h"
#include "util.h"

int
db_judgement_set(struct db *db, const char *name, const char *value,
    char **cause)
{
	static const char put_sql[] = "INSERT INTO judgement (name, value, "
	    "inspector, at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (name) DO "
	    "UPDATE SET value = ?2, inspector = ?3, at = ?4";
	static const char del_sql[] = "DELETE FROM judgement WHERE name = ?";
	sqlite3_stmt	*stmt;
	long long	 insp;
	char		 now[UTIL_TIME_LEN];
	int		 rc;

	if (db_txn_begin(db, "judgement", cause) != 0)
		return -1;
	if (value == NULL) {
		if ((stmt = db_stmt(db, del_sql, cause)) == NULL)
			return db_txn_end(db, "judgement", 0, NULL);
		sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
	} else {
		if (db_inspector_id(db, db->user, &insp, cause) != 0 ||
		    (stmt = db_stmt(db, put_sql, cause)) == NULL)
			return db_txn_end(db, "judgement", 0, NULL);
		util_now(now);
		sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, value, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 3, insp);
		sqlite3_bind_text(stmt, 4, now, -1, SQLITE_STATIC);
	}
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		if ((sqlite3_extended_errcode(db->h) & 0xff) ==
		    SQLITE_CONSTRAINT)
			util_fail(cause, "'%s' is not a valid value for %s",
			    value != NULL ? value : "", name);
		else
			db_fail(db, cause, "cannot save judgement");
		return db_txn_end(db, "judgement", 0, NULL);
	}
	return db_txn_end(db, "judgement", 1, cause);
}

int
db_judgement_get(struct db *db, const char *name, char **value, char **cause)
{
	static const char sql[] = "SELECT value FROM judgement WHERE name = ?";
	sqlite3_stmt	*stmt;
	int		 rc;

	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	*value = rc == SQLITE_ROW ? db_column_dup(stmt, 0) : NULL;
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, cause, "cannot read judgement");
	return 0;
}
