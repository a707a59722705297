/*
 * The export driver: picks the sink, walks the cases inside one read
 * transaction for the stream formats, and owns the safe-file dance every
 * format shares (temporary beside the target, fsync, rename, fsync the
 * directory). The formats themselves are in export-*.c.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db-case.h"
#include "db-merge.h"
#include "export.h"
#include "textgate.h"
#include "util.h"

static const struct export_sink *const sinks[] = {
	&export_bundle_sink,
	&export_csv_sink,
	&export_json_sink,
};

const struct export_sink *
export_find(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof sinks / sizeof sinks[0]; i++) {
		if (strcmp(sinks[i]->name, name) == 0)
			return sinks[i];
	}
	return NULL;
}

static int
same_inode(const struct stat *sb, const char *path)
{
	struct stat	other;

	return stat(path, &other) == 0 && other.st_dev == sb->st_dev &&
	    other.st_ino == sb->st_ino;
}

int
export_check_target(struct db *db, const char *path, char **cause)
{
	static const char *const sides[] = { "", "-wal", "-shm", "-journal" };
	struct stat	 sb;
	char		*side;
	size_t		 i;
	int		 own = 0;

	if (*path == '\0')
		return err_fail(cause, ERR_INVALID, "the output file name is "
		    "empty");
	if (lstat(path, &sb) != 0)
		return 0;	/* a new file: whether we may create it shows later */
	if (S_ISDIR(sb.st_mode))
		return err_fail(cause, ERR_INVALID, "cannot write '%s': it is "
		    "a directory", path);
	if (!S_ISREG(sb.st_mode))
		return err_fail(cause, ERR_INVALID, "cannot write '%s': not a "
		    "regular file (use '-o -' for standard output)", path);
	for (i = 0; i < sizeof sides / sizeof sides[0] && !own; i++) {
		side = xasprintf("%s%s", db_path(db), sides[i]);
		own = same_inode(&sb, side);
		free(side);
	}
	if (own)
		return err_fail(cause, ERR_INVALID, "'%s' is the inspection "
		    "being exported: name another output file", path);
	if (db_bundle_probe(path) == DB_PROBE_INSPECTION)
		return err_fail(cause, ERR_INVALID, "'%s' is a caseread "
		    "inspection file: not overwriting it", path);
	return 0;
}

/* The directory and base name of path, newly allocated. */
static void
split_path(const char *path, char **dir, char **base)
{
	char	*copy;

	copy = xstrdup(path);
	*dir = xstrdup(dirname(copy));
	free(copy);
	copy = xstrdup(path);
	*base = xstrdup(basename(copy));
	free(copy);
}

/* The side files SQLite may leave beside a database it was writing. */
static const char *const tmp_sides[] = { "-journal", "-wal", "-shm" };

/* Remove a temporary's name and its side files. */
static void
unlink_tmp(const char *tmp)
{
	char	*side;
	size_t	 i;

	for (i = 0; i < sizeof tmp_sides / sizeof tmp_sides[0]; i++) {
		side = xasprintf("%s%s", tmp, tmp_sides[i]);
		unlink(side);
		free(side);
	}
	unlink(tmp);
}

/*
 * Whether name, in the target's directory, is one of the target's temporaries
 * or their side files: prefix ".BASE.", then the six characters mkstemp(3)
 * chose, then nothing or a side suffix. *side says which.
 */
static int
tmp_name(const char *name, const char *prefix, int *side)
{
	size_t	plen = strlen(prefix), i;

	if (strncmp(name, prefix, plen) != 0)
		return 0;
	name += plen;
	for (i = 0; i < 6; i++) {
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= '0' && name[i] <= '9')))
			return 0;
	}
	if (name[6] == '\0') {
		*side = 0;
		return 1;
	}
	for (i = 0; i < sizeof tmp_sides / sizeof tmp_sides[0]; i++) {
		if (strcmp(name + 6, tmp_sides[i]) == 0) {
			*side = 1;
			return 1;
		}
	}
	return 0;
}

