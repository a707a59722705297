/*
 * Opening, creating, checking and migrating inspection files, and transactions.
 * A file is written only after it has proved to be ours, not from a newer caseread
 * and intact; the rows themselves are handled in db-case.c, db-answer.c and
 * db-judgement.c.
 */
#include "config.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db-internal.h"
#include "error.h"
#include "textgate.h"
#include "util.h"

const char *
db_path(const struct db *db)
{
	return db->path;
}

int
db_schema_version(const struct db *db)
{
	return db->version;
}

int
db_schema_latest(void)
{
	return (int)db_migrations_count;
}

int
db_readonly(const struct db *db)
{
	return db->readonly;
}

const char *
db_readonly_why(const struct db *db)
{
	return db->readonly ? db->readonly_why : NULL;
}

const struct db_inspection *
db_inspection(const struct db *db)
{
	return &db->insp;
}

const struct qbank *
db_bank(const struct db *db)
{
	return db->bank;
}

const char *
db_user(const struct db *db)
{
	return db->user;
}

void
db_set_user(struct db *db, const char *name)
{
	free(db->user);
	db->user = textgate_trim(name);
	db->user_id = 0;
}

/* A bundle stopped by its progress handler: said the same way everywhere. */
static int
took_too_long(struct db *db, char **cause)
{
	return err_fail(cause, ERR_TIMEOUT, "'%s' took too long to read (over %g seconds): "
	    "refused, nothing merged; ask its inspector to export it again",
	    db->path, db->deadline_len);
}

int
db_fail(struct db *db, char **cause, const char *what)
{
	if (db->timed_out)
		return took_too_long(db, cause);
	const char	*raw = sqlite3_errmsg(db->h);
	char		*msg = db_escape(raw, strlen(raw));
	int		 rc;

	/* SQLite's message can quote the file's own schema: one line, shown. */
	rc = err_fail(cause, db_err_code(db->h), "%s: %s: %s", db->path, what,
	    msg);
	free(msg);
	return rc;
}

enum err_code
db_err_code(sqlite3 *h)
{
	switch (sqlite3_extended_errcode(h) & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return ERR_LOCKED;
	case SQLITE_READONLY:
		return ERR_READONLY;
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
	case SQLITE_NOLFS:
		return ERR_IO;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return ERR_DAMAGED;
	default:
		return ERR_FAILED;
	}
}

char *
db_column_dup(sqlite3_stmt *stmt, int col)
{
	const unsigned char	*s = sqlite3_column_text(stmt, col);
	int			 n = sqlite3_column_bytes(stmt, col);

	return xstrndup(s == NULL ? "" : (const char *)s, s == NULL ? 0 : (size_t)n);
}

sqlite3_stmt *
db_stmt(struct db *db, const char *sql, char **cause)
{
	sqlite3_stmt	*stmt;
	size_t		 i;

	for (i = 0; i < db->ncache; i++) {
		if (db->cache[i].sql == sql) {
			stmt = db->cache[i].stmt;
			sqlite3_reset(stmt);
			sqlite3_clear_bindings(stmt);
			return stmt;
		}
	}
	/* A full cache means a caller passes non-literal SQL: a bug, not input. */
	if (db->ncache == DB_STMT_CACHE_MAX) {
		util_fail(cause, "%s: statement cache full", db->path);
		return NULL;
	}
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt,
	    NULL) != SQLITE_OK) {
		db_fail(db, cause, "cannot prepare statement");
		return NULL;
	}
	if (db->ncache == db->cachecap) {
		db->cachecap = db->cachecap == 0 ? 64 : db->cachecap * 2;
		db->cache = xreallocarray(db->cache, db->cachecap,
		    sizeof *db->cache);
	}
	db->cache[db->ncache].sql = sql;
	db->cache[db->ncache++].stmt = stmt;
	return stmt;
}

static void
inspection_clear(struct db_inspection *insp)
{
	free(insp->uid);
	free(insp->service);
	free(insp->type);
	free(insp->start_date);
	free(insp->end_date);
	free(insp->bank_id);
	free(insp->bank_version);
	free(insp->bank_hash);
	free(insp->owner);
	free(insp->created_at);
	memset(insp, 0, sizeof *insp);
}

void
db_close(struct db *db)
{
	int	i;

	if (db == NULL)
		return;
	for (i = 0; i < (int)db->ncache; i++)
		sqlite3_finalize(db->cache[i].stmt);
	free(db->cache);
	for (i = 0; i < (int)(sizeof db->txn_stmt / sizeof db->txn_stmt[0]);
	    i++)
		sqlite3_finalize(db->txn_stmt[i]);
	for (i = 0; i < DB_TXN_MAX * 3; i++)
		sqlite3_finalize(db->savepoint[i / 3][i % 3]);
	if (db->image)
		db_image_wipe(db);
	if (db->h != NULL)
		sqlite3_close(db->h);
	inspection_clear(&db->insp);
	qbank_free(db->bank);
	free(db->user);
	free(db->merge_uid);
	free(db->uri);
	free(db->path);
	free(db);
}

int
db_harden(sqlite3 *h)
{
	int	on = -1;

	if (sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, &on) !=
	    SQLITE_OK || on != 1)
		return -1;
	on = -1;
	if (sqlite3_db_config(h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &on) !=
	    SQLITE_OK || on != 0)
		return -1;
	if (sqlite3_exec(h, "PRAGMA trusted_schema = OFF", NULL, NULL,
	    NULL) != SQLITE_OK)
		return -1;
	return 0;
}

char *
db_escape(const char *s, size_t n)
{
	return textgate_show(s, n, 0);
}

/*
 * Migrations write with the defensive flag off: schema 4 rewrites its
 * constraints' text through writable_schema. Only ever on a file already proven
 * ours and of a known schema, or on the memory database that says what a schema
 * is.
 */
static int
run_migrations(sqlite3 *h, size_t from, size_t to, size_t *failed)
{
	size_t	i;
	int	rc = 0;

	sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 0, NULL);
	for (i = from; i < to; i++) {
		if (sqlite3_exec(h, db_migrations[i], NULL, NULL,
		    NULL) != SQLITE_OK) {
			*failed = i;
			rc = -1;
			break;
		}
	}
	sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	return rc;
}

