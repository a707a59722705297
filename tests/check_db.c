/*
 * Storage: creating, reopening and migrating inspection files; refusing foreign,
 * newer and damaged ones without writing to them; cases, answers and history.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "db-case.h"
#include "db-internal.h"
#include "testlib.h"
#include "util.h"

static void
teardown(void)
{
	test_cleanup();
}

static char *
slurp(const char *path, size_t *len)
{
	char	*buf;

	ck_assert_int_eq(util_read_file(path, &buf, len, NULL), 0);
	return buf;
}

static long long
add_child(struct db *db, const char *ref, unsigned type)
{
	struct db_case	 c;
	char		*cause = NULL;

	memset(&c, 0, sizeof c);
	c.kind = QB_CHILD;
	c.ref = (char *)ref;
	c.type = type;
	c.manager = (char *)"JB";
	ck_assert_msg(db_case_add(db, &c, &cause) == 0, "%s", cause);
	return c.id;
}

START_TEST(test_create_and_reopen)
{
	struct db			*db;
	const struct db_inspection	*insp;
	struct stat			 sb;
	char				*path = test_path("a.caseread"), *cause = NULL;

	db = test_db_new("a.caseread", "iyjs");
	db_close(db);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	ck_assert_int_eq(test_sql_int(path, "PRAGMA application_id"),
	    DB_APPLICATION_ID);
	ck_assert_int_eq(test_sql_int(path, "PRAGMA user_version"),
	    db_schema_latest());

	db = db_open(path, 0, &cause);
	ck_assert_msg(db != NULL, "%s", cause);
	insp = db_inspection(db);
	ck_assert_str_eq(insp->service, "Testshire YJS");
	ck_assert_str_eq(insp->type, "iyjs");
	ck_assert_str_eq(insp->owner, "alice");
	ck_assert_str_eq(insp->bank_id, "youth-2025");
	ck_assert_str_eq(insp->bank_hash, db_bank(db)->hash);
	ck_assert_uint_eq(strlen(insp->uid), 32);
	ck_assert_int_eq(insp->min_children, 14);
	ck_assert_int_eq(insp->min_victims, 9);
	ck_assert_str_eq(db_user(db), "alice");
	ck_assert_int_eq(db_schema_version(db), db_schema_latest());
	db_close(db);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM pragma_journal_mode "
	    "WHERE journal_mode = 'wal'"), 1);
	free(path);
}
END_TEST

START_TEST(test_create_refuses_existing_and_bad_input)
{
	struct db_init	 init;
	struct qbank	*bank = qbank_builtin(NULL);
	char		*path = test_path("exists"), *cause = NULL, *buf;
	size_t		 len;

	test_write(path, "keep me", 7);
	memset(&init, 0, sizeof init);
	init.service = "S";
	init.type = "iyjwcv";
	init.owner = "bob";
	init.bank = bank;
	ck_assert_ptr_null(db_create(path, &init, &cause));
	ck_assert_ptr_nonnull(strstr(cause, "cannot create"));
	free(cause);
	buf = slurp(path, &len);
	ck_assert_str_eq(buf, "keep me");
	free(buf);
	free(path);

	path = test_path("new");
	init.type = "iyjx";
	ck_assert_ptr_null(db_create(path, &init, &cause));
	ck_assert_ptr_nonnull(strstr(cause, "iyjwcv or iyjs"));
	free(cause);
	init.type = "iyjs";
	init.start_date = "2025-13-01";
	ck_assert_ptr_null(db_create(path, &init, &cause));
	ck_assert_ptr_nonnull(strstr(cause, "YYYY-MM-DD"));
	free(cause);
	ck_assert_int_ne(access(path, F_OK), 0);	/* nothing left behind */
	free(path);
	qbank_free(bank);
}
END_TEST

/*
 * Open must refuse path as code, with a message naming it (and containing want,
 * when not NULL: what the user reads), leaving it byte-identical.
 */
static void
assert_refused(const char *path, enum err_code code, const char *want)
{
	char		*before, *after, *cause = NULL, *wal;
	size_t		 lb, la;
	enum err_code	 got;

	before = slurp(path, &lb);
	ck_assert_ptr_null(db_open_code(path, 0, &got, &cause));
	ck_assert_msg(got == code, "%s, not %s: %s", err_name(got),
	    err_name(code), cause);
	ck_assert_msg(want == NULL || strstr(cause, want) != NULL,
	    "got \"%s\", want \"%s\"", cause, want);
	ck_assert_ptr_nonnull(strstr(cause, path));
	free(cause);
	after = slurp(path, &la);
	ck_assert_uint_eq(la, lb);
	ck_assert(memcmp(before, after, la) == 0);
	wal = xasprintf("%s-wal", path);
	ck_assert_msg(access(wal, F_OK) != 0, "a WAL was created");
	free(wal);
	free(before);
	free(after);
}

START_TEST(test_refuse_foreign)
{
	char	*path = test_path("foreign.db"), *text = test_path("notes.txt");

	test_sql(path, "CREATE TABLE t (x); INSERT INTO t VALUES (1)");
	assert_refused(path, ERR_FOREIGN, "is not a caseread file");
	test_write(text, "Dear diary, this is not a database at all. "
	    "Padding padding padding padding padding padding padding padding "
	    "padding padding.", 120);
	assert_refused(text, ERR_FOREIGN, "not an SQLite database");
	free(path);
	free(text);
}
END_TEST

/*
 * Each open compares a file with the schema rows generated at build time, and
 * with what the migrations make only when those differ: the two must be the
 * same for every version, or the check would be looser than the migrations.
 */
START_TEST(test_schema_built_same)
{
	char	*cause = NULL;
	int	 v, rc;

	for (v = 1; v <= db_schema_latest(); v++) {
		rc = db_schema_built_same(v, &cause);
		ck_assert_msg(rc == 0, "%s", cause != NULL ? cause : "");
	}
}
END_TEST

/*
 * Issue 11: a file with caseread's id and a known schema number but not that
 * schema's objects (none at all, or one more) is refused byte for byte as it
 * was, never migrated or switched to WAL.
 */
START_TEST(test_refuse_other_schema)
{
	char	*empty = test_path("empty.caseread");
	char	*old = test_path("old.caseread");
	char	*extra = test_path("extra.caseread"), sql[128], want[64];
	struct db *db;

	snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA "
	    "user_version = %d", DB_APPLICATION_ID, db_schema_latest());
	test_sql(empty, sql);
	snprintf(want, sizeof want, "is not a caseread file as schema %d",
	    db_schema_latest());
	assert_refused(empty, ERR_FOREIGN, want);
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA "
	    "user_version = 1", DB_APPLICATION_ID);
	test_sql(old, sql);
	assert_refused(old, ERR_FOREIGN,
	    "is not a caseread file as schema 1");

	db = test_db_new("extra.caseread", "iyjwcv");
	db_close(db);
	test_sql(extra, "CREATE VIEW v AS SELECT 1");
	assert_refused(extra, ERR_FOREIGN, "it has a view 'v'");
	test_sql(extra, "DROP VIEW v; CREATE TABLE t (x)");
	assert_refused(extra, ERR_FOREIGN, "it has a table 't'");
	test_sql(extra, "DROP TABLE t; CREATE TRIGGER tr AFTER INSERT ON "
	    "setting BEGIN DELETE FROM cases; END");
	assert_refused(extra, ERR_FOREIGN,
	    "it has a trigger 'tr'");
	test_sql(extra, "DROP TRIGGER tr");
	db = db_open(extra, 0, NULL);
	ck_assert_ptr_nonnull(db);
	db_close(db);
	free(empty);
	free(old);
	free(extra);
}
END_TEST

START_TEST(test_refuse_newer)
{
	char	*path = test_path("newer.caseread"), sql[64];

	db_close(test_db_new("newer.caseread", "iyjwcv"));
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
	    db_schema_latest() + 1);
	test_sql(path, sql);
	assert_refused(path, ERR_NEWER, NULL);
	free(path);
}
END_TEST

