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

int
db_setting_set(struct db *db, const char *name, const char *value,
    char **cause)
{
	static const char sql[] = "INSERT INTO setting (name, value) VALUES "
	    "(?1, ?2) ON CONFLICT (name) DO UPDATE SET value = ?2";
	sqlite3_stmt	*stmt;
	int		 rc;

	if ((rc = db_txn_lazy(db, "setting", cause)) != 0)
		return rc;
	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return db_txn_finish(db, "setting", -1, NULL);
	sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, value, -1, SQLITE_STATIC);
	rc = db_step(db, stmt, "cannot save setting", cause);
	return db_txn_finish(db, "setting", rc, cause);
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
	static const char sql[] = "DELETE FROM setting WHERE name = ?";
	sqlite3_stmt	*stmt;
	int		 rc;

	if ((rc = db_txn_lazy(db, "setting", cause)) != 0)
		return rc;
	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return db_txn_finish(db, "setting", -1, NULL);
	sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
	rc = db_step(db, stmt, "cannot remove setting", cause);
	return db_txn_finish(db, "setting", rc, cause);
}

int
db_setting_rename(struct db *db, const char *from, const char *to,
    char **cause)
{
	/* OR REPLACE: a setting already under the new name gives way. */
	static const char sql[] = "UPDATE OR REPLACE setting SET name = ?2 "
	    "WHERE name = ?1";
	sqlite3_stmt	*stmt;
	int		 rc;

	if ((rc = db_txn_lazy(db, "setting", cause)) != 0)
		return rc;
	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return db_txn_finish(db, "setting", -1, NULL);
	sqlite3_bind_text(stmt, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, to, -1, SQLITE_STATIC);
	rc = db_step(db, stmt, "cannot rename setting", cause);
	return db_txn_finish(db, "setting", rc, cause);
}
