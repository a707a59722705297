/*
 * Exporting an inspection file, as an interface with one sink per format (as
 * ncdu's struct dir_output): the bundle for the lead inspector (a whole-file
 * snapshot, export-bundle.c), and CSV and JSON (streams of cases and their
 * answers, export-csv.c and export-json.c). export.c walks the file and writes
 * every output to a temporary name that is renamed into place only when whole.
 * No curses: the terminal interface calls export_run as the command line does.
 */
#ifndef CASEREAD_EXPORT_H
#define CASEREAD_EXPORT_H

#include <stdio.h>

#include "db-case.h"
#include "db-merge.h"
#include "util.h"

struct export_opts {
	const char	*out;		/* file to write, or "-" for standard output */
	int		 excel;		/* CSV: start with a UTF-8 byte-order mark */
	/*
	 * Bundle: write a plain bundle even when the file has a lead key (else
	 * it is sealed to that key). When sealed_to is not NULL it receives
	 * the fingerprint the bundle was sealed to, "" when plain
	 * (KEYFILE_FPR_LEN bytes).
	 */
	int		 plain;
	char		*sealed_to;
	/*
	 * CSV, JSON: when not NULL, set to how many texts (notes, references,
	 * names) were not valid UTF-8 and were written with U+FFFD in place of
	 * each ill-formed sequence, since neither format can carry raw bytes.
	 */
	long long	*replaced;
};

struct export_ctx {
	struct db			*db;
	const struct export_opts	*opts;
	FILE				*f;	/* stream formats: where to write */
	void				*state;	/* the sink's own */
	char				 now[UTIL_TIME_LEN];	/* export time */
	struct db_bundle_counts		 counts;	/* what was written */
	long long			 replaced;	/* see export_opts */
};

struct export_sink {
	const char	*name;		/* "bundle", "csv", "json" */
	int		 binary;	/* never to a terminal or standard output */
	/*
	 * Whole-file formats write ctx->opts->out themselves, safely, and fill
	 * ctx->counts; NULL for stream formats.
	 */
	int	(*file)(struct export_ctx *, char **cause);
	/*
	 * Stream formats: begin, then item for each case (children's, then
	 * victims', each by reference) with its answers, then end, which must
	 * release the sink's state and is called after a failed item too (with
	 * cause NULL). Single writes need no checking: the sink flushes its
	 * writer in end and reports a failure with export_write_fail, while
	 * errno still says why, and export_run checks the stream once more.
	 */
	int	(*begin)(struct export_ctx *, char **cause);
	int	(*item)(struct export_ctx *, const struct db_case *,
		    const struct db_answer *, size_t nanswers, char **cause);
	int	(*end)(struct export_ctx *, char **cause);
};

extern const struct export_sink	export_bundle_sink;
extern const struct export_sink	export_csv_sink;
extern const struct export_sink	export_json_sink;

/* The sink for a format name ("bundle", "csv", "json"), or NULL. */
const struct export_sink *export_find(const char *name);

/*
 * Export db with sink to opts->out. Returns 0 with *counts (when not NULL) what
 * was written, or -1 with *cause; on failure nothing is left under opts->out
 * (a file already there stays as it was) and no temporary remains.
 */
/*
 * The cases in the sample not yet complete, named for a warning before an
 * export: *n of them, and (newly allocated) "C-2, C-7 and 3 more", naming at
 * most max; NULL when there are none. NULL with *cause on failure (*n is -1).
 */
char	*export_incomplete(struct db *, long *n, size_t max, char **cause);
int	 export_run(struct db *, const struct export_sink *,
	     const struct export_opts *, struct db_bundle_counts *counts,
	     char **cause);

/*
 * For sinks: refuse an output path that is db's own file or another caseread
 * inspection file, which a mistyped -o would otherwise destroy.
 */
int	 export_check_target(struct db *, const char *path, char **cause);
/*
 * A temporary file beside the target, open and holding an exclusive flock(2)
 * for as long as it is being written: the lock is how a later export tells a
 * live temporary from one a killed export left behind (export_tmp_sweep).
 */
struct export_tmp {
	char	*path;		/* ".NAME.XXXXXX" in the target's directory */
	int	 fd;		/* open on it, holding the lock; -1 when none */
};

/*
 * Create an empty temporary (mode 0600) beside path, in the same directory so
 * the final rename cannot cross file systems, and lock it; first sweep away
 * the stale temporaries of the same target. 0, or -1 with *cause.
 */
int	 export_tmp_create(struct export_tmp *, const char *path, char **cause);
/*
 * Make the finished temporary durable and give it its final name: mode 0600,
 * fsync, rename over path, fsync the directory; then release it (as
 * export_tmp_remove would, without removing anything) and sweep again. On
 * failure the temporary is still there, to be removed by the caller.
 */
int	 export_tmp_commit(struct export_tmp *, const char *path,
	     char **cause);
/*
 * Remove a temporary and any journal SQLite left beside it, and release it.
 * A released or never created temporary (path NULL) is a no-op.
 */
void	 export_tmp_remove(struct export_tmp *);
/*
 * Remove what killed exports to path left behind: its ".NAME.XXXXXX"
 * temporaries (with their -journal, -wal, -shm) that are ours (regular, this
 * user's, mode 0600) and that no process holds locked, and side files whose
 * temporary is gone. A temporary that cannot be locked, because another
 * export is writing it or the file system has no locks, is left alone.
 * Returns how many temporaries it removed.
 */
int	 export_tmp_sweep(const char *path);

/*
 * For stream sinks: fail with "cannot write OUT: REASON" for ctx's output,
 * REASON being strerror(errno) when errno is set (call it right after the
 * failed write or flush, with errno cleared before it).
 */
int	 export_write_fail(const struct export_ctx *, char **cause);

#endif