START_TEST(test_refuse_corrupt)
{
	struct db	*db;
	char		*path = test_path("bad.caseread"), *buf;
	size_t		 len, page = 4096, p;
	char		 ref[16];
	int		 i;

	db = test_db_new("bad.caseread", "iyjwcv");
	for (i = 0; i < 200; i++) {
		snprintf(ref, sizeof ref, "C%03d", i);
		add_child(db, ref, QB_COURT);
	}
	db_close(db);
	buf = slurp(path, &len);
	ck_assert_uint_gt(len, 4 * page);
	/* Scribble over every b-tree page header after the first. */
	for (p = page; p + page <= len; p += page)
		memset(buf + p, 0xA5, 16);
	test_write(path, buf, len);
	free(buf);
	assert_refused(path, ERR_DAMAGED, NULL);
	free(path);
}
END_TEST

/*
 * test_dir()/vN.caseread as a caseread of schema v left it: the first v
 * migrations, with a case and an answer in the version-1 shape. Returns its
 * path (the caller frees it).
 */
static char *
old_file(const struct qbank *bank, int v)
{
	sqlite3		*h;
	sqlite3_stmt	*stmt;
	char		*path, name[32], sql[128];
	int		 i;

	snprintf(name, sizeof name, "v%d.caseread", v);
	path = test_path(name);
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d; "
	    "PRAGMA user_version = %d", DB_APPLICATION_ID, v);
	ck_assert_int_eq(sqlite3_exec(h, sql, NULL, NULL, NULL), 0);
	for (i = 0; i < v; i++)
		ck_assert_int_eq(sqlite3_exec(h, db_migrations[i], NULL,
		    NULL, NULL), SQLITE_OK);
	/* Rows in the version-1 shape, which later schemas must keep. */
	ck_assert_int_eq(sqlite3_prepare_v2(h, "INSERT INTO inspection "
	    "(id, uid, service, type, bank_id, bank_version, bank_hash, "
	    "bank_text, owner, created_at) VALUES (1, 'u', 'Old YJS', "
	    "'iyjwcv', ?, ?, ?, ?, 'carol', '2025-01-01')", -1, &stmt,
	    NULL), SQLITE_OK);
	sqlite3_bind_text(stmt, 1, bank->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, bank->version, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, bank->hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, bank->text, (int)bank->len,
	    SQLITE_STATIC);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_DONE);
	sqlite3_finalize(stmt);
	ck_assert_int_eq(sqlite3_exec(h, "INSERT INTO inspector (name) "
	    "VALUES ('carol'); INSERT INTO cases (kind, ref, case_type, "
	    "inspector, created_at, updated_at) VALUES ('child', 'OLD1', "
	    "'court', 1, 'x', 'x'); INSERT INTO answer (case_id, "
	    "question, value, inspector, updated_at) VALUES (1, '2.1.1', "
	    "'yes', 1, 'x')", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	return path;
}

/*
 * A file made with the first v migrations, as an older caseread left it, opens
 * with its data intact and upgraded to the latest schema.
 */
START_TEST(test_migrate_from_every_version)
{
	struct qbank	*bank = qbank_builtin(NULL);
	struct db	*db;
	struct db_case	 c;
	char		*path, *cause = NULL;
	int		 v, tested = 0;

	for (v = 1; v <= db_schema_latest(); v++) {
		path = old_file(bank, v);
		db = db_open(path, 0, &cause);
		ck_assert_msg(db != NULL, "v%d: %s", v, cause);
		ck_assert_int_eq(db_schema_version(db), db_schema_latest());
		ck_assert_int_eq(db_case_find(db, QB_CHILD, "OLD1", &c, NULL), 0);
		ck_assert_int_eq(c.answered, 1);
		ck_assert_str_eq(c.inspector, "carol");
		db_case_clear(&c);
		db_close(db);
		ck_assert_int_eq(test_sql_int(path, "PRAGMA user_version"),
		    db_schema_latest());
		ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM "
		    "pragma_integrity_check WHERE integrity_check <> 'ok'"), 0);
		free(path);
		tested++;
	}
	ck_assert_int_eq(tested, db_schema_latest());
	qbank_free(bank);
}
END_TEST

/*
 * Schema 4 rewrote the constraints' text: in a file migrated from every earlier
 * version, and in a new one, each constraint still refuses what it refused
 * before and accepts what it accepted (NULL where a column allows it).
 */
START_TEST(test_constraints_after_migration)
{
	static const char *const refused[] = {
		"UPDATE inspection SET type = 'iyjx'",
		"INSERT INTO cases (kind, ref, case_type, inspector, created_at, "
		    "updated_at) VALUES ('adult', 'R1', 'court', 1, 'x', 'x')",
		"INSERT INTO cases (kind, ref, case_type, inspector, created_at, "
		    "updated_at) VALUES ('child', 'R2', 'custody', 1, 'x', 'x')",
		"UPDATE cases SET macd = 2",
		"UPDATE cases SET status = 'done'",
		"INSERT INTO cases (kind, ref, inspector, contact, created_at, "
		    "updated_at) VALUES ('victim', 'V1', 1, 'phone', 'x', 'x')",
		"INSERT INTO cases (kind, ref, case_type, inspector, contact, "
		    "created_at, updated_at) VALUES ('child', 'R3', 'court', 1, "
		    "'file', 'x', 'x')",
		"UPDATE answer SET value = 'maybe'",
		"UPDATE answer SET value = 'YES'",
		"INSERT INTO case_event (case_id, event, inspector, at) VALUES "
		    "(1, 'close', 1, 'x')",
		"INSERT INTO judgement (name, value, inspector, at) VALUES "
		    "('V9', 'yes', 1, 'x')",
		"INSERT INTO judgement (name, value, inspector, at) VALUES "
		    "('victims', 'Great', 1, 'x')",
		"INSERT INTO merge_log (bundle, inspector, source_uid, "
		    "exported_at, merged_at, merged_by) VALUES ('b', 'i', 'u', "
		    "'x', 'x', 'x'); INSERT INTO merge_settled (kind, ref, keep, "
		    "merge_id) VALUES ('adult', 'R', 'i', 1)",
	};
	static const char accepted[] =
	    "UPDATE inspection SET type = 'iyjs';"
	    "INSERT INTO cases (kind, ref, case_type, inspector, macd, status, "
	    "  created_at, updated_at) VALUES ('child', 'R4', 'resettlement', "
	    "  1, 1, 'complete', 'x', 'x');"
	    "INSERT INTO cases (kind, ref, inspector, contact, created_at, "
	    "  updated_at) VALUES ('victim', 'V2', 1, 'interview', 'x', 'x');"
	    "UPDATE answer SET value = NULL; UPDATE answer SET value = 'na';"
	    "INSERT INTO case_event (case_id, event, inspector, at) VALUES "
	    "  (1, 'reopen', 1, 'x');"
	    "INSERT INTO judgement (name, value, inspector, at) VALUES "
	    "  ('victims', 'Requires improvement', 1, 'x');"
	    "INSERT INTO merge_log (bundle, inspector, source_uid, exported_at, "
	    "  merged_at, merged_by) VALUES ('b', 'i', 'u', 'x', 'x', 'x');"
	    "INSERT INTO merge_settled (kind, ref, keep, merge_id) VALUES "
	    "  ('victim', 'V2', 'i', 1);";
	struct qbank	*bank = qbank_builtin(NULL);
	struct db	*db;
	sqlite3		*h;
	char		*path, *cause = NULL, *err = NULL;
	size_t		 i;
	int		 v;

	for (v = 1; v <= db_schema_latest(); v++) {
		path = old_file(bank, v);
		db = db_open(path, 0, &cause);
		ck_assert_msg(db != NULL, "v%d: %s", v, cause);
		db_close(db);
		ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
		sqlite3_extended_result_codes(h, 1);
		for (i = 0; i < sizeof refused / sizeof refused[0]; i++) {
			ck_assert_msg(sqlite3_exec(h, refused[i], NULL, NULL,
			    NULL) == SQLITE_CONSTRAINT_CHECK, "v%d: accepted %s",
			    v, refused[i]);
		}
		ck_assert_msg(sqlite3_exec(h, accepted, NULL, NULL, &err) ==
		    SQLITE_OK, "v%d: %s", v, err);
		sqlite3_close(h);
		free(path);
	}
	qbank_free(bank);
}
END_TEST

