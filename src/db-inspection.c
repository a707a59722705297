/*
 * Changes to the inspection's own details after it was created, such as the
 * inspector's name put right after a first run that took the login name. Each
 * change is kept in inspection_change (what, from, to, who, when); nothing here
 * touches cases or answers beyond the inspector row the name is on.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db-internal.h"
#include "textgate.h"
#include "util.h"

int
db_owner_refresh(struct db *db, char **cause)
{
	static const char	 sql[] = "SELECT owner FROM inspection WHERE "
				     "id = 1";
	sqlite3_stmt		*stmt;
	char			*owner;
	int			 rc;

	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return -ERR_FAILED;
	if ((rc = db_step_row(db, stmt, "cannot read the inspection",
	    cause)) <= 0)
		return rc;
	owner = db_column_dup(stmt, 0);
	sqlite3_reset(stmt);
	if (strcmp(owner, db->insp.owner) == 0) {
		free(owner);
		return 0;
	}
	/* Renamed elsewhere: the same inspector row, by its new name. */
	if (strcmp(db->user, db->insp.owner) == 0) {
		free(db->user);
		db->user = xstrdup(owner);
		db->user_id = 0;
	}
	free(db->insp.owner);
	db->insp.owner = owner;
	return 0;
}

/* db_inspection_set_owner with name trimmed already. */
static int
set_owner(struct db *db, const char *name, char **cause)
{
	static const char rename_sql[] = "UPDATE inspector SET name = ?2 "
	    "WHERE name = ?1";
	static const char owner_sql[] = "UPDATE inspection SET owner = ?1 "
	    "WHERE id = 1";
	static const char change_sql[] = "INSERT INTO inspection_change (what, "
	    "old_value, new_value, by_user, at) VALUES ('owner', ?1, ?2, ?2, ?3)";
	sqlite3_stmt	*stmt;
	const char	*old;
	char		 now[UTIL_TIME_LEN];
	long long	 other;
	int		 rc;

	/* The name as the file has it now, whatever another window did. */
	if ((rc = db_owner_refresh(db, cause)) != 0)
		return rc;
	old = db->insp.owner;

	if (name[strspn(name, " \t")] == '\0')
		return err_fail(cause, ERR_INVALID, "the inspector's name is "
		    "empty");
	if (textgate_check_str(TEXTGATE_NAME, name, cause) != 0)
		return -ERR_INVALID;
	/* The same name, spaces at the ends aside: the stored one stays. */
	if (textgate_same_name(name, old))
		return 0;
	if ((rc = db_txn_begin(db, "owner", cause)) != 0)
		return rc;
	/* Another reader of this file by that name: their cases are theirs. */
	if ((rc = db_inspector_find(db, name, &other, cause)) < 0)
		return db_txn_finish(db, "owner", rc, NULL);
	if (rc == 0) {
		rc = err_fail(cause, ERR_INVALID, "'%s' already reads cases in "
		    "this file under that name", name);
		return db_txn_finish(db, "owner", rc, NULL);
	}
	util_now(now);
	if ((stmt = db_stmt(db, rename_sql, cause)) == NULL)
		return db_txn_finish(db, "owner", -1, NULL);
	sqlite3_bind_text(stmt, 1, old, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, name, -1, SQLITE_STATIC);
	if ((rc = db_step(db, stmt, "cannot change the inspector's name",
	    cause)) != 0)
		return db_txn_finish(db, "owner", rc, NULL);
	if ((stmt = db_stmt(db, owner_sql, cause)) == NULL)
		return db_txn_finish(db, "owner", -1, NULL);
	sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
	if ((rc = db_step(db, stmt, "cannot change the inspector's name",
	    cause)) != 0)
		return db_txn_finish(db, "owner", rc, NULL);
	if ((stmt = db_stmt(db, change_sql, cause)) == NULL)
		return db_txn_finish(db, "owner", -1, NULL);
	sqlite3_bind_text(stmt, 1, old, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, now, -1, SQLITE_STATIC);
	rc = db_step(db, stmt, "cannot change the inspector's name", cause);
	if ((rc = db_txn_finish(db, "owner", rc, cause)) != 0)
		return rc;
	/* The user was the owner (not another inspector by db_set_user). */
	if (strcmp(db->user, db->insp.owner) == 0) {
		free(db->user);
		db->user = xstrdup(name);
		db->user_id = 0;
	}
	free(db->insp.owner);
	db->insp.owner = xstrdup(name);
	return 0;
}

int
db_inspection_set_owner(struct db *db, const char *name, char **cause)
{
	char	*trimmed;
	int	 rc;

	if (name == NULL)
		return err_fail(cause, ERR_INVALID, "the inspector's name is "
		    "empty");
	trimmed = textgate_trim(name);
	rc = set_owner(db, trimmed, cause);
	free(trimmed);
	return rc;
}

void
db_inspection_change_list_free(struct db_inspection_change *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(list[i].what);
		free(list[i].old_value);
		free(list[i].new_value);
		free(list[i].at);
	}
	free(list);
}

static void
read_change(sqlite3_stmt *stmt, void *row)
{
	struct db_inspection_change	*c = row;

	c->what = db_column_dup(stmt, 0);
	c->old_value = db_column_dup(stmt, 1);
	c->new_value = db_column_dup(stmt, 2);
	c->at = db_column_dup(stmt, 3);
}

static void
free_changes(void *list, size_t n)
{
	db_inspection_change_list_free(list, n);
}

int
db_inspection_changes(struct db *db, struct db_inspection_change **out,
    size_t *n, char **cause)
{
	static const char sql[] = "SELECT what, old_value, new_value, at FROM "
	    "inspection_change ORDER BY id";
	sqlite3_stmt	*stmt;
	void		*list;

	if ((stmt = db_stmt(db, sql, cause)) == NULL ||
	    db_rows_list(db, stmt, sizeof **out, read_change, free_changes,
	    &list, n, "cannot read the inspection's changes", cause) != 0)
		return -1;
	*out = list;
	return 0;
}
