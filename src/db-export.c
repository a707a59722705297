/*
 * The SQL side of exporting: read transactions for a consistent walk, the
 * VACUUM INTO snapshot that becomes a bundle with its manifest, and the check
 * that a bundle on disk is whole. Naming, syncing and renaming the file is
 * export-bundle.c's job; nothing here writes to the inspection being exported.
 */
#include "config.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-internal.h"
#include "util.h"

int
db_read_begin(struct db *db, char **cause)
{
	if (db->depth != 0)
		return 0;	/* already inside the caller's transaction */
	if (sqlite3_exec(db->h, "BEGIN DEFERRED", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, cause, "cannot start reading");
	return 0;
}

void
db_read_end(struct db *db)
{
	if (db->depth == 0 && !sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
}

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

/* What a bundle's digest covers, each query in a stable order. */
static const char *const digest_sql[] = {
	"SELECT uid, service, type, bank_id, bank_version, bank_hash, owner "
	    "FROM inspection ORDER BY id",
	"SELECT id, name FROM inspector ORDER BY id",
	"SELECT id, kind, ref, case_type, manager, inspector, macd, contact, "
	    "status, created_at, updated_at FROM cases ORDER BY id",
	"SELECT case_id, question, value, note, inspector, updated_at FROM "
	    "answer ORDER BY case_id, question",
	"SELECT id, case_id, question, old_value, old_note, new_value, "
	    "new_note, inspector, at FROM answer_history ORDER BY id",
	"SELECT id, case_id, event, reason, inspector, at FROM case_event "
	    "ORDER BY id",
	/* Where merged cases were read: what tells readers' files apart. */
	"SELECT co.case_id, coalesce(co.source_uid, ml.source_uid) FROM "
	    "case_origin co JOIN merge_log ml ON ml.id = co.merge_id ORDER BY "
	    "co.case_id",
};

/*
 * The digest's hash: each 64-bit word multiplied in and folded down (the mixing
 * step of the usual multiply-xorshift hashes), eight bytes at a time: it is
 * read over every row of a bundle, twice per merge, so bytes one at a time
 * (FNV-1a) cost more than the rows.
 */
static uint64_t
digest_word(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 29);
}

static uint64_t
digest_bytes(uint64_t h, const unsigned char *p, size_t n)
{
	uint64_t	w;
	size_t		i;

	for (; n >= 8; p += 8, n -= 8) {
		for (w = 0, i = 0; i < 8; i++)
			w |= (uint64_t)p[i] << (8 * i);
		h = digest_word(h, w);
	}
	for (w = 0, i = 0; i < n; i++)
		w |= (uint64_t)p[i] << (8 * i);
	return n > 0 ? digest_word(h, w) : h;
}

/* A value with its type and length first, so no two row sets hash alike by shifting. */
static uint64_t
digest_value(uint64_t h, int type, const void *data, unsigned long long n)
{
	h = digest_word(h, (uint64_t)type | (data != NULL ? n << 8 : 0));
	return data != NULL ? digest_bytes(h, data, (size_t)n) :
	    digest_word(h, n);
}

int
db_bundle_digest(sqlite3 *h, const char *exporter, const char *exported_at,
    const char *source_uid, char out[DB_DIGEST_LEN], db_digest_visit_fn visit,
    void *arg)
{
	const char *const	 manifest[] = { exporter, exported_at, source_uid };
	sqlite3_value		*cols[DB_DIGEST_MAXCOLS];
	sqlite3_stmt		*stmt;
	uint64_t		 d = 0x6361736572656164ULL;	/* "caseread" */
	size_t			 q, i;
	int			 rc, col, ncols, type;

	for (i = 0; i < sizeof manifest / sizeof manifest[0]; i++)
		d = digest_value(d, SQLITE_TEXT, manifest[i], strlen(manifest[i]));
	for (q = 0; q < sizeof digest_sql / sizeof digest_sql[0]; q++) {
		if (sqlite3_prepare_v2(h, digest_sql[q], -1, &stmt,
		    NULL) != SQLITE_OK)
			return -1;
		ncols = sqlite3_column_count(stmt);
		assert(ncols <= DB_DIGEST_MAXCOLS);
		while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
			/* Values, not columns: one lookup each, not three. */
			for (col = 0; col < ncols; col++) {
				cols[col] = sqlite3_column_value(stmt, col);
				type = sqlite3_value_type(cols[col]);
				if (type == SQLITE_NULL)
					d = digest_value(d, type, NULL, 0);
				else if (type == SQLITE_INTEGER)
					d = digest_value(d, type, NULL,
					    (unsigned long long)
					    sqlite3_value_int64(cols[col]));
				else {
					/* Text, and anything else as its text. */
					const unsigned char *t =
					    sqlite3_value_text(cols[col]);

					d = digest_value(d, type, t,
					    (unsigned long long)
					    sqlite3_value_bytes(cols[col]));
				}
			}
			d = digest_value(d, 0, NULL, q);	/* end of row */
			if (visit != NULL && visit(arg, q, cols, ncols) != 0) {
				sqlite3_finalize(stmt);
				return 1;
			}
		}
		sqlite3_finalize(stmt);
		if (rc != SQLITE_DONE)
			return -1;
	}
	snprintf(out, DB_DIGEST_LEN, "%016llx", (unsigned long long)d);
	return 0;
}