static const char schema_sql[] = "SELECT type, name, tbl_name, sql FROM "
    "main.sqlite_schema ORDER BY type, name";

/* One row of schema_sql as a version's migrations make it. */
struct schema_row {
	char	*col[4];		/* type, name, tbl_name, sql; "" for NULL */
	int	 type[4];		/* SQLITE_TEXT or SQLITE_NULL */
};

/*
 * What each version's schema is, kept until the process exits: first as the
 * table db/schemarows made at build time (db_schema_built), and, only when a
 * file differs from that, as the version's migrations make it on a scratch
 * database (21 M instructions, more than the rest of a small file's tally or a
 * bundle's checks). A file passes when it matches either; check_db proves the
 * two are the same for every version, so the check is as strict as comparing
 * with the migrations alone, and a SQLite that writes a schema's text
 * differently from the one at build time still accepts a good file. A merge
 * checks forty bundles from two threads: rows once set are never freed.
 */
struct schema_rows {
	struct schema_row	*rows;	/* in (type, name) order; NULL: not yet */
	size_t			 nrows;
};
static struct {
	struct schema_rows	 built;	/* from db_schema_built */
	struct schema_rows	 made;	/* by running the migrations */
} schema_made[64];
static pthread_mutex_t schema_made_lock = PTHREAD_MUTEX_INITIALIZER;

/* Column col of a schema row, "" for NULL (only an autoindex has no SQL). */
static const char *
schema_col(sqlite3_stmt *stmt, int col)
{
	const unsigned char	*t = sqlite3_column_text(stmt, col);

	return t == NULL ? "" : (const char *)t;
}

static void
schema_rows_free(struct schema_rows *sr)
{
	size_t	j;
	int	i;

	for (j = 0; j < sr->nrows; j++) {
		for (i = 0; i < 4; i++)
			free(sr->rows[j].col[i]);
	}
	free(sr->rows);
	sr->rows = NULL;
	sr->nrows = 0;
}