START_TEST(test_cases)
{
	struct db	*db = test_db_new("c.caseread", "iyjwcv");
	struct db_case	 c, got, *list;
	size_t		 n;
	char		*cause = NULL;
	long long	 id;
	int		 rc;

	id = add_child(db, "YJ-002", QB_OUT_OF_COURT);
	add_child(db, "YJ-001", QB_COURT);

	memset(&c, 0, sizeof c);
	c.kind = QB_CHILD;
	c.ref = (char *)"YJ-001";
	c.type = QB_COURT;
	ck_assert_int_eq(db_case_add(db, &c, &cause),
	    -ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(cause, "reference 'YJ-001' already exists"));
	free(cause);
	c.ref = (char *)"";
	ck_assert_int_eq(db_case_add(db, &c, &cause),
	    -ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(cause, "reference is empty"));
	free(cause);
	c.ref = (char *)"YJ-009";
	c.type = 0;
	ck_assert_int_eq(db_case_add(db, &c, &cause),
	    -ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(cause, "needs a type"));
	free(cause);
	/* A reading inspector cleared to spaces is refused, not the owner's. */
	c.type = QB_COURT;
	c.inspector = (char *)"  ";
	ck_assert_int_eq(db_case_add(db, &c, &cause),
	    -ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(cause, "case 'YJ-009' needs a reading "
	    "inspector"));
	free(cause);
	ck_assert_int_eq(db_case_find(db, QB_CHILD, "YJ-009", &got, NULL), 1);
	c.id = id;
	c.ref = (char *)"YJ-002";
	c.type = QB_OUT_OF_COURT;
	c.manager = (char *)"JB";
	c.inspector = (char *)"";
	ck_assert_int_eq(db_case_update(db, &c, &cause),
	    -ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(cause, "needs a reading inspector"));
	free(cause);
	ck_assert_int_eq(db_case_find(db, QB_CHILD, "YJ-002", &got, NULL), 0);
	ck_assert_str_eq(got.inspector, "alice");
	db_case_clear(&got);

	/* A victim's case may share a child's reference. */
	memset(&c, 0, sizeof c);
	c.kind = QB_VICTIM;
	c.ref = (char *)"YJ-001";
	c.interviewed = 1;
	c.inspector = (char *)"dave";
	ck_assert_msg(db_case_add(db, &c, &cause) == 0, "%s", cause);

	ck_assert_int_eq(db_case_list(db, QB_CHILD, NULL, 0, -1, &list, &n,
	    NULL), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(list[0].ref, "YJ-001");
	ck_assert_str_eq(list[1].ref, "YJ-002");
	ck_assert_uint_eq(list[1].type, QB_OUT_OF_COURT);
	ck_assert_str_eq(list[1].inspector, "alice");
	db_case_list_free(list, n);
	ck_assert_int_eq(db_case_list(db, QB_CHILD, "j-00", 1, 5, &list, &n,
	    NULL), 0);
	ck_assert_uint_eq(n, 1);
	db_case_list_free(list, n);
	ck_assert_int_eq(db_case_count(db, QB_CHILD, "002", NULL), 1);
	ck_assert_int_eq(db_case_count(db, QB_VICTIM, NULL, NULL), 1);

	ck_assert_int_eq(db_case_find(db, QB_VICTIM, "YJ-001", &got, NULL), 0);
	ck_assert(got.interviewed);
	ck_assert_str_eq(got.inspector, "dave");
	db_case_clear(&got);
	ck_assert_int_eq(db_case_find(db, QB_VICTIM, "nope", &got, NULL), 1);

	ck_assert_int_eq(db_case_get(db, id, &got, NULL), 0);
	free(got.manager);
	got.manager = xstrdup("XY");
	got.macd = 1;
	got.type = QB_RESETTLEMENT;
	ck_assert_int_eq(db_case_update(db, &got, &cause), 0);
	db_case_clear(&got);
	ck_assert_int_eq(db_case_get(db, id, &got, NULL), 0);
	ck_assert_str_eq(got.manager, "XY");
	ck_assert_int_eq(got.macd, 1);
	ck_assert_uint_eq(got.type, QB_RESETTLEMENT);

	/* A complete case is a finished record: saved as it is, never changed. */
	ck_assert_int_eq(db_case_set_complete(db, id, 1, NULL, &cause), 0);
	ck_assert_int_eq(db_case_update(db, &got, &cause), 0);
	got.macd = 0;
	rc = db_case_update(db, &got, &cause);
	ck_assert_msg(cause != NULL && strstr(cause, "case 'YJ-002' is "
	    "complete: reopen it before changing it (MACD yes -> no)") != NULL,
	    "%s", cause != NULL ? cause : "(no cause)");
	test_assert_code(rc, &cause, ERR_INVALID);
	db_case_clear(&got);
	ck_assert_int_eq(db_case_get(db, id, &got, NULL), 0);
	ck_assert_int_eq(got.macd, 1);
	db_case_clear(&got);
	db_close(db);
}
END_TEST

/*
 * What the case form compares before it saves: any field it writes, details
 * included, worded as the history words it; its reader's name with other
 * spaces at the ends is no change, nor is the status.
 */
START_TEST(test_case_changed)
{
	struct db_case	 was, now;
	char		*what;

	memset(&was, 0, sizeof was);
	was.kind = QB_CHILD;
	was.ref = xstrdup("C-1");
	was.type = QB_COURT;
	was.manager = xstrdup("");
	was.inspector = xstrdup("Ann Smith");
	was.details.manager_interviewed = -1;
	now = was;
	now.ref = xstrdup("C-1");
	now.manager = xstrdup("");
	now.inspector = xstrdup(" Ann Smith ");
	now.complete = 1;
	ck_assert_ptr_null(db_case_changed(&was, &now));
	now.details.manager_interviewed = 1;
	now.details.period_start = xstrdup("2026-01-01");
	now.details.period_end = xstrdup("2026-03-01");
	what = db_case_changed(&was, &now);
	ck_assert_str_eq(what, "manager interviewed not recorded -> yes; "
	    "period (none) -> 2026-01-01 to 2026-03-01");
	free(what);
	free(now.ref);
	now.ref = xstrdup("C-2");
	what = db_case_changed(&was, &now);
	ck_assert_str_eq(what, "reference C-1 -> C-2; manager interviewed not "
	    "recorded -> yes; period (none) -> 2026-01-01 to 2026-03-01");
	free(what);
	db_case_clear(&was);
	db_case_clear(&now);
}
END_TEST

/*
 * A session prepares one statement for each SQL literal it meets, seventy or
 * so: once a cache of 32 was full, a reopen failed and the rollback after it,
 * prepared through the same cache, could not run, leaving the write lock held
 * and every later save refused. Many statements are cached; and a cache full
 * of them (SQL that is not a literal, a bug) still leaves transactions whole.
 */
START_TEST(test_stmt_cache)
{
	static char	 sql[DB_STMT_CACHE_MAX + 1][32];
	struct db	*db = test_db_new("s.caseread", "iyjwcv");
	sqlite3_stmt	*first, *again;
	char		*cause = NULL;
	long long	 id = add_child(db, "S1", QB_COURT);
	size_t		 i;

	for (i = 0; i < sizeof sql / sizeof sql[0]; i++)
		snprintf(sql[i], sizeof sql[i], "SELECT %zu", i);
	first = db_stmt(db, sql[0], &cause);
	ck_assert_ptr_nonnull(first);
	for (i = 1; i < 200; i++)
		ck_assert_msg(db_stmt(db, sql[i], &cause) != NULL, "%zu: %s",
		    i, cause);
	again = db_stmt(db, sql[0], &cause);
	ck_assert_ptr_eq(again, first);
	/* Saving, reopening and undoing go on with 200 statements cached. */
	ck_assert_msg(db_answer_save(db, id, "2.1.1", ANSWER_YES, NULL,
	    &cause) == 0, "%s", cause);

	for (; db->ncache < DB_STMT_CACHE_MAX; i++)
		ck_assert_ptr_nonnull(db_stmt(db, sql[i], &cause));
	ck_assert_ptr_null(db_stmt(db, sql[i], &cause));
	ck_assert_ptr_nonnull(strstr(cause, "statement cache full"));
	free(cause);
	cause = NULL;
	/* A write that fails inside its transaction is rolled back whole. */
	ck_assert_int_eq(db_txn_begin(db, "full", &cause), 0);
	ck_assert_ptr_null(db_stmt(db, sql[i], &cause));
	free(cause);
	cause = NULL;
	db_txn_rollback(db, "full");
	ck_assert_int_eq(sqlite3_get_autocommit(db->h), 1);
	ck_assert_int_eq(db_txn_begin(db, "again", &cause), 0);
	ck_assert_int_eq(db_txn_commit(db, "again", &cause), 0);
	ck_assert_int_eq(sqlite3_get_autocommit(db->h), 1);
	db_close(db);
}
END_TEST

START_TEST(test_answers_and_history)
{
	struct db		*db = test_db_new("h.caseread", "iyjwcv");
	struct db_answer	*ans;
	struct db_history	*hist;
	struct db_case		 c;
	size_t			 n;
	char			*cause = NULL;
	long long		 id = add_child(db, "H1", QB_COURT);

	ck_assert_int_eq(db_answer_save(db, id, "2.1.1", ANSWER_YES, NULL,
	    &cause), 0);
	ck_assert_int_eq(db_answer_save(db, id, "2.1.1", ANSWER_KEEP,
	    "Assessment drew on the school's view; café visit noted.\nLine 2",
	    &cause), 0);
	db_set_user(db, "bob");
	ck_assert_int_eq(db_answer_save(db, id, "2.1.1", ANSWER_NO, NULL,
	    &cause), 0);
	/* The same again: nothing changes, no history. */
	ck_assert_int_eq(db_answer_save(db, id, "2.1.1", ANSWER_NO, NULL,
	    &cause), 0);
	ck_assert_int_eq(db_answer_save(db, id, "2.1.2", ANSWER_NA, "", &cause),
	    0);
	ck_assert_int_eq(db_answer_save(db, id, "2.1.1.1", ANSWER_NONE, "",
	    &cause), 0);	/* nothing to record */

	ck_assert_int_eq(db_answer_list(db, id, &ans, &n, NULL), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(ans[0].question, "2.1.1");
	ck_assert_int_eq(ans[0].value, ANSWER_NO);
	ck_assert_str_eq(ans[0].inspector, "bob");
	ck_assert_ptr_nonnull(strstr(ans[0].note, "café"));
	ck_assert_int_eq(ans[1].value, ANSWER_NA);
	db_answer_list_free(ans, n);

	ck_assert_int_eq(db_answer_history(db, id, "2.1.1", &hist, &n, NULL), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(hist[0].old_value, ANSWER_NONE);
	ck_assert_ptr_null(hist[0].old_note);
	ck_assert_int_eq(hist[0].new_value, ANSWER_YES);
	ck_assert_str_eq(hist[0].inspector, "alice");
	ck_assert_int_eq(hist[1].old_value, ANSWER_YES);
	ck_assert_int_eq(hist[1].new_value, ANSWER_YES);
	ck_assert_str_eq(hist[1].old_note, "");
	ck_assert_int_eq(hist[2].old_value, ANSWER_YES);
	ck_assert_int_eq(hist[2].new_value, ANSWER_NO);
	ck_assert_str_eq(hist[2].inspector, "bob");
	ck_assert_uint_eq(strlen(hist[2].at), 24);
	db_history_list_free(hist, n);

	ck_assert_int_eq(db_case_get(db, id, &c, NULL), 0);
	ck_assert_int_eq(c.answered, 2);
	db_case_clear(&c);

	test_assert_code(db_answer_save(db, 9999, "2.1.1", ANSWER_YES, NULL,
	    &cause), &cause, ERR_NOTFOUND);
	test_assert_code(db_answer_save(db, id, "2.1.1", ANSWER_YES, "bad\x01",
	    &cause), &cause, ERR_INVALID);
	db_close(db);
}
END_TEST

/* What the screen showed: the answer as seen, for db_answer_save_if. */
static struct db_answer_seen
seen(enum answer_value value, const char *note, int complete)
{
	struct db_answer_seen	s;

	memset(&s, 0, sizeof s);	/* ref NULL: the case is not compared */
	s.value = value;
	s.note = note;
	s.complete = complete;
	return s;
}

/*
 * Issue 11: a case's id never passes to another case (schema 5's
 * AUTOINCREMENT), and a save checks that the case it writes is the one on
 * screen, by kind and reference, refusing "this case was replaced by a merge".
 */
START_TEST(test_case_ids_never_reused)
{
	struct db		*db = test_db_new("ids.caseread", "iyjwcv");
	struct db_answer_seen	 s;
	char			*path = test_path("ids.caseread");
	char			*cause = NULL, sql[256];
	long long		 w = add_child(db, "W1", QB_COURT);
	long long		 x = add_child(db, "X1", QB_COURT), y;

	ck_assert_int_gt(x, w);
	/* X, the highest id, goes (as merge --keep deletes it); Y comes. */
	snprintf(sql, sizeof sql, "DELETE FROM cases WHERE id = %lld", x);
	test_sql(path, sql);
	y = add_child(db, "Y1", QB_COURT);
	ck_assert_int_gt(y, x);

	/* A window still showing X saves: refused, nothing written anywhere. */
	s = seen(ANSWER_NONE, "", 0);
	s.kind = QB_CHILD;
	s.ref = "X1";
	ck_assert_int_eq(db_answer_save_if(db, x, "2.1.1", &s, ANSWER_YES,
	    "about X", &cause), -ERR_REPLACED);
	/* What the status line says. */
	ck_assert_msg(strstr(cause, "this case was replaced by a merge") !=
	    NULL, "%s", cause);
	free(cause);
	cause = NULL;

	/* Were another case given X's id, the reference tells them apart. */
	snprintf(sql, sizeof sql, "UPDATE cases SET id = %lld WHERE id = %lld",
	    x, y);
	test_sql(path, sql);
	test_assert_code(db_answer_save_if(db, x, "2.1.1", &s, ANSWER_YES,
	    "about X", &cause), &cause, ERR_REPLACED);
	/* A victim's case of the same reference is not the child's either. */
	s.kind = QB_VICTIM;
	s.ref = "Y1";
	test_assert_code(db_answer_save_if(db, x, "2.1.1", &s, ANSWER_YES,
	    "about X", &cause), &cause, ERR_REPLACED);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM answer"), 0);
	ck_assert_int_eq(db_case_same(db, x, QB_CHILD, "Y1", &cause), 0);

	/* The case on screen saves as before. */
	s.kind = QB_CHILD;
	ck_assert_msg(db_answer_save_if(db, x, "2.1.1", &s, ANSWER_YES, NULL,
	    &cause) == 0, "%s", cause);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM answer"), 1);
	/* The high-water mark survives reopening. */
	db_close(db);
	db = db_open(path, 0, &cause);
	ck_assert_msg(db != NULL, "%s", cause);
	ck_assert_int_gt(add_child(db, "Z1", QB_COURT), x);
	db_close(db);
	free(path);
}
END_TEST

/* Two windows on one file: each saves only over what it saw. */
START_TEST(test_answer_save_if)
{
	struct db		*a = test_db_new("w.caseread", "iyjwcv"), *b;
	struct db_answer_seen	 s;
	char			*path = test_path("w.caseread"), *cause = NULL;
	long long		 id = add_child(a, "W1", QB_COURT);

	b = db_open(path, 0, &cause);
	ck_assert_msg(b != NULL, "%s", cause);

	/* Unchanged: no row, seen as none, saves. */
	s = seen(ANSWER_NONE, "", 0);
	ck_assert_int_eq(db_answer_save_if(a, id, "2.1.1", &s, ANSWER_YES, NULL,
	    &cause), 0);
	s = seen(ANSWER_YES, "", 0);
	ck_assert_int_eq(db_answer_save_if(a, id, "2.1.1", &s, ANSWER_KEEP,
	    "first note", &cause), 0);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM answer WHERE "
	    "question = '2.1.1' AND value = 'yes' AND note = 'first note'"), 1);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM "
	    "answer_history"), 2);

	/* Changed value: b still shows yes, a has saved no since. */
	ck_assert_int_eq(db_answer_save(a, id, "2.1.1", ANSWER_NO, NULL,
	    &cause), 0);
	s = seen(ANSWER_YES, "first note", 0);
	test_assert_code(db_answer_save_if(b, id, "2.1.1", &s, ANSWER_NA, NULL,
	    &cause), &cause, ERR_CHANGED);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM answer WHERE "
	    "question = '2.1.1' AND value = 'no'"), 1);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM "
	    "answer_history"), 3);
	/* Shown the new value, b saves over it. */
	s = seen(ANSWER_NO, "first note", 0);
	ck_assert_int_eq(db_answer_save_if(b, id, "2.1.1", &s, ANSWER_NA, NULL,
	    &cause), 0);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM answer WHERE "
	    "question = '2.1.1' AND value = 'na' AND note = 'first note'"), 1);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM "
	    "answer_history"), 4);

	/* Changed note, for a value save and for a note save. */
	ck_assert_int_eq(db_answer_save(a, id, "2.1.1", ANSWER_KEEP,
	    "a's note", &cause), 0);
	s = seen(ANSWER_NA, "first note", 0);
	test_assert_code(db_answer_save_if(b, id, "2.1.1", &s, ANSWER_YES, NULL,
	    &cause), &cause, ERR_CHANGED);
	s = seen(ANSWER_KEEP, "first note", 0);
	test_assert_code(db_answer_save_if(b, id, "2.1.1", &s, ANSWER_KEEP,
	    "b's note", &cause), &cause, ERR_CHANGED);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM answer WHERE "
	    "question = '2.1.1' AND value = 'na' AND note = 'a''s note'"), 1);
	/* A note save compares no value when it was not shown. */
	ck_assert_int_eq(db_answer_save(a, id, "2.1.1", ANSWER_YES, NULL,
	    &cause), 0);
	s = seen(ANSWER_KEEP, "a's note", 0);
	ck_assert_int_eq(db_answer_save_if(b, id, "2.1.1", &s, ANSWER_KEEP,
	    "b's note", &cause), 0);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM answer WHERE "
	    "question = '2.1.1' AND value = 'yes' AND note = 'b''s note'"), 1);

	/* The row appeared: b saw 2.1.2 unanswered, a answered it. */
	ck_assert_int_eq(db_answer_save(a, id, "2.1.2", ANSWER_YES, "", &cause),
	    0);
	s = seen(ANSWER_NONE, "", 0);
	test_assert_code(db_answer_save_if(b, id, "2.1.2", &s, ANSWER_NO, NULL,
	    &cause), &cause, ERR_CHANGED);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM answer WHERE "
	    "question = '2.1.2' AND value = 'yes'"), 1);
	/* ... but a note alone appearing counts too. */
	ck_assert_int_eq(db_answer_save(a, id, "2.1.3", ANSWER_NONE,
	    "only a note", &cause), 0);
	test_assert_code(db_answer_save_if(b, id, "2.1.3", &s, ANSWER_NO, NULL,
	    &cause), &cause, ERR_CHANGED);
	/* A row cleared to nothing is what "no row" shows: as seen. */
	ck_assert_int_eq(db_answer_save(a, id, "2.1.3", ANSWER_NONE, "",
	    &cause), 0);
	ck_assert_int_eq(db_answer_save_if(b, id, "2.1.3", &s, ANSWER_NO, NULL,
	    &cause), 0);

	/* The row missing: b saw an answer the file no longer has. */
	ck_assert_int_eq(sqlite3_exec(a->h, "DELETE FROM answer WHERE question "
	    "= '2.1.2'", NULL, NULL, NULL), SQLITE_OK);
	s = seen(ANSWER_YES, "", 0);
	test_assert_code(db_answer_save_if(b, id, "2.1.2", &s, ANSWER_NO, NULL,
	    &cause), &cause, ERR_CHANGED);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM answer WHERE "
	    "question = '2.1.2'"), 0);

	/* What is there already is what b wants: nothing to overwrite. */
	ck_assert_int_eq(db_answer_save(a, id, "2.2.1", ANSWER_YES, "", &cause),
	    0);
	s = seen(ANSWER_NONE, "", 0);
	ck_assert_int_eq(db_answer_save_if(b, id, "2.2.1", &s, ANSWER_YES, NULL,
	    &cause), 0);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM "
	    "answer_history WHERE question = '2.2.1'"), 1);

	/* The case marked complete in a, or reopened, since b looked. */
	ck_assert_int_eq(db_case_set_complete(a, id, 1, NULL, &cause), 0);
	s = seen(ANSWER_NONE, "", 0);
	test_assert_code(db_answer_save_if(b, id, "2.2.2", &s, ANSWER_YES, NULL,
	    &cause), &cause, ERR_CHANGED);
	/* Even a save of what is there: the screen must learn of it. */
	s = seen(ANSWER_YES, "", 0);
	test_assert_code(db_answer_save_if(b, id, "2.2.1", &s, ANSWER_YES, NULL,
	    &cause), &cause, ERR_CHANGED);
	s = seen(ANSWER_NONE, "", 0);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM answer WHERE "
	    "question = '2.2.2'"), 0);
	s = seen(ANSWER_NONE, "", 1);
	ck_assert_int_eq(db_answer_save_if(b, id, "2.2.2", &s, ANSWER_YES, NULL,
	    &cause), 0);
	ck_assert_int_eq(db_case_set_complete(a, id, 0, "more evidence",
	    &cause), 0);
	s = seen(ANSWER_YES, "", 1);
	test_assert_code(db_answer_save_if(b, id, "2.2.2", &s, ANSWER_NO, NULL,
	    &cause), &cause, ERR_CHANGED);

	/* Failures are failures, not changes. */
	s = seen(ANSWER_NONE, "", 0);
	test_assert_code(db_answer_save_if(b, 9999, "2.1.1", &s, ANSWER_YES,
	    NULL, &cause), &cause, ERR_NOTFOUND);
	test_assert_code(db_answer_save_if(b, id, "2.3.1", &s, ANSWER_YES,
	    "bad\x01", &cause), &cause, ERR_INVALID);
	db_close(b);
	db_close(a);
	free(path);
}
END_TEST