int
db_bundle_check_digest(sqlite3 *h, const char *path, db_digest_visit_fn visit,
    void *arg, char **cause)
{
	static const char sql[] = "SELECT inspector, exported_at, source_uid, "
	    "digest FROM bundle WHERE id = 1";
	sqlite3_stmt	*stmt;
	char		*said[4] = { NULL, NULL, NULL, NULL }, have[DB_DIGEST_LEN];
	const char	*t;
	int		 rc, i, ok = 0;

	if (sqlite3_prepare_v2(h, sql, -1, &stmt, NULL) != SQLITE_OK)
		return util_fail(cause, "'%s' has no readable bundle manifest: "
		    "%s", path, sqlite3_errmsg(h));
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (i = 0; i < 4; i++) {
			t = (const char *)sqlite3_column_text(stmt, i);
			said[i] = xstrdup(t != NULL ? t : "");
		}
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW)
		util_fail(cause, "'%s' has no bundle manifest", path);
	else if (said[3][0] == '\0')
		util_fail(cause, "'%s' is damaged: its manifest has no digest of "
		    "its rows", path);
	else if ((rc = db_bundle_digest(h, said[0], said[1], said[2], have,
	    visit, arg)) != 0) {
		if (rc < 0)
			util_fail(cause, "cannot read the rows of '%s': %s",
			    path, sqlite3_errmsg(h));
		/* else the visitor said why, in its own words. */
	}
	else if (strcmp(have, said[3]) != 0)
		util_fail(cause, "'%s' is damaged: its rows do not match the "
		    "digest in its manifest (%s, not %s): it changed after it "
		    "was exported; ask for it again", path, have, said[3]);
	else
		ok = 1;
	for (i = 0; i < 4; i++)
		free(said[i]);
	return ok ? 0 : -1;
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
	if (rc != SQLITE_OK) {
		sqlite3_close(h);
		return DB_PROBE_NONE;
	}
	if (single_int(h, "PRAGMA application_id", &app) == 0 &&
	    app == DB_APPLICATION_ID) {
		/* Files before schema 3 have no manifest table: inspections. */
		if (single_int(h, "SELECT count(*) FROM bundle", &rows) != 0)
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
	char		 digest[DB_DIGEST_LEN];
	int		 rc;

	/* VACUUM INTO reads one snapshot: a writer beside us cannot tear it. */
	if (sqlite3_prepare_v2(db->h, "VACUUM INTO ?", -1, &stmt,
	    NULL) != SQLITE_OK)
		return db_fail(db, cause, "cannot snapshot");
	sqlite3_bind_text(stmt, 1, path, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return util_fail(cause, "cannot write a snapshot of '%s' to "
		    "'%s': %s", db->path, path, sqlite3_errmsg(db->h));

	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		goto fail;
	/*
	 * A bundle travels alone: a rollback journal, not WAL, so it needs no
	 * side files; secure_delete so dropped settings do not linger.
	 */
	if (sqlite3_exec(h, "PRAGMA journal_mode = DELETE; PRAGMA "
	    "secure_delete = ON; PRAGMA synchronous = FULL; BEGIN IMMEDIATE; "
	    "DELETE FROM setting; DELETE FROM bundle", NULL, NULL,
	    NULL) != SQLITE_OK)
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
	    digest, NULL, NULL) != 0 ||
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
		return util_fail(cause, "cannot finish '%s'", path);
	return 0;

fail:
	util_fail(cause, "cannot write the bundle manifest to '%s': %s", path,
	    h != NULL ? sqlite3_errmsg(h) : "out of memory");
	sqlite3_close(h);
	return -1;
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
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		util_fail(cause, "cannot reopen '%s' to check it: %s", path,
		    h != NULL ? sqlite3_errmsg(h) : "out of memory");
		sqlite3_close(h);
		return -1;
	}
	if (single_int(h, "PRAGMA application_id", &app) != 0 ||
	    app != DB_APPLICATION_ID ||
	    single_int(h, "PRAGMA user_version", &version) != 0 ||
	    version != db_schema_latest()) {
		util_fail(cause, "'%s' did not come out as a caseread file of "
		    "schema %d", path, db_schema_latest());
		goto out;
	}
	if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &stmt,
	    NULL) != SQLITE_OK) {
		util_fail(cause, "cannot check '%s': %s", path,
		    sqlite3_errmsg(h));
		goto out;
	}
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		msg = (const char *)sqlite3_column_text(stmt, 0);
		if (msg != NULL && strcmp(msg, "ok") != 0) {
			util_fail(cause, "'%s' failed its integrity check: %s",
			    path, msg);
			sqlite3_finalize(stmt);
			goto out;
		}
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE) {
		util_fail(cause, "cannot check '%s': %s", path,
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
		util_fail(cause, "'%s' has no readable bundle manifest", path);
		goto out;
	}
	if (memcmp(&have, &said, sizeof have) != 0 ||
	    memcmp(&have, want, sizeof have) != 0) {
		util_fail(cause, "'%s' holds %lld cases, %lld answers, %lld "
		    "history rows, %lld events, not the %lld, %lld, %lld, %lld "
		    "exported", path, have.cases, have.answers, have.history,
		    have.events, want->cases, want->answers, want->history,
		    want->events);
		goto out;
	}
	if (db_bundle_check_digest(h, path, NULL, NULL, cause) != 0)
		goto out;
	ok = 1;
out:
	sqlite3_close(h);
	return ok ? 0 : -1;
}