/* Version's schema rows as its migrations make them; -1 with *cause. */
static int
schema_make(int version, const char *path, struct schema_rows *out,
    char **cause)
{
	sqlite3		*want = NULL;
	sqlite3_stmt	*ws = NULL;
	struct schema_rows sr = { NULL, 0 };
	struct schema_row *r;
	size_t		 failed = 0;
	int		 rc, i;

	if (sqlite3_open_v2(":memory:", &want, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK || db_harden(want) != 0 ||
	    run_migrations(want, 0, (size_t)version, &failed) != 0) {
		rc = util_fail(cause, "cannot make schema %d to compare '%s' "
		    "with: %s", version, path, want != NULL ?
		    sqlite3_errmsg(want) : "out of memory");
		sqlite3_close(want);
		return rc;
	}
	if (sqlite3_prepare_v2(want, schema_sql, -1, &ws, NULL) != SQLITE_OK) {
		rc = util_fail(cause, "cannot read schema %d: %s", version,
		    sqlite3_errmsg(want));
		sqlite3_close(want);
		return rc;
	}
	while ((rc = sqlite3_step(ws)) == SQLITE_ROW) {
		sr.rows = xreallocarray(sr.rows, sr.nrows + 1, sizeof *sr.rows);
		r = &sr.rows[sr.nrows++];
		for (i = 0; i < 4; i++) {
			r->type[i] = sqlite3_column_type(ws, i);
			r->col[i] = xstrdup(schema_col(ws, i));
		}
	}
	sqlite3_finalize(ws);
	if (rc != SQLITE_DONE) {
		rc = util_fail(cause, "cannot read schema %d: %s", version,
		    sqlite3_errmsg(want));
		sqlite3_close(want);
		schema_rows_free(&sr);
		return rc;
	}
	sqlite3_close(want);
	/* Never empty: every version has tables. */
	*out = sr;
	return 0;
}

/* Version's schema rows as db/schemarows wrote them at build time. */
static void
schema_built(int version, struct schema_rows *out)
{
	size_t		 first = db_schema_built_at[version];
	size_t		 n = db_schema_built_at[version + 1] - first, j;
	const char	*s;
	int		 i;

	out->rows = xreallocarray(NULL, n, sizeof *out->rows);
	out->nrows = n;
	for (j = 0; j < n; j++) {
		for (i = 0; i < 4; i++) {
			s = db_schema_built[(first + j) * 4 + (size_t)i];
			out->rows[j].type[i] = s == NULL ? SQLITE_NULL :
			    SQLITE_TEXT;
			out->rows[j].col[i] = xstrdup(s == NULL ? "" : s);
		}
	}
}

/* "'PATH' is not ..., it has/lacks the TYPE 'NAME'" for db_schema_check. */
static int
schema_refuse(const char *path, int version, const char *type_name,
    const char *name, const char *how, char **cause)
{
	char	*type = db_escape(type_name, strlen(type_name));
	char	*shown = db_escape(name, strlen(name));
	int	 rc;

	/* "it has a view", "it has an index". */
	if (strcmp(how, "it has a") == 0 && strchr("aeiou", type[0]) != NULL &&
	    type[0] != '\0')
		how = "it has an";
	rc = err_fail(cause, ERR_FOREIGN, "'%s' is not a caseread file as "
	    "schema %d makes it: %s %s '%s' (refused before reading it)", path,
	    version, how, type, shown);
	free(type);
	free(shown);
	return rc;
}

/*
 * Walk the file's schema rows beside w's, both in (type, name) order: 0 when
 * they are the same, else -1 with *cause saying the first difference.
 */
static int
schema_walk(sqlite3 *h, const char *path, int version,
    const struct schema_rows *want, char **cause)
{
	const struct schema_row	*w = want->rows;
	sqlite3_stmt		*hs = NULL;
	size_t			 nw = want->nrows, wi = 0;
	int			 hrc, cmp, i, rc = -1;

	if (sqlite3_prepare_v2(h, schema_sql, -1, &hs, NULL) != SQLITE_OK) {
		util_fail(cause, "'%s' is not a caseread file: its schema "
		    "cannot be read: %s", path, sqlite3_errmsg(h));
		goto out;
	}
	hrc = sqlite3_step(hs);
	while (wi < nw || hrc == SQLITE_ROW) {
		if (wi < nw && hrc == SQLITE_ROW) {
			cmp = strcmp(schema_col(hs, 0), w[wi].col[0]);
			if (cmp == 0)
				cmp = strcmp(schema_col(hs, 1), w[wi].col[1]);
		} else
			cmp = hrc == SQLITE_ROW ? -1 : 1;
		if (cmp < 0) {
			rc = schema_refuse(path, version, schema_col(hs, 0),
			    schema_col(hs, 1), "it has a", cause);
			goto out;
		}
		if (cmp > 0) {
			rc = schema_refuse(path, version, w[wi].col[0],
			    w[wi].col[1], "it lacks the", cause);
			goto out;
		}
		for (i = 2; i < 4; i++) {
			if (sqlite3_column_type(hs, i) != w[wi].type[i] ||
			    strcmp(schema_col(hs, i), w[wi].col[i]) != 0) {
				rc = schema_refuse(path, version,
				    schema_col(hs, 0), schema_col(hs, 1),
				    "a changed column or constraint in", cause);
				goto out;
			}
		}
		wi++;
		hrc = sqlite3_step(hs);
	}
	if (hrc != SQLITE_DONE) {
		util_fail(cause, "'%s': cannot read its schema: %s", path,
		    sqlite3_errmsg(h));
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(hs);
	return rc;
}

int
db_schema_check(sqlite3 *h, const char *path, int version, char **cause)
{
	struct schema_rows	 want;
	int			 rc = 0;

	if (version < 1 || version > db_schema_latest())
		return util_fail(cause, "'%s' has unknown schema %d", path,
		    version);
	assert((size_t)version < sizeof schema_made / sizeof schema_made[0]);
	pthread_mutex_lock(&schema_made_lock);
	if (schema_made[version].built.rows == NULL)
		schema_built(version, &schema_made[version].built);
	want = schema_made[version].built;
	pthread_mutex_unlock(&schema_made_lock);
	if (schema_walk(h, path, version, &want, cause) == 0)
		return 0;
	/*
	 * Not the table: compare with what the migrations make, which words
	 * the refusal (and is the schema, should this SQLite write its text
	 * otherwise than the one the table was made with).
	 */
	free(*cause);
	*cause = NULL;
	pthread_mutex_lock(&schema_made_lock);
	if (schema_made[version].made.rows == NULL)
		rc = schema_make(version, path, &schema_made[version].made,
		    cause);
	want = schema_made[version].made;
	pthread_mutex_unlock(&schema_made_lock);
	if (rc != 0)
		return -1;
	return schema_walk(h, path, version, &want, cause);
}

int
db_schema_built_same(int version, char **cause)
{
	struct schema_rows	 built, made;
	size_t			 j;
	int			 i, rc = 0;

	if (version < 1 || version > db_schema_latest())
		return util_fail(cause, "unknown schema %d", version);
	if (schema_make(version, "(none)", &made, cause) != 0)
		return -1;
	schema_built(version, &built);
	if (built.nrows != made.nrows)
		rc = util_fail(cause, "schema %d: %zu rows built, %zu made",
		    version, built.nrows, made.nrows);
	for (j = 0; rc == 0 && j < built.nrows; j++) {
		for (i = 0; rc == 0 && i < 4; i++) {
			if (built.rows[j].type[i] != made.rows[j].type[i] ||
			    strcmp(built.rows[j].col[i],
			    made.rows[j].col[i]) != 0)
				rc = util_fail(cause, "schema %d: row %zu "
				    "('%s') differs", version, j,
				    made.rows[j].col[1]);
		}
	}
	schema_rows_free(&built);
	schema_rows_free(&made);
	return rc;
}

/*
 * Run one statement that returns at most one integer; -1 with *cause (when not
 * NULL) on error. The open path passes NULL: refuse_unreadable words it.
 */
static int
pragma_int(struct db *db, const char *sql, int *out, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if (sqlite3_prepare_v2(db->h, sql, -1, &stmt, NULL) != SQLITE_OK)
		return db_fail(db, cause, sql);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, cause, sql);
	return 0;
}

static int
exec(struct db *db, const char *sql, const char *what, char **cause)
{
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, cause, what);
	return 0;
}

/* Why a file cannot be read at all, in the words an inspector needs. */
static int
refuse_unreadable(struct db *db, char **cause)
{
	int	 rc = sqlite3_extended_errcode(db->h), ret;
	char	*msg;

	if (db->timed_out)
		return took_too_long(db, cause);
	/* SQLite's message can quote a damaged schema: one line, shown. */
	msg = db_escape(sqlite3_errmsg(db->h), strlen(sqlite3_errmsg(db->h)));
	switch (rc & 0xff) {
	case SQLITE_NOTADB:
		ret = err_fail(cause, ERR_FOREIGN, "'%s' is not a caseread "
		    "file (not an SQLite database)", db->path);
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		ret = err_fail(cause, ERR_LOCKED, "cannot open '%s': database "
		    "is locked (another caseread or program is writing to it)",
		    db->path);
		break;
	case SQLITE_CORRUPT:
		ret = err_fail(cause, ERR_DAMAGED, "'%s' is damaged: %s",
		    db->path, msg);
		break;
	default:
		ret = err_fail(cause, ERR_IO, "cannot open '%s': %s", db->path,
		    msg);
		break;
	}
	free(msg);
	return ret;
}

/*
 * SQLite reads past the end of a file as zeros, so a file cut short by less
 * than a page passes quick_check with the end of its last rows zeroed. Its size
 * tells: a whole number of pages and, with no WAL adding pages, at least as many
 * as SQLite counts. The header is read through SQLite, never with open() and
 * close() of our own: closing any descriptor of a file drops every POSIX lock
 * this process holds on it, SQLite's included, and another program could then
 * delete the WAL from under us. Reads only.
 */
