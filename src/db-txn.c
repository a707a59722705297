/*
 * Transactions, the one way every write (and every consistent read) is made:
 * the outermost level is a real transaction, BEGIN IMMEDIATE for a write (the
 * lock taken up front, so "locked" is said before anything is done) or BEGIN
 * for a read snapshot; each level inside it is a SAVEPOINT, so an inner failure
 * undoes its own part and leaves the caller's transaction to decide. Also the
 * step-reset-check of a one-row statement, which every db*.c file repeats.
 */
#include "config.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-internal.h"
#include "util.h"

/* Prepared once (cached by address): parsing them was a tenth of a save. */
static const char begin_write_sql[] = "BEGIN IMMEDIATE";
static const char begin_read_sql[] = "BEGIN";
static const char commit_sql[] = "COMMIT";
static const char rollback_sql[] = "ROLLBACK";
static const char lazy_sql[] = "PRAGMA synchronous = NORMAL";
static const char durable_sql[] = "PRAGMA synchronous = FULL";

int
db_step(struct db *db, sqlite3_stmt *stmt, const char *what, char **cause)
{
	int	rc;

	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 0;
	return db_fail(db, cause, what);
}

int
db_step_row(struct db *db, sqlite3_stmt *stmt, const char *what,
    char **cause)
{
	int	rc;

	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		return 1;
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return 0;
	return db_fail(db, cause, what);
}

/* A cached statement of ours, stepped once. */
static int
txn_exec(struct db *db, const char *sql, const char *what, char **cause)
{
	sqlite3_stmt	*stmt;
	char		*why = NULL;

	if ((stmt = db_stmt(db, sql, &why)) == NULL) {
		free(why);
		return db_fail(db, cause, what);
	}
	return db_step(db, stmt, what, cause);
}

/*
 * A savepoint statement for the level inside depth levels. Savepoints are
 * named by their level ("caseread_2"), the caller's name staying ours to
 * check, so each level's three statements are prepared once a connection:
 * formatting and parsing them was a fifth of an import's work.
 */
enum { SP_BEGIN, SP_RELEASE, SP_UNDO };

static int
txn_savepoint(struct db *db, int verb, int depth)
{
	static const char *const verbs[] = { "SAVEPOINT", "RELEASE",
	    "ROLLBACK TO" };
	sqlite3_stmt	**stmt;
	char		  sql[64];
	int		  rc;

	assert(depth > 0 && depth < DB_TXN_MAX);
	stmt = &db->savepoint[depth][verb];
	if (*stmt == NULL) {
		snprintf(sql, sizeof sql, "%s caseread_%d", verbs[verb], depth);
		if (sqlite3_prepare_v3(db->h, sql, -1,
		    SQLITE_PREPARE_PERSISTENT, stmt, NULL) != SQLITE_OK)
			return -1;
	}
	rc = sqlite3_step(*stmt);
	sqlite3_reset(*stmt);
	return rc == SQLITE_DONE ? 0 : -1;
}

static void
txn_push(struct db *db, const char *name)
{
	assert(db->depth < DB_TXN_MAX);
	assert(strlen(name) < 64 && strchr(name, '"') == NULL);
	db->txn[db->depth++] = name;
}

/* Back to durable commits after a lazy outermost transaction. */
static void
txn_durable(struct db *db)
{
	char	*why = NULL;

	if (!db->txn_lazy)
		return;
	db->txn_lazy = 0;
	if (txn_exec(db, durable_sql, "cannot set synchronous", &why) != 0)
		free(why);
}

static int
txn_begin(struct db *db, const char *name, int write, int lazy, char **cause)
{
	int	rc;

	if (write && db->readonly)
		/* The reason first: a status line may cut a long path short. */
		return err_fail(cause, ERR_READONLY, "cannot save: %s ('%s')",
		    db->readonly_why, db->path);
	if (db->depth > 0) {
		if (txn_savepoint(db, SP_BEGIN, db->depth) != 0)
			return db_fail(db, cause, "cannot start a transaction");
		txn_push(db, name);
		return 0;
	}
	if (lazy) {
		if ((rc = txn_exec(db, lazy_sql, "cannot set synchronous",
		    cause)) != 0)
			return rc;
		db->txn_lazy = 1;
	}
	if ((rc = txn_exec(db, write ? begin_write_sql : begin_read_sql,
	    write ? "cannot start a transaction" : "cannot start reading",
	    cause)) != 0) {
		txn_durable(db);
		if (err_code_of(rc) == ERR_LOCKED) {
			if (cause != NULL)
				free(*cause);
			return err_fail(cause, ERR_LOCKED, "cannot write '%s': "
			    "database is locked (another caseread or program "
			    "is writing to it)", db->path);
		}
		return rc;
	}
	txn_push(db, name);
	return 0;
}

int
db_txn_begin(struct db *db, const char *name, char **cause)
{
	return txn_begin(db, name, 1, 0, cause);
}

int
db_txn_read(struct db *db, const char *name, char **cause)
{
	return txn_begin(db, name, 0, 0, cause);
}

int
db_txn_lazy(struct db *db, const char *name, char **cause)
{
	return txn_begin(db, name, 1, 1, cause);
}

int
db_txn_commit(struct db *db, const char *name, char **cause)
{
	int	rc;

	assert(db->depth > 0 && strcmp(db->txn[db->depth - 1], name) == 0);
	db->depth--;
	/*
	 * An error such as a full disk may have rolled the whole transaction
	 * back under us: nothing of it is left to commit.
	 */
	if (sqlite3_get_autocommit(db->h)) {
		if (db->depth == 0)
			txn_durable(db);
		return util_fail(cause, "%s: cannot save: the transaction was "
		    "rolled back", db->path);
	}
	if (db->depth > 0) {
		if (txn_savepoint(db, SP_RELEASE, db->depth) != 0)
			return db_fail(db, cause, "cannot save");
		return 0;
	}
	if ((rc = txn_exec(db, commit_sql, "cannot save", cause)) != 0) {
		sqlite3_exec(db->h, rollback_sql, NULL, NULL, NULL);
		txn_durable(db);
		return rc;
	}
	txn_durable(db);
	return 0;
}

void
db_txn_rollback(struct db *db, const char *name)
{
	char	*why = NULL;

	assert(db->depth > 0 && strcmp(db->txn[db->depth - 1], name) == 0);
	db->depth--;
	if (sqlite3_get_autocommit(db->h)) {
		/* Already rolled back whole (see db_txn_commit). */
		if (db->depth == 0)
			txn_durable(db);
		return;
	}
	if (db->depth > 0) {
		/* Undo this level's part; the caller's transaction goes on. */
		if (txn_savepoint(db, SP_UNDO, db->depth) == 0)
			txn_savepoint(db, SP_RELEASE, db->depth);
		return;
	}
	if (txn_exec(db, rollback_sql, "cannot roll back", &why) != 0)
		free(why);
	txn_durable(db);
}

int
db_txn_finish(struct db *db, const char *name, int rc, char **cause)
{
	if (rc < 0) {
		db_txn_rollback(db, name);
		return rc;
	}
	return db_txn_commit(db, name, cause);
}

long long
db_data_version(struct db *db)
{
	static const char	 sql[] = "PRAGMA data_version";
	sqlite3_stmt		*stmt;
	char			*why = NULL;
	long long		 v = -1;

	if ((stmt = db_stmt(db, sql, &why)) == NULL) {
		free(why);
		return -1;
	}
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return v;
}
