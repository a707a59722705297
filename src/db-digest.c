/*
 * The digest of an export bundle's rows: what a bundle carries, read table by
 * table in key order, hashed as it is read, so that a bundle whose pages are
 * whole but whose text changed is told from the one exported. Export makes it
 * in one go; merge feeds it the rows it copies, so a bundle is read once.
 * It finds damage, not a forger.
 */
#include "config.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-internal.h"
#include "util.h"

/*
 * What the digest covers, table by table (enum db_digest_table), each in a
 * stable order. A merge copies answers, history and events with these very
 * queries, which is what lets it digest them on the way.
 */
const char *const db_digest_sql[DB_DIGEST_NTABLES] = {
	[DB_DIGEST_INSPECTION] = "SELECT uid, service, type, bank_id, "
	    "bank_version, bank_hash, owner FROM inspection ORDER BY id",
	[DB_DIGEST_INSPECTOR] = "SELECT id, name FROM inspector ORDER BY id",
	[DB_DIGEST_CASES] = "SELECT id, kind, ref, case_type, manager, "
	    "inspector, macd, contact, status, created_at, updated_at, "
	    "withdrawn, manager_interviewed, period_start, period_end, "
	    "victim_worker, interview FROM cases ORDER BY id",
	[DB_DIGEST_ANSWER] = "SELECT case_id, question, value, note, inspector, "
	    "updated_at FROM answer ORDER BY case_id, question",
	[DB_DIGEST_HISTORY] = "SELECT case_id, question, old_value, old_note, "
	    "new_value, new_note, inspector, at FROM answer_history ORDER BY id",
	[DB_DIGEST_EVENT] = "SELECT case_id, event, reason, inspector, at FROM "
	    "case_event ORDER BY id",
	/* Where merged cases were read: what tells readers' files apart. */
	[DB_DIGEST_ORIGIN] = "SELECT co.case_id, coalesce(co.source_uid, "
	    "ml.source_uid) FROM case_origin co JOIN merge_log ml ON ml.id = "
	    "co.merge_id ORDER BY co.case_id",
};

/*
 * The hash: each 64-bit word multiplied in and folded down (the mixing step of
 * the usual multiply-xorshift hashes), eight bytes at a time: it runs over
 * every row of a bundle, so bytes one at a time (FNV-1a) cost more than the
 * rows.
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

void
db_digest_begin(struct db_digest *d, const char *exporter,
    const char *exported_at, const char *source_uid)
{
	const char *const	manifest[] = { exporter, exported_at, source_uid };
	size_t			i;

	d->h = 0x6361736572656164ULL;	/* "caseread" */
	d->next = 0;
	for (i = 0; i < sizeof manifest / sizeof manifest[0]; i++)
		d->h = digest_value(d->h, SQLITE_TEXT, manifest[i],
		    strlen(manifest[i]));
}

void
db_digest_row(struct db_digest *d, size_t table, sqlite3_value **cols,
    int ncols)
{
	const unsigned char	*t;
	int			 col, type;

	/* Tables in their order, never back: a merge out of order is a bug. */
	assert(table + 1 >= d->next);
	d->next = table + 1;
	for (col = 0; col < ncols; col++) {
		type = sqlite3_value_type(cols[col]);
		if (type == SQLITE_NULL)
			d->h = digest_value(d->h, type, NULL, 0);
		else if (type == SQLITE_INTEGER)
			d->h = digest_value(d->h, type, NULL, (unsigned long long)
			    sqlite3_value_int64(cols[col]));
		else {
			/* Text, and anything else as its text. */
			t = sqlite3_value_text(cols[col]);
			d->h = digest_value(d->h, type, t, (unsigned long long)
			    sqlite3_value_bytes(cols[col]));
		}
	}
	d->h = digest_value(d->h, 0, NULL, table);	/* end of row */
}

void
db_digest_hex(const struct db_digest *d, char out[DB_DIGEST_LEN])
{
	snprintf(out, DB_DIGEST_LEN, "%016llx", (unsigned long long)d->h);
}

int
db_digest_table(struct db_digest *d, sqlite3 *h, size_t table,
    db_digest_visit_fn visit, void *arg)
{
	sqlite3_value	*cols[DB_DIGEST_MAXCOLS];
	sqlite3_stmt	*stmt;
	int		 rc, col, ncols;

	if (sqlite3_prepare_v2(h, db_digest_sql[table], -1, &stmt,
	    NULL) != SQLITE_OK)
		return -1;
	ncols = sqlite3_column_count(stmt);
	assert(ncols <= DB_DIGEST_MAXCOLS);
	/* An empty table is still passed, so the order check above holds. */
	d->next = table + 1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (col = 0; col < ncols; col++)
			cols[col] = sqlite3_column_value(stmt, col);
		/* Shown first: the digest reads values as text, which converts. */
		if (visit != NULL && visit(arg, table, cols, ncols) != 0) {
			sqlite3_finalize(stmt);
			return 1;
		}
		db_digest_row(d, table, cols, ncols);
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
db_bundle_digest(sqlite3 *h, const char *exporter, const char *exported_at,
    const char *source_uid, char out[DB_DIGEST_LEN])
{
	struct db_digest	d;
	size_t			t;

	db_digest_begin(&d, exporter, exported_at, source_uid);
	for (t = 0; t < DB_DIGEST_NTABLES; t++) {
		if (db_digest_table(&d, h, t, NULL, NULL) != 0)
			return -1;
	}
	db_digest_hex(&d, out);
	return 0;
}

int
db_digest_mismatch(const char *path, const char *have, const char *said,
    char **cause)
{
	return util_fail(cause, "'%s' is damaged: its rows do not match the "
	    "digest in its manifest (%s, not %s): it changed after it was "
	    "exported; ask for it again", path, have, said);
}

int
db_bundle_check_digest(sqlite3 *h, const char *path, char **cause)
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
	else if (db_bundle_digest(h, said[0], said[1], said[2], have) != 0)
		util_fail(cause, "cannot read the rows of '%s': %s", path,
		    sqlite3_errmsg(h));
	else if (strcmp(have, said[3]) != 0)
		db_digest_mismatch(path, have, said[3], cause);
	else
		ok = 1;
	for (i = 0; i < 4; i++)
		free(said[i]);
	return ok ? 0 : -1;
}