/* A saved answer is in the file as soon as the call returns: read it from outside. */
START_TEST(test_answer_durable_at_once)
{
	struct db	*db = test_db_new("d.caseread", "iyjwcv");
	char		*path = test_path("d.caseread");
	long long	 id = add_child(db, "D1", QB_COURT);

	ck_assert_int_eq(db_answer_save(db, id, "2.2.1", ANSWER_YES, "n", NULL),
	    0);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM answer WHERE "
	    "question = '2.2.1' AND value = 'yes'"), 1);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM answer_history"),
	    1);
	db_close(db);
	free(path);
}
END_TEST

/* A pragma's number as db's own connection has it (-1 if none). */
static int
pragma_now(struct db *db, const char *sql)
{
	sqlite3_stmt	*stmt;
	int		 v = -1;

	ck_assert_int_eq(sqlite3_prepare_v2(db->h, sql, -1, &stmt, NULL),
	    SQLITE_OK);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
}

static int
temp_store(struct db *db)
{
	return pragma_now(db, "PRAGMA temp_store");
}

/*
 * An import's transaction keeps its savepoints' statement journals in memory
 * (temp_store 2): SQLite moved one past 64 KiB to a temporary file and wrote
 * there ever after, 1.6 million writes in a large import. Otherwise it is a
 * transaction like any other, all or nothing.
 */
