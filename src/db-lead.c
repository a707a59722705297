/*
 * The inspection kit and sealed bundles, storage side (issue 12): a file's
 * inspection uid and lead key, the kit the lead makes for each inspector, and
 * opening a bundle for merging, decrypted into memory when it is sealed. The
 * format itself is seal.c's; the merge's other checks are db-merge-check.c's.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "db-internal.h"
#include "keyfile.h"
#include "seal.h"
#include "util.h"

void
db_lead_clear(struct db_lead *l)
{
	free(l->inspection_uid);
	free(l->key);
	free(l->sealed_to);
	memset(l, 0, sizeof *l);
}

int
db_lead_get(struct db *db, struct db_lead *l, char **cause)
{
	static const char sql[] = "SELECT coalesce(inspection_uid, uid), "
	    "lead_key, sealed_to, coalesce(inspection_uid, uid) != uid "
	    "FROM inspection WHERE id = 1";
	sqlite3_stmt	*stmt;
	int		 rc;

	memset(l, 0, sizeof *l);
	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return -1;
	if ((rc = db_step_row(db, stmt, "cannot read the inspection",
	    cause)) <= 0)
		return rc < 0 ? rc : err_fail(cause, ERR_DAMAGED, "'%s' is "
		    "damaged: it has no inspection row", db->path);
	l->inspection_uid = db_column_dup(stmt, 0);
	if (sqlite3_column_type(stmt, 1) != SQLITE_NULL)
		l->key = db_column_dup(stmt, 1);
	if (sqlite3_column_type(stmt, 2) != SQLITE_NULL)
		l->sealed_to = db_column_dup(stmt, 2);
	l->kit = sqlite3_column_int(stmt, 3);
	sqlite3_reset(stmt);
	return 0;
}

static int
set_text(struct db *db, const char *sql, const char *value, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if ((rc = db_txn_begin(db, "lead_key", cause)) != 0)
		return rc;
	if ((stmt = db_stmt(db, sql, cause)) == NULL)
		return db_txn_finish(db, "lead_key", -1, NULL);
	if (value != NULL)
		sqlite3_bind_text(stmt, 1, value, -1, SQLITE_STATIC);
	rc = db_step(db, stmt, "cannot record the lead key", cause);
	return db_txn_finish(db, "lead_key", rc, cause);
}

int
db_lead_set_key(struct db *db, const char *key, char **cause)
{
	static const char sql[] = "UPDATE inspection SET lead_key = ? "
	    "WHERE id = 1";

	return set_text(db, sql, key, cause);
}

int
db_lead_set_sealed(struct db *db, const char *fpr, char **cause)
{
	static const char sql[] = "UPDATE inspection SET sealed_to = ? "
	    "WHERE id = 1";

	return set_text(db, sql, fpr, cause);
}

static void
unlink_all(const char *path)
{
	static const char *const sides[] = { "-wal", "-shm", "-journal" };
	char	*side;
	size_t	 i;

	for (i = 0; i < sizeof sides / sizeof sides[0]; i++) {
		side = xasprintf("%s%s", path, sides[i]);
		unlink(side);
		free(side);
	}
	unlink(path);
}

struct db *
db_kit_create(struct db *lead, const char *path, const char *inspector,
    char **cause)
{
	static const char sql[] = "UPDATE inspection SET inspection_uid = ?, "
	    "lead_key = ?, min_children = ?, min_victims = ? WHERE id = 1";
	const struct db_inspection	*insp = &lead->insp;
	struct db_init			 init;
	struct db_lead			 l;
	struct db			*kit;
	sqlite3_stmt			*stmt;

	if (db_lead_get(lead, &l, cause) != 0)
		return NULL;
	memset(&init, 0, sizeof init);
	init.service = insp->service;
	init.type = insp->type;
	init.owner = inspector;
	init.start_date = *insp->start_date != '\0' ? insp->start_date : NULL;
	init.end_date = *insp->end_date != '\0' ? insp->end_date : NULL;
	init.bank = lead->bank;
	if ((kit = db_create(path, &init, cause)) == NULL) {
		db_lead_clear(&l);
		return NULL;
	}
	if ((stmt = db_stmt(kit, sql, cause)) == NULL)
		goto fail;
	sqlite3_bind_text(stmt, 1, l.inspection_uid, -1, SQLITE_STATIC);
	if (l.key != NULL)
		sqlite3_bind_text(stmt, 2, l.key, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 3, insp->min_children);
	sqlite3_bind_int(stmt, 4, insp->min_victims);
	if (db_step(kit, stmt, "cannot record the inspection", cause) != 0)
		goto fail;
	db_lead_clear(&l);
	/* Reopened, so the sample sizes read back are the lead's. */
	db_close(kit);
	if ((kit = db_open(path, 0, cause)) == NULL)
		unlink_all(path);
	return kit;

fail:
	db_lead_clear(&l);
	db_close(kit);
	unlink_all(path);
	return NULL;
}

