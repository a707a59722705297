/*
 * Reading rows the one way every db*.c file reads them: the text of the row a
 * name picks, and every row of a query into a growing array. Whose rows they
 * are and what they mean stays with the file that asks.
 */
#include "config.h"

#include <string.h>

#include "db-internal.h"
#include "util.h"

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

int
db_rows_list(struct db *db, sqlite3_stmt *stmt, size_t size,
    db_rows_read_fn read_row, db_rows_free_fn free_rows, void **list,
    size_t *n, const char *what, char **cause)
{
	unsigned char	*rows = NULL;
	size_t		 count = 0, alloc = 0;
	int		 rc;

	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (count == alloc) {
			alloc = alloc == 0 ? 8 : alloc * 2;
			rows = xreallocarray(rows, alloc, size);
		}
		memset(rows + count * size, 0, size);
		read_row(stmt, rows + count * size);
		count++;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		free_rows(rows, count);
		return db_fail(db, cause, what);
	}
	*list = rows;
	*n = count;
	return 0;
}