START_TEST(test_txn_bulk)
{
	struct db	*db = test_db_new("j.caseread", "iyjwcv");
	char		*cause = NULL;

	ck_assert_int_eq(temp_store(db), 0);
	ck_assert_int_eq(db_txn_begin_bulk(db, "bulk", &cause), 0);
	ck_assert_int_eq(temp_store(db), 2);
	(void)add_child(db, "J1", QB_COURT);
	db_txn_rollback(db, "bulk");
	ck_assert_int_eq(db_case_count(db, QB_CHILD, NULL, NULL), 0);
	ck_assert_int_eq(db_txn_begin_bulk(db, "bulk", &cause), 0);
	(void)add_child(db, "J1", QB_COURT);
	ck_assert_int_eq(db_txn_commit(db, "bulk", &cause), 0);
	ck_assert_int_eq(db_case_count(db, QB_CHILD, NULL, NULL), 1);
	ck_assert_int_eq(sqlite3_get_autocommit(db->h), 1);
	db_close(db);
}
END_TEST

START_TEST(test_transactions)
{
	struct db	*db = test_db_new("t.caseread", "iyjwcv");
	long long	 id;
	char		*cause = NULL;

	ck_assert_int_eq(db_txn_begin(db, "test", NULL), 0);
	id = add_child(db, "T1", QB_COURT);
	ck_assert_int_eq(db_answer_save(db, id, "2.1.1", ANSWER_YES, NULL,
	    NULL), 0);
	db_txn_rollback(db, "test");
	ck_assert_int_eq(db_case_count(db, QB_CHILD, NULL, NULL), 0);

	ck_assert_int_eq(db_txn_begin(db, "test", NULL), 0);
	ck_assert_int_eq(db_txn_begin(db, "test", NULL), 0);	/* nested */
	add_child(db, "T2", QB_COURT);
	ck_assert_int_eq(db_txn_commit(db, "test", &cause), 0);
	ck_assert_int_eq(db_txn_commit(db, "test", &cause), 0);
	ck_assert_int_eq(db_case_count(db, QB_CHILD, NULL, NULL), 1);
	db_close(db);
}
END_TEST

