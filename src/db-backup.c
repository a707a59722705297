/*
 * Rolling backups of an inspection file: a verified snapshot (VACUUM INTO a
 * temporary name, integrity_check, fsync, rename) in FILE.backups/ beside it,
 * keeping the newest few. It only ever reads the inspection itself, works on a
 * file that has already passed db_open's checks, and deletes nothing but older
 * snapshots of its own naming once a new one has proved good.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "db-internal.h"
#include "util.h"

/* Temporary snapshots older than this are leftovers of a crash: remove them. */
#define BACKUP_STALE_SECONDS	3600

char *
db_backup_dir(const char *path)
{
	return xasprintf("%s.backups", path);
}

/*
 * "2025-03-12T101530.123Z.caseread", or "...Z_02.caseread" for a second one in
 * the same millisecond (sorting after the first): ours to prune.
 */
static int
backup_name_ok(const char *name)
{
	size_t	len = strlen(name);

	return len >= 29 && name[0] >= '0' && name[0] <= '9' &&
	    name[10] == 'T' && strchr(name, '/') == NULL &&
	    strcmp(name + len - 9, ".caseread") == 0;
}

static int
name_cmp_desc(const void *a, const void *b)
{
	return strcmp(*(char *const *)b, *(char *const *)a);
}

/* The snapshot names in dir, newest first (names sort by time). */
static int
list_names(const char *dir, char ***out, size_t *n, char **cause)
{
	DIR		*d;
	struct dirent	*de;
	char		**names = NULL;
	size_t		 count = 0;

	*out = NULL;
	*n = 0;
	if ((d = opendir(dir)) == NULL) {
		if (errno == ENOENT)
			return 0;
		return err_fail(cause, ERR_IO, "cannot read backup folder "
		    "'%s': %s", dir, strerror(errno));
	}
	while ((de = readdir(d)) != NULL) {
		if (!backup_name_ok(de->d_name))
			continue;
		names = xreallocarray(names, count + 1, sizeof *names);
		names[count++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (count > 0)
		qsort(names, count, sizeof *names, name_cmp_desc);
	*out = names;
	*n = count;
	return 0;
}

static void
free_names(char **names, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int
db_backup_list(const char *path, char ***out, size_t *n, char **cause)
{
	char	*dir = db_backup_dir(path), **names;
	size_t	 i;
	int	 rc;

	if ((rc = list_names(dir, &names, n, cause)) != 0) {
		free(dir);
		return rc;
	}
	for (i = 0; i < *n; i++) {
		char *full = xasprintf("%s/%s", dir, names[i]);

		free(names[i]);
		names[i] = full;
	}
	free(dir);
	*out = names;
	return 0;
}

void
db_backup_list_free(char **list, size_t n)
{
	free_names(list, n);
}

/* Create the folder owner-only, or accept an existing real directory. */
static int
make_dir(const char *dir, char **cause)
{
	struct stat	sb;

	if (mkdir(dir, 0700) == 0)
		return 0;
	if (errno != EEXIST)
		return err_fail(cause, ERR_IO, "cannot create backup folder "
		    "'%s': %s", dir, strerror(errno));
	if (lstat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return err_fail(cause, ERR_IO, "cannot use backup folder '%s': "
		    "not a folder", dir);
	if ((sb.st_mode & 077) != 0 && chmod(dir, 0700) != 0)
		return err_fail(cause, ERR_IO, "cannot make backup folder '%s' "
		    "private: %s", dir, strerror(errno));
	return 0;
}

/* Remove temporary snapshots a crashed backup left behind. */
static void
remove_stale(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 sb;
	char		*p;
	time_t		 now = time(NULL);

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, ".tmp-", 5) != 0)
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		if (lstat(p, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    now - sb.st_mtime > BACKUP_STALE_SECONDS)
			unlink(p);
		free(p);
	}
	closedir(d);
}

/* A snapshot is good when it is ours and passes a full integrity_check. */
static int
verify_snapshot(const char *path, char **cause)
{
	sqlite3		*h = NULL;
	sqlite3_stmt	*stmt = NULL;
	const char	*msg;
	int		 rc, app = 0, ok = 0;

	if (db_sqlite_open(path, &h, SQLITE_OPEN_READONLY) != SQLITE_OK ||
	    db_harden(h) != 0)
		goto done;
	if (sqlite3_prepare_v2(h, "PRAGMA application_id", -1, &stmt,
	    NULL) != SQLITE_OK)
		goto done;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		app = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (app != DB_APPLICATION_ID)
		goto done;
	if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &stmt,
	    NULL) != SQLITE_OK)
		goto done;
	ok = 1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		msg = (const char *)sqlite3_column_text(stmt, 0);
		if (msg == NULL || strcmp(msg, "ok") != 0)
			ok = 0;
	}
	if (rc != SQLITE_DONE)
		ok = 0;
