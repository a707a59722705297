/*
 * Shared by the Check suites: a private temporary directory per test and a
 * ready-made inspection file, so tests never touch anything outside it.
 */
#ifndef CASEREAD_TESTLIB_H
#define CASEREAD_TESTLIB_H

#include <check.h>

#include "db.h"

/* A fresh directory for this test (removed by test_cleanup). Borrowed. */
const char	*test_dir(void);
/* test_dir()/name, newly allocated. */
char		*test_path(const char *name);
/* Remove test_dir() and everything in it. */
void		 test_cleanup(void);
/* A new inspection at test_dir()/name with the built-in bank, owner "alice". */
struct db	*test_db_new(const char *name, const char *type);
/* Write len bytes to path (mode 0600). */
void		 test_write(const char *path, const void *data, size_t len);
/* Run an SQL statement on a file directly, as a foreign program would. */
void		 test_sql(const char *path, const char *sql);
/* The first column of the first row of a query on a file opened read-only, or -1. */
long long	 test_sql_int(const char *path, const char *sql);
/* A child's case ref (court order) added to db; its id. */
long long	 test_add_child(struct db *, const char *ref);
/*
 * A suite name of one test case, *tc, whose tests each stop after timeout
 * seconds and have test_cleanup run after them; the caller adds the tests.
 */
Suite		*test_suite(const char *name, double timeout, TCase **tc);
/*
 * Tests check the kind of a failure by its code, and its words only where the
 * words are the point (a file and line, what a user reads). NULL when rc is
 * the failure want (ERR_NONE: rc >= 0) and a failure came with a message;
 * otherwise what is wrong, newly allocated. *cause is freed and set to NULL.
 */
char		*test_code_wrong(int rc, char **cause, enum err_code want);
#define test_assert_code(rc, cause, want) do {				\
	char	*test_wrong_ = test_code_wrong((rc), (cause), (want));	\
									\
	ck_assert_msg(test_wrong_ == NULL, "%s", test_wrong_);		\
} while (0)
/* Run suite s; returns the process exit status for main. */
int		 test_run(Suite *s);

#endif