/*
 * An answer and its history row are one transaction: when the history row
 * cannot be written (a trigger refuses it, as a full disk or a kill between
 * the two statements would leave it unwritten), the answer is as it was.
 */
START_TEST(test_answer_and_history_atomic)
{
	struct db	*db = test_db_new("h.caseread", "iyjwcv");
	char		*path = test_path("h.caseread"), *cause = NULL;
	long long	 id, other;

	id = add_child(db, "H1", QB_COURT);
	ck_assert_int_eq(db_answer_save(db, id, "2.1.1", ANSWER_YES, "seen",
	    NULL), 0);
	test_sql(path, "CREATE TRIGGER refuse_history BEFORE INSERT ON "
	    "answer_history BEGIN SELECT RAISE(ABORT, 'history refused'); END");

	/* A change: refused whole, the answer still yes with its note. */
	ck_assert_int_eq(db_answer_save(db, id, "2.1.1", ANSWER_NO, "changed",
	    &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "history refused"));
	free(cause);
	cause = NULL;
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM answer WHERE "
	    "question = '2.1.1' AND value = 'yes' AND note = 'seen'"), 1);
	/* A new answer: no row at all. */
	ck_assert_int_eq(db_answer_save(db, id, "2.2.1", ANSWER_YES, NULL,
	    NULL), -1);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM answer WHERE "
	    "question = '2.2.1'"), 0);

	/*
	 * Inside a caller's transaction the failed save undoes its own part
	 * only: the case added before it stays, to be committed.
	 */
	ck_assert_int_eq(db_txn_begin(db, "outer", NULL), 0);
	other = add_child(db, "H2", QB_COURT);
	ck_assert_int_eq(db_answer_save(db, other, "2.1.1", ANSWER_YES, NULL,
	    NULL), -1);
	ck_assert_int_eq(db_txn_commit(db, "outer", &cause), 0);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM cases WHERE "
	    "ref = 'H2'"), 1);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM answer WHERE "
	    "case_id = (SELECT id FROM cases WHERE ref = 'H2')"), 0);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM "
	    "answer_history"), 1);

	/* With the trigger gone the same save goes through, history and all. */
	test_sql(path, "DROP TRIGGER refuse_history");
	ck_assert_int_eq(db_answer_save(db, id, "2.1.1", ANSWER_NO, "changed",
	    NULL), 0);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM "
	    "answer_history"), 2);
	db_close(db);
	free(path);
}
END_TEST

static int
synchronous(struct db *db)
{
	return pragma_now(db, "PRAGMA synchronous");
}

/*
 * A setting (the terminal interface's position) is committed without an fsync
 * (synchronous=NORMAL for its own transaction, 1), and every other write stays
 * durable (FULL, 2), also after a setting failed or sat inside another write.
 */
START_TEST(test_setting_not_durable)
{
	struct db	*db = test_db_new("n.caseread", "iyjwcv");
	char		*v = NULL, *cause = NULL;
	long long	 id;

	ck_assert_int_eq(synchronous(db), 2);
	ck_assert_int_eq(db_txn_lazy(db, "lazy", NULL), 0);
	ck_assert_int_eq(synchronous(db), 1);
	ck_assert_int_eq(db_txn_commit(db, "lazy", &cause), 0);
	ck_assert_int_eq(synchronous(db), 2);
	ck_assert_int_eq(db_txn_lazy(db, "lazy", NULL), 0);
	db_txn_rollback(db, "lazy");
	ck_assert_int_eq(synchronous(db), 2);

	ck_assert_int_eq(db_setting_set(db, "ui.case", "7", NULL), 0);
	ck_assert_int_eq(synchronous(db), 2);
	ck_assert_int_eq(db_setting_get(db, "ui.case", &v, NULL), 0);
	ck_assert_str_eq(v, "7");
	free(v);
	/* Inside a durable write it is part of that write. */
	ck_assert_int_eq(db_txn_begin(db, "outer", NULL), 0);
	id = add_child(db, "N1", QB_COURT);
	ck_assert_int_eq(db_setting_set(db, "ui.case", "8", NULL), 0);
	ck_assert_int_eq(synchronous(db), 2);
	ck_assert_int_eq(db_txn_commit(db, "outer", &cause), 0);
	ck_assert_int_gt(id, 0);
	db_close(db);
}
END_TEST

/* Savepoints: an inner level rolled back leaves the outer one's work. */
START_TEST(test_txn_levels)
{
	struct db	*db = test_db_new("l.caseread", "iyjwcv");
	char		*cause = NULL;

	ck_assert_int_eq(db_txn_begin(db, "outer", NULL), 0);
	add_child(db, "L1", QB_COURT);
	ck_assert_int_eq(db_txn_begin(db, "inner", NULL), 0);
	add_child(db, "L2", QB_COURT);
	db_txn_rollback(db, "inner");
	ck_assert_int_eq(db_txn_begin(db, "kept", NULL), 0);
	add_child(db, "L3", QB_COURT);
	ck_assert_int_eq(db_txn_commit(db, "kept", &cause), 0);
	ck_assert_int_eq(db_txn_commit(db, "outer", &cause), 0);
	ck_assert_int_eq(db_case_count(db, QB_CHILD, NULL, NULL), 2);
	ck_assert_int_eq(db_case_count(db, QB_CHILD, "L2", NULL), 0);

	/* The outermost rolled back takes every level with it. */
	ck_assert_int_eq(db_txn_begin(db, "outer", NULL), 0);
	ck_assert_int_eq(db_txn_begin(db, "inner", NULL), 0);
	add_child(db, "L4", QB_COURT);
	ck_assert_int_eq(db_txn_commit(db, "inner", &cause), 0);
	db_txn_rollback(db, "outer");
	ck_assert_int_eq(db_case_count(db, QB_CHILD, NULL, NULL), 2);

	/* A read level inside a write, and a read snapshot on its own. */
	ck_assert_int_eq(db_txn_read(db, "read", NULL), 0);
	ck_assert_int_eq(db_txn_commit(db, "read", &cause), 0);
	db_close(db);
}
END_TEST

