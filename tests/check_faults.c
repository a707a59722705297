/*
 * Faults the storage layer must survive: a file locked by another writer, two
 * writers taking turns, read-only files and folders, a file size limit hit
 * mid-write and mid-transaction, damaged files (truncated, bytes flipped) that
 * must be refused or reported without being touched, owner-only modes whatever
 * the umask, secure_delete, and SQL that only ever binds its input.
 *
 * Permission bits do not stop root, and CI runs as root: the read-only tests
 * run in a child that drops to an unprivileged user first, and the disk-full
 * tests use a file size limit (RLIMIT_FSIZE, SIGXFSZ ignored), which binds root.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "csv.h"
#include "db-backup.h"
#include "db-case.h"
#include "db.h"
#include "error.h"
#include "testlib.h"
#include "util.h"

/* The unprivileged user the read-only tests become when run as root. */
#define NOBODY	65534

static int	replayed;	/* corpus files replayed by test_fuzz_corpus_replay */

static double
now_seconds(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static long long
sql_ll(const char *path, const char *sql)
{
	sqlite3		*h;
	sqlite3_stmt	*stmt;
	long long	 v = -1;

	ck_assert_int_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	ck_assert_msg(sqlite3_prepare_v2(h, sql, -1, &stmt, NULL) == SQLITE_OK,
	    "%s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(h);
	return v;
}

static char *
slurp(const char *path, size_t *len)
{
	char	*buf;

	ck_assert_int_eq(util_read_file(path, &buf, len, NULL), 0);
	return buf;
}

static int
exists(const char *path, const char *suffix)
{
	char	*p = xasprintf("%s%s", path, suffix);
	int	 rc = access(p, F_OK) == 0;

	free(p);
	return rc;
}

/* Open, check integrity, close: the file is sound. */
static void
assert_intact(const char *path)
{
	struct db	*db;
	char		*cause = NULL, *report = NULL;

	db = db_open(path, DB_READONLY, &cause);
	ck_assert_msg(db != NULL, "%s", cause);
	ck_assert_msg(db_integrity(db, &report, &cause) == 0, "%s", report);
	free(report);
	db_close(db);
}

/* Wait for a forked child; its exit status must be 0. */
static void
reap(pid_t pid)
{
	int	status;

	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "child failed: status %#x (exit %d)", status,
	    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

/*
 * Another program holds the file with an exclusive lock (so not even a reader
 * gets in): opening says "locked" within a few seconds and never hangs.
 */
START_TEST(test_locked_exclusive_open)
{
	char		*path = test_path("x.caseread"), *cause = NULL;
	struct db	*db = test_db_new("x.caseread", "iyjwcv");
	sqlite3		*other;
	enum err_code	 code;
	double		 t0, took;

	db_close(db);
	ck_assert_int_eq(sqlite3_open(path, &other), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(other, "PRAGMA locking_mode = EXCLUSIVE; "
	    "BEGIN EXCLUSIVE; INSERT INTO setting VALUES ('held', 'x')", NULL,
	    NULL, NULL), SQLITE_OK);
	t0 = now_seconds();
	ck_assert_ptr_null(db_open_code(path, 0, &code, &cause));
	took = now_seconds() - t0;
	ck_assert_int_eq(code, ERR_LOCKED);
	/* What the user reads names the file and says what is wrong. */
	ck_assert_msg(strstr(cause, "locked") != NULL && strstr(cause, path) !=
	    NULL, "%s", cause);
	ck_assert_msg(took < 10.0, "took %.1f s", took);
	free(cause);
	ck_assert_ptr_null(db_open_code(path, DB_READONLY, &code, &cause));
	ck_assert_int_eq(code, ERR_LOCKED);
	free(cause);
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	assert_intact(path);
	ck_assert_int_eq(sql_ll(path, "SELECT count(*) FROM setting"), 0);
	free(path);
}
END_TEST

/*
 * A writer holds BEGIN EXCLUSIVE while caseread saves: the save fails with
 * "locked" after the busy timeout, not later, and writes nothing at all.
 */
START_TEST(test_locked_save_writes_nothing)
{
	struct db	*db = test_db_new("l.caseread", "iyjwcv");
	char		*path = test_path("l.caseread"), *cause = NULL;
	long long	 id = test_add_child(db, "L1");
	sqlite3		*other;
	double		 t0, took;

	ck_assert_int_eq(sqlite3_open(path, &other), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(other, "BEGIN EXCLUSIVE; INSERT INTO "
	    "setting VALUES ('held', 'x')", NULL, NULL, NULL), SQLITE_OK);
	t0 = now_seconds();
	test_assert_code(db_answer_save(db, id, "2.1.1", ANSWER_YES, "held off",
	    &cause), &cause, ERR_LOCKED);
	took = now_seconds() - t0;
	ck_assert_msg(took >= DB_BUSY_TIMEOUT / 1000.0 - 0.5 && took < 6.0,
	    "took %.1f s", took);
	/* A transaction (import, merge) is refused the same way. */
	test_assert_code(db_txn_begin(db, "test", &cause), &cause, ERR_LOCKED);
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	ck_assert_int_eq(sql_ll(path, "SELECT count(*) FROM answer"), 0);
	ck_assert_int_eq(sql_ll(path, "SELECT count(*) FROM answer_history"), 0);
	ck_assert_int_eq(db_answer_save(db, id, "2.1.1", ANSWER_YES, "later",
	    &cause), 0);
	db_close(db);
	assert_intact(path);
	free(path);
}
END_TEST

/*
 * Two windows on one file, saving in turn, sometimes the same question: each
 * sees the other's saves, and the history is one unbroken chain (each change's
 * old value is the previous change's new value), so nothing was overwritten
 * unseen.
 */
START_TEST(test_two_connections_take_turns)
{
	struct db	*a = test_db_new("two.caseread", "iyjwcv"), *b;
	struct db_history *h;
	struct db_answer *ans;
	char		*path = test_path("two.caseread"), *cause = NULL;
	char		 note[64];
	size_t		 n, i;
	long long	 id = test_add_child(a, "T1");
	int		 round;

	b = db_open(path, 0, &cause);
	ck_assert_msg(b != NULL, "%s", cause);
	db_set_user(b, "bob");
	for (round = 0; round < 100; round++) {
		struct db *w = round % 2 ? b : a;

		snprintf(note, sizeof note, "round %d by %s", round,
		    db_user(w));
		ck_assert_msg(db_answer_save(w, id, round % 3 ? "2.1.1" :
		    "2.1.2", round % 4 ? ANSWER_YES : ANSWER_NO, note,
		    &cause) == 0, "%s", cause);
	}
	ck_assert_int_eq(db_answer_list(a, id, &ans, &n, NULL), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(ans[0].note, "round 98 by alice");
	ck_assert_str_eq(ans[0].inspector, "alice");
	ck_assert_str_eq(ans[1].note, "round 99 by bob");
	db_answer_list_free(ans, n);
	ck_assert_int_eq(db_answer_history(b, id, "2.1.1", &h, &n, NULL), 0);
	ck_assert_uint_eq(n, 66);
	ck_assert_ptr_null(h[0].old_note);
	for (i = 1; i < n; i++) {
		ck_assert_int_eq(h[i].old_value, h[i - 1].new_value);
		ck_assert_str_eq(h[i].old_note, h[i - 1].new_note);
	}
	db_history_list_free(h, n);
	db_close(a);
	db_close(b);
	ck_assert_int_eq(sql_ll(path, "SELECT count(*) FROM answer_history"),
	    100);
	assert_intact(path);
	free(path);
}
END_TEST

/* In a child: count answers through a plain SQLite connection, then close it. */
static long long
count_from_outside(const char *path)
{
	int	fds[2];
	pid_t	pid;
	long long v = -1;

	ck_assert_int_eq(pipe(fds), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		sqlite3		*h;
		sqlite3_stmt	*stmt;

		close(fds[0]);
		if (sqlite3_open(path, &h) == SQLITE_OK &&
		    sqlite3_prepare_v2(h, "SELECT count(*) FROM answer", -1,
		    &stmt, NULL) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
			v = sqlite3_column_int64(stmt, 0);
		sqlite3_close_v2(h);
		_exit(write(fds[1], &v, sizeof v) == sizeof v ? 0 : 1);
	}
	close(fds[1]);
	reap(pid);
	ck_assert_int_eq(read(fds[0], &v, sizeof v), sizeof v);
	close(fds[0]);
	return v;
}

/*
 * Opening the file again in the same process (as check or a backup does) must
 * not drop the first connection's locks: POSIX drops all of a process's locks
 * on a file when any descriptor on it closes, after which another program,
 * thinking itself the last user, deletes the -wal the first connection still
 * writes to, and its saves vanish for everyone else.
 */
START_TEST(test_second_open_keeps_locks)
{
	struct db	*a = test_db_new("lk.caseread", "iyjwcv"), *b;
	char		*path = test_path("lk.caseread"), *cause = NULL;
	long long	 id = test_add_child(a, "K1");

	ck_assert_int_eq(db_answer_save(a, id, "2.1.1", ANSWER_YES, "one",
	    NULL), 0);
	b = db_open(path, DB_READONLY, &cause);
	ck_assert_msg(b != NULL, "%s", cause);
	db_close(b);
	ck_assert_ptr_nonnull(b = db_open(path, 0, NULL));
	db_close(b);
	ck_assert_int_eq(count_from_outside(path), 1);
	ck_assert_int_eq(db_answer_save(a, id, "2.1.2", ANSWER_NO, "two", NULL),
	    0);
	ck_assert_int_eq(count_from_outside(path), 2);
	db_close(a);
	ck_assert_int_eq(count_from_outside(path), 2);
	free(path);
}
END_TEST

/* Two processes saving as fast as they can at the same time: all saves land. */
START_TEST(test_two_processes_concurrent)
{
	struct db	*db = test_db_new("cc.caseread", "iyjwcv");
	char		*path = test_path("cc.caseread");
	long long	 ids[2];
	pid_t		 pid[2];
	int		 k;

	ids[0] = test_add_child(db, "P0");
	ids[1] = test_add_child(db, "P1");
	db_close(db);
	for (k = 0; k < 2; k++) {
		pid[k] = fork();
		ck_assert_int_ge(pid[k], 0);
		if (pid[k] == 0) {
			struct db	*c;
			char		 note[32];
			int		 i;

			if ((c = db_open(path, 0, NULL)) == NULL)
				_exit(10);
			for (i = 0; i < 150; i++) {
				snprintf(note, sizeof note, "p%d n%d", k, i);
				if (db_answer_save(c, ids[k], i % 2 ? "2.1.1" :
				    "2.2.1", ANSWER_YES, note, NULL) != 0)
					_exit(11);
			}
			db_close(c);
			_exit(0);
		}
	}
	reap(pid[0]);
	reap(pid[1]);
	ck_assert_int_eq(sql_ll(path, "SELECT count(*) FROM answer_history"),
	    300);
	assert_intact(path);
	free(path);
}
END_TEST

/*
 * In a child: become an unprivileged user (when root) so permission bits
 * apply, owning the test directory so the test can set them.
 */
static void
become_unprivileged(void)
{
	if (geteuid() != 0)
		return;
	if (setgroups(0, NULL) != 0 || setgid(NOBODY) != 0 ||
	    setuid(NOBODY) != 0)
		_exit(99);
}

static void
give_dir_to_nobody(void)
{
	char	*cmd;

	if (geteuid() != 0)
		return;
	cmd = xasprintf("chown -R %d:%d '%s'", NOBODY, NOBODY, test_dir());
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}

/*
 * The child's part of the read-only tests: the file opens for reading, says it
 * is read-only, shows what was saved, and a save fails with a clear message.
 */
static int
readonly_child(const char *path, const char *want)
{
	struct db	*db;
	struct db_answer *ans;
	char		*cause = NULL;
	size_t		 n;

	become_unprivileged();
	if ((db = db_open(path, 0, &cause)) == NULL) {
		fprintf(stderr, "open: %s\n", cause);
		return 20;
	}
	if (!db_readonly(db))
		return 21;
	if (db_answer_list(db, 1, &ans, &n, &cause) != 0 || n != 1 ||
	    strcmp(ans[0].note, "saved earlier") != 0)
		return 22;
	db_answer_list_free(ans, n);
	if (db_answer_save(db, 1, "2.1.2", ANSWER_NO, "new", &cause) !=
	    -ERR_READONLY)
		return 23;
	if (strstr(cause, want) == NULL || strstr(cause, path) == NULL) {
		fprintf(stderr, "save: %s\n", cause);
		return 24;
	}
	free(cause);
	db_close(db);
	return 0;
}

static char *
readonly_setup(const char *name)
{
	struct db	*db = test_db_new(name, "iyjwcv");
	long long	 id = test_add_child(db, "RO1");

	ck_assert_int_eq(id, 1);
	ck_assert_int_eq(db_answer_save(db, id, "2.1.1", ANSWER_YES,
	    "saved earlier", NULL), 0);
	db_close(db);
	give_dir_to_nobody();
	return test_path(name);
}

START_TEST(test_readonly_file)
{
	char	*path = readonly_setup("rof.caseread"), *before, *after;
	size_t	 lb, la;
	pid_t	 pid;

	before = slurp(path, &lb);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		become_unprivileged();
		if (chmod(path, 0400) != 0)
			_exit(30);
		_exit(readonly_child(path, "read-only"));
	}
	reap(pid);
	after = slurp(path, &la);
	ck_assert(la == lb && memcmp(before, after, la) == 0);
	ck_assert_int_eq(sql_ll(path, "SELECT count(*) FROM answer"), 1);
	free(before);
	free(after);
	free(path);
}
END_TEST

START_TEST(test_readonly_folder)
{
	char	*path = readonly_setup("rod.caseread"), *before, *after;
	size_t	 lb, la;
	pid_t	 pid;

	before = slurp(path, &lb);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		int rc;

		become_unprivileged();
		if (chmod(test_dir(), 0500) != 0)
			_exit(30);
		rc = readonly_child(path, "read-only");
		chmod(test_dir(), 0700);
		_exit(rc);
	}
	reap(pid);
	after = slurp(path, &la);
	ck_assert(la == lb && memcmp(before, after, la) == 0);
	ck_assert(!exists(path, "-wal"));
	free(before);
	free(after);
	free(path);
}
END_TEST

/*
 * A child with a file size limit saves answers (4 KiB notes) until the limit
 * stops it, then tries a whole transaction of saves ("import") that cannot fit.
 * It reports how many single saves succeeded on fd out. Returns its message.
 */
static int
size_limit_child(const char *path, long long id, int out)
{
	struct rlimit	 rl;
	struct stat	 sb;
	struct db	*db;
	char		*cause = NULL, *note, q[32];
	int		 saved = 0, i, rc = 0;

	signal(SIGXFSZ, SIG_IGN);
	if ((db = db_open(path, 0, &cause)) == NULL)
		return 40;
	if (stat(path, &sb) != 0)
		return 41;
	rl.rlim_cur = rl.rlim_max = (rlim_t)sb.st_size + 200000;
	if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
		return 42;
	note = xmalloc(4097);
	memset(note, 'n', 4096);
	note[4096] = '\0';
	for (i = 0; i < 10000; i++) {
		snprintf(note, 32, "single %06d ", i);
		note[strlen(note)] = 'n';
		snprintf(q, sizeof q, "2.1.1.%d", i % 50);
		if ((rc = db_answer_save(db, id, q, ANSWER_YES, note,
		    &cause)) != 0)
			break;
		saved++;
	}
	if (i == 10000 || err_code_of(rc) != ERR_IO)
		return 43;
	free(cause);
	if (write(out, &saved, sizeof saved) != sizeof saved)
		return 44;
	/* The limit stays: a big transaction fails and leaves nothing. */
	if (db_txn_begin(db, "test", &cause) == 0) {
		for (i = 0; i < 10000; i++) {
			snprintf(note, 32, "import %06d ", i);
			note[strlen(note)] = 'n';
			if (db_answer_save(db, id, "2.2.1", ANSWER_NO, note,
			    &cause) != 0)
				break;
		}
		db_txn_rollback(db, "test");
		if (i == 10000)
			return 45;
	}
	free(note);
	db_close(db);
	return 0;
}

START_TEST(test_size_limit_mid_write)
{
	struct db	*db = test_db_new("full.caseread", "iyjwcv");
	char		*path = test_path("full.caseread");
	long long	 id = test_add_child(db, "F1");
	int		 fds[2], saved = -1;
	pid_t		 pid;

	ck_assert_int_eq(db_answer_save(db, id, "2.3.1", ANSWER_YES, "before",
	    NULL), 0);
	db_close(db);
	ck_assert_int_eq(pipe(fds), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		close(fds[0]);
		_exit(size_limit_child(path, id, fds[1]));
	}
	close(fds[1]);
	reap(pid);
	ck_assert_int_eq(read(fds[0], &saved, sizeof saved), sizeof saved);
	close(fds[0]);
	ck_assert_int_gt(saved, 5);
	assert_intact(path);
	/* Every save that returned 0 is there; the failed one and the import not. */
	ck_assert_int_eq(sql_ll(path, "SELECT count(*) FROM answer_history "
	    "WHERE new_note LIKE 'single %'"), saved);
	ck_assert_int_eq(sql_ll(path, "SELECT count(*) FROM answer_history "
	    "WHERE new_note LIKE 'import %'"), 0);
	ck_assert_int_eq(sql_ll(path, "SELECT count(*) FROM answer WHERE "
	    "note = 'before'"), 1);
	/* And once space is back, saving works again. */
	db = db_open(path, 0, NULL);
	ck_assert_ptr_nonnull(db);
	ck_assert_int_eq(db_answer_save(db, id, "2.3.2", ANSWER_NO, "after",
	    NULL), 0);
	db_close(db);
	free(path);
}
END_TEST

/* A file with some content to damage. */
static char *
sample_file(const char *name, size_t *len)
{
	struct db	*db = test_db_new(name, "iyjs");
	char		*path = test_path(name), *bytes, ref[16], note[64];
	long long	 id;
	int		 i;

	for (i = 0; i < 40; i++) {
		snprintf(ref, sizeof ref, "D%02d", i);
		id = test_add_child(db, ref);
		snprintf(note, sizeof note, "note for case %d, with evidence", i);
		ck_assert_int_eq(db_answer_save(db, id, "2.1.1", i % 2 ?
		    ANSWER_YES : ANSWER_NO, note, NULL), 0);
	}
	db_close(db);
	bytes = slurp(path, len);
	free(path);
	return bytes;
}

/* Counts of what the damaged files did, printed at the end of the test. */
struct damage_counts {
	int	 tried;
	int	 refused;
	int	 reported;	/* opened, and integrity_check listed problems */
	int	 clean;		/* opened and checked ok: damage SQLite cannot see */
};

/*
 * Typed errors (issue 15): each kind of file caseread cannot open says which
 * kind by its code, not only in words, and the store's message carries no
 * advice for the user: err_advice words it once, for the edges to add.
 */
START_TEST(test_open_error_codes)
{
	char		*path = test_path("codes.caseread"), *cause = NULL;
	char		*good, *other = test_path("not-ours.txt");
	struct db	*db;
	sqlite3		*h;
	enum err_code	 code;
	size_t		 len;
	FILE		*f;

	good = sample_file("codes.caseread", &len);

	/* A file that is not there. */
	ck_assert_ptr_null(db_open_code("/nonexistent/x.caseread", 0, &code,
	    &cause));
	ck_assert_str_eq(err_name(code), "notfound");
	free(cause);

	/* Text, not SQLite. */
	ck_assert_ptr_nonnull(f = fopen(other, "w"));
	fputs("name,answer\nYJ-1,yes\n", f);
	fclose(f);
	ck_assert_ptr_null(db_open_code(other, 0, &code, &cause));
	ck_assert_int_eq(code, ERR_FOREIGN);
	free(cause);

	/* Cut short by one page: damaged, and the store gives no advice. */
	test_write(path, good, len - 4096);
	ck_assert_ptr_null(db_open_code(path, 0, &code, &cause));
	ck_assert_int_eq(code, ERR_DAMAGED);
	ck_assert_msg(strstr(cause, "BACKUPS") == NULL, "%s", cause);
	ck_assert_ptr_nonnull(strstr(err_advice(code), "BACKUPS"));
	free(cause);

	/* From a newer caseread. */
	test_write(path, good, len);
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "PRAGMA user_version = 9999", NULL,
	    NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	ck_assert_ptr_null(db_open_code(path, DB_READONLY, &code, &cause));
	ck_assert_int_eq(code, ERR_NEWER);
	free(cause);

	/* Locked by another writer. */
	test_write(path, good, len);
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "PRAGMA locking_mode = EXCLUSIVE; "
	    "BEGIN EXCLUSIVE; INSERT INTO setting VALUES ('held', 'x')", NULL,
	    NULL, NULL), SQLITE_OK);
	ck_assert_ptr_null(db_open_code(path, 0, &code, &cause));
	ck_assert_int_eq(code, ERR_LOCKED);
	free(cause);
	sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(h);

	/* And a good one opens with ERR_NONE. */
	ck_assert_ptr_nonnull(db = db_open_code(path, 0, &code, &cause));
	ck_assert_int_eq(code, ERR_NONE);
	db_close(db);

	/* Codes travel in return values: -1 is ERR_FAILED, as before. */
	ck_assert_int_eq(err_code_of(-1), ERR_FAILED);
	ck_assert_int_eq(err_fail(NULL, ERR_LOCKED, "x"), -(int)ERR_LOCKED);
	ck_assert_int_eq(err_code_of(err_fail(NULL, ERR_REFUSED, "x")),
	    ERR_REFUSED);
	ck_assert_int_eq(err_code_of(0), ERR_NONE);
	free(good);
	free(other);
	free(path);
}
END_TEST

/*
 * caseread check's way of opening (read-only), then a normal open: neither may
 * crash; a refusal names the file; the read-only pass leaves the file
 * byte-identical with no -wal or -shm, and so does a refused normal open.
 */
static void
try_damaged(const char *path, const char *bytes, size_t len,
    struct damage_counts *dc)
{
	struct db	*db;
	struct db_case	*list;
	char		*cause = NULL, *report = NULL, *after;
	size_t		 n, la;
	int		 problems;

	test_write(path, bytes, len);
	dc->tried++;
	if ((db = db_open(path, DB_READONLY, &cause)) == NULL) {
		ck_assert_msg(cause != NULL && strstr(cause, path) != NULL,
		    "%s", cause);
		free(cause);
		dc->refused++;
	} else {
		problems = db_integrity(db, &report, NULL);
		if (problems > 0)
			dc->reported++;
		else
			dc->clean++;
		free(report);
		if (db_case_list(db, QB_CHILD, NULL, 0, -1, &list, &n,
		    NULL) == 0)
			db_case_list_free(list, n);
		db_close(db);
	}
	after = slurp(path, &la);
	ck_assert_msg(la == len && memcmp(after, bytes, len) == 0,
	    "read-only open changed a damaged file");
	free(after);
	ck_assert_msg(!exists(path, "-wal") && !exists(path, "-shm"),
	    "read-only open left a -wal or -shm");

	if ((db = db_open(path, 0, &cause)) == NULL) {
		free(cause);
		after = slurp(path, &la);
		ck_assert_msg(la == len && memcmp(after, bytes, len) == 0,
		    "a refused file was changed");
		free(after);
		ck_assert_msg(!exists(path, "-wal") && !exists(path, "-shm"),
		    "a refused file got a -wal or -shm");
	} else
		db_close(db);
	unlink(path);
}

START_TEST(test_truncated_files)
{
	struct damage_counts dc;
	char		*path = test_path("cut.caseread"), *good;
	size_t		 len, i;
	size_t		 cuts[] = { 0, 1, 15, 16, 50, 99, 100, 101, 512, 1023,
			    1024, 4095, 4096, 4097, 8191, 8192, 12288, 0, 0, 0 };

	memset(&dc, 0, sizeof dc);
	good = sample_file("good.caseread", &len);
	cuts[17] = len / 2;
	cuts[18] = len - 4096;
	cuts[19] = len - 1;
	for (i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		size_t	 k;
		int	 clean = dc.clean, lost = 0;

		if (cuts[i] >= len)
			continue;
		try_damaged(path, good, cuts[i], &dc);
		for (k = cuts[i]; k < len; k++)
			lost |= good[k] != 0;
		/*
		 * Passing unnoticed is only allowed when what was cut held
		 * nothing but zeros (SQLite reads a short page as zeros).
		 */
		ck_assert_msg(dc.clean == clean || !lost, "cut at %zu of %zu "
		    "bytes passed unnoticed", cuts[i], len);
	}
	printf("truncated: %d tried, %d refused, %d reported, %d clean "
	    "(only zero bytes cut)\n", dc.tried, dc.refused, dc.reported,
	    dc.clean);
	free(good);
	free(path);
}
END_TEST

/* Simple fixed-seed generator so every run damages the same bytes. */
static unsigned long long
next_rand(unsigned long long *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

START_TEST(test_flipped_bytes)
{
	struct damage_counts dc;
	char		*path = test_path("flip.caseread"), *good, *bad;
	unsigned long long seed = 20250601;
	size_t		 len, off;
	int		 iter, k, flips;
	const int	 iterations = getenv("FAULT_ITERATIONS") != NULL ?
			    atoi(getenv("FAULT_ITERATIONS")) : 600;

	memset(&dc, 0, sizeof dc);
	good = sample_file("good.caseread", &len);
	bad = xmalloc(len);
	for (iter = 0; iter < iterations; iter++) {
		memcpy(bad, good, len);
		flips = 1 + (int)(next_rand(&seed) % 8);
		for (k = 0; k < flips; k++) {
			/* Half the time in the first pages: header, schema. */
			if (next_rand(&seed) % 2)
				off = next_rand(&seed) % (len < 8192 ? len : 8192);
			else
				off = next_rand(&seed) % len;
			bad[off] ^= (char)(1 + next_rand(&seed) % 255);
		}
		try_damaged(path, bad, len, &dc);
	}
	printf("flipped: %d tried, %d refused, %d reported, %d clean "
	    "(clean: damage inside row data, which SQLite has no checksum "
	    "for)\n", dc.tried, dc.refused, dc.reported, dc.clean);
	ck_assert_int_gt(dc.refused, 0);
	free(bad);
	free(good);
	free(path);
}
END_TEST

/* Everything caseread writes is owner-only even with umask 000. */
START_TEST(test_modes_with_umask_000)
{
	mode_t		 old = umask(0);
	struct db	*db = test_db_new("m.caseread", "iyjwcv");
	char		*path = test_path("m.caseread"), *made = NULL, *p;
	struct stat	 sb;
	long long	 id = test_add_child(db, "M1");
	const char	*side[] = { "", "-wal", "-shm" };
	size_t		 i;

	ck_assert_int_eq(db_answer_save(db, id, "2.1.1", ANSWER_YES, "x", NULL),
	    0);
	for (i = 0; i < 3; i++) {
		p = xasprintf("%s%s", path, side[i]);
		ck_assert_msg(stat(p, &sb) == 0, "%s: %s", p, strerror(errno));
		ck_assert_msg((sb.st_mode & 0777) == 0600, "%s is %o", p,
		    sb.st_mode & 0777);
		free(p);
	}
	ck_assert_int_eq(db_backup(db, 5, &made, NULL), 0);
	ck_assert_int_eq(stat(made, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	p = db_backup_dir(path);
	ck_assert_int_eq(stat(p, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0700);
	free(p);
	free(made);
	db_close(db);
	umask(old);
	free(path);
}
END_TEST

static int
contains(const char *path, const char *needle)
{
	char	*buf;
	size_t	 len, n = strlen(needle), i;
	int	 found = 0;

	if (util_read_file(path, &buf, &len, NULL) != 0)
		return 0;
	for (i = 0; i + n <= len && !found; i++)
		found = memcmp(buf + i, needle, n) == 0;
	free(buf);
	return found;
}

/*
 * secure_delete: text overwritten is gone from the file's bytes, not just from
 * its rows. The same steps without secure_delete leave it there, which shows
 * the test can see the difference.
 */
START_TEST(test_secure_delete)
{
	static const char secret[] = "SECRET-9f2c: the child's home address";
	struct db	*db = test_db_new("sd.caseread", "iyjwcv");
	char		*path = test_path("sd.caseread");
	char		*plain = test_path("plain.db");
	sqlite3		*h;

	ck_assert_int_eq(db_setting_set(db, "ui.search", secret, NULL), 0);
	ck_assert_int_eq(db_setting_set(db, "ui.search", "x", NULL), 0);
	db_close(db);
	ck_assert(!contains(path, "SECRET-9f2c"));

	ck_assert_int_eq(sqlite3_open(plain, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "PRAGMA secure_delete = OFF; "
	    "PRAGMA journal_mode = WAL; CREATE TABLE setting (name TEXT PRIMARY "
	    "KEY, value TEXT NOT NULL); INSERT INTO setting VALUES ('a', 'b'); "
	    "INSERT INTO setting VALUES ('ui.search', 'SECRET-9f2c: the "
	    "child''s home address'); UPDATE setting SET value = 'x' WHERE "
	    "name = 'ui.search'", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	ck_assert_msg(contains(plain, "SECRET-9f2c"),
	    "control: without secure_delete the text should linger");
	free(plain);
	free(path);
}
END_TEST

/* Input that looks like SQL is stored as text: everything is bound. */
START_TEST(test_bound_parameters)
{
	static const char evil[] = "'; DROP TABLE cases; --";
	static const char evil2[] = "x\"); DELETE FROM answer; --";
	struct db_init	 init;
	struct db	*db;
	struct db_case	 c, got;
	struct db_answer *ans;
	struct qbank	*bank = qbank_builtin(NULL);
	char		*path = test_path("sql.caseread"), *v = NULL;
	size_t		 n;

	memset(&init, 0, sizeof init);
	init.service = evil;
	init.type = "iyjwcv";
	init.owner = evil2;
	init.bank = bank;
	db = db_create(path, &init, NULL);
	ck_assert_ptr_nonnull(db);
	memset(&c, 0, sizeof c);
	c.kind = QB_CHILD;
	c.ref = (char *)evil;
	c.type = QB_COURT;
	c.manager = (char *)"';--";
	c.inspector = (char *)evil2;
	ck_assert_int_eq(db_case_add(db, &c, NULL), 0);
	ck_assert_int_eq(db_answer_save(db, c.id, "2.1.1", ANSWER_YES, evil,
	    NULL), 0);
	ck_assert_int_eq(db_answer_save(db, c.id, evil2, ANSWER_NO, evil2,
	    NULL), 0);
	ck_assert_int_eq(db_setting_set(db, evil, evil2, NULL), 0);
	db_close(db);

	db = db_open(path, 0, NULL);
	ck_assert_ptr_nonnull(db);
	ck_assert_str_eq(db_inspection(db)->service, evil);
	ck_assert_str_eq(db_inspection(db)->owner, evil2);
	ck_assert_int_eq(db_case_find(db, QB_CHILD, evil, &got, NULL), 0);
	ck_assert_str_eq(got.manager, "';--");
	ck_assert_str_eq(got.inspector, evil2);
	ck_assert_int_eq(db_case_count(db, QB_CHILD, "DROP TABLE", NULL), 1);
	ck_assert_int_eq(db_answer_list(db, got.id, &ans, &n, NULL), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(ans[0].note, evil);
	ck_assert_str_eq(ans[1].question, evil2);
	db_answer_list_free(ans, n);
	db_case_clear(&got);
	ck_assert_int_eq(db_setting_get(db, evil, &v, NULL), 0);
	ck_assert_str_eq(v, evil2);
	free(v);
	db_close(db);
	assert_intact(path);
	qbank_free(bank);
	free(path);
}
END_TEST

/*
 * Every input in the fuzzers' corpora (seeds and the crashers they found,
 * kept as regression inputs), replayed through the same code under this
 * suite's sanitizers, so a fixed crash stays fixed without clang.
 */
static int
replay_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	struct csv_reader	*r;
	struct csv_record	 rec;
	struct qbank		*b;
	char			*buf, *cause = NULL;
	size_t			 len;

	(void)ftw;
	if (flag != FTW_F || !S_ISREG(sb->st_mode))
		return 0;
	ck_assert_int_eq(util_read_file(path, &buf, &len, NULL), 0);
	if (strstr(path, "/corpus/qbank/") != NULL) {
		b = qbank_parse(buf, len, path, &cause);
		qbank_free(b);
	} else if (strstr(path, "/corpus/csv/") != NULL) {
		r = csv_reader_new_mem(buf, len, path);
		while (csv_read(r, &rec, &cause) == 1)
			;
		csv_reader_free(r);
	}
	free(cause);
	free(buf);
	replayed++;
	return 0;
}

START_TEST(test_fuzz_corpus_replay)
{
	char	*dir = xasprintf("%s/fuzz/corpus", TEST_SRCDIR);

	replayed = 0;
	ck_assert_int_eq(nftw(dir, replay_one, 8, FTW_PHYS), 0);
	ck_assert_int_ge(replayed, 6);
	free(dir);
}
END_TEST

static Suite *
faults_suite(void)
{
	TCase	*tc;
	Suite	*s = test_suite("faults", 300, &tc);

	tcase_add_test(tc, test_locked_exclusive_open);
	tcase_add_test(tc, test_locked_save_writes_nothing);
	tcase_add_test(tc, test_two_connections_take_turns);
	tcase_add_test(tc, test_two_processes_concurrent);
	tcase_add_test(tc, test_second_open_keeps_locks);
	tcase_add_test(tc, test_readonly_file);
	tcase_add_test(tc, test_readonly_folder);
	tcase_add_test(tc, test_size_limit_mid_write);
	tcase_add_test(tc, test_open_error_codes);
	tcase_add_test(tc, test_truncated_files);
	tcase_add_test(tc, test_flipped_bytes);
	tcase_add_test(tc, test_modes_with_umask_000);
	tcase_add_test(tc, test_secure_delete);
	tcase_add_test(tc, test_bound_parameters);
	tcase_add_test(tc, test_fuzz_corpus_replay);
	return s;
}

int
main(void)
{
	return test_run(faults_suite());
}