static int
check_size(struct db *db, char **cause)
{
	struct stat	 sb, wal;
	char		*side;
	int		 page = 0, pages = 0, wal_empty;

	if (stat(db->path, &sb) != 0)
		return err_fail(cause, ERR_IO, "cannot open '%s': %s", db->path,
		    strerror(errno));
	if (pragma_int(db, "PRAGMA page_size", &page, NULL) != 0 ||
	    pragma_int(db, "PRAGMA page_count", &pages, NULL) != 0)
		return refuse_unreadable(db, cause);
	if (page < 512 || (page & (page - 1)) != 0 ||
	    (unsigned long long)sb.st_size % (unsigned)page != 0)
		return err_fail(cause, ERR_DAMAGED, "'%s' is damaged: %lld "
		    "bytes is not a whole number of pages, so it was cut short",
		    db->path,
		    (long long)sb.st_size);
	side = xasprintf("%s-wal", db->path);
	wal_empty = stat(side, &wal) != 0 || wal.st_size == 0;
	free(side);
	if (wal_empty && (unsigned long long)pages * (unsigned)page >
	    (unsigned long long)sb.st_size)
		return err_fail(cause, ERR_DAMAGED, "'%s' is damaged: it has "
		    "%llu of its %d pages, so it was cut short", db->path,
		    (unsigned long long)sb.st_size / (unsigned)page, pages);
	return 0;
}

/* Is this ours, not from the future, and intact? Reads only. */
static int
verify(struct db *db, int flags, char **cause)
{
	sqlite3_stmt	*stmt;
	struct stat	 sb;
	int		 app = 0, rc;
	char		*problem = NULL, *p;

	if (pragma_int(db, "PRAGMA application_id", &app, NULL) != 0)
		return refuse_unreadable(db, cause);
	if (app != DB_APPLICATION_ID)
		return err_fail(cause, ERR_FOREIGN, "'%s' is not a caseread "
		    "file (SQLite application id %#x, expected %#x)", db->path,
		    (unsigned)app, DB_APPLICATION_ID);
	if (pragma_int(db, "PRAGMA user_version", &db->version, NULL) != 0)
		return refuse_unreadable(db, cause);
	if (db->version > db_schema_latest())
		return err_fail(cause, ERR_NEWER, "'%s' was written by a newer "
		    "caseread (schema %d; this one knows up to %d): upgrade caseread",
		    db->path, db->version, db_schema_latest());
	if (db->version < 1)
		return err_fail(cause, ERR_FOREIGN, "'%s' is not a caseread "
		    "file (no schema)", db->path);
	/* A decrypted image was authenticated whole: no file size to check. */
	if (!db->image && (rc = check_size(db, cause)) != 0)
		return rc;
	/* Every object what that version makes, before anything is written. */
	if ((rc = db_schema_check(db->h, db->path, db->version, cause)) != 0) {
		if (db->timed_out) {
			free(*cause);
			return took_too_long(db, cause);
		}
		/* Its schema pages could not be read: damage, in its words. */
		switch (sqlite3_extended_errcode(db->h) & 0xff) {
		case SQLITE_CORRUPT:
		case SQLITE_NOTADB:
			free(*cause);
			return refuse_unreadable(db, cause);
		default:
			return rc;
		}
	}
	/*
	 * quick_check reads every page. One inspection's file is a few MB and
	 * checks in milliseconds; past DB_QUICK_CHECK_MAX the file is a national
	 * roll-up or a benchmark, where that would make every start-up scale with
	 * the file. Those are checked by header and size here, and fully by
	 * caseread check.
	 */
	if (!(flags & DB_FULLCHECK) && stat(db->path, &sb) == 0 &&
	    sb.st_size > DB_QUICK_CHECK_MAX)
		return 0;

	if (sqlite3_prepare_v2(db->h, "PRAGMA quick_check", -1, &stmt,
	    NULL) != SQLITE_OK)
		return refuse_unreadable(db, cause);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *msg = (const char *)sqlite3_column_text(stmt, 0);

		if (msg != NULL && strcmp(msg, "ok") != 0 && problem == NULL) {
			/* One line: SQLite's report may hold newlines. */
			problem = xstrdup(msg);
			for (p = problem; *p != '\0'; p++) {
				if (*p == '\n' || *p == '\r')
					*p = ' ';
			}
		}
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE && problem == NULL)
		return refuse_unreadable(db, cause);
	if (problem != NULL) {
		rc = err_fail(cause, ERR_DAMAGED, "'%s' is damaged: %s",
		    db->path, problem);
		free(problem);
		return rc;
	}
	return 0;
}

/* Apply migrations after db->version, oldest first, inside the open transaction. */
static int
apply_migrations(struct db *db, char **cause)
{
	char	 sql[64];
	size_t	 failed = 0;

	if (run_migrations(db->h, (size_t)db->version, db_migrations_count,
	    &failed) != 0)
		return util_fail(cause, "%s: schema migration %zu failed: %s",
		    db->path, failed + 1, sqlite3_errmsg(db->h));
	/* PRAGMA takes no bound parameters; the number is ours, not input. */
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", db_schema_latest());
	return exec(db, sql, "cannot record schema version", cause);
}

/* Bring an older file up to date: all migrations in one transaction. */
static int
migrate(struct db *db, char **cause)
{
	int	rc;

	if (db->version >= db_schema_latest())
		return 0;
	if (db->readonly)
		return err_fail(cause, ERR_OLDER, "'%s' was written by an "
		    "older caseread "
		    "(schema %d; this one uses %d) and cannot be upgraded while "
		    "open read-only: open it once for writing, or, for a "
		    "bundle, have it exported again with this caseread",
		    db->path, db->version, db_schema_latest());
	/*
	 * Foreign keys off while tables are rebuilt (schema 5 drops and makes
	 * cases again: with them on, the drop would delete every answer). The
	 * pragma does nothing inside a transaction, so it is set around it.
	 */
	if ((rc = exec(db, "PRAGMA foreign_keys = OFF", "cannot start "
	    "upgrade", cause)) != 0 ||
	    (rc = db_txn_begin(db, "migrate", cause)) != 0)
		return rc;
	if ((rc = db_txn_finish(db, "migrate", apply_migrations(db, cause),
	    cause)) != 0) {
		/* Put back as it was; the upgrade's own failure is the news. */
		(void)sqlite3_exec(db->h, "PRAGMA foreign_keys = ON", NULL,
		    NULL, NULL);
		return rc;
	}
	db->version = db_schema_latest();
	return exec(db, "PRAGMA foreign_keys = ON", "cannot enable foreign "
	    "keys", cause);
}

