/*
 * Reading rows the one way every db*.c file reads them: the text of the row a
 * name picks. Whose rows they are and what they mean stays with the file that
 * asks.
 */
#include "config.h"

#include "db-internal.h"

int
db_rows_text(struct db *db, const char *sql, const char *key, char **value,
    const char *what, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	*value = rc == SQLITE_ROW ? db_column_dup(stmt, 0) : NULL;
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, cause, what);
	return 0;
}