START_TEST(test_status_and_events)
{
	struct db	*db = test_db_new("s.caseread", "iyjwcv");
	struct db_event	*ev;
	struct db_case	 c;
	size_t		 n;
	char		*cause = NULL;
	long long	 id = add_child(db, "S1", QB_COURT);

	ck_assert_int_eq(db_case_set_complete(db, id, 1, NULL, &cause), 0);
	ck_assert_int_eq(db_case_set_complete(db, id, 0, "", &cause),
	    -ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(cause, "needs a reason"));
	free(cause);
	ck_assert_int_eq(db_case_set_complete(db, id, 0, "New police "
	    "information arrived", &cause), 0);
	ck_assert_int_eq(db_case_get(db, id, &c, NULL), 0);
	ck_assert(!c.complete);
	db_case_clear(&c);
	ck_assert_int_eq(db_case_events(db, id, &ev, &n, NULL), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert(!ev[0].reopen);
	ck_assert(ev[1].reopen);
	ck_assert_str_eq(ev[1].reason, "New police information arrived");
	db_event_list_free(ev, n);
	db_close(db);
}
END_TEST

START_TEST(test_judgements)
{
	struct db	*db = test_db_new("j.caseread", "iyjs");
	char		*v = NULL, *cause = NULL;

	ck_assert_int_eq(db_judgement_get(db, "V1.2", &v, NULL), 0);
	ck_assert_ptr_null(v);
	ck_assert_int_eq(db_judgement_set(db, "V1.2", "yes", NULL), 0);
	ck_assert_int_eq(db_judgement_set(db, "1.1", "Good", NULL), 0);
	ck_assert_int_eq(db_judgement_get(db, "V1.2", &v, NULL), 0);
	ck_assert_str_eq(v, "yes");
	free(v);
	test_assert_code(db_judgement_set(db, "1.1", "Superb", &cause), &cause,
	    ERR_INVALID);
	ck_assert_int_eq(db_judgement_set(db, "V1.2", NULL, NULL), 0);
	ck_assert_int_eq(db_judgement_get(db, "V1.2", &v, NULL), 0);
	ck_assert_ptr_null(v);
	db_close(db);
}
END_TEST

/* The number of decisions logged. */
static size_t
decisions(struct db *db)
{
	struct db_decision	*d;
	size_t			 n;

	ck_assert_int_eq(db_decision_list(db, &d, &n, NULL), 0);
	db_decision_list_free(d, n);
	return n;
}

/*
 * A screen's save over the judgements it showed: a V1.2 recorded meanwhile
 * elsewhere refuses it (ERR_CHANGED, saying what and by whom), writing
 * neither judgement nor log; as seen, both are written.
 */
START_TEST(test_judgement_decide_if)
{
	struct db		*db = test_db_new("ji.caseread", "iyjwcv");
	struct db_judgement_edit e[2] = {
		{ "V1.2", "yes", "yes" },
		{ "victims", NULL, "Good" }
	};
	char			*v = NULL, *cause = NULL;
	int			 rc;

	ck_assert_int_eq(db_judgement_decide(db, "V1.2", "yes", "one", NULL),
	    0);
	/* Recorded elsewhere while the screen showed yes. */
	ck_assert_int_eq(db_judgement_decide(db, "V1.2", "no", "two", NULL),
	    0);
	ck_assert_uint_eq(decisions(db), 2);
	rc = db_judgement_decide_if(db, e, 2, "stale", &cause);
	ck_assert_ptr_nonnull(cause);
	ck_assert_ptr_nonnull(strstr(cause, "V1.2 was recorded as no "
	    "elsewhere since it was shown (by "));
	test_assert_code(rc, &cause, ERR_CHANGED);
	ck_assert_int_eq(db_judgement_get(db, "V1.2", &v, NULL), 0);
	ck_assert_str_eq(v, "no");
	free(v);
	ck_assert_int_eq(db_judgement_get(db, "victims", &v, NULL), 0);
	ck_assert_ptr_null(v);
	ck_assert_uint_eq(decisions(db), 2);

	/* The second one changed: the first, as seen, is not written either. */
	e[0].seen = "no";
	e[0].value = "yes";
	e[1].seen = "Outstanding";
	rc = db_judgement_decide_if(db, e, 2, "stale", &cause);
	ck_assert_ptr_nonnull(cause);
	ck_assert_ptr_nonnull(strstr(cause, "the victims' rating was "
	    "cleared elsewhere"));
	test_assert_code(rc, &cause, ERR_CHANGED);
	ck_assert_int_eq(db_judgement_get(db, "V1.2", &v, NULL), 0);
	ck_assert_str_eq(v, "no");
	free(v);
	ck_assert_uint_eq(decisions(db), 2);

	/* As the file holds them: written and logged. */
	e[1].seen = NULL;
	test_assert_code(db_judgement_decide_if(db, e, 2, "seen", &cause),
	    &cause, ERR_NONE);
	ck_assert_int_eq(db_judgement_get(db, "victims", &v, NULL), 0);
	ck_assert_str_eq(v, "Good");
	free(v);
	ck_assert_int_eq(db_judgement_reason(db, "V1.2", &v, NULL), 0);
	ck_assert_str_eq(v, "seen");
	free(v);
	ck_assert_uint_eq(decisions(db), 4);
	db_close(db);
}
END_TEST

START_TEST(test_readonly_never_writes)
{
	struct db	*db = test_db_new("r.caseread", "iyjwcv");
	char		*path = test_path("r.caseread"), *cause = NULL;
	long long	 id = add_child(db, "R1", QB_COURT);

	db_close(db);
	db = db_open(path, DB_READONLY, &cause);
	ck_assert_msg(db != NULL, "%s", cause);
	ck_assert(db_readonly(db));
	ck_assert_int_eq(db_answer_save(db, id, "2.1.1", ANSWER_YES, NULL,
	    &cause), -ERR_READONLY);
	/* The reason a status line shows first. */
	ck_assert_msg(strncmp(cause, "cannot save: ", 13) == 0 &&
	    strstr(cause, "read-only") != NULL, "%s", cause);
	free(cause);
	db_close(db);
	ck_assert_int_eq(test_sql_int(path, "SELECT count(*) FROM answer"), 0);
	free(path);
}
END_TEST

/* Another writer holds the file: a clear "locked" within the busy timeout. */
START_TEST(test_locked)
{
	struct db	*db = test_db_new("l.caseread", "iyjwcv");
	char		*path = test_path("l.caseread"), *cause = NULL;
	long long	 id = add_child(db, "L1", QB_COURT);
	sqlite3		*other;

	ck_assert_int_eq(sqlite3_open(path, &other), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(other, "BEGIN IMMEDIATE; INSERT INTO "
	    "inspector (name) VALUES ('zed')", NULL, NULL, NULL), SQLITE_OK);
	test_assert_code(db_answer_save(db, id, "2.1.1", ANSWER_YES, NULL,
	    &cause), &cause, ERR_LOCKED);
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	/* And it works once the other writer has gone. */
	ck_assert_int_eq(db_answer_save(db, id, "2.1.1", ANSWER_YES, NULL,
	    &cause), 0);
	db_close(db);
	free(path);
}
END_TEST

START_TEST(test_settings)
{
	struct db	*db = test_db_new("set.caseread", "iyjwcv");
	char		*v = NULL;

	ck_assert_int_eq(db_setting_get(db, "ui.case", &v, NULL), 0);
	ck_assert_ptr_null(v);
	ck_assert_int_eq(db_setting_set(db, "ui.case", "12", NULL), 0);
	ck_assert_int_eq(db_setting_set(db, "ui.case", "13", NULL), 0);
	ck_assert_int_eq(db_setting_get(db, "ui.case", &v, NULL), 0);
	ck_assert_str_eq(v, "13");
	free(v);
	db_close(db);
}
END_TEST

/* A row of test_rows_list: its number and its text. */
struct num_row {
	long long	 n;
	char		*s;
};

static size_t	rows_freed;	/* rows free_num_rows was given, over the test */

static void
read_num_row(sqlite3_stmt *stmt, void *row)
{
	struct num_row	*r = row;

	ck_assert_ptr_null(r->s);	/* each row starts zeroed */
	r->n = sqlite3_column_int64(stmt, 0);
	r->s = db_column_dup(stmt, 1);
}

static void
free_num_rows(void *list, size_t n)
{
	struct num_row	*rows = list;
	size_t		 i;

	for (i = 0; i < n; i++)
		free(rows[i].s);
	free(list);
	rows_freed += n;
}

/*
 * db_rows_list reads every row in order past its first growths, and a query
 * that fails part way frees what it read (LSan checks) and leaves the caller's
 * list alone.
 */
START_TEST(test_rows_list)
{
	static const char all[] = "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL "
	    "SELECT n + 1 FROM t WHERE n < 20) SELECT n, 'row ' || n FROM t";
	/* abs() of the smallest integer is an error SQLite raises at row 4. */
	static const char broken[] = "WITH RECURSIVE t(n) AS (SELECT 1 UNION "
	    "ALL SELECT n + 1 FROM t WHERE n < 20) SELECT n, CASE WHEN n < 4 "
	    "THEN 'row' ELSE abs(-9223372036854775807 - 1) END FROM t";
	struct db	*db = test_db_new("rows.caseread", "iyjwcv");
	sqlite3_stmt	*stmt;
	struct num_row	*rows;
	void		*list = NULL, *mark = &list;
	char		*cause = NULL;
	size_t		 n = 99, i;

	rows_freed = 0;
	ck_assert_ptr_nonnull(stmt = db_stmt(db, all, NULL));
	ck_assert_int_eq(db_rows_list(db, stmt, sizeof *rows, read_num_row,
	    free_num_rows, &list, &n, "cannot count", NULL), 0);
	ck_assert_uint_eq(n, 20);
	rows = list;
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(rows[i].n, (long long)i + 1);
		ck_assert_int_eq(atoi(rows[i].s + 4), (int)i + 1);
	}
	free_num_rows(list, n);
	ck_assert_uint_eq(rows_freed, 20);

	rows_freed = 0;
	list = mark;
	n = 99;
	ck_assert_ptr_nonnull(stmt = db_stmt(db, broken, NULL));
	ck_assert_int_eq(db_rows_list(db, stmt, sizeof *rows, read_num_row,
	    free_num_rows, &list, &n, "cannot count", &cause), -1);
	ck_assert_uint_eq(rows_freed, 3);
	ck_assert_ptr_eq(list, mark);
	ck_assert_uint_eq(n, 99);
	ck_assert_msg(strstr(cause, "rows.caseread: cannot count: ") != NULL,
	    "%s", cause);
	free(cause);
	db_close(db);
}
END_TEST

