/*
 * Backups: a verified, owner-only snapshot in FILE.backups/, rotation that keeps
 * the newest few and never the only good one, nothing left behind by a failed
 * backup, and a restore that brings back what was saved.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "db-backup.h"
#include "db-case.h"
#include "db.h"
#include "testlib.h"
#include "util.h"

static void
save(struct db *db, long long id, const char *q, const char *note)
{
	char	*cause = NULL;

	ck_assert_msg(db_answer_save(db, id, q, ANSWER_YES, note, &cause) == 0,
	    "%s", cause);
}

static int
mode_of(const char *path)
{
	struct stat	sb;

	ck_assert_int_eq(lstat(path, &sb), 0);
	return (int)(sb.st_mode & 07777);
}

static size_t
count_backups(const char *path)
{
	char	**list;
	size_t	  n;

	ck_assert_int_eq(db_backup_list(path, &list, &n, NULL), 0);
	db_backup_list_free(list, n);
	return n;
}

/* Entries in dir other than . and .. (to see what a backup left). */
static int
entries(const char *dir)
{
	char	*cmd = xasprintf("test $(ls -A '%s' | wc -l) -eq 0", dir);
	int	 empty = system(cmd) == 0;

	free(cmd);
	return !empty;
}

START_TEST(test_backup_verified_private)
{
	struct db	*db, *b;
	struct db_case	 c;
	char		*path = test_path("a.caseread"), *dir, *made = NULL;
	char		*cause = NULL;
	mode_t		 old = umask(0);
	long long	 id;

	db = test_db_new("a.caseread", "iyjwcv");
	id = test_add_child(db, "B1");
	save(db, id, "2.1.1", "saved before the backup");
	ck_assert_msg(db_backup(db, DB_BACKUP_KEEP, &made, &cause) == 0, "%s",
	    cause);
	dir = db_backup_dir(path);
	ck_assert_ptr_nonnull(made);
	ck_assert_msg(strncmp(made, dir, strlen(dir)) == 0, "%s", made);
	ck_assert_int_eq(mode_of(dir), 0700);
	ck_assert_int_eq(mode_of(made), 0600);
	ck_assert_uint_eq(count_backups(path), 1);
	save(db, id, "2.1.2", "after the backup");
	db_close(db);
	umask(old);

	/* The snapshot is a caseread file in its own right, as it was. */
	b = db_open(made, DB_READONLY, &cause);
	ck_assert_msg(b != NULL, "%s", cause);
	ck_assert_int_eq(db_case_find(b, QB_CHILD, "B1", &c, NULL), 0);
	ck_assert_int_eq(c.answered, 1);
	db_case_clear(&c);
	ck_assert_int_eq(db_integrity(b, &cause, NULL), 0);
	free(cause);
	db_close(b);
	free(made);
	free(dir);
	free(path);
}
END_TEST

START_TEST(test_backup_unchanged_is_not_repeated)
{
	struct db	*db = test_db_new("u.caseread", "iyjwcv");
	char		*path = test_path("u.caseread"), *m1, *m2, *m3;
	long long	 id = test_add_child(db, "U1");

	ck_assert_int_eq(db_backup(db, 5, &m1, NULL), 0);
	ck_assert_int_eq(db_backup(db, 5, &m2, NULL), 1);
	ck_assert_str_eq(m1, m2);
	save(db, id, "2.1.1", "changed");
	ck_assert_int_eq(db_backup(db, 5, &m3, NULL), 0);
	ck_assert_str_ne(m3, m1);
	ck_assert_str_gt(m3, m1);	/* names sort by time */
	ck_assert_uint_eq(count_backups(path), 2);
	db_close(db);
	free(m1);
	free(m2);
	free(m3);
	free(path);
}
END_TEST

