/*
 * Helpers for the Check suites: temporary directories and files, a new inspection
 * and a case in one call each, direct SQL for tests that play a foreign or
 * broken writer, and a suite that cleans up after every test.
 */
#include "config.h"

#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db-case.h"
#include "qbank.h"
#include "testlib.h"
#include "util.h"

static char	*dir;

const char *
test_dir(void)
{
	const char	*base = getenv("TMPDIR");

	if (dir == NULL) {
		dir = xasprintf("%s/caseread-test.XXXXXX",
		    base != NULL && *base != '\0' ? base : "/tmp");
		ck_assert_ptr_nonnull(mkdtemp(dir));
	}
	return dir;
}

char *
test_path(const char *name)
{
	return xasprintf("%s/%s", test_dir(), name);
}

static int
remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void
test_cleanup(void)
{
	if (dir == NULL)
		return;
	nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
	dir = NULL;
}

struct db *
test_db_new(const char *name, const char *type)
{
	struct db_init	 init;
	struct qbank	*bank;
	struct db	*db;
	char		*cause = NULL, *path = test_path(name);

	bank = qbank_builtin(&cause);
	ck_assert_msg(bank != NULL, "built-in bank: %s", cause);
	memset(&init, 0, sizeof init);
	init.service = "Testshire YJS";
	init.type = type;
	init.owner = "alice";
	init.bank = bank;
	db = db_create(path, &init, &cause);
	ck_assert_msg(db != NULL, "create %s: %s", path, cause);
	qbank_free(bank);
	free(path);
	return db;
}

void
test_write(const char *path, const void *data, size_t len)
{
	int	fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
	close(fd);
}

void
test_sql(const char *path, const char *sql)
{
	sqlite3	*h;
	char	*err = NULL;

	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(h, sql, NULL, NULL, &err) == SQLITE_OK,
	    "%s: %s", sql, err != NULL ? err : "?");
	sqlite3_close(h);
}

char *
test_code_wrong(int rc, char **cause, enum err_code want)
{
	enum err_code	 got = err_code_of(rc);
	char		*wrong = NULL;

	if (got != want)
		wrong = xasprintf("returned %d (%s), not %s: %s", rc,
		    err_name(got), err_name(want), *cause != NULL ? *cause :
		    "no message");
	else if (rc < 0 && *cause == NULL)
		wrong = xasprintf("failed (%s) with no message", err_name(got));
	free(*cause);
	*cause = NULL;
	return wrong;
}

long long
test_sql_int(const char *path, const char *sql)
{
	sqlite3		*h;
	sqlite3_stmt	*stmt;
	long long	 v = -1;

	ck_assert_int_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(h, sql, -1, &stmt, NULL) == SQLITE_OK,
	    "%s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(h);
	return v;
}

long long
test_add_child(struct db *db, const char *ref)
{
	struct db_case	 c;
	char		*cause = NULL;

	memset(&c, 0, sizeof c);
	c.kind = QB_CHILD;
	c.ref = (char *)ref;
	c.type = QB_COURT;
	ck_assert_msg(db_case_add(db, &c, &cause) == 0, "%s", cause);
	return c.id;
}

Suite *
test_suite(const char *name, double timeout, TCase **tc)
{
	Suite	*s = suite_create(name);

	*tc = tcase_create(name);
	tcase_add_checked_fixture(*tc, NULL, test_cleanup);
	tcase_set_timeout(*tc, timeout);
	suite_add_tcase(s, *tc);
	return s;
}

int
test_run(Suite *s)
{
	SRunner	*sr = srunner_create(s);
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