/*
 * Another program opening and closing the file while caseread has it open must
 * not take the WAL from under it. (A stray open()/close() of the database in our
 * process drops SQLite's POSIX locks, and the other program's close then deletes
 * the WAL that later saves go to.)
 */
START_TEST(test_reader_beside_writer)
{
	struct db	*db;
	struct db_answer *ans;
	const char	*sqlite = getenv("SQLITE3");
	char		*path = test_path("w.caseread"), *cmd, *cause = NULL;
	char		 line[64] = "";
	FILE		*f;
	size_t		 n;
	long long	 id;

	if (sqlite == NULL || *sqlite == '\0')
		sqlite = "sqlite3";
	db_close(test_db_new("w.caseread", "iyjwcv"));
	db = db_open(path, 0, &cause);
	ck_assert_msg(db != NULL, "%s", cause);
	id = add_child(db, "W1", QB_COURT);
	ck_assert_int_eq(db_answer_save(db, id, "2.1.1", ANSWER_YES, NULL,
	    NULL), 0);
	cmd = xasprintf("'%s' '%s' 'SELECT count(*) FROM answer' >/dev/null",
	    sqlite, path);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	ck_assert_int_eq(db_answer_save(db, id, "2.1.1", ANSWER_NO, "after",
	    NULL), 0);
	/* Still open: another program must see the save. */
	cmd = xasprintf("'%s' '%s' \"SELECT value FROM answer\"", sqlite, path);
	f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
	pclose(f);
	free(cmd);
	ck_assert_str_eq(line, "no\n");
	db_close(db);

	db = db_open(path, 0, &cause);
	ck_assert_msg(db != NULL, "%s", cause);
	ck_assert_int_eq(db_answer_list(db, id, &ans, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(ans[0].value, ANSWER_NO);
	ck_assert_str_eq(ans[0].note, "after");
	db_answer_list_free(ans, n);
	db_close(db);
	free(path);
}
END_TEST

/* Every stored time: YYYY-MM-DDTHH:MM:SS.mmmZ, UTC, as strftime says it. */
START_TEST(test_now_format)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd.dddZ";
	char		 now[UTIL_TIME_LEN], before[32], after[32];
	struct tm	 tm;
	struct timeval	 tv;
	time_t		 t;
	size_t		 i;

	/*
	 * The clock util_now reads: time() is the kernel's coarse clock, which
	 * can still say the last second a few milliseconds into the next.
	 */
	gettimeofday(&tv, NULL);
	t = tv.tv_sec;
	strftime(before, sizeof before, "%Y-%m-%dT%H:%M:%S", gmtime_r(&t, &tm));
	util_now(now);
	gettimeofday(&tv, NULL);
	t = tv.tv_sec;
	strftime(after, sizeof after, "%Y-%m-%dT%H:%M:%S", gmtime_r(&t, &tm));
	ck_assert_uint_eq(strlen(now), strlen(shape));
	for (i = 0; shape[i] != '\0'; i++) {
		if (shape[i] == 'd')
			ck_assert_msg(now[i] >= '0' && now[i] <= '9', "%s", now);
		else
			ck_assert_msg(now[i] == shape[i], "%s", now);
	}
	ck_assert_msg(strncmp(now, before, 19) == 0 ||
	    strncmp(now, after, 19) == 0, "%s, not %s or %s", now, before,
	    after);
}
END_TEST

static Suite *
db_suite(void)
{
	Suite	*s = suite_create("db");
	TCase	*tc = tcase_create("db");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_create_and_reopen);
	tcase_add_test(tc, test_now_format);
	tcase_add_test(tc, test_answer_and_history_atomic);
	tcase_add_test(tc, test_txn_levels);
	tcase_add_test(tc, test_setting_not_durable);
	tcase_add_test(tc, test_create_refuses_existing_and_bad_input);
	tcase_add_test(tc, test_refuse_foreign);
	tcase_add_test(tc, test_refuse_newer);
	tcase_add_test(tc, test_refuse_corrupt);
	tcase_add_test(tc, test_migrate_from_every_version);
	tcase_add_test(tc, test_constraints_after_migration);
	tcase_add_test(tc, test_cases);
	tcase_add_test(tc, test_case_changed);
	tcase_add_test(tc, test_stmt_cache);
	tcase_add_test(tc, test_answers_and_history);
	tcase_add_test(tc, test_answer_save_if);
	tcase_add_test(tc, test_answer_durable_at_once);
	tcase_add_test(tc, test_transactions);
	tcase_add_test(tc, test_txn_bulk);
	tcase_add_test(tc, test_status_and_events);
	tcase_add_test(tc, test_judgements);
	tcase_add_test(tc, test_judgement_decide_if);
	tcase_add_test(tc, test_readonly_never_writes);
	tcase_add_test(tc, test_locked);
	tcase_add_test(tc, test_settings);
	tcase_add_test(tc, test_rows_list);
	tcase_add_test(tc, test_reader_beside_writer);
	tcase_add_test(tc, test_case_ids_never_reused);
	tcase_add_test(tc, test_refuse_other_schema);
	tcase_add_test(tc, test_schema_built_same);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run(db_suite());
}