int
db_set_bundle_key(struct db *lead, const struct keyfile_pair *kp,
    char **cause)
{
	struct db_lead	l;

	if (db_lead_get(lead, &l, cause) != 0)
		return -1;
	free(lead->merge_uid);
	lead->merge_uid = l.inspection_uid;
	l.inspection_uid = NULL;
	db_lead_clear(&l);
	lead->bundle_key = kp;
	return 0;
}

void
db_image_wipe(struct db *db)
{
	unsigned char	*p;
	sqlite3_int64	 n = 0;

	/* NOCOPY: the image itself, which sqlite3_close would free unwiped. */
	if (db->h != NULL && (p = sqlite3_serialize(db->h, "main", &n,
	    SQLITE_SERIALIZE_NOCOPY)) != NULL && n > 0)
		sodium_memzero(p, (size_t)n);
}

static void *
image_alloc(size_t n)
{
	return sqlite3_malloc64(n);
}

/* A sealed bundle, opened into memory: the plaintext never touches a disk. */
static struct db *
open_sealed(struct db *lead, const char *path, const unsigned char *buf,
    size_t len, int flags, char **cause)
{
	struct seal_header	 h;
	struct db		*db;
	unsigned char		*plain;
	size_t			 hlen, plen;

	if (seal_header_parse(buf, len, path, &h, &hlen, cause) != 0)
		return NULL;
	if (lead != NULL && lead->merge_uid != NULL &&
	    strcmp(lead->merge_uid, h.inspection) != 0) {
		util_fail(cause, "'%s' (exported by %s) belongs to another "
		    "inspection (uid %s, not %s's)", path, h.inspector,
		    h.inspection, lead->path);
		seal_header_clear(&h);
		return NULL;
	}
	seal_header_clear(&h);
	if (lead == NULL || lead->bundle_key == NULL) {
		util_fail(cause, "'%s' is sealed to the lead's key: give --key "
		    "KEYFILE to open it", path);
		return NULL;
	}
	if (seal_decrypt(buf, len, path, lead->bundle_key, image_alloc,
	    sqlite3_free, &plain, &plen, cause) != 0)
		return NULL;
	db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	db->image = 1;
	db->readonly = 1;
	db->readonly_why = "it is open read-only";
	if (sqlite3_open_v2(":memory:", &db->h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		sqlite3_free(plain);
		util_fail(cause, "cannot open '%s': out of memory", path);
		db_close(db);
		return NULL;
	}
	sqlite3_extended_result_codes(db->h, 1);
	/* Decrypted is not trusted: the same guards as a bundle on disk. */
	if (db_harden(db->h) != 0) {
		sqlite3_free(plain);
		util_fail(cause, "cannot open '%s': cannot set SQLite's "
		    "defensive mode", path);
		db_close(db);
		return NULL;
	}
	if (flags & DB_BUNDLE)
		db_bound(db);
	/* A WAL header would send the in-memory image looking for a -wal file. */
	if (plen >= 20 && (plain[18] == 2 || plain[19] == 2)) {
		plain[18] = 1;
		plain[19] = 1;
	}
	/* FREEONCLOSE: from here the buffer is SQLite's, freed with the db. */
	if (sqlite3_deserialize(db->h, "main", plain, (sqlite3_int64)plen,
	    (sqlite3_int64)plen, SQLITE_DESERIALIZE_READONLY |
	    SQLITE_DESERIALIZE_FREEONCLOSE) != SQLITE_OK) {
		util_fail(cause, "cannot open '%s' in memory: %s", path,
		    sqlite3_errmsg(db->h));
		db_close(db);
		return NULL;
	}
	return db_open_connected(db, flags, NULL, cause);
}

struct db *
db_bundle_open(struct db *lead, const char *path, int flags,
    enum err_code *code, char **cause)
{
	struct db	*b;
	struct db_lead	 theirs;
	char		*buf;
	size_t		 len;
	enum err_code	 dummy;

	if (code == NULL)
		code = &dummy;
	*code = ERR_REFUSED;

	if (seal_file_is_sealed(path)) {
		if (util_read_file(path, &buf, &len, cause) != 0)
			return NULL;
		b = open_sealed(lead, path, (unsigned char *)buf, len, flags,
		    cause);
		free(buf);
		return b;
	}
	if ((b = db_open_code(path, flags, code, cause)) == NULL ||
	    lead == NULL ||
	    lead->merge_uid == NULL)
		return b;
	/*
	 * A plain bundle from a kit file must belong to the lead's inspection;
	 * one from a file of its own init keeps the service, type and bank checks.
	 */
	if (db_lead_get(b, &theirs, cause) != 0) {
		db_close(b);
		return NULL;
	}
	if (theirs.kit && strcmp(lead->merge_uid, theirs.inspection_uid) != 0) {
		util_fail(cause, "'%s' (exported by %s) belongs to another "
		    "inspection (uid %s, not %s's)", path, b->insp.owner,
		    theirs.inspection_uid, lead->path);
		db_lead_clear(&theirs);
		db_close(b);
		return NULL;
	}
	db_lead_clear(&theirs);
	return b;
}
