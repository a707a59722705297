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

#include "db.h"
#include "util.h"

struct export_opts {
	const char	*out;		/* file to write, or "-" for standard output */
	int		 excel;		/* CSV: start with a UTF-8 byte-order mark */
};

struct export_ctx {
	struct db			*db;
	const struct export_opts	*opts;
	FILE				*f;	/* stream formats: where to write */
	void				*state;	/* the sink's own */
	char				 now[UTIL_TIME_LEN];	/* export time */
	struct db_bundle_counts		 counts;	/* what was written */
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
	 * cause NULL). Write errors may be left to the stream: export_run checks
	 * it once at the end.
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
int	 export_run(struct db *, const struct export_sink *,
	     const struct export_opts *, struct db_bundle_counts *counts,
	     char **cause);

/*
 * For sinks: refuse an output path that is db's own file or another caseread
 * inspection file, which a mistyped -o would otherwise destroy.
 */
int	 export_check_target(struct db *, const char *path, char **cause);
/*
 * Create an empty temporary file (mode 0600) beside path, in the same
 * directory so the final rename cannot cross file systems. Returns its name,
 * newly allocated, or NULL with *cause.
 */
char	*export_tmp_create(const char *path, char **cause);
/*
 * Make the finished temporary tmp durable and give it its final name: mode
 * 0600, fsync, rename over path, fsync the directory.
 */
int	 export_tmp_commit(const char *tmp, const char *path, char **cause);
/* Remove a temporary and any journal SQLite left beside it. */
void	 export_tmp_remove(const char *tmp);

#endif
