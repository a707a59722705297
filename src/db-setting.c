/*
 * Per-file settings (schema 2): small named values such as the terminal
 * interface's last position. Not for answers or anything an inspector judges,
 * which is why a setting is written without waiting for the disk (db_txn_lazy):
 * moving about must not cost an fsync a key.
 */
#include "config.h"

#include <stdlib.h>

#include "db-internal.h"
#include "util.h"

/*
 * One lazy write of sql (a string literal) with a as ?1 and b, when not NULL,
 * as ?2: every change of a setting is this.
 */
static int
setting_write(struct db *db, const char *sql, const char *a, const char *b,
    const char *what, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if ((rc = db_txn_lazy(db, "setting", cause)) != 0)
		return rc;
	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return db_txn_finish(db, "setting", -1, NULL);
	sqlite3_bind_text(stmt, 1, a, -1, SQLITE_STATIC);
	if (b != NULL)
		sqlite3_bind_text(stmt, 2, b, -1, SQLITE_STATIC);
	rc = db_step(db, stmt, what, cause);
	return db_txn_finish(db, "setting", rc, cause);
}

int
db_setting_set(struct db *db, const char *name, const char *value,
    char **cause)
{
	static const char sql[] = "INSERT INTO setting (name, value) VALUES "
	    "(?1, ?2) ON CONFLICT (name) DO UPDATE SET value = ?2";

	return setting_write(db, sql, name, value, "cannot save setting",
	    cause);
}

int
db_setting_get(struct db *db, const char *name, char **value, char **cause)
{
	static const char sql[] = "SELECT value FROM setting WHERE name = ?";

	return db_rows_text(db, sql, name, value, "cannot read setting", cause);
}

int
db_setting_delete(struct db *db, const char *name, char **cause)
{
	static const char sql[] = "DELETE FROM setting WHERE name = ?1";

	return setting_write(db, sql, name, NULL, "cannot remove setting",
	    cause);
}

int
db_setting_rename(struct db *db, const char *from, const char *to,
    char **cause)
{
	/* OR REPLACE: a setting already under the new name gives way. */
	static const char sql[] = "UPDATE OR REPLACE setting SET name = ?2 "
	    "WHERE name = ?1";

	return setting_write(db, sql, from, to, "cannot rename setting",
	    cause);
}