static int
load_inspection(struct db *db, char **cause)
{
	static const char sql[] = "SELECT uid, service, type, "
	    "coalesce(start_date, ''), coalesce(end_date, ''), bank_id, "
	    "bank_version, bank_hash, owner, created_at, min_children, "
	    "min_victims, bank_text FROM inspection WHERE id = 1";
	struct db_inspection	*insp = &db->insp;
	sqlite3_stmt		*stmt;
	char			*why = NULL, *name;
	int			 rc;

	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return -1;
	if ((rc = db_step_row(db, stmt, "cannot read inspection", cause)) < 0)
		return rc;
	if (rc == 0)
		return err_fail(cause, ERR_DAMAGED, "'%s' has no inspection "
		    "record", db->path);
	insp->uid = db_column_dup(stmt, 0);
	insp->service = db_column_dup(stmt, 1);
	insp->type = db_column_dup(stmt, 2);
	insp->start_date = db_column_dup(stmt, 3);
	insp->end_date = db_column_dup(stmt, 4);
	insp->bank_id = db_column_dup(stmt, 5);
	insp->bank_version = db_column_dup(stmt, 6);
	insp->bank_hash = db_column_dup(stmt, 7);
	insp->owner = db_column_dup(stmt, 8);
	insp->created_at = db_column_dup(stmt, 9);
	insp->min_children = sqlite3_column_int(stmt, 10);
	insp->min_victims = sqlite3_column_int(stmt, 11);
	/*
	 * Some bytes (text, or a blob as sqlite3's readfile() stores): an
	 * empty value reads as a NULL pointer, not "".
	 */
	if ((sqlite3_column_type(stmt, 12) != SQLITE_TEXT &&
	    sqlite3_column_type(stmt, 12) != SQLITE_BLOB) ||
	    sqlite3_column_bytes(stmt, 12) == 0) {
		sqlite3_reset(stmt);
		return util_fail(cause, "the question bank stored in '%s' is "
		    "missing (no text)", db->path);
	}
	name = xasprintf("%s (question bank)", db->path);
	db->bank = qbank_parse((const char *)sqlite3_column_blob(stmt, 12),
	    (size_t)sqlite3_column_bytes(stmt, 12), name, &why);
	free(name);
	sqlite3_reset(stmt);
	if (db->bank == NULL) {
		util_fail(cause, "the question bank stored in '%s' is invalid: %s",
		    db->path, why);
		free(why);
		return -1;
	}
	db->user = xstrdup(insp->owner);
	return 0;
}

char *
db_uri(const char *path, const char *query)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p;
	char			*uri, *q;
	size_t			 qlen = query != NULL ? strlen(query) : 0;

	/*
	 * "file:" and the path with everything but the plainest characters
	 * percent-escaped: ':', '?', '#' and '%' in a name are the name's. An
	 * absolute path gets an empty authority ("file:///..."), so that one
	 * starting "//" is not read as a host.
	 */
	uri = xmalloc(7 + 3 * strlen(path) + qlen + 2);
	memcpy(uri, "file:", 5);
	q = uri + 5;
	if (path[0] == '/') {
		memcpy(q, "//", 2);
		q += 2;
	}
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/._-~", *p) != NULL)
			*q++ = (char)*p;
		else {
			*q++ = '%';
			*q++ = hex[*p >> 4];
			*q++ = hex[*p & 0xf];
		}
	}
	if (query != NULL) {
		*q++ = '?';
		memcpy(q, query, qlen);
		q += qlen;
	}
	*q = '\0';
	return uri;
}

char *
db_immutable_uri(const char *path)
{
	return db_uri(path, "immutable=1");
}

/*
 * SQLite counts every allocation under one process-wide mutex unless told not
 * to: nothing here reads the counts, and a merge took 2.7 million of those
 * locks. It must come before SQLite initialises; where something used SQLite
 * first (a test's own connection), it is refused and changes nothing.
 */
static pthread_once_t library_once = PTHREAD_ONCE_INIT;
static int reserved;		/* SQLite took a reservation */

/*
 * The page cache a reservation asked for, in one mapping of huge pages where
 * the system gives them (MADV_HUGEPAGE). Pages SQLite took one by one from
 * malloc were each a page fault on first touch, about 10 us on this kind of
 * virtual machine (5 us even when made present ahead, MAP_POPULATE), and a
 * merge of 40 bundles touched 6,000 of them: 36 MB of huge pages are touched
 * in 3 ms. Slots are sized for DB_PAGE_SIZE pages; a connection with larger
 * pages takes its pages from malloc as before. With under ten slots left
 * SQLite counts every cache as short of memory (it recycles and spills pages
 * rather than grow), so a reservation is sized not to run out. The mapping is
 * SQLite's until the process ends (it may not be freed while SQLite could use
 * it).
 */
#define HUGE_PAGE	(2UL * 1024 * 1024)

static void
reserve_init(size_t pages)
{
	char	*raw, *buf;
	size_t	 slot, len;
	int	 hdr = 0;

	if (pages == 0 || sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &hdr) !=
	    SQLITE_OK || hdr < 0)
		return;
	slot = (DB_PAGE_SIZE + (size_t)hdr + 7) & ~(size_t)7;
	len = slot * pages + HUGE_PAGE;
	raw = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE |
	    MAP_ANONYMOUS, -1, 0);
	if (raw == MAP_FAILED)
		return;
	buf = raw + (HUGE_PAGE - (uintptr_t)raw % HUGE_PAGE) % HUGE_PAGE;
#ifdef MADV_HUGEPAGE
	/* Only advice: without it, the pages are faulted in one by one. */
	(void)madvise(buf, slot * pages, MADV_HUGEPAGE);
#endif
	if (sqlite3_config(SQLITE_CONFIG_PAGECACHE, buf, (int)slot,
	    (int)pages) != SQLITE_OK)
		munmap(raw, len);
	else
		reserved = 1;
}

