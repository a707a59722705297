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

/*
 * Prepared once a connection (parsing them was a tenth of a save), in slots of
 * their own (db->txn_stmt), never db_stmt's cache: whatever else fails, a
 * transaction can still be rolled back.
 */
enum { TX_BEGIN_WRITE, TX_BEGIN_READ, TX_COMMIT, TX_ROLLBACK, TX_LAZY,
    TX_DURABLE, TX_N };
static const char *const txn_sql[TX_N] = {
	"BEGIN IMMEDIATE", "BEGIN", "COMMIT", "ROLLBACK",
	"PRAGMA synchronous = NORMAL", "PRAGMA synchronous = FULL"
};

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

/* One of txn_sql, stepped once. */
static int
txn_exec(struct db *db, int which, const char *what, char **cause)
{
	sqlite3_stmt	**stmt = &db->txn_stmt[which];

	_Static_assert(sizeof db->txn_stmt / sizeof db->txn_stmt[0] == TX_N,
	    "one slot for each of txn_sql");
	if (*stmt == NULL && sqlite3_prepare_v3(db->h, txn_sql[which], -1,
	    SQLITE_PREPARE_PERSISTENT, stmt, NULL) != SQLITE_OK)
		return db_fail(db, cause, what);
	return db_step(db, *stmt, what, cause);
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
	if (txn_exec(db, TX_DURABLE, "cannot set synchronous", &why) != 0)
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
		if ((rc = txn_exec(db, TX_LAZY, "cannot set synchronous",
		    cause)) != 0)
			return rc;
		db->txn_lazy = 1;
	}
	if ((rc = txn_exec(db, write ? TX_BEGIN_WRITE : TX_BEGIN_READ,
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

/*
 * Every store call inside a transaction is a savepoint, whose statement
 * journal SQLite moves to a temporary file once one has passed 64 KiB, and
 * then writes there ever after: importing 300,000 answers made 1.6 million
 * writes to /var/tmp (2.3 times the sqlite3 shell's time). With temporary
 * storage in memory the journals stay there, a few pages at a time. Only for
 * such a transaction: in memory, a large sort has no bound.
 */
int
db_txn_begin_bulk(struct db *db, const char *name, char **cause)
{
	if (db->depth == 0 && sqlite3_exec(db->h, "PRAGMA temp_store = MEMORY",
	    NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, cause, "cannot start a transaction");
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

/*
 * Roll the outermost transaction back, whatever it takes: a transaction left
 * open would hold the file's write lock, and refuse every later save, until
 * caseread ends.
 */
static void
txn_end(struct db *db)
{
	char	*why = NULL;

	if (!sqlite3_get_autocommit(db->h) && txn_exec(db, TX_ROLLBACK,
	    "cannot roll back", &why) != 0) {
		free(why);
		/* Prepared afresh: the statement itself may be what failed. */
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	}
	txn_durable(db);
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
	if ((rc = txn_exec(db, TX_COMMIT, "cannot save", cause)) != 0) {
		txn_end(db);
		return rc;
	}
	txn_durable(db);
	return 0;
}

void
db_txn_rollback(struct db *db, const char *name)
{
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
	txn_end(db);
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