done:
	if (!ok)
		err_fail(cause, ERR_DAMAGED, "backup '%s' failed verification: "
		    "%s", path, h != NULL ? sqlite3_errmsg(h) :
		    "out of memory");
	sqlite3_finalize(stmt);
	sqlite3_close(h);
	return ok ? 0 : -ERR_DAMAGED;
}

static int
sync_path(const char *path, int dir, char **cause)
{
	int	fd, rc;

	if ((fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDWR) |
	    O_CLOEXEC | O_NOFOLLOW)) == -1)
		return err_fail(cause, ERR_IO, "cannot open '%s': %s", path,
		    strerror(errno));
	rc = 0;
	if ((dir ? 0 : fchmod(fd, 0600)) != 0 || fsync(fd) != 0)
		rc = err_fail(cause, ERR_IO, "cannot save backup '%s': %s",
		    path, strerror(errno));
	close(fd);
	return rc;
}

/* Whether two files have the same bytes. */
static int
same_bytes(const char *a, const char *b)
{
	char	 ba[65536], bb[65536];
	FILE	*fa, *fb = NULL;
	size_t	 na, nb;
	int	 same = 0;

	/* In blocks: a roll-up's snapshots are too big to hold twice in memory. */
	if ((fa = fopen(a, "rb")) == NULL || (fb = fopen(b, "rb")) == NULL)
		goto out;
	for (;;) {
		na = fread(ba, 1, sizeof ba, fa);
		nb = fread(bb, 1, sizeof bb, fb);
		if (na != nb || memcmp(ba, bb, na) != 0)
			break;
		if (na == 0) {
			same = !ferror(fa) && !ferror(fb);
			break;
		}
	}
out:
	if (fa != NULL)
		fclose(fa);
	if (fb != NULL)
		fclose(fb);
	return same;
}

/* Delete all but the newest keep snapshots, never the one just made. */
static void
prune(const char *dir, int keep, const char *made)
{
	char	**names, *p;
	size_t	 n, i;

	if (list_names(dir, &names, &n, NULL) != 0)
		return;
	for (i = (size_t)keep; i < n; i++) {
		p = xasprintf("%s/%s", dir, names[i]);
		if (strcmp(p, made) != 0)
			unlink(p);
		free(p);
	}
	free_names(names, n);
}

static void
stamp_now(char *buf, size_t len)
{
	struct timeval	tv;
	struct tm	tm;
	char		sec[32];

	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	strftime(sec, sizeof sec, "%Y-%m-%dT%H%M%S", &tm);
	snprintf(buf, len, "%s.%03ldZ", sec, (long)(tv.tv_usec / 1000));
}

