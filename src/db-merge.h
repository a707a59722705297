/*
 * Storage for the exchange between inspectors: export snapshots with their
 * manifest (db-export.c, db-digest.c) and merging bundles into the lead's file
 * (db-merge*.c). The merge's rule itself is merge.c's, passed in as a callback.
 */
#ifndef CASEREAD_DB_MERGE_H
#define CASEREAD_DB_MERGE_H

#include "db.h"
#include "model.h"

/* Export and merge (db-export.c, db-merge.c) */

/* The rows an export bundle holds: recorded in its manifest, checked on merge. */
struct db_bundle_counts {
	long long	 cases;
	long long	 answers;
	long long	 history;	/* answer history rows */
	long long	 events;	/* completed and reopened events */
};

/* What db_bundle_probe found at a path. */
#define DB_PROBE_NONE		0	/* no file, or not a caseread file */
#define DB_PROBE_BUNDLE		1	/* a caseread export bundle */
#define DB_PROBE_INSPECTION	2	/* a caseread inspection file */
/*
 * Look at path without writing to it or beside it (no -wal or -shm is left).
 * A file with a write-ahead log beside it is a live WAL file, which a bundle
 * never is: it counts as an inspection. Never fails.
 */
int		 db_bundle_probe(const char *path);

/*
 * Write a consistent snapshot of the whole file to path with VACUUM INTO (path
 * must not exist, or be empty) and record in it the bundle manifest: exporter,
 * exported_at, the source's uid, the program and the counts, which are also
 * stored in *counts. Drops the per-file settings. Neither syncs nor renames: the
 * caller does, and removes path on failure.
 */
int		 db_export_snapshot(struct db *, const char *path,
		     const char *exporter, const char *exported_at,
		     struct db_bundle_counts *counts, char **cause);
/*
 * Reopen a written bundle as a reader would: a caseread file of this schema,
 * passing integrity_check, with a manifest whose counts equal its rows and want
 * and whose digest matches its rows. -ERR_DAMAGED with *cause when it is not,
 * -ERR_IO when it cannot be reopened.
 */
int		 db_export_verify(const char *path,
		     const struct db_bundle_counts *want, char **cause);

/* What a merge does with one case of a bundle. */
enum db_merge_action {
	DB_MERGE_ADD,		/* not in the lead's file: added */
	DB_MERGE_UPDATE,	/* the same inspector's newer copy: replaces it */
	DB_MERGE_UNCHANGED,	/* the lead's file already holds it as it is */
	DB_MERGE_OLDER,		/* the lead holds a newer copy: set aside */
	DB_MERGE_REPLACE,	/* another inspector's copy gives way (--keep) */
	DB_MERGE_SKIP,		/* the lead's copy stands (--keep, or settled) */
	DB_MERGE_CONFLICT	/* read by two inspectors: nothing is written */
};
#define DB_MERGE_NACTIONS	7

/*
 * One case of a bundle against the lead's file, for the merge's decision. Files
 * are told apart by their source uid (each 'caseread init' makes its own), since
 * two laptops can name their inspector alike.
 */
struct db_merge_case {
	enum qb_kind	 kind;
	const char	*ref;
	const char	*inspector;	/* reading inspector in the bundle */
	const char	*updated_at;	/* in the bundle */
	const char	*uid;		/* the file this copy was read in: the bundle's uid, or where the bundle's file merged it from */
	const char	*bundle;	/* the bundle's path, as given */
	int		 in_lead;	/* the lead has a case of this kind and ref */
	const char	*lead_inspector;	/* its reading inspector */
	const char	*lead_updated_at;
	const char	*lead_uid;	/* uid of the file the lead's copy came from */
	const char	*lead_source;	/* that bundle's path as merged, or the lead's own path */
	int		 same;		/* details, status and answers are equal */
	const char	*settled;	/* inspector kept by an earlier --keep, or NULL */
	const char	*settled_uid;	/* with settled: the uid kept between two files of one name */
};
/*
 * The merge's rule, supplied by merge.c: the action for one case, and in *settle
 * whether to remember the outcome of a conflict so later merges do not ask again.
 */