/*
 * Remove the temporary p if it is stale: ours, and lockable, which it is only
 * once the export that created it has gone (the kernel drops a flock with the
 * last descriptor, however the process ended). The name must still be the
 * inode we locked: never unlink what another process has just put there.
 */
static int
sweep_one(const char *p)
{
	struct stat	sb, now;
	int		fd, removed = 0;

	if ((fd = open(p, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC)) == -1)
		return 0;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_uid != geteuid() || (sb.st_mode & 07777) != 0600)
		goto out;
	if (flock(fd, LOCK_EX | LOCK_NB) != 0)
		goto out;	/* being written, or no locks here: keep it */
	if (lstat(p, &now) == 0 && now.st_dev == sb.st_dev &&
	    now.st_ino == sb.st_ino) {
		unlink_tmp(p);
		removed = 1;
	}
out:
	close(fd);
	return removed;
}

int
export_tmp_sweep(const char *path)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 sb;
	char		*dir, *base, *prefix, *p, *main;
	int		 side, removed = 0;

	split_path(path, &dir, &base);
	prefix = xasprintf(".%s.", base);
	if ((d = opendir(dir)) == NULL)
		goto out;
	while ((de = readdir(d)) != NULL) {
		if (!tmp_name(de->d_name, prefix, &side))
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		if (!side)
			removed += sweep_one(p);
		else {
			/*
			 * SQLite makes a side file only while its database
			 * exists, and a live export removes the side files
			 * before the temporary: one without it is left over.
			 */
			main = xasprintf("%s/%.*s", dir,
			    (int)(strlen(prefix) + 6), de->d_name);
			if (lstat(main, &sb) != 0 && errno == ENOENT &&
			    lstat(p, &sb) == 0 && S_ISREG(sb.st_mode) &&
			    sb.st_uid == geteuid())
				unlink(p);
			free(main);
		}
		free(p);
	}
	closedir(d);
out:
	free(prefix);
	free(base);
	free(dir);
	return removed;
}

int
export_tmp_create(struct export_tmp *t, const char *path, char **cause)
{
	struct stat	 sb, named;
	char		*dir, *base;
	int		 tries, err;

	t->path = NULL;
	t->fd = -1;
	export_tmp_sweep(path);
	split_path(path, &dir, &base);
	/*
	 * Between mkostemp and flock the new file is unlocked, and a sweep by
	 * another export may take it for stale and remove it. Its name then no
	 * longer leads to our inode (or our lock fails while the sweep holds
	 * it): start again under a new name.
	 */
	for (tries = 0; tries < 10; tries++) {
		/* Hidden, beside the target: the rename stays on one disk. */
		t->path = xasprintf("%s/.%s.XXXXXX", dir, base);
		if ((t->fd = mkostemp(t->path, O_CLOEXEC)) == -1) {
			err = errno;
			goto fail;
		}
		if (fchmod(t->fd, 0600) != 0) {
			err = errno;
			unlink(t->path);
			goto fail;
		}
		if (flock(t->fd, LOCK_EX | LOCK_NB) != 0 &&
		    errno == EWOULDBLOCK) {
			close(t->fd);
			free(t->path);
			continue;
		}
		/* Without locks on this file system, no sweep removes it. */
		if (fstat(t->fd, &sb) == 0 && lstat(t->path, &named) == 0 &&
		    sb.st_dev == named.st_dev && sb.st_ino == named.st_ino) {
			free(dir);
			free(base);
			return 0;
		}
		close(t->fd);
		free(t->path);
	}
	t->path = NULL;
	t->fd = -1;
	free(dir);
	free(base);
	return err_fail(cause, ERR_IO, "cannot write '%s': its temporary file "
	    "kept being removed", path);

fail:
	err_fail(cause, ERR_IO, "cannot write '%s': %s", path, strerror(err));
	if (t->fd != -1)
		close(t->fd);
	free(t->path);
	t->path = NULL;
	t->fd = -1;
	free(dir);
	free(base);
	return -ERR_IO;
}

/* Release the temporary's lock and name, removing nothing. */
static void
release_tmp(struct export_tmp *t)
{
	if (t->fd != -1)
		close(t->fd);
	t->fd = -1;
	free(t->path);
	t->path = NULL;
}