int
db_backup(struct db *db, int keep, char **made, char **cause)
{
	static const char vacuum_sql[] = "VACUUM INTO ?";
	sqlite3_stmt	*stmt;
	struct stat	 sb;
	char		 stamp[64], **names = NULL;
	char		*dir, *tmp = NULL, *final = NULL, *newest = NULL, *uri;
	size_t		 n = 0;
	int		 fd, i, rc = -1, query_only = 0;

	if (made != NULL)
		*made = NULL;
	if (keep < 1)
		keep = 1;
	dir = db_backup_dir(db->path);
	if ((rc = make_dir(dir, cause)) != 0)
		goto out;
	rc = -ERR_IO;
	remove_stale(dir);

	stamp_now(stamp, sizeof stamp);
	tmp = xasprintf("%s/.tmp-%ld-%s.caseread", dir, (long)getpid(), stamp);
	/* Made here, owner-only, so the snapshot is 0600 whatever the umask. */
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
	    O_NOFOLLOW, 0600)) == -1) {
		err_fail(cause, ERR_IO, "cannot create backup '%s': %s", tmp,
		    strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	close(fd);

	/* A read-only session forbids VACUUM INTO; it writes only the copy. */
	if (sqlite3_prepare_v2(db->h, "PRAGMA query_only", -1, &stmt,
	    NULL) == SQLITE_OK) {
		if (sqlite3_step(stmt) == SQLITE_ROW)
			query_only = sqlite3_column_int(stmt, 0);
		sqlite3_finalize(stmt);
	}
	if (query_only)
		sqlite3_exec(db->h, "PRAGMA query_only = OFF", NULL, NULL, NULL);
	if ((stmt = db_stmt(db, vacuum_sql, cause)) != NULL) {
		/* Named as a URI: the connection reads file names as URIs. */
		uri = db_uri(tmp, NULL);
		sqlite3_bind_text(stmt, 1, uri, -1, SQLITE_TRANSIENT);
		free(uri);
		if (sqlite3_step(stmt) != SQLITE_DONE) {
			rc = err_fail(cause, db_err_code(db->h), "cannot write "
			    "backup of '%s': %s", db->path,
			    sqlite3_errmsg(db->h));
			stmt = NULL;
		}
		if (stmt != NULL)
			sqlite3_reset(stmt);
	}
	/* A read-only session must not be left writable by its backup. */
	if (query_only && sqlite3_exec(db->h, "PRAGMA query_only = ON", NULL,
	    NULL, NULL) != SQLITE_OK && stmt != NULL) {
		rc = err_fail(cause, db_err_code(db->h), "'%s': cannot make "
		    "the file read-only again after its backup: %s", db->path,
		    sqlite3_errmsg(db->h));
		stmt = NULL;
	}
	if (stmt == NULL)
		goto out;
	if ((rc = verify_snapshot(tmp, cause)) != 0 ||
	    (rc = sync_path(tmp, 0, cause)) != 0)
		goto out;

	/* Unchanged since the newest snapshot: keep that one, make none. */
	if ((rc = list_names(dir, &names, &n, cause)) != 0)
		goto out;
	if (n > 0) {
		newest = xasprintf("%s/%s", dir, names[0]);
		if (same_bytes(tmp, newest)) {
			unlink(tmp);
			if (made != NULL) {
				*made = newest;
				newest = NULL;
			}
			rc = 1;
			goto out;
		}
	}

	final = xasprintf("%s/%s.caseread", dir, stamp);
	for (i = 2; lstat(final, &sb) == 0 && i < 100; i++) {
		free(final);
		final = xasprintf("%s/%s_%02d.caseread", dir, stamp, i);
	}
	if (rename(tmp, final) != 0) {
		rc = err_fail(cause, ERR_IO, "cannot save backup '%s': %s",
		    final, strerror(errno));
		goto out;
	}
	free(tmp);
	tmp = NULL;
	if ((rc = sync_path(dir, 1, cause)) != 0)
		goto out;
	prune(dir, keep, final);
	if (made != NULL) {
		*made = final;
		final = NULL;
	}
	rc = 0;

out:
	if (tmp != NULL) {
		char *side = xasprintf("%s-journal", tmp);

		unlink(tmp);
		unlink(side);
		free(side);
	}
	free_names(names, n);
	free(newest);
	free(tmp);
	free(final);
	free(dir);
	return rc;
}