START_TEST(test_backup_rotation)
{
	struct db	*db = test_db_new("r.caseread", "iyjwcv");
	char		*path = test_path("r.caseread"), *made[6], **list;
	char		*dir = db_backup_dir(path), *other, note[32];
	size_t		 n;
	long long	 id = test_add_child(db, "R1");
	int		 i;

	ck_assert_int_eq(mkdir(dir, 0700), 0);
	other = xasprintf("%s/notes.txt", dir);
	test_write(other, "mine", 4);
	for (i = 0; i < 6; i++) {
		snprintf(note, sizeof note, "version %d", i);
		save(db, id, "2.1.1", note);
		ck_assert_int_eq(db_backup(db, 3, &made[i], NULL), 0);
	}
	ck_assert_int_eq(db_backup_list(path, &list, &n, NULL), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(list[0], made[5]);
	ck_assert_str_eq(list[1], made[4]);
	ck_assert_str_eq(list[2], made[3]);
	db_backup_list_free(list, n);
	ck_assert_int_eq(access(made[0], F_OK), -1);
	ck_assert_int_eq(access(other, F_OK), 0);	/* not ours: kept */

	/* keep 0 still keeps the one just made. */
	save(db, id, "2.1.1", "last");
	free(made[0]);
	ck_assert_int_eq(db_backup(db, 0, &made[0], NULL), 0);
	ck_assert_uint_eq(count_backups(path), 1);
	ck_assert_int_eq(access(made[0], F_OK), 0);
	for (i = 0; i < 6; i++)
		free(made[i]);
	db_close(db);
	free(other);
	free(dir);
	free(path);
}
END_TEST

/* A clock set back makes the new snapshot sort oldest: it is kept all the same. */
START_TEST(test_backup_clock_backwards)
{
	struct db	*db = test_db_new("k.caseread", "iyjwcv");
	char		*path = test_path("k.caseread"), *dir = db_backup_dir(path);
	char		*future, *made, *buf;
	size_t		 len;
	long long	 id = test_add_child(db, "K1");

	ck_assert_int_eq(db_backup(db, 1, &made, NULL), 0);
	future = xasprintf("%s/2999-01-01T000000.000Z.caseread", dir);
	ck_assert_int_eq(util_read_file(made, &buf, &len, NULL), 0);
	test_write(future, buf, len);
	free(buf);
	free(made);
	save(db, id, "2.2.1", "later work");
	ck_assert_int_eq(db_backup(db, 1, &made, NULL), 0);
	ck_assert_int_eq(access(made, F_OK), 0);
	ck_assert_int_eq(access(future, F_OK), 0);
	free(made);
	free(future);
	free(dir);
	free(path);
	db_close(db);
}
END_TEST

START_TEST(test_backup_folder_unusable)
{
	struct db	*db = test_db_new("f.caseread", "iyjwcv");
	char		*path = test_path("f.caseread"), *dir = db_backup_dir(path);
	char		*cause = NULL, *made = NULL;

	test_write(dir, "a file in the way", 17);
	ck_assert_int_eq(db_backup(db, 5, &made, &cause), -ERR_IO);
	ck_assert_ptr_null(made);
	/* What the user reads names the folder in the way. */
	ck_assert_msg(strstr(cause, "backup folder") != NULL &&
	    strstr(cause, dir) != NULL, "%s", cause);
	free(cause);
	db_close(db);
	free(dir);
	free(path);
}
END_TEST

/*
 * Out of space half-way through a snapshot (a file size limit in a child, which
 * works as root too): the backup fails, the earlier snapshot is kept untouched,
 * and no temporary file is left.
 */
START_TEST(test_backup_out_of_space)
{
	struct db	*db = test_db_new("s.caseread", "iyjwcv");
	char		*path = test_path("s.caseread"), *dir = db_backup_dir(path);
	char		*first, *before, *after, *big, **list;
	size_t		 lb, la, n;
	long long	 id = test_add_child(db, "S1");
	pid_t		 pid;
	int		 status;

	ck_assert_int_eq(db_backup(db, 5, &first, NULL), 0);
	ck_assert_int_eq(util_read_file(first, &before, &lb, NULL), 0);
	big = xmalloc(300000);
	memset(big, 'x', 299999);
	big[299999] = '\0';
	save(db, id, "2.1.1", big);
	free(big);
	db_close(db);

	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct rlimit	 rl;
		struct db	*c;
		char		*why = NULL, *m = NULL;
		int		 rc;

		signal(SIGXFSZ, SIG_IGN);
		if ((c = db_open(path, DB_READONLY, &why)) == NULL)
			_exit(10);
		rl.rlim_cur = rl.rlim_max = 100000;
		if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
			_exit(11);
		rc = db_backup(c, 5, &m, &why);
		db_close(c);
		if (err_code_of(rc) != ERR_IO)
			_exit(12);
		_exit(why != NULL ? 0 : 13);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "child status %#x", status);
	ck_assert_int_eq(db_backup_list(path, &list, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(list[0], first);
	db_backup_list_free(list, n);
	ck_assert_int_eq(util_read_file(first, &after, &la, NULL), 0);
	ck_assert(la == lb && memcmp(before, after, la) == 0);
	/* Only the first snapshot is there: no temporary leftovers. */
	{
		char *cmd = xasprintf("test $(ls -A '%s' | wc -l) -eq 1", dir);

		ck_assert_int_eq(system(cmd), 0);
		free(cmd);
	}
	free(before);
	free(after);
	free(first);
	free(dir);
	free(path);
}
END_TEST

START_TEST(test_backup_stale_temporaries_removed)
{
	struct db	*db = test_db_new("t.caseread", "iyjwcv");
	char		*path = test_path("t.caseread"), *dir = db_backup_dir(path);
	char		*old, *fresh;
	struct timeval	 tv[2];

	ck_assert_int_eq(mkdir(dir, 0700), 0);
	old = xasprintf("%s/.tmp-1-2020-01-01T000000.000Z.caseread", dir);
	fresh = xasprintf("%s/.tmp-2-2020-01-01T000000.000Z.caseread", dir);
	test_write(old, "half", 4);
	test_write(fresh, "busy", 4);
	memset(tv, 0, sizeof tv);
	tv[0].tv_sec = tv[1].tv_sec = time(NULL) - 7200;
	ck_assert_int_eq(utimes(old, tv), 0);
	ck_assert_int_eq(db_backup(db, 5, NULL, NULL), 0);
	ck_assert_int_eq(access(old, F_OK), -1);
	ck_assert_int_eq(access(fresh, F_OK), 0);	/* maybe another window's */
	ck_assert(entries(dir));
	db_close(db);
	free(old);
	free(fresh);
	free(dir);
	free(path);
}
END_TEST

/* A backup from a read-only session leaves the inspection byte-identical. */
START_TEST(test_backup_reads_only)
{
	struct db	*db = test_db_new("o.caseread", "iyjwcv");
	char		*path = test_path("o.caseread"), *before, *after, *cause;
	size_t		 lb, la;

	test_add_child(db, "O1");
	db_close(db);
	ck_assert_int_eq(util_read_file(path, &before, &lb, NULL), 0);
	db = db_open(path, DB_READONLY, &cause);
	ck_assert_msg(db != NULL, "%s", cause);
	ck_assert_msg(db_backup(db, 5, NULL, &cause) == 0, "%s", cause);
	db_close(db);
	ck_assert_int_eq(util_read_file(path, &after, &la, NULL), 0);
	ck_assert(la == lb && memcmp(before, after, la) == 0);
	free(before);
	free(after);
	free(path);
}
END_TEST

/*
 * Restore as the manual says: with caseread closed, move the damaged file and
 * its -wal/-shm aside, copy the snapshot back, check it, open it.
 */
START_TEST(test_backup_restore)
{
	struct db	*db = test_db_new("x.caseread", "iyjwcv");
	struct db_case	 c;
	char		*path = test_path("x.caseread"), *made, *cmd, *cause;
	long long	 id = test_add_child(db, "X1");

	save(db, id, "2.1.1", "kept");
	ck_assert_int_eq(db_backup(db, 5, &made, NULL), 0);
	save(db, id, "2.1.2", "lost with the damaged file");
	db_close(db);
	cmd = xasprintf("cd '%s' && mv x.caseread x.damaged && "
	    "rm -f x.caseread-wal x.caseread-shm && cp '%s' x.caseread",
	    test_dir(), made);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	db = db_open(path, 0, &cause);
	ck_assert_msg(db != NULL, "%s", cause);
	ck_assert_int_eq(db_case_find(db, QB_CHILD, "X1", &c, NULL), 0);
	ck_assert_int_eq(c.answered, 1);
	/* And it takes new answers as before. */
	save(db, c.id, "2.1.2", "entered again");
	db_case_clear(&c);
	db_close(db);
	free(made);
	free(path);
}
END_TEST

static Suite *
backup_suite(void)
{
	TCase	*tc;
	Suite	*s = test_suite("backup", 60, &tc);

	tcase_add_test(tc, test_backup_verified_private);
	tcase_add_test(tc, test_backup_unchanged_is_not_repeated);
	tcase_add_test(tc, test_backup_rotation);
	tcase_add_test(tc, test_backup_clock_backwards);
	tcase_add_test(tc, test_backup_folder_unusable);
	tcase_add_test(tc, test_backup_out_of_space);
	tcase_add_test(tc, test_backup_stale_temporaries_removed);
	tcase_add_test(tc, test_backup_reads_only);
	tcase_add_test(tc, test_backup_restore);
	return s;
}

int
main(void)
{
	return test_run(backup_suite());
}
