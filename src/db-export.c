/*
 * The SQL side of exporting: read transactions for a consistent walk, the
 * VACUUM INTO snapshot that becomes a bundle with its manifest, and the check
 * that a bundle on disk is whole. Naming, syncing and renaming the file is
 * export-bundle.c's job; nothing here writes to the inspection being exported.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-internal.h"
#include "util.h"

/* Count the rows a bundle is made of, on connection h. */
static int
count_rows(sqlite3 *h, struct db_bundle_counts *c)
{
	static const char sql[] = "SELECT (SELECT count(*) FROM cases), "
	    "(SELECT count(*) FROM answer), (SELECT count(*) FROM "
	    "answer_history), (SELECT count(*) FROM case_event)";
	sqlite3_stmt	*stmt;
	int		 rc;

	if (sqlite3_prepare_v2(h, sql, -1, &stmt, NULL) != SQLITE_OK)
		return -1;
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		c->cases = sqlite3_column_int64(stmt, 0);
		c->answers = sqlite3_column_int64(stmt, 1);
		c->history = sqlite3_column_int64(stmt, 2);
		c->events = sqlite3_column_int64(stmt, 3);
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? 0 : -1;
}

static int
single_int(sqlite3 *h, const char *sql, long long *out)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if (sqlite3_prepare_v2(h, sql, -1, &stmt, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(stmt);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int
db_bundle_probe(const char *path)
{
	sqlite3		*h;
	char		*uri;
	long long	 app = 0, rows = -1;
	int		 kind = DB_PROBE_NONE, rc;

	/*
	 * A write-ahead log beside it: a live or crashed WAL file, which a
	 * bundle never is, and whose newest pages (even its header) may be in
	 * the log. Opening it, even read-only, would leave side files behind.
	 */
	if (db_side_file_exists(path, "-wal"))
		return DB_PROBE_INSPECTION;
	/* Immutable: reading it creates no -shm or -wal beside someone's file. */
	uri = db_immutable_uri(path);
	rc = sqlite3_open_v2(uri, &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
	    NULL);
	free(uri);
	if (rc != SQLITE_OK || db_harden(h) != 0) {
		sqlite3_close(h);
		return DB_PROBE_NONE;
	}
	if (single_int(h, "PRAGMA application_id", &app) == 0 &&
	    app == DB_APPLICATION_ID) {
		/*
		 * Files before schema 3 have no manifest table: inspections.
		 * Counted only when a table: a view could run for ever.
		 */
		if (single_int(h, "SELECT count(*) FROM sqlite_schema WHERE "
		    "type = 'table' AND name = 'bundle'", &rows) != 0 ||
		    rows != 1 ||
		    single_int(h, "SELECT count(*) FROM bundle", &rows) != 0)
			rows = 0;
		kind = rows > 0 ? DB_PROBE_BUNDLE : DB_PROBE_INSPECTION;
	}
	sqlite3_close(h);
	return kind;
}

int
db_export_snapshot(struct db *db, const char *path, const char *exporter,
    const char *exported_at, struct db_bundle_counts *counts, char **cause)
{
	static const char manifest_sql[] = "INSERT INTO bundle (id, inspector, "
	    "exported_at, source_uid, program, cases, answers, history, events) "
	    "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt	*stmt;
	sqlite3		*h = NULL;
	char		 digest[DB_DIGEST_LEN], *uri;
	int		 rc;

	/* VACUUM INTO reads one snapshot: a writer beside us cannot tear it. */
	if (sqlite3_prepare_v2(db->h, "VACUUM INTO ?", -1, &stmt,
	    NULL) != SQLITE_OK)
		return db_fail(db, cause, "cannot snapshot");
	/* Named as a URI: the connection reads file names as URIs. */
	uri = db_uri(path, NULL);
	sqlite3_bind_text(stmt, 1, uri, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	free(uri);
	if (rc != SQLITE_DONE)
		return err_fail(cause, db_err_code(db->h), "cannot write a "
		    "snapshot of '%s' to '%s': %s", db->path, path,
		    sqlite3_errmsg(db->h));

	if (db_sqlite_open(path, &h, SQLITE_OPEN_READWRITE) != SQLITE_OK ||
	    db_harden(h) != 0)
		goto fail;
	/*
	 * A bundle travels alone: a rollback journal, not WAL, so it needs no
	 * side files; secure_delete so dropped settings do not linger.
	 */
	/*
	 * Each case carries when it last changed, answers included, so the lead
	 * reads it from the row instead of from every answer of every case.
	 */
	if (sqlite3_exec(h, "PRAGMA journal_mode = DELETE; PRAGMA "
	    "secure_delete = ON; PRAGMA synchronous = FULL; BEGIN IMMEDIATE; "
	    "DELETE FROM setting; DELETE FROM bundle; UPDATE cases AS c SET "
	    "updated_at = " DB_CASE_CHANGED, NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	if (count_rows(h, counts) != 0)
		goto fail;
	if (sqlite3_prepare_v2(h, manifest_sql, -1, &stmt, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(stmt, 1, exporter, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, exported_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, db->insp.uid, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, PACKAGE_NAME " " PACKAGE_VERSION, -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 5, counts->cases);
	sqlite3_bind_int64(stmt, 6, counts->answers);
	sqlite3_bind_int64(stmt, 7, counts->history);
	sqlite3_bind_int64(stmt, 8, counts->events);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		goto fail;
	if (db_bundle_digest(h, exporter, exported_at, db->insp.uid,
	    digest) != 0 ||
	    sqlite3_prepare_v2(h, "UPDATE bundle SET digest = ?", -1, &stmt,
	    NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(stmt, 1, digest, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE ||
	    sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	if (sqlite3_close(h) != SQLITE_OK)
		return err_fail(cause, ERR_IO, "cannot finish '%s'", path);
	return 0;

fail:
	rc = err_fail(cause, h != NULL ? db_err_code(h) : ERR_FAILED, "cannot "
	    "write the bundle manifest to '%s': %s", path, h != NULL ?
	    sqlite3_errmsg(h) : "out of memory");
	sqlite3_close(h);
	return rc;
}

int
db_export_verify(const char *path, const struct db_bundle_counts *want,
    char **cause)
{
	static const char manifest_sql[] = "SELECT cases, answers, history, "
	    "events FROM bundle WHERE id = 1";
	struct db_bundle_counts	 have, said;
	sqlite3_stmt		*stmt;
	sqlite3			*h;
	const char		*msg;
	long long		 app = 0, version = 0;
	int			 rc, ok = 0;

	memset(&said, 0, sizeof said);
	if (db_sqlite_open(path, &h, SQLITE_OPEN_READONLY) != SQLITE_OK) {
		rc = err_fail(cause, ERR_IO, "cannot reopen '%s' to check it: "
		    "%s", path, h != NULL ? sqlite3_errmsg(h) :
		    "out of memory");
		sqlite3_close(h);
		return rc;
	}
	if (db_harden(h) != 0 ||
	    single_int(h, "PRAGMA application_id", &app) != 0 ||
	    app != DB_APPLICATION_ID ||
	    single_int(h, "PRAGMA user_version", &version) != 0 ||
	    version != db_schema_latest()) {
		err_fail(cause, ERR_DAMAGED, "'%s' did not come out as a "
		    "caseread file of schema %d", path, db_schema_latest());
		goto out;
	}
	if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &stmt,
	    NULL) != SQLITE_OK) {
		err_fail(cause, ERR_DAMAGED, "cannot check '%s': %s", path,
		    sqlite3_errmsg(h));
		goto out;
	}
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		msg = (const char *)sqlite3_column_text(stmt, 0);
		if (msg != NULL && strcmp(msg, "ok") != 0) {
			err_fail(cause, ERR_DAMAGED, "'%s' failed its "
			    "integrity check: %s", path, msg);
			sqlite3_finalize(stmt);
			goto out;
		}
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE) {
		err_fail(cause, ERR_DAMAGED, "cannot check '%s': %s", path,
		    sqlite3_errmsg(h));
		goto out;
	}
	if (sqlite3_prepare_v2(h, manifest_sql, -1, &stmt, NULL) != SQLITE_OK)
		rc = SQLITE_ERROR;
	else {
		if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
			said.cases = sqlite3_column_int64(stmt, 0);
			said.answers = sqlite3_column_int64(stmt, 1);
			said.history = sqlite3_column_int64(stmt, 2);
			said.events = sqlite3_column_int64(stmt, 3);
		}
		sqlite3_finalize(stmt);
	}
	if (rc != SQLITE_ROW || count_rows(h, &have) != 0) {
		err_fail(cause, ERR_DAMAGED, "'%s' has no readable bundle "
		    "manifest", path);
		goto out;
	}
	if (memcmp(&have, &said, sizeof have) != 0 ||
	    memcmp(&have, want, sizeof have) != 0) {
		err_fail(cause, ERR_DAMAGED, "'%s' holds %lld cases, %lld "
		    "answers, %lld history rows, %lld events, not the %lld, "
		    "%lld, %lld, %lld exported", path, have.cases, have.answers,
		    have.history, have.events, want->cases, want->answers,
		    want->history, want->events);
		goto out;
	}
	if (db_bundle_check_digest(h, path, cause) != 0)
		goto out;
	ok = 1;
out:
	sqlite3_close(h);
	/* What was written is not what was read: the copy is damaged. */
	return ok ? 0 : -ERR_DAMAGED;
}