void
export_tmp_remove(struct export_tmp *t)
{
	if (t->path == NULL)
		return;
	/* Still locked while its names go, so no sweep races with us. */
	unlink_tmp(t->path);
	release_tmp(t);
}

int
export_tmp_commit(struct export_tmp *t, const char *path, char **cause)
{
	char	*copy, *dir;
	int	 fd, ok;

	/* By name: SQLite, not our descriptor, is what wrote the bundle. */
	if ((fd = open(t->path, O_RDWR | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return err_fail(cause, ERR_IO, "cannot write '%s': %s", path,
		    strerror(errno));
	ok = fchmod(fd, 0600) == 0 && fsync(fd) == 0;
	if (!ok) {
		ok = err_fail(cause, ERR_IO, "cannot write '%s': %s", path,
		    strerror(errno));
		close(fd);
		return ok;
	}
	close(fd);
	if (rename(t->path, path) != 0)
		return err_fail(cause, ERR_IO, "cannot write '%s': %s", path,
		    strerror(errno));
	/* The rename itself is durable only once the directory is synced. */
	copy = xstrdup(path);
	dir = dirname(copy);
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		fsync(fd);
		close(fd);
	}
	free(copy);
	release_tmp(t);
	/* Whatever an export killed while we wrote left behind. */
	export_tmp_sweep(path);
	return 0;
}

int
export_write_fail(const struct export_ctx *ctx, char **cause)
{
	int	err = errno;

	if (strcmp(ctx->opts->out, "-") == 0)
		return err_fail(cause, ERR_IO, "cannot write the export to "
		    "standard output: %s", err != 0 ? strerror(err) :
		    "write error");
	return err_fail(cause, ERR_IO, "cannot write '%s': %s", ctx->opts->out,
	    err != 0 ? strerror(err) : "write error");
}

/* Hand every case of one kind, with its answers, to the sink. */
static int
walk_kind(struct export_ctx *ctx, const struct export_sink *sink,
    enum qb_kind kind, char **cause)
{
	struct db_case		*cases = NULL;
	struct db_answer	*answers;
	size_t			 ncases = 0, nanswers, i;
	int			 rc = 0;

	if (db_case_list(ctx->db, kind, NULL, 0, -1, &cases, &ncases,
	    cause) != 0)
		return -1;
	for (i = 0; i < ncases && rc == 0; i++) {
		if (db_answer_list(ctx->db, cases[i].id, &answers, &nanswers,
		    cause) != 0) {
			rc = -1;
			break;
		}
		rc = sink->item(ctx, &cases[i], answers, nanswers, cause);
		ctx->counts.cases++;
		ctx->counts.answers += (long long)nanswers;
		db_answer_list_free(answers, nanswers);
	}
	db_case_list_free(cases, ncases);
	return rc;
}

/* An export for a terminal: CRLF as LF, then any file text shown visibly. */
static int
tty_write(char *buf, size_t n)
{
	char	*text;
	size_t	 i, o;
	int	 rc;

	for (i = o = 0; i < n; i++) {
		if (buf[i] == '\r' && i + 1 < n && buf[i + 1] == '\n')
			continue;
		buf[o++] = buf[i];
	}
	text = textgate_show(buf, o, 1);
	rc = fputs(text, stdout) == EOF || fflush(stdout) != 0 ? -1 : 0;
	free(text);
	return rc;
}

static int
run_stream(struct export_ctx *ctx, const struct export_sink *sink,
    char **cause)
{
	const char		*out = ctx->opts->out;
	struct export_tmp	 tmp = { NULL, -1 };
	int			 to_stdout = strcmp(out, "-") == 0, ok = 0;
	int			 fd = -1, rc, tty = 0, failed = -ERR_FAILED;
	char			*shown = NULL;
	size_t			 nshown = 0;

	if (to_stdout && isatty(STDOUT_FILENO)) {
		/*
		 * A terminal reads it: gathered, then shown as every report
		 * shows file text, so a control character a file holds cannot
		 * drive the terminal. Piped or redirected, CSV stays exact.
		 */
		if ((ctx->f = open_memstream(&shown, &nshown)) == NULL)
			return util_fail(cause, "cannot export: %s",
			    strerror(errno));
		tty = 1;
	} else if (to_stdout)
		ctx->f = stdout;
	else {
		if ((rc = export_check_target(ctx->db, out, cause)) != 0 ||
		    (rc = export_tmp_create(&tmp, out, cause)) != 0)
			return rc;
		/* Its own descriptor: closing the stream keeps the lock. */
		if ((fd = dup(tmp.fd)) == -1 ||
		    (ctx->f = fdopen(fd, "w")) == NULL) {
			failed = err_fail(cause, ERR_IO, "cannot write '%s': "
			    "%s", out, strerror(errno));
			if (fd != -1)
				close(fd);
			goto out;
		}
	}
	if ((failed = db_txn_read(ctx->db, "export", cause)) != 0)
		goto out;
	failed = -ERR_FAILED;
	if (sink->begin(ctx, cause) == 0) {
		ok = walk_kind(ctx, sink, QB_CHILD, cause) == 0 &&
		    walk_kind(ctx, sink, QB_VICTIM, cause) == 0;
		/* end releases the sink's state, so it runs after a failure too. */
		if (sink->end(ctx, ok ? cause : NULL) != 0)
			ok = 0;
	}
	db_txn_finish(ctx->db, "export", 0, NULL);
	if (!ok)
		goto out;
	ok = 0;
	errno = 0;
	if (fflush(ctx->f) != 0 || ferror(ctx->f)) {
		failed = export_write_fail(ctx, cause);
		goto out;
	}
	if (tty) {
		fclose(ctx->f);
		ctx->f = NULL;
		if (tty_write(shown, nshown) != 0) {
			failed = err_fail(cause, ERR_IO, "cannot write the "
			    "export: %s", strerror(errno));
			goto out;
		}
	} else if (!to_stdout) {
		errno = 0;
		rc = fclose(ctx->f);
		ctx->f = NULL;
		if (rc != 0) {
			failed = export_write_fail(ctx, cause);
			goto out;
		}
		if ((failed = export_tmp_commit(&tmp, out, cause)) != 0)
			goto out;
	}
	ok = 1;
out:
	if ((tty || !to_stdout) && ctx->f != NULL)
		fclose(ctx->f);
	ctx->f = NULL;
	free(shown);
	if (!ok)
		export_tmp_remove(&tmp);
	return ok ? 0 : failed;
}

char *
export_incomplete(struct db *db, long *n, size_t max, char **cause)
{
	struct db_case	*cases;
	size_t		 count, i;
	char		*s = NULL, *t;

	*n = -1;
	if (db_case_subset(db, DB_CASE_INCOMPLETE, &cases, &count,
	    cause) != 0)
		return NULL;
	*n = (long)count;
	for (i = 0; i < count && i < max; i++) {
		t = xasprintf("%s%s%s", s != NULL ? s : "", i > 0 ? ", " : "",
		    cases[i].ref);
		free(s);
		s = t;
	}
	if (count > max) {
		t = xasprintf("%s and %zu more", s, count - max);
		free(s);
		s = t;
	}
	db_case_list_free(cases, count);
	return s;
}

int
export_run(struct db *db, const struct export_sink *sink,
    const struct export_opts *opts, struct db_bundle_counts *counts,
    char **cause)
{
	struct export_ctx	ctx;
	int			rc;

	memset(&ctx, 0, sizeof ctx);
	ctx.db = db;
	ctx.opts = opts;
	util_now(ctx.now);
	if (opts->out == NULL)
		return err_fail(cause, ERR_INVALID, "no output file given");
	if (sink->binary && strcmp(opts->out, "-") == 0)
		return err_fail(cause, ERR_INVALID, "a %s is written to a "
		    "file, not to standard output: give -o FILE", sink->name);
	if (sink->file != NULL)
		rc = sink->file(&ctx, cause);
	else
		rc = run_stream(&ctx, sink, cause);
	if (rc == 0 && counts != NULL)
		*counts = ctx.counts;
	if (rc == 0 && opts->replaced != NULL)
		*opts->replaced = ctx.replaced;
	return rc;
}
