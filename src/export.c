/*
 * The export driver: picks the sink, walks the cases inside one read
 * transaction for the stream formats, and owns the safe-file dance every
 * format shares (temporary beside the target, fsync, rename, fsync the
 * directory). The formats themselves are in export-*.c.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export.h"
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
		return util_fail(cause, "the output file name is empty");
	if (lstat(path, &sb) != 0)
		return 0;	/* a new file: whether we may create it shows later */
	if (S_ISDIR(sb.st_mode))
		return util_fail(cause, "cannot write '%s': it is a directory",
		    path);
	if (!S_ISREG(sb.st_mode))
		return util_fail(cause, "cannot write '%s': not a regular file "
		    "(use '-o -' for standard output)", path);
	for (i = 0; i < sizeof sides / sizeof sides[0] && !own; i++) {
		side = xasprintf("%s%s", db_path(db), sides[i]);
		own = same_inode(&sb, side);
		free(side);
	}
	if (own)
		return util_fail(cause, "'%s' is the inspection being exported: "
		    "name another output file", path);
	if (db_bundle_probe(path) == DB_PROBE_INSPECTION)
		return util_fail(cause, "'%s' is a caseread inspection file: not "
		    "overwriting it", path);
	return 0;
}

char *
export_tmp_create(const char *path, char **cause)
{
	char	*copy, *dir, *base, *tmp;
	int	 fd;

	copy = xstrdup(path);
	dir = xstrdup(dirname(copy));
	free(copy);
	copy = xstrdup(path);
	base = xstrdup(basename(copy));
	free(copy);
	/* Hidden, beside the target: the rename never crosses file systems. */
	tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
	free(dir);
	free(base);
	if ((fd = mkostemp(tmp, O_CLOEXEC)) == -1) {
		util_fail(cause, "cannot write '%s': %s", path, strerror(errno));
		free(tmp);
		return NULL;
	}
	if (fchmod(fd, 0600) != 0) {
		util_fail(cause, "cannot write '%s': %s", path, strerror(errno));
		close(fd);
		export_tmp_remove(tmp);
		free(tmp);
		return NULL;
	}
	close(fd);
	return tmp;
}

void
export_tmp_remove(const char *tmp)
{
	static const char *const sides[] = { "-journal", "-wal", "-shm" };
	char	*side;
	size_t	 i;

	unlink(tmp);
	for (i = 0; i < sizeof sides / sizeof sides[0]; i++) {
		side = xasprintf("%s%s", tmp, sides[i]);
		unlink(side);
		free(side);
	}
}

int
export_tmp_commit(const char *tmp, const char *path, char **cause)
{
	char	*copy, *dir;
	int	 fd, ok;

	if ((fd = open(tmp, O_RDWR | O_CLOEXEC)) == -1)
		return util_fail(cause, "cannot write '%s': %s", path,
		    strerror(errno));
	ok = fchmod(fd, 0600) == 0 && fsync(fd) == 0;
	if (!ok) {
		util_fail(cause, "cannot write '%s': %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	if (rename(tmp, path) != 0)
		return util_fail(cause, "cannot write '%s': %s", path,
		    strerror(errno));
	/* The rename itself is durable only once the directory is synced. */
	copy = xstrdup(path);
	dir = dirname(copy);
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		fsync(fd);
		close(fd);
	}
	free(copy);
	return 0;
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

static int
run_stream(struct export_ctx *ctx, const struct export_sink *sink,
    char **cause)
{
	const char	*out = ctx->opts->out;
	char		*tmp = NULL;
	int		 to_stdout = strcmp(out, "-") == 0, ok = 0, err;

	if (to_stdout)
		ctx->f = stdout;
	else {
		if (export_check_target(ctx->db, out, cause) != 0 ||
		    (tmp = export_tmp_create(out, cause)) == NULL)
			return -1;
		if ((ctx->f = fopen(tmp, "w")) == NULL) {
			util_fail(cause, "cannot write '%s': %s", out,
			    strerror(errno));
			goto out;
		}
	}
	if (db_read_begin(ctx->db, cause) != 0)
		goto out;
	if (sink->begin(ctx, cause) == 0) {
		ok = walk_kind(ctx, sink, QB_CHILD, cause) == 0 &&
		    walk_kind(ctx, sink, QB_VICTIM, cause) == 0;
		/* end releases the sink's state, so it runs after a failure too. */
		if (sink->end(ctx, ok ? cause : NULL) != 0)
			ok = 0;
	}
	db_read_end(ctx->db);
	if (!ok)
		goto out;
	ok = 0;
	errno = 0;
	if (fflush(ctx->f) != 0 || ferror(ctx->f)) {
		err = errno;
		util_fail(cause, "cannot write '%s': %s", to_stdout ?
		    "standard output" : out, err != 0 ? strerror(err) :
		    "write error");
		goto out;
	}
	if (!to_stdout) {
		err = fclose(ctx->f);
		ctx->f = NULL;
		if (err != 0) {
			util_fail(cause, "cannot write '%s': %s", out,
			    strerror(errno));
			goto out;
		}
		if (export_tmp_commit(tmp, out, cause) != 0)
			goto out;
	}
	ok = 1;
out:
	if (!to_stdout && ctx->f != NULL)
		fclose(ctx->f);
	ctx->f = NULL;
	if (tmp != NULL && !ok)
		export_tmp_remove(tmp);
	free(tmp);
	return ok ? 0 : -1;
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
		return util_fail(cause, "no output file given");
	if (sink->binary && strcmp(opts->out, "-") == 0)
		return util_fail(cause, "a %s is written to a file, not to "
		    "standard output: give -o FILE", sink->name);
	if (sink->file != NULL)
		rc = sink->file(&ctx, cause);
	else
		rc = run_stream(&ctx, sink, cause);
	if (rc == 0 && counts != NULL)
		*counts = ctx.counts;
	return rc;
}