static void
library_init(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int
db_reserve_pages(size_t pages)
{
	pthread_once(&library_once, library_init);
	/* SQLite refuses it once it has initialised: a file was opened. */
	if (!reserved)
		reserve_init(pages < DB_RESERVE_MAX ? pages : DB_RESERVE_MAX);
	return reserved ? 0 : -ERR_INVALID;
}

int
db_sqlite_open(const char *path, sqlite3 **h, int flags)
{
	char	*uri;
	int	 rc;

	pthread_once(&library_once, library_init);
	uri = db_uri(path, NULL);
	rc = sqlite3_open_v2(uri, h, flags | SQLITE_OPEN_URI, NULL);
	free(uri);
	return rc;
}

/* Whether path's folder lets us create files (a -wal, a -shm). */
static int
folder_writable(const char *path)
{
	const char	*slash = strrchr(path, '/');
	char		*dir;
	int		 ok;

	if (slash == NULL)
		return access(".", W_OK) == 0;
	dir = slash == path ? xstrdup("/") : xstrndup(path,
	    (size_t)(slash - path));
	ok = access(dir, W_OK) == 0;
	free(dir);
	return ok;
}

int
db_side_file_exists(const char *path, const char *suffix)
{
	char	*side = xasprintf("%s%s", path, suffix);
	int	 rc = access(side, F_OK) == 0;

	free(side);
	return rc;
}

static double
now_seconds(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A progress handler: stop whatever runs on a bundle past its deadline. */
static int
bound_check(void *arg)
{
	struct db	*db = arg;

	if (db->timed_out || now_seconds() > db->deadline) {
		db->timed_out = 1;
		return 1;
	}
	return 0;
}

/*
 * Every statement on a bundle, from its opening on, within the bundle's time:
 * a recursive view or a billion rows end with "took too long", not a hang.
 */
void
db_bound(struct db *db)
{
	const char	*env = getenv("CASEREAD_BUNDLE_SECONDS");
	double		 len = DB_BUNDLE_SECONDS;

	if (env != NULL && atof(env) > 0)
		len = atof(env);
	db->deadline_len = len;
	db->deadline = now_seconds() + len;
	sqlite3_progress_handler(db->h, 100, bound_check, db);
}

/*
 * How a file is opened decides what SQLite leaves beside it. A read-only SQLite
 * connection cannot remove the -wal and -shm it makes for a WAL file, so reading
 * (caseread check, a damaged file) would leave them behind; and in a folder we
 * cannot write, it cannot make them, so it cannot read at all. Hence: when no
 * -wal or -journal is there to recover and we cannot write the file or its
 * folder, open it immutable (nothing made, nothing locked: nobody can be
 * writing it through a WAL we could not see); when DB_READONLY is asked of a
 * file we could write, read through a read-write connection with query_only,
 * which tidies up when it closes; otherwise open as asked.
 */
static struct db *
db_connect(const char *path, int flags, enum err_code *code, char **cause)
{
	struct db	*db;
	struct stat	 sb;
	char		*uri = NULL;
	int		 oflags, file_ok, folder_ok, pending, fd;
	int		 query_only = 0;

	if (stat(path, &sb) != 0) {
		*code = errno == ENOENT ? ERR_NOTFOUND : ERR_IO;
		util_fail(cause, "cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	if (!S_ISREG(sb.st_mode)) {
		*code = ERR_FOREIGN;
		util_fail(cause, "cannot open '%s': not a regular file", path);
		return NULL;
	}
	pending = db_side_file_exists(path, "-wal") ||
	    db_side_file_exists(path, "-journal");
	/* A bundle is one file: a log beside it is a live inspection file's. */
	if ((flags & DB_BUNDLE) && pending) {
		*code = ERR_FOREIGN;
		util_fail(cause, "'%s' is an inspection file, not an export "
		    "bundle (a %s beside it says it is in use): its inspector "
		    "makes one with 'caseread export FILE -o BUNDLE'", path,
		    db_side_file_exists(path, "-wal") ? "-wal" : "-journal");
		return NULL;
	}
	db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	/*
	 * access() says yes to an append-only file, which SQLite then cannot
	 * write, leaving a -wal and -shm behind: ask by opening it (no SQLite
	 * connection holds locks on it yet, so closing this drops none).
	 */
	file_ok = access(path, W_OK) == 0;
	if (file_ok && !(flags & DB_BUNDLE)) {
		if ((fd = open(path, O_RDWR | O_CLOEXEC)) == -1)
			file_ok = 0;
		else
			close(fd);
	}
	folder_ok = folder_writable(path);
	oflags = SQLITE_OPEN_READWRITE;
	if (flags & DB_BUNDLE) {
		/* Input from elsewhere that nobody writes: make nothing. */
		uri = db_immutable_uri(path);
		oflags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
		db->readonly_why = "it is open read-only";
	} else if (!pending && (!file_ok || !folder_ok)) {
		uri = db_immutable_uri(path);
		oflags = SQLITE_OPEN_READONLY;
		db->readonly_why = !file_ok ? "the file is read-only" :
		    "its folder is read-only";
	} else if (flags & DB_READONLY) {
		if (!pending && file_ok)
			query_only = 1;
		else
			oflags = SQLITE_OPEN_READONLY;
		db->readonly_why = "it is open read-only";
	}
	/*
	 * One thread uses a connection: SQLite's per-call mutex is a fifth of a
	 * tally's work for nothing.
	 */
	oflags |= SQLITE_OPEN_NOMUTEX;
	pthread_once(&library_once, library_init);
	/* Always a URI we made: a name is a plain path, never read as a URI. */
	if (uri == NULL)
		uri = db_uri(path, NULL);
	oflags |= SQLITE_OPEN_URI;
	if (sqlite3_open_v2(uri, &db->h, oflags, NULL) != SQLITE_OK) {
		free(uri);
		if (db->h == NULL)
			util_fail(cause, "cannot open '%s': out of memory", path);
		else
			*code = err_code_of(refuse_unreadable(db, cause));
		db_close(db);
		return NULL;
	}
	/* Kept: the tally opens a second connection the same way. */
	db->uri = uri;
	db->oflags = oflags;
	db->query_only = query_only;
	sqlite3_extended_result_codes(db->h, 1);
	if (db_harden(db->h) != 0) {
		util_fail(cause, "cannot open '%s': cannot set SQLite's "
		    "defensive mode", path);
		db_close(db);
		return NULL;
	}
	if (flags & DB_BUNDLE)
		db_bound(db);
	sqlite3_busy_timeout(db->h, DB_BUSY_TIMEOUT);
	if (query_only && exec(db, "PRAGMA query_only = ON",
	    "cannot open read-only", cause) != 0) {
		db_close(db);
		return NULL;
	}

	if (db->readonly_why == NULL && sqlite3_db_readonly(db->h, "main") == 1)
		db->readonly_why = "the file is read-only";
	db->readonly = db->readonly_why != NULL;
	return db;
}

struct db *
db_open(const char *path, int flags, char **cause)
{
	return db_open_code(path, flags, NULL, cause);
}

struct db *
db_open_code(const char *path, int flags, enum err_code *code,
    char **cause)
{
	struct db	*db;
	enum err_code	 dummy;

	if (code == NULL)
		code = &dummy;
	*code = ERR_FAILED;
	if ((db = db_connect(path, flags, code, cause)) == NULL)
		return NULL;
	return db_open_connected(db, flags, code, cause);
}

struct db *
db_open_connected(struct db *db, int flags, enum err_code *code,
    char **cause)
{
	char		*mode = NULL;
	sqlite3_stmt	*stmt;
	enum err_code	 dummy;
	int		 rc = -ERR_FAILED;

	if (code == NULL)
		code = &dummy;
	if ((rc = verify(db, flags, cause)) != 0)
		goto fail;
	if (!db->readonly) {
		/* WAL lets a reader (tally, check) run beside the writer. */
		if (sqlite3_prepare_v2(db->h, "PRAGMA journal_mode = WAL", -1,
		    &stmt, NULL) != SQLITE_OK) {
			rc = refuse_unreadable(db, cause);
			goto fail;
		}
		if (sqlite3_step(stmt) == SQLITE_ROW)
			mode = db_column_dup(stmt, 0);
		sqlite3_finalize(stmt);
		if (mode == NULL || strcmp(mode, "wal") != 0) {
			free(mode);
			rc = refuse_unreadable(db, cause);
			goto fail;
		}
		free(mode);
	}
	if (exec(db, "PRAGMA synchronous = FULL", "cannot set synchronous",
	    cause) != 0 ||
	    exec(db, "PRAGMA foreign_keys = ON", "cannot enable foreign keys",
	    cause) != 0 ||
	    exec(db, "PRAGMA secure_delete = ON", "cannot set secure_delete",
	    cause) != 0) {
		rc = -ERR_FAILED;
		goto fail;
	}
	if ((rc = migrate(db, cause)) != 0 ||
	    (rc = load_inspection(db, cause)) != 0)
		goto fail;
	*code = ERR_NONE;
	return db;

fail:
	*code = err_code_of(rc);
	db_close(db);
	return NULL;
}

static void
unlink_all(const char *path)
{
	char	*side;

	unlink(path);
	side = xasprintf("%s-wal", path);
	unlink(side);
	free(side);
	side = xasprintf("%s-shm", path);
	unlink(side);
	free(side);
	side = xasprintf("%s-journal", path);
	unlink(side);
	free(side);
}

/* A fieldwork day: none, or a real day, by the one rule the case details use. */
static int
valid_date(const char *s)
{
	return s == NULL || db_details_date_ok(s);
}

static int
create_schema(struct db *db, const struct db_init *init, char **cause)
{
	static const char insert_sql[] = "INSERT INTO inspection (id, uid, "
	    "service, type, start_date, end_date, bank_id, bank_version, "
	    "bank_hash, bank_text, owner, created_at) VALUES (1, "
	    "lower(hex(randomblob(16))), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	const struct qbank	*bank = init->bank;
	sqlite3_stmt		*stmt;
	char			 now[UTIL_TIME_LEN], sql[64];
	long long		 id;

	snprintf(sql, sizeof sql, "PRAGMA application_id = %d",
	    DB_APPLICATION_ID);
	if (exec(db, "PRAGMA journal_mode = WAL", "cannot set WAL", cause) != 0 ||
	    exec(db, "PRAGMA synchronous = FULL", "cannot set synchronous",
	    cause) != 0 ||
	    exec(db, "PRAGMA foreign_keys = OFF", "cannot set foreign keys",
	    cause) != 0 ||
	    exec(db, "PRAGMA secure_delete = ON", "cannot set secure_delete",
	    cause) != 0 ||
	    db_txn_begin(db, "create", cause) != 0)
		return -1;
	if (exec(db, sql, "cannot mark file", cause) != 0 ||
	    apply_migrations(db, cause) != 0)
		goto fail;
	if ((stmt = db_stmt(db, insert_sql, cause)) == NULL)
		goto fail;
	util_now(now);
	sqlite3_bind_text(stmt, 1, init->service, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, init->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, init->start_date, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, init->end_date, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, bank->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, bank->version, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 7, bank->hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 8, bank->text, (int)bank->len, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 9, init->owner, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 10, now, -1, SQLITE_STATIC);
	if (db_step(db, stmt, "cannot record inspection", cause) != 0)
		goto fail;
	db->user = xstrdup(init->owner);
	if (db_inspector_id(db, init->owner, &id, cause) != 0)
		goto fail;
	return db_txn_commit(db, "create", cause);

fail:
	db_txn_rollback(db, "create");
	return -1;
}

static struct db *
create_file(const char *path, const struct db_init *init, char **cause)
{
	struct db	*db;
	enum err_code	 code;
	int		 fd, ok;

	if (init->service == NULL || *init->service == '\0') {
		util_fail(cause, "service name must be non-empty text");
		return NULL;
	}
	if (textgate_check_str(TEXTGATE_SERVICE, init->service, cause) != 0)
		return NULL;
	if (init->type == NULL || (strcmp(init->type, "iyjwcv") != 0 &&
	    strcmp(init->type, "iyjs") != 0)) {
		util_fail(cause, "inspection type must be iyjwcv or iyjs");
		return NULL;
	}
	if (!valid_date(init->start_date) || !valid_date(init->end_date)) {
		util_fail(cause, "the fieldwork dates must be YYYY-MM-DD, "
		    "real days (not '%s' to '%s')", init->start_date != NULL ?
		    init->start_date : "", init->end_date != NULL ?
		    init->end_date : "");
		return NULL;
	}
	/* Both YYYY-MM-DD: the strings order as the days do. */
	if (init->start_date != NULL && init->end_date != NULL &&
	    strcmp(init->start_date, init->end_date) > 0) {
		util_fail(cause, "the fieldwork starts (%s) after it ends (%s)",
		    init->start_date, init->end_date);
		return NULL;
	}
	if (init->owner == NULL || *init->owner == '\0') {
		util_fail(cause, "inspector name must be non-empty text");
		return NULL;
	}
	if (textgate_check_str(TEXTGATE_NAME, init->owner, cause) != 0)
		return NULL;
	/* O_EXCL: never clobber an existing inspection; 0600: data about children. */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1) {
		util_fail(cause, "cannot create '%s': %s", path, strerror(errno));
		return NULL;
	}
	close(fd);
	if ((db = db_connect(path, 0, &code, cause)) == NULL) {
		unlink_all(path);
		return NULL;
	}
	ok = create_schema(db, init, cause) == 0;
	db_close(db);
	if (!ok) {
		unlink_all(path);
		return NULL;
	}
	if ((db = db_open(path, 0, cause)) == NULL)
		unlink_all(path);
	return db;
}

struct db *
db_create(const char *path, const struct db_init *init, char **cause)
{
	struct db_init	 trimmed = *init;
	struct db	*db;
	char		*owner = NULL;

	/* The owner's name as typed, but for the spaces at its ends. */
	if (init->owner != NULL)
		trimmed.owner = owner = textgate_trim(init->owner);
	db = create_file(path, &trimmed, cause);
	free(owner);
	return db;
}

int
db_inspector_find(struct db *db, const char *name, long long *id,
    char **cause)
{
	static const char find_sql[] = "SELECT id FROM inspector WHERE name = ?";
	static const char all_sql[] = "SELECT id, name FROM inspector ORDER BY "
	    "id";
	sqlite3_stmt	*stmt;
	const char	*have;
	int		 rc;

	if ((stmt = db_stmt(db, find_sql, cause)) == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
	if ((rc = db_step_row(db, stmt, "cannot read inspectors", cause)) < 0)
		return rc;
	if (rc > 0) {
		*id = sqlite3_column_int64(stmt, 0);
		sqlite3_reset(stmt);
		return 0;
	}
	/* Only for a name new to the file: a few rows. */
	if ((stmt = db_stmt(db, all_sql, cause)) == NULL)
		return -1;
	while ((rc = db_step_row(db, stmt, "cannot read inspectors",
	    cause)) > 0) {
		have = (const char *)sqlite3_column_text(stmt, 1);
		if (have != NULL && textgate_same_name(have, name)) {
			*id = sqlite3_column_int64(stmt, 0);
			sqlite3_reset(stmt);
			return 0;
		}
	}
	return rc < 0 ? rc : 1;
}

/* A new inspector: name trimmed, refused empty, through the gate. */
static int
inspector_add(struct db *db, const char *name, long long *id, char **cause)
{
	static const char sql[] = "INSERT INTO inspector (name) VALUES (?)";
	sqlite3_stmt	*stmt;
	char		*trimmed = textgate_trim(name);
	int		 rc;

	if (*trimmed == '\0') {
		rc = err_fail(cause, ERR_INVALID, "the inspector's name is "
		    "empty");
		goto free_name;
	}
	/* Every new name passes the gate, whichever door it came by. */
	if ((rc = textgate_check_str(TEXTGATE_NAME, trimmed, cause)) != 0)
		goto free_name;
	if ((stmt = db_stmt(db, sql, cause)) == NULL) {
		rc = -ERR_FAILED;
		goto free_name;
	}
	sqlite3_bind_text(stmt, 1, trimmed, -1, SQLITE_STATIC);
	if ((rc = db_step(db, stmt, "cannot add inspector", cause)) == 0)
		*id = sqlite3_last_insert_rowid(db->h);
free_name:
	free(trimmed);
	return rc;
}

int
db_inspector_id(struct db *db, const char *name, long long *id, char **cause)
{
	int	rc;

	if (db->user_id != 0 && strcmp(name, db->user) == 0) {
		*id = db->user_id;
		return 0;
	}
	if ((rc = db_inspector_find(db, name, id, cause)) < 0)
		return rc;
	if (rc > 0 && (rc = inspector_add(db, name, id, cause)) != 0)
		return rc;
	if (db->user != NULL && strcmp(name, db->user) == 0)
		db->user_id = *id;
	return 0;
}

int
db_integrity(struct db *db, char **report, char **cause)
{
	sqlite3_stmt	*stmt;
	char		*out = xstrdup(""), *old;
	const char	*msg;
	int		 rc, problems = 0;

	if (sqlite3_prepare_v2(db->h, "PRAGMA integrity_check", -1, &stmt,
	    NULL) != SQLITE_OK) {
		free(out);
		return db_fail(db, cause, "cannot check integrity");
	}
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		msg = (const char *)sqlite3_column_text(stmt, 0);
		if (msg == NULL || strcmp(msg, "ok") == 0)
			continue;
		old = out;
		out = xasprintf("%s%s\n", old, msg);
		free(old);
		problems++;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE) {
		free(out);
		return db_fail(db, cause, "cannot check integrity");
	}
	if (sqlite3_prepare_v2(db->h, "PRAGMA foreign_key_check", -1, &stmt,
	    NULL) != SQLITE_OK) {
		free(out);
		return db_fail(db, cause, "cannot check foreign keys");
	}
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		old = out;
		out = xasprintf("%srow %lld of table %s refers to a missing %s "
		    "row\n", old, sqlite3_column_int64(stmt, 1),
		    sqlite3_column_text(stmt, 0), sqlite3_column_text(stmt, 2));
		free(old);
		problems++;
	}
	sqlite3_finalize(stmt);
	if (problems == 0) {
		free(out);
		out = xstrdup("ok\n");
	}
	*report = out;
	return problems;
}