typedef enum db_merge_action (*db_merge_decide_fn)(const struct db_merge_case *,
		     int *settle, void *arg);

/* One answer on which two inspectors' copies of a case differ. */
struct db_merge_diff {
	char			*question;
	enum answer_value	 lead_value;
	enum answer_value	 value;
	int			 note_differs;
};

/* A case read by two inspectors. */
struct db_merge_conflict {
	enum qb_kind		 kind;
	char			*ref;
	char			*lead_inspector;
	char			*lead_bundle;	/* bundle it came from in this merge; NULL: the lead's file */
	char			*inspector;
	char			*bundle;
	char			*lead_source;	/* homonym: the lead copy's bundle or the lead's path */
	int			 homonym;	/* one inspector's name in two different files */
	struct db_merge_diff	*diffs;
	size_t			 ndiffs;
};

/* A bundle accepted for merging, and (after db_merge_run) what was done with it. */
struct db_merge_bundle {
	char		*path;
	char		*inspector;	/* who exported it */
	char		*exported_at;
	char		*source_uid;
	char		*digest;	/* of its rows, from its manifest */
	char		*service;
	struct db_bundle_counts counts;
	long		 actions[DB_MERGE_NACTIONS];	/* cases per action */
};

struct db_merge;

/*
 * A merge into lead, which must be an inspection file open for writing (not a
 * bundle). Free with db_merge_free. NULL with *cause when lead cannot take one.
 */
struct db_merge	*db_merge_new(struct db *lead, char **cause);
void		 db_merge_free(struct db_merge *);
/*
 * Add the bundle at path to the merge; the lead's own file is refused here with
 * *cause, everything else is checked by db_merge_run, before it commits.
 */
int		 db_merge_add(struct db_merge *, const char *path, char **cause);
/*
 * Merge the bundles, in the order added, in one transaction, deciding each case
 * with decide. keep is recorded in the log. A bundle is refused, the whole merge
 * with it, when it is not a caseread bundle, is damaged or truncated
 * (quick_check of every page, manifest counts, the digest of its rows, rows
 * pointing at missing rows), holds answers to questions the bank does not have
 * or of the other kind of case, or comes from another inspection (service or
 * type) or another question bank (id, version or hash) than the lead. The
 * inspection's uid is not compared (each inspector creates their own file); it
 * tells files apart. Returns 0 when merged and
 * committed, or when nothing would change (then nothing is written, not even
 * the log: see db_merge_changed); -ERR_CONFLICT when there were conflicts, in
 * which case nothing is written and db_merge_conflicts lists them all;
 * -ERR_REFUSED for a bundle refused, or another code, with *cause (nothing
 * written).
 */
int		 db_merge_run(struct db_merge *, db_merge_decide_fn decide,
		     void *arg, const char *keep, char **cause);
/* Borrowed, valid until db_merge_free. */
/* After db_merge_run returned 0: did it write anything to the lead's file? */
int		 db_merge_changed(const struct db_merge *);
const struct db_merge_bundle *db_merge_bundles(const struct db_merge *,
		     size_t *n);
const struct db_merge_conflict *db_merge_conflicts(const struct db_merge *,
		     size_t *n);

/* A merge recorded in the lead's file. */
struct db_merge_log {
	char		*bundle;
	char		*inspector;
	char		*exported_at;
	char		*merged_at;
	char		*merged_by;
	long		 added;
	long		 updated;
	long		 unchanged;
	long		 skipped;
	char		*keep;		/* "" when none */
};
/* The merges recorded in the file, oldest first. */
int		 db_merge_log_list(struct db *, struct db_merge_log **out,
		     size_t *n, char **cause);
void		 db_merge_log_free(struct db_merge_log *, size_t);

#endif
